/**
 * The first admin (record 012): with no admin in the database, the server prints one setup link
 * at start-up. There is no default password. The link carries a random token; only its SHA-256
 * is stored (in Better Auth's `verification` table, with an expiry), and using it deletes every
 * setup token, so it works once. Once an admin exists no setup link is accepted or printed.
 */
import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { and, eq, gt, lte, sql } from 'drizzle-orm';
import type { Database, Executor } from '../db/database.server.ts';
import { user, verification } from '../db/schema.server.ts';
import { SETUP_LINK_LIFETIME_SECONDS } from './limits.server.ts';

/** The `verification.identifier` of setup tokens. */
const SETUP_IDENTIFIER = 'plc-defense-lab:first-admin-setup';

/** Where the setup page lives; the token follows. */
export const SETUP_PATH = '/setup/';

/** The stored form of a token: its SHA-256, hex. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Whether any account holds the admin role. */
export async function adminExists(executor: Executor): Promise<boolean> {
  return (await executor.$count(user, eq(user.role, 'admin'))) > 0;
}

/**
 * Issues a new setup token when no admin exists and returns the link to print (under `baseUrl`),
 * or undefined when an admin exists (left-over tokens are then deleted). Expired tokens go.
 */
export async function issueSetupLink(database: Database, baseUrl: string, now: Date = new Date()): Promise<string | undefined> {
  const { db } = database;
  await db.delete(verification).where(and(eq(verification.identifier, SETUP_IDENTIFIER), lte(verification.expiresAt, now)));
  if (await adminExists(db)) {
    await db.delete(verification).where(eq(verification.identifier, SETUP_IDENTIFIER));
    return undefined;
  }
  const token = randomBytes(32).toString('base64url');
  await db.insert(verification).values({
    id: randomBytes(16).toString('base64url'),
    identifier: SETUP_IDENTIFIER,
    value: hashToken(token),
    expiresAt: new Date(now.getTime() + SETUP_LINK_LIFETIME_SECONDS * 1000),
  });
  return new URL(`${SETUP_PATH}${token}`, baseUrl).href;
}

/** Whether `token` would be accepted now: issued, not expired, not used, and still no admin. */
export async function setupTokenUsable(executor: Executor, token: string, now: Date): Promise<boolean> {
  if (await adminExists(executor)) return false;
  const found = await executor.$count(
    verification,
    and(eq(verification.identifier, SETUP_IDENTIFIER), eq(verification.value, hashToken(token)), gt(verification.expiresAt, now)),
  );
  return found > 0;
}

/**
 * Spends `token`: deletes every setup token at once and says whether `token` was among the live
 * ones while no admin existed. Two requests racing (with one token or two) cannot both win: the
 * second delete finds nothing left.
 */
export async function consumeSetupToken(executor: Executor, token: string, now: Date): Promise<boolean> {
  const deleted = await executor
    .delete(verification)
    .where(and(eq(verification.identifier, SETUP_IDENTIFIER), sql`not exists (select 1 from ${user} where ${user.role} = ${'admin'})`))
    .returning({ value: verification.value, expiresAt: verification.expiresAt });
  const hash = hashToken(token);
  return deleted.some((row) => row.value === hash && row.expiresAt > now);
}

/**
 * What `scripts/serve.ts` calls once the server listens: prints the setup link when no admin
 * exists. With `SETUP_LINK_FILE` set (the browser tests), the link is also written to that file,
 * readable by its owner only.
 */
export async function announceFirstAdminSetup(database: Database, baseUrl: string, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const link = await issueSetupLink(database, baseUrl);
  if (!link) return undefined;
  console.log(
    `\nNo admin account yet. Open this one-time link to create it (it works once, for ${SETUP_LINK_LIFETIME_SECONDS / 3600} hours):\n  ${link}\n`,
  );
  const file = env.SETUP_LINK_FILE?.trim();
  if (file) writeFileSync(file, `${link}\n`, { mode: 0o600 });
  return link;
}
