/**
 * The CPU-side lessons (9, 11–15, 19) as a learner uses them: each "try it" widget is driven by
 * role and label, and what it shows is compared with the machines' answers (trace summaries,
 * end codes on the wire, the facts panel from machines/catalog/threats.ts). One lesson is done with the
 * keyboard only.
 */
import { expect, type Locator, type Page, test } from '@playwright/test';
import { functionFacts } from '../../src/course/function-facts.ts';
import type { FunctionId } from '../../machines/model.ts';

/** The n-th "try it" widget of the page, once hydrated (its first button is enabled). */
async function widget(page: Page, n = 0): Promise<Locator> {
  const w = page.locator('.cpu-widget').nth(n);
  await w.scrollIntoViewIfNeeded();
  await expect(w.getByRole('button').first()).toBeEnabled();
  return w;
}

/** The trace summary of a widget: the live region that starts with Allowed or Blocked. */
function summary(w: Locator): Locator {
  return w.getByRole('status').filter({ hasText: /^(Allowed|Blocked)/ });
}

/** The facts panel lists the threats the machines mark and the availability sentence. */
async function expectFacts(page: Page, id: FunctionId): Promise<void> {
  const facts = functionFacts(id);
  const panel = page.getByRole('region', { name: `${facts.title} at a glance` });
  await expect(panel).toContainText(facts.section);
  await expect(panel).toContainText(facts.availabilitySentence);
  for (const t of facts.threats) {
    await expect(panel.getByRole('link', { name: `${t.name} (${t.letter})` })).toHaveAttribute('href', t.glossaryHref);
  }
  await expect(panel.getByRole('link')).toHaveCount(facts.threats.length);
}

/**
 * Presses Tab until `target` has focus (keyboard-only use), or Shift+Tab when it comes before the
 * focus, as a learner would step back rather than round the whole page; fails when not reachable.
 */
