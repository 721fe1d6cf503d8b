/**
 * The graded labs through the UI, as a learner does them: solving four labs to full marks (one
 * of them from the keyboard alone), recovering from a corrupt saved draft, resuming after a
 * reload, and the labs index showing the status and best score after a graded run. Values that
 * depend on the learner's variant (addresses, names, lot numbers) are read from the page.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page, test } from '@playwright/test';

async function openLab(page: Page, id: string): Promise<void> {
  await page.goto(`/labs/${id}/`);
  await expect(page.locator('.lab-workbench[data-ready="true"]')).toBeVisible();
}

/** The address of a node in the lab's network table. */
async function nodeIp(page: Page, node: string): Promise<string> {
  const text = await page.locator(`tr[data-node="${node}"] [data-node-ip]`).textContent();
  if (!text) throw new Error(`no address for ${node}`);
  return text.trim();
}

/** Grades and expects every point: "Score: N of N … passed". */
async function gradeFullMarks(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Grade my answer' }).click();
  const score = page.locator('.lab-score');
  await expect(score).toContainText('passed');
  const text = (await score.textContent()) ?? '';
  const [, got, max] = /Score: (\d+) of (\d+)/.exec(text) ?? [];
  expect(got).toBe(max);
  await expect(page.locator('[data-objective][data-passed="false"]')).toHaveCount(0);
}

/** Presses Tab until `target` has the focus (keyboard-only navigation). */
async function tabTo(page: Page, target: Locator, limit = 120): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('could not reach the control with Tab');
}

