/**
 * A lab page as a learner meets it: the briefing, objectives, plant network and score beside the
 * workbench on a wide screen (and above it on a phone), readable with JavaScript off, showing the
 * learner's own variant once the workbench is alive, and controls that work soon after the page
 * opens.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { parse } from 'yaml';
import { drawValues, type VariableSpec } from '../../machines/grading/variants.ts';
import { LEARNER_ID_KEY, seedFor } from '../../src/labs/learner.ts';

const LAB_ID = '02-filter-blocks';
const URL = `/labs/${LAB_ID}/`;
const VARIABLES = (parse(readFileSync(join(import.meta.dirname, '../../content/labs', `${LAB_ID}.yaml`), 'utf8')) as { variables: Record<string, VariableSpec> })
  .variables;
const DEFAULTS = drawValues(VARIABLES);

/** A learner id whose variant of the lab puts Engineering PC 1 somewhere else than the default variant. */
const LEARNER = (() => {
  for (let n = 0; n < 4096; n++) {
    const id = `0000-${n.toString(16).padStart(4, '0')}-0000`;
    if (drawValues(VARIABLES, seedFor(id, LAB_ID)).eng1 !== DEFAULTS.eng1) return id;
  }
  throw new Error('no learner id with a variant of its own');
})();

const side = (page: Page) => page.getByRole('complementary', { name: 'Briefing and score' });
const workbench = (page: Page) => page.locator('.lab-workbench');
const pcOneAddress = (page: Page) => side(page).locator('tr[data-node="Engineering PC 1"] [data-node-ip]');

test.describe('wide screen (1280×800)', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('the briefing and score stay beside the workbench while the learner works down it', async ({ page }) => {
    await page.goto(URL);
    const grade = page.getByRole('button', { name: 'Grade my answer' });
    await expect(grade).toBeEnabled();
    const aside = await side(page).boundingBox();
    const main = await workbench(page).boundingBox();
    if (!aside || !main) throw new Error('the side column or the workbench is not laid out');
    // Side by side: the column ends before the workbench begins, and they start at the same height.
    expect(aside.x + aside.width).toBeLessThanOrEqual(main.x);
    expect(Math.abs(aside.y - main.y)).toBeLessThan(80);

    await grade.scrollIntoViewIfNeeded();
    await grade.click();
    const score = side(page).getByRole('region', { name: 'Your score' });
    await expect(score).toContainText(/Latest grade: \d+ of \d+/);
    // Still on screen at the bottom of the workbench: the side column is sticky.
    await expect(score).toBeInViewport();
    await expect(side(page).getByRole('heading', { name: 'Briefing' })).toBeVisible();
  });
});

test.describe('phone (390×844)', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('one column: the briefing first, then the workbench, nothing wider than the screen', async ({ page }) => {
    await page.goto(URL);
    await expect(page.getByRole('button', { name: 'Grade my answer' })).toBeEnabled();
    const aside = await side(page).boundingBox();
    const main = await workbench(page).boundingBox();
    if (!aside || !main) throw new Error('the side column or the workbench is not laid out');
    expect(aside.y + aside.height).toBeLessThanOrEqual(main.y);
    expect(Math.abs(aside.x - main.x)).toBeLessThan(2);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('the briefing, what is graded and the plant network can be read', async ({ page }) => {
    await page.goto(URL);
    await expect(side(page).getByRole('heading', { name: 'Briefing' })).toBeVisible();
    await expect(side(page).getByText('the two engineering PCs')).toBeVisible();
    await expect(side(page).getByRole('heading', { name: 'What is graded' })).toBeVisible();
    await expect(side(page).getByRole('table', { name: 'Everything that talks to the PLC' })).toBeVisible();
    await expect(pcOneAddress(page)).toHaveText(String(DEFAULTS.eng1));
    await expect(side(page)).not.toContainText('${');
  });
});

test('the side column shows the learner’s own variant once the workbench is alive', async ({ page }) => {
  await page.addInitScript(([key, id]) => localStorage.setItem(key, id), [LEARNER_ID_KEY, LEARNER] as const);
  await page.goto(URL);
  await expect(page.getByRole('button', { name: 'Grade my answer' })).toBeEnabled();
  const mine = drawValues(VARIABLES, seedFor(LEARNER, LAB_ID));
  await expect(pcOneAddress(page)).toHaveText(String(mine.eng1));
  await expect(side(page).getByText(String(mine.eng1)).first()).toBeVisible();
  await expect(side(page)).not.toContainText(String(DEFAULTS.eng1));
});

test('the settings can be changed as soon as the page has loaded', async ({ page }) => {
  await page.goto(URL);
  // The first control a learner reaches in the workbench, as they see it: enabled, and it reacts.
  const first = workbench(page).getByRole('checkbox').first();
  await expect(first).toBeEnabled();
  const before = await first.isChecked();
  await first.click();
  await expect(first).toBeChecked({ checked: !before });
});
