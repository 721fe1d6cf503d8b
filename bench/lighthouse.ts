/**
 * Lighthouse benchmark: Lighthouse's mobile audit (its default: a mid-range phone on a slow 4G
 * link, 4× CPU slowdown, simulated) of one page of each kind — the home page, a lesson with a
 * simulator widget, the largest lab, the progress page — against the built static site in dist/,
 * served from this process the way a static host sends it (gzip). Reports the performance score
 * and the Largest Contentful Paint; a page under PERFORMANCE_TARGET or over LCP_TARGET_MS fails
 * the run. Chromium is Debian's (/usr/bin/chromium, or CHROME_PATH), started by chrome-launcher.
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

/** A static server over dist/ on a free port: gzip for text, long caching for hashed assets, as a static host would. */
function serveDist(): Promise<Server> {
  const server = createServer((req, res) => {
    const file = fileFor(req.url ?? '/');
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const body = readFileSync(file);
    const headers: Record<string, string> = { 'content-type': type };
    if (file.includes(`${join(DIST, '_astro')}`)) headers['cache-control'] = 'public, max-age=31536000, immutable';
    const text = /^(text|application\/json|image\/svg)/.test(type);
    if (text && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      res.writeHead(200, { ...headers, 'content-encoding': 'gzip', vary: 'accept-encoding' }).end(gzipSync(body));
    } else {
      res.writeHead(200, headers).end(body);
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
        audits.push({ kind: page.kind, path: page.path, ...(await audit(origin + page.path, chrome.port)) });
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
          headers: ['Page', 'Path', 'Performance', 'LCP', 'Total blocking time', 'Layout shift'],
          rows: audits.map((a) => [
            a.kind,
            a.path,
            `${a.performance} ${mark(a.performance >= PERFORMANCE_TARGET)}`,
            `${(a.lcpMs / 1000).toFixed(2)} s ${mark(a.lcpMs <= LCP_TARGET_MS)}`,
            `${Math.round(a.tbtMs)} ms`,
            a.cls.toFixed(3),
          ]),
        },
      ],
      notes: [
        `Lighthouse's mobile audit (simulated slow 4G, 4× CPU slowdown) of the built static site, served gzipped from this process; targets: performance ≥ ${PERFORMANCE_TARGET}, LCP ≤ ${LCP_TARGET_MS / 1000} s on every page.`,
        'One run per page: scores move by a few points between runs on a busy machine.',
      ],
      failures,
    };
  },
};

export default section;