test.describe('graded labs', () => {
  test('authentication failure: only registered users get online, each with the least authority (01)', async ({ page }) => {
    await openLab(page, '01-users-and-roles');
    const who = async (node: string) => ((await page.locator(`tr[data-node="${node}"] td`).last().textContent()) ?? '').split('’s PC')[0]?.split("'s PC")[0]?.trim() ?? '';
    const designer = await who('Design workstation');
    const operator = await who('Operator panel PC');
    expect(designer).toMatch(/^[a-z]\.[a-z]+$/);

    const form = page.getByRole('form', { name: 'Add a user' });
    // A short password is refused next to its field, naming the fix; nothing is added.
    await form.getByLabel('User name').fill(designer);
    await form.getByLabel('Operation authority').selectOption('designer');
    await form.getByLabel('Password', { exact: true }).fill('short');
    await form.getByRole('button', { name: 'Add user' }).click();
    await expect(form.getByText(/too short .* at least 8/)).toBeVisible();
    await expect(page.getByRole('table', { name: 'Registered users (1)' })).toBeVisible();

    await form.getByLabel('Password', { exact: true }).fill('Ladder#Design7');
    await form.getByRole('button', { name: 'Add user' }).click();
    await form.getByLabel('User name').fill(operator);
    await form.getByLabel('Operation authority').selectOption('operator');
    await form.getByLabel('Password', { exact: true }).fill('Shift#Watch42');
    await form.getByRole('button', { name: 'Add user' }).click();
    await expect(page.getByRole('table', { name: /Registered users \(3\)/ })).toBeVisible();

    await page.getByRole('button', { name: 'Run the traffic suite' }).click();
    const refused = page.locator('.lab-event', { hasText: 'Stopped at User authentication' }).first();
    await expect(refused).toContainText('From Visitor laptop');
    await expect(refused).toHaveAttribute('data-met', 'met');
    await gradeFullMarks(page);
  });

  test('filter blocks: the rogue laptop is dropped and every plant node still gets in (02)', async ({ page }) => {
    await openLab(page, '02-filter-blocks');
    const eng1 = await nodeIp(page, 'Engineering PC 1');
    const eng2 = await nodeIp(page, 'Engineering PC 2');
    const hmiNet = (await nodeIp(page, 'HMI panel 1')).replace(/\.\d+$/, '.0');
    const scada = await nodeIp(page, 'SCADA server');

    const form = page.getByRole('form', { name: 'Add a filter rule' });
    const add = async (ip: string, mask: string) => {
      await form.getByLabel('IP address').fill(ip);
      await form.getByLabel('Mask').fill(mask);
      await form.getByRole('button', { name: 'Add rule' }).click();
    };
    await add(eng1, '255.255.255.255');
    // A bad address is refused next to the field with the fix, and the rule already added stays.
    await add('192.168.250', '255.255.255.255');
    await expect(form.getByText(/four numbers separated by dots/)).toBeVisible();
    await expect(form.getByLabel('IP address')).toHaveAttribute('aria-invalid', 'true');
    await add(eng2, '255.255.255.255');
    await add(hmiNet, '255.255.255.0');
    await add(scada, '255.255.255.255');
    await page.getByRole('checkbox', { name: 'Use IP packet filtering' }).check();
    await page.getByRole('radio', { name: /client function of the unit/ }).check();

    await page.getByRole('button', { name: 'Run the traffic suite' }).click();
    const fromRogue = page.locator('.lab-event', { hasText: 'From Rogue laptop' });
    await expect(fromRogue.first()).toBeVisible();
    for (const event of await fromRogue.all()) await expect(event).toContainText('Stopped at IP packet filtering (§2-2-1)');
    const rogue = fromRogue.filter({ has: page.getByText('FINS frame on the wire') }).first();
    // The FINS frame of a request is there on demand.
    await rogue.getByText('FINS frame on the wire').click();
    await expect(rogue.getByRole('table', { name: /Request frame/ })).toBeVisible();
    await expect(rogue.getByText(/No response: the packet was dropped/)).toBeVisible();

    // A request of the learner's own, from the rogue laptop.
    const sender = page.getByRole('form', { name: 'Send a request of your own' });
    const senderMenu = sender.getByLabel('Sender');
    const rogueNode = await senderMenu.locator('option', { hasText: 'Rogue laptop' }).getAttribute('value');
    await senderMenu.selectOption(rogueNode ?? '');
    await sender.getByRole('button', { name: 'Send request' }).click();
    await expect(page.locator('.lab-own-result')).toContainText('Blocked at IP packet filtering');

    await gradeFullMarks(page);
  });

  test('DIP write protection, from the keyboard alone (03)', async ({ page }) => {
    await openLab(page, '03-dip-write-protection');
    const pin = page.getByRole('checkbox', { name: /Write-protect the user program and parameter area/ });
    await tabTo(page, pin);
    await page.keyboard.press('Space');
    await expect(pin).toBeChecked();

    const run = page.getByRole('button', { name: 'Run the traffic suite' });
    await tabTo(page, run);
    await page.keyboard.press('Enter');
    await expect(page.locator('.lab-event', { hasText: 'Stopped at Write protection using the DIP switch' }).first()).toBeVisible();

    const grade = page.getByRole('button', { name: 'Grade my answer' });
    await tabTo(page, grade);
    await page.keyboard.press('Enter');
    const score = page.locator('.lab-score');
    await expect(score).toContainText('passed');
    const [, got, max] = /Score: (\d+) of (\d+)/.exec((await score.textContent()) ?? '') ?? [];
    expect(got).toBe(max);
  });

  test('lot-number lock: the copied program refuses to run on another CPU (04)', async ({ page }) => {
    await openLab(page, '04-lot-number-lock');
    const lot = ((await page.locator('[data-panel] p', { hasText: 'production lot number (controller data)' }).locator('strong').textContent()) ?? '').trim();
    expect(lot).toMatch(/^\d{6}$/);

    // Edits apply as they are made: no separate step to forget (issue 11).
    const rule = page.getByRole('group', { name: "Lot-number rule in the project's program" });
    await expect(page.getByRole('button', { name: 'Apply rule to the project' })).toHaveCount(0);
    await rule.getByRole('checkbox', { name: 'Guard the program with the lot number' }).check();
    await rule.getByLabel('Lot number constant').fill('12ab');
    await expect(rule.getByText(/4–8 digits of the lot number.*Not applied: the project keeps "no guard/)).toBeVisible();
    await expect(page.getByText('Program in your project: no guard')).toBeVisible();
    await rule.getByLabel('Lot number constant').fill(lot);
    await expect(page.getByText(`Program in your project: runs only where the lot number is ${lot}`)).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'You changed 1 setting: the lot number the program checks.' })).toBeVisible();

    await page.getByRole('button', { name: /^Add: Transfer To PLC/ }).click();
    await page.getByRole('radio', { name: 'A100 and A101' }).check();
    await page.getByRole('button', { name: 'Run the traffic suite' }).click();
    await expect(page.locator('.lab-event', { hasText: 'Stopped at Operation protection using the production lot number' }).first()).toBeVisible();
    await gradeFullMarks(page);
  });

  test('a corrupt saved draft is recovered without a crash, and the lab resumes after a reload', async ({ page }) => {
    const corrupt = { format: 1, seed: 5, answer: { settings: { 'eip.filter.enabled': 'maybe' } } };
    await page.goto('/');
    await page.evaluate((draft) => {
      const doc = { version: 2, lessons: {}, quizzes: {}, labs: { '02-filter-blocks': { attempts: 0, draft } } };
      localStorage.setItem('pdl.progress', JSON.stringify(doc));
    }, corrupt);
    await openLab(page, '02-filter-blocks');
    const alert = page.locator('.lab-notice');
    await expect(alert).toContainText('could not be read');
    await expect(alert).toContainText('starts from the beginning');
    const aside = await page.evaluate(() => localStorage.getItem('pdl.lab-draft-unreadable.02-filter-blocks'));
    expect(JSON.parse(aside ?? 'null')).toEqual(corrupt);

    // The workbench works from the lab's start, and saves again.
    const filter = page.getByRole('checkbox', { name: 'Use IP packet filtering' });
    await expect(filter).not.toBeChecked();
    await filter.check();
    const form = page.getByRole('form', { name: 'Add a filter rule' });
    await form.getByLabel('IP address').fill('192.168.250.11');
    await form.getByRole('button', { name: 'Add rule' }).click();
    await alert.getByRole('button', { name: 'Dismiss' }).click();

    await page.reload();
    await expect(page.locator('.lab-workbench[data-ready="true"]')).toBeVisible();
    await expect(page.locator('.lab-notice')).toHaveCount(0);
    await expect(page.getByRole('checkbox', { name: 'Use IP packet filtering' })).toBeChecked();
    await expect(page.getByRole('button', { name: 'Remove rule 1 (192.168.250.11 / 255.255.255.255)' })).toBeVisible();
  });

  test('the labs index shows each lab’s status and best score after a graded run', async ({ page }) => {
    await page.goto('/labs/');
    const card = page.locator('[data-lab-id="03-dip-write-protection"]');
    await expect(card.locator('[data-lab-status]')).toHaveText('Not started');
    await expect(page.getByRole('link', { name: 'Labs', exact: true })).toHaveAttribute('aria-current', 'page');
    // Browser-graded results are labelled for what they are, on the index and on each lab.
    await expect(page.locator('[data-practice-notice]')).toContainText('Graded in your browser');

    // A first, failing run, then the solution: the best score is kept.
    await openLab(page, '03-dip-write-protection');
    await expect(page.locator('[data-practice-notice]')).toContainText('not proof for anyone else');
    await page.getByRole('button', { name: 'Grade my answer' }).click();
    await expect(page.locator('.lab-score')).toContainText('not passed yet');
    await page.goto('/labs/');
    await expect(card.locator('[data-lab-status]')).toHaveText('Attempted');

    await openLab(page, '03-dip-write-protection');
    await page.getByRole('checkbox', { name: /Write-protect the user program/ }).check();
    await gradeFullMarks(page);
    await page.getByRole('link', { name: 'Labs', exact: true }).click();
    await expect(card.locator('[data-lab-status]')).toHaveText('Passed');
    await expect(card.locator('[data-lab-best]')).toHaveText(/Best (\d+) of \1 \(2 attempts\)/);
    await expect(page.locator('[data-lab-id="02-filter-blocks"] [data-lab-status]')).toHaveText('Not started');
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`the workbench with a run, a request of one's own and a report passes axe (${colorScheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      await openLab(page, '02-filter-blocks');
      await page.getByRole('form', { name: 'Add a filter rule' }).getByRole('button', { name: 'Add rule' }).click();
      await page.getByRole('button', { name: 'Run the traffic suite' }).click();
      await page.getByRole('button', { name: 'Send request' }).click();
      await page.getByRole('button', { name: /Show hint 1/ }).click();
      await page.getByRole('button', { name: 'Grade my answer' }).click();
      await expect(page.locator('.lab-score')).toBeVisible();
      // Every folded part open, so axe checks what they hold too (one step, not a click on each of
      // the run's many frames: that spent most of this test's time on a busy machine).
      await page.locator('.lab-workbench details').evaluateAll((all) => {
        for (const details of all) (details as HTMLDetailsElement).open = true;
      });
      // The workbench only: the page around it is checked in a11y.spec.ts.
      const results = await new AxeBuilder({ page })
        .include('.lab-workbench')
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
        .analyze();
      expect(results.violations.map((v) => ({ rule: v.id, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }))).toEqual([]);
    });
  }

  test.describe('on a 360 px wide screen', () => {
    test.use({ viewport: { width: 360, height: 740 } });

    test('a lab page with its timeline and report fits the screen (tables scroll on their own)', async ({ page }) => {
      await openLab(page, '09-operation-log-forensics');
      await page.getByRole('button', { name: 'Run the traffic suite' }).click();
      await page.getByRole('button', { name: 'Grade my answer' }).click();
      await expect(page.locator('.lab-score')).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    });
  });
});
