/**
 * Lockout with backoff per account, in the `login_throttle` table so every instance sees it.
 * Keyed by the e-mail address typed, whether or not an account has it: a locked address and an
 * unknown one answer the same way, so the lock never tells anyone which addresses exist.
 */
import { eq, sql } from 'drizzle-orm';
import { appendAudit } from '../db/audit.server.ts';
import type { Executor } from '../db/database.server.ts';
import { loginThrottle } from '../db/schema.server.ts';
import { LOCKOUT, lockSecondsAfter } from './limits.server.ts';

/** ASSUMPTION: failures older than a day are forgiven, so a slip last week does not shorten today's free tries. */
const FORGET_AFTER_SECONDS = 24 * 60 * 60;

/** The throttle key for a typed e-mail address. */
export function throttleKey(email: string): string {
  return email.trim().toLowerCase();
}

/** When the address's lock ends, or undefined when it may try now. */
export async function lockedUntil(executor: Executor, email: string, now: Date): Promise<Date | undefined> {
  const [row] = await executor.select({ lockedUntil: loginThrottle.lockedUntil }).from(loginThrottle).where(eq(loginThrottle.key, throttleKey(email)));
  return row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : undefined;
}

/**
 * Counts one failed sign-in for the address and, once the free tries are used up, locks it for
 * longer with every failure (LOCKOUT). Returns when the new lock ends, if this failure set one.
 * The count goes up in one statement, so failures on two instances at once are both counted.
 */
export async function recordFailure(executor: Executor, email: string, now: Date): Promise<Date | undefined> {
  const key = throttleKey(email);
  const forgetBefore = new Date(now.getTime() - FORGET_AFTER_SECONDS * 1000);
  return executor.transaction(async (tx) => {
    const [row] = await tx
      .insert(loginThrottle)
      .values({ key, failures: 1, lastFailureAt: now })
      .onConflictDoUpdate({
        target: loginThrottle.key,
        set: {
          failures: sql`case when ${loginThrottle.lastFailureAt} < ${forgetBefore.toISOString()}::timestamptz then 1 else ${loginThrottle.failures} + 1 end`,
          lastFailureAt: now,
        },
      })
      .returning({ failures: loginThrottle.failures });
    const failures = row?.failures ?? 1;
    const seconds = lockSecondsAfter(failures);
    if (seconds === 0) return undefined;
    const until = new Date(now.getTime() + seconds * 1000);
    await tx.update(loginThrottle).set({ lockedUntil: until }).where(eq(loginThrottle.key, key));
    await appendAudit(tx, {
      actor: { kind: 'system' },
      action: 'login.locked',
      subject: `sign-in:${key}`,
      detail: { failures, lockedUntil: until.toISOString(), freeFailures: LOCKOUT.freeFailures },
    });
    return until;
  });
}

/** Forgets the address's failures after a successful sign-in. */
export async function clearFailures(executor: Executor, email: string): Promise<void> {
  await executor.delete(loginThrottle).where(eq(loginThrottle.key, throttleKey(email)));
}
