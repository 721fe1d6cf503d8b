/**
 * Performance items answered in the lab workbench (exam mode). The candidate of the seeded attempt
 * (seed-class.ts: two performance items, drawn from the real bank with a known seed) configures
 * both racks with the mouse and keyboard — no JSON typed — sends a request of their own through
 * one, and each change autosaves; a reload brings both workbenches back as they were; after the
 * submit the server's score gives the right configuration the item's points and the weakened one
 * less. An answer typed without script that the workbench cannot open stays in the plain field to be
 * corrected. Before the submit, no page or answer of the server (the islands' serialized props included)
 * carries the labs' hints, checks, expectations or expected answers. Axe-clean with the workbenches
 * in it, and no Content-Security-Policy violation.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, expect, type Locator, type Page, test } from '@playwright/test';
import { parse } from 'yaml';
import { bankSecrets, KEY_FIELDS, secretsIn } from '../../server/exam-flow/bank-secrets.ts';
import { cspViolations } from './csp.ts';
import { BANK } from './exam-answers.ts';
import { E2E_EXAM_LAB } from './seed-class-values.ts';
import { axeClean } from './staff.ts';

interface LabFile {
  hints: { text: string }[];
  objectives: { hint?: string }[];
}

/** A performance item of the bank, with its lab file (the key the page must not carry). */
function performanceItem(id: string) {
  const item = BANK.find((b) => b.id === id) as (typeof BANK)[number] & { lab?: string; points?: number; section?: string };
  if (!item?.lab) throw new Error(`no performance item ${id} in content/exams`);
  const lab = parse(readFileSync(join(import.meta.dirname, '../../../content/labs', `${item.lab}.yaml`), 'utf8')) as LabFile;
  // Performance items are worth 4 points unless they say otherwise (src/server/exams/schema.ts).
  return { stem: item.stem.trim(), points: item.points ?? 4, section: item.section ?? '', lab };
}

const DIP = performanceItem('perf-dip');
const FINS = performanceItem('perf-fins-wp');
/** What must not reach the browser before the submit: the labs' hint words, and the fields that hold a key. */
const SECRETS = [
  ...bankSecrets(
    BANK.filter((b) => (E2E_EXAM_LAB.items as readonly string[]).includes(b.id)),
    [DIP, FINS].flatMap(({ lab }) => [...lab.hints.map((h) => h.text), ...lab.objectives.flatMap((o) => (o.hint ? [o.hint] : []))]),
  ),
  ...[...KEY_FIELDS, '"expect":', '"derive":', '"checks":', '"traffic":', '"history":', '"hint":', '"objectives":', 'blockedBy'].map((text) => ({ text, what: 'a key field' })),
];

async function signInAsCandidate(page: Page, baseURL: string | undefined) {
  await page.context().addCookies([{ name: 'pdl_learner', value: E2E_EXAM_LAB.token, url: baseURL ?? '' }]);
}

/** The candidate's attempt page in a browser without script. */
async function withoutScript(browser: Browser, baseURL: string | undefined): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({ javaScriptEnabled: false });
  await context.addCookies([{ name: 'pdl_learner', value: E2E_EXAM_LAB.token, url: baseURL ?? '' }]);
  const page = await context.newPage();
  await page.goto('/exam/attempt');
  return { page, close: () => context.close() };
}

/** The question with this stem, once its workbench has loaded. */
async function question(page: Page, stem: string): Promise<Locator> {
  const fieldset = page.locator('fieldset.exam-question').filter({ has: page.locator('.stem', { hasText: stem }) });
  await expect(fieldset.locator('.lab-workbench[data-ready="true"]')).toBeVisible();
  return fieldset;
}

async function saved(page: Page) {
  await expect(page.locator('[data-autosave-status]')).toHaveText('Saved.');
}

