/**
 * drizzle-kit's configuration: `npm run db:generate` compares the schema with the last snapshot in
 * `drizzle/meta/` and writes the next migration; the app runs them on open (record 010).
 */
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/server/db/schema.server.ts',
  out: './drizzle',
  strict: true,
  verbose: true,
});
