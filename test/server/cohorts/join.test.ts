/**
 * A learner joins a class with its code and a display name, as the join route sees it: a cookie
 * that only the server can read back, the seat cap and the class's dates held, and every refusal
 * a 400 that names the field — with nothing stored.
 */
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { learnerFrom } from '../../../src/server/cohorts/learner-session.server.ts';
import { auditLog, cohortLearner } from '../../../src/server/db/schema.server.ts';
import { handleJoin } from '../../../src/server/exam-flow/handlers.server.ts';
import { freshDatabase, onEachDriver } from '../db/databases.ts';
import { call, cookieOf, depsFor, seedClass, TIME } from '../exam-flow/flow-fixtures.ts';

/** The field and message of a refusal. */
async function refused(response: Response) {
  expect(response.status).toBe(400);
  const body = (await response.json()) as { error: string; problems: { field: string; message: string }[] };
  return body.problems[0];
}

onEachDriver((driver) => {
  it('joins with the class code in any case, and the cookie it sets finds the learner again; only the token hash is stored', async () => {
    const deps = await depsFor((await freshDatabase(driver)).db);
    const made = await seedClass(deps.db, deps.now(), { classCode: 'NIGHT-7' });
    const response = await handleJoin(call('/api/class/join', { body: { classCode: '  night-7 ', displayName: '  Lee Learner ' } }), deps);

    expect(response.status).toBe(201);
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).not.toMatch(/Secure/);
    const cookie = cookieOf(response);
    const learner = await learnerFrom(call('/exam', { cookie }), deps.db);
    expect(learner).toMatchObject({ displayName: 'Lee Learner', cohortId: made.id, examId: made.examId });
    const [row] = await deps.db.select().from(cohortLearner);
    const token = cookie.split('=')[1] ?? '';
    expect(row?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(token);
    expect((await deps.db.select().from(auditLog).where(eq(auditLog.action, 'learner.joined'))).length).toBe(1);
    // A forged or unknown token finds nobody.
    expect(await learnerFrom(call('/exam', { cookie: `pdl_learner=${'A'.repeat(43)}` }), deps.db)).toBeUndefined();
  });

  it('marks the cookie Secure when the site is served over https', async () => {
    const deps = await depsFor((await freshDatabase(driver)).db);
    await seedClass(deps.db, deps.now(), { classCode: 'SECURE-1' });
    const response = await handleJoin(new Request('https://course.example.org/api/class/join', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ classCode: 'SECURE-1', displayName: 'Sam' }) }), deps);
    expect(response.status).toBe(201);
    expect(response.headers.get('set-cookie')).toMatch(/; Secure/);
  });

  it('refuses an unknown code, a full class, a class not yet open or closed, and a bad name — naming the field, storing nothing', async () => {
    const deps = await depsFor((await freshDatabase(driver)).db);
    const now = deps.now();
    await seedClass(deps.db, now, { classCode: 'FULL-1', seatCap: 1 });
    await seedClass(deps.db, now, { classCode: 'LATER-1', opensAt: new Date(now.getTime() + TIME.HOUR), closesAt: new Date(now.getTime() + 2 * TIME.HOUR) });
    await seedClass(deps.db, now, { classCode: 'OVER-1', opensAt: new Date(now.getTime() - 2 * TIME.HOUR), closesAt: now });
    expect((await handleJoin(call('/api/class/join', { body: { classCode: 'FULL-1', displayName: 'First' } }), deps)).status).toBe(201);
    const learnersBefore = await deps.db.$count(cohortLearner);

    const cases: [unknown, string, RegExp][] = [
      [{ classCode: 'NO-SUCH', displayName: 'Lee' }, 'classCode', /no class has this code/],
      [{ classCode: 'FULL-1', displayName: 'Second' }, 'classCode', /full \(all 1 seats/],
      [{ classCode: 'LATER-1', displayName: 'Lee' }, 'classCode', /opens on/],
      [{ classCode: 'OVER-1', displayName: 'Lee' }, 'classCode', /has closed/],
      [{ classCode: 'FULL-1', displayName: ' ' }, 'displayName', /at least 2 characters/],
      [{ classCode: 'FULL-1', displayName: 'x'.repeat(61) }, 'displayName', /at most 60/],
      [{ classCode: 'FULL-1', displayName: 'Lee\u0007' }, 'displayName', /letters, digits/],
      [{ displayName: 'Lee' }, 'classCode', /class code/],
      [{ classCode: 'FULL-1', displayName: 'Lee', score: 100 }, 'body', /remove the unknown field score/],
    ];
    for (const [body, field, message] of cases) {
      const problem = await refused(await handleJoin(call('/api/class/join', { body }), deps));
      expect(problem?.field, JSON.stringify(body)).toBe(field);
      expect(problem?.message).toMatch(message);
    }
    expect(await deps.db.$count(cohortLearner)).toBe(learnersBefore);
  });

  it('answers malformed bodies with a 400 and stores nothing', async () => {
    const deps = await depsFor((await freshDatabase(driver)).db);
    await seedClass(deps.db, deps.now(), { classCode: 'FUZZ-1' });
    const bodies = fc.oneof(
      fc.string().map((text) => ({ raw: text })),
      fc.jsonValue().map((value) => ({ raw: JSON.stringify(value) })),
      fc.record({ classCode: fc.oneof(fc.string(), fc.integer(), fc.constant(null)), displayName: fc.oneof(fc.constant(''), fc.integer(), fc.constant(null), fc.array(fc.string())) }).map((value) => ({ raw: JSON.stringify(value) })),
    );
    await fc.assert(
      fc.asyncProperty(bodies, async ({ raw }) => {
        const response = await handleJoin(call('/api/class/join', { body: raw }), deps);
        expect(response.status).toBe(400);
      }),
      { numRuns: 40 },
    );
    expect(await deps.db.$count(cohortLearner)).toBe(0);
  });
});
