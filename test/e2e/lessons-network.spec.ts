/**
 * The network and device lessons (5, 6, 7, 8, 10, 16): each page's prose renders without
 * JavaScript, each "try it" island hydrates and answers as the machines do, found by role as a
 * learner finds things.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page, test } from '@playwright/test';
import type { FunctionId } from '../../machines/model.ts';
import { functionFacts } from '../../src/course/function-facts.ts';

const LESSONS = {
  secureComm: '/lessons/05-secure-communications/',
  filter: '/lessons/06-ip-packet-filtering/',
  ports: '/lessons/07-ports/',
  auth: '/lessons/08-user-authentication/',
  authority: '/lessons/10-operation-authority/',
  log: '/lessons/16-operation-log/',
} as const;

/** The function each lesson teaches, for its "at a glance" facts panel. */
const TAUGHT: Record<keyof typeof LESSONS, FunctionId> = {
  secureComm: 'secure-comm',
  filter: 'ip-filter',
  ports: 'ports',
  auth: 'user-auth',
  authority: 'operation-authority',
  log: 'operation-log',
};

/** The widget on the page (one per lesson), once it has hydrated: its Send button is enabled. */
async function widget(page: Page, selector: string): Promise<Locator> {
  const root = page.locator(selector);
  await root.scrollIntoViewIfNeeded();
  await expect(root.getByRole('button', { name: /Send/ }).first()).toBeEnabled();
  return root;
}

async function send(root: Locator, sender: string, operation: string, protocol?: string, password?: string): Promise<void> {
  const form = root.getByRole('form', { name: 'Send a request' });
  await form.getByLabel('Sender').selectOption({ label: sender });
  await form.getByLabel('Operation').selectOption({ label: operation });
  if (protocol) await form.getByLabel('Protocol').selectOption({ label: protocol });
  if (password !== undefined) await form.getByLabel('Password').fill(password);
  await form.getByRole('button', { name: 'Send request' }).click();
}

/** The one-line answer of the trace (a live region), led by its meaning for the plant when the sender's intent is known. */
function verdict(root: Locator): Locator {
  return root.getByRole('status').filter({ hasText: /^([✓✗] (Good|Bad) for the plant: [^.]*\. )?(Allowed|Blocked)/ });
}

const ENGINEERING_PC = 'Engineering PC (192.168.250.10)';
const HMI = 'HMI (192.168.250.20)';
const ROGUE = 'Rogue laptop (192.168.250.77)';
const USB = 'Laptop on the USB port (USB)';
const READ_D100 = 'Read D100–D101 (tank level)';

test.describe('prose without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  for (const [name, path] of Object.entries(LESSONS) as [keyof typeof LESSONS, string][]) {
    test(`${name}: headings, facts and the server-rendered widget are there`, async ({ page }) => {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.getByRole('heading', { name: 'What it protects' })).toBeVisible();
      await expect(page.getByRole('heading', { name: 'What you should do' })).toBeVisible();
      await expect(page.getByRole('heading', { name: 'Real advisories where it matters' })).toBeVisible();
      const facts = functionFacts(TAUGHT[name]);
      const panel = page.getByRole('region', { name: `${facts.title} at a glance` });
      await expect(panel).toContainText(facts.section);
      await expect(panel).toContainText(facts.availabilitySentence);
      await expect(panel.getByRole('link')).toHaveCount(facts.threats.length);
      // The island is rendered on the server but stays inert until it hydrates.
      const lab = page.locator('.sim-lab');
      await expect(lab).toBeVisible();
      await expect(lab.getByRole('button').first()).toBeDisabled();
    });
  }
});

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

    await send(lab, ROGUE, READ_D100, 'FINS/UDP (UDP 9600)');
    await expect(lab.getByRole('status').filter({ hasText: 'Blocked at' })).toContainText('Blocked at IP packet filtering (§2-2-1)');
    const wire = lab.getByRole('region', { name: 'On the wire' });
    await expect(wire).toContainText('No response');
    await expect(wire.getByRole('table')).toHaveCount(1);

    await send(lab, ENGINEERING_PC, READ_D100, 'FINS/UDP (UDP 9600)');
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

