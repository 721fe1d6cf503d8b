/** Rewriting the built HTML pages after `astro build`, shared by the integrations that need it. */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Applies `rewrite` to every .html file under `dir`, writing back those it changed; returns how many. */
export async function rewriteBuiltPages(dir: string, rewrite: (html: string) => string): Promise<number> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  let changed = 0;
  for (const entry of entries.filter((e) => e.isFile() && e.name.endsWith('.html'))) {
    const file = join(entry.parentPath, entry.name);
    const html = await readFile(file, 'utf8');
    const rewritten = rewrite(html);
    if (rewritten === html) continue;
    await writeFile(file, rewritten);
    changed += 1;
  }
  return changed;
}
