/**
 * Labs in a cohort, graded on the server: the learner's own variant, hints revealed and charged
 * by the server once, answers re-graded with the course's grader, nothing stored from a bad
 * answer, and a forged claim (a score, hints never opened) changing nothing.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { grade } from '../../../machines/grading/grader.ts';
import type { Lab } from '../../../machines/grading/lab.ts';
import { labSeedFor, revealHint, submitLab } from '../../../src/server/cohort-labs/cohort-labs.server.ts';
import { DASHBOARD_CHANNEL } from '../../../src/server/db/events.server.ts';
import { auditTrail } from '../../../src/server/db/audit.server.ts';
import type { Db } from '../../../src/server/db/database.server.ts';
import { listen } from '../../../src/server/db/events.server.ts';
import { hintReveal, labSubmission } from '../../../src/server/db/schema.server.ts';
import { labCatalog, referenceAnswer, seedClass } from '../cohort-fixtures.ts';
import { freshDatabase, onEachDriver } from '../db/databases.ts';

const LAB = '03-dip-write-protection';
const OTHER_LAB = '02-filter-blocks';
let labs: Map<string, Lab>;
beforeAll(async () => {
  labs = await labCatalog();
});
const reference = referenceAnswer(LAB);

/** A cohort taking lab 03 only, with two learners in it. */
async function seedLabClass(db: Db) {
  const { cohortId, learnerIds } = await seedClass(db, [LAB], ['Lee', 'Kim']);
  return { cohortId, lee: learnerIds[0] ?? '', kim: learnerIds[1] ?? '' };
}

it('gives each learner a stable variant of their own', () => {
  expect(labSeedFor('learner-a', LAB)).toBe(labSeedFor('learner-a', LAB));
  expect(labSeedFor('learner-a', LAB)).not.toBe(labSeedFor('learner-b', LAB));
  expect(labSeedFor('learner-a', LAB)).not.toBe(labSeedFor('learner-a', OTHER_LAB));
});

onEachDriver((driver) => {
  it('grades a submitted answer on the server, in the learner’s variant, and stores that score', async () => {
    const { db } = await freshDatabase(driver);
    const { lee } = await seedLabClass(db);
    const result = await submitLab(db, labs, { learnerId: lee, labId: LAB, answerText: reference });
    if (!result.ok) throw new Error(result.message);
    const lab = labs.get(LAB) as Lab;
    const expected = grade(lab, { ...JSON.parse(reference), hintsUsed: [] }, labSeedFor(lee, LAB));
    expect(result.report.score).toBe(expected.score);
    expect(result.report.passed).toBe(true);
    const [row] = await db.select().from(labSubmission).where(eq(labSubmission.learnerId, lee));
    expect(row).toMatchObject({ labId: LAB, seed: labSeedFor(lee, LAB), score: result.report.max, maxScore: result.report.max, passed: true, hintsUsed: 0 });
    expect((await auditTrail(db, LAB)).map((a) => a.action)).toEqual(['lab.submitted']);
  });

  it('fails a wrong answer, and a forged score or pass in the body changes nothing', async () => {
    const { db } = await freshDatabase(driver);
    const { lee } = await seedLabClass(db);
    const forged = JSON.stringify({ settings: {}, score: 99, max: 99, passed: true });
    const result = await submitLab(db, labs, { learnerId: lee, labId: LAB, answerText: forged });
    // The grader's answer format has no score: the forged fields are refused, and nothing is stored.
    expect(result.ok).toBe(false);
    expect(await db.$count(labSubmission)).toBe(0);
    const wrong = await submitLab(db, labs, { learnerId: lee, labId: LAB, answerText: '{ "settings": {} }' });
    expect(wrong.ok && wrong.report.passed).toBe(false);
    const [row] = await db.select().from(labSubmission);
    expect(row?.passed).toBe(false);
  });

  it('charges a hint once, whatever the answer claims about hints', async () => {
    const { db } = await freshDatabase(driver);
    const { lee, kim } = await seedLabClass(db);
    const lab = labs.get(LAB) as Lab;
    const hint = lab.hints[0];
    if (!hint) throw new Error(`${LAB} has no hints to test with`);
    const first = await revealHint(db, labs, { learnerId: lee, labId: LAB, hintId: hint.id });
    const again = await revealHint(db, labs, { learnerId: lee, labId: LAB, hintId: hint.id });
    expect(first).toMatchObject({ ok: true, alreadyRevealed: false, hint: { text: hint.text, cost: hint.cost } });
    expect(again).toMatchObject({ ok: true, alreadyRevealed: true });
    expect(await db.$count(hintReveal)).toBe(1);

    // Lee opened the hint but says he did not; Kim did not but says she did.
    const leeResult = await submitLab(db, labs, { learnerId: lee, labId: LAB, answerText: reference });
    const kimClaim = JSON.stringify({ ...JSON.parse(reference), hintsUsed: [hint.id] });
    const kimResult = await submitLab(db, labs, { learnerId: kim, labId: LAB, answerText: kimClaim });
    if (!leeResult.ok || !kimResult.ok) throw new Error('both answers should be taken');
    expect(leeResult.report.hints.penalty).toBe(hint.cost);
    expect(leeResult.report.score).toBe(leeResult.report.max - hint.cost);
    expect(kimResult.report.hints.penalty).toBe(0);
    expect(kimResult.report.score).toBe(kimResult.report.max);
  });

  it('refuses labs outside the class, unknown labs, hints and learners, storing nothing', async () => {
    const { db } = await freshDatabase(driver);
    const { lee } = await seedLabClass(db);
    expect(await submitLab(db, labs, { learnerId: lee, labId: OTHER_LAB, answerText: '{}' })).toMatchObject({ ok: false, status: 403, field: 'labId' });
    expect(await submitLab(db, labs, { learnerId: lee, labId: 'no-such-lab', answerText: '{}' })).toMatchObject({ ok: false, status: 404, field: 'labId' });
    expect(await submitLab(db, labs, { learnerId: 'nobody', labId: LAB, answerText: reference })).toMatchObject({ ok: false, status: 403, field: 'learner' });
    expect(await revealHint(db, labs, { learnerId: lee, labId: LAB, hintId: 'no-such-hint' })).toMatchObject({ ok: false, status: 404, field: 'hintId' });
    const bad = await submitLab(db, labs, { learnerId: lee, labId: LAB, answerText: '{ "settings": { "cpu.dipWriteProtect": "yes" } }' });
    expect(bad).toMatchObject({ ok: false, status: 400, field: 'answer' });
    expect(!bad.ok && bad.message).toMatch(/cpu\.dipWriteProtect/);
    expect(await db.$count(labSubmission)).toBe(0);
    expect(await db.$count(hintReveal)).toBe(0);
  });

  it('tells the live dashboard of a submission, after it is stored', async () => {
    const database = await freshDatabase(driver);
    const { cohortId, lee } = await seedLabClass(database.db);
    const heard: unknown[] = [];
    const stop = await listen(database, DASHBOARD_CHANNEL, (payload) => heard.push(payload));
    await submitLab(database.db, labs, { learnerId: lee, labId: LAB, answerText: reference });
    await expect.poll(() => heard).toEqual([{ cohortId, learnerId: lee, labId: LAB, kind: 'submitted' }]);
    await stop();
  });
});
