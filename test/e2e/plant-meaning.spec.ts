/**
 * Colour and mark say what a result means for the plant (issue 11): an attack that gets through
 * is a failure, the plant's own request refused is a failure, the outcomes the plant needs are
 * good, and a request whose intent nobody knows stays neutral. Colours are compared with the
 * theme's tokens as the browser computes them; the words are read as text.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page, test } from '@playwright/test';

/** The WCAG 2.2 AA rules the a11y spec runs; here over the coloured results, which appear only after an action. */
async function expectAccessible(page: Page, include: string): Promise<void> {
  const results = await new AxeBuilder({ page }).include(include).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** The colour a CSS custom property computes to on this page (e.g. "--bad"). */
async function token(page: Page, name: string): Promise<string> {
  return page.evaluate((n) => {
    const probe = document.createElement('span');
    probe.style.color = `var(${n})`;
    document.body.append(probe);
    const colour = getComputedStyle(probe).color;
    probe.remove();
    return colour;
  }, name);
}

async function leftBorder(el: Locator): Promise<string> {
  return el.evaluate((e) => getComputedStyle(e).borderLeftColor);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });

    test.describe('the lab traffic suite', () => {
      test('an attack that gets through is red and marked ✗; the plant traffic it needs is green and ✓', async ({ page }) => {
        await page.goto('/labs/02-filter-blocks/');
        await expect(page.locator('.lab-workbench[data-ready="true"]')).toBeVisible();
        await page.getByRole('button', { name: 'Run the traffic suite' }).click();
        const timeline = page.getByRole('list', { name: 'Timeline of the replay' });
        await expect(timeline).toBeVisible();

        // Nothing changed yet: the filter is off, so the rogue laptop's attack gets through.
        const attack = timeline.locator('.lab-event[data-outcome="through"][data-met="not met"]').first();
        const verdict = attack.locator('.lab-verdict');
        await expect(verdict).toHaveText(/^✗ Got through\./);
        await expect(attack).toContainText('must be stopped');
        expect(await leftBorder(verdict)).toBe(await token(page, '--bad'));
        await attack.getByText('Trace through every layer').click();
        const summary = attack.locator('.sim-summary');
        await expect(summary).toContainText('Bad for the plant: not the outcome the plant needs.');
        await expect(summary).toContainText('Allowed: passed every layer');
        expect(await leftBorder(summary)).toBe(await token(page, '--bad'));

        const needed = timeline.locator('.lab-event[data-outcome="through"][data-met="met"]').first();
        await expect(needed.locator('.lab-verdict')).toHaveText(/^✓ Got through\./);
        expect(await leftBorder(needed.locator('.lab-verdict'))).toBe(await token(page, '--done'));
        expect(await token(page, '--bad')).not.toBe(await token(page, '--done'));
        await expectAccessible(page, '.lab-timeline');
      });
    });

    test.describe('a lesson widget', () => {
      async function send(form: Locator, sender: string): Promise<void> {
        await form.getByLabel('Sender').selectOption({ label: sender });
        await form.getByLabel('Operation').selectOption({ label: 'Read D100–D101 (tank level)' });
        await form.getByRole('button', { name: 'Send request' }).click();
      }

      test('the rogue laptop getting through is bad for the plant; stopped it is good; the HMI, whose intent is unknown, stays neutral', async ({ page }) => {
        await page.goto('/lessons/06-ip-packet-filtering/');
        const lab = page.locator('.filter-lab');
        await lab.scrollIntoViewIfNeeded();
        const form = lab.getByRole('form', { name: 'Send a request' });
        await expect(form.getByRole('button', { name: 'Send request' })).toBeEnabled();
        const summary = lab.locator('.sim-summary');

        await send(form, 'Rogue laptop (192.168.250.77)');
        await expect(summary).toHaveText(/^✗ Bad for the plant: an attack got through\. Allowed/);
        expect(await leftBorder(summary)).toBe(await token(page, '--bad'));
        const overview = lab.getByRole('region', { name: 'Who gets through right now' });
        await expect(overview.getByRole('listitem').filter({ hasText: 'Rogue laptop' })).toContainText('gets through (bad for the plant)');

        await send(form, 'HMI (192.168.250.20)');
        await expect(summary).toHaveText(/^Allowed/);
        await expect(summary).not.toContainText('for the plant');
        expect(await leftBorder(summary)).toBe(await token(page, '--border'));

        await lab.getByRole('checkbox', { name: 'Use IP packet filter' }).check();
        const addRule = lab.getByRole('form', { name: 'Add a filter rule' });
        await addRule.getByLabel('Source IP address').fill('192.168.250.10');
        await addRule.getByLabel('Mask').fill('255.255.255.255');
        await addRule.getByRole('button', { name: 'Add rule' }).click();
        await send(form, 'Rogue laptop (192.168.250.77)');
        await expect(summary).toHaveText(/^✓ Good for the plant: the attack was stopped\. Blocked at IP packet filtering/);
        expect(await leftBorder(summary)).toBe(await token(page, '--done'));
        await expect(overview.getByRole('listitem').filter({ hasText: 'Rogue laptop' })).toContainText('(good for the plant)');
        const refusing = lab.locator('tr[data-verdict="block"] .sim-verdict');
        await expect(refusing).toHaveText('Blocked');
        expect(await refusing.evaluate((e) => getComputedStyle(e).color)).toBe(await token(page, '--done'));
        await expectAccessible(page, '.filter-lab');
      });
    });
  });
}
