// @ts-check
import mdx from '@astrojs/mdx';
import node from '@astrojs/node';
import react from '@astrojs/react';
import { defineConfig } from 'astro/config';
import { createHash } from 'node:crypto';
import { INLINE_SCRIPTS } from './src/components/inline-scripts.ts';
import { islandStylesInHead } from './scripts/island-styles-in-head.ts';
import { soonDirective } from './scripts/soon-directive.ts';
import { servedMode } from './src/server/served-mode.server.ts';

// Two builds of one site (docs/decisions/011-served-mode.md): the static course (default; any
// static host, practice only) and the served course (COURSE_MODE=served, what `npm start` runs):
// the same prerendered pages plus the on-demand routes, on Node.
const served = process.env.COURSE_MODE === 'served';

export default defineConfig({
  site: 'http://localhost:4321',
  integrations: [mdx(), react(), soonDirective(), islandStylesInHead(), ...(served ? [servedMode()] : [])],
  ...(served ? { adapter: node({ mode: 'standalone' }), outDir: 'dist-served' } : {}),
  // Astro hashes every script and style it emits into each page's policy, and our two inline
  // scripts are hashed here: no 'unsafe-inline'. The start script adds the headers a <meta>
  // policy cannot carry (src/server/security-headers.server.ts).
  security: {
    checkOrigin: true,
    csp: { scriptDirective: { hashes: INLINE_SCRIPTS.map((s) => /** @type {`sha256-${string}`} */ (`sha256-${createHash('sha256').update(s).digest('base64')}`)) } },
  },
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
