/**
 * "Alive" benchmark: how long a learner waits, after an island's controls scroll into view,
 * before they work — on a phone (390×844) with the CPU slowed as Lighthouse's mobile audit slows
 * it (4×, Chrome DevTools Protocol), on the lessons with the heaviest islands and on the largest
 * lab page; the lab also on a desktop screen (1280×800, the CPU as Lighthouse's desktop audit
 * leaves it: not slowed), where its controls are on screen as the page opens. From the built
 * static site. The page is opened, then scrolled down most of a screen every SCROLL_PACE_MS, as
 * a learner skimming it would. In the page, each island's first control is watched from the
 * moment it is parsed: when it is first painted on screen, and when the island is hydrated with
 * a control enabled. Waiting longer than USABLE_TARGET_MS anywhere fails the run.
 */
import { existsSync, readdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from '@playwright/test';
import { throttling } from 'lighthouse/core/config/constants.js';
// Loads per page, as many as Lighthouse's runs: the median is reported, with the spread.
import { RUNS, serveDist } from './lighthouse.ts';
import type { BenchSection, SectionResult } from './section.ts';

/** Longest wait, in milliseconds, between a control scrolling into view and it working. */
export const USABLE_TARGET_MS = 200;

/** How often the simulated learner scrolls down 90% of a screen (a quick skim; reading is slower). */
export const SCROLL_PACE_MS = 1000;


const LAB = '/labs/13-capstone-multi-stage/';
/** Each screen's CPU slowdown is the one Lighthouse's audit for that kind of device uses. */
const PHONE = { name: 'phone', width: 390, height: 844, mobile: true, cpuSlowdown: throttling.mobileSlow4G.cpuSlowdownMultiplier } as const;
const DESKTOP = { name: 'desktop', width: 1280, height: 800, mobile: false, cpuSlowdown: throttling.desktopDense4G.cpuSlowdownMultiplier } as const;

/** A page and the screen it is measured on. */
interface Measured {
  path: string;
  screen: typeof PHONE | typeof DESKTOP;
}
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');

/** One island's timings, in ms since navigation; null when it never happened. */
interface IslandTiming {
  name: string;
  visibleAt: number | null;
  usableAt: number | null;
}

declare global {
  interface Window {
    /** Filled by WATCH in the measured page. */
    __islands?: IslandTiming[];
  }
}

/**
 * Runs in the page before its scripts: watches every top-level island (see the file comment). It
 * looks for islands on every frame while the page is parsed, so a control painted before the
 * HTML has finished parsing counts as on screen from that frame (IntersectionObserverEntry.time).
 */
function watch(): void {
  const timings: IslandTiming[] = [];
  window.__islands = timings;
  const watched = new Set<Element>();
  const find = () => {
    for (const island of document.querySelectorAll('astro-island')) {
      if (watched.has(island) || island.parentElement?.closest('astro-island')) continue;
      const control = island.querySelector('button, input, select, textarea');
      if (!control) continue;
      watched.add(island);
      const url = island.getAttribute('component-url') ?? '';
      const timing: IslandTiming = { name: url.split('/').pop()?.replace(/\.[^.]*\.js$/, '').replace(/\.js$/, '') ?? 'island', visibleAt: null, usableAt: null };
      timings.push(timing);
      const check = () => {
        if (timing.usableAt !== null || island.hasAttribute('ssr')) return;
        const enabled = [...island.querySelectorAll('button, input, select, textarea')].some((c) => !(c as HTMLButtonElement).disabled);
        if (enabled) timing.usableAt = performance.now();
      };
      new MutationObserver(check).observe(island, { attributes: true, childList: true, subtree: true });
      island.addEventListener('astro:hydrate', () => queueMicrotask(check));
      const seen = new IntersectionObserver((entries) => {
        const shown = entries.find((e) => e.isIntersecting);
        if (timing.visibleAt === null && shown) {
          timing.visibleAt = shown.time;
          seen.disconnect();
        }
      });
      seen.observe(control);
    }
  };
  const everyFrame = () => {
    find();
    if (document.readyState === 'loading') requestAnimationFrame(everyFrame);
  };
  requestAnimationFrame(everyFrame);
  document.addEventListener('DOMContentLoaded', find);
}

/**
 * The pages measured: lessons whose islands are the heaviest (a simulator widget and its quiz; three
 * islands; the threat explorer), the largest lab, or every lesson with BENCH_ALL_LESSONS=1 (slow:
 * each page is skimmed to its end). PAGES_OVERRIDE (comma-separated paths) replaces the list.
 */
function pages(): Measured[] {
  const phone = (path: string): Measured => ({ path, screen: PHONE });
  if (process.env.PAGES_OVERRIDE) return process.env.PAGES_OVERRIDE.split(',').map(phone);
  if (process.env.BENCH_ALL_LESSONS === '1') {
    const lessons = readdirSync(join(DIST, 'lessons'))
      .filter((dir) => existsSync(join(DIST, 'lessons', dir, 'index.html')))
      .map((dir) => `/lessons/${dir}/`);
    return [...lessons, LAB].map(phone).concat({ path: LAB, screen: DESKTOP });
  }
  // The lab on a desktop too: there the workbench is on screen as the page opens.
  return ['/lessons/03-threat-table/', '/lessons/06-ip-packet-filtering/', '/lessons/11-dip-switch-write-protection/', LAB]
    .map(phone)
    .concat({ path: LAB, screen: DESKTOP });
}

/** The longest wait on one page, and which island it was. */
interface PageWait {
  path: string;
  screen: string;
  islands: number;
  worstMs: number;
  worst: string;
  /** The shortest and longest of the runs' waits, in ms. */
  spread?: [number, number];
}

/** One page load on one screen, skimmed to its end: the longest wait of any island, or undefined when it has none. */
async function measureOnce(browser: Browser, url: string, screen: Measured['screen']): Promise<Omit<PageWait, 'path'> | undefined> {
  const context = await browser.newContext({
    viewport: { width: screen.width, height: screen.height },
    isMobile: screen.mobile,
    hasTouch: screen.mobile,
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: screen.cpuSlowdown });
  await page.addInitScript(watch);
  await page.goto(url, { waitUntil: 'load' });
  // Skim down the page a screen at a time, then give the last islands time to finish.
  for (;;) {
    const atEnd = await page.evaluate(() => window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2);
    if (atEnd) break;
    await page.evaluate(() => window.scrollBy(0, window.innerHeight * 0.9));
    await page.waitForTimeout(SCROLL_PACE_MS);
  }
  await page
    .waitForFunction(() => (window.__islands ?? []).every((i) => i.visibleAt === null || i.usableAt !== null), undefined, { timeout: 15_000 })
    .catch(() => undefined);
  const timings = await page.evaluate(() => window.__islands ?? []);
  if (process.env.BENCH_DEBUG) console.log(url, JSON.stringify(timings));
  await context.close();
  if (timings.length === 0) return undefined;
  const wait = (t: IslandTiming) => (t.visibleAt === null ? 0 : t.usableAt === null ? Number.POSITIVE_INFINITY : Math.max(0, t.usableAt - t.visibleAt));
  const worst = timings.reduce((a, b) => (wait(b) > wait(a) ? b : a));
  return { screen: screen.name, islands: timings.length, worstMs: wait(worst), worst: worst.name };
}

const section: BenchSection = {
  title: 'Controls usable after scrolling into view',
  async run(): Promise<SectionResult> {
    if (!existsSync(join(DIST, 'index.html'))) throw new Error('dist/ is missing: run `npx astro build` (the site section builds it)');
    const server = await serveDist();
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
    const waits: PageWait[] = [];
    try {
      for (const { path, screen } of pages()) {
        const runs: PageWait[] = [];
        for (let i = 0; i < RUNS; i++) {
          const run = await measureOnce(browser, origin + path, screen);
          if (run) runs.push({ path, ...run });
        }
        runs.sort((a, b) => a.worstMs - b.worstMs);
        const median = runs[Math.floor(runs.length / 2)];
        if (median) waits.push({ ...median, spread: [runs[0]?.worstMs ?? 0, runs.at(-1)?.worstMs ?? 0] });
      }
    } finally {
      await browser.close();
      server.close();
    }
    const shown = (ms: number) => (Number.isFinite(ms) ? `${Math.round(ms)} ms` : 'never');
    return {
      tables: [
        {
          headers: ['Page', 'Screen', 'Islands', 'Longest wait (median)', `Spread of ${RUNS} loads`, 'Island'],
          rows: waits.map((w) => [w.path, w.screen, String(w.islands), `${shown(w.worstMs)} ${w.worstMs <= USABLE_TARGET_MS ? '✓' : '✗'}`, w.spread ? `${shown(w.spread[0])}–${shown(w.spread[1])}` : '', w.worst]),
        },
      ],
      notes: [
        `A phone (390×844) with the CPU slowed ${PHONE.cpuSlowdown}×, and the lab also on a 1280×800 desktop with the CPU slowed ${DESKTOP.cpuSlowdown}× (the slowdowns of Lighthouse's mobile and desktop audits), scrolling 90% of a screen every ${SCROLL_PACE_MS / 1000} s; a wait is the time from the frame that first paints an island's first control on screen to the island being hydrated with a control enabled (0 when it was ready first); the median of ${RUNS} loads per page. Target: ≤ ${USABLE_TARGET_MS} ms.`,
      ],
      failures: waits.filter((w) => w.worstMs > USABLE_TARGET_MS).map((w) => `${w.path} (${w.screen}): ${w.worst} usable ${shown(w.worstMs)} after scrolling into view, target ≤ ${USABLE_TARGET_MS} ms`),
    };
  },
};

export default section;