test('performance items are configured in the workbench, autosaved, restored after a reload and scored by the server', async ({ page, browser, baseURL }) => {
  test.setTimeout(180_000);
  const violations = cspViolations(page);
  // Every page and every answer of the server (autosaves included) until the submit.
  const beforeSubmit: { url: string; text: string }[] = [];
  let recording = true;
  page.on('response', async (response) => {
    if (!recording || !['document', 'fetch', 'xhr'].includes(response.request().resourceType())) return;
    beforeSubmit.push({ url: response.url(), text: await response.text().catch(() => '') });
  });
  await signInAsCandidate(page, baseURL);
  await page.goto('/exam/attempt');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('PLC security practitioner');
  await expect(page.locator('fieldset.exam-question')).toHaveCount(2);

  // The page as the server sent it — the islands' props included — carries nothing of the key.
  const source = await (await page.request.get('/exam/attempt')).text();
  expect(source).toContain('astro-island');
  expect(source).toContain('&quot;plant&quot;');
  expect(secretsIn(source, SECRETS)).toEqual([]);

  // An answer typed into the plain field without script that the workbench cannot open (a setting
  // this lab does not let anyone change) stays in view to be corrected, and nothing overwrites it.
  const typed = await withoutScript(browser, baseURL);
  const typedField = typed.page.locator('fieldset.exam-question').filter({ has: typed.page.locator('.stem', { hasText: FINS.stem }) }).getByLabel(/Your answer \(JSON/);
  await typedField.fill('{ "settings": { "cpu.plcName": "LINE9" } }');
  await typed.page.getByRole('button', { name: 'Save answers' }).click();
  await expect(typed.page.getByText('Answers saved.')).toBeVisible();
  await typed.close();
  await page.reload();
  const unreadable = page.locator('fieldset.exam-question').filter({ has: page.locator('.stem', { hasText: FINS.stem }) });
  await expect(unreadable.getByRole('alert')).toContainText('cannot be opened in the workbench');
  await expect(unreadable.getByLabel(/Your answer \(JSON/)).toHaveValue(/LINE9/);
  // Emptied (and saved as no answer), the item is the workbench's again after a reload.
  await unreadable.getByLabel(/Your answer \(JSON/).fill('');
  await page.keyboard.press('Tab');
  await saved(page);
  await page.reload();

  const dip = await question(page, DIP.stem);
  const fins = await question(page, FINS.stem);
  // Each workbench took over its item's JSON field, and shows no grading, score or hint.
  await expect(page.getByLabel(/Your answer \(JSON/)).toHaveCount(2);
  for (const field of await page.getByLabel(/Your answer \(JSON/).all()) await expect(field).toBeHidden();
  await expect(page.getByRole('button', { name: /Run the traffic|Grade|Submit for grading|hint/i })).toHaveCount(0);
  await expect(page.getByText('What is graded')).toHaveCount(0);

  // The DIP switch item, right: write protection on (the mouse).
  await dip.getByRole('checkbox', { name: /Write-protect the user program and parameter area/ }).check();
  await saved(page);

  // The FINS item, weakened (the keyboard): protection on, but the HMI's node excluded instead of the SCADA server's.
  const hmiNode = (await fins.locator('[data-node="HMI panel"] td').nth(1).textContent())?.trim() ?? '';
  expect(hmiNode).toMatch(/^\d+$/);
  await fins.getByRole('checkbox', { name: 'Use FINS write protection' }).focus();
  await page.keyboard.press('Space');
  await saved(page);
  await fins.getByLabel(/FINS node number/).fill(hmiNode);
  await page.keyboard.press('Enter');
  await expect(fins.getByText(`FINS node ${hmiNode}`)).toBeVisible();
  await saved(page);
  // A request of the candidate's own meets the rack as they configured it (and is no part of the answer).
  const sender = fins.getByRole('form', { name: 'Send a request of your own' });
  const senderMenu = sender.getByLabel('Sender');
  await senderMenu.selectOption((await senderMenu.locator('option', { hasText: /^Rogue laptop/ }).first().getAttribute('value')) ?? '');
  await sender.getByLabel('Operation').selectOption({ label: 'Write 1500 to D100 (set point)' });
  await sender.getByRole('button', { name: 'Send request' }).click();
  await expect(fins.locator('.lab-own-result')).toContainText('Blocked at FINS write protection');
  await expect(dip.locator('.lab-own-result')).toHaveCount(0);
  // The DIP item's workbench is untouched by the other's changes: each is its own.
  await expect(dip.getByRole('checkbox', { name: /Write-protect/ })).toBeChecked();

  // Without script the same page offers the plain JSON field, filled with what the workbench saved.
  const plain = await withoutScript(browser, baseURL);
  const plainField = plain.page.locator('fieldset.exam-question').filter({ has: plain.page.locator('.stem', { hasText: DIP.stem }) }).getByLabel(/Your answer \(JSON/);
  await expect(plainField).toBeVisible();
  expect(JSON.parse(await plainField.inputValue())).toEqual({ settings: { 'cpu.dipWriteProtect': true } });
  await plain.close();

  // A reload brings both workbenches back from what the server saved.
  await page.reload();
  const dipAgain = await question(page, DIP.stem);
  const finsAgain = await question(page, FINS.stem);
  await expect(dipAgain.getByRole('checkbox', { name: /Write-protect the user program and parameter area/ })).toBeChecked();
  await expect(finsAgain.getByRole('checkbox', { name: 'Use FINS write protection' })).toBeChecked();
  await expect(finsAgain.getByText(`FINS node ${hmiNode}`)).toBeVisible();

  await page.locator('.lab-workbench details').evaluateAll((all) => {
    for (const details of all) (details as HTMLDetailsElement).open = true;
  });
  await axeClean(page);

  await page.getByRole('button', { name: 'Review and submit' }).click();
  await expect(page.getByText('Every question has a saved answer.')).toBeVisible();
  recording = false;
  expect(beforeSubmit.filter((r) => r.url.includes('/api/exam/save')).length).toBeGreaterThanOrEqual(3);
  for (const { url, text } of beforeSubmit) expect(secretsIn(text, SECRETS), url).toEqual([]);
  await page.getByRole('button', { name: 'Submit the exam for scoring' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('PLC security practitioner');
  const reviewed = (stem: string) => page.locator('.review-list > li').filter({ hasText: stem }).locator('.meta');
  // The right configuration earns the item's points; the weakened one earns less (only what it still gets right).
  await expect(reviewed(DIP.stem)).toHaveText(`(${DIP.section}; ${DIP.points} of ${DIP.points} points)`);
  const finsMeta = (await reviewed(FINS.stem).textContent()) ?? '';
  const earned = Number(/; ([\d.]+) of/.exec(finsMeta)?.[1]);
  expect(earned).toBeLessThan(FINS.points);
  await expect(page.locator('p.score')).toContainText(`${Number((DIP.points + earned).toFixed(2))} of ${DIP.points + FINS.points} points`);
  expect(violations).toEqual([]);
});
