/**
 * A cohort learner's exam attempt, on the server: start or resume, autosave per item, submit, and
 * the deadline. Every rule that decides a result runs here, never in the browser:
 * - the draw (items, orders, opaque ids, lab variants) is made from a secret seed and stored with
 *   the attempt (`exam_attempt.draw`), so scoring uses the attempt's own copy of each item;
 * - the deadline is stored when the attempt starts (rules.ts, with any extra time); a save at or
 *   after it is refused, and an attempt past it is closed and scored from what was saved the next
 *   time anything touches it — the learner's own requests, or the sweep every exam route runs. No
 *   timer lives in a process, so a restart or a second instance changes nothing;
 * - the score comes from `scoreAttempt` over the saved responses; nothing a browser says about a
 *   score is read.
 * Each change and its audit entry are written in one transaction.
 */
import { and, asc, eq, getTableColumns, isNull, lte, sql } from 'drizzle-orm';
import { appendAudit, type Actor } from '../db/audit.server.ts';
import { DASHBOARD_CHANNEL, type DashboardEvent, notify } from '../db/events.server.ts';
import type { Db, Executor, Tx } from '../db/database.server.ts';
import { accommodation, attemptResponse, certificate, cohortLearner, examAttempt } from '../db/schema.server.ts';
import type { AttemptStatus } from '../db/values.server.ts';
import { newAttemptSeed } from '../exams/attempt-seed.server.ts';
import { drawAttempt, type PublicItem, publicItem, type StoredSlot } from '../exams/draw.ts';
import type { ExamCatalog } from '../exams/item-bank.server.ts';
import { type AttemptRecord, deadlineOf, type Eligibility, mayStartAttempt } from '../exams/rules.ts';
import type { Blueprint } from '../exams/schema.ts';
import { type ScoredAttempt, scoreAttempt } from '../exams/score.ts';
import type { Learner } from '../cohorts/learner-session.server.ts';
import { newCertificateCode } from './certificates.server.ts';
import type { FieldProblem } from './problems.server.ts';
import { checkResponse } from './responses.server.ts';

/** What the exam flow needs from its surroundings; tests pass their own database and clock. */
export interface ExamFlowDeps {
  db: Db;
  catalog: ExamCatalog;
  /** The server's clock; a test moves it instead of sleeping. */
  now(): Date;
}

/** An attempt row as stored. */
export type AttemptRow = typeof examAttempt.$inferSelect;

/** The most overdue attempts one sweep closes; the next request takes the rest. */
const SWEEP_BATCH = 25;

/** The cohort's exam, or undefined when it sits none (or names one the catalog lacks). */
export function examOf(learner: Learner, catalog: ExamCatalog): Blueprint | undefined {
  return learner.examId === null ? undefined : catalog.exams.find((e) => e.id === learner.examId);
}

/** The extra time and attempts granted to a learner for an exam and not withdrawn, with the reasons recorded for them. */
async function accommodationsFor(executor: Executor, examId: string, learnerId: string) {
  const rows = await executor
    .select()
    .from(accommodation)
    .where(and(eq(accommodation.examId, examId), eq(accommodation.learnerId, learnerId), isNull(accommodation.withdrawnAt)))
    .orderBy(asc(accommodation.id));
  return {
    extraMinutes: rows.reduce((sum, r) => sum + r.extraMinutes, 0),
    extraAttempts: rows.reduce((sum, r) => sum + r.extraAttempts, 0),
    reason: rows
      .filter((r) => r.extraMinutes > 0)
      .map((r) => r.reason)
      .join('; '),
  };
}

/** The candidate's saved responses, by opaque item id. */
export async function savedResponses(executor: Executor, attemptId: string): Promise<Record<string, unknown>> {
  const rows = await executor.select().from(attemptResponse).where(eq(attemptResponse.attemptId, attemptId));
  return Object.fromEntries(rows.map((r) => [r.itemId, r.response]));
}

/** The actor the audit log names for a learner. */
function learnerActor(learnerId: string): Actor {
  return { kind: 'learner', id: learnerId };
}

/**
 * Closes an attempt that holds its row lock: scores what was saved, stores the result, issues a
 * certificate when it passed, and records it. `how` says whether the candidate submitted or the
 * deadline passed first (then the attempt counts as handed in at its deadline).
 */
