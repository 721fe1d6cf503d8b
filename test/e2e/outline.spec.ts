import { expect, type Page, test } from '@playwright/test';

/** The course outline navigation on a lesson page. */
const outline = (page: Page) => page.getByRole('navigation', { name: 'Course outline' });

test('walks the outline through every lesson with "Next lesson"', async ({ page }) => {
  await page.goto('/');
  const titles = await page
    .getByRole('region', { name: 'The path through the course' })
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { level: 3 }) })
    .getByRole('heading', { level: 3 })
    .allInnerTexts();
  expect(titles.length).toBeGreaterThan(1);

  await page.getByRole('link', { name: /^1\. / }).click();
  for (const [index, title] of titles.entries()) {
    const expected = title.replace(/^\d+\.\s*/, '').trim();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(expected);
    await expect(outline(page).getByRole('link', { name: new RegExp(`^${index + 1}\\.`) })).toHaveAttribute('aria-current', 'page');
    if (index < titles.length - 1) await page.getByRole('link', { name: /Next lesson/ }).click();
  }
  await expect(page.getByRole('link', { name: /Next lesson/ })).toHaveCount(0);
  await expect(page.getByRole('link', { name: /Previous lesson/ })).toHaveCount(1);
});

test('the keyboard alone reaches the skip link, the outline and a lesson', async ({ page }) => {
  await page.goto('/lessons/01-defense-in-depth/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();

  const second = outline(page).getByRole('link', { name: /^2\. / });
  for (let i = 0; i < 15 && !(await second.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(second).toBeFocused();
  const text = (await second.textContent()) ?? '';
  const title = text.replace(/\s+/g, ' ').replace(/^\s*2\.\s*/, '').replace(/\s*\(.*\)\s*$/, '').trim();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/lessons\/[^/]+\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);

  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
});

test.describe('on a 360 px wide screen', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test('the outline is folded away and opens from its disclosure', async ({ page }) => {
    await page.goto('/lessons/01-defense-in-depth/');
    const second = outline(page).getByRole('link', { name: /^2\. / });
    await expect(second).toBeHidden();

    await page.getByText('Course outline', { exact: true }).first().click();
    await expect(second).toBeVisible();
    await second.click();
    await expect(page).toHaveURL(/\/lessons\/[^/]+\/$/);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  test('the outline disclosure works from the keyboard', async ({ page }) => {
    await page.goto('/lessons/01-defense-in-depth/');
    const summary = page.locator('summary', { hasText: 'Course outline' });
    for (let i = 0; i < 10 && !(await summary.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    await expect(summary).toBeFocused();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await expect(outline(page).getByRole('link', { name: /^1\. / })).toBeFocused();
  });
});

test('an unknown address shows the 404 page with a way back', async ({ page }) => {
  const response = await page.goto('/no-such-page/');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await page.getByRole('link', { name: 'Go to the home page' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('PLC Defense Lab');
});
