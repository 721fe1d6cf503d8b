/**
 * The served course (`npm start`) as a browser meets it: the same prerendered course pages with
 * the security headers on every response, Astro's hashed script policy in each page, islands that
 * still come alive under that policy, and the on-demand health route.
 */
import { expect, test } from '@playwright/test';
import { cspViolations } from './csp.ts';


test('course pages carry the security headers and a script policy without unsafe-inline', async ({ page }) => {
  const response = await page.goto('/lessons/06-ip-packet-filtering/');
  const headers = response?.headers() ?? {};
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['referrer-policy']).toBe('same-origin');
  expect(headers['x-content-type-options']).toBe('nosniff');
  const policy = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');
  expect(policy).toMatch(/script-src 'self' 'sha(256|384|512)-/);
  expect(policy).not.toContain('unsafe-inline');
});

test('a lesson widget and a lab come alive under the policy, with no violation reported', async ({ page }) => {
  const violations = cspViolations(page);
  await page.goto('/labs/02-filter-blocks/');
  await expect(page.locator('.lab-workbench[data-ready="true"]')).toBeVisible();
  await page.goto('/lessons/06-ip-packet-filtering/');
  const send = page.getByRole('button', { name: /send request/i }).first();
  await send.scrollIntoViewIfNeeded();
  await expect(send).toBeEnabled();
  expect(violations).toEqual([]);
});

test('the health route answers on demand and is never cached', async ({ request }) => {
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  expect(response.headers()['cache-control']).toBe('no-store');
  expect(await response.json()).toEqual({ ok: true, mode: 'served' });
});
