/**
 * A fresh secret seed for an exam attempt: 128 bits from the operating system's cryptographic
 * generator, as 32 hex digits. Everything random about the attempt (the draw, the orders, the
 * opaque ids, the lab variants) derives from it (random.ts), so it is stored with the attempt
 * and never sent to the browser.
 */
import { randomBytes } from 'node:crypto';

/** A new attempt seed (32 hex digits). */
export function newAttemptSeed(): string {
  return randomBytes(16).toString('hex');
}
