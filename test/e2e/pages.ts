/**
 * The built site's pages, discovered from dist/ so that every page a future issue adds is
 * covered by the page-wide checks (axe) without editing the tests.
 */
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const DIST = new URL('../../dist/', import.meta.url).pathname;

/** URL paths of every HTML page in dist/ ("/", "/lessons/x/", "/404.html"), sorted. */
export function builtPages(): string[] {
  const pages: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.html')) {
        const path = `/${relative(DIST, full).split(sep).join('/')}`;
        pages.push(path.endsWith('/index.html') ? path.slice(0, -'index.html'.length) : path);
      }
    }
  };
  walk(DIST);
  return pages.sort();
}
