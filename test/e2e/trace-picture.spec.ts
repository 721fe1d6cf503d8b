/**
 * The trace as a learner sees it (issue 11, "Look rather than read"): a picture of the request
 * crossing the layers with the table as its text alternative, whole words in every cell on a
 * desktop, one card per step with the verdict first on a phone, the focus on the result after
 * Send request and Run, and the bridge's live traffic on a lab page.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { LIVE_FEED_URL } from '../../src/labs/live-feed.ts';
import { type LiveFeed, startLiveFeed } from '../../src/server/bridge/live-feed.server.ts';
import { bridgeFor, sendFrom, type TestBridge } from '../bridge/bridge-fixtures.ts';

const FILTER_LESSON = '/lessons/06-ip-packet-filtering/';
const ROGUE = 'Rogue laptop (192.168.250.77)';
const ENGINEERING_PC = 'Engineering PC (192.168.250.10)';
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

/** Lesson 6's widget once hydrated, with a rule that lets only the engineering PC in. */
async function filteredWidget(page: Page): Promise<Locator> {
  await page.goto(FILTER_LESSON);
  const lab = page.locator('.filter-lab');
  await lab.scrollIntoViewIfNeeded();
  await expect(lab.getByRole('button', { name: 'Send request' })).toBeEnabled();
  await lab.getByRole('checkbox', { name: 'Use IP packet filter' }).check();
  const addRule = lab.getByRole('form', { name: 'Add a filter rule' });
  await addRule.getByLabel('Source IP address').fill('192.168.250.10');
  await addRule.getByLabel('Mask').fill('255.255.255.255');
  await addRule.getByRole('button', { name: 'Add rule' }).click();
  return lab;
}

async function sendFromNode(lab: Locator, sender: string): Promise<void> {
  const form = lab.getByRole('form', { name: 'Send a request' });
  await form.getByLabel('Sender').selectOption({ label: sender });
  await form.getByRole('button', { name: 'Send request' }).click();
}

/**
 * Words split across two lines inside the cells of `table`: each word of each cell is measured
 * with a Range; a word whose boxes sit on more than one line was broken ("Netwo|rk").
 */
function brokenWords(table: Locator): Promise<string[]> {
  return table.evaluate((el) => {
    const broken: string[] = [];
    for (const cell of el.querySelectorAll('th, td')) {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        for (const match of text.matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          if (tops.size > 1) broken.push(match[0]);
        }
      }
    }
    return broken;
  });
}

/** Whether the element has the keyboard focus. */
function hasFocus(target: Locator): Promise<boolean> {
  return target.evaluate((el) => el === document.activeElement);
}

