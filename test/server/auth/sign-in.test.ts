/**
 * Signing staff in: an HttpOnly, SameSite cookie (Secure over https); lockout per account with a
 * backoff that doubles, saying when to try again and answering an unknown address exactly like a
 * known one; Better Auth's rate limit per client address; signing out ends the session.
 */
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { LOCKOUT, SIGN_IN_RATE_LIMIT, lockSecondsAfter } from '../../../src/server/auth/limits.server.ts';
import { signInPage, signOutPage } from '../../../src/server/auth/sign-in.server.ts';
import { createStaffServices, type StaffServices } from '../../../src/server/auth/staff-auth.server.ts';
import { staffFrom } from '../../../src/server/auth/staff.server.ts';
import { auditLog, loginThrottle } from '../../../src/server/db/schema.server.ts';
import { onEachDriver } from '../db/databases.ts';
import { ADMIN, advance, BASE, cookieHeader, formOf, freshServices, get, INSTRUCTOR, post, responseOf, setUpAdmin, signIn } from './staff-fixtures.ts';
import { adminListPage } from '../../../src/server/auth/admin-pages.server.ts';

/** What the sign-in form says after one try (its status and message, the clock's digits masked). */
async function attempt(services: StaffServices, email: string, password: string, clientAddress = '198.51.100.20') {
  const outcome = await signInPage({ request: post('/instructor/sign-in', { email, password }), clientAddress }, services);
  if ('response' in outcome) return { status: outcome.response.status, message: 'signed in' };
  return { status: outcome.status, message: (outcome.errors.form ?? []).join(' ') };
}

/** Makes the admin and one instructor; returns the admin's cookie. */
async function withInstructor(services: StaffServices): Promise<string> {
  await setUpAdmin(services);
  const cookie = await signIn(services, ADMIN.email, ADMIN.password, '198.51.100.9');
  const made = await adminListPage({ request: post('/instructor/admin', INSTRUCTOR, cookie) }, services);
  expect(responseOf(made).status).toBe(303);
  return cookie;
}

