/** What the served browser tests share about staff: the first admin they make, signing in, and the page-wide axe check. */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** The first admin, made through the printed setup link by the staff spec (it runs first). */
export const ADMIN = { name: 'Ada Admin', email: 'ada@example.org', password: 'Admin-Pass-2026' };

/** Fails on any WCAG 2.2 AA violation axe finds on the page as it is now. */
export async function axeClean(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

/** Signs in through the staff sign-in form. */
export async function signIn(page: Page, who: { email: string; password: string }): Promise<void> {
  await page.goto('/instructor/sign-in');
  await page.getByLabel('E-mail').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}
