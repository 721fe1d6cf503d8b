/**
 * Site benchmark: how long `astro build` takes, and for every built page the bytes of HTML,
 * CSS and JavaScript it loads, raw and gzipped, against the page's JavaScript budget:
 * - prose pages (no islands, not marked data-page-kind="app") at most 2 KB gzipped, and the
 *   progress marker bundle the same on every page — enforced: breaking them fails the run;
 * - lessons with widgets at most 100 KB, lab pages at most 120 KB — reported with ✓ or ⚠ in
 *   the table; going over does not fail the run (React's client renderer alone is ~66 KB).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { BenchSection, SectionResult } from './section.ts';

/** Gzipped JavaScript a prose page may load (the progress marker's budget). Enforced. */
export const PROSE_JS_BUDGET = 2048;

/** Gzipped JavaScript a lesson page with widgets (quiz, checklist, labs) may load. Reported. */
export const WIDGET_LESSON_JS_BUDGET = 100 * 1024;

/** Gzipped JavaScript a page under /labs/ may load. Reported. */
export const LAB_PAGE_JS_BUDGET = 120 * 1024;

/** The JavaScript budget a kind of page is held to. */
export interface JsBudget {
  /** Which pages it covers, as the tables name them. */
  name: string;
  /** Gzipped bytes allowed. */
  bytes: number;
  /** True when going over fails `npm run bench`; false when it is only reported. */
  enforced: boolean;
}

/** Budgets by kind of page, in the order the summary lists them. */
export const BUDGETS = {
  prose: { name: 'Prose pages', bytes: PROSE_JS_BUDGET, enforced: true },
  lesson: { name: 'Lessons with widgets', bytes: WIDGET_LESSON_JS_BUDGET, enforced: false },
  lab: { name: 'Lab pages', bytes: LAB_PAGE_JS_BUDGET, enforced: false },
} as const satisfies Record<string, JsBudget>;

/** The budget a page's JavaScript is held to; undefined for app pages no issue budgets (/progress/). */
export function budgetFor(page: Pick<PageWeight, 'path' | 'kind'>): JsBudget | undefined {
  if (page.kind === 'prose') return BUDGETS.prose;
  if (page.path.startsWith('/lessons/')) return BUDGETS.lesson;
  if (page.path.startsWith('/labs/')) return BUDGETS.lab;
  return undefined;
}

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
  /**
   * `js` plus the chunks its scripts load with dynamic `import()` — the simulator widgets load
   * their bodies that way right at hydration, so this is what a learner's browser fetches in all.
   */
  jsAll: Bytes;
  /** Scripts written into the HTML (already part of `html`), shown for transparency. */
  inlineJs: Bytes;
  /** The progress marker's entry and its imports. */
  marker: Bytes | undefined;
}

const size = (text: string | Buffer): Bytes => ({ raw: Buffer.byteLength(text), gz: gzipSync(text).length });
const add = (a: Bytes, b: Bytes): Bytes => ({ raw: a.raw + b.raw, gz: a.gz + b.gz });
const ZERO: Bytes = { raw: 0, gz: 0 };
const kb = (n: number) => (n < 1024 ? `${n} B` : `${(n / 1024).toFixed(1)} KB`);
const budgetKb = (n: number) => (n < 10 * 1024 ? `${n} B` : `${n / 1024} KB`);
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

