import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { maxPoints } from '../../machines/grading/lab.ts';
import { loadLabs } from '../../src/server/lab-files.server.ts';
import { type BrowserContext, expect, type Page, test } from '@playwright/test';

/** No axe violations (WCAG 2.1 A and AA) in the page as it is now. */
async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

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
  await expect(page.getByText(/^1 of \d+ done: 1 of \d+ lessons complete,/)).toBeVisible();
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

test('a progress file of the wrong shape is refused with the reason, and nothing changes', async ({ page }) => {
  await page.goto(LESSON);
  await page.getByRole('button', { name: 'Mark as complete' }).click();
  await page.goto('/progress/');
  const before = await page.evaluate(() => localStorage.getItem('pdl.progress'));

  await page.getByLabel('Progress file (.json)').setInputFiles({
    name: 'progress.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ version: 2, lessons: [{ completedAt: 'soon' }], quizzes: {}, labs: {} })),
  });
  await page.getByRole('button', { name: 'Load progress', exact: true }).click();

  await expect(page.getByText(/Could not load “progress\.json”.*lessons: expected an object, not a list.*Nothing was changed\./)).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem('pdl.progress'))).toBe(before);
});

test('corrupt stored progress is kept aside, the learner is told, and the page still works', async ({ page }) => {
  await page.goto(LESSON);
  await page.evaluate(() => localStorage.setItem('pdl.progress', '{"version": 2, "lessons": nope'));
  await page.reload();

  const notice = page.getByRole('status').filter({ hasText: 'could not be read' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('it is kept as a backup');
  const backups = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('pdl.progress.backup-')));
  expect(backups).toHaveLength(1);

  await page.getByRole('button', { name: 'Mark as complete' }).click();
  await expect(page.getByRole('button', { name: 'Mark as complete' })).toHaveAttribute('aria-pressed', 'true');

  await page.goto('/progress/');
  await expect(page.getByRole('button', { name: /^Download the backup kept / })).toHaveCount(1);
});

test('progress from an older version (v1) is migrated, not lost', async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => localStorage.setItem('pdl.progress', JSON.stringify({ version: 1, completed: ['01-defense-in-depth'] })));
  await page.goto(LESSON);
  await expect(page.getByRole('button', { name: 'Mark as complete' })).toHaveAttribute('aria-pressed', 'true');
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('pdl.progress') ?? '{}'));
  expect(stored.version).toBe(3);
  await expect(page.getByRole('status').filter({ hasText: 'could not be read' })).toHaveCount(0);
});

const LESSON_2 = '/lessons/02-threats-and-attack-vectors/';
const stored = (page: Page) => page.evaluate(() => JSON.parse(localStorage.getItem('pdl.progress') ?? 'null'));

/** Clicks "Mark as complete" in two tabs (lessons 1 and 2) at the same moment, `trials` times. */
async function clickInTwoTabsAtOnce(context: BrowserContext, trials: number): Promise<void> {
  const one = await context.newPage();
  const two = await context.newPage();
  await one.goto(LESSON);
  await two.goto(LESSON_2);
  for (let trial = 0; trial < trials; trial++) {
    const buttons = [one, two].map((p) => p.getByRole('button', { name: 'Mark as complete' }));
    const complete = trial % 2 === 0;
    await Promise.all(buttons.map((b) => b.click()));
    await Promise.all(buttons.map((b) => expect(b).toHaveAttribute('aria-pressed', String(complete))));
    // Once the writes have crossed, both tabs show both lessons alike in their outlines...
    const state = complete ? /\(completed\)/ : /^(?![\s\S]*\(completed\))/;
    await Promise.all(
      [one, two].flatMap((page) =>
        [/Defense in depth/, /Threats and attack vectors/].map((name) => expect(outlineLink(page, name)).toHaveAccessibleName(state)),
      ),
    );
    // ...and the stored record (one store for both tabs) keeps both.
    await expect
      .poll(async () => {
        const doc = await stored(one);
        return ['01-defense-in-depth', '02-threats-and-attack-vectors'].map((id) => Boolean(doc?.lessons[id]?.completedAt));
      })
      .toEqual([complete, complete]);
  }
}

// Ten simultaneous clicks in all, as two tests of five, so that each test does a bounded amount.
for (const round of [1, 2]) {
  test(`"Mark as complete" clicked in two tabs at once keeps both completions, every time (round ${round} of 2)`, async ({ context }) => {
    await clickInTwoTabsAtOnce(context, 5);
  });
}

