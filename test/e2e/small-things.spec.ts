/**
 * The small things a learner notices (issue 11): where focus lands after a button removes itself,
 * an address error tied to its field, password boxes with a Show toggle, a message instead of dead
 * controls without JavaScript, the home page and course progress counting quizzes and labs, the
 * labs table on /progress/, and a destructive confirmation that does not look like the main action.
 */
import { expect, type Locator, type Page, test } from '@playwright/test';
import { expectPasswordToggle } from './password-toggle.ts';

const LESSON_6 = '/lessons/06-ip-packet-filtering/';
const LESSON_12 = '/lessons/12-read-protection/';
const FILTER_LAB = '/labs/02-filter-blocks/';

/** The lab page once its workbench has hydrated. */
async function openLab(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await expect(page.locator('.lab-workbench[data-ready="true"]')).toBeVisible();
}

/** A lesson widget once it has hydrated (its first button is enabled). */
async function widget(page: Page, selector: string): Promise<Locator> {
  const root = page.locator(selector);
  await root.scrollIntoViewIfNeeded();
  await expect(root.getByRole('button').first()).toBeEnabled();
  return root;
}


test.describe('lesson 6 filter widget', () => {
  test('an address the unit refuses is tied to its field; a fixed one clears it', async ({ page }) => {
    await page.goto(LESSON_6);
    const lab = await widget(page, '.filter-lab');
    const form = lab.getByRole('form', { name: 'Add a filter rule' });
    await form.getByLabel('Source IP address').fill('192.168.250');
    await form.getByRole('button', { name: 'Add rule' }).click();
    const ip = form.getByLabel('Source IP address');
    await expect(ip).toHaveAttribute('aria-invalid', 'true');
    // The screen reader reads the error with the field: its description is the error's text.
    await expect(ip).toHaveAccessibleDescription(/four numbers separated by dots/);
    await expect(form.getByLabel('Mask')).not.toHaveAttribute('aria-invalid', 'true');

    await ip.fill('192.168.250.10');
    await form.getByRole('button', { name: 'Add rule' }).click();
    await expect(lab.getByRole('table', { name: /Filter table \(1 rule/ })).toContainText('192.168.250.10');
    await expect(ip).not.toHaveAttribute('aria-invalid', 'true');
  });

  test('after "Remove rule" focus moves to the next rule, and to "Add rule" when the table is empty', async ({ page }) => {
    await page.goto(LESSON_6);
    const lab = await widget(page, '.filter-lab');
    const form = lab.getByRole('form', { name: 'Add a filter rule' });
    for (const ip of ['192.168.250.10', '192.168.250.20']) {
      await form.getByLabel('Source IP address').fill(ip);
      await form.getByRole('button', { name: 'Add rule' }).click();
    }
    await expect(lab.getByRole('table', { name: /Filter table \(2 rules/ })).toBeVisible();

    await lab.getByRole('button', { name: 'Remove rule 1' }).click();
    await expect(lab.getByRole('table', { name: /Filter table \(1 rule/ })).toContainText('192.168.250.20');
    // The rule that was second is now rule 1: its Remove button has the keyboard.
    await expect(lab.getByRole('button', { name: 'Remove rule 1' })).toBeFocused();

    await page.keyboard.press('Enter');
    await expect(lab.getByRole('table', { name: /Filter table \(0 rules/ })).toBeVisible();
    await expect(form.getByRole('button', { name: 'Add rule' })).toBeFocused();
  });
});

test('lab settings: after "Remove" of a filter rule focus stays in the rule list', async ({ page }) => {
  await openLab(page, FILTER_LAB);
  const form = page.getByRole('form', { name: 'Add a filter rule' });
  for (const ip of ['192.168.250.11', '192.168.250.12']) {
    await form.getByLabel('IP address').fill(ip);
    await form.getByRole('button', { name: 'Add rule' }).click();
  }
  await page.getByRole('button', { name: /^Remove rule 1 \(192\.168\.250\.11/ }).click();
  await expect(page.getByRole('button', { name: /^Remove rule 1 \(192\.168\.250\.12/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: /^Remove rule/ })).toHaveCount(0);
  await expect(form.getByRole('button', { name: 'Add rule' })).toBeFocused();
});

test('lab settings: after "Remove" of an excluded FINS node focus moves to the next node, then to the add button', async ({ page }) => {
  await openLab(page, '/labs/06-fins-write-protection/');
  const form = page.getByRole('form', { name: 'Exclude a FINS node' });
  for (const node of ['61', '62']) {
    await form.getByLabel(/FINS node number/).fill(node);
    await form.getByRole('button', { name: 'Exclude node' }).click();
    await expect(page.getByRole('button', { name: `Remove node ${node}` })).toBeVisible();
  }
  await page.getByRole('button', { name: 'Remove node 61' }).click();
  await expect(page.getByRole('button', { name: 'Remove node 62' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Remove node 62' })).toHaveCount(0);
  await expect(form.getByRole('button', { name: 'Exclude node' })).toBeFocused();
});

test('"Try the quiz again" puts focus on the quiz heading, not the top of the page', async ({ page }) => {
  await page.goto(LESSON_6);
  const quiz = page.locator('.quiz');
  await quiz.scrollIntoViewIfNeeded();
  const check = quiz.getByRole('button', { name: 'Check answer' }).first();
  await expect(check).toBeEnabled();
  await quiz.getByRole('group').first().getByRole('radio').first().check();
  await check.click();
  await quiz.getByRole('button', { name: 'Try the quiz again' }).click();
  const heading = quiz.getByRole('heading', { level: 2 });
  await expect(heading).toBeFocused();
  await expect(quiz.getByRole('button', { name: 'Check answer' }).first()).toBeVisible();
  await expect(heading).toBeInViewport();
});

test.describe('password boxes hide what is typed, with a Show toggle', () => {
  test('in a lesson widget', async ({ page }) => {
    await page.goto(LESSON_12);
    const root = await widget(page, '.cpu-widget');
    await expectPasswordToggle(root, 'UM read protection password', 'Mix#Recipe26');
  });

  test('in the lab settings', async ({ page }) => {
    await openLab(page, '/labs/01-users-and-roles/');
    const form = page.getByRole('form', { name: 'Add a user' });
    await expectPasswordToggle(form, 'Password', 'Night-Shift-42');
  });
});

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('a lab and a quiz say they need JavaScript instead of showing dead controls alone', async ({ page }) => {
    // (Playwright's text search skips <noscript>, so the notice is found by its mark.)
    const notice = page.locator('[data-noscript-notice]');
    await page.goto(FILTER_LAB);
    await expect(notice).toBeVisible();
    await expect(notice).toContainText('This lab needs JavaScript.');
    await page.goto(LESSON_6);
    await expect(notice).toBeVisible();
    await expect(notice).toContainText('This quiz needs JavaScript.');
  });
});

test('with JavaScript on, no such message shows', async ({ page }) => {
  await openLab(page, FILTER_LAB);
  await expect(page.locator('[data-noscript-notice]')).toBeHidden();
});

/** Puts a progress document in this browser before the page's scripts read it. */
async function seedProgress(page: Page, doc: object): Promise<void> {
  await page.addInitScript((text) => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('pdl.progress', text);
      sessionStorage.setItem('seeded', '1');
    }
  }, JSON.stringify(doc));
}

const report = (score: number, max: number, passed: boolean, at: string) => ({ score, max, passed, at });
const quizAttempt = (at: string) => ({ score: 3, max: 5, answers: {}, at });

test.describe('home and progress pages', () => {
  test('the home page names the labs and the quizzes', async ({ page }) => {
    await page.goto('/');
    const practise = page.getByRole('region', { name: 'Practise and prove it' });
    await expect(practise).toContainText(/\d+ quizzes/);
    await expect(practise.getByRole('link', { name: /\d+ graded labs/ })).toHaveAttribute('href', '/labs/');
  });

  test('course progress counts quizzes taken and labs passed, and says so', async ({ page }) => {
    await seedProgress(page, {
      version: 3,
      lessons: { '01-defense-in-depth': { visitedAt: '2026-01-01T10:00:00.000Z', completedAt: '2026-01-01T10:05:00.000Z' } },
      quizzes: { '01-defense-in-depth': { last: quizAttempt('2026-01-01T10:06:00.000Z'), best: quizAttempt('2026-01-01T10:06:00.000Z'), attempts: 1 } },
      labs: {
        '02-filter-blocks': { best: report(9, 9, true, '2026-01-01T11:00:00.000Z'), last: report(9, 9, true, '2026-01-01T11:00:00.000Z'), attempts: 1 },
        '01-users-and-roles': { best: report(2, 9, false, '2026-01-01T09:00:00.000Z'), last: report(2, 9, false, '2026-01-01T09:00:00.000Z'), attempts: 1 },
      },
    });
    await page.goto('/');
    await expect(page.getByText(/^3 of \d+ done: 1 of \d+ lessons complete, 1 of \d+ quizzes taken, 1 of \d+ labs passed$/)).toBeVisible();
    await expect(page.getByText(/a lab once a graded run passes/)).toBeVisible();
    const bar = page.getByRole('progressbar', { name: 'Course progress' });
    await expect(bar).toHaveAttribute('value', '3');

    await page.getByRole('link', { name: 'Your progress' }).first().click();
    await expect(page.getByText(/^3 of \d+ done:/)).toBeVisible();
    const labs = page.getByRole('region', { name: 'Labs' }).getByRole('table');
    // Every lab by its title, never its file name.
    await expect(labs.getByRole('row')).toHaveCount(15);
    await expect(labs).not.toContainText('02-filter-blocks');
    const passed = labs.getByRole('row', { name: /plant's own nodes/ });
    await expect(passed.getByRole('cell').nth(1)).toHaveText('Passed');
    await expect(passed.getByRole('cell').nth(2)).toHaveText(/^Best 9 of 9/);
    await expect(labs.getByRole('row', { name: /Users and roles/ }).getByRole('cell').nth(1)).toHaveText('Attempted');
  });

  test('"Resume" goes to the lab the learner was last in, when that is the latest activity', async ({ page }) => {
    await page.goto('/lessons/03-threat-table/');
    // Working in a lab after the lesson: the lab's draft is saved as the learner changes a setting.
    await openLab(page, FILTER_LAB);
    const form = page.getByRole('form', { name: 'Add a filter rule' });
    await form.getByLabel('IP address').fill('192.168.250.11');
    await form.getByRole('button', { name: 'Add rule' }).click();
    await expect(page.getByRole('button', { name: /^Remove rule 1/ })).toBeVisible();
    await expect.poll(() => page.evaluate(() => JSON.parse(localStorage.getItem('pdl.progress') ?? '{}').labs?.['02-filter-blocks']?.draftSavedAt)).toBeTruthy();

    await page.goto('/');
    const resume = page.getByRole('link', { name: /^Resume where you left off: the lab/ });
    await resume.click();
    await expect(page).toHaveURL(/\/labs\/02-filter-blocks\/$/);

    // A lesson read after that is the latest activity again.
    await page.goto('/lessons/04-what-your-hardware-offers/');
    await page.goto('/');
    await page.getByRole('link', { name: 'Resume where you left off' }).click();
    await expect(page).toHaveURL(/\/lessons\/04-what-your-hardware-offers\/$/);
  });
});

test('"Yes, start again" is outlined in the danger colour, not the filled main button', async ({ page }) => {
  await openLab(page, FILTER_LAB);
  await page.getByRole('button', { name: 'Start the lab again…' }).click();
  const yes = page.getByRole('button', { name: 'Yes, start again' });
  const look = (b: Locator) => b.evaluate((el) => ({ bg: getComputedStyle(el).backgroundColor, color: getComputedStyle(el).color }));
  const primary = await look(page.getByRole('button', { name: /^Grade/ }).first());
  const danger = await look(yes);
  expect(danger.bg).toBe('rgba(0, 0, 0, 0)');
  expect(danger.bg).not.toBe(primary.bg);
  // Red: the red channel well above green and blue.
  const [r = 0, g = 0, b = 0] = (danger.color.match(/\d+/g) ?? []).map(Number);
  expect(r).toBeGreaterThan(g + 80);
  expect(r).toBeGreaterThan(b + 80);
  await page.getByRole('button', { name: 'Keep my work' }).click();
});
