/**
 * An instructor-led class on the served course, as its people meet it: the admin makes an
 * instructor account; the instructor creates a class with a lab and the short exam and reads its
 * class code; two learners, each in a browser of their own, join with the code and post a lab
 * answer; the instructor's dashboard shows both without a reload, and the CSV export has them.
 * One learner passes the exam; the instructor revokes the certificate with a reason, and /verify
 * then calls it revoked. Pages are checked with axe and must raise no CSP violation.
 */
import { readFileSync } from 'node:fs';
import { type Browser, expect, type Page, test } from '@playwright/test';
import { cspViolations } from './csp.ts';
import { ADMIN, axeClean, signIn } from './staff.ts';
import { keepSentPages, sentPageErrors } from '../html-check.ts';
import { answerEverything } from './exam-answers.ts';
import { E2E_EXAM_ID } from './seed-class-values.ts';

const IRIS = { name: 'Iris Instructor', email: 'iris@example.org', password: 'Lead-Classes-42' };
/** The lab the class takes, and the answer its learners post (the lab's reference answer). */
const LAB_ID = '01-users-and-roles';
const ANSWER = readFileSync(new URL(`../../fixtures/labs/${LAB_ID}/reference.json`, import.meta.url), 'utf8');




/** The admin, signed in: made through the setup link by the staff spec, which the `served` project depends on (playwright.config.ts). */
async function adminPage(page: Page): Promise<void> {
  await signIn(page, ADMIN);
  await expect(page.getByRole('heading', { level: 1, name: 'Staff accounts' })).toBeVisible();
}

/** A learner in a browser of their own: joins with the code and posts the lab answer from the page, as the class lab page does. */
async function learnerSubmits(browser: Browser, baseURL: string, classCode: string, name: string): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await page.goto('/class');
  await page.getByLabel('Class code').fill(classCode);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join the class' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('PLC security foundations');
  const status = await page.evaluate(
    async ({ labId, answer }) => (await fetch(`/api/class/labs/${labId}/submit`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: answer })).status,
    { labId: LAB_ID, answer: ANSWER },
  );
  expect(status).toBe(201);
  return page;
}

