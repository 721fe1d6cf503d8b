import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { FUNCTIONS, FUNCTIONS_IN_ORDER, functionsCountering, functionsInLayer, STRIDE, STRIDE_NAMES } from '../../machines/catalog/threats.ts';
import { filterSummary, LAYER_LABELS } from '../../src/widgets/ThreatExplorerWidget/threat-view.ts';

const LESSON = '/lessons/03-threat-table/';

function table(page: Page): Locator {
  return page.getByRole('table', { name: /STRIDE threats/ });
}

/** The function titles of the rows currently shown, top to bottom. */
async function shownTitles(page: Page): Promise<string[]> {
  return (await table(page).locator('tbody tr th[scope="row"]').allInnerTexts()).map((t) => t.trim());
}

/** Waits for hydration: the filters are disabled in the server render. */
async function hydrated(page: Page): Promise<void> {
  await table(page).scrollIntoViewIfNeeded();
  await expect(page.getByRole('radio', { name: 'Any threat' })).toBeEnabled();
}

const titles = (ids: readonly string[]) => ids.map((id) => FUNCTIONS[id as keyof typeof FUNCTIONS].title);

test.describe('lesson 3 threat explorer', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto(LESSON);
  });

  test('§1-3 §2 the table matches the machines cell by cell, before hydration too', async ({ browser }) => {
    // No JavaScript: the server-rendered table alone must carry every mark.
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(LESSON);
    const headers = (await table(page).locator('thead th').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    expect(headers).toEqual(['Function', 'Section', 'Layer', ...STRIDE.map((l) => `${l} ${STRIDE_NAMES[l]}`)]);
    const rows = table(page).locator('tbody tr');
    await expect(rows).toHaveCount(FUNCTIONS_IN_ORDER.length);
    for (const [i, f] of FUNCTIONS_IN_ORDER.entries()) {
      const row = rows.nth(i);
      await expect(row.locator('th[scope="row"]')).toHaveText(f.title);
      const cells = (await row.locator('td').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
      expect(cells.slice(0, 2), f.id).toEqual([f.section, LAYER_LABELS[f.layer]]);
      if (f.stride === 'not-stated') {
        expect(cells.slice(2), f.id).toEqual([expect.stringContaining('Not stated in the guideline')]);
      } else {
        const stride = f.stride;
        expect(cells.slice(2), f.id).toEqual(STRIDE.map((l) => (stride[l] ? '✓ Yes' : 'No')));
      }
    }
    await context.close();
  });

  test('§2 filtering by Spoofing shows exactly functionsCountering("S")', async ({ page }) => {
    await hydrated(page);
    await page.getByRole('radio', { name: /^Spoofing/ }).check();
    const expected = functionsCountering('S');
    expect(await shownTitles(page)).toEqual(titles(expected));
    await expect(page.getByRole('status').filter({ hasText: 'functions' })).toHaveText(
      filterSummary({ threat: 'S', layer: 'all' }, expected.length),
    );
  });

  test('§2 every threat filter shows exactly functionsCountering', async ({ page }) => {
    await hydrated(page);
    for (const letter of STRIDE) {
      await page.getByRole('radio', { name: new RegExp(`^${STRIDE_NAMES[letter]}`) }).check();
      expect(await shownTitles(page), letter).toEqual(titles(functionsCountering(letter)));
    }
  });

  test('§1-3 filtering by layer shows exactly functionsInLayer', async ({ page }) => {
    await hydrated(page);
    const layer = page.getByLabel('In which layer');
    for (const id of ['network', 'device', 'function', 'asset', 'common'] as const) {
      await layer.selectOption(id);
      expect(await shownTitles(page), id).toEqual(titles(functionsInLayer(id)));
    }
  });

  test('keyboard only: arrow through threats, change the layer, reach the table', async ({ page }) => {
    await hydrated(page);
    await page.getByRole('radio', { name: 'Any threat' }).focus();
    await page.keyboard.press('ArrowDown'); // radio groups move and check with the arrow keys
    await expect(page.getByRole('radio', { name: /^Spoofing/ })).toBeChecked();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('radio', { name: /^Tampering/ })).toBeChecked();
    expect(await shownTitles(page)).toEqual(titles(functionsCountering('T')));

    await page.keyboard.press('Tab');
    await expect(page.getByLabel('In which layer')).toBeFocused();
    await page.keyboard.press('End'); // last layer: common to all layers
    await expect(page.getByLabel('In which layer')).toHaveValue('common');
    const inBoth = functionsCountering('T').filter((id) => functionsInLayer('common').includes(id));
    expect(await shownTitles(page)).toEqual(titles(inBoth));

    await page.keyboard.press('Tab');
    await expect(page.getByRole('region', { name: /STRIDE threats/ })).toBeFocused();
  });

  test('the widget passes axe (WCAG 2.2 AA)', async ({ page }) => {
    await hydrated(page);
    const results = await new AxeBuilder({ page })
      .include('.threat-explorer')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .analyze();
    expect(results.violations).toEqual([]);
  });
});