function readAsset(dist: string, url: string): string | undefined {
  if (!url.startsWith('/')) return undefined;
  const file = join(dist, decodeURIComponent(url.split(/[?#]/)[0] ?? ''));
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/** A script and every module it imports statically (and, with `dynamic`, through `import()`), by URL. */
function withStaticImports(dist: string, url: string, seen: Set<string>, dynamic = false): void {
  if (seen.has(url)) return;
  const code = readAsset(dist, url);
  if (code === undefined) return;
  seen.add(url);
  const base = new URL(url, 'http://site');
  const follow = (spec: string | undefined) => {
    if (spec) withStaticImports(dist, new URL(spec, base).pathname, seen, dynamic);
  };
  for (const match of code.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["']([^"']+\.m?js)["']/g)) {
    follow(match[1]);
  }
  if (dynamic) for (const match of code.matchAll(/\bimport\(\s*["'`]([^"'`]+\.m?js)["'`]\s*\)/g)) follow(match[1]);
}

function sumAssets(dist: string, urls: Iterable<string>): Bytes {
  let total = ZERO;
  for (const url of urls) {
    const text = readAsset(dist, url);
    if (text !== undefined) total = add(total, size(text));
  }
  return total;
}

/** Weighs one built page; `dist` is the build output it belongs to (default: dist/). */
export function weighPage(file: string, dist = DIST): PageWeight {
  const html = readFileSync(file, 'utf8');
  const rel = `/${relative(dist, file).split(sep).join('/')}`;
  const path = rel.endsWith('/index.html') ? rel.slice(0, -'index.html'.length) : rel;

  const styles = attributeValues(html, /<link\b[^>]*rel="stylesheet"[^>]*>/g, 'href');
  const entries = [
    ...attributeValues(html, /<script\b[^>]*\bsrc="[^"]+"[^>]*>/g, 'src'),
    ...attributeValues(html, /<link\b[^>]*rel="modulepreload"[^>]*>/g, 'href'),
    ...attributeValues(html, /<astro-island\b[^>]*>/g, 'component-url'),
    ...attributeValues(html, /<astro-island\b[^>]*>/g, 'renderer-url'),
  ];
  const scripts = new Set<string>();
  for (const url of entries) withStaticImports(dist, url, scripts);
  const allScripts = new Set<string>();
  for (const url of entries) withStaticImports(dist, url, allScripts, true);

  const markerEntry = entries.find((url) => url.includes('ProgressMarker'));
  const markerFiles = new Set<string>();
  if (markerEntry) withStaticImports(dist, markerEntry, markerFiles);

  let inlineJs = ZERO;
  for (const match of html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
    if (match[1]?.trim()) inlineJs = add(inlineJs, size(match[1]));
  }

  const isApp = /data-page-kind="app"/.test(html) || /<astro-island\b/.test(html);
  return {
    path,
    kind: isApp ? 'app' : 'prose',
    html: size(html),
    css: sumAssets(dist, styles),
    js: sumAssets(dist, scripts),
    jsAll: sumAssets(dist, allScripts),
    inlineJs,
    marker: markerEntry ? sumAssets(dist, markerFiles) : undefined,
  };
}

/** Weighs every page of a build (default: dist/), sorted by path. */
export function weighSite(dist = DIST): PageWeight[] {
  return htmlFiles(dist)
    .map((file) => weighPage(file, dist))
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

/** The Budget cell of a page's row: ✓ or ⚠ against its budget, and the marker's. */
function budgetCell(page: PageWeight): string {
  const budget = budgetFor(page);
  const cells: string[] = [];
  if (budget) {
    const over = page.jsAll.gz - budget.bytes;
    cells.push(over > 0 ? `⚠ ${kb(over)} over ${budgetKb(budget.bytes)}` : `✓ ≤ ${budgetKb(budget.bytes)}`);
  } else {
    cells.push('—');
  }
  if (page.marker && page.marker.gz > PROSE_JS_BUDGET) cells.push('⚠ marker over 2 KB');
  return cells.join(', ');
}

/** One summary row per budget: how many pages keep it and the heaviest. */
function summaryRow(budget: JsBudget, pages: PageWeight[]): string[] {
  const held = pages.filter((p) => budgetFor(p) === budget);
  const heaviest = [...held].sort((a, b) => b.jsAll.gz - a.jsAll.gz)[0];
  const within = held.filter((p) => p.jsAll.gz <= budget.bytes).length;
  return [
    budget.name,
    `${budgetKb(budget.bytes)}${budget.enforced ? ' (enforced)' : ' (reported)'}`,
    `${within} of ${held.length}${within === held.length ? ' ✓' : ' ⚠'}`,
    heaviest ? `\`${heaviest.path}\` ${kb(heaviest.jsAll.gz)}` : '—',
  ];
}

const section: BenchSection = {
  title: 'Site: build time and page weight',
  async run(): Promise<SectionResult> {
    const buildMs = build();
    const pages = weighSite();
    const failures: string[] = [];
    let reported = 0;
    for (const p of pages) {
      const budget = budgetFor(p);
      if (budget && p.jsAll.gz > budget.bytes) {
        if (!budget.enforced) reported++;
        else failures.push(`${p.path} is a ${budget.name.toLowerCase().replace(/s$/, '')} loading ${p.jsAll.gz} B of gzipped JavaScript (budget ${budget.bytes} B).`);
      }
      if (p.marker && p.marker.gz > PROSE_JS_BUDGET) {
        failures.push(`${p.path}: the progress marker bundle is ${p.marker.gz} B gzipped (budget ${PROSE_JS_BUDGET} B).`);
      }
    }
    const rows = pages.map((p) => [
      `\`${p.path}\``,
      p.kind,
      pair(p.html),
      pair(p.css),
      pair(p.js),
      kb(p.jsAll.gz),
      kb(p.inlineJs.gz),
      p.marker ? kb(p.marker.gz) : '—',
      budgetCell(p),
    ]);
    const marker = pages.find((p) => p.marker)?.marker;
    const markerOk = pages.every((p) => !p.marker || p.marker.gz <= PROSE_JS_BUDGET);
    return {
      tables: [
        {
          headers: ['Measure', 'Value'],
          rows: [
            ['`astro build` wall time', `${(buildMs / 1000).toFixed(2)} s`],
            ['Pages built', String(pages.length)],
            ['Progress marker bundle (gzipped)', marker ? `${marker.gz} B of ${PROSE_JS_BUDGET} B ${markerOk ? '✓' : '⚠'}` : 'not found'],
          ],
        },
        {
          caption: 'JavaScript budgets (gzipped): pages that keep them, and the heaviest page of each kind.',
          headers: ['Pages', 'Budget', 'Within budget', 'Heaviest'],
          rows: Object.values(BUDGETS).map((budget) => summaryRow(budget, pages)),
        },
        {
          caption: 'Bytes each page loads, raw / gzipped.',
          headers: ['Page', 'Kind', 'HTML', 'CSS', 'JS files', 'JS incl. lazy chunks (gz)', 'Inline JS (gz)', 'Marker (gz)', 'Budget (JS gz)'],
          rows,
        },
      ],
      notes: [
        'JS files: `<script src>`, module preloads, island component and renderer modules, and every module they import statically — the JavaScript needed before a page is interactive. "JS incl. lazy chunks" adds what those scripts load with dynamic `import()`, so that column is what the browser downloads in all, and the budgets apply to it.',
        'Inline JS (the theme picker, island bootstrap) is part of the HTML bytes and shown separately.',
        `"prose" pages have no islands; they may load at most ${budgetKb(PROSE_JS_BUDGET)} of gzipped JavaScript, and so may the progress marker on every page: breaking either fails \`npm run bench\`.`,
        `"app" pages have islands (or \`kind="app"\`, such as /progress/). Lessons with widgets are held to ${budgetKb(WIDGET_LESSON_JS_BUDGET)} and pages under /labs/ to ${budgetKb(LAB_PAGE_JS_BUDGET)}: ✓ or ⚠ in the table, reported but not failing the run. Other app pages are weighed without a budget.`,
        ...(reported > 0 ? [`App pages over their budget (reported, not failing): ${reported}, marked ⚠ in the table.`] : []),
        'Gzip at zlib’s default level, each file compressed on its own as a server would send it.',
      ],
      failures,
    };
  },
};

export default section;
