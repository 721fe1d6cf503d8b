/**
 * The middleware for pages the served course renders on request: the same rewrites the build gives
 * its prerendered pages (scripts/island-styles-in-head.ts, scripts/soon-directive.ts), so a class
 * lab page is as valid and comes alive as fast as a practice one. Astro's island style rule moves
 * into <head>; a `client:soon` island with `preloadWhen` gets its module graph preloaded, read from
 * the built client files (`build.client`, where `npm start` built them; a chunk that is not there
 * only loses its imports' links). Every other response passes untouched (streams included).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'astro:config/server';
import type { MiddlewareHandler } from 'astro';
import { moveIslandStyleToHead } from './island-styles.server.ts';
import { preloadSoonIslands, staticImports } from './soon-preload.server.ts';

const CLIENT_DIR = fileURLToPath(build.client);
/** A built chunk's imports never change while the server runs: read each file once. */
const imports = new Map<string, string[]>();

function importsOf(url: string): string[] {
  let found = imports.get(url);
  if (!found) {
    try {
      found = staticImports(url, readFileSync(join(CLIENT_DIR, url), 'utf8'));
    } catch {
      found = [];
    }
    imports.set(url, found);
  }
  return found;
}

export const onRequest: MiddlewareHandler = async (context, next) => {
  // Prerendered pages get these rewrites once, after the build; here only pages rendered on request.
  if (context.isPrerendered) return next();
  const response = await next();
  if (!response.headers.get('content-type')?.startsWith('text/html')) return response;
  const html = await response.text();
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  return new Response(preloadSoonIslands(moveIslandStyleToHead(html), importsOf), { status: response.status, statusText: response.statusText, headers });
};