async function tabTo(page: Page, target: Locator, max = 250): Promise<void> {
  const back = await target.evaluate((el) => {
    const focused = document.activeElement;
    return focused !== null && focused !== document.body && Boolean(el.compareDocumentPosition(focused) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Not reachable with Tab: ${target}`);
}

test.describe('CPU-side lessons', () => {
  test('§2-3-2 lesson 9: a project for another PLC is stopped; a CS1G/H compares no name', async ({ page }) => {
    await page.goto('/lessons/09-plc-names/');
    await expectFacts(page, 'plc-name');
    const w = await widget(page);
    const go = w.getByRole('button', { name: 'Go online and download' });

    await w.getByLabel('Going online with').selectOption('other');
    await go.click();
    await expect(summary(w)).toContainText('Blocked at PLC names (§2-3-2)');
    await expect(w.getByRole('table', { name: 'Trace of going online' })).toContainText('MIXER_LINE_3');
    await expect(w).toContainText('the program it was running');

    await w.getByLabel('Going online with').selectOption('own');
    await go.click();
    await expect(summary(w)).toContainText('Allowed');
    await expect(w).toContainText('the new version of its own program');

    await w.getByRole('radio', { name: /CS1G\/H/ }).check();
    await w.getByLabel('Going online with').selectOption('other');
    await go.click();
    await expect(summary(w)).toContainText('Allowed');
    await expect(w).toContainText('the wrong one');
    await expect(w).toContainText('no PLC name function');
  });

  test('§2-5-1 lesson 11: the DIP switch refuses downloads over FINS and USB and holds back the card', async ({ page }) => {
    await page.goto('/lessons/11-dip-switch-write-protection/');
    await expectFacts(page, 'dip-switch');
    const w = await widget(page, 0);

    await w.getByRole('checkbox', { name: /Write protection pin/ }).check();
    await w.getByRole('button', { name: 'Download over the network' }).click();
    await expect(summary(w)).toContainText('Blocked at write protection using the DIP switch (§2-5-1)');
    await expect(summary(w)).toContainText('0x2101');
    const refusal = w.getByRole('table', { name: /^Refusal/ });
    await expect(refusal.getByRole('row', { name: /end code/ })).toContainText('21 01');

    await w.getByRole('button', { name: 'Download over USB' }).click();
    await expect(summary(w)).toContainText('(§2-5-1)');
    await expect(w.getByRole('region', { name: 'On the wire' })).toContainText('USB cable');

    await w.getByRole('button', { name: "Insert the stranger's card" }).click();
    await w.getByRole('checkbox', { name: /Load the memory card at power-on/ }).check();
    await w.getByRole('button', { name: 'Cycle the power' }).click();
    await expect(w.getByRole('status').filter({ hasText: 'Power-on 1' })).toContainText('held the memory card back');
    await expect(w).toContainText("the line's own program");

    await w.getByRole('checkbox', { name: /Write protection pin/ }).uncheck();
    await w.getByRole('button', { name: 'Cycle the power' }).click();
    await expect(w.getByRole('status').filter({ hasText: 'Power-on 2' })).toContainText('memory card was loaded');
  });

  test('§2-5-1 lesson 11: the overwrite prohibition works only after the transfer', async ({ page }) => {
    await page.goto('/lessons/11-dip-switch-write-protection/');
    const w = await widget(page, 1);
    await w.getByLabel('UM read protection password').fill('Mix#Recipe26');
    await w.getByRole('checkbox', { name: 'Prohibit from overwriting to a protected program' }).check();
    await w.getByRole('button', { name: 'Save in the project' }).click();
    await expect(w.getByRole('row', { name: /^UM read protection/ })).toContainText('not transferred yet');

    const other = w.getByRole('button', { name: "Download another project's program" });
    await other.click();
    await expect(summary(w)).toContainText('Allowed');
    await expect(w.getByRole('row', { name: /^UM read protection/ })).toContainText('not transferred yet');
    await w.getByRole('button', { name: "Transfer the project's program to the PLC" }).click();
    await expect(summary(w)).toContainText('Allowed');
    await expect(w.getByRole('row', { name: /^UM read protection/ })).not.toContainText('not transferred yet');
    await other.click();
    // Named for the rule that refused: the overwrite prohibition, not reading (issue 11).
    await expect(summary(w)).toContainText('Blocked at prohibit overwriting a protected program (§2-5-1)');
    await expect(w.getByRole('rowheader', { name: 'Prohibit overwriting a protected program (§2-5-1)' })).toBeVisible();
  });

  test('§2-5-2 lesson 12: task protection locks only task 1, and the password opens it', async ({ page }) => {
    await page.goto('/lessons/12-read-protection/');
    await expectFacts(page, 'read-protection');
    const w = await widget(page);
    await w.getByRole('button', { name: 'Upload the whole program' }).click();
    await expect(summary(w)).toContainText('Allowed');
    await expect(w).toContainText('CX-Programmer received task 0');

    await w.getByLabel('Task 1 read protection password').fill('Recipe!Know9');
    await w.getByRole('button', { name: 'Save in the project' }).click();
    await w.getByRole('button', { name: 'Upload task 1 only' }).click();
    await expect(summary(w)).toContainText('Allowed');
    await w.getByRole('button', { name: "Transfer the project's program to the PLC" }).click();
    await expect(w.getByText(/A99 = 0x0002/)).toBeVisible();

    await w.getByRole('button', { name: 'Upload task 0 only' }).click();
    await expect(summary(w)).toContainText('Allowed');
    await w.getByRole('button', { name: 'Upload task 1 only' }).click();
    await expect(summary(w)).toContainText('Blocked at read protection using a password (§2-5-2)');
    await expect(summary(w)).toContainText('0x2102');
    await w.getByLabel(/Password typed when CX-Programmer asks/).fill('Recipe!Know9');
    await w.getByRole('button', { name: 'Upload task 1 only' }).click();
    await expect(summary(w)).toContainText('Allowed');

    await w.getByRole('button', { name: 'Set Password (PLC menu)' }).click();
    await expect(w.getByRole('status').filter({ hasText: 'Set Password' })).toBeVisible();
  });

  test('§2-5-3 lesson 13: a rogue write is refused on the wire, reads pass, an excluded node writes', async ({ page }) => {
    await page.goto('/lessons/13-fins-write-protection/');
    await expectFacts(page, 'fins-write-protection');
    const w = await widget(page);
    await w.getByRole('checkbox', { name: 'FINS write protection' }).check();
    await expect(w.getByRole('status').filter({ hasText: 'FINS write protection is ON' })).toBeVisible();

    const sendButton = w.getByRole('button', { name: 'Send request' });
    await w.getByLabel('Sender').selectOption('rogue-laptop');
    await w.getByLabel('Operation').selectOption('write-d100');
    await sendButton.click();
    await expect(summary(w)).toContainText('Blocked at FINS write protection (§2-5-3)');
    const refusal = w.getByRole('table', { name: /^Refusal/ });
    await expect(refusal.getByRole('row', { name: /end code/ })).toContainText('21 01');
    await expect(w).toContainText('D100 (set point) = 0');

    await w.getByLabel('Operation').selectOption('read-d100');
    await sendButton.click();
    await expect(summary(w)).toContainText('Allowed');

    await w.getByLabel('Sender').selectOption('engineering-pc');
    await w.getByLabel('Operation').selectOption('write-d100');
    await sendButton.click();
    await expect(summary(w)).toContainText('Blocked');
    await w.getByRole('checkbox', { name: /Exclude node 10/ }).check();
    await sendButton.click();
    await expect(summary(w)).toContainText('Allowed');
    await expect(w).toContainText('D100 (set point) = 1500');

    await w.getByLabel('Sender').selectOption('rogue-as-node');
    await sendButton.click();
    await expect(summary(w)).toContainText('Allowed');
    await w.getByLabel('Sender').selectOption('usb-laptop');
    await sendButton.click();
    await expect(summary(w)).toContainText('Allowed');
  });

  test('§2-5-4 lesson 14: the guarded copy does not run on the second CPU; the lot number cannot be forged', async ({ page }) => {
    await page.goto('/lessons/14-lot-number-protection/');
    await expectFacts(page, 'lot-number');
    const w = await widget(page);
    const machine = w.getByRole('region', { name: 'CPU Unit in the machine' });
    const bench = w.getByRole('region', { name: 'Second CPU Unit on the bench' });
    await expect(machine).toContainText('Control logic running.');
    await expect(machine.getByRole('row', { name: /A101/ })).toContainText('0x0806');
    await expect(bench.getByRole('row', { name: /A101/ })).toContainText('0x0911');

    // the CPU accepts any download; the guard keeps the copy's control logic idle when it is set to run
    await w.getByRole('button', { name: 'Copy the program to the second CPU' }).click();
    await expect(summary(w)).toContainText('Allowed');
    await expect(bench).toContainText('compares the lot number with 080620');
    await w.getByRole('button', { name: 'Switch the second CPU to RUN' }).click();
    await expect(summary(w)).toContainText('Blocked at operation protection using the production lot number (§2-5-4)');
    await expect(bench).toContainText("Idle: the program compares the lot number with 080620, and this unit's is 091105");
    // The card follows the RUN request: a real CPU enters RUN with its logic idle (issue 11).
    await expect(bench.getByRole('definition').filter({ hasText: /RUN requested/ })).toContainText('control logic idle (§2-5-4)');

    await w.getByRole('checkbox', { name: 'The copy keeps the lot-number comparison' }).uncheck();
    await w.getByRole('button', { name: 'Copy the program to the second CPU' }).click();
    await expect(summary(w)).toContainText('Allowed');
    await w.getByRole('button', { name: 'Switch the second CPU to RUN' }).click();
    await expect(bench).toContainText('Control logic running.');

    await expect(bench.getByRole('definition').filter({ hasText: /^RUN$/ })).toBeVisible();

    // Each verdict names the function that refused, and none stays on screen after another try.
    await w.getByRole('button', { name: 'Write the lot number words over FINS' }).click();
    await expect(summary(w)).toContainText('Blocked at operation protection using the production lot number (§2-5-4)');
    await expect(summary(w)).toContainText('0x2101');
    await expect(summary(w)).not.toContainText('overwrite time');
    await expect(bench).toContainText('091105');
    await w.getByRole('button', { name: 'Change its lot number' }).click();
    await expect(w.getByRole('status').filter({ hasText: 'cannot be changed (§2-5-4)' })).toBeVisible();
    await expect(w.getByRole('status').filter({ hasText: /Blocked at|Allowed/ })).toHaveCount(0);
  });

  test('§2-5-5 lesson 15 with the keyboard only: a download moves A90–A93 and the baseline check sees it', async ({ page }) => {
    await page.goto('/lessons/15-overwrite-time/');
    await expectFacts(page, 'overwrite-time');
    const w = await widget(page);
    await expect(w.getByRole('table', { name: /User program \(A90–A93\): Mon 2026-03-02 09:00:00/ })).toBeVisible();

    // Start in the widget (its first control), as a keyboard user arriving there would; walking
    // Tab through the whole page first would only spend the test's time budget.
    await w.locator('button, input, select').first().focus();
    await tabTo(page, w.getByRole('button', { name: 'Take a baseline' }));
    await page.keyboard.press('Enter');
    await tabTo(page, w.getByRole('button', { name: 'Download a changed program' }));
    await page.keyboard.press('Enter');
    await expect(summary(w)).toContainText('Allowed');
    await expect(w.getByRole('table', { name: /User program \(A90–A93\): Mon 2026-03-02 09:01:07/ })).toContainText('0x0107');

    await tabTo(page, w.getByRole('button', { name: 'Compare with the baseline' }));
    await page.keyboard.press('Space');
    await expect(w.getByRole('status').filter({ hasText: 'Changed since the baseline' })).toContainText('the user program (A90–A93)');

    await tabTo(page, w.getByRole('button', { name: 'Forge A90 (write the Auxiliary Area)' }));
    await page.keyboard.press('Enter');
    await expect(summary(w)).toContainText('0x2101');

    await tabTo(page, w.getByRole('button', { name: /^Let .* pass$/ }));
    await page.keyboard.press('Enter');
    await expect(w.getByRole('status').filter({ hasText: 'Time passes' })).toContainText('2026-03-02');
  });

  test('§4-1 lesson 19: both the Memory All Clear and the out-of-box restart from USB are needed', async ({ page }) => {
    await page.goto('/lessons/19-safe-disposal/');
    const w = await widget(page);
    const verdict = w.getByRole('status').filter({ hasText: /ready/i });
    await expect(verdict).toContainText('Not ready: both units still hold data');

    await w.getByRole('button', { name: 'Memory All Clear (Initialize)' }).click();
    await expect(summary(w)).toContainText('Blocked at operating mode');
    await w.getByRole('button', { name: 'Switch the CPU to PROGRAM mode' }).click();
    await w.getByRole('button', { name: 'Memory All Clear (Initialize)' }).click();
    await expect(summary(w)).toContainText('Allowed');
    await expect(w.getByRole('region', { name: /^CPU Unit/ })).toContainText('Nothing: back to its default settings.');
    await expect(w.getByRole('region', { name: /EIP21S still holds/ })).toContainText('3 user accounts');
    await expect(verdict).toContainText('the CPU Unit is erased, but the EIP21S still holds');

    await w.getByRole('radio', { name: 'The engineering PC, over the network' }).check();
    await w.getByRole('button', { name: 'Restart the EIP21S to out-of-box' }).click();
    await expect(summary(w)).toContainText('(§4-1-2)');
    await w.getByRole('radio', { name: "A laptop on the CPU Unit's USB port" }).check();
    await w.getByRole('button', { name: 'Restart the EIP21S to out-of-box' }).click();
    await expect(summary(w)).toContainText('Allowed');
    await expect(verdict).toContainText('Ready to leave the plant');

    await expect(page.getByRole('heading', { name: 'Check yourself — safe disposal' })).toBeVisible();
  });
});
