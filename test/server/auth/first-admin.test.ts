/**
 * The first admin: one setup link when no admin exists, no default password; the link's page
 * makes the admin once and then never works again; a forged, used or expired token is refused
 * alike; a weak password is refused naming the rule, without spending the link.
 */
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { adminExists, issueSetupLink } from '../../../src/server/auth/first-admin.server.ts';
import { SETUP_LINK_LIFETIME_SECONDS } from '../../../src/server/auth/limits.server.ts';
import { SETUP_LINK_REFUSED, setupPage } from '../../../src/server/auth/setup-page.server.ts';
import { staffSecret } from '../../../src/server/auth/settings.server.ts';
import { staffFrom } from '../../../src/server/auth/staff.server.ts';
import { auditLog, user, verification } from '../../../src/server/db/schema.server.ts';
import { onEachDriver } from '../db/databases.ts';
import { ADMIN, advance, BASE, formOf, freshServices, get, post, responseOf, signIn, tokenOf } from './staff-fixtures.ts';

const setupFields = { ...ADMIN, confirm: ADMIN.password };

onEachDriver((driver) => {
  it('prints a link that makes the first admin once, then refuses it and prints no more', async () => {
    const { services, database } = await freshServices(driver);
    expect(await database.db.$count(user)).toBe(0);
    const link = (await issueSetupLink(database, BASE, services.now())) ?? '';
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:4321\/setup\/[A-Za-z0-9_-]{43}$/);
    const token = tokenOf(link);
    // Only a hash of the token is kept.
    const stored = await database.db.select().from(verification);
    expect(stored.some((row) => row.value.includes(token))).toBe(false);

    expect(formOf(await setupPage({ request: get(link), token }, services)).status).toBe(200);
    const made = responseOf(await setupPage({ request: post(link, setupFields), token }, services));
    expect(made.status).toBe(303);
    expect(made.headers.get('location')).toBe('/instructor/sign-in?ready');
    expect(await adminExists(database.db)).toBe(true);
    const [audit] = await database.db.select().from(auditLog).where(eq(auditLog.action, 'admin.setup'));
    expect(audit?.detail).toEqual({ email: ADMIN.email });

    // The admin signs in with what they chose, and is an admin.
    const cookie = await signIn(services, ADMIN.email, ADMIN.password);
    expect((await staffFrom(get('/', cookie), services))?.role).toBe('admin');

    // The same link again: refused, and nothing more is made.
    const again = formOf(await setupPage({ request: post(link, { ...setupFields, email: 'eve@example.org' }), token }, services));
    expect(again.status).toBe(404);
    expect(again.errors.form).toEqual([SETUP_LINK_REFUSED]);
    expect(formOf(await setupPage({ request: get(link), token }, services)).status).toBe(404);
    expect(await database.db.$count(user)).toBe(1);
    // With an admin in place, a restart prints no link.
    expect(await issueSetupLink(database, BASE, services.now())).toBeUndefined();
  });

  it('refuses a forged token and an expired one with the same words', async () => {
    const { services, clock, database } = await freshServices(driver);
    const link = (await issueSetupLink(database, BASE, services.now())) ?? '';
    const forged = `${tokenOf(link).slice(0, -4)}AAAA`;
    const refused = formOf(await setupPage({ request: post(`/setup/${forged}`, setupFields), token: forged }, services));
    expect(refused.status).toBe(404);
    expect(refused.errors.form).toEqual([SETUP_LINK_REFUSED]);

    advance(clock, SETUP_LINK_LIFETIME_SECONDS + 1);
    const expired = formOf(await setupPage({ request: post(link, setupFields), token: tokenOf(link) }, services));
    expect(expired.status).toBe(404);
    expect(expired.errors.form).toEqual([SETUP_LINK_REFUSED]);
    expect(await database.db.$count(user)).toBe(0);
  });

  it('refuses a weak password naming each rule it breaks, keeps what was typed but the password, and leaves the link working', async () => {
    const { services, database } = await freshServices(driver);
    const link = (await issueSetupLink(database, BASE, services.now())) ?? '';
    const token = tokenOf(link);
    const weak = formOf(await setupPage({ request: post(link, { ...setupFields, password: 'ada', confirm: 'adb' }), token }, services));
    expect(weak.status).toBe(400);
    expect(weak.errors.password?.join(' ')).toMatch(/too short \(3 characters\): use at least 8/);
    expect(weak.errors.password?.join(' ')).toMatch(/too few kinds of character/);
    expect(weak.errors.password?.join(' ')).toMatch(/contains the user name "ada"/);
    expect(weak.errors.confirm?.join(' ')).toMatch(/does not match/);
    expect(weak.values).toEqual({ name: ADMIN.name, email: ADMIN.email });

    const badEmail = formOf(await setupPage({ request: post(link, { ...setupFields, email: 'not-an-address' }), token }, services));
    expect(badEmail.status).toBe(400);
    expect(badEmail.errors.email).toEqual(['E-mail: enter an address such as name@example.org.']);

    const notAForm = new Request(link, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(setupFields) });
    expect(formOf(await setupPage({ request: notAForm, token }, services)).status).toBe(400);

    expect(await database.db.$count(user)).toBe(0);
    expect(responseOf(await setupPage({ request: post(link, setupFields), token }, services)).status).toBe(303);
  });

  it('lets only one of two racing setup links make an admin', async () => {
    const { services, database } = await freshServices(driver);
    const first = (await issueSetupLink(database, BASE, services.now())) ?? '';
    const second = (await issueSetupLink(database, BASE, services.now())) ?? '';
    const outcomes = await Promise.all(
      [first, second].map((link, i) =>
        setupPage({ request: post(link, { ...setupFields, email: `admin${i}@example.org` }), token: tokenOf(link) }, services),
      ),
    );
    expect(outcomes.filter((o) => 'response' in o)).toHaveLength(1);
    expect(await database.db.$count(user, eq(user.role, 'admin'))).toBe(1);
  });

  it('keeps one generated sign-in secret in the database, and takes a long enough one from the environment', async () => {
    const { database } = await freshServices(driver);
    const first = await staffSecret(database.db, {});
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(await staffSecret(database.db, {})).toBe(first);
    expect(await staffSecret(database.db, { BETTER_AUTH_SECRET: 'x'.repeat(40) })).toBe('x'.repeat(40));
    await expect(staffSecret(database.db, { BETTER_AUTH_SECRET: 'short' })).rejects.toThrow(/BETTER_AUTH_SECRET is too short/);
  });
});
