/**
 * A learner's class lab on the served course: the class page lists the class's labs; the lab page
 * (in the learner's own variant) carries no hint text and none of the lab's expected outcomes; a
 * hint is opened by the server after the learner confirms its cost; the answer is graded on the
 * server, whose report — full marks less the hint — is what the page shows, in the workbench and in
 * the score beside it (a split view on a wide screen, as on the practice pages), and again from
 * the server after a reload. Axe-clean, and no Content-Security-Policy violation along the way.
 *
 * The hint texts are read from the lab file, so the check follows the lab as it changes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { SPLIT_VIEW_MEDIA } from '../../../src/labs/split-view.ts';
import { sentPageErrors } from '../html-check.ts';
import { cspViolations } from './csp.ts';
import { parse } from 'yaml';
import { E2E_CLASS_CODE, E2E_LAB_IDS } from './seed-class-values.ts';

const LAB_ID = '03-dip-write-protection';
const LAB = parse(readFileSync(join(import.meta.dirname, '../../../content/labs', `${LAB_ID}.yaml`), 'utf8')) as {
  title: string;
  hints: { id: string; text: string; cost: number }[];
  objectives: { points: number }[];
};
const MAX = LAB.objectives.reduce((sum, o) => sum + o.points, 0);
const FIRST_HINT = LAB.hints[0];
const side = (page: Page) => page.getByRole('complementary', { name: 'Briefing and score' });
const sideScore = (page: Page) => side(page).getByRole('region', { name: 'Your score' });


test('a class lab: listed on the class page, no key in the page, a hint bought from the server, graded by the server', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  if (!FIRST_HINT) throw new Error(`${LAB_ID} has no hint`);
  expect(E2E_LAB_IDS).toContain(LAB_ID);
  const violations = cspViolations(page);

  // Without joining, the class lab is not there to open.
  const anonymous = await page.request.get(`/class/labs/${LAB_ID}`);
  expect(anonymous.status()).toBe(401);
  const joinFirst = { url: anonymous.url(), text: await anonymous.text() };

  await page.goto('/class');
  await page.getByLabel('Class code').fill(E2E_CLASS_CODE);
  await page.getByLabel('Your name').fill('Sam Lab');
  await page.getByRole('button', { name: 'Join the class' }).click();
  await page.goto('/class');
  await page.getByRole('link', { name: LAB.title }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(LAB.title);
  await expect(page.locator('.lab-workbench[data-ready="true"]')).toBeVisible();
  await expect(page.getByText('Graded on the course server.')).toBeVisible();

  // The split view: briefing and score beside the workbench, nothing graded yet.
  const aside = await side(page).boundingBox();
  const main = await page.locator('.lab-workbench').boundingBox();
  if (!aside || !main) throw new Error('the side column or the workbench is not laid out');
  expect(aside.x + aside.width).toBeLessThanOrEqual(main.x);
  await expect(side(page).getByRole('heading', { name: 'Briefing' })).toBeVisible();
  await expect(sideScore(page)).toContainText('Not submitted yet');

  // The page as the server sent it: no hint's words, no expected outcome of a step.
  const source = await (await page.request.get(`/class/labs/${LAB_ID}`)).text();
  for (const hint of LAB.hints) expect(source.includes(hint.text), `hint ${hint.id} in the page`).toBe(false);
  // The steps' `expect` field ("blockedBy" lists) and the questions' `expected` never travel.
  expect(source).not.toMatch(/expect|blockedBy/);
  // As on the practice page, a wide screen fetches all of the workbench's code while the page is parsed.
  const preloads = (html: string) =>
    [...html.slice(0, html.indexOf('</head>')).matchAll(/<link rel="modulepreload" href="([^"]+)" media="([^"]+)">/g)].map((m) => `${m[1]} ${m[2]}`).sort();
  const workbenchUrl = /<astro-island[^>]*component-url="([^"]*Workbench[^"]*)"/.exec(source)?.[1];
  expect(preloads(source)).toContain(`${workbenchUrl} ${SPLIT_VIEW_MEDIA}`);
  expect(preloads(source)).toEqual(preloads(await (await page.request.get(`/labs/${LAB_ID}/`)).text()));
  // A lab the class does not have is not found.
  const notFound = await page.request.get('/class/labs/01-users-and-roles');
  expect(notFound.status()).toBe(404);
  // The three pages are valid HTML, as the built pages are (test/e2e/html-valid.spec.ts).
  const pages = [{ url: page.url(), text: source }, joinFirst, { url: notFound.url(), text: await notFound.text() }];
  expect(sentPageErrors(pages, test.info().outputPath('pages'))).toEqual([]);

  // A hint: its cost is said first, and nothing is spent until the learner confirms.
  await page.getByRole('button', { name: `Open hint 1 of ${LAB.hints.length} (costs ${FIRST_HINT.cost} point${FIRST_HINT.cost === 1 ? '' : 's'})…` }).click();
  await expect(page.getByText(`Opening this hint takes ${FIRST_HINT.cost} point`)).toBeVisible();
  await page.getByRole('button', { name: 'Yes, open the hint' }).click();
  await expect(page.locator(`[data-hint="${FIRST_HINT.id}"]`)).toContainText(FIRST_HINT.text);
  await expect(page.locator(`[data-hint="${FIRST_HINT.id}"]`)).toContainText(`−${FIRST_HINT.cost}`);

  // Solve it: DIP switch write protection on; the traffic replays in the browser, judging nothing.
  await page.getByRole('checkbox', { name: /Write-protect the user program and parameter area/ }).check();
  await page.getByRole('button', { name: 'Run the traffic suite' }).click();
  await expect(page.getByRole('list', { name: 'Timeline of the replay' })).toBeVisible();
  await expect(page.getByText('The plant needs:')).toHaveCount(0);

  await page.getByRole('button', { name: 'Submit for grading' }).click();
  const score = page.locator('.lab-score');
  await expect(score).toContainText(`The server's grade: ${MAX - FIRST_HINT.cost} of ${MAX}`);
  await expect(score).toContainText('passed');
  await expect(page.locator('[data-objective][data-passed="false"]')).toHaveCount(0);
  await expect(page.locator('[data-objective][data-passed="true"]')).toHaveCount(LAB.objectives.length);
  // The score beside the workbench is the server's too, and stays on screen down here.
  await expect(sideScore(page)).toContainText(`Latest grade: ${MAX - FIRST_HINT.cost} of ${MAX} — passed`);
  await expect(sideScore(page)).toBeInViewport();

  // After a reload the opened hint is still open (the server remembers it), and costs nothing more.
  await page.reload();
  await expect(page.locator('.lab-workbench[data-ready="true"]')).toBeVisible();
  await expect(page.locator(`[data-hint="${FIRST_HINT.id}"]`)).toContainText(FIRST_HINT.text);
  // …and the score beside the workbench is the grade the server keeps.
  await expect(sideScore(page)).toContainText(`Latest grade on the course server: ${MAX - FIRST_HINT.cost} of ${MAX} — passed`);

  await page.locator('.lab-workbench details').evaluateAll((all) => {
    for (const details of all) (details as HTMLDetailsElement).open = true;
  });
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(results.violations.map((v) => ({ rule: v.id, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }))).toEqual([]);
  expect(violations).toEqual([]);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a class lab says the workbench needs JavaScript, and its briefing can be read', async ({ page }) => {
    await page.goto('/class');
    await page.getByLabel('Class code').fill(E2E_CLASS_CODE);
    await page.getByLabel('Your name').fill('Nora Noscript');
    await page.getByRole('button', { name: 'Join the class' }).click();
    await page.goto(`/class/labs/${LAB_ID}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(LAB.title);
    const notice = page.locator('[data-class-lab-noscript]');
    await expect(notice).toBeVisible();
    await expect(notice).toContainText('This lab needs JavaScript.');
    await expect(notice.getByRole('link', { name: 'your class page' })).toHaveAttribute('href', '/class');
    await expect(notice.getByRole('link', { name: 'the exam page' })).toHaveAttribute('href', '/exam');
    // What it says still works does: the briefing and the plant network are in the page.
    await expect(side(page).getByRole('heading', { name: 'Briefing' })).toBeVisible();
    await expect(side(page).getByRole('table', { name: 'Everything that talks to the PLC' })).toBeVisible();
  });
});
