/**
 * The exam page's plain form (no script needed) as the save route reads it: each question type's
 * fields become the response scoring expects, an empty question is cleared, and a half-filled
 * ordering or a broken lab answer is refused naming the question — with nothing stored.
 */
import { expect, it } from 'vitest';
import { attemptResponse } from '../../../src/server/db/schema.server.ts';
import { fieldName } from '../../../src/server/exam-flow/form.server.ts';
import { handleJoin, handleSave, handleStart } from '../../../src/server/exam-flow/handlers.server.ts';
import type { PublicItem } from '../../../src/server/exams/draw.ts';
import { freshDatabase } from '../db/databases.ts';
import { call, cookieOf, depsFor, seedClass } from './flow-fixtures.ts';

/** Form fields as a browser posts them (a name may repeat). */
function form(fields: [string, string][]): string {
  return new URLSearchParams(fields).toString();
}

it('turns every question type of the plain form into responses, and refuses a half-done one naming the question', { timeout: 120_000 }, async () => {
  const deps = await depsFor((await freshDatabase('pglite')).db);
  const made = await seedClass(deps.db, deps.now());
  const cookie = cookieOf(await handleJoin(call('/api/class/join', { body: { classCode: made.classCode, displayName: 'Form Learner' } }), deps));
  const view = (await (await handleStart(call('/api/exam/start', { method: 'POST', cookie }), deps)).json()) as { items: PublicItem[] };
  const byType = <T extends PublicItem>(type: PublicItem['type']) => view.items.find((i) => i.type === type) as T;
  const single = byType<Extract<PublicItem, { options: unknown }>>('single');
  const multiple = byType<Extract<PublicItem, { options: unknown }>>('multiple');
  const ordering = byType<Extract<PublicItem, { steps: unknown }>>('ordering');
  const matching = byType<Extract<PublicItem, { prompts: unknown }>>('matching');
  const performance = byType<Extract<PublicItem, { lab: unknown }>>('performance');
  const save = (fields: [string, string][]) => handleSave(call('/api/exam/save', { body: form(fields), type: 'application/x-www-form-urlencoded', cookie }), deps);
  const listed: [string, string][] = view.items.map((i) => ['items', i.id]);
  const steps = [...ordering.steps].reverse();

  const saved = await save([
    ...listed,
    [fieldName(single.id), single.options[1]?.id ?? ''],
    [fieldName(multiple.id), multiple.options[0]?.id ?? ''],
    [fieldName(multiple.id), multiple.options[2]?.id ?? ''],
    // Positions given in reverse of the order shown.
    ...ordering.steps.map((s): [string, string] => [fieldName(ordering.id, s.id), String(steps.indexOf(s) + 1)]),
    [fieldName(matching.id, matching.prompts[0]?.id), matching.choices[1]?.id ?? ''],
    [fieldName(matching.id, matching.prompts[1]?.id), ''],
    [fieldName(performance.id), '{ "settings": {} }'],
  ]);
  expect(saved.status).toBe(200);
  const stored = Object.fromEntries((await deps.db.select().from(attemptResponse)).map((r) => [r.itemId, r.response]));
  expect(stored).toEqual({
    [single.id]: single.options[1]?.id,
    [multiple.id]: [multiple.options[0]?.id, multiple.options[2]?.id],
    [ordering.id]: steps.map((s) => s.id),
    [matching.id]: { [matching.prompts[0]?.id ?? '']: matching.choices[1]?.id },
    [performance.id]: { settings: {} },
  });

  const number = (item: PublicItem) => view.items.indexOf(item) + 1;
  const halfOrdered = await save([...listed, [fieldName(ordering.id, ordering.steps[0]?.id), '1'], [fieldName(ordering.id, ordering.steps[1]?.id), '1']]);
  expect(halfOrdered.status).toBe(400);
  expect(await halfOrdered.json()).toMatchObject({ problems: [{ field: fieldName(ordering.id), message: `question ${number(ordering)}: give every step a different position from 1 to ${ordering.steps.length}` }] });
  const brokenLab = await save([...listed, [fieldName(performance.id), '{ "settings": ']]);
  expect(brokenLab.status).toBe(400);
  expect(await brokenLab.json()).toMatchObject({ problems: [{ field: fieldName(performance.id), message: expect.stringMatching(new RegExp(`question ${number(performance)}: the lab answer is not valid JSON`)) }] });
  // Refused requests stored nothing: the first save stands.
  expect(await deps.db.$count(attemptResponse)).toBe(5);

  // A question listed with all its fields empty is cleared.
  expect((await save([['items', single.id]])).status).toBe(200);
  expect(await deps.db.$count(attemptResponse)).toBe(4);
});
