import { expect, type Locator, type Page, test } from '@playwright/test';
import { builtPages } from './pages.ts';

/** The course outline navigation on a lesson page. */
const outline = (page: Page) => page.getByRole('navigation', { name: 'Course outline' });

/** How many lesson pages the build made: one test per lesson below, so each test stays small. */
const LESSON_COUNT = builtPages().filter((path) => /^\/lessons\/[^/]+\/$/.test(path)).length;

/** The home page's list of lessons, one link per lesson, in course order. */
const pathLinks = (page: Page): Locator =>
  page.getByRole('region', { name: 'The path through the course' }).getByRole('heading', { level: 3 }).getByRole('link');

/** Reads the home page's lesson list: each lesson's title (without its number) and address. */
async function courseFromHome(page: Page): Promise<{ title: string; href: string }[]> {
  await page.goto('/');
  const links = pathLinks(page);
  await expect(links).toHaveCount(LESSON_COUNT);
  return links.evaluateAll((anchors) =>
    anchors.map((a) => ({
      title: (a.textContent ?? '').replace(/^\s*\d+\.\s*/, '').trim(),
      href: a.getAttribute('href') ?? '',
    })),
  );
}

test('the build made lessons, and the home page numbers each of them once, in order', async ({ page }) => {
  expect(LESSON_COUNT).toBeGreaterThan(1);
  await page.goto('/');
  const numbers = (await pathLinks(page).allInnerTexts()).map((text) => Number(/^\s*(\d+)\./.exec(text)?.[1]));
  expect(numbers).toEqual(Array.from({ length: LESSON_COUNT }, (_, i) => i + 1));
});

for (let n = 1; n <= LESSON_COUNT; n++) {
  test(`lesson ${n} of ${LESSON_COUNT}: its title, its place in the outline, and "Next lesson"`, async ({ page }) => {
    const course = await courseFromHome(page);
    const lesson = course[n - 1];
    if (!lesson) throw new Error(`the home page lists no lesson ${n}`);
    await pathLinks(page).nth(n - 1).click();
    await expect(page).toHaveURL(lesson.href);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(lesson.title);
    const here = outline(page).getByRole('link', { name: new RegExp(`^${n}\\.`) });
    await expect(here).toHaveAttribute('aria-current', 'page');
    await expect(here).toHaveAttribute('href', lesson.href);

    const previous = page.getByRole('link', { name: /Previous lesson/ });
    const before = course[n - 2];
    if (before) await expect(previous).toHaveAttribute('href', before.href);
    else await expect(previous).toHaveCount(0);

    const next = page.getByRole('link', { name: /Next lesson/ });
    const after = course[n];
    if (!after) {
      await expect(next).toHaveCount(0);
      return;
    }
    await next.click();
    await expect(page).toHaveURL(after.href);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(after.title);
  });
}

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
