/**
 * The staff forms' password boxes (served course): hidden while typed, with a Show toggle
 * (aria-pressed) that the page's script adds — without JavaScript there is no dead toggle.
 */
import { expect, test } from '@playwright/test';
import { cspViolations } from './csp.ts';
import { expectPasswordToggle } from '../password-toggle.ts';
import { axeClean } from './staff.ts';

test('the sign-in password is hidden, and "Show" shows it until pressed again', async ({ page }) => {
  const violations = cspViolations(page);
  await page.goto('/instructor/sign-in');
  await expectPasswordToggle(page.locator('body'), 'Password', 'Teach-Safely-7', () => axeClean(page));
  expect(violations).toEqual([]);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the password box has no toggle that would do nothing', async ({ page }) => {
    await page.goto('/instructor/sign-in');
    await expect(page.getByLabel('Password', { exact: true })).toHaveAttribute('type', 'password');
    await expect(page.getByRole('button', { name: 'Show Password' })).toHaveCount(0);
  });
});