async function close(tx: Tx, attempt: AttemptRow, deps: ExamFlowDeps, how: Exclude<AttemptStatus, 'in-progress'>, actor: Actor): Promise<ScoredAttempt> {
  const scored = scoreAttempt(attempt.draw, await savedResponses(tx, attempt.id), deps.catalog.labs);
  // ASSUMPTION: the score is kept as a whole percent, rounded down, so a shown score never reaches
  // the pass mark an attempt missed; pass or fail is decided on the exact points (scoreAttempt).
  const percent = Math.floor(scored.percent + 1e-9);
  const submittedAt = how === 'expired' ? attempt.deadline : deps.now();
  await tx.update(examAttempt).set({ status: how, submittedAt, score: percent, maxScore: 100, passed: scored.passed }).where(eq(examAttempt.id, attempt.id));
  await appendAudit(tx, {
    actor,
    action: how === 'expired' ? 'exam.expired' : 'exam.submitted',
    subject: attempt.id,
    detail: { earned: scored.earned, max: scored.max, percent: scored.percent, passed: scored.passed },
  });
  const [learner] = attempt.learnerId
    ? await tx.select({ name: cohortLearner.displayName, cohortId: cohortLearner.cohortId }).from(cohortLearner).where(eq(cohortLearner.id, attempt.learnerId))
    : [];
  if (learner && attempt.learnerId) {
    await notify(tx, DASHBOARD_CHANNEL, { cohortId: learner.cohortId, learnerId: attempt.learnerId, kind: 'exam-closed' } satisfies DashboardEvent);
  }
  if (scored.passed && attempt.learnerId) {
    const code = newCertificateCode();
    await tx.insert(certificate).values({ code, attemptId: attempt.id, name: learner?.name ?? '', examId: attempt.examId, score: percent, maxScore: 100 });
    await appendAudit(tx, { actor: { kind: 'system' }, action: 'certificate.issued', subject: code, detail: { attemptId: attempt.id } });
  }
  return scored;
}

/**
 * Closes attempts whose deadline has passed, scoring what each had saved. Several instances may
 * sweep at once: each takes only rows no other holds (SKIP LOCKED) and re-checks the status.
 * `learnerId` limits the sweep to one learner (their own requests close their own attempt first).
 */
export async function closeOverdue(deps: ExamFlowDeps, learnerId?: string): Promise<number> {
  return deps.db.transaction(async (tx) => {
    const now = deps.now();
    const overdue = await tx
      .select()
      .from(examAttempt)
      .where(and(eq(examAttempt.status, 'in-progress'), lte(examAttempt.deadline, now), learnerId === undefined ? undefined : eq(examAttempt.learnerId, learnerId)))
      .orderBy(asc(examAttempt.deadline))
      .limit(SWEEP_BATCH)
      .for('update', { skipLocked: true });
    for (const attempt of overdue) await close(tx, attempt, deps, 'expired', { kind: 'system' });
    return overdue.length;
  });
}

/**
 * The learner's attempt in progress for their cohort's exam, after closing it if its time is up.
 * One query when nothing is overdue (the common case, on every save); the locking sweep runs only
 * when one of the learner's attempts is past its deadline.
 */
export async function openAttempt(deps: ExamFlowDeps, learner: Learner): Promise<AttemptRow | undefined> {
  const open = await deps.db
    .select()
    .from(examAttempt)
    .where(and(eq(examAttempt.learnerId, learner.id), eq(examAttempt.status, 'in-progress')));
  const now = deps.now();
  if (open.some((a) => a.deadline <= now)) await closeOverdue(deps, learner.id);
  return open.find((a) => a.examId === learner.examId && a.deadline > now);
}

/** The open attempt's id and deadline with only the drawn slots a save names, each with its 1-based number. */
async function slotsToSave(deps: ExamFlowDeps, learner: Learner, tokens: string[]) {
  if (learner.examId === null) return undefined;
  // The draw holds every item with its key: reading only the named slots keeps an autosave from
  // copying (and parsing) the whole draw out of the database twice.
  // The tokens travel as one JSON parameter, however many a body names.
  const named = JSON.stringify(tokens);
  const [row] = await deps.db
    .select({
      id: examAttempt.id,
      deadline: examAttempt.deadline,
      slots: sql<{ number: number; slot: StoredSlot }[]>`coalesce((select jsonb_agg(jsonb_build_object('number', s.n, 'slot', s.v)) from jsonb_array_elements(${examAttempt.draw}->'slots') with ordinality as s(v, n) where s.v->>'token' in (select jsonb_array_elements_text(${named}::jsonb))), '[]'::jsonb)`,
    })
    .from(examAttempt)
    .where(and(eq(examAttempt.learnerId, learner.id), eq(examAttempt.examId, learner.examId), eq(examAttempt.status, 'in-progress')));
  if (row && row.deadline <= deps.now()) {
    await closeOverdue(deps, learner.id);
    return undefined;
  }
  return row;
}

