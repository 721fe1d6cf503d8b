/**
 * After the build, moves Astro's island style rule from each built page's body into its head
 * (why: src/server/island-styles.server.ts, which holds the rewrite).
 */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { moveIslandStyleToHead } from '../src/server/island-styles.server.ts';
import { rewriteBuiltPages } from './built-pages.ts';

/** The integration astro.config.mjs adds in both modes: rewrites the built pages once, after the build. */
export function islandStylesInHead(): AstroIntegration {
  return {
    name: 'plc-defense-lab:island-styles-in-head',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const moved = await rewriteBuiltPages(fileURLToPath(dir), moveIslandStyleToHead);
        logger.info(`island style moved into <head> on ${moved} page(s)`);
      },
    },
  };
}
