import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { builtPages } from './pages.ts';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const pages = builtPages();

/**
 * Brings each island into view (they hydrate when visible) and waits until it is live, so axe
 * always checks the same, hydrated page. The sign of life is what a learner sees: the server
 * render's controls are disabled, and the island enables them once it has hydrated. (Waiting for
 * the network to fall idle instead raced the lazily loaded widget bodies.)
 */
async function everyIslandHydrated(page: Page): Promise<void> {
  for (const island of await page.locator('astro-island').all()) {
    // The island element itself has no box (display: contents): scroll its content into view.
    await island.evaluate((el) => (el.firstElementChild ?? el).scrollIntoView());
    await expect(island).not.toHaveAttribute('ssr');
    if ((await island.locator('button, input, select, textarea').count()) > 0) {
      await expect(island.locator(':is(button, input, select, textarea):enabled').first()).toBeAttached();
    }
    // The lab workbench also says so itself once its saved draft is restored.
    for (const marked of await island.locator('[data-ready]').all()) await expect(marked).toHaveAttribute('data-ready', 'true');
  }
  await page.evaluate(() => window.scrollTo(0, 0));
}

test('the build produced pages to check', () => {
  expect(pages).toContain('/');
  expect(pages).toContain('/404.html');
});

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });

    for (const path of pages) {
      test(`axe finds no WCAG 2.2 AA violations on ${path}`, async ({ page }) => {
        await page.goto(path);
        await everyIslandHydrated(page);
        const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
        const summary = results.violations.map((v) => ({
          rule: v.id,
          impact: v.impact,
          help: v.help,
          targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
        }));
        expect(summary).toEqual([]);
      });
    }
  });
}