test('an instructor runs a class: live dashboard, CSV, and a revoked certificate that /verify calls revoked', async ({ page, browser, baseURL }) => {
  test.setTimeout(300_000);
  const violations = cspViolations(page);
  const sentPages = keepSentPages(page);
  await adminPage(page);
  await page.getByLabel('Name', { exact: true }).fill(IRIS.name);
  await page.getByLabel('E-mail').fill(IRIS.email);
  await page.getByLabel('Initial password').fill(IRIS.password);
  await page.getByRole('button', { name: 'Create the account' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Account created for ${IRIS.name}` })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();

  // The instructor lands on their classes and creates one; a bad form is refused at its fields.
  await signIn(page, IRIS);
  await expect(page.getByRole('heading', { level: 1, name: 'Your classes' })).toBeVisible();
  await page.getByRole('button', { name: 'Create the class' }).click();
  await expect(page.getByLabel('Name', { exact: true })).toHaveAccessibleDescription('Name: fill it in.');
  await axeClean(page);
  await page.getByLabel('Name', { exact: true }).fill('Morning shift');
  await page.locator(`input[name="labs"][value="${LAB_ID}"]`).check();
  await page.getByLabel('Exam').selectOption(E2E_EXAM_ID);
  await page.getByRole('button', { name: 'Create the class' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Class “Morning shift” created' })).toBeVisible();
  const classCode = (await page.locator('[data-class-code]').textContent())?.trim() ?? '';
  expect(classCode).toMatch(/^([0-9A-Z]{4}-){3}[0-9A-Z]{4}$/);
  await axeClean(page);

  // The class page, open before anyone joins; it must stay the same page (no reload) while learners work.
  await page.getByRole('link', { name: 'Morning shift' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Morning shift' })).toBeVisible();
  await axeClean(page);
  await page.evaluate(() => {
    (window as unknown as { notReloaded: boolean }).notReloaded = true;
  });
  const dashboard = page.getByRole('table', { name: /Each learner’s labs/ });

  const lena = await learnerSubmits(browser, baseURL ?? '', classCode.toLowerCase(), 'Lena Learner');
  const luis = await learnerSubmits(browser, baseURL ?? '', classCode, 'Luis Learner');
  await expect(dashboard.getByRole('row', { name: /Lena Learner.*(Passed|Submitted)/ })).toBeVisible();
  await expect(dashboard.getByRole('row', { name: /Luis Learner.*(Passed|Submitted)/ })).toBeVisible();
  await expect(page.locator('[data-dashboard-summary]')).toContainText('2 learners have joined.');
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);

  const csvLink = await page.getByRole('link', { name: 'Export the labs as CSV' }).getAttribute('href');
  const csv = await page.request.get(csvLink ?? '');
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toContain('text/csv');
  expect(await csv.text()).toMatch(/Lena Learner[\s\S]*Luis Learner/);

  // Lena passes the exam and gets a certificate.
  await lena.goto('/exam');
  await lena.getByRole('button', { name: 'Start the exam' }).click();
  expect(await answerEverything(lena)).toBe(15);
  await lena.getByRole('button', { name: 'Save answers' }).click();
  await lena.getByRole('button', { name: 'Review and submit' }).click();
  await lena.getByRole('button', { name: 'Submit the exam for scoring' }).click();
  await expect(lena.getByRole('heading', { level: 1 })).toHaveText('PLC security foundations: passed');
  await lena.getByRole('link', { name: 'See your certificate' }).click();
  const code = (await lena.locator('article.certificate code.code').textContent())?.trim() ?? '';

  // Luis sits it too and hands in without answering. The class page, never reloaded, shows both
  // learners' exams as they change (the exam is each row's last cell, out of 100).
  await luis.goto('/exam');
  await luis.getByRole('button', { name: 'Start the exam' }).click();
  await expect(dashboard.getByRole('row', { name: /Luis Learner.*In progress/ })).toBeVisible();
  await luis.getByRole('button', { name: 'Review and submit' }).click();
  await luis.getByRole('button', { name: 'Submit the exam for scoring' }).click();
  await expect(luis.getByRole('heading', { level: 1 })).toHaveText('PLC security foundations: not passed');
  await expect(dashboard.getByRole('row', { name: /Lena Learner.*Passed, best \d+ of 100$/ })).toBeVisible();
  await expect(dashboard.getByRole('row', { name: /Luis Learner.*Not passed, best \d+ of 100$/ })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);

  // The instructor revokes it; a reason is required.
  await page.reload();
  await expect(page.getByRole('row', { name: /Lena Learner.*Passed/ }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Revoke the certificate' }).click();
  await expect(page.getByLabel('Reason (kept in the audit log)').last()).toHaveAccessibleDescription('Reason: say why, in a few words.');
  await page.getByLabel('Certificate').selectOption(code);
  await page.getByLabel('Reason (kept in the audit log)').last().fill('Answers were shared during the exam.');
  await page.getByRole('button', { name: 'Revoke the certificate' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The certificate was revoked' })).toBeVisible();
  await axeClean(page);

  await expect(dashboard.getByRole('row', { name: /Lena Learner.*Passed, certificate revoked/ })).toBeVisible();
  // An accommodation for Luis, then withdrawn: each with its reason, and the form says whom it touches.
  await page.getByLabel('Learner', { exact: true }).selectOption({ label: 'Luis Learner' });
  await page.getByLabel('Extra minutes', { exact: true }).fill('10');
  await page.locator('#accommodation-reason').fill('Reading support requested.');
  await page.getByRole('button', { name: 'Grant the accommodation' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The accommodation was granted' })).toBeVisible();
  await expect(page.getByText('an attempt already running keeps the time it started with')).toBeVisible();
  await page.getByLabel('Accommodation', { exact: true }).selectOption({ label: 'Luis Learner: 10 extra minutes, 0 extra attempts (Reading support requested.)' });
  await page.locator('#withdraw-reason').fill('Granted to the wrong learner.');
  await page.getByRole('button', { name: 'Withdraw the accommodation' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The accommodation was withdrawn' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Accommodations granted in this class' }).getByRole('row', { name: /Luis Learner.*Withdrawn/ })).toBeVisible();
  await axeClean(page);

  await lena.goto(`/verify/${code}`);
  await expect(lena.locator('[data-verdict]')).toHaveAttribute('data-verdict', 'revoked');
  // Lena's exam page no longer calls it a pass.
  await lena.goto('/exam');
  await expect(lena.getByRole('listitem').filter({ hasText: 'the certificate was revoked' })).toBeVisible();
  expect(violations).toEqual([]);
  // The staff pages rendered on request are valid HTML, as the built pages are (test/e2e/html-valid.spec.ts).
  const rendered = await sentPages.all();
  expect(rendered.map((d) => new URL(d.url).pathname)).toEqual(expect.arrayContaining(['/instructor', '/instructor/admin']));
  expect(rendered.some((d) => new URL(d.url).pathname.startsWith('/instructor/cohorts/'))).toBe(true);
  expect(sentPageErrors(rendered, test.info().outputPath('pages'))).toEqual([]);
});
