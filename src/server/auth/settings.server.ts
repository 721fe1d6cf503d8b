/**
 * Where staff sign-in takes its settings from: the address the course is served at (for cookie
 * flags and Better Auth's origin list) and the secret that signs session cookies. Both come from
 * the environment when the operator gives them; otherwise from safe defaults — loopback, and a
 * secret generated once and kept in the database, so every instance signs alike. Never a secret
 * written in the code.
 */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Executor } from '../db/database.server.ts';
import { verification } from '../db/schema.server.ts';

/** The address used when `BETTER_AUTH_URL` is not set: this machine only. */
export const DEFAULT_BASE_URL = 'http://127.0.0.1:4321';

/** Shortest secret accepted from `BETTER_AUTH_SECRET` (Better Auth's own minimum is 32). */
const MIN_SECRET_LENGTH = 32;

/** The `verification` row that keeps the generated secret (it never expires). */
const SECRET_ROW_ID = 'plc-defense-lab:auth-secret';
const NEVER = new Date('9999-12-31T00:00:00Z');

/**
 * The course's public address: `BETTER_AUTH_URL` (Better Auth's own variable) or loopback.
 * Cookies are marked Secure exactly when it is https. Throws, naming the variable, when it is not
 * an http(s) URL.
 */
export function staffBaseUrl(env: NodeJS.ProcessEnv = process.env): URL {
  const raw = env.BETTER_AUTH_URL?.trim() || DEFAULT_BASE_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`BETTER_AUTH_URL must be the address the course is served at, such as https://lab.example.org (got "${raw}").`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`BETTER_AUTH_URL must start with https:// (or http:// on this machine only); got "${raw}".`);
  }
  return new URL(url.origin);
}

/**
 * The secret that signs session cookies: `BETTER_AUTH_SECRET` when set (at least 32 characters),
 * otherwise one generated on first use and stored in the database. Two instances starting together
 * both try to store theirs; the first wins and both read it back, so they sign alike.
 */
export async function staffSecret(executor: Executor, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const fromEnv = env.BETTER_AUTH_SECRET?.trim();
  if (fromEnv) {
    if (fromEnv.length < MIN_SECRET_LENGTH) {
      throw new Error(`BETTER_AUTH_SECRET is too short (${fromEnv.length} characters): use at least ${MIN_SECRET_LENGTH}, e.g. the output of \`openssl rand -base64 32\`.`);
    }
    return fromEnv;
  }
  await executor
    .insert(verification)
    .values({ id: SECRET_ROW_ID, identifier: SECRET_ROW_ID, value: randomBytes(32).toString('base64url'), expiresAt: NEVER })
    .onConflictDoNothing({ target: verification.id });
  const [row] = await executor.select({ value: verification.value }).from(verification).where(eq(verification.id, SECRET_ROW_ID));
  if (!row) throw new Error('The generated sign-in secret could not be read back from the database.');
  return row.value;
}
