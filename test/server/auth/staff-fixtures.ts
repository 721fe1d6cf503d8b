/**
 * What the staff-account tests share: services over a fresh database with a clock the test moves,
 * requests as a browser sends them (forms, cookies), and accounts made the way the app makes them.
 */
import { expect } from 'vitest';
import { issueSetupLink } from '../../../src/server/auth/first-admin.server.ts';
import type { FormState, PageOutcome } from '../../../src/server/auth/forms.server.ts';
import { setupPage } from '../../../src/server/auth/setup-page.server.ts';
import { signInPage } from '../../../src/server/auth/sign-in.server.ts';
import { createStaffServices, type StaffServices } from '../../../src/server/auth/staff-auth.server.ts';
import type { Driver } from '../../../src/server/db/database.server.ts';
import { freshDatabase } from '../db/databases.ts';

export const BASE = 'http://127.0.0.1:4321';
/** A password the course's rule accepts. */
export const GOOD_PASSWORD = 'Strong-Pass-42';
export const ADMIN = { name: 'Ada Admin', email: 'ada@example.org', password: 'Admin-Pass-2026' };
export const INSTRUCTOR = { name: 'Ines Instructor', email: 'ines@example.org', password: 'Teach-Safely-7' };


/** Services over a fresh database on `driver`, with a clock the test can move (`clock.now`). */
export async function freshServices(driver: Driver, env: NodeJS.ProcessEnv = { BETTER_AUTH_URL: BASE }) {
  const database = await freshDatabase(driver);
  const clock = { now: new Date('2026-12-03T06:00:00Z') };
  const base = await createStaffServices(database, env);
  const services: StaffServices = { ...base, now: () => clock.now };
  return { services, clock, database };
}

/** Moves the test clock on by `seconds`. */
export function advance(clock: { now: Date }, seconds: number): void {
  clock.now = new Date(clock.now.getTime() + seconds * 1000);
}

/** A GET as a browser sends it, with the session cookie if given. */
export function get(path: string, cookie = ''): Request {
  return new Request(new URL(path, BASE), { headers: cookie ? { cookie } : {} });
}

/** A form POST as a browser sends it (url-encoded, from the site's own origin). */
export function post(path: string, fields: Record<string, string>, cookie = ''): Request {
  return new Request(new URL(path, BASE), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: BASE, ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams(fields),
  });
}

/** The `cookie` header a browser would send back after these Set-Cookie headers. */
export function cookieHeader(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .filter((pair) => !pair.endsWith('='))
    .join('; ');
}

/** The response of an outcome that must be one (a redirect or a refusal). */
export function responseOf(outcome: PageOutcome | { response: Response } | object): Response {
  expect(outcome, 'expected a response (a redirect or refusal), got a form to render').toHaveProperty('response');
  return (outcome as { response: Response }).response;
}

/** The form of an outcome that must render one. */
export function formOf(outcome: PageOutcome): FormState {
  expect(outcome, 'expected a form to render, got a response').not.toHaveProperty('response');
  return outcome as FormState;
}

/** The setup token in a printed link. */
export function tokenOf(link: string): string {
  return new URL(link).pathname.split('/').at(-1) ?? '';
}

/** Makes the first admin through the setup link, as a person would. */
export async function setUpAdmin(services: StaffServices): Promise<void> {
  const link = await issueSetupLink(services.database, BASE, services.now());
  expect(link).toBeDefined();
  const outcome = await setupPage({ request: post(new URL(link ?? '').pathname, { ...ADMIN, confirm: ADMIN.password }), token: tokenOf(link ?? '') }, services);
  expect(responseOf(outcome).status).toBe(303);
}

/** Signs in through the sign-in page and returns the cookie header to send afterwards. */
export async function signIn(services: StaffServices, email: string, password: string, clientAddress = '198.51.100.1'): Promise<string> {
  const outcome = await signInPage({ request: post('/instructor/sign-in', { email, password }), clientAddress }, services);
  const response = responseOf(outcome);
  expect(response.status).toBe(303);
  return cookieHeader(response);
}
