/**
 * The network and device lessons (5, 6, 7, 8, 10, 16): each page's prose renders without
 * JavaScript, each "try it" island hydrates and answers as the machines do, found by role as a
 * learner finds things.
 */
import { expect, type Locator, type Page, test } from '@playwright/test';

const LESSONS = {
  secureComm: '/lessons/05-secure-communications/',
  filter: '/lessons/06-ip-packet-filtering/',
  ports: '/lessons/07-ports/',
  auth: '/lessons/08-user-authentication/',
  authority: '/lessons/10-operation-authority/',
  log: '/lessons/16-operation-log/',
} as const;

/** The widget on the page (one per lesson), once it has hydrated: its Send button is enabled. */
async function widget(page: Page, selector: string): Promise<Locator> {
  const root = page.locator(selector);
  await root.scrollIntoViewIfNeeded();
  await expect(root.getByRole('button', { name: /Send/ }).first()).toBeEnabled();
  return root;
}

async function send(root: Locator, sender: string, operation: string, protocol?: string): Promise<void> {
  const form = root.getByRole('form', { name: 'Send a request' });
  await form.getByLabel('Sender').selectOption({ label: sender });
  await form.getByLabel('Operation').selectOption({ label: operation });
  if (protocol) await form.getByLabel('Protocol').selectOption({ label: protocol });
  await form.getByRole('button', { name: 'Send request' }).click();
}

test.describe('lesson 6: IP packet filtering', () => {
  test('§2-2-1 a rule for the engineering PC blocks the rogue laptop, and the wire shows no response', async ({ page }) => {
    await page.goto(LESSONS.filter);
    const lab = await widget(page, '.filter-lab');
    await lab.getByRole('checkbox', { name: 'Use IP packet filter' }).check();
    const addRule = lab.getByRole('form', { name: 'Add a filter rule' });
    await addRule.getByLabel('Source IP address').fill('192.168.250.10');
    await addRule.getByLabel('Mask').fill('255.255.255.255');
    await addRule.getByRole('button', { name: 'Add rule' }).click();
    await expect(lab.getByRole('table', { name: /Filter table \(1 rule, in use\)/ })).toContainText('192.168.250.10');

    await send(lab, 'Rogue laptop (192.168.250.77)', 'Read D100–D101 (tank level)', 'FINS/UDP (UDP 9600)');
    await expect(lab.getByRole('status').filter({ hasText: 'Blocked at' })).toContainText('Blocked at IP packet filtering (§2-2-1)');
    const wire = lab.getByRole('region', { name: 'On the wire' });
    await expect(wire).toContainText('No response');
    await expect(wire.getByRole('table')).toHaveCount(1);

    await send(lab, 'Engineering PC (192.168.250.10)', 'Read D100–D101 (tank level)', 'FINS/UDP (UDP 9600)');
    await expect(lab.getByRole('status').filter({ hasText: 'Allowed' })).toBeVisible();
    await expect(wire.getByRole('table')).toHaveCount(2);
  });

  test('§2-2-1 switching the filter off keeps the table', async ({ page }) => {
    await page.goto(LESSONS.filter);
    const lab = await widget(page, '.filter-lab');
    const addRule = lab.getByRole('form', { name: 'Add a filter rule' });
    await addRule.getByLabel('Source IP address').fill('192.168.250.0');
    await addRule.getByLabel('Mask').fill('255.255.255.0');
    await addRule.getByRole('button', { name: 'Add rule' }).click();
    const use = lab.getByRole('checkbox', { name: 'Use IP packet filter' });
    await use.check();
    await use.uncheck();
    await expect(lab.getByRole('table', { name: /Filter table \(1 rule, kept but not used\)/ })).toContainText('192.168.250.0');
  });

  test('a bad mask is refused with the reason, and the table is unchanged', async ({ page }) => {
    await page.goto(LESSONS.filter);
    const lab = await widget(page, '.filter-lab');
    const addRule = lab.getByRole('form', { name: 'Add a filter rule' });
    await addRule.getByLabel('Mask').fill('255.0.255.0');
    await addRule.getByRole('button', { name: 'Add rule' }).click();
    await expect(lab.getByRole('alert')).toContainText('mask');
    await expect(lab.getByRole('table', { name: /Filter table \(0 rules/ })).toBeVisible();
  });
});