test("the other tab's outline follows a completion without a reload", async ({ context }) => {
  const one = await context.newPage();
  const two = await context.newPage();
  await one.goto(LESSON);
  await two.goto(LESSON_2);
  await expect(outlineLink(two, /Defense in depth/)).not.toHaveAccessibleName(/\(completed\)/);
  await one.getByRole('button', { name: 'Mark as complete' }).click();
  await expect(outlineLink(two, /Defense in depth.*\(completed\)/)).toBeVisible();
});

test('two tabs on one lab: the second is told and chooses, nothing is overwritten silently', async ({ context }) => {
  const lab = '/labs/02-filter-blocks/';
  const one = await context.newPage();
  const two = await context.newPage();
  for (const page of [one, two]) {
    await page.goto(lab);
    await expect(page.locator('.lab-workbench[data-ready="true"]')).toBeVisible();
  }
  await two.getByRole('checkbox', { name: 'Use IP packet filtering' }).check();

  const conflict = one.getByRole('status').filter({ hasText: 'This lab was changed in another tab' });
  await expect(conflict).toBeVisible();
  await expect(one.getByText('Not saved: choose above which work to keep.')).toBeVisible();
  await expectAccessible(one);
  await one.getByRole('button', { name: "Keep the other tab's work" }).click();
  await expect(conflict).toBeHidden();
  await expect(one.getByRole('checkbox', { name: 'Use IP packet filtering' })).toBeChecked();

  // Now the first tab changes it back; the second is told, keeps its own work, and that is saved.
  await one.getByRole('checkbox', { name: 'Use IP packet filtering' }).uncheck();
  await two.getByRole('button', { name: 'Keep my work in this tab' }).click();
  await expect
    .poll(async () => JSON.stringify((await stored(two))?.labs['02-filter-blocks']?.draft?.answer?.settings))
    .toMatch(/"eip\.filter\.enabled":true|"filter":\{"enabled":true/);
});

test('one bad time in one record sets aside that record alone, and its backup loads back', async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => {
    const at = '2026-01-30T12:00:00.000Z';
    const doc = {
      version: 2,
      lessons: { '01-defense-in-depth': { visitedAt: at, completedAt: at }, '02-threats-and-attack-vectors': { visitedAt: at, completedAt: 'yesterday' } },
      quizzes: {},
      labs: {},
    };
    localStorage.setItem('pdl.progress', JSON.stringify(doc));
  });
  await page.goto('/progress/');
  await expect(page.getByRole('status').filter({ hasText: 'One record of your saved progress could not be read' })).toBeVisible();
  await expect(page.getByRole('row', { name: /Defense in depth/ }).getByRole('cell', { name: /^Completed/ })).toBeVisible();
  const backups = page.getByRole('list').filter({ hasText: 'Kept ' });
  await expect(backups).toContainText('Lesson 2, “Threats and attack vectors”: completedAt: expected a date and time like');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /^Download the backup kept / }).click(),
  ]);
  const text = await readFile(await download.path(), 'utf8');
  await page.getByLabel('Progress file (.json)').setInputFiles({
    name: 'corrected.json',
    mimeType: 'application/json',
    buffer: Buffer.from(text.replace('"yesterday"', '"2026-01-29T08:00:00.000Z"')),
  });
  await page.getByRole('button', { name: 'Load progress', exact: true }).click();
  await expect(page.getByText(/Loaded your progress from “corrected\.json”/)).toBeVisible();
  await expect(page.getByRole('row', { name: /Threats and attack vectors/ }).getByRole('cell', { name: /^Completed/ })).toBeVisible();
  await expect(page.getByRole('row', { name: /Defense in depth/ }).getByRole('cell', { name: /^Completed/ })).toBeVisible();
  await page.getByRole('button', { name: /^Delete the backup kept / }).first().click();
  await expect(page.getByRole('button', { name: 'Yes, delete it' })).toBeFocused();
  await expectAccessible(page);
});

