/**
 * After the build, moves Astro's island style rule from each built page's body into its head
 * (why: src/server/island-styles.server.ts, which holds the rewrite).
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { moveIslandStyleToHead } from '../src/server/island-styles.server.ts';

async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.html')).map((e) => join(e.parentPath, e.name));
}

/** The integration astro.config.mjs adds in both modes: rewrites the built pages once, after the build. */
export function islandStylesInHead(): AstroIntegration {
  return {
    name: 'plc-defense-lab:island-styles-in-head',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        let moved = 0;
        for (const file of await htmlFiles(fileURLToPath(dir))) {
          const html = await readFile(file, 'utf8');
          const fixed = moveIslandStyleToHead(html);
          if (fixed === html) continue;
          await writeFile(file, fixed);
          moved += 1;
        }
        logger.info(`island style moved into <head> on ${moved} page(s)`);
      },
    },
  };
}