it('backs off: five free tries, then one minute, doubling, capped at an hour', () => {
  expect(Array.from({ length: 12 }, (_, i) => lockSecondsAfter(i + 1))).toEqual([0, 0, 0, 0, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
  expect(LOCKOUT.maxLockSeconds).toBe(3600);
});

onEachDriver((driver) => {
  it('signs in with an HttpOnly, SameSite=Lax session cookie that is not Secure on plain http, and signs out', async () => {
    const { services } = await freshServices(driver);
    await setUpAdmin(services);
    const outcome = await signInPage({ request: post('/instructor/sign-in', { email: 'ADA@example.org ', password: ADMIN.password }), clientAddress: '198.51.100.2' }, services);
    const response = responseOf(outcome);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/instructor/admin');
    const session = response.headers.getSetCookie().find((c) => c.startsWith('plc-staff.session_token='));
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    expect(session).not.toMatch(/Secure/i);
    const cookie = cookieHeader(response);
    expect(await staffFrom(get('/', cookie), services)).toMatchObject({ email: ADMIN.email, role: 'admin', name: ADMIN.name });

    // A page asked for before signing in is where the person lands, but never another site.
    const back = await signInPage({ request: post('/instructor/sign-in', { email: ADMIN.email, password: ADMIN.password, next: '/instructor/admin/accounts/x' }), clientAddress: '198.51.100.2' }, services);
    expect(responseOf(back).headers.get('location')).toBe('/instructor/admin/accounts/x');
    const away = await signInPage({ request: post('/instructor/sign-in', { email: ADMIN.email, password: ADMIN.password, next: '//evil.example/' }), clientAddress: '198.51.100.2' }, services);
    expect(responseOf(away).headers.get('location')).toBe('/instructor/admin');

    const out = responseOf(await signOutPage({ request: post('/instructor/sign-out', {}, cookie) }, services));
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/instructor/sign-in?signed-out');
    expect(await staffFrom(get('/', cookie), services)).toBeNull();
  });

  it('marks the cookie Secure when the course is served over https', async () => {
    const { services } = await freshServices(driver, { BETTER_AUTH_URL: 'https://lab.example.org' });
    await setUpAdmin(services);
    const outcome = await signInPage({ request: post('/instructor/sign-in', { email: ADMIN.email, password: ADMIN.password }), clientAddress: '198.51.100.3' }, services);
    const session = responseOf(outcome)
      .headers.getSetCookie()
      .find((c) => c.includes('plc-staff.session_token='));
    expect(session).toMatch(/^__Secure-plc-staff\.session_token=.*; Secure/i);
  });

  it('locks an account after five failures, says until when, doubles the lock, and answers an unknown address alike', async () => {
    const { services, clock, database } = await freshServices(driver);
    await withInstructor(services);
    const unknown = 'nobody@example.org';
    const mask = (m: string) => m.replace(/\d{2}:\d{2}:\d{2} UTC \(in \d+ minutes?\)/, 'TIME');
    for (let i = 1; i < LOCKOUT.freeFailures; i++) {
      const known = await attempt(services, INSTRUCTOR.email, 'Wrong-Pass-1');
      expect(known).toEqual({ status: 401, message: 'The e-mail address or the password is wrong. Check both and try again.' });
      expect(await attempt(services, unknown, 'Wrong-Pass-1', '198.51.100.21')).toEqual(known);
    }
    const fifth = await attempt(services, INSTRUCTOR.email, 'Wrong-Pass-1');
    expect(fifth.status).toBe(401);
    expect(fifth.message).toContain('try again after 06:01:00 UTC (in 1 minute)');
    expect(mask((await attempt(services, unknown, 'Wrong-Pass-1', '198.51.100.21')).message)).toBe(mask(fifth.message));

    // Locked: even the right password is not tried, and the message says when.
    const locked = await attempt(services, INSTRUCTOR.email, INSTRUCTOR.password);
    expect(locked).toEqual({ status: 429, message: 'Too many failed sign-ins for this e-mail address: try again after 06:01:00 UTC (in 1 minute).' });
    expect(mask((await attempt(services, unknown, INSTRUCTOR.password, '198.51.100.21')).message)).toBe(mask(locked.message));
    expect(await database.db.$count(auditLog, eq(auditLog.action, 'login.locked'))).toBe(2);

    // After the lock, one more failure locks for twice as long.
    advance(clock, 61);
    const sixth = await attempt(services, INSTRUCTOR.email, 'Wrong-Pass-1');
    expect(sixth.message).toContain('(in 2 minutes)');
    advance(clock, 119);
    expect((await attempt(services, INSTRUCTOR.email, INSTRUCTOR.password)).status).toBe(429);
    advance(clock, 2);
    expect(await attempt(services, INSTRUCTOR.email, INSTRUCTOR.password)).toEqual({ status: 303, message: 'signed in' });
    // A success forgets the failures.
    expect(await database.db.$count(loginThrottle, eq(loginThrottle.key, INSTRUCTOR.email))).toBe(0);
  });

  it('turns away a client address over the sign-in rate limit, counted in the database, while another address still signs in', async () => {
    const { services, database } = await freshServices(driver);
    await withInstructor(services);
    const statuses: number[] = [];
    for (let i = 0; i <= SIGN_IN_RATE_LIMIT.max; i++) statuses.push((await attempt(services, `guess${i}@example.org`, 'Wrong-Pass-1', '203.0.113.5')).status);
    expect(statuses.slice(0, SIGN_IN_RATE_LIMIT.max).every((s) => s === 401)).toBe(true);
    const over = await attempt(services, INSTRUCTOR.email, INSTRUCTOR.password, '203.0.113.5');
    expect(over.status).toBe(429);
    expect(over.message).toMatch(/^Too many sign-in attempts from your network: try again after \d{2}:\d{2}:\d{2} UTC/);
    // The count is in the database: a second instance over it turns the same address away.
    const otherInstance = { ...(await createStaffServices(database, { BETTER_AUTH_URL: BASE })), now: services.now };
    expect((await attempt(otherInstance, INSTRUCTOR.email, INSTRUCTOR.password, '203.0.113.5')).status).toBe(429);
    const rows = await database.db.query.rateLimit.findMany();
    expect(rows.some((row) => row.key.includes('203.0.113.5') && row.count >= SIGN_IN_RATE_LIMIT.max)).toBe(true);
    expect((await attempt(services, INSTRUCTOR.email, INSTRUCTOR.password, '203.0.113.6')).status).toBe(303);
  });

  it('refuses a sign-in form with a missing or malformed field, naming it', async () => {
    const { services } = await freshServices(driver);
    const outcome = formOf(await signInPage({ request: post('/instructor/sign-in', { email: 'ada' }), clientAddress: '198.51.100.4' }, services));
    expect(outcome.status).toBe(400);
    expect(outcome.errors.email).toEqual(['E-mail: enter an address such as name@example.org.']);
    expect(outcome.errors.password).toEqual(['Password: fill it in.']);
  });
});
