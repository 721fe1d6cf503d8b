import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page, test } from '@playwright/test';
import {
  type AvailabilityTable,
  availabilityText,
  checkCombination,
  replacementAdvice,
  TABLE_1_5_1,
  TABLE_1_5_2,
} from '../../machines/catalog/catalog.ts';
import { CPU_OPTIONS, type RackSelection, rackView } from '../../src/widgets/RackBuilderWidget/rack-view.ts';

const LESSON = '/lessons/04-what-your-hardware-offers/';

function builder(page: Page): Locator {
  return page.locator('.rack-builder');
}

/** Waits for hydration: the menus are disabled in the server render. */
async function hydrated(page: Page): Promise<void> {
  await builder(page).scrollIntoViewIfNeeded();
  await expect(page.getByLabel('CPU Unit', { exact: true })).toBeEnabled();
}

async function build(page: Page, cpu: string, unit: string): Promise<void> {
  await page.getByLabel('CPU Unit', { exact: true }).selectOption(cpu);
  await page.getByLabel('Communication unit').selectOption(unit);
}

/** Status column of the function table, row by row, as the learner reads it. */
async function expectRowsMatch(page: Page, selection: RackSelection): Promise<void> {
  const view = rackView(selection);
  const rows = builder(page).getByRole('table').locator('tbody tr');
  await expect(rows).toHaveCount(view.rows.length);
  for (const [i, row] of view.rows.entries()) {
    await expect(rows.nth(i).locator('th')).toContainText(row.title);
    await expect(rows.nth(i).locator('td').first()).toHaveText(row.kindLabel);
    await expect(rows.nth(i).locator('td').nth(1)).toContainText(row.reason);
  }
}

test.describe('lesson 4 rack builder', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto(LESSON);
  });

  test('§1-5-2 §2-3-1 a CP1H with a CJ1W-EIP21S has IP filtering but no user authentication', async ({ page }) => {
    await hydrated(page);
    await build(page, 'CP1H', 'CJ1W-EIP21S');
    const table = builder(page).getByRole('table');
    await expect(table.getByRole('row', { name: /IP packet filtering/ }).getByRole('cell').first()).toHaveText(
      'Yes: with the EIP21S',
    );
    await expect(table.getByRole('row', { name: /User authentication/ }).getByRole('cell').first()).toHaveText('No');
    await expectRowsMatch(page, { cpu: 'CP1H', unit: 'CJ1W-EIP21S', route: 'same-network' });
    await expect(builder(page).getByRole('region', { name: /Secure Comm/ })).toContainText('Not possible.');
  });

  test('§1-4 a CJ2H with a CJ1W-EIP21 shows the replacement advice', async ({ page }) => {
    await hydrated(page);
    await build(page, 'CJ2H', 'CJ1W-EIP21');
    const advice = replacementAdvice('CJ2H', 'CJ1W-EIP21');
    const section = builder(page).getByRole('region', { name: 'What to change' });
    await expect(section).toContainText(advice.summary);
    for (const step of advice.steps) await expect(section).toContainText(step.text);
    await expectRowsMatch(page, { cpu: 'CJ2H', unit: 'CJ1W-EIP21', route: 'same-network' });
  });

  test('§1-4 an impossible combination is explained with checkCombination', async ({ page }) => {
    await hydrated(page);
    await build(page, 'CS1G/H', 'CJ1W-EIP21S');
    const check = checkCombination('CS1G/H', 'CJ1W-EIP21S');
    expect(check.ok).toBe(false);
    if (!check.ok) await expect(builder(page)).toContainText(check.reason);
  });

  test('§2-1-1 Secure Comm over USB is refused even on a full CS rack', async ({ page }) => {
    await hydrated(page);
    await build(page, 'CS1G/H', 'CS1W-EIP21S');
    const secure = builder(page).getByRole('region', { name: /Secure Comm/ });
    await expect(secure).toContainText('Possible.');
    await page.getByLabel('Support Software connects through').selectOption('usb');
    const view = rackView({ cpu: 'CS1G/H', unit: 'CS1W-EIP21S', route: 'usb' });
    await expect(secure).toContainText(view.secureComm.reason);
    await expect(secure).toContainText('Not possible.');
  });

  test('keyboard only: choose a CP1H and a CJ1W-EIP21S with the arrow keys', async ({ page }) => {
    await hydrated(page);
    const cpu = page.getByLabel('CPU Unit', { exact: true });
    await cpu.focus();
    // Closed selects change value with the arrow keys; step down to the CP1H.
    for (let i = 0; i < CPU_OPTIONS.length && (await cpu.inputValue()) !== 'CP1H'; i++) {
      await page.keyboard.press('ArrowDown');
    }
    await expect(cpu).toHaveValue('CP1H');
    await page.keyboard.press('Tab');
    const unit = page.getByLabel('Communication unit');
    await expect(unit).toBeFocused();
    for (let i = 0; i < 10 && (await unit.inputValue()) !== 'CJ1W-EIP21S'; i++) {
      await page.keyboard.press(i < 5 ? 'ArrowDown' : 'ArrowUp');
    }
    await expect(unit).toHaveValue('CJ1W-EIP21S');
    await expectRowsMatch(page, { cpu: 'CP1H', unit: 'CJ1W-EIP21S', route: 'same-network' });
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Support Software connects through')).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(builder(page).getByRole('region', { name: /Security functions of a CP1H/ })).toBeFocused();
  });

  test('§1-5-1 §1-5-2 the guideline tables match the catalog cell by cell', async ({ page }) => {
    const check = async (source: AvailabilityTable) => {
      const table = page.locator(`table[data-table="${source.section}"]`);
      const heads = await table.locator('thead th').allInnerTexts();
      expect(heads.slice(1).map((h) => h.split('(')[0]?.trim())).toEqual(source.columns.map((c) => c.heading));
      const rows = table.locator('tbody tr');
      await expect(rows).toHaveCount(source.rows.length);
      for (const [i, row] of source.rows.entries()) {
        await expect(rows.nth(i).locator('th')).toContainText(row.label);
        const cells = await rows.nth(i).locator('td').allTextContents();
        const expected = row.cells.map((cell, c) =>
          cell === 'none' ? '---Not available' : availabilityText(cell, source.columns[c]?.unit ?? null),
        );
        expect(cells.map((t) => t.trim()), row.function).toEqual(expected);
      }
    };
    await check(TABLE_1_5_1);
    await check(TABLE_1_5_2);
  });

  test('the widget and tables pass axe (WCAG 2.2 AA)', async ({ page }) => {
    await hydrated(page);
    const results = await new AxeBuilder({ page })
      .include('.rack-builder')
      .include('.guideline-table')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .analyze();
    expect(results.violations).toEqual([]);
  });
});
