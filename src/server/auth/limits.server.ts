/**
 * The numbers that decide how hard staff sign-in is to guess at, written once as data: the lockout
 * per account, Better Auth's rate limit per client, and how long a session and a setup link last.
 * Record 012 quotes them; tests and messages read them from here.
 */

/**
 * Lockout with backoff per account (the e-mail address typed, whether or not an account has it).
 * ASSUMPTION: the guideline says nothing about staff accounts of a web server; these follow common
 * practice — five free tries, then a lock that doubles with every further failure, capped at an hour.
 */
export const LOCKOUT = {
  /** Failed sign-ins allowed before the first lock. */
  freeFailures: 5,
  /** Length of the first lock, in seconds. */
  firstLockSeconds: 60,
  /** Each further failure multiplies the lock by this. */
  factor: 2,
  /** No lock lasts longer than this, in seconds. */
  maxLockSeconds: 60 * 60,
} as const;

/**
 * Better Auth's rate limit on the sign-in endpoint, per client address, counted in the database
 * so it holds on every instance: at most `max` tries in `windowSeconds`.
 */
export const SIGN_IN_RATE_LIMIT = { windowSeconds: 60, max: 10 } as const;

/**
 * The length of the IPv6 prefix one client is counted under, by every per-address limit (Better
 * Auth's sign-in limit and ours, src/server/limits/client-address.server.ts): one home or office
 * network gets a /64 and can use any address in it, so counting single addresses would let it walk
 * past every limit.
 */
export const IPV6_SUBNET = 64;

/** How long a staff session lasts, and how often its expiry is pushed back while it is used (seconds). */
export const STAFF_SESSION = { expiresInSeconds: 12 * 60 * 60, updateAgeSeconds: 60 * 60 } as const;

/** How long the first admin's setup link works, in seconds. */
export const SETUP_LINK_LIFETIME_SECONDS = 24 * 60 * 60;

/** Longest password the forms accept (Better Auth refuses longer ones too; a bound keeps hashing cheap). */
export const PASSWORD_MAX_LENGTH = 128;

/** How long a lock lasts after `failures` failed sign-ins in a row (0 while the free tries last). */
export function lockSecondsAfter(failures: number): number {
  const over = failures - LOCKOUT.freeFailures;
  if (over < 0) return 0;
  return Math.min(LOCKOUT.maxLockSeconds, LOCKOUT.firstLockSeconds * LOCKOUT.factor ** over);
}
