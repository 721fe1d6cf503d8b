/**
 * A learner's class lab on the served course: the class page lists the class's labs; the lab page
 * (in the learner's own variant) carries no hint text and none of the lab's expected outcomes; a
 * hint is opened by the server after the learner confirms its cost; the answer is graded on the
 * server, whose report — full marks less the hint — is what the page shows. Axe-clean, and no
 * Content-Security-Policy violation along the way.
 *
 * The hint texts are read from the lab file, so the check follows the lab as it changes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
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


test('a class lab: listed on the class page, no key in the page, a hint bought from the server, graded by the server', async ({ page }) => {
  test.setTimeout(120_000);
  if (!FIRST_HINT) throw new Error(`${LAB_ID} has no hint`);
  expect(E2E_LAB_IDS).toContain(LAB_ID);
  const violations = cspViolations(page);

  // Without joining, the class lab is not there to open.
  const anonymous = await page.request.get(`/class/labs/${LAB_ID}`);
  expect(anonymous.status()).toBe(401);

  await page.goto('/class');
  await page.getByLabel('Class code').fill(E2E_CLASS_CODE);
  await page.getByLabel('Your name').fill('Sam Lab');
  await page.getByRole('button', { name: 'Join the class' }).click();
  await page.goto('/class');
  await page.getByRole('link', { name: LAB.title }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(LAB.title);
  await expect(page.locator('.lab-workbench[data-ready="true"]')).toBeVisible();
  await expect(page.getByText('Graded on the course server.')).toBeVisible();

  // The page as the server sent it: no hint's words, no expected outcome of a step.
  const source = await (await page.request.get(`/class/labs/${LAB_ID}`)).text();
  for (const hint of LAB.hints) expect(source.includes(hint.text), `hint ${hint.id} in the page`).toBe(false);
  // The steps' `expect` field ("blockedBy" lists) and the questions' `expected` never travel.
  expect(source).not.toMatch(/expect|blockedBy/);
  // A lab the class does not have is not found.
  expect((await page.request.get('/class/labs/01-users-and-roles')).status()).toBe(404);

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

  // After a reload the opened hint is still open (the server remembers it), and costs nothing more.
  await page.reload();
  await expect(page.locator('.lab-workbench[data-ready="true"]')).toBeVisible();
  await expect(page.locator(`[data-hint="${FIRST_HINT.id}"]`)).toContainText(FIRST_HINT.text);

  await page.locator('.lab-workbench details').evaluateAll((all) => {
    for (const details of all) (details as HTMLDetailsElement).open = true;
  });
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(results.violations.map((v) => ({ rule: v.id, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }))).toEqual([]);
  expect(violations).toEqual([]);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a class lab says the workbench needs JavaScript and what still works', async ({ page }) => {
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
  });
});
