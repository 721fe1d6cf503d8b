/**
 * A learner's exam attempt through the routes, on a clock the test moves: start and resume, save
 * per item, the server's deadline (saves refused, the attempt closed and scored when next touched
 * or swept), attempt limits and the waiting period with accommodations, scoring on the server
 * whatever the browser claims, and the certificate that `/verify` then vouches for.
 */
import { and, eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { selectRows } from '../../../src/server/db/database.server.ts';
import { accommodation, attemptResponse, auditLog, certificate, examAttempt } from '../../../src/server/db/schema.server.ts';
import { type AttemptView, closeOverdue } from '../../../src/server/exam-flow/attempts.server.ts';
import { certificateOf, newCertificateCode, normaliseCode } from '../../../src/server/exam-flow/certificates.server.ts';
import { handleAttempt, handleJoin, handleResult, handleSave, handleStart, handleSubmit, handleVerify } from '../../../src/server/exam-flow/handlers.server.ts';
import type { StoredSlot } from '../../../src/server/exams/draw.ts';
import { scoreAttempt } from '../../../src/server/exams/score.ts';
import { freshDatabase, onEachDriver } from '../db/databases.ts';
import { keyResponse } from '../exams/exam-fixtures.ts';
import { attemptRow, call, cookieOf, depsFor, ORIGIN, SHORT_EXAM, seedClass, TIME } from './flow-fixtures.ts';

type Deps = Awaited<ReturnType<typeof depsFor>>;

/** A class with the short exam and one learner in it; returns the learner's cookie. */
async function learnerIn(deps: Deps, name = 'Lee Learner', classCode?: string) {
  const code = classCode ?? (await seedClass(deps.db, deps.now())).classCode;
  const joined = await handleJoin(call('/api/class/join', { body: { classCode: code, displayName: name } }), deps);
  expect(joined.status).toBe(201);
  return { cookie: cookieOf(joined), classCode: code };
}

async function start(deps: Deps, cookie: string) {
  const response = await handleStart(call('/api/exam/start', { method: 'POST', cookie }), deps);
  return { status: response.status, view: (await response.json()) as AttemptView & { problems?: { field: string; message: string }[] } };
}

/** The key of every choice item, and a well-formed lab answer for the performance item. */
function perfectResponses(slots: readonly StoredSlot[]): Record<string, unknown> {
  return Object.fromEntries(slots.map((slot) => [slot.token, slot.item.type === 'performance' ? { settings: {} } : keyResponse(slot)]));
}

/** A wrong answer to every choice item (the first option shown that is not in the key; steps reversed; no pairs). */
function wrongResponses(slots: readonly StoredSlot[]): Record<string, unknown> {
  const wrong: Record<string, unknown> = {};
  for (const slot of slots) {
    const { item } = slot;
    if (item.type === 'single' || item.type === 'multiple') {
      const distractor = slot.order.find((t) => !item.options.find((o) => o.id === slot.ids[t])?.key);
      wrong[slot.token] = item.type === 'single' ? distractor : [distractor];
    }
    if (item.type === 'ordering') wrong[slot.token] = [...(keyResponse(slot) as string[])].reverse();
  }
  return wrong;
}

async function save(deps: Deps, cookie: string, body: unknown) {
  const response = await handleSave(call('/api/exam/save', { body, cookie }), deps);
  return { status: response.status, body: (await response.json()) as { savedAt?: string; problems?: { field: string; message: string }[] } };
}

async function submit(deps: Deps, cookie: string, body?: unknown) {
  const response = await handleSubmit(call('/api/exam/submit', { method: 'POST', cookie, ...(body === undefined ? {} : { body }) }), deps);
  return { status: response.status, body: (await response.json()) as { attemptId: string; status: string } };
}

onEachDriver((driver) => {
  it('starts an attempt with the server keeping the draw, and a second start resumes it with the saved answers', async () => {
    const deps = await depsFor((await freshDatabase(driver)).db);
    const { cookie } = await learnerIn(deps);
    const first = await start(deps, cookie);
    expect(first.status).toBe(201);
    expect(first.view.items.map((i) => i.type)).toEqual(['single', 'single', 'multiple', 'ordering', 'matching', 'performance']);
    expect(new Date(first.view.deadline).getTime() - deps.now().getTime()).toBe(SHORT_EXAM.timeLimitMinutes * TIME.MINUTE);
    const row = await attemptRow(deps.db, first.view.attemptId);
    expect(row.draw.slots.map((s) => s.token)).toEqual(first.view.items.map((i) => i.id));
    expect(row.draw.seed).toMatch(/^[0-9a-f]{32}$/);

    const single = row.draw.slots[0] as StoredSlot;
    expect((await save(deps, cookie, { responses: { [single.token]: single.order[1] } })).status).toBe(200);
    deps.clock.advance(5 * TIME.MINUTE);
    const again = await start(deps, cookie);
    expect(again.status).toBe(200);
    expect(again.view.attemptId).toBe(first.view.attemptId);
    expect(again.view.items).toEqual(first.view.items);
    expect(again.view.responses).toEqual({ [single.token]: single.order[1] });
    expect(await deps.db.$count(examAttempt)).toBe(1);
    const trail = await deps.db.select().from(auditLog).where(eq(auditLog.subject, row.id));
    expect(trail.map((e) => e.action)).toEqual(['exam.started', 'exam.saved']);
  });

  it('upserts one response per item, clears one on null, and refuses a response that is not one of the item own ids — storing nothing', async () => {
    const deps = await depsFor((await freshDatabase(driver)).db);
    const { cookie } = await learnerIn(deps);
    const { view } = await start(deps, cookie);
    const { draw } = await attemptRow(deps.db, view.attemptId);
    const [a, b, multiple, ordering] = draw.slots as [StoredSlot, StoredSlot, StoredSlot, StoredSlot];
    expect((await save(deps, cookie, { responses: { [a.token]: a.order[0] } })).status).toBe(200);
    expect((await save(deps, cookie, { responses: { [a.token]: a.order[2], [b.token]: b.order[0] } })).status).toBe(200);
    expect((await save(deps, cookie, { responses: { [b.token]: null } })).status).toBe(200);
    const rows = await deps.db.select().from(attemptResponse);
    expect(rows.map((r) => [r.itemId, r.response])).toEqual([[a.token, a.order[2]]]);

    const bad: [unknown, string, RegExp][] = [
      [{ responses: { [a.token]: b.order[0] } }, `responses.${a.token}`, /question 1: choose one of the options/],
      [{ responses: { [multiple.token]: [multiple.order[0], multiple.order[0]] } }, `responses.${multiple.token}`, /question 3/],
      [{ responses: { [ordering.token]: ordering.order.slice(1) } }, `responses.${ordering.token}`, /question 4: put every step/],
      [{ responses: { 'not-an-item': 'x' } }, 'responses.not-an-item', /not a question of your attempt/],
      [{ responses: { [a.token]: a.order[0] }, score: 100 }, 'body', /remove the unknown field score/],
      [{ answers: {} }, 'body', /unknown field answers/],
      [[1, 2], 'responses', /send \{ "responses"/],
    ];
    for (const [body, field, message] of bad) {
      const refused = await save(deps, cookie, body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.body.problems?.[0]?.field).toBe(field);
      expect(refused.body.problems?.[0]?.message).toMatch(message);
    }
    // More ids than a query may carry parameters (65,535): still refused by name, not a server error.
    const flood = await save(deps, cookie, { responses: Object.fromEntries(Array.from({ length: 70_000 }, (_, i) => [`x${i}`, 'x'])) });
    expect(flood.status).toBe(400);
    expect(flood.body.problems?.[0]?.field).toBe('responses.x0');
    // One bad response refuses the whole request: the good one beside it is not stored either.
    expect((await save(deps, cookie, { responses: { [b.token]: b.order[0], [a.token]: 'forged' } })).status).toBe(400);
    expect((await deps.db.select().from(attemptResponse)).map((r) => r.response)).toEqual([a.order[2]]);
  });

  it('refuses saves at the deadline and hands the attempt in with what was saved before; the next touch finds it closed', async () => {
    const deps = await depsFor((await freshDatabase(driver)).db);
    const { cookie } = await learnerIn(deps);
    const { view } = await start(deps, cookie);
    const { draw } = await attemptRow(deps.db, view.attemptId);
    const key = perfectResponses(draw.slots);
    const [first, second] = draw.slots as [StoredSlot, StoredSlot];
    expect((await save(deps, cookie, { responses: { [first.token]: key[first.token] } })).status).toBe(200);

    deps.clock.advance(SHORT_EXAM.timeLimitMinutes * TIME.MINUTE - 1);
    expect((await save(deps, cookie, { responses: { [second.token]: key[second.token] } })).status).toBe(200);
    deps.clock.advance(1);
    const late = await save(deps, cookie, { responses: { [first.token]: null } });
    expect(late.status).toBe(409);
    expect(late.body.problems?.[0]?.message).toMatch(/no attempt is in progress|time is up/);

    const closed = await attemptRow(deps.db, view.attemptId);
    expect(closed.status).toBe('expired');
    expect(closed.submittedAt?.toISOString()).toBe(closed.deadline.toISOString());
    // Both answers saved in time count; the late "clear" did not happen.
    expect(await deps.db.$count(attemptResponse)).toBe(2);
    expect((await handleAttempt(call('/api/exam/attempt', { cookie }), deps)).status).toBe(404);
    const result = (await (await handleResult(call(`/api/exam/result/${view.attemptId}`, { cookie }), deps, view.attemptId)).json()) as { status: string; percent: number };
    expect(result.status).toBe('expired');
    const points = draw.slots.reduce((sum, s) => sum + s.item.points, 0);
    expect(result.percent).toBe(Math.floor(((first.item.points + second.item.points) / points) * 100));
    expect((await deps.db.select().from(auditLog).where(eq(auditLog.subject, view.attemptId))).map((e) => [e.action, e.actorKind])).toContainEqual(['exam.expired', 'system']);
  });

  it('closes overdue attempts of everyone in a sweep, once, whichever instance runs it', async () => {
    const deps = await depsFor((await freshDatabase(driver)).db);
    const { classCode } = await learnerIn(deps, 'First');
    const one = await learnerIn(deps, 'Second', classCode);
    const two = await learnerIn(deps, 'Third', classCode);
    await start(deps, one.cookie);
    deps.clock.advance(10 * TIME.MINUTE);
    await start(deps, two.cookie);
    deps.clock.advance(SHORT_EXAM.timeLimitMinutes * TIME.MINUTE - 5 * TIME.MINUTE);
    // Only the first is overdue; two sweeps side by side close it once.
    expect((await Promise.all([closeOverdue(deps), closeOverdue(deps)])).reduce((a, b) => a + b, 0)).toBe(1);
    const statuses = (await deps.db.select().from(examAttempt)).map((a) => a.status).sort();
    expect(statuses).toEqual(['expired', 'in-progress']);
    expect(await deps.db.$count(auditLog, eq(auditLog.action, 'exam.expired'))).toBe(1);
  });

  it('keeps to the attempt limit and the waiting period, and an accommodation adds time and an attempt with its reason', async () => {
    const deps = await depsFor((await freshDatabase(driver)).db);
    const { cookie } = await learnerIn(deps);
    for (let attempt = 1; attempt <= SHORT_EXAM.attemptLimit; attempt++) {
      expect((await start(deps, cookie)).status).toBe(201);
      expect((await submit(deps, cookie)).body.status).toBe('submitted');
      const early = await start(deps, cookie);
      expect(early.status).toBe(409);
      expect(early.view.problems?.[0]?.message).toMatch(attempt < SHORT_EXAM.attemptLimit ? /24 hours after/ : /All 2 attempts have been used/);
      deps.clock.advance(SHORT_EXAM.waitHoursBetweenAttempts * TIME.HOUR);
    }
    expect((await start(deps, cookie)).status).toBe(409);

    const [learner] = await deps.db.select({ learnerId: examAttempt.learnerId }).from(examAttempt).limit(1);
    // The instructor of the learner's class grants it (rows straight in: the staff routes are another part's).
    const [cohortRow] = await selectRows<{ instructor_id: string }>(
      deps.db,
      sql`select c.instructor_id from cohort c join cohort_learner l on l.cohort_id = c.id where l.id = ${learner?.learnerId}`,
    );
    await deps.db.insert(accommodation).values({ examId: SHORT_EXAM.id, learnerId: learner?.learnerId ?? '', extraMinutes: 15, extraAttempts: 1, reason: 'Reading support', grantedBy: cohortRow?.instructor_id ?? '' });
    const granted = await start(deps, cookie);
    expect(granted.status).toBe(201);
    expect(new Date(granted.view.deadline).getTime() - deps.now().getTime()).toBe((SHORT_EXAM.timeLimitMinutes + 15) * TIME.MINUTE);
    const row = await attemptRow(deps.db, granted.view.attemptId);
    expect([row.extraMinutes, row.accommodationReason]).toEqual([15, 'Reading support']);
  });

  it('scores on the server from the saved answers: a score or verdict in the submit body changes nothing', async () => {
    const deps = await depsFor((await freshDatabase(driver)).db);
    const { cookie: good, classCode } = await learnerIn(deps, 'Good Candidate');
    const { cookie: bad } = await learnerIn(deps, 'Bluffing Candidate', classCode);
    const goodStart = await start(deps, good);
    const badStart = await start(deps, bad);
    const goodDraw = (await attemptRow(deps.db, goodStart.view.attemptId)).draw;
    const badDraw = (await attemptRow(deps.db, badStart.view.attemptId)).draw;
    expect((await save(deps, good, { responses: perfectResponses(goodDraw.slots) })).status).toBe(200);
    expect((await save(deps, bad, { responses: wrongResponses(badDraw.slots) })).status).toBe(200);

    await submit(deps, good, { score: 0, passed: false, percent: 0 });
    await submit(deps, bad, { score: 100, passed: true, percent: 100, responses: perfectResponses(badDraw.slots) });

    const goodRow = await attemptRow(deps.db, goodStart.view.attemptId);
    const badRow = await attemptRow(deps.db, badStart.view.attemptId);
    // The pure scorer over the stored draw and what was saved: the only score that counts.
    const expected = scoreAttempt(goodDraw, perfectResponses(goodDraw.slots), deps.catalog.labs);
    expect(expected.passed).toBe(true);
    expect([goodRow.status, goodRow.passed, goodRow.score]).toEqual(['submitted', true, Math.floor(expected.percent + 1e-9)]);
    expect([badRow.status, badRow.passed, badRow.score]).toEqual(['submitted', false, 0]);
    // Submitting again changes nothing either.
    expect((await submit(deps, good, { score: 0 })).body).toMatchObject({ attemptId: goodRow.id, status: 'submitted' });
    expect((await attemptRow(deps.db, goodRow.id)).score).toBe(goodRow.score);
    expect((await submit(deps, bad, '{"score": 100')).status).toBe(400);
  });

  it('issues a certificate for a passed attempt that /verify calls valid, then revoked; an unknown or malformed code is unknown', async () => {
    const deps = await depsFor((await freshDatabase(driver)).db);
    const { cookie } = await learnerIn(deps, 'Ada Certified');
    const { view } = await start(deps, cookie);
    const { draw } = await attemptRow(deps.db, view.attemptId);
    await save(deps, cookie, { responses: perfectResponses(draw.slots) });
    await submit(deps, cookie);
    const result = (await (await handleResult(call(`/api/exam/result/${view.attemptId}`, { cookie }), deps, view.attemptId)).json()) as {
      passed: boolean;
      certificate: string;
      review: { rationale: string }[];
    };
    expect(result.passed).toBe(true);
    expect(result.certificate).toMatch(/^([0-9A-HJKMNP-TV-Z]{5}-){4}[0-9A-HJKMNP-TV-Z]{5}$/);
    // After submission the review carries the rationales.
    expect(result.review.map((r) => r.rationale)).toEqual(draw.slots.map((s) => s.item.rationale));

    const verdict = async (code: string) => {
      const response = await handleVerify(deps, code);
      expect(response.status).toBe(200);
      return response.json();
    };
    expect(await verdict(result.certificate.toLowerCase().replaceAll('-', ' '))).toEqual({ status: 'valid', name: 'Ada Certified', exam: SHORT_EXAM.title, issuedAt: expect.any(String) });
    const [shown] = await Promise.all([certificateOf(deps.db, deps.catalog, (await attemptRow(deps.db, view.attemptId)).learnerId ?? '', view.attemptId, ORIGIN)]);
    expect(shown?.verifyUrl).toBe(`${ORIGIN}/verify/${result.certificate}`);
    expect(shown?.qrSvg).toMatch(/^<svg[^>]*viewBox/);

    const revokedAt = new Date('2026-04-01T10:00:00Z');
    await deps.db.update(certificate).set({ revokedAt, revokeReason: 'Identity not confirmed' }).where(eq(certificate.code, result.certificate));
    expect(await verdict(result.certificate)).toEqual({ status: 'revoked', revokedAt: revokedAt.toISOString() });
    for (const code of [newCertificateCode(), 'nonsense', '', `${result.certificate}X`, "' or 1=1 --"]) expect(await verdict(code)).toEqual({ status: 'unknown' });
    expect(normaliseCode('o0o0o-11111-22222-33333-44444')).toBe('00000-11111-22222-33333-44444');
    // The certificate is its holder's: another learner's cookie does not open it.
    const { cookie: other } = await learnerIn(deps, 'Someone Else');
    expect((await handleResult(call(`/api/exam/result/${view.attemptId}`, { cookie: other }), deps, view.attemptId)).status).toBe(404);
    expect(await deps.db.$count(certificate, and(eq(certificate.attemptId, view.attemptId)))).toBe(1);
  });

  it('no longer counts a pass whose certificate was revoked: the learner may sit again while attempts remain, and the result says so', async () => {
    const deps = await depsFor((await freshDatabase(driver)).db);
    const { cookie } = await learnerIn(deps, 'Rex Revoked');
    const passOnce = async () => {
      const { view } = await start(deps, cookie);
      await save(deps, cookie, { responses: perfectResponses((await attemptRow(deps.db, view.attemptId)).draw.slots) });
      await submit(deps, cookie);
      return view.attemptId;
    };
    const first = await passOnce();
    deps.clock.advance(SHORT_EXAM.waitHoursBetweenAttempts * TIME.HOUR);
    expect((await start(deps, cookie)).view.problems?.[0]?.message).toMatch(/already passed/);

    const revokedAt = deps.now();
    await deps.db.update(certificate).set({ revokedAt, revokeReason: 'Sat the exam for someone else' }).where(eq(certificate.attemptId, first));
    const result = (await (await handleResult(call(`/api/exam/result/${first}`, { cookie }), deps, first)).json()) as Record<string, unknown>;
    expect(result).toMatchObject({ passed: true, certificateRevokedAt: revokedAt.toISOString() });
    // The staff's reason stays with the staff.
    expect(JSON.stringify(result)).not.toContain('someone else');

    // The revoked attempt still used one of the two attempts; the second may start now (the wait since it has passed).
    const second = await passOnce();
    expect(second).not.toBe(first);
    expect((await attemptRow(deps.db, second)).passed).toBe(true);
    expect(await deps.db.$count(certificate, eq(certificate.attemptId, second))).toBe(1);
    // Revoke that one too: with both attempts used, only an instructor's extra attempt opens another.
    await deps.db.update(certificate).set({ revokedAt: deps.now(), revokeReason: 'again' }).where(eq(certificate.attemptId, second));
    deps.clock.advance(SHORT_EXAM.waitHoursBetweenAttempts * TIME.HOUR);
    expect((await start(deps, cookie)).view.problems?.[0]?.message).toMatch(/All 2 attempts have been used/);
  });

  it('answers malformed save and submit bodies with a 400, never a 500, and stores nothing', async () => {
    const deps = await depsFor((await freshDatabase(driver)).db);
    const { cookie } = await learnerIn(deps);
    const { view } = await start(deps, cookie);
    const tokens = [...view.items.map((i) => i.id), '__proto__', 'constructor', ''];
    const response = fc.oneof(fc.jsonValue(), fc.constantFrom(...tokens), fc.array(fc.constantFrom(...tokens)), fc.dictionary(fc.constantFrom(...tokens), fc.jsonValue()));
    const bodies = fc.oneof(
      fc.string(),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.dictionary(fc.constantFrom(...tokens), response).map((responses) => JSON.stringify({ responses, junk: 1 })),
      fc.record({ responses: fc.dictionary(fc.string(), fc.oneof(fc.integer(), fc.boolean(), fc.object())) }, { noNullPrototype: true }).map((v) => JSON.stringify(v)),
    );
    await fc.assert(
      fc.asyncProperty(bodies, async (raw) => {
        const saved = await handleSave(call('/api/exam/save', { body: raw, cookie }), deps);
        // 200 only for a body that saves nothing ({ "responses": {} }); checked below.
        expect([200, 400, 409]).toContain(saved.status);
      }),
      { numRuns: 60 },
    );
    expect(await deps.db.$count(attemptResponse)).toBe(0);
    expect((await handleSubmit(call('/api/exam/submit', { body: 'not json', cookie }), deps)).status).toBe(400);
    expect((await handleSubmit(call('/api/exam/submit', { body: 'a=1', type: 'text/plain', cookie }), deps)).status).toBe(400);
    expect((await attemptRow(deps.db, view.attemptId)).status).toBe('in-progress');
    // No cookie, no exam.
    expect((await handleStart(call('/api/exam/start', { method: 'POST' }), deps)).status).toBe(401);
  });

  it('refuses every learner route without a learner cookie, or with one the server never issued, and changes nothing', async () => {
    const deps = await depsFor((await freshDatabase(driver)).db);
    const { cookie } = await learnerIn(deps);
    const { view } = await start(deps, cookie);
    for (const who of [undefined, `pdl_learner=${'x'.repeat(43)}`, 'pdl_learner=<script>', 'other=1']) {
      const routes = [
        handleStart(call('/api/exam/start', { method: 'POST', cookie: who }), deps),
        handleAttempt(call('/api/exam/attempt', { cookie: who }), deps),
        handleSave(call('/api/exam/save', { body: { responses: {} }, cookie: who }), deps),
        handleSubmit(call('/api/exam/submit', { method: 'POST', cookie: who }), deps),
        handleResult(call(`/api/exam/result/${view.attemptId}`, { cookie: who }), deps, view.attemptId),
      ];
      for (const response of await Promise.all(routes)) {
        expect(response.status, String(who)).toBe(401);
        expect(((await response.json()) as { problems: { field: string }[] }).problems[0]?.field).toBe('learner');
      }
    }
    expect(await deps.db.$count(examAttempt)).toBe(1);
    expect((await attemptRow(deps.db, view.attemptId)).status).toBe('in-progress');
  });
});
