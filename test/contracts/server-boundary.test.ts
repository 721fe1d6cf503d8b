/**
 * The runtime boundary is in the file name: Node- and Astro-only code lives in `*.server.ts`
 * (src/server/), and nothing that can reach the browser imports it. Browser code is every module
 * under src/ except `*.server.ts` and src/content.config.ts, plus the `<script>` tags of `.astro`
 * files; the frontmatter of an `.astro` file runs at build time and may import server code.
 *
 * The check follows relative imports from each browser module (into machines/ too), so a
 * helper that quietly pulls in `node:fs` or `astro:content` is caught wherever it sits.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const SOURCE = /\.(ts|tsx|mts|mjs|js|astro)$/;
/** Modules that exist only in Node or at Astro build time. */
const SERVER_ONLY_SPECIFIER = /^(node:|astro:content$|astro\/loaders$)/;
/** Files that run only at build time or on the server, and may import anything. */
const isServerFile = (file: string) => file.endsWith('.server.ts') || file === 'src/content.config.ts';

/** Every import specifier in a piece of source: static, re-exports, side effects and `import()`. */
function importSpecifiers(code: string): string[] {
  const found: string[] = [];
  const pattern = /(?:^|[\s;}])(?:import|export)\s*(?:[\w*\s{},$]*?\sfrom\s*)?['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const match of code.matchAll(pattern)) found.push((match[1] ?? match[2]) as string);
  return found;
}

/** The part of a file that reaches the browser: a whole module, or an `.astro` file's `<script>` tags. */
function browserCode(file: string, text: string): string {
  if (!file.endsWith('.astro')) return text;
  return [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n');
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(path);
    return SOURCE.test(entry.name) ? [path] : [];
  });
}

/** The repository file a relative specifier names, or undefined for packages and assets. */
function resolveImport(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const target = relative(ROOT, resolve(ROOT, dirname(from), specifier.split('?')[0] as string));
  return ['', '.ts', '.tsx', '/index.ts'].map((ext) => target + ext).find((f) => SOURCE.test(f) && existsSync(join(ROOT, f)));
}

/** Why `file` (reached from a browser module) breaks the boundary, following its imports; [] when it does not. */
function violations(entry: string): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const walk = (file: string, code: string, via: string[]) => {
    for (const specifier of importSpecifiers(code)) {
      const chain = [...via, file].join(' → ');
      if (SERVER_ONLY_SPECIFIER.test(specifier)) problems.push(`${chain} imports ${specifier}`);
      const target = resolveImport(file, specifier);
      if (!target || seen.has(target)) continue;
      seen.add(target);
      if (isServerFile(target)) problems.push(`${chain} imports ${target}`);
      else walk(target, browserCode(target, readFileSync(join(ROOT, target), 'utf8')), [...via, file]);
    }
  };
  walk(entry, browserCode(entry, readFileSync(join(ROOT, entry), 'utf8')), []);
  return problems;
}

describe('the server boundary', () => {
  const browserFiles = sourceFiles('src').filter((f) => !isServerFile(f));

  it('finds the server code and the browser code it keeps apart', () => {
    const server = sourceFiles('src').filter(isServerFile);
    expect(server).toContain('src/server/lab-files.server.ts');
    expect(server).toContain('src/server/course-collection.server.ts');
    expect(browserFiles).toContain('src/labs/WorkbenchBody.tsx');
    expect(browserFiles).toContain('src/progress/progress-marker.ts');
  });

  it('keeps Node-only modules in *.server.ts files', () => {
    const misplaced = browserFiles.filter((f) => {
      const text = readFileSync(join(ROOT, f), 'utf8');
      // An .astro file's frontmatter runs at build time: only its scripts count here.
      return importSpecifiers(browserCode(f, text)).some((s) => SERVER_ONLY_SPECIFIER.test(s));
    });
    expect(misplaced, 'move Node/Astro-only code into src/server/<name>.server.ts').toEqual([]);
  });

  it('never lets browser code import server code, directly or through another module', () => {
    const problems = browserFiles.flatMap(violations);
    expect(problems, 'browser code must not import *.server.ts, node: or astro:content modules').toEqual([]);
  });

  it('reads every kind of import, and only the scripts of an .astro file', () => {
    const code = [
      "import { a } from './a.server.ts';",
      "import type { B } from '../b.ts';",
      "export { c } from './c.ts';",
      "import './d.css';",
      "const e = await import('node:fs');",
      "import {\n  f,\n  g,\n} from 'node:path';",
    ].join('\n');
    expect(importSpecifiers(code)).toEqual(['./a.server.ts', '../b.ts', './c.ts', './d.css', 'node:fs', 'node:path']);
    const astro = "---\nimport { x } from '../server/x.server.ts';\n---\n<p>text</p>\n<script>\n  import { y } from './y.ts';\n</script>";
    expect(importSpecifiers(browserCode('Page.astro', astro))).toEqual(['./y.ts']);
  });
});