test.describe('the trace picture in a lesson widget', () => {
  test('a dropped request: the picture stops at the filter with its name and §, the table says every step', async ({ page }) => {
    await page.setViewportSize(DESKTOP);
    const lab = await filteredWidget(page);
    // Nothing is focused for the learner before they send anything.
    expect(await page.evaluate(() => document.activeElement?.closest('.sim-trace'))).toBeNull();
    await sendFromNode(lab, ROGUE);

    const picture = lab.getByRole('img', { name: /path through the layers: it stops at IP packet filtering \(§2-2-1\), in the network layer/ });
    await expect(picture).toBeVisible();
    await expect(picture).toHaveAttribute('data-stopped', 'true');
    // The point where it stopped is labelled in the picture itself.
    await expect(picture.locator('text.tp-stop-label')).toHaveText('IP packet filtering (§2-2-1)');
    // The four layers of the walk are drawn, in order.
    await expect(picture.locator('.tp-layer-label')).toHaveText(['Network layer', 'Device layer', 'Function layer', 'Asset layer', 'CPU']);
    // The text alternative: the trace table, with the refusing step in words.
    const table = lab.getByRole('table', { name: /Trace/ });
    await expect(table.getByRole('row', { name: /IP packet filtering/ })).toContainText('Blocked');

    // After Send request, the result is brought into view and has the focus.
    const heading = lab.getByRole('heading', { name: 'Result of the request from Rogue laptop' });
    await expect.poll(() => hasFocus(heading)).toBe(true);
    await expect(heading).toBeInViewport();

    await sendFromNode(lab, ENGINEERING_PC);
    const through = lab.getByRole('img', { name: /crosses every layer and reaches the CPU Unit/ });
    await expect(through).toHaveAttribute('data-stopped', 'false');
    await expect(through.locator('text.tp-stop-label')).toHaveText('Reached the CPU Unit');
    await expect.poll(() => hasFocus(lab.getByRole('heading', { name: 'Result of the request from Engineering PC' }))).toBe(true);

    // Whole words in every cell on a desktop.
    expect(await brokenWords(table)).toEqual([]);
    const axe = await new AxeBuilder({ page }).include('.filter-lab').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    expect(axe.violations).toEqual([]);
  });

  test('on a phone each step is a card with the verdict first, and nothing scrolls sideways', async ({ page }) => {
    await page.setViewportSize(PHONE);
    const lab = await filteredWidget(page);
    await sendFromNode(lab, ROGUE);
    const table = lab.getByRole('table', { name: /Trace/ });
    const blocked = table.getByRole('row', { name: /IP packet filtering/ });
    await expect(blocked).toBeVisible();
    // Measured in one go: the page may still be scrolling the result into view.
    const boxes = await blocked.evaluate((row) => {
      const box = (el: Element | null) => {
        const r = el?.getBoundingClientRect();
        return r ? { x: r.x, y: r.y, right: r.right } : null;
      };
      return { verdict: box(row.querySelector('.sim-verdict')), step: box(row.querySelector('td')), fn: box(row.querySelector('th')) };
    });
    const { verdict, step, fn } = boxes;
    if (!verdict || !step || !fn) throw new Error('the card has no box');
    // The verdict is the card's first line, above the step number and the function.
    expect(verdict.y).toBeLessThan(step.y);
    expect(verdict.y).toBeLessThan(fn.y);
    // Every line of the card starts at the same left edge: a card, not a row of columns.
    expect(Math.abs(step.x - fn.x)).toBeLessThan(2);
    // The card fits the screen: the verdict is on-screen, and the region does not scroll sideways.
    expect(verdict.right).toBeLessThanOrEqual(PHONE.width);
    const region = lab.getByRole('region', { name: /Trace/ });
    expect(await region.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    // The card's lines are labelled with the column's words.
    expect(await blocked.locator('td').first().evaluate((el) => getComputedStyle(el, '::before').content)).toBe('"Step: "');
    // Screen readers still meet a table with its headers.
    await expect(table.getByRole('columnheader', { name: 'Verdict' })).toHaveCount(1);
    // The picture a phone shows is the narrow one, its words no smaller than 10px.
    const picture = lab.getByRole('img', { name: /stops at IP packet filtering/ });
    await expect(picture).toHaveClass(/tp-narrow/);
    const fit = await picture.evaluate((svg) => {
      const label = svg.querySelector('text.tp-stop-label')?.getBoundingClientRect();
      const whole = svg.getBoundingClientRect();
      return { height: label?.height ?? 0, inside: label !== undefined && label.left >= whole.left && label.right <= whole.right };
    });
    expect(fit.height).toBeGreaterThanOrEqual(10);
    // The label under the cross stays inside the picture.
    expect(fit.inside).toBe(true);
    expect(await picture.evaluate((el) => el.getBoundingClientRect().right)).toBeLessThanOrEqual(PHONE.width);
    expect(await brokenWords(table)).toEqual([]);
  });
});

test.describe('the lab workbench', () => {
  test('Run: the result gets the focus, every request has its picture coloured by what the plant needs', async ({ page }) => {
    await page.setViewportSize(DESKTOP);
    await page.goto('/labs/02-filter-blocks/');
    await expect(page.locator('.lab-workbench[data-ready="true"]')).toBeVisible();
    // Opening the page moves no focus.
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);

    await page.getByRole('button', { name: 'Run the traffic suite' }).click();
    const heading = page.getByRole('heading', { name: 'What happened to each request' });
    await expect.poll(() => hasFocus(heading)).toBe(true);
    await expect(heading).toBeInViewport();

    const events = page.locator('.lab-event');
    const count = await events.count();
    expect(count).toBeGreaterThan(1);
    // One picture per request of the suite, under one legend naming the layers.
    await expect(page.locator('.lab-timeline > .lab-event > .trace-picture-box')).toHaveCount(count);
    await expect(page.locator('svg.tp-legend.tp-wide .tp-layer-label')).toHaveText(['Network layer', 'Device layer', 'Function layer', 'Asset layer', 'CPU']);
    // With nothing configured the rogue laptop gets through: its picture reaches the CPU, in the "bad" tone.
    const rogue = events.filter({ hasText: 'From Rogue laptop' }).first();
    await expect(rogue).toHaveAttribute('data-met', 'not met');
    const picture = rogue.locator('svg.trace-picture').first();
    await expect(picture).toHaveAttribute('data-stopped', 'false');
    await expect(picture).toHaveClass(/is-bad/);
    // A request that had the outcome the plant needs: the good tone, another colour.
    const met = page.locator('.lab-event[data-met="met"] svg.trace-picture').first();
    await expect(met).toHaveClass(/is-good/);
    const line = await met.locator('.tp-line').evaluate((el) => getComputedStyle(el).stroke);
    const bad = await picture.locator('.tp-line').evaluate((el) => getComputedStyle(el).stroke);
    expect(line).not.toBe(bad);

    // The trace table in a timeline entry keeps whole words (the timeline lets long JSON break anywhere).
    await rogue.getByText('Trace through every layer').click();
    const table = rogue.getByRole('table', { name: /Trace/ });
    await expect(table).toBeVisible();
    expect(await brokenWords(table)).toEqual([]);
    for (const header of await table.getByRole('columnheader').all()) {
      expect(await header.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    }
  });

  test('Send a request of your own: the result gets the focus and shows the picture', async ({ page }) => {
    await page.goto('/labs/02-filter-blocks/');
    await expect(page.locator('.lab-workbench[data-ready="true"]')).toBeVisible();
    const sender = page.getByRole('form', { name: 'Send a request of your own' });
    const menu = sender.getByLabel('Sender');
    await menu.selectOption((await menu.locator('option', { hasText: 'Rogue laptop' }).getAttribute('value')) ?? '');
    await sender.getByRole('button', { name: 'Send request' }).click();
    const heading = page.getByRole('heading', { name: /^Request 1:/ });
    await expect.poll(() => hasFocus(heading)).toBe(true);
    await expect(heading).toBeInViewport();
    await expect(page.locator('.lab-own-result').getByRole('img', { name: /path through the layers/ })).toBeVisible();
  });
});

test.describe('live traffic from the bridge', () => {
  // One bridge and its feed for the two tests; the feed on a port the system picks (another
  // program may hold the default one), which the page's request for the default URL is sent to.
  test.describe.configure({ mode: 'serial' });
  let bridge: TestBridge | null = null;
  let feed: LiveFeed | null = null;

  test.beforeAll(async () => {
    bridge = await bridgeFor('03-dip-write-protection', { settings: { 'cpu.dipWriteProtect': true } }, { onExchange: (e) => feed?.publish(e) });
    const { lab } = bridge;
    feed = await startLiveFeed('127.0.0.1', 0, { lab: { id: lab.id, title: lab.title, seed: null }, nodes: [] });
  });
  test.afterAll(async () => {
    await feed?.close();
    await bridge?.close();
  });
  test.beforeEach(async ({ page }) => {
    await page.route(LIVE_FEED_URL, (route) => route.continue({ url: `http://127.0.0.1:${feed?.port}/events` }));
  });

  test('opt-in: after Connect, a refused program clear appears with its trace words and picture', async ({ page }) => {
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto('/labs/03-dip-write-protection/');
    const panel = page.locator('.lab-live');
    await panel.scrollIntoViewIfNeeded();
    // Collapsed, and the page has not reached for the bridge on its own.
    const connect = page.getByRole('button', { name: 'Connect to the bridge on this computer' });
    await expect(connect).toBeHidden();
    expect(requests.filter((u) => u.startsWith(LIVE_FEED_URL))).toEqual([]);
    await page.getByText('Live traffic from the bridge').click();
    await expect(connect).toBeEnabled();
    await connect.click();
    await expect(panel.getByRole('status')).toContainText('Connected: the bridge serves this lab');

    const clear = await sendFrom(bridge as TestBridge, '127.0.0.1', { sa1: 0, mrc: 0x03, src: 0x08, params: Uint8Array.from([0xff, 0xff, 0x00]) });
    expect(clear.exchange.walked?.outcome.blockedBy?.source).toBe('dip-switch');
    const entry = panel.getByRole('listitem').first();
    await expect(entry).toContainText('PROGRAM AREA CLEAR');
    await expect(entry).toContainText('Blocked at write protection using the DIP switch (§2-5-1)');
    await expect(entry.getByRole('img', { name: /stops at Write protection using the DIP switch \(§2-5-1\)/ })).toBeVisible();
    await expect(entry.getByRole('table', { name: /Trace/ }).getByRole('row', { name: /DIP switch/ })).toContainText('Blocked');
    await expect(panel.getByRole('status')).toContainText('1 request seen');
    const axe = await new AxeBuilder({ page }).include('.lab-live').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    expect(axe.violations).toEqual([]);
  });

  test('a bridge serving another lab is named, and its traffic is not shown', async ({ page }) => {
    await page.goto('/labs/02-filter-blocks/');
    await page.getByText('Live traffic from the bridge').click();
    await page.getByRole('button', { name: 'Connect to the bridge on this computer' }).click();
    const panel = page.locator('.lab-live');
    await expect(panel.getByRole('status')).toContainText('serving another lab');
    await expect(panel.getByRole('status')).toContainText('npm run plc -- serve --lab 02-filter-blocks');
    await expect(panel.getByRole('listitem')).toHaveCount(0);
  });
});

test('with no bridge running, Connect says how to start one', async ({ page }) => {
  // Whatever listens on the feed's port on this machine, this page finds nobody there.
  await page.route(LIVE_FEED_URL, (route) => route.abort('connectionrefused'));
  await page.goto('/labs/02-filter-blocks/');
  await page.getByText('Live traffic from the bridge').click();
  await page.getByRole('button', { name: 'Connect to the bridge on this computer' }).click();
  await expect(page.locator('.lab-live').getByRole('status')).toContainText('No bridge answered on this computer. Start it in a terminal with npm run plc -- serve --lab 02-filter-blocks');
});
