/**
 * Limits on guessing at the public doors that look secrets up: joining a class (its class code)
 * and checking a certificate (its verification code). Counted per client address in the database
 * — Better Auth's `rate_limit` table, under keys of our own — so every instance sees one count.
 *
 * A try is taken before the lookup (atomically, so parallel guesses cannot slip past the limit)
 * and given back when it succeeds: a learner who types the right code, or an employer who checks
 * a real certificate, never uses up the allowance of a classroom behind one shared address; only
 * failures count.
 */
import { and, eq, gt, or, sql } from 'drizzle-orm';
import { whenAgain } from '../auth/sign-in.server.ts';
import type { Executor } from '../db/database.server.ts';
import { newId } from '../db/ids.server.ts';
import { rateLimit } from '../db/schema.server.ts';
import { PRIVATE, refusal } from '../exam-flow/problems.server.ts';

/** A limit: at most `max` failed tries per client address; the count starts again after `windowSeconds` without a counted try. */
export interface Limit {
  /** Names the door in the stored key, e.g. `join`. */
  name: string;
  max: number;
  windowSeconds: number;
  /** The request field a refusal names. */
  field: string;
}

/**
 * Joining a class: class codes are chosen by instructors and may be short, so guessing is held to
 * 10 wrong tries per address per 10 minutes.
 * ASSUMPTION: 10 per 10 minutes — enough for typing mistakes, far too few to walk a code space.
 */
export const JOIN_LIMIT = { name: 'join', max: 10, windowSeconds: 600, field: 'classCode' } as const satisfies Limit;

/**
 * Checking certificates: codes carry 125 random bits, so this only stops a script from walking
 * them at the database's expense; an employer checking real certificates never reaches it.
 * ASSUMPTION: 30 unknown codes per address per 10 minutes.
 */
export const VERIFY_LIMIT = { name: 'verify', max: 30, windowSeconds: 600, field: 'code' } as const satisfies Limit;

/** The stored key of a limit and an address (never one of Better Auth's own keys). */
export function limitKey(limit: Limit, clientAddress: string): string {
  return `plc-defense-lab:${limit.name}:${clientAddress || 'unknown'}`;
}

/** A try: taken (give it back with `refund` when it succeeded), or refused until `retryAt`. */
export type Try = { ok: true; refund: () => Promise<void> } | { ok: false; retryAt: Date };

/**
 * Takes one try of `limit` for `clientAddress` at `now`. One statement decides it: a new key
 * starts at 1; a key quiet for a whole window starts again at 1; a key under the limit counts one
 * more; a key at the limit is left alone and the try refused (refused tries do not push the
 * retry time back).
 */
export async function takeTry(executor: Executor, limit: Limit, clientAddress: string, now: Date): Promise<Try> {
  const key = limitKey(limit, clientAddress);
  const at = now.getTime();
  const windowMs = limit.windowSeconds * 1000;
  const quiet = sql`${at} - ${rateLimit.lastRequest} >= ${windowMs}`;
  const taken = await executor
    .insert(rateLimit)
    .values({ id: newId(), key, count: 1, lastRequest: at })
    .onConflictDoUpdate({
      target: rateLimit.key,
      set: {
        count: sql`case when ${quiet} then 1 else ${rateLimit.count} + 1 end`,
        lastRequest: at,
      },
      setWhere: or(sql`${quiet}`, sql`${rateLimit.count} < ${limit.max}`),
    })
    .returning({ count: rateLimit.count });
  if (taken.length > 0) {
    return {
      ok: true,
      refund: async () => {
        await executor
          .update(rateLimit)
          .set({ count: sql`${rateLimit.count} - 1` })
          .where(and(eq(rateLimit.key, key), gt(rateLimit.count, 0)));
      },
    };
  }
  const [row] = await executor.select({ lastRequest: rateLimit.lastRequest }).from(rateLimit).where(eq(rateLimit.key, key));
  return { ok: false, retryAt: new Date((row?.lastRequest ?? at) + windowMs) };
}

/** What a refused try tells a person: when to try again. */
export function tooManyMessage(retryAt: Date, now: Date): string {
  return `too many wrong tries from your network; try again after ${whenAgain(retryAt, now)}`;
}

/** Seconds until `retryAt`, for the Retry-After header (at least 1). */
export function retryAfterSeconds(retryAt: Date, now: Date): number {
  return Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000));
}

/** The JSON 429 of a refused try: names the field, says when, and carries Retry-After. */
export function tooMany(limit: Limit, retryAt: Date, now: Date): Response {
  const response = refusal([{ field: limit.field, message: tooManyMessage(retryAt, now) }], 429);
  const headers = new Headers(response.headers);
  headers.set('Retry-After', String(retryAfterSeconds(retryAt, now)));
  for (const [name, value] of Object.entries(PRIVATE)) headers.set(name, value);
  return new Response(response.body, { status: 429, headers });
}

/**
 * Runs `attempt` under `limit`: refused with a 429 when the address is out of tries; otherwise the
 * attempt's response, with the try given back when `succeeded` says the lookup found something.
 */
export async function limited(
  executor: Executor,
  limit: Limit,
  clientAddress: string,
  now: Date,
  attempt: () => Promise<Response>,
  succeeded: (response: Response) => boolean | Promise<boolean>,
): Promise<Response> {
  const tried = await takeTry(executor, limit, clientAddress, now);
  if (!tried.ok) return tooMany(limit, tried.retryAt, now);
  const response = await attempt();
  if (await succeeded(response)) await tried.refund();
  return response;
}
