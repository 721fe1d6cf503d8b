/**
 * Better Auth 1.7's Drizzle adapter works on our tables as they are: an account signs up and
 * signs in, its password is stored hashed, its role defaults to instructor, and the rate limit
 * counts requests in the database (so every instance sees the same count). The auth settings
 * here are only what the tables need; the served mode's own configuration lives elsewhere.
 */
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import type { Database } from '../../../src/server/db/database.server.ts';
import * as schema from '../../../src/server/db/schema.server.ts';
import { account, rateLimit, session, user } from '../../../src/server/db/schema.server.ts';
import { USER_ROLES } from '../../../src/server/db/values.server.ts';
import { freshDatabase, onEachDriver } from './databases.ts';

const BASE_URL = 'http://127.0.0.1:4321';

function authOn(database: Database, signInLimit: number) {
  return betterAuth({
    baseURL: BASE_URL,
    secret: 'test-secret-for-the-schema-check-only-0123456789',
    database: drizzleAdapter(database.db, { provider: 'pg', schema }),
    emailAndPassword: { enabled: true },
    user: { additionalFields: { role: { type: [...USER_ROLES], required: false, defaultValue: 'instructor', input: false } } },
    rateLimit: { enabled: true, storage: 'database', window: 60, max: 100, customRules: { '/sign-in/email': { window: 60, max: signInLimit } } },
    advanced: { ipAddress: { ipAddressHeaders: ['x-forwarded-for'] } },
    // The failed sign-ins below are the point; their warnings are noise here.
    logger: { level: 'error' },
  });
}

function signInRequest(email: string, password: string): Request {
  return new Request(`${BASE_URL}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: BASE_URL, 'x-forwarded-for': '203.0.113.7' },
    body: JSON.stringify({ email, password }),
  });
}

onEachDriver((driver) => {
  it('signs an instructor up and in, keeping only a hash of the password', async () => {
    const database = await freshDatabase(driver);
    const auth = authOn(database, 10);
    const password = 'Correct-Horse-42-battery';
    const signedUp = await auth.api.signUpEmail({ body: { email: 'ines@example.org', password, name: 'Ines Instructor' } });
    expect(signedUp.user.email).toBe('ines@example.org');

    const [stored] = await database.db.select().from(user).where(eq(user.email, 'ines@example.org'));
    expect(stored?.role).toBe('instructor');
    const [credential] = await database.db.select().from(account).where(eq(account.userId, stored?.id ?? ''));
    expect(credential?.providerId).toBe('credential');
    expect(credential?.password).toBeTruthy();
    expect(credential?.password).not.toContain(password);

    const response = await auth.handler(signInRequest('ines@example.org', password));
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    expect(await database.db.$count(session, eq(session.userId, stored?.id ?? ''))).toBeGreaterThanOrEqual(1);
  });

  it('counts sign-in attempts in the database and turns away the one over the limit', async () => {
    const database = await freshDatabase(driver);
    const auth = authOn(database, 2);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await auth.handler(signInRequest('nobody@example.org', 'wrong-password-1A'))).status);
    expect(statuses.slice(0, 2)).not.toContain(429);
    expect(statuses[2]).toBe(429);
    const counted = await database.db.select().from(rateLimit);
    expect(counted.some((row) => row.key.includes('/sign-in/email') && row.count >= 2)).toBe(true);
  });
});