test.describe('lesson 5: secure communications', () => {
  test('§2-1-1 condition 3: Secure Comm works only once user settings are stored', async ({ page }) => {
    await page.goto(LESSONS.secureComm);
    const lab = await widget(page, '.secure-comm-lab');
    await send(lab, ENGINEERING_PC, READ_D100, 'Secure Comm');
    await expect(verdict(lab)).toContainText('Blocked at secure communications (§2-1-1)');
    await lab.getByRole('button', { name: 'Save user settings to the CJ1W-EIP21S' }).click();
    await expect(lab).toContainText('User settings: met.');
    await send(lab, ENGINEERING_PC, READ_D100, 'Secure Comm');
    await expect(verdict(lab)).toContainText('Allowed');
    await expect(lab.getByRole('region', { name: 'What a listener on the network sees' })).toContainText('ciphertext');
  });

  test('§2-1-1 example c: the USB cable cannot carry Secure Comm', async ({ page }) => {
    await page.goto(LESSONS.secureComm);
    const lab = await widget(page, '.secure-comm-lab');
    await lab.getByRole('button', { name: 'Save user settings to the CJ1W-EIP21S' }).click();
    const form = lab.getByRole('form', { name: 'Send a request' });
    await form.getByLabel('Sender').selectOption({ label: USB });
    await expect(lab).toContainText('Secure Comm on the USB cable: not possible.');
    await form.getByRole('button', { name: 'Send request' }).click();
    await expect(verdict(lab)).toContainText('Blocked at secure communications (§2-1-1)');
    await expect(lab.getByRole('table', { name: /Trace/ })).toContainText('a USB port connection cannot use it');
    // The same request without Secure Comm is a plain cable to the CPU Unit.
    await form.getByLabel('Protocol').selectOption({ label: 'None: a cable to the CPU Unit' });
    await form.getByRole('button', { name: 'Send request' }).click();
    await expect(verdict(lab)).toContainText('Allowed');
  });

  test('§2-1-1 example d: a CJ1W-EIP21S on a CP1H refuses Secure Comm even with users stored', async ({ page }) => {
    await page.goto(LESSONS.secureComm);
    const lab = await widget(page, '.secure-comm-lab');
    await lab.getByLabel('Rack', { exact: true }).selectOption({ label: 'CP1H with a CJ1W-EIP21S' });
    await lab.getByRole('button', { name: /Save user settings/ }).click();
    await send(lab, ENGINEERING_PC, READ_D100, 'Secure Comm');
    await expect(verdict(lab)).toContainText('Blocked at secure communications (§2-1-1)');
    await expect(lab.getByRole('table', { name: /Trace/ })).toContainText('CP1H cannot do Secure Comm');
  });
});

test.describe('lesson 7: opening and closing ports', () => {
  test('§2-2-2 closing FINS/UDP drops the HMI read while Secure Comm stays', async ({ page }) => {
    await page.goto(LESSONS.ports);
    const lab = await widget(page, '.ports-lab');
    await lab.getByRole('checkbox', { name: 'Use FINS/UDP' }).uncheck();
    const traffic = lab.getByRole('region', { name: "The plant's traffic on these settings" });
    await expect(traffic.getByRole('listitem').filter({ hasText: 'HMI reads D100 over FINS/UDP' })).toContainText(
      'blocked at opening and closing the port (§2-2-2)',
    );
    await expect(traffic.getByRole('listitem').filter({ hasText: 'over Secure Comm' })).toContainText('gets through');
    await send(lab, HMI, READ_D100, 'FINS/UDP (UDP 9600)');
    await expect(verdict(lab)).toContainText('Blocked at opening and closing the port (§2-2-2)');
    await expect(lab.getByRole('region', { name: 'On the wire' })).toContainText('No response');
  });

  test('§2-2-2 CIP message server off stops tag data links; the example leaves only Secure Comm', async ({ page }) => {
    await page.goto(LESSONS.ports);
    const lab = await widget(page, '.ports-lab');
    const traffic = lab.getByRole('region', { name: "The plant's traffic on these settings" });
    const tags = traffic.getByRole('listitem').filter({ hasText: 'tag data link' });
    await expect(tags).toContainText('gets through');
    await lab.getByRole('checkbox', { name: 'Use CIP message server' }).uncheck();
    await expect(tags).toContainText('blocked at opening and closing the port');
    await lab.getByRole('button', { name: "Apply the guideline's example: Secure Comm only" }).click();
    await expect(traffic.getByText('gets through')).toHaveCount(1);
    await expect(traffic.getByRole('listitem').filter({ hasText: 'gets through' })).toContainText('Secure Comm');
  });
});