/** An attempt with when its certificate was revoked (null when it has none, or one that stands). */
export type AttemptWithCertificate = AttemptRow & { certificateRevokedAt: Date | null };

/** Every attempt the learner made at their cohort's exam, oldest first, with any revocation of its certificate. */
export async function attemptsOf(executor: Executor, learner: Learner): Promise<AttemptWithCertificate[]> {
  if (learner.examId === null) return [];
  return executor
    .select({ ...getTableColumns(examAttempt), certificateRevokedAt: certificate.revokedAt })
    .from(examAttempt)
    .leftJoin(certificate, eq(certificate.attemptId, examAttempt.id))
    .where(and(eq(examAttempt.learnerId, learner.id), eq(examAttempt.examId, learner.examId)))
    .orderBy(asc(examAttempt.startedAt));
}

/**
 * Whether an attempt counts as a pass: it reached the pass mark and its certificate was not
 * revoked. A revoked certificate takes the pass away (docs/assessment.md, "Revoked
 * certificates"): the attempt then counts as one used that did not pass, so the candidate may
 * sit again when the attempt limit and the waiting period allow.
 */
export function countsAsPass(attempt: Pick<AttemptWithCertificate, 'passed' | 'certificateRevokedAt'>): boolean {
  return attempt.passed === true && attempt.certificateRevokedAt === null;
}

/** What rules.ts weighs of an attempt: a passed attempt whose certificate was revoked counts as not passed. */
function asRecord(attempt: AttemptWithCertificate): AttemptRecord {
  return { startedAt: attempt.startedAt, submittedAt: attempt.submittedAt, passed: attempt.passed === null ? null : countsAsPass(attempt) };
}

/** Whether the learner may start an attempt now, by rules.ts, with their accommodations. */
export async function eligibility(deps: ExamFlowDeps, learner: Learner, blueprint: Blueprint): Promise<Eligibility> {
  const earlier = await attemptsOf(deps.db, learner);
  const extra = await accommodationsFor(deps.db, blueprint.id, learner.id);
  return mayStartAttempt(blueprint, earlier.map(asRecord), deps.now(), extra);
}

/** The outcome of a start: the attempt (new or resumed), or why none may start. */
export type StartResult = { ok: true; attempt: AttemptRow; resumed: boolean } | { ok: false; status: 403 | 409; reason: string; from?: Date };

/**
 * Starts the learner's next attempt, or resumes the one in progress. The learner's row is locked
 * for the decision, so two tabs or two instances starting at once make one attempt, not two
 * (the database's one-open-attempt index holds it as well).
 */
export async function startAttempt(deps: ExamFlowDeps, learner: Learner): Promise<StartResult> {
  // ASSUMPTION: a class's dates limit joining, not the exam: a learner who joined in time may sit
  // (or resit, after the waiting period) after the class closes. Instructors close the door by
  // the attempt limit and accommodations, which are recorded, rather than by a date.
  const blueprint = examOf(learner, deps.catalog);
  if (!blueprint) return { ok: false, status: 403, reason: 'Your class has no exam to take.' };
  await closeOverdue(deps, learner.id);
  return deps.db.transaction(async (tx): Promise<StartResult> => {
    await tx.select({ id: cohortLearner.id }).from(cohortLearner).where(eq(cohortLearner.id, learner.id)).for('update');
    const earlier = await attemptsOf(tx, learner);
    const open = earlier.find((a) => a.status === 'in-progress');
    if (open) return { ok: true, attempt: open, resumed: true };
    const now = deps.now();
    const extra = await accommodationsFor(tx, blueprint.id, learner.id);
    const allowed = mayStartAttempt(blueprint, earlier.map(asRecord), now, extra);
    if (!allowed.allowed) return { ok: false, status: 409, reason: allowed.reason, ...(allowed.from ? { from: allowed.from } : {}) };
    const { stored } = drawAttempt(deps.catalog.bank, blueprint, newAttemptSeed(), deps.catalog.labs);
    const [attempt] = await tx
      .insert(examAttempt)
      .values({
        examId: blueprint.id,
        learnerId: learner.id,
        startedAt: now,
        deadline: deadlineOf(now, blueprint, extra),
        extraMinutes: extra.extraMinutes,
        accommodationReason: extra.extraMinutes > 0 ? extra.reason : null,
        draw: stored,
      })
      .returning();
    if (!attempt) throw new Error('The database returned no row for a new attempt.');
    await notify(tx, DASHBOARD_CHANNEL, { cohortId: learner.cohortId, learnerId: learner.id, kind: 'exam-started' } satisfies DashboardEvent);
    await appendAudit(tx, {
      actor: learnerActor(learner.id),
      action: 'exam.started',
      subject: attempt.id,
      detail: { examId: blueprint.id, attemptNumber: allowed.attemptNumber, deadline: attempt.deadline.toISOString(), extraMinutes: extra.extraMinutes },
    });
    return { ok: true, attempt, resumed: false };
  });
}

