/**
 * Astro writes one `<style>` for its island wrappers (astro-island, astro-slot: display contents)
 * just before the first island of a page, which puts it in `<body>`: invalid HTML (the Nu HTML
 * Checker reports it on every page with a widget). After the build this integration moves that
 * rule into `<head>`, unchanged, so the page's Content-Security-Policy hash of it still holds.
 * On-demand pages of the served mode are rendered per request and are not rewritten here.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/** The exact tag Astro emits (astro/dist/runtime/server/astro-island-styles.js). */
export const ISLAND_STYLE_TAG = '<style>astro-island,astro-slot,astro-static-slot{display:contents}</style>';

/** The page with the island rule moved from the body to the end of the head; other pages unchanged. */
export function moveIslandStyleToHead(html: string): string {
  const head = html.indexOf('</head>');
  const at = html.indexOf(ISLAND_STYLE_TAG);
  if (head < 0 || at < head) return html;
  const body = html.slice(0, at) + html.slice(at + ISLAND_STYLE_TAG.length);
  return body.slice(0, head) + ISLAND_STYLE_TAG + body.slice(head);
}

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
