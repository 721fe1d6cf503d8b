/**
 * Guessing at class codes and certificate codes is limited per client address, in the database:
 * after the allowance of wrong tries the door answers 429 with when to try again (Retry-After),
 * and opens again after a quiet window. Right codes give their try back, so a classroom behind one
 * shared address joins freely. The count is a row, so every instance sees it.
 */
import { expect, it } from 'vitest';
import { cohortLearner, rateLimit } from '../../../src/server/db/schema.server.ts';
import { handleJoin, handleVerify } from '../../../src/server/exam-flow/handlers.server.ts';
import { JOIN_LIMIT, type Limit, limited, takeTry, VERIFY_LIMIT } from '../../../src/server/limits/rate-limit.server.ts';
import { freshDatabase, onEachDriver } from '../db/databases.ts';
import { call, depsFor, seedClass, TIME } from '../exam-flow/flow-fixtures.ts';

const SMALL: Limit = { name: 'test', max: 3, windowSeconds: 60, field: 'code' };
const AT = new Date('2026-12-03T07:00:00Z');
const later = (seconds: number) => new Date(AT.getTime() + seconds * 1000);

onEachDriver((driver) => {
  it('allows the allowance, refuses the next try until a quiet window has passed, and keeps addresses apart', async () => {
    const { db } = await freshDatabase(driver);
    for (let i = 0; i < SMALL.max; i++) expect((await takeTry(db, SMALL, '198.51.100.7', later(i))).ok).toBe(true);
    const refused = await takeTry(db, SMALL, '198.51.100.7', later(10));
    expect(refused).toEqual({ ok: false, retryAt: later(2 + 60) });
    // Refused tries do not push the time back; another address has its own count.
    expect(await takeTry(db, SMALL, '198.51.100.7', later(61))).toEqual({ ok: false, retryAt: later(62) });
    expect((await takeTry(db, SMALL, '198.51.100.8', later(11))).ok).toBe(true);
    expect((await takeTry(db, SMALL, '198.51.100.7', later(62))).ok).toBe(true);
  });

  it('gives a successful try back, and never lets parallel tries past the limit', async () => {
    const { db } = await freshDatabase(driver);
    for (let i = 0; i < 10; i++) {
      const tried = await takeTry(db, SMALL, '198.51.100.9', later(i));
      if (tried.ok) await tried.refund();
    }
    const parallel = await Promise.all(Array.from({ length: 8 }, () => takeTry(db, SMALL, '198.51.100.9', later(20))));
    expect(parallel.filter((t) => t.ok)).toHaveLength(SMALL.max);
    const [row] = await db.select().from(rateLimit);
    expect(row?.count).toBe(SMALL.max);
  });

  it('answers the 11th wrong class code from one address with 429 naming the field and when, while right codes never count', async () => {
    const deps = await depsFor((await freshDatabase(driver)).db);
    const made = await seedClass(deps.db, deps.now(), { classCode: 'NIGHT-42', seatCap: 40 });
    const join = (classCode: string, displayName: string, address = '203.0.113.5') =>
      limited(deps.db, JOIN_LIMIT, address, deps.now(), () => handleJoin(call('/api/class/join', { body: { classCode, displayName } }), deps), (r) => r.status === 201);

    // A classroom behind one address: more joins than the allowance, all welcome.
    for (let i = 0; i < JOIN_LIMIT.max + 5; i++) expect((await join(made.classCode, `Learner ${i}`)).status).toBe(201);
    for (let i = 0; i < JOIN_LIMIT.max; i++) expect((await join(`GUESS-${i}`, 'Mallory')).status).toBe(400);
    const learners = await deps.db.$count(cohortLearner);

    const refused = await join('GUESS-X', 'Mallory');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBe(JOIN_LIMIT.windowSeconds);
    const body = (await refused.json()) as { problems: { field: string; message: string }[] };
    expect(body.problems[0]?.field).toBe('classCode');
    expect(body.problems[0]?.message).toMatch(/try again after \d\d:\d\d:\d\d UTC \(in 10 minutes\)/);
    // Even the right code waits: the address is out of tries. Another address is not.
    expect((await join(made.classCode, 'Mallory')).status).toBe(429);
    expect((await join(made.classCode, 'Someone else', '203.0.113.6')).status).toBe(201);
    expect(await deps.db.$count(cohortLearner)).toBe(learners + 1);

    deps.clock.advance(JOIN_LIMIT.windowSeconds * 1000);
    expect((await join(made.classCode, 'Mallory')).status).toBe(201);
  });

  it('limits unknown certificate codes, not real ones', async () => {
    const deps = await depsFor((await freshDatabase(driver)).db);
    const verify = (code: string) =>
      limited(deps.db, VERIFY_LIMIT, '203.0.113.7', deps.now(), () => handleVerify(deps, code), async (r) => ((await r.clone().json()) as { status: string }).status !== 'unknown');
    for (let i = 0; i < VERIFY_LIMIT.max; i++) expect(await (await verify(`NO-SUCH-${i}`)).json()).toMatchObject({ status: 'unknown' });
    const refused = await verify('NO-SUCH-X');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe(String(VERIFY_LIMIT.windowSeconds));
    expect((await refused.json()).problems[0].field).toBe('code');
    deps.clock.advance(TIME.HOUR);
    expect((await verify('NO-SUCH-Y')).status).toBe(200);
  });
});