/** What the browser may see of an attempt in progress: public items, the saved responses, the deadline. */
export interface AttemptView {
  attemptId: string;
  examId: string;
  title: string;
  /** The server's deadline (ISO); the on-screen timer only displays it. */
  deadline: string;
  /** The server's clock when this view was made, so a timer can correct for a wrong local clock. */
  serverTime: string;
  items: PublicItem[];
  /** Saved responses by opaque item id. */
  responses: Record<string, unknown>;
}

/** The public view of an attempt in progress (stems and options under opaque ids, nothing more). */
export async function attemptView(deps: ExamFlowDeps, attempt: AttemptRow): Promise<AttemptView> {
  const blueprint = deps.catalog.exams.find((e) => e.id === attempt.examId);
  return {
    attemptId: attempt.id,
    examId: attempt.examId,
    title: blueprint?.title ?? attempt.examId,
    deadline: attempt.deadline.toISOString(),
    serverTime: deps.now().toISOString(),
    items: attempt.draw.slots.map((slot) => publicItem(slot, deps.catalog.labs)),
    responses: await savedResponses(deps.db, attempt.id),
  };
}

/** The outcome of a save: stored, or refused with the problems (nothing stored), or too late. */
export type SaveResult = { ok: true; savedAt: Date } | { ok: false; status: 400 | 409; problems: FieldProblem[] };

/** The refusal when no attempt is open (never started, submitted, or closed at its deadline). */
const NOT_OPEN: FieldProblem = { field: 'attempt', message: 'no attempt is in progress: the last one was submitted or its time ran out; see your results' };

/**
 * Saves responses to items of the learner's open attempt: `{ responses: { <item id>: response } }`
 * (a `null` response clears one). Every response is checked first; one bad one refuses them all,
 * so nothing is stored from a bad request. Refused at or after the deadline (the attempt is then
 * closed with what was saved before).
 */
export async function saveResponses(deps: ExamFlowDeps, learner: Learner, body: unknown): Promise<SaveResult> {
  const given = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
  const extra = given ? Object.keys(given).filter((k) => k !== 'responses') : [];
  const responses = given?.responses;
  if (!given || extra.length > 0 || typeof responses !== 'object' || responses === null || Array.isArray(responses)) {
    const message = extra.length > 0 ? `remove the unknown field${extra.length > 1 ? 's' : ''} ${extra.join(', ')}` : 'send { "responses": { "<item id>": <response> } }';
    return { ok: false, status: 400, problems: [{ field: extra.length > 0 ? 'body' : 'responses', message }] };
  }
  const tokens = Object.keys(responses);
  const attempt = await slotsToSave(deps, learner, tokens);
  if (!attempt) return { ok: false, status: 409, problems: [NOT_OPEN] };
  const slots = new Map(attempt.slots.map((s) => [s.slot.token, s]));
  const problems: FieldProblem[] = [];
  const checked: { itemId: string; response: unknown }[] = [];
  for (const [itemId, value] of Object.entries(responses as Record<string, unknown>)) {
    const found = slots.get(itemId);
    if (!found) {
      problems.push({ field: `responses.${itemId}`, message: 'this is not a question of your attempt: reload the exam page' });
      continue;
    }
    const result = checkResponse(found.slot, value);
    if (result.ok) checked.push({ itemId, response: result.response });
    else problems.push({ field: `responses.${itemId}`, message: `question ${found.number}: ${result.message}` });
  }
  if (problems.length > 0) return { ok: false, status: 400, problems };
  return deps.db.transaction(async (tx): Promise<SaveResult> => {
    // The lock orders this save against a submit or a sweep closing the attempt; only the
    // columns that decide are read (closing, rarer, reads the whole row).
    const [locked] = await tx.select({ status: examAttempt.status, deadline: examAttempt.deadline }).from(examAttempt).where(eq(examAttempt.id, attempt.id)).for('update');
    const now = deps.now();
    if (locked?.status !== 'in-progress') return { ok: false, status: 409, problems: [NOT_OPEN] };
    if (now >= locked.deadline) {
      const [row] = await tx.select().from(examAttempt).where(eq(examAttempt.id, attempt.id));
      if (row) await close(tx, row, deps, 'expired', { kind: 'system' });
      return { ok: false, status: 409, problems: [{ field: 'attempt', message: 'the time is up: this answer was not saved, and the attempt was handed in with what was saved before' }] };
    }
    for (const { itemId, response } of checked) {
      if (response === null) await tx.delete(attemptResponse).where(and(eq(attemptResponse.attemptId, attempt.id), eq(attemptResponse.itemId, itemId)));
      else {
        await tx
          .insert(attemptResponse)
          .values({ attemptId: attempt.id, itemId, response, savedAt: now })
          .onConflictDoUpdate({ target: [attemptResponse.attemptId, attemptResponse.itemId], set: { response, savedAt: now } });
      }
    }
    if (checked.length > 0) await appendAudit(tx, { actor: learnerActor(learner.id), action: 'exam.saved', subject: attempt.id, detail: { items: checked.map((c) => c.itemId) } });
    return { ok: true, savedAt: now };
  });
}

