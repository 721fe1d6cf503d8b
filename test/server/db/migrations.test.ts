/**
 * The migrations in drizzle/ say exactly what the schema says: change a table without running
 * `npm run db:generate` and this fails (drizzle-kit diffs the schema against the last snapshot,
 * the same comparison `generate` makes, in memory).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { generateDrizzleJson, generateMigration } from 'drizzle-kit/api';
import { describe, expect, it } from 'vitest';
import * as schema from '../../../src/server/db/schema.server.ts';
import { MIGRATIONS } from './databases.ts';

interface Journal {
  entries: { idx: number; tag: string }[];
}

const journal = JSON.parse(readFileSync(join(MIGRATIONS, 'meta/_journal.json'), 'utf8')) as Journal;
const last = journal.entries.at(-1);
if (!last) throw new Error('drizzle/meta/_journal.json lists no migration: run npm run db:generate');
const lastSnapshot = JSON.parse(readFileSync(join(MIGRATIONS, 'meta', `${String(last.idx).padStart(4, '0')}_snapshot.json`), 'utf8'));

/** The SQL drizzle-kit would generate to bring the committed migrations up to `tables`. */
async function pendingStatements(tables: Record<string, unknown>): Promise<string[]> {
  return generateMigration(lastSnapshot, generateDrizzleJson(tables, lastSnapshot.id));
}

describe('the generated migrations', () => {
  it('match the schema: nothing is left for npm run db:generate to write', async () => {
    expect(await pendingStatements(schema), 'the schema changed: run npm run db:generate and commit drizzle/').toEqual([]);
  });

  it('would notice a schema change (the check above can fail)', async () => {
    const grown = pgTable('cohort_note', { id: integer('id').primaryKey(), text: text('text').notNull() });
    const statements = await pendingStatements({ ...schema, grown });
    expect(statements.join('\n')).toContain('CREATE TABLE "cohort_note"');
  });

  it('are listed in the journal, one SQL file per entry, none missing or extra', () => {
    const files = readdirSync(MIGRATIONS)
      .filter((f) => f.endsWith('.sql'))
      .sort();
    expect(files).toEqual(journal.entries.map((e) => `${e.tag}.sql`));
  });
});
