import { readFile } from 'node:fs/promises';
import { expect, type Page, test } from '@playwright/test';

const LESSON = '/lessons/01-defense-in-depth/';
const outlineLink = (page: Page, name: RegExp) =>
  page.getByRole('navigation', { name: 'Course outline' }).getByRole('link', { name });

test('a lesson marked complete stays complete after a reload', async ({ page }) => {
  await page.goto(LESSON);
  const button = page.getByRole('button', { name: 'Mark as complete' });
  await expect(button).toHaveAttribute('aria-pressed', 'false');

  await button.click();
  await expect(button).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByText('Lesson marked complete.')).toBeVisible();
  await expect(outlineLink(page, /Defense in depth.*\(completed\)/)).toBeVisible();

  await page.reload();
  await expect(page.getByRole('button', { name: 'Mark as complete' })).toHaveAttribute('aria-pressed', 'true');

  await page.getByRole('link', { name: 'Home' }).click();
  await expect(page.getByText(/^1 of \d+ lessons complete$/)).toBeVisible();
  await expect(page.getByRole('link', { name: /Defense in depth.*\(completed\)/ })).toBeVisible();
});

test('"Resume where you left off" leads to the lesson visited last', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('link', { name: 'Start the course' })).toHaveAttribute('href', LESSON);

  await page.goto('/lessons/02-threats-and-attack-vectors/');
  await page.getByRole('link', { name: 'Home' }).click();
  await page.getByRole('link', { name: 'Resume where you left off' }).click();
  await expect(page).toHaveURL(/\/lessons\/02-threats-and-attack-vectors\/$/);
});

test('progress exported to a file can be imported into another browser', async ({ page, browser }) => {
  await page.goto(LESSON);
  await page.getByRole('button', { name: 'Mark as complete' }).click();
  await page.getByRole('link', { name: 'Your progress' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download progress file' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^pdl-progress-\d{4}-\d{2}-\d{2}\.json$/);
  const file = await download.path();
  expect(JSON.parse(await readFile(file, 'utf8')).lessons['01-defense-in-depth'].completedAt).toBeTruthy();

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto('/progress/');
  await expect(other.getByRole('cell', { name: /^Completed/ })).toHaveCount(0);
  await other.getByLabel('Progress file (.json)').setInputFiles(file);
  await other.getByRole('button', { name: 'Load progress', exact: true }).click();
  await expect(other.getByText(/Loaded your progress from/)).toBeVisible();
  await expect(other.getByRole('row', { name: /Defense in depth/ }).getByRole('cell', { name: /^Completed/ })).toBeVisible();

  await other.goto(LESSON);
  await expect(other.getByRole('button', { name: 'Mark as complete' })).toHaveAttribute('aria-pressed', 'true');
  await fresh.close();
});

test('a bad progress file is refused with the reason, and nothing changes', async ({ page }) => {
  await page.goto(LESSON);
  await page.getByRole('button', { name: 'Mark as complete' }).click();
  await page.goto('/progress/');
  const before = await page.evaluate(() => localStorage.getItem('pdl.progress'));

  await page.getByLabel('Progress file (.json)').setInputFiles({
    name: 'progress.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ version: 2, lessons: { x: { completedAt: 'soon' } }, quizzes: {}, labs: {} })),
  });
  await page.getByRole('button', { name: 'Load progress', exact: true }).click();

  await expect(page.getByText(/Could not load "progress\.json".*lessons\.x\.completedAt.*Nothing was changed\./)).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem('pdl.progress'))).toBe(before);
});

test('corrupt stored progress is kept aside, the learner is told, and the page still works', async ({ page }) => {
  await page.goto(LESSON);
  await page.evaluate(() => localStorage.setItem('pdl.progress', '{"version": 2, "lessons": nope'));
  await page.reload();

  const notice = page.getByRole('status').filter({ hasText: 'unreadable' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('pdl.progress.backup-');
  const backups = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('pdl.progress.backup-')));
  expect(backups).toHaveLength(1);

  await page.getByRole('button', { name: 'Mark as complete' }).click();
  await expect(page.getByRole('button', { name: 'Mark as complete' })).toHaveAttribute('aria-pressed', 'true');

  await page.goto('/progress/');
  await expect(page.getByRole('button', { name: /^Download backup from / })).toHaveCount(1);
});

test('progress from an older version (v1) is migrated, not lost', async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => localStorage.setItem('pdl.progress', JSON.stringify({ version: 1, completed: ['01-defense-in-depth'] })));
  await page.goto(LESSON);
  await expect(page.getByRole('button', { name: 'Mark as complete' })).toHaveAttribute('aria-pressed', 'true');
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('pdl.progress') ?? '{}'));
  expect(stored.version).toBe(2);
  await expect(page.getByRole('status').filter({ hasText: 'unreadable' })).toHaveCount(0);
});
