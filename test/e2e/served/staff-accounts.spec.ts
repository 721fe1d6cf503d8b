/**
 * Staff accounts as people meet them on the served course: the setup link the server printed
 * makes the first admin (once); the admin creates an instructor, with the password rule's
 * problems shown at the field; the instructor signs in with JavaScript off (the forms need none),
 * cannot open the admin page, and signs out.
 * Every page is checked with axe and must raise no Content-Security-Policy violation.
 */
import { existsSync, readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { keepSentPages, sentPageErrors } from '../html-check.ts';
import { cspViolations } from './csp.ts';
import { ADMIN, axeClean, signIn } from './staff.ts';

const INSTRUCTOR = { name: 'Ines Instructor', email: 'ines@example.org', password: 'Teach-Safely-7' };

/** The setup link the server wrote at start-up (playwright.config.ts says where). */
async function setupPath(): Promise<string> {
  const file = process.env.SETUP_LINK_FILE ?? '';
  await expect.poll(() => existsSync(file), { message: `the served course should write its setup link to ${file} (a served course already running on the port is reused and writes none: stop it)`, timeout: 60_000 }).toBe(true);
  return new URL(readFileSync(file, 'utf8').trim()).pathname;
}



test('the printed setup link makes the admin, who creates an instructor; the instructor cannot open the admin page', async ({ page, browser, baseURL }) => {
  const violations = cspViolations(page);
  const sentPages = keepSentPages(page);

  // The one-time link: choose name, e-mail and password.
  const setup = await setupPath();
  await page.goto(setup);
  await expect(page.getByRole('heading', { level: 1, name: 'Create the first admin account' })).toBeVisible();
  await axeClean(page);
  await page.getByLabel('Your name').fill(ADMIN.name);
  await page.getByLabel('E-mail').fill(ADMIN.email);
  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await page.getByLabel('Password again').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Create the admin account' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Your account is ready: sign in with it.' })).toBeVisible();

  // The admin signs in and lands on the staff accounts.
  await signIn(page, ADMIN);
  await expect(page.getByRole('heading', { level: 1, name: 'Staff accounts' })).toBeVisible();
  await axeClean(page);

  // A weak initial password is refused, the problems tied to the field.
  await page.getByLabel('Name', { exact: true }).fill(INSTRUCTOR.name);
  await page.getByLabel('E-mail').fill(INSTRUCTOR.email);
  await page.getByLabel('Initial password').fill('short');
  await page.getByRole('button', { name: 'Create the account' }).click();
  const initial = page.getByLabel('Initial password');
  await expect(initial).toHaveAttribute('aria-invalid', 'true');
  await expect(initial).toHaveAccessibleDescription(/too short \(5 characters\): use at least 8/);
  await expect(page.getByLabel('E-mail')).toHaveValue(INSTRUCTOR.email);
  await axeClean(page);
  await initial.fill(INSTRUCTOR.password);
  await page.getByRole('button', { name: 'Create the account' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Account created for ${INSTRUCTOR.name}` })).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(`${INSTRUCTOR.name}.*Instructor.*Active`) })).toBeVisible();

  // The instructor's own page: disabling asks for a reason, named at its field.
  await page.getByRole('link', { name: INSTRUCTOR.name }).click();
  await expect(page.getByRole('heading', { level: 1, name: INSTRUCTOR.name })).toBeVisible();
  await page.getByRole('button', { name: 'Disable the account' }).click();
  await expect(page.getByLabel('Reason (kept in the audit log)')).toHaveAccessibleDescription('Reason: say why, in a few words.');
  await axeClean(page);
  await page.getByRole('link', { name: 'All staff accounts' }).click();

  await page.goto('/instructor/account');
  await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
  await axeClean(page);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'You are signed out.' })).toBeVisible();

  // The instructor, in a browser with JavaScript off (the forms need none), signs in and is refused the admin page.
  const noScript = await browser.newContext({ javaScriptEnabled: false, baseURL });
  const instructor = await noScript.newPage();
  await signIn(instructor, INSTRUCTOR);
  await expect(instructor.getByRole('heading', { level: 1, name: 'Your classes' })).toBeVisible();
  await expect(instructor.getByRole('link', { name: 'Staff accounts' })).toHaveCount(0);
  const refused = await instructor.goto('/instructor/admin');
  expect(refused?.status()).toBe(403);
  await expect(instructor.getByRole('heading', { level: 1, name: 'For administrators only' })).toBeVisible();

  // Signed out, staff pages send the visitor to sign in.
  await instructor.goto('/instructor/account');
  await instructor.getByRole('button', { name: 'Sign out' }).click();
  await expect(instructor).toHaveURL(/\/instructor\/sign-in\?signed-out$/);
  await instructor.goto('/instructor/admin');
  await expect(instructor).toHaveURL(/\/instructor\/sign-in\?next=%2Finstructor%2Fadmin$/);
  await noScript.close();

  // The setup link never works again.
  const again = await page.goto(setup);
  expect(again?.status()).toBe(404);
  await expect(page.getByRole('alert')).toContainText('This setup link does not work');
  expect(violations).toEqual([]);
  // Every staff page on the way is valid HTML, as the built pages are (test/e2e/html-valid.spec.ts).
  const rendered = await sentPages.all();
  const paths = rendered.map((d) => new URL(d.url).pathname);
  expect(paths).toEqual(expect.arrayContaining([setup, '/instructor/sign-in', '/instructor/admin', '/instructor/account']));
  expect(paths.some((p) => p.startsWith('/instructor/admin/accounts/'))).toBe(true);
  expect(sentPageErrors(rendered, test.info().outputPath('pages'))).toEqual([]);
});
