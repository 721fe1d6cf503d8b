/**
 * Site benchmark: how long `astro build` takes, and for every built page the bytes of HTML,
 * CSS and JavaScript it loads, raw and gzipped. Prose pages (no islands, not marked
 * data-page-kind="app") must load at most 2 KB of gzipped JavaScript, and the progress marker
 * bundle must fit that budget on every page.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { BenchSection, SectionResult } from './section.ts';

/** Gzipped JavaScript a prose page may load (the progress marker's budget). */
export const PROSE_JS_BUDGET = 2048;

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');

interface Bytes {
  raw: number;
  gz: number;
}

/** What one page loads. */
export interface PageWeight {
  /** URL path. */
  path: string;
  /** "prose" or "app" (app = marked data-page-kind="app" or has islands). */
  kind: 'prose' | 'app';
  html: Bytes;
  css: Bytes;
  /** Script files: <script src>, module preloads, island components and renderers, and their static imports. */
  js: Bytes;
  /** Scripts written into the HTML (already part of `html`), shown for transparency. */
  inlineJs: Bytes;
  /** The progress marker's entry and its imports. */
  marker: Bytes | undefined;
}

const size = (text: string | Buffer): Bytes => ({ raw: Buffer.byteLength(text), gz: gzipSync(text).length });
const add = (a: Bytes, b: Bytes): Bytes => ({ raw: a.raw + b.raw, gz: a.gz + b.gz });
const ZERO: Bytes = { raw: 0, gz: 0 };
const kb = (n: number) => (n < 1024 ? `${n} B` : `${(n / 1024).toFixed(1)} KB`);
const pair = (b: Bytes) => `${kb(b.raw)} / ${kb(b.gz)}`;

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return htmlFiles(full);
    return entry.name.endsWith('.html') ? [full] : [];
  });
}

/** Attribute values of tags matching `tag` that carry `attr`. */
function attributeValues(html: string, tag: RegExp, attr: string): string[] {
  const values: string[] = [];
  for (const match of html.matchAll(tag)) {
    const value = new RegExp(`\\b${attr}="([^"]+)"`).exec(match[0])?.[1];
    if (value) values.push(value);
  }
  return values;
}

function readAsset(url: string): string | undefined {
  if (!url.startsWith('/')) return undefined;
  const file = join(DIST, decodeURIComponent(url.split(/[?#]/)[0] ?? ''));
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/** A script and every module it imports statically, by URL. */
function withStaticImports(url: string, seen: Set<string>): void {
  if (seen.has(url)) return;
  const code = readAsset(url);
  if (code === undefined) return;
  seen.add(url);
  const base = new URL(url, 'http://site');
  for (const match of code.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["']([^"']+\.m?js)["']/g)) {
    const spec = match[1];
    if (spec) withStaticImports(new URL(spec, base).pathname, seen);
  }
}

function sumAssets(urls: Iterable<string>): Bytes {
  let total = ZERO;
  for (const url of urls) {
    const text = readAsset(url);
    if (text !== undefined) total = add(total, size(text));
  }
  return total;
}

/** Weighs one built page. */
export function weighPage(file: string): PageWeight {
  const html = readFileSync(file, 'utf8');
  const rel = `/${relative(DIST, file).split(sep).join('/')}`;
  const path = rel.endsWith('/index.html') ? rel.slice(0, -'index.html'.length) : rel;

  const styles = attributeValues(html, /<link\b[^>]*rel="stylesheet"[^>]*>/g, 'href');
  const entries = [
    ...attributeValues(html, /<script\b[^>]*\bsrc="[^"]+"[^>]*>/g, 'src'),
    ...attributeValues(html, /<link\b[^>]*rel="modulepreload"[^>]*>/g, 'href'),
    ...attributeValues(html, /<astro-island\b[^>]*>/g, 'component-url'),
    ...attributeValues(html, /<astro-island\b[^>]*>/g, 'renderer-url'),
  ];
  const scripts = new Set<string>();
  for (const url of entries) withStaticImports(url, scripts);

  const markerEntry = entries.find((url) => url.includes('ProgressMarker'));
  const markerFiles = new Set<string>();
  if (markerEntry) withStaticImports(markerEntry, markerFiles);

  let inlineJs = ZERO;
  for (const match of html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
    if (match[1]?.trim()) inlineJs = add(inlineJs, size(match[1]));
  }

  const isApp = /data-page-kind="app"/.test(html) || /<astro-island\b/.test(html);
  return {
    path,
    kind: isApp ? 'app' : 'prose',
    html: size(html),
    css: sumAssets(styles),
    js: sumAssets(scripts),
    inlineJs,
    marker: markerEntry ? sumAssets(markerFiles) : undefined,
  };
}

/** Weighs every page in dist/, sorted by path. */
export function weighSite(): PageWeight[] {
  return htmlFiles(DIST)
    .map(weighPage)
    .sort((a, b) => a.path.localeCompare(b.path));
}

function build(): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, [join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`astro build failed:\n${result.stdout}\n${result.stderr}`);
  return performance.now() - started;
}

const section: BenchSection = {
  title: 'Site: build time and page weight',
  async run(): Promise<SectionResult> {
    const buildMs = build();
    const pages = weighSite();
    const failures: string[] = [];
    const rows = pages.map((p) => {
      const flags: string[] = [];
      if (p.kind === 'prose' && p.js.gz > PROSE_JS_BUDGET) {
        flags.push('⚠ prose JS over 2 KB');
        failures.push(`${p.path} is a prose page loading ${p.js.gz} B of gzipped JavaScript (budget ${PROSE_JS_BUDGET} B).`);
      }
      if (p.marker && p.marker.gz > PROSE_JS_BUDGET) {
        flags.push('⚠ marker over 2 KB');
        failures.push(`${p.path}: the progress marker bundle is ${p.marker.gz} B gzipped (budget ${PROSE_JS_BUDGET} B).`);
      }
      return [
        `\`${p.path}\``,
        p.kind,
        pair(p.html),
        pair(p.css),
        pair(p.js),
        kb(p.inlineJs.gz),
        p.marker ? kb(p.marker.gz) : '—',
        flags.join(', ') || 'ok',
      ];
    });
    const marker = pages.find((p) => p.marker)?.marker;
    return {
      tables: [
        {
          headers: ['Measure', 'Value'],
          rows: [
            ['`astro build` wall time', `${(buildMs / 1000).toFixed(2)} s`],
            ['Pages built', String(pages.length)],
            ['Progress marker bundle (gzipped)', marker ? `${marker.gz} B of ${PROSE_JS_BUDGET} B` : 'not found'],
          ],
        },
        {
          caption: 'Bytes each page loads, raw / gzipped.',
          headers: ['Page', 'Kind', 'HTML', 'CSS', 'JS files', 'Inline JS (gz)', 'Marker (gz)', 'Budget'],
          rows,
        },
      ],
      notes: [
        'JS files: `<script src>`, module preloads, island component and renderer modules, and every module they import statically; dynamic imports are not counted.',
        'Inline JS (the theme picker, island bootstrap) is part of the HTML bytes and shown separately.',
        '"prose" pages have no islands; they may load at most 2 KB of gzipped JavaScript. "app" pages (islands, or `kind="app"` such as /progress/) are reported, not budgeted.',
        'Gzip at zlib’s default level, each file compressed on its own as a server would send it.',
      ],
      failures,
    };
  },
};

export default section;