test.describe('lesson 7: the FTP login has no password lock', () => {
  test('§1-6 wrong FTP passwords are refused and counted, never locked; a guessing attack finds the weak one', async ({ page }) => {
    await page.goto(LESSONS.ports);
    const lab = await widget(page, '.ports-lab');
    const login = lab.getByRole('form', { name: 'Try an FTP login' });
    for (const password of ['admin', 'omron']) {
      await login.getByLabel('FTP password to try').fill(password);
      await login.getByRole('button', { name: 'Try this FTP login' }).click();
    }
    await expect(lab.getByRole('status').filter({ hasText: /^Refused/ })).toContainText('2 wrong passwords so far');
    await expect(verdict(lab)).toContainText('Blocked at FTP login (§1-6)');

    await lab.getByRole('button', { name: /Run a guessing attack/ }).click();
    await expect(lab.getByRole('list', { name: 'Guesses tried' }).getByRole('listitem').last()).toContainText('accepted');
    await expect(lab.getByRole('status').filter({ hasText: /^The login was found/ })).toContainText('Nothing was locked');
    await expect(verdict(lab)).toContainText('Allowed');

    await lab.getByRole('checkbox', { name: 'Use FTP server' }).uncheck();
    await lab.getByRole('button', { name: /Run a guessing attack/ }).click();
    await expect(lab.getByRole('status').filter({ hasText: /^No answer at all/ })).toBeVisible();
  });
});

