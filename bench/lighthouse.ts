/**
 * Lighthouse benchmark: Lighthouse's mobile audit (its default: a mid-range phone on a slow 4G
 * link, 4× CPU slowdown, simulated) of one page of each kind — the home page, a lesson with a
 * simulator widget, the largest lab, the progress page — against the built static site in dist/,
 * served from this process the way a static host sends it (gzip). Reports the performance score
 * and the Largest Contentful Paint; a page under PERFORMANCE_TARGET or over LCP_TARGET_MS fails
 * the run (the median of RUNS runs). Chromium is Debian's (/usr/bin/chromium, or CHROME_PATH), started by chrome-launcher.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import type { BenchSection, SectionResult } from './section.ts';

/** Lowest Lighthouse performance score (0–100) a page may get. */
export const PERFORMANCE_TARGET = 95;

/** Longest Largest Contentful Paint a page may have, in milliseconds. */
export const LCP_TARGET_MS = 1500;

/** Lighthouse runs per page; the median run (by performance score) is reported, as Lighthouse advises for noisy machines. */
export const RUNS = 3;

/** One page of each kind, by URL path. */
export const PAGES = [
  { kind: 'Home', path: '/' },
  { kind: 'Lesson (with a widget)', path: '/lessons/06-ip-packet-filtering/' },
  { kind: 'Lab', path: '/labs/13-capstone-multi-stage/' },
  { kind: 'Progress', path: '/progress/' },
] as const;

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
};

/** The file a URL path names in dist/ (a folder means its index.html), or undefined. */
function fileFor(urlPath: string): string | undefined {
  const clean = normalize(decodeURIComponent(urlPath.split('?')[0] ?? '/')).replace(/^(\.\.[/\\])+/, '');
  let file = join(DIST, clean);
  if (!file.startsWith(DIST)) return undefined;
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  return existsSync(file) ? file : undefined;
}

/**
 * A static server over dist/ on a free port: gzip for text, long caching for hashed assets, as a
 * static host would. Each file is read and compressed once per server, as a host serves
 * precompressed files: compressing on every request made the page's ~30 scripts queue behind
 * each other in this one process, and more so late in a bench run with a large heap.
 */
export function serveDist(): Promise<Server> {
  const gzipped = new Map<string, Buffer>();
  const server = createServer((req, res) => {
    const file = fileFor(req.url ?? '/');
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const headers: Record<string, string> = { 'content-type': type };
    if (file.includes(`${join(DIST, '_astro')}`)) headers['cache-control'] = 'public, max-age=31536000, immutable';
    const text = /^(text|application\/json|image\/svg)/.test(type);
    if (text && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      let packed = gzipped.get(file);
      if (!packed) {
        packed = gzipSync(readFileSync(file));
        gzipped.set(file, packed);
      }
      res.writeHead(200, { ...headers, 'content-encoding': 'gzip', vary: 'accept-encoding' }).end(packed);
    } else {
      res.writeHead(200, headers).end(readFileSync(file));
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** One page's figures. */
interface Audit {
  kind: string;
  path: string;
  /** 0–100. */
  performance: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  /** What the largest paint was, as Lighthouse labels the element. */
  lcpElement: string;
}

/** The label of the element Lighthouse found to be the largest paint, from its audit's details. */
function lcpElementOf(details: unknown): string {
  // Lighthouse 12: a list whose first item is a table of one row holding the node.
  const first = (details as { items?: { items?: { node?: { nodeLabel?: string; selector?: string } }[] }[] })?.items?.[0]?.items?.[0]?.node;
  const label = first?.nodeLabel ?? first?.selector ?? '?';
  return label.length > 48 ? `${label.slice(0, 47)}…` : label;
}

async function audit(url: string, port: number): Promise<Omit<Audit, 'kind' | 'path'>> {
  // Mobile form factor and simulated throttling are Lighthouse's defaults; only performance is audited.
  const result = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`Lighthouse could not audit ${url}: ${lhr.runtimeError.message}`);
  const numeric = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
  return {
    performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
    lcpMs: numeric('largest-contentful-paint'),
    tbtMs: numeric('total-blocking-time'),
    cls: numeric('cumulative-layout-shift'),
    lcpElement: lcpElementOf(lhr.audits['largest-contentful-paint-element']?.details),
  };
}

const section: BenchSection = {
  title: 'Lighthouse (mobile)',
  async run(): Promise<SectionResult> {
    if (!existsSync(join(DIST, 'index.html'))) {
      const built = spawnSync(process.execPath, [join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build'], { cwd: ROOT, stdio: 'inherit' });
      if (built.status !== 0) throw new Error('astro build failed: the Lighthouse section needs the static site in dist/');
    }
    const server = await serveDist();
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const chrome = await launch({
      chromePath: process.env.CHROME_PATH || '/usr/bin/chromium',
      chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    });
    const audits: Audit[] = [];
    try {
      for (const page of PAGES) {
        const runs = [];
        for (let i = 0; i < RUNS; i++) runs.push(await audit(origin + page.path, chrome.port));
        runs.sort((a, b) => a.performance - b.performance || b.lcpMs - a.lcpMs);
        const median = runs[Math.floor(runs.length / 2)];
        if (median) audits.push({ kind: page.kind, path: page.path, ...median });
      }
    } finally {
      chrome.kill();
      server.close();
    }
    const failures = audits.flatMap((a) => [
      ...(a.performance < PERFORMANCE_TARGET ? [`${a.path}: performance ${a.performance}, target ≥ ${PERFORMANCE_TARGET}`] : []),
      ...(a.lcpMs > LCP_TARGET_MS ? [`${a.path}: LCP ${(a.lcpMs / 1000).toFixed(2)} s, target ≤ ${LCP_TARGET_MS / 1000} s`] : []),
    ]);
    const mark = (ok: boolean) => (ok ? '✓' : '✗');
    return {
      tables: [
        {
          headers: ['Page', 'Path', 'Performance', 'LCP', 'Total blocking time', 'Layout shift', 'Largest paint'],
          rows: audits.map((a) => [
            a.kind,
            a.path,
            `${a.performance} ${mark(a.performance >= PERFORMANCE_TARGET)}`,
            `${(a.lcpMs / 1000).toFixed(2)} s ${mark(a.lcpMs <= LCP_TARGET_MS)}`,
            `${Math.round(a.tbtMs)} ms`,
            a.cls.toFixed(3),
            a.lcpElement.replaceAll('|', '/'),
          ]),
        },
      ],
      notes: [
        `Lighthouse's mobile audit (simulated slow 4G, 4× CPU slowdown) of the built static site, served gzipped from this process; targets: performance ≥ ${PERFORMANCE_TARGET}, LCP ≤ ${LCP_TARGET_MS / 1000} s on every page.`,
        `The median of ${RUNS} runs per page: single runs move by a few points on a busy machine.`,
      ],
      failures,
    };
  },
};

export default section;
