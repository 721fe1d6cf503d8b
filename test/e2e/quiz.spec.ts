import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page, test } from '@playwright/test';

const LESSON_17 = '/lessons/17-what-to-do/';
const LESSON_18 = '/lessons/18-keeping-up-to-date/';

function quiz(page: Page, title: string): Locator {
  return page.getByRole('region', { name: title });
}

function item(region: Locator, prompt: RegExp): Locator {
  return region.getByRole('group', { name: prompt });
}

/** Waits for hydration: the server render's controls are disabled. */
async function hydrated(region: Locator): Promise<void> {
  await region.scrollIntoViewIfNeeded();
  await expect(region.getByRole('button', { name: 'Check answer' }).first()).toBeEnabled();
}

/** Chooses a radio with the arrow keys only, starting from the group's first radio. */
async function chooseByKeyboard(page: Page, group: Locator, name: string): Promise<void> {
  const radios = group.getByRole('radio');
  await radios.first().focus();
  await page.keyboard.press('Space');
  const target = group.getByRole('radio', { name });
  for (let i = 0; i < (await radios.count()) && !(await target.isChecked()); i++) await page.keyboard.press('ArrowDown');
  await expect(target).toBeChecked();
}

/** Tabs from the last focused control to the item's Check button and presses Enter. */
async function checkByKeyboard(page: Page, group: Locator): Promise<void> {
  const button = group.getByRole('button', { name: 'Check answer' });
  for (let i = 0; i < 12 && !(await button.evaluate((b) => b === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(button).toBeFocused();
  await page.keyboard.press('Enter');
}

/** Puts the ordering item's steps into `wanted` order with the Move up buttons and Enter. */
async function orderByKeyboard(page: Page, group: Locator, wanted: string[]): Promise<void> {
  const steps = group.locator('.quiz-step');
  for (const [i, text] of wanted.entries()) {
    const up = group.getByRole('button', { name: `Move up: “${text}”` });
    while ((await steps.allInnerTexts()).indexOf(text) > i) {
      await up.focus();
      await page.keyboard.press('Enter');
      // The moved step's button keeps focus, so the learner can press again.
      await expect(up).toBeFocused();
    }
  }
  await expect(steps).toHaveText(wanted);
}

test.describe('formative checks', () => {
  test('§1-6 the lesson 17 quiz works from the keyboard alone, scores, and is kept after a reload', async ({ page }) => {
    await page.goto(LESSON_17);
    const region = quiz(page, 'Check yourself — what to do, layer by layer');
    await hydrated(region);

    const remote = item(region, /reach the line from CX-One at home/);
    await chooseByKeyboard(page, remote, 'Go through a VPN, a virtual desktop (VDI) or a similarly secure system.');
    await checkByKeyboard(page, remote);
    await expect(remote.getByRole('status')).toContainText('Right.');
    await expect(remote.getByRole('status')).toContainText('§1-6');

    // A wrong answer on purpose: the feedback must say so and explain.
    const fins = item(region, /treat FINS with caution/);
    await chooseByKeyboard(page, fins, 'FINS is too slow for modern networks.');
    await checkByKeyboard(page, fins);
    await expect(fins.getByRole('status')).toContainText('Not quite.');
    await expect(fins.getByRole('status')).toContainText('plain text');
    await expect(fins.getByRole('radio').first()).toBeDisabled();

    const firewall = item(region, /firewall between the control network/);
    await firewall.getByRole('checkbox', { name: 'Block communication ports that are not used' }).focus();
    await page.keyboard.press('Space');
    await firewall.getByRole('checkbox', { name: 'Restrict which hosts may communicate' }).focus();
    await page.keyboard.press('Space');
    await checkByKeyboard(page, firewall);
    await expect(firewall.getByRole('status')).toContainText('Right.');

    const ftp = item(region, /files from the SD Memory Card/);
    await ftp.getByRole('checkbox', { name: 'Keep the partner devices in a secure area.' }).focus();
    await page.keyboard.press('Space');
    // Only one of two correct options ticked: wrong, and the missed one is pointed out.
    await checkByKeyboard(page, ftp);
    await expect(ftp.getByRole('status')).toContainText('Not quite.');
    await expect(ftp).toContainText('a correct answer you missed');

    const order = item(region, /Put them in its order/);
    await orderByKeyboard(page, order, ['Network layer', 'Device layer', 'Function layer', 'Asset layer']);
    await checkByKeyboard(page, order);
    await expect(order.getByRole('status')).toContainText('Right.');

    await expect(region.getByText('Score: 3 / 5')).toBeVisible();
    await expect(region).toContainText('Saved to your progress.');

    const axe = await new AxeBuilder({ page }).include('.quiz-block').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    expect(axe.violations).toEqual([]);

    await page.reload();
    const again = quiz(page, 'Check yourself — what to do, layer by layer');
    await again.scrollIntoViewIfNeeded();
    await expect(again).toContainText('Your last attempt, restored: 3 / 5');
    await expect(again.getByText('Score: 3 / 5')).toBeVisible();
    await expect(item(again, /treat FINS with caution/).getByRole('radio', { name: 'FINS is too slow for modern networks.' })).toBeChecked();
    await expect(item(again, /treat FINS with caution/).getByRole('status')).toContainText('Not quite.');

    // Trying again starts fresh, and the stored attempt stays until the new one is complete.
    await again.getByRole('button', { name: 'Try the quiz again' }).click();
    await expect(again).toContainText('No questions checked yet.');
    await expect(item(again, /treat FINS with caution/).getByRole('radio').first()).toBeEnabled();
  });

  test('§3-2 §A-1 the lesson 18 quiz: choices, matching with selects, a reminder for unanswered items', async ({ page }) => {
    await page.goto(LESSON_18);
    const region = quiz(page, 'Check yourself — keeping up to date');
    await hydrated(region);

    const versions = item(region, /lowest version the guideline lists/);
    await versions.getByRole('button', { name: 'Check answer' }).click();
    await expect(versions.getByRole('status')).toHaveText('Choose a match for every row first.');

    await versions.getByLabel('CX-Programmer', { exact: true }).selectOption('9.81 or higher');
    await versions.getByLabel('PLC Backup Tool', { exact: true }).selectOption('1.03 or higher');
    await versions.getByLabel('EIP21S User Management Tool', { exact: true }).selectOption('1.0 or higher');
    await versions.getByLabel('CX-One (the package that includes them)').selectOption('2.0 or higher');
    await versions.getByRole('button', { name: 'Check answer' }).click();
    await expect(versions.getByRole('status')).toContainText('Not quite.');
    await expect(versions).toContainText('✗ wrong — it is “4.6.1 or higher”');
    await expect(versions.getByLabel('CX-Programmer', { exact: true })).toBeDisabled();

    const autoUpdate = item(region, /needed for CX-One Auto Update/);
    await autoUpdate.getByRole('radio', { name: 'Version 2.0 or higher' }).check();
    await autoUpdate.getByRole('button', { name: 'Check answer' }).click();
    await expect(autoUpdate.getByRole('status')).toContainText('Right.');
    await expect(region).toContainText('1 of 2 checked questions right so far.');

    const windows = item(region, /older than version 1803/);
    await windows.getByRole('radio', { name: /cannot connect with Secure Comm/ }).check();
    await windows.getByRole('button', { name: 'Check answer' }).click();
    const firmware = item(region, /firmware update/);
    await firmware.getByRole('radio', { name: 'Ask your OMRON representative.' }).check();
    await firmware.getByRole('button', { name: 'Check answer' }).click();

    await expect(region.getByText('Score: 3 / 4')).toBeVisible();
    await page.reload();
    await expect(quiz(page, 'Check yourself — keeping up to date')).toContainText('Your last attempt, restored: 3 / 4');
  });

  test('§1-6 checklist ticks set from the keyboard are still ticked after a reload', async ({ page }) => {
    await page.goto(LESSON_17);
    const list = page.getByRole('region', { name: 'My checklist: the §1-6 measures' });
    await list.scrollIntoViewIfNeeded();
    const firewall = list.getByRole('checkbox', { name: /A firewall separates the control network/ });
    const passwords = list.getByRole('checkbox', { name: /User authentication passwords are long/ });
    await expect(firewall).toBeEnabled();

    await firewall.focus();
    await page.keyboard.press('Space');
    await passwords.focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Space'); // untick
    await page.keyboard.press('Space'); // and tick again
    await expect(list.getByRole('status')).toContainText('2 of ');

    const axe = await new AxeBuilder({ page }).include('.checklist-block').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    expect(axe.violations).toEqual([]);

    await page.reload();
    const again = page.getByRole('region', { name: 'My checklist: the §1-6 measures' });
    await again.scrollIntoViewIfNeeded();
    await expect(again.getByRole('checkbox', { name: /A firewall separates the control network/ })).toBeChecked();
    await expect(again.getByRole('checkbox', { name: /User authentication passwords are long/ })).toBeChecked();
    await expect(again.getByRole('checkbox', { name: /CX-One runs only on a Windows version/ })).not.toBeChecked();
    await expect(again.getByRole('status')).toContainText('2 of ');
  });
});
