// @ts-check
import mdx from '@astrojs/mdx';
import react from '@astrojs/react';
import { defineConfig } from 'astro/config';

export default defineConfig({
  site: 'http://localhost:4321',
  integrations: [mdx(), react()],
  // Prose pages ship no framework JS; islands hydrate when visible.
  server: { host: '127.0.0.1', port: 4321 },
});
