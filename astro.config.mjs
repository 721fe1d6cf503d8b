// @ts-check
import mdx from '@astrojs/mdx';
import react from '@astrojs/react';
import { defineConfig } from 'astro/config';

export default defineConfig({
  site: 'http://localhost:4321',
  integrations: [mdx(), react()],
  // Prose pages ship no framework JS; islands hydrate when visible.
  server: { host: '127.0.0.1', port: 4321 },
  vite: {
    environments: {
      client: {
        build: {
          rolldownOptions: {
            output: {
              codeSplitting: {
                groups: [
                  {
                    // The progress marker (on every page, budget 2 KB gzipped) and the zod-free
                    // progress modules it imports, in one chunk: left alone, the other scripts
                    // sharing those modules split them into several small files that gzip worse
                    // (see src/progress/progress-marker.ts). Every page loads the marker, so nothing
                    // extra reaches any page.
                    name: 'progress-core',
                    test: /src[\\/](progress[\\/]progress-(doc|marker|storage)\.ts$|components[\\/]ProgressMarker\.astro)/,
                  },
                ],
              },
            },
          },
        },
      },
    },
  },
});
