/**
 * A learner on the served course: joins the class seeded before the server started
 * (seed-class.ts), takes the short certification exam as a well-prepared candidate would (the
 * spec knows the bank; the pages only show stems and options), reviews and submits, sees the
 * result and the certificate with its QR code, and /verify calls it valid.
 *
 * Along the way every response the browser receives before the submit is scanned for what must
 * stay on the server (rationales, bank item ids, key fields), and so are the built client files.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page, type Route, test } from '@playwright/test';
import { keepSentPages, sentPageErrors } from '../html-check.ts';
import { cspViolations } from './csp.ts';
import { bankSecrets, KEY_FIELDS, secretsIn } from '../../server/exam-flow/bank-secrets.ts';
import { answerEverything, BANK } from './exam-answers.ts';
import { E2E_CLASS_CODE } from './seed-class-values.ts';

const SECRETS = [...bankSecrets(BANK), ...KEY_FIELDS.map((f) => ({ text: `${f}:`, what: 'a key field' }))];


/** A new learner joins the seeded class under `name` and starts the exam (with or without script: plain forms). */
async function joinAndStart(page: Page, name: string): Promise<void> {
  await page.goto('/class');
  await page.getByLabel('Class code').fill(E2E_CLASS_CODE);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join the class' }).click();
  await page.getByRole('button', { name: 'Start the exam' }).click();
}