/** The outcome of a submit: the closed attempt's id, or why there was nothing to submit. */
export type SubmitResult = { ok: true; attemptId: string; status: Exclude<AttemptStatus, 'in-progress'> } | { ok: false; status: 409; problems: FieldProblem[] };

/**
 * Hands in the learner's open attempt and scores it from the saved responses. After the deadline
 * the attempt is closed as expired instead (the same score from the same saves).
 */
export async function submitAttempt(deps: ExamFlowDeps, learner: Learner): Promise<SubmitResult> {
  const open = await openAttempt(deps, learner);
  if (!open) {
    const last = (await attemptsOf(deps.db, learner)).at(-1);
    if (last && last.status !== 'in-progress') return { ok: true, attemptId: last.id, status: last.status };
    return { ok: false, status: 409, problems: [NOT_OPEN] };
  }
  return deps.db.transaction(async (tx): Promise<SubmitResult> => {
    const [locked] = await tx.select().from(examAttempt).where(eq(examAttempt.id, open.id)).for('update');
    if (!locked) return { ok: false, status: 409, problems: [NOT_OPEN] };
    if (locked.status !== 'in-progress') return { ok: true, attemptId: locked.id, status: locked.status };
    const how = deps.now() >= locked.deadline ? 'expired' : 'submitted';
    await close(tx, locked, deps, how, how === 'expired' ? { kind: 'system' } : learnerActor(learner.id));
    return { ok: true, attemptId: locked.id, status: how };
  });
}

/** A closed attempt's result as its candidate sees it. */
export interface AttemptResult {
  attempt: AttemptRow;
  title: string;
  scored: ScoredAttempt;
  /** The certificate's code, when the attempt passed. */
  certificateCode: string | undefined;
  /** When an instructor revoked that certificate (the attempt then no longer counts as a pass); null otherwise. */
  certificateRevokedAt: Date | null;
}

/**
 * The result of one of the learner's closed attempts, scored again from its stored draw and saved
 * responses (the same pure scoring as at submission); undefined when the attempt is not theirs
 * or is still in progress — the review is only for after submission.
 */
export async function resultOf(deps: ExamFlowDeps, learner: Learner, attemptId: string): Promise<AttemptResult | undefined> {
  await closeOverdue(deps, learner.id);
  const [attempt] = await deps.db
    .select()
    .from(examAttempt)
    .where(and(eq(examAttempt.id, attemptId), eq(examAttempt.learnerId, learner.id)));
  if (!attempt || attempt.status === 'in-progress') return undefined;
  const scored = scoreAttempt(attempt.draw, await savedResponses(deps.db, attempt.id), deps.catalog.labs);
  const [cert] = await deps.db.select({ code: certificate.code, revokedAt: certificate.revokedAt }).from(certificate).where(eq(certificate.attemptId, attempt.id));
  const title = deps.catalog.exams.find((e) => e.id === attempt.examId)?.title ?? attempt.examId;
  return { attempt, title, scored, certificateCode: cert?.code, certificateRevokedAt: cert?.revokedAt ?? null };
}
