/**
 * No key reaches the browser before submission (the split Perseus makes with splitPerseusItem):
 * a whole attempt of the real certification exam runs through the learner routes — join, start,
 * the attempt view, a save per item, a resume, a refused save, the submit — and no answer before
 * the submit carries a rationale, a bank item id, a key flag or another key field, the attempt's
 * seed, or a hint of a performance item's lab. After the submit the review does carry the
 * rationales: the scan can find what it looks for. (The served browser test scans the pages and
 * the built client files the same way.)
 */
import { expect, it } from 'vitest';
import { cohort } from '../../../src/server/db/schema.server.ts';
import { handleAttempt, handleJoin, handleResult, handleSave, handleStart, handleSubmit } from '../../../src/server/exam-flow/handlers.server.ts';
import type { PublicItem } from '../../../src/server/exams/draw.ts';
import { freshDatabase } from '../db/databases.ts';
import { keyResponse } from '../exams/exam-fixtures.ts';
import { bankSecrets, KEY_FIELDS, secretsIn } from './bank-secrets.ts';
import { attemptRow, call, cookieOf, depsFor, seedClass } from './flow-fixtures.ts';

it('no response before submission carries a key, a rationale, a bank id or a hint; the review after it does', { timeout: 120_000 }, async () => {
  const deps = await depsFor((await freshDatabase('pglite')).db);
  const exam = deps.catalog.exams.find((e) => e.id === 'plc-security-practitioner');
  if (!exam) throw new Error('the practitioner exam is missing from content/exams/blueprints.yaml');
  const made = await seedClass(deps.db, deps.now(), { examId: exam.id });
  const bodies: { route: string; text: string }[] = [];
  const record = async (route: string, response: Response) => {
    bodies.push({ route, text: await response.clone().text() });
    return response;
  };

  const joined = await record('join', await handleJoin(call('/api/class/join', { body: { classCode: made.classCode, displayName: 'Kim Candidate' } }), deps));
  const cookie = cookieOf(joined);
  const started = await record('start', await handleStart(call('/api/exam/start', { method: 'POST', cookie }), deps));
  const view = (await started.json()) as { attemptId: string; items: PublicItem[] };
  const { draw } = await attemptRow(deps.db, view.attemptId);
  expect(draw.slots.some((s) => s.item.type === 'performance')).toBe(true);

  for (const slot of draw.slots) {
    const response = slot.item.type === 'performance' ? { settings: {}, actions: [], answers: {} } : keyResponse(slot);
    const saved = await record('save', await handleSave(call('/api/exam/save', { body: { responses: { [slot.token]: response } }, cookie }), deps));
    expect(saved.status).toBe(200);
  }
  await record('resume', await handleStart(call('/api/exam/start', { method: 'POST', cookie }), deps));
  await record('attempt', await handleAttempt(call('/api/exam/attempt', { cookie }), deps));
  await record('refused save', await handleSave(call('/api/exam/save', { body: { responses: { [view.items[0]?.id ?? '']: 'forged' } }, cookie }), deps));

  const hints = draw.slots.flatMap((s) => (s.item.type === 'performance' ? (deps.catalog.labs(s.item.lab)?.hints ?? []).map((h) => h.text) : []));
  expect(hints.length).toBeGreaterThan(0);
  const secrets = [...bankSecrets(deps.catalog.bank.items, hints), { text: draw.seed, what: 'the attempt seed' }, ...KEY_FIELDS.map((f) => ({ text: `${f}:`, what: 'a key field' }))];
  for (const { route, text } of bodies) expect(secretsIn(text, secrets), `the ${route} answer`).toEqual([]);
  // The view shows every drawn item, by opaque ids only.
  expect(bodies.find((b) => b.route === 'attempt')?.text).toContain(draw.slots[0]?.item.stem ?? '?');

  const submitted = (await (await handleSubmit(call('/api/exam/submit', { method: 'POST', cookie }), deps)).json()) as { attemptId: string };
  const review = await (await handleResult(call(`/api/exam/result/${submitted.attemptId}`, { cookie }), deps, submitted.attemptId)).text();
  expect(secretsIn(review, secrets).filter((s) => s.startsWith('a rationale'))).toHaveLength(draw.slots.length);
  expect(await deps.db.$count(cohort)).toBe(1);
});
