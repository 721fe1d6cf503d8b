/**
 * Whatever a client posts to the staff forms — missing fields, wrong types, files, JSON, no
 * content type at all — the answer is a form naming what is wrong (never a crash), and nothing
 * is stored: no account, no spent setup link.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { adminListPage } from '../../../src/server/auth/admin-pages.server.ts';
import { issueSetupLink, setupTokenUsable } from '../../../src/server/auth/first-admin.server.ts';
import { setupPage } from '../../../src/server/auth/setup-page.server.ts';
import { signInPage } from '../../../src/server/auth/sign-in.server.ts';
import { user } from '../../../src/server/db/schema.server.ts';
import { DATABASE_TEST_TIMEOUT } from '../db/databases.ts';
import { ADMIN, BASE, freshServices, setUpAdmin, signIn, tokenOf } from './staff-fixtures.ts';

const FIELD_NAMES = ['name', 'email', 'password', 'confirm', 'next', 'intent', 'reason', 'x'];

/** A body as a careless or hostile client might send it, with its content type. */
const body = fc.oneof(
  fc
    .dictionary(fc.constantFrom(...FIELD_NAMES), fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('', ' ', 'a@b', '@', 'x'.repeat(300))))
    .map((fields) => ({ type: 'application/x-www-form-urlencoded', data: new URLSearchParams(fields).toString() })),
  fc.dictionary(fc.constantFrom(...FIELD_NAMES), fc.string()).map((fields) => ({ type: 'application/json', data: JSON.stringify(fields) })),
  fc.string({ maxLength: 80 }).map((data) => ({ type: 'multipart/form-data; boundary=zz', data })),
  fc.string({ maxLength: 80 }).map((data) => ({ type: '', data })),
);

function hostile(path: string, sent: { type: string; data: string }, cookie = ''): Request {
  const headers: Record<string, string> = { origin: BASE };
  if (sent.type) headers['content-type'] = sent.type;
  if (cookie) headers.cookie = cookie;
  return new Request(new URL(path, BASE), { method: 'POST', headers, body: sent.data });
}

it(
  'answers malformed bodies to the setup, sign-in and create-account forms with a 4xx form, storing nothing',
  async () => {
    const { services, database } = await freshServices('pglite');
    const link = (await issueSetupLink(database, BASE, services.now())) ?? '';
    const token = tokenOf(link);
    await fc.assert(
      fc.asyncProperty(body, async (sent) => {
        const outcome = await setupPage({ request: hostile(link, sent), token }, services);
        expect(outcome).not.toHaveProperty('response');
        expect('status' in outcome && outcome.status).toBe(400);
      }),
      { numRuns: 40 },
    );
    expect(await database.db.$count(user)).toBe(0);
    expect(await setupTokenUsable(database.db, token, services.now())).toBe(true);

    await setUpAdmin(services);
    const admin = await signIn(services, ADMIN.email, ADMIN.password);
    await fc.assert(
      fc.asyncProperty(body, fc.ipV4(), async (sent, clientAddress) => {
        const signedIn = await signInPage({ request: hostile('/instructor/sign-in', sent), clientAddress }, services);
        expect('status' in signedIn && signedIn.status).toBeGreaterThanOrEqual(400);
        const created = await adminListPage({ request: hostile('/instructor/admin', sent, admin) }, services);
        expect('form' in created && created.form.status).toBe(400);
      }),
      { numRuns: 40 },
    );
    expect(await database.db.$count(user)).toBe(1);
  },
  DATABASE_TEST_TIMEOUT,
);