test.describe('lesson 8: user authentication', () => {
  test('keyboard only: a wrong password fails authentication, plain FINS is not authenticated', async ({ page }) => {
    await page.goto(LESSONS.auth);
    const lab = await widget(page, '.auth-lab');
    const form = lab.getByRole('form', { name: 'Send a request' });
    await form.getByLabel('Sender').focus();
    // Sender → Operation → Protocol → User name → Password, then Enter submits the form.
    for (const field of ['Operation', 'Protocol', 'User name', 'Password']) {
      await page.keyboard.press('Tab');
      await expect(form.getByLabel(field)).toBeFocused();
    }
    await page.keyboard.type('not-the-Password1');
    await page.keyboard.press('Enter');
    await expect(verdict(lab)).toContainText('Blocked at user authentication (§2-3-1)');
    await expect(lab).toContainText('authentication failure: wrong password for "dmitri"');
    // The result has the focus now, just after the form.
    await expect(lab.getByRole('heading', { name: /^Result of the request/ })).toBeFocused();

    // Back to the protocol menu (Shift+Tab ×5: Send, the password's Show, Password, User name) and
    // pick FINS/TCP, listed above Secure Comm, with the arrow keys.
    for (let i = 0; i < 5; i++) await page.keyboard.press('Shift+Tab');
    const protocol = form.getByLabel('Protocol');
    await expect(protocol).toBeFocused();
    for (let i = 0; i < 3 && (await protocol.inputValue()) !== 'fins-tcp'; i++) await page.keyboard.press('ArrowUp');
    await expect(protocol).toHaveValue('fins-tcp');
    // FINS carries no user: the user name and password fields are disabled, so Tab goes straight to Send.
    await page.keyboard.press('Tab');
    await expect(form.getByRole('button', { name: 'Send request' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(verdict(lab)).toContainText('Allowed');
    const trace = lab.getByRole('table', { name: /Trace/ });
    await expect(trace.getByRole('row', { name: /User authentication/ })).toContainText('Not applicable');
  });

  test('§2-3-1 the right password opens a session', async ({ page }) => {
    await page.goto(LESSONS.auth);
    const lab = await widget(page, '.auth-lab');
    await send(lab, ENGINEERING_PC, READ_D100, 'Secure Comm', 'Ladder!Plan9');
    await expect(verdict(lab)).toContainText('Allowed');
    await expect(lab).toContainText('dmitri (designer) from 192.168.250.10');
  });
});

test.describe('lesson 10: operation authority', () => {
  test('§2-4-1 the same download is refused for the operator and allowed for the designer', async ({ page }) => {
    await page.goto(LESSONS.authority);
    const lab = page.locator('.roles-lab');
    await lab.scrollIntoViewIfNeeded();
    const form = lab.getByRole('form', { name: 'Send as a user' });
    await expect(form.getByRole('button', { name: 'Send over Secure Comm' })).toBeEnabled();
    await form.getByLabel('Operation').selectOption({ label: 'Download a changed program' });
    await form.getByLabel('Logged in as').selectOption({ label: 'omar (operator)' });
    await form.getByRole('button', { name: 'Send over Secure Comm' }).click();
    await expect(verdict(lab)).toContainText('Blocked at operation authority verification (§2-4-1)');
    await form.getByLabel('Logged in as').selectOption({ label: 'dmitri (designer)' });
    await form.getByRole('button', { name: 'Send over Secure Comm' }).click();
    await expect(verdict(lab)).toContainText('Allowed');
    const compare = lab.getByRole('table', { name: /Every role asking to/ });
    await expect(compare.getByRole('row', { name: /omar \(operator\)/ })).toContainText('blocked at operation authority verification');
    await expect(compare.getByRole('row', { name: /aiko \(administrator\)/ })).toContainText('gets through');
  });

  test('§2-4-1 the rights table marks maintainer and observer as assumptions', async ({ page }) => {
    await page.goto(LESSONS.authority);
    const table = page.getByRole('table', { name: /Operation authority: what each role may do/ });
    await expect(table.getByRole('columnheader', { name: 'maintainer (assumption)' })).toBeVisible();
    await expect(table.getByRole('columnheader', { name: 'observer (assumption)' })).toBeVisible();
    await expect(table.getByRole('row', { name: /download the user program/ })).toContainText('YesYesNoNoNo');
  });
});

test.describe('lesson 16: operation log', () => {
  test('§2-6-1 Secure Comm operations are logged with CPU time, IP and user; FINS is not', async ({ page }) => {
    await page.goto(LESSONS.log);
    const lab = await widget(page, '.log-lab');
    const log = lab.getByRole('table', { name: /Operation log of the CJ1W-EIP21S/ });
    await send(lab, ENGINEERING_PC, READ_D100, 'Secure Comm');
    await expect(log).toHaveAccessibleName(/\(1 entry\)/);
    const first = log.getByRole('row').nth(1);
    await expect(first).toContainText('2026-03-02 09:01:00');
    await expect(first).toContainText('192.168.250.10');
    await expect(first).toContainText('dmitri');
    await expect(first).toContainText('success');
    await send(lab, HMI, 'Write 1500 to D100 (set point)', 'FINS/UDP (UDP 9600)');
    await expect(verdict(lab)).toContainText('Allowed');
    await expect(log).toHaveAccessibleName(/\(1 entry\)/);
  });

  test('§2-6-1 a wrong CPU clock shows in the log until automatic clock adjustment corrects it', async ({ page }) => {
    await page.goto(LESSONS.log);
    const lab = await widget(page, '.log-lab');
    const clock = lab.getByRole('form', { name: 'Set the CPU clock' });
    await clock.getByLabel('New CPU clock').fill('2026-03-01T09:00:00');
    await clock.getByRole('button', { name: 'Set CPU clock' }).click();
    await expect(lab).toContainText('The CPU clock is 1 d behind the actual time.');
    await send(lab, ENGINEERING_PC, READ_D100, 'Secure Comm');
    const log = lab.getByRole('table', { name: /Operation log/ });
    await expect(log.getByRole('row').nth(1)).toContainText('2026-03-01 09:01:00');

    await lab.getByRole('checkbox', { name: 'Use automatic clock adjustment' }).check();
    await lab.getByRole('button', { name: 'SNTP server answers now' }).click();
    await expect(lab).toContainText('The CPU clock is right.');
    await send(lab, ENGINEERING_PC, READ_D100, 'Secure Comm');
    await expect(log.getByRole('row').nth(2)).toContainText('2026-03-02 09:02:00');
  });
});

test.describe('accessibility after use', () => {
  const WIDGETS: [string, string][] = [
    [LESSONS.secureComm, '.secure-comm-lab'],
    [LESSONS.filter, '.filter-lab'],
    [LESSONS.ports, '.ports-lab'],
    [LESSONS.auth, '.auth-lab'],
    [LESSONS.log, '.log-lab'],
  ];
  for (const [path, selector] of WIDGETS) {
    test(`${selector} with a trace and frames on screen passes axe (WCAG 2.2 AA)`, async ({ page }) => {
      await page.goto(path);
      const lab = await widget(page, selector);
      await lab.getByRole('form', { name: 'Send a request' }).getByRole('button', { name: 'Send request' }).click();
      await expect(verdict(lab)).toBeVisible();
      const results = await new AxeBuilder({ page })
        .include(selector)
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
        .analyze();
      expect(results.violations).toEqual([]);
    });
  }
});