test('a learner joins with the class code, takes the exam, sees the result and a certificate that /verify calls valid', async ({ page }) => {
  test.setTimeout(180_000);
  const violations = cspViolations(page);
  const beforeSubmit: { url: string; text: string }[] = [];
  let recording = true;
  // Every page the server renders along the way, for the HTML checker at the end.
  const sentPages = keepSentPages(page);
  page.on('response', async (response) => {
    if (!recording) return;
    const url = response.url();
    const text = await response.text().catch(() => '');
    beforeSubmit.push({ url, text });
  });

  await page.goto('/class');
  await page.getByLabel('Class code').fill('not-a-class');
  await page.getByLabel('Your name').fill('Robin Learner');
  await page.getByRole('button', { name: 'Join the class' }).click();
  await expect(page.getByRole('alert')).toContainText('no class has this code');

  await page.getByLabel('Class code').fill(E2E_CLASS_CODE.toLowerCase());
  await page.getByRole('button', { name: 'Join the class' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('PLC security foundations');
  await page.getByRole('button', { name: 'Start the exam' }).click();

  await expect(page.locator('.exam-timer [data-remaining]')).toContainText('min');
  const answered = await answerEverything(page);
  expect(answered).toBe(15);
  // The page's script saved each change as it was made (the server took it: "Saved.").
  await expect(page.locator('[data-autosave-status]')).toHaveText('Saved.');
  await page.getByRole('button', { name: 'Save answers' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Answers saved.' })).toBeVisible();
  await page.getByRole('button', { name: 'Review and submit' }).click();
  await expect(page.getByRole('heading', { name: 'Review your answers' })).toBeVisible();
  await expect(page.getByText('Every question has a saved answer.')).toBeVisible();

  // Everything the browser got so far, and every built client file, is free of the key.
  await page.waitForLoadState('networkidle');
  recording = false;
  for (const { url, text } of beforeSubmit) expect(secretsIn(text, SECRETS), url).toEqual([]);
  expect(beforeSubmit.some((r) => r.url.endsWith('/exam/attempt'))).toBe(true);

  await page.getByRole('button', { name: 'Submit the exam for scoring' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('PLC security foundations: passed');
  await expect(page.getByText('Your score: 100 %')).toBeVisible();
  // The review, after submission, explains each answer.
  await expect(page.locator('.rationale').first()).not.toBeEmpty();

  await page.getByRole('link', { name: 'See your certificate' }).click();
  const certificate = page.locator('article.certificate');
  await expect(certificate).toContainText('Robin Learner');
  await expect(certificate).toContainText('PLC security foundations');
  await expect(certificate).toContainText('100 %');
  await expect(certificate.locator('svg')).toBeVisible();
  const code = (await certificate.locator('code.code').textContent())?.trim() ?? '';
  expect(code).toMatch(/^([0-9A-Z]{5}-){4}[0-9A-Z]{5}$/);

  await certificate.getByRole('link', { name: /\/verify\// }).click();
  await expect(page.locator('[data-verdict]')).toHaveAttribute('data-verdict', 'valid');
  await expect(page.locator('[data-verdict]')).toContainText('Robin Learner passed PLC security foundations');
  // Typed by hand on the check page, in lower case and without hyphens, it is still found.
  await page.goto('/verify');
  await page.getByLabel(/Verification code/).fill(code.toLowerCase().replaceAll('-', ''));
  await page.getByRole('button', { name: 'Check' }).click();
  await expect(page.locator('[data-verdict]')).toHaveAttribute('data-verdict', 'valid');
  await page.goto(`/verify/${code.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))}`);
  await expect(page.locator('[data-verdict]')).toHaveAttribute('data-verdict', 'unknown');
  expect(violations).toEqual([]);

  // Each page rendered on request is valid HTML, as the built pages are (test/e2e/html-valid.spec.ts).
  const rendered = await sentPages.all();
  expect(rendered.map((d) => new URL(d.url).pathname)).toEqual(expect.arrayContaining(['/class', '/exam/attempt', '/exam/review', '/verify']));
  expect(sentPageErrors(rendered, test.info().outputPath('pages'))).toEqual([]);
});

test('"Save answers" waits for an autosave still on its way, so an older answer never lands over the form; leaving asks first', async ({ page }) => {
  test.setTimeout(180_000);
  await joinAndStart(page, 'Sam Learner');

  // Autosaves are held in the network until released: as on a slow link, they are still on their
  // way when the learner presses "Save answers".
  const held: Route[] = [];
  let holding = true;
  await page.route('**/api/exam/save', (route) => (holding ? held.push(route) : route.continue()));
  const formPosts: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/exam/attempt') formPosts.push(request.url());
  });
  expect(await answerEverything(page)).toBe(15);
  expect(held.length).toBeGreaterThan(0);
  // Leaving now would lose the newest answers' place in line: the browser asks first; staying keeps the page.
  const asked = Promise.race([
    page.waitForEvent('dialog'),
    page.waitForEvent('close').then(() => {
      throw new Error('the page closed without asking');
    }),
  ]);
  await page.close({ runBeforeUnload: true });
  const dialog = await asked;
  expect(dialog.type()).toBe('beforeunload');
  await dialog.dismiss();
  await page.getByRole('button', { name: 'Save answers' }).click();
  await expect(page.locator('[data-autosave-status]')).toHaveText('Finishing the last autosave before the form is sent…');
  expect(formPosts).toEqual([]);

  holding = false;
  for (const route of held.splice(0)) await route.continue();
  await expect(page.getByRole('status').filter({ hasText: 'Answers saved.' })).toBeVisible();
  expect(formPosts).toHaveLength(1);
  // What the server kept is the whole answer: a fresh review, then the score.
  await page.goto('/exam/review');
  await expect(page.getByText('Every question has a saved answer.')).toBeVisible();
  await page.getByRole('button', { name: 'Submit the exam for scoring' }).click();
  await expect(page.getByText('Your score: 100 %')).toBeVisible();
});

test('the built client files carry no rationale of the exam bank', () => {
  const root = join(import.meta.dirname, '../../../dist-served/client');
  const walk = (dir: string): string[] => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]));
  const files = walk(root).filter((f) => /\.(html|js|mjs|css|json|txt|svg|xml)$/.test(f));
  expect(files.length).toBeGreaterThan(20);
  // Rationales only: lesson quizzes of the practice course may share an id or a fact with the bank.
  const rationales = SECRETS.filter((s) => s.what === 'a rationale');
  for (const file of files) expect(secretsIn(readFileSync(file, 'utf8'), rationales), file).toEqual([]);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the plain forms join, start, save, review and submit; a failed attempt gets no certificate', async ({ page }) => {
    test.setTimeout(120_000);
    await joinAndStart(page, 'Noscript Learner');

    const choice = page.locator('fieldset.exam-question input[type="radio"], fieldset.exam-question input[type="checkbox"]').first();
    await choice.check();
    await page.getByRole('button', { name: 'Save answers' }).click();
    await expect(page.getByText('Answers saved.')).toBeVisible();
    // Saved on the server: a fresh load of the page shows it chosen.
    await page.goto('/exam/attempt');
    await expect(page.locator('fieldset.exam-question input:checked')).toHaveCount(1);

    await page.getByRole('button', { name: 'Review and submit' }).click();
    await expect(page.getByText('14 of 15 questions have no saved answer.')).toBeVisible();
    await page.getByRole('button', { name: 'Submit the exam for scoring' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('PLC security foundations: not passed');
    await expect(page.getByRole('link', { name: 'See your certificate' })).toHaveCount(0);
    await page.getByRole('link', { name: 'Back to your exam' }).click();
    await expect(page.getByText(/The next attempt opens 24 hours after/)).toBeVisible();
  });
});
