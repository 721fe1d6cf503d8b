/**
 * Takes the README's screenshot of a lesson page: `node test/e2e/screenshot.ts` while the built
 * site is served on 127.0.0.1:4322 (`npx astro preview --port 4322`). Optional arguments: page
 * path, output file, viewport width, colour scheme.
 */
import { chromium } from '@playwright/test';

const [path = '/lessons/01-defense-in-depth/', out = 'docs/screenshot-lesson.png', width = '1280', scheme = 'light'] =
  process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
const context = await browser.newContext({
  viewport: { width: Number(width), height: 860 },
  colorScheme: scheme === 'dark' ? 'dark' : 'light',
  deviceScaleFactor: 1,
});
const page = await context.newPage();
// A learner part-way through: lesson 1 visited, lesson 2 complete.
await page.goto(`http://127.0.0.1:4322/lessons/02-threats-and-attack-vectors/`);
await page.getByRole('button', { name: 'Mark as complete' }).click();
await page.goto(`http://127.0.0.1:4322${path}`);
await page.waitForLoadState('networkidle');
await page.screenshot({ path: out });
await browser.close();
console.log(`Saved ${out}`);
