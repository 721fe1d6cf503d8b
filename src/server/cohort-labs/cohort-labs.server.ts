/**
 * Labs in a cohort, graded on the server (issue 10 "Instructor-led labs"): the learner's variant
 * seed is the server's, hints are revealed by the server and their cost recorded there, and a
 * submitted answer is re-graded here with the same grader as the course (machines/grading). The
 * browser's score is never read: an answer carries settings, actions and answers to questions,
 * nothing more that counts.
 */
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { grade, type Report } from '../../../machines/grading/grader.ts';
import type { Lab } from '../../../machines/grading/lab.ts';
import { appendAudit } from '../db/audit.server.ts';
import type { Db } from '../db/database.server.ts';
import { DASHBOARD_CHANNEL, type DashboardEvent, notify } from '../db/events.server.ts';
import { cohort, cohortLearner, hintReveal, labSubmission } from '../db/schema.server.ts';
import { parseAnswerText } from '../lab-files.server.ts';

/** A refusal, with the field at fault and what to do; `status` is the HTTP status a route answers with. */
export interface CohortLabRefusal {
  ok: false;
  status: 400 | 403 | 404;
  field: string;
  message: string;
}

/**
 * The learner's variant of a lab: a 32-bit seed from the learner's id and the lab's, so the same
 * learner always meets the same plant and two learners (almost always) different ones. The
 * learner id is random and never shown, so the seed cannot be steered from the browser.
 */
export function labSeedFor(learnerId: string, labId: string): number {
  return createHash('sha256').update(`${learnerId}\u0000${labId}`).digest().readUInt32BE(0);
}

/** The learner's cohort, if the learner exists and the cohort includes the lab; else why not. */
async function learnerLab(db: Db, labs: ReadonlyMap<string, Lab>, learnerId: string, labId: string) {
  const lab = labs.get(labId);
  if (!lab) return { ok: false, status: 404, field: 'labId', message: `there is no lab "${labId}".` } satisfies CohortLabRefusal;
  const [row] = await db
    .select({ cohortId: cohort.id, labIds: cohort.labIds })
    .from(cohortLearner)
    .innerJoin(cohort, eq(cohort.id, cohortLearner.cohortId))
    .where(eq(cohortLearner.id, learnerId));
  if (!row) return { ok: false, status: 403, field: 'learner', message: 'join a class first: this learner is unknown.' } satisfies CohortLabRefusal;
  if (!row.labIds.includes(labId)) {
    return { ok: false, status: 403, field: 'labId', message: `your class does not include the lab "${lab.title}".` } satisfies CohortLabRefusal;
  }
  return { ok: true as const, lab, cohortId: row.cohortId };
}

/** A revealed hint: its words, its cost, and whether this learner had already paid for it. */
export type HintResult = { ok: true; hint: { id: string; text: string; cost: number }; alreadyRevealed: boolean } | CohortLabRefusal;

/**
 * Reveals one hint of a lab to a learner and records its cost, once: opening it again shows the
 * same words and costs nothing more (the table's unique index holds that on every instance).
 */
export async function revealHint(db: Db, labs: ReadonlyMap<string, Lab>, request: { learnerId: string; labId: string; hintId: string }): Promise<HintResult> {
  const found = await learnerLab(db, labs, request.learnerId, request.labId);
  if (!found.ok) return found;
  const hint = found.lab.hints.find((h) => h.id === request.hintId);
  if (!hint) {
    const ids = found.lab.hints.map((h) => h.id).join(', ') || 'none';
    return { ok: false, status: 404, field: 'hintId', message: `this lab has no hint "${request.hintId}": its hints are ${ids}.` };
  }
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(hintReveal)
      .values({ learnerId: request.learnerId, labId: request.labId, hintId: hint.id, cost: hint.cost })
      .onConflictDoNothing()
      .returning({ id: hintReveal.id });
    const alreadyRevealed = inserted.length === 0;
    if (!alreadyRevealed) {
      await appendAudit(tx, { actor: { kind: 'learner', id: request.learnerId }, action: 'hint.revealed', subject: request.labId, detail: { hintId: hint.id, cost: hint.cost } });
      await notify(tx, DASHBOARD_CHANNEL, { cohortId: found.cohortId, learnerId: request.learnerId, labId: request.labId, kind: 'hint' } satisfies DashboardEvent);
    }
    return { ok: true as const, hint: { id: hint.id, text: hint.text, cost: hint.cost }, alreadyRevealed };
  });
}

/** A graded submission, or why the answer was not taken (nothing is stored then). */
export type SubmitResult = { ok: true; report: Report; submissionId: number } | CohortLabRefusal | { ok: false; status: 400; field: 'answer'; message: string; problems: string[] };

/**
 * Grades a learner's answer on the server and stores the result: the learner's own variant
 * (labSeedFor), the hints the server revealed (whatever the answer claims), the course's grader.
 */
export async function submitLab(db: Db, labs: ReadonlyMap<string, Lab>, request: { learnerId: string; labId: string; answerText: string }): Promise<SubmitResult> {
  const found = await learnerLab(db, labs, request.learnerId, request.labId);
  if (!found.ok) return found;
  const parsed = parseAnswerText(request.answerText, found.lab);
  if (!parsed.ok) return { ok: false, status: 400, field: 'answer', message: `the answer was not taken: ${parsed.problems[0]}`, problems: parsed.problems };

  // Graded before the transaction opens, so a write lock is never held while the grader runs. A
  // hint opened after the learner pressed Submit is not charged to this submission.
  const revealed = await db
    .select({ hintId: hintReveal.hintId })
    .from(hintReveal)
    .where(and(eq(hintReveal.learnerId, request.learnerId), eq(hintReveal.labId, request.labId)));
  const seed = labSeedFor(request.learnerId, request.labId);
  const answer = { ...parsed.answer, hintsUsed: revealed.map((r) => r.hintId) };
  const report = grade(found.lab, answer, seed);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(labSubmission)
      .values({
        learnerId: request.learnerId,
        labId: request.labId,
        seed,
        answer,
        score: report.score,
        maxScore: report.max,
        passed: report.passed,
        hintsUsed: answer.hintsUsed.length,
      })
      .returning({ id: labSubmission.id });
    if (!row) throw new Error('The database returned no row for a lab submission.');
    await appendAudit(tx, {
      actor: { kind: 'learner', id: request.learnerId },
      action: 'lab.submitted',
      subject: request.labId,
      detail: { submissionId: row.id, score: report.score, max: report.max, passed: report.passed },
    });
    await notify(tx, DASHBOARD_CHANNEL, { cohortId: found.cohortId, learnerId: request.learnerId, labId: request.labId, kind: 'submitted' } satisfies DashboardEvent);
    return { ok: true as const, report, submissionId: row.id };
  });
}
