/**
 * Malformed bodies at every served POST route (fast-check): random JSON, the route's own field
 * names with values of the wrong type, huge strings, form fields, wrong or missing content types,
 * bodies that do not parse, and nothing at all — sent by a visitor, a learner with an exam in
 * progress, one without, and an admin. No answer is ever a 5xx; an API's refusal is JSON naming a field; and no
 * record is stored (the failure counters of the rate limit and the sign-in lockout are the only
 * rows such requests may add — that is their job).
 *
 * A few routes act without reading a body (start an attempt, hand it in, reveal a hint, sign
 * out): for them any body must still never cause a 5xx, and they run last.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SERVED_ROUTES } from '../../src/server/served-mode.server.ts';
import { ACCESS, type Identity, PAGE_FIELDS_HEADER, type Setup, setUpIdentities } from './authorization-fixtures.ts';

process.env.PGLITE_DIR = mkdtempSync(join(tmpdir(), 'plc-fuzz-'));
delete process.env.DATABASE_URL;
// Staff cookies are issued for the address the test requests use, whatever the shell has set.
process.env.BETTER_AUTH_URL = 'http://127.0.0.1:4321';
delete process.env.BETTER_AUTH_SECRET;

const { closeSharedDatabase, getDatabase } = await import('../../src/server/db/database.server.ts');
const schema = await import('../../src/server/db/schema.server.ts');

/** Routes whose POST does its one thing whatever the body says. */
const BODY_IGNORED = new Set(['/exam', '/exam/review', '/api/exam/start', '/api/exam/submit', '/api/class/labs/[labId]/hints/[hintId]', '/instructor/sign-out']);
/** Rows that count failures: a refused request may add to them, by design. */
const FAILURE_COUNTERS = new Set(['rate_limit', 'login_throttle']);
/** Field names the served forms and APIs read (not a lab answer's: `{ "settings": {} }` is a real answer). */
const FIELD_NAMES = ['classCode', 'displayName', 'responses', 'next', 'email', 'password', 'confirm', 'name', 'currentPassword', 'intent', 'reason', 'labId', 'score', 'passed'];
// "learner" has handed in an attempt and has the class lab; "other learner" has an attempt in progress.
const WHO: readonly Identity[] = ['anonymous', 'learner', 'other learner', 'admin'];
const RUNS = 12;

/** A request body and its content type. */
interface Body {
  type: string | undefined;
  body: string;
}

const huge = fc.integer({ min: 10_000, max: 300_000 }).map((n) => 'x'.repeat(n));
const wrongValue = fc.oneof(fc.jsonValue(), huge, fc.constant(null), fc.array(fc.string(), { maxLength: 5 }), fc.integer());
const malformed: fc.Arbitrary<Body> = fc.oneof(
  fc.jsonValue().map((v) => ({ type: 'application/json', body: JSON.stringify(v) ?? 'null' })),
  fc.dictionary(fc.constantFrom(...FIELD_NAMES), wrongValue, { maxKeys: 6 }).map((v) => ({ type: 'application/json', body: JSON.stringify(v) })),
  fc.dictionary(fc.oneof(fc.constantFrom(...FIELD_NAMES), fc.string()), fc.oneof(fc.string(), huge), { maxKeys: 6 }).map((v) => ({
    type: 'application/x-www-form-urlencoded',
    body: new URLSearchParams(v).toString(),
  })),
  fc.tuple(fc.constantFrom('text/plain', 'application/xml', 'multipart/form-data', 'application/json; charset=utf-8', undefined), fc.oneof(fc.string(), huge)).map(([type, body]) => ({ type, body })),
  fc.string().map((body) => ({ type: 'application/json', body: `{${body}` })),
  fc.constant({ type: 'application/json', body: '' }),
  fc.constant({ type: undefined, body: '' }),
  // An empty object is a lab answer that changes nothing — a real (if poor) answer, so not malformed.
).filter(({ body }) => body !== '{}');

/** Row counts of every table. */
async function counts(): Promise<Record<string, number>> {
  const { db } = await getDatabase();
  const tables = (Object.values(schema) as unknown[]).filter((v): v is PgTable => is(v, PgTable));
  const entries = await Promise.all(tables.map(async (t) => [getTableName(t), await db.$count(t)] as const));
  return Object.fromEntries(entries.filter(([name]) => !FAILURE_COUNTERS.has(name)));
}

let setup: Setup;
beforeAll(async () => {
  setup = await setUpIdentities();
  // The other learner has an attempt in progress, so saves reach the answers' own checks.
  const started = await setup.call('api-exam-start.server.ts', '/api/exam/start', 'POST', 'other learner');
  expect(started.status).toBe(201);
}, 300_000);
afterAll(() => closeSharedDatabase());

const posts = SERVED_ROUTES.filter((r) => ACCESS[r.pattern]?.methods.includes('POST') || BODY_IGNORED.has(r.pattern)).sort(
  (a, b) => Number(BODY_IGNORED.has(a.pattern)) - Number(BODY_IGNORED.has(b.pattern)),
);

it('has POST routes to try', () => {
  expect(posts.length).toBeGreaterThan(10);
});

it.each(posts.map((r) => [r.pattern, r.entrypoint] as const))('POST %s: no 5xx for any malformed body, refusals name a field, nothing stored', { timeout: 600_000 }, async (pattern, entrypoint) => {
  const isApi = pattern.startsWith('/api/');
  for (const who of WHO) {
    // Each identity starts with a fresh allowance, so the bodies reach the checks behind the rate limit.
    await (await getDatabase()).db.delete(schema.rateLimit);
    const before = await counts();
    await fc.assert(
      fc.asyncProperty(malformed, async ({ type, body }) => {
        const headers: Record<string, string> = type ? { 'content-type': type } : {};
        const response = await setup.call(entrypoint, pattern, 'POST', who, { headers, body });
        expect(response.status, `${who}: ${type} ${body.slice(0, 80)}`).toBeLessThan(500);
        if (isApi && response.status >= 400) {
          const answer = (await response.json()) as { problems?: { field?: unknown }[] };
          expect(typeof answer.problems?.[0]?.field, `${who}: a refusal names a field`).toBe('string');
        }
        // A form page that refuses its form shows the problems beside named fields.
        if (response.status === 400 && !isApi) expect(response.headers.get(PAGE_FIELDS_HEADER), `${who}: ${pattern} names a field`).not.toBe('');
      }),
      { numRuns: RUNS },
    );
    if (!BODY_IGNORED.has(pattern)) expect(await counts(), `${who}: nothing stored by ${pattern}`).toEqual(before);
  }
});