test('a hand-edited "99 of 99, passed" is not loaded; a plausible result is shown as self-reported everywhere', async ({ page }) => {
  // A plausible result is full marks for the lab as it is now, so the lab's points come from its file.
  const { labs } = await loadLabs();
  const filterLab = labs.find((l) => l.id === '02-filter-blocks');
  if (!filterLab) throw new Error('lab 02-filter-blocks is missing');
  const full = maxPoints(filterLab);
  await page.goto('/progress/');
  const report = (score: number, max: number) => ({ score, max, passed: true, at: '2026-01-30T12:00:00.000Z' });
  const file = {
    version: 3,
    lessons: {},
    quizzes: {},
    labs: { '13-capstone-multi-stage': { attempts: 1, best: report(99, 99) }, '02-filter-blocks': { attempts: 1, best: report(full, full) } },
  };
  await page.getByLabel('Progress file (.json)').setInputFiles({ name: 'edited.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await page.getByRole('button', { name: 'Load progress', exact: true }).click();

  const result = page.locator('#import-result');
  await expect(result).toContainText('1 record was not loaded');
  await expect(result).toContainText(/Lab “[^”]+”: best\.max: this lab has \d+ points, not 99: set it to \d+\./);
  const results = page.locator('#results');
  await expect(results).not.toContainText('99');
  await expect(results).toContainText(`Lab “Let only the plant's own nodes in”: best ${full} of ${full}, passed (1 attempt) — imported, self-reported`);

  await page.goto('/labs/');
  const card = page.locator('[data-lab-id="02-filter-blocks"]');
  await expect(card).toContainText('Passed (self-reported)');
  await expect(card).toContainText('imported, self-reported');
  await expect(page.locator('[data-lab-id="13-capstone-multi-stage"]')).toContainText('Not started');

  await page.goto('/labs/02-filter-blocks/');
  // Both the score beside the briefing and the grade panel say it.
  await expect(page.getByText(`Your best so far: ${full} of ${full} (1 attempt) — imported, self-reported`)).toHaveCount(2);
  await expect(page.getByRole('complementary', { name: 'Briefing and score' }).getByText(`Your best so far: ${full} of ${full} (1 attempt) — imported, self-reported`)).toBeVisible();
});

test('progress too large to keep a copy of does not block saving for good: download it, delete a backup to make room', async ({ page }) => {
  await page.goto('/progress/');
  // Fill this site's storage to the brim: a large unreadable document, and backups around it.
  const unreadable = await page.evaluate(() => {
    const big = `{"version": 2, "lessons": ${'x'.repeat(1_000_000)}`;
    localStorage.clear();
    localStorage.setItem('pdl.progress', big);
    let n = 0;
    for (let size = 500_000; size >= 1; size = Math.floor(size / 2)) {
      for (;;) {
        try {
          localStorage.setItem(`pdl.progress.backup-2026-01-01T00:00:00.${String(n).padStart(3, '0')}Z`, 'y'.repeat(size));
          n++;
        } catch {
          break;
        }
      }
    }
    return big.length;
  });
  await page.reload();

  const panel = page.getByRole('region', { name: 'Your saved progress cannot be read' });
  await expect(panel).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'no room to keep a copy' })).toBeVisible();
  await expectAccessible(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    panel.getByRole('button', { name: 'Download the unreadable progress' }).click(),
  ]);
  expect((await readFile(await download.path(), 'utf8')).length).toBe(unreadable);

  await expect(page.getByText(/backups take \d+(\.\d)? MB of this browser’s storage/)).toBeVisible();
  await panel.getByRole('button', { name: 'Start fresh (keep it as a backup)' }).click();
  await expect(panel.getByText(/^There is still no room to keep it as a backup/)).toBeVisible();

  // Deleting works however full the storage is.
  const first = page.getByRole('button', { name: /^Delete the backup kept / }).first();
  await first.click();
  await page.getByRole('button', { name: 'Yes, delete it' }).click();
  await expect(page.getByText('Backup deleted.')).toBeVisible();
  // With room again, the unreadable progress is moved to a backup at once and saving resumes.
  await expect(panel).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'it is kept as a backup and a fresh record started' })).toBeVisible();
  expect(await page.evaluate(() => Object.values(localStorage).some((v) => v.length > 1_000_000))).toBe(true);

  await page.goto(LESSON);
  await page.getByRole('button', { name: 'Mark as complete' }).click();
  await expect.poll(async () => Boolean((await stored(page))?.lessons['01-defense-in-depth']?.completedAt)).toBe(true);
  await page.evaluate(() => localStorage.clear());
});
