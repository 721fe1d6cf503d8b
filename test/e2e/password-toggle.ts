/** What every password box's test checks: hidden while typed, "Show" reveals it (aria-pressed), pressed again hides it. */
import { expect, type Locator } from '@playwright/test';

/**
 * Types `value` into the password box `label` inside `scope`, and checks its Show toggle both
 * ways. `between` runs while the password is shown (an axe check, say).
 */
export async function expectPasswordToggle(scope: Locator, label: string, value: string, between?: () => Promise<void>): Promise<void> {
  const box = scope.getByLabel(label, { exact: true });
  await box.fill(value);
  await expect(box).toHaveAttribute('type', 'password');
  const show = scope.getByRole('button', { name: `Show ${label}` });
  await expect(show).toHaveAttribute('aria-pressed', 'false');
  await show.click();
  await expect(show).toHaveAttribute('aria-pressed', 'true');
  await expect(box).toHaveAttribute('type', 'text');
  await expect(box).toHaveValue(value);
  await between?.();
  await show.click();
  await expect(box).toHaveAttribute('type', 'password');
}
