/**
 * `/instructor/cohorts/<id>`: one cohort as its instructor (or an admin) sees it — the live lab
 * dashboard, the exam attempts of every learner, the accommodations granted, the exam's item
 * analysis over the submitted attempts — and the overrides, each a form with a required reason (overrides.server.ts).
 * Another instructor's cohort answers exactly as a missing one does.
 */
import { z } from 'astro/zod';
import { and, asc, count, eq, ne } from 'drizzle-orm';
import { type FormState, blankForm, readForm, reasonField, refusedForm, seeOther } from '../auth/forms.server.ts';
import { requireStaff, type Staff } from '../auth/staff.server.ts';
import { appendAudit } from '../db/audit.server.ts';
import { type CohortDashboard, cohortDashboard } from '../dashboard/cohort-dashboard.server.ts';
import type { Db } from '../db/database.server.ts';
import { accommodation, certificate, cohort, cohortLearner, examAttempt } from '../db/schema.server.ts';
import type { AttemptStatus } from '../db/values.server.ts';
import { savedResponses } from '../exam-flow/attempts.server.ts';
import { type ItemStatistics, itemAnalysis } from '../exams/analysis.ts';
import { scoreAttempt } from '../exams/score.ts';
import type { InstructorDeps } from './deps.server.ts';
import { cohortFormSchema, readCohortForm } from './cohort-form.server.ts';
import { cohortPath } from './home-page.server.ts';
import { grantAccommodation, type OverrideResult, overrideAttempt, revokeCertificate, withdrawAccommodation } from './overrides.server.ts';

/** The cohort's own fields, as the page shows them. */
export type CohortRow = typeof cohort.$inferSelect;

/** One exam attempt of one learner, as the instructor sees it. */
export interface AttemptLine {
  attemptId: string;
  learnerId: string;
  learnerName: string;
  /** 1 for the learner's first attempt. */
  number: number;
  status: AttemptStatus;
  startedAt: Date;
  score: number | null;
  passed: boolean | null;
  certificateCode: string | null;
  revokedAt: Date | null;
}

/** One accommodation granted to a learner of the cohort, as the instructor sees it. */
export interface AccommodationLine {
  id: number;
  learnerName: string;
  extraMinutes: number;
  extraAttempts: number;
  /** Why it was granted. */
  reason: string;
  grantedAt: Date;
  /** When it was withdrawn, or null while it stands. */
  withdrawnAt: Date | null;
}

/** One item's statistics with its stem, for the item-analysis table. */
export interface ItemLine extends ItemStatistics {
  stem: string;
}

/** Everything the cohort page shows. */
export interface CohortView {
  cohort: CohortRow;
  dashboard: CohortDashboard;
  labTitles: Record<string, string>;
  examTitle: string | undefined;
  attempts: AttemptLine[];
  /** Accommodations granted in the class, oldest first, withdrawn ones included. */
  accommodations: AccommodationLine[];
  /** Submitted attempts the item analysis is over. */
  analysed: number;
  items: ItemLine[];
}

/** What the cohort page renders, or the response to send instead. `intent` names the form the state belongs to. */
export type CohortOutcome = { response: Response } | { staff: Staff; form: FormState; intent: string | undefined; view: CohortView | undefined };

/** The cohort when `staff` may see it (theirs, or any for an admin); undefined for a missing one and for another instructor's alike. */
export async function cohortFor(db: Db, staff: Pick<Staff, 'id' | 'role'>, id: string): Promise<CohortRow | undefined> {
  const [row] = await db.select().from(cohort).where(eq(cohort.id, id));
  if (!row || (staff.role !== 'admin' && row.instructorId !== staff.id)) return undefined;
  return row;
}

/** The exam attempts of the cohort's learners, by learner and then oldest first, with their certificates. */
async function attemptLines(db: Db, cohortId: string): Promise<AttemptLine[]> {
  const rows = await db
    .select({
      attemptId: examAttempt.id,
      learnerId: cohortLearner.id,
      learnerName: cohortLearner.displayName,
      status: examAttempt.status,
      startedAt: examAttempt.startedAt,
      score: examAttempt.score,
      passed: examAttempt.passed,
      certificateCode: certificate.code,
      revokedAt: certificate.revokedAt,
    })
    .from(examAttempt)
    .innerJoin(cohortLearner, eq(cohortLearner.id, examAttempt.learnerId))
    .leftJoin(certificate, eq(certificate.attemptId, examAttempt.id))
    .where(eq(cohortLearner.cohortId, cohortId))
    .orderBy(asc(cohortLearner.joinedAt), asc(cohortLearner.id), asc(examAttempt.startedAt));
  const seen = new Map<string, number>();
  return rows.map((r) => {
    const number = (seen.get(r.learnerId) ?? 0) + 1;
    seen.set(r.learnerId, number);
    return { ...r, number };
  });
}

/** The accommodations granted to the cohort's learners, oldest first. */
function accommodationLines(db: Db, cohortId: string): Promise<AccommodationLine[]> {
  return db
    .select({
      id: accommodation.id,
      learnerName: cohortLearner.displayName,
      extraMinutes: accommodation.extraMinutes,
      extraAttempts: accommodation.extraAttempts,
      reason: accommodation.reason,
      grantedAt: accommodation.grantedAt,
      withdrawnAt: accommodation.withdrawnAt,
    })
    .from(accommodation)
    .innerJoin(cohortLearner, eq(cohortLearner.id, accommodation.learnerId))
    .where(eq(cohortLearner.cohortId, cohortId))
    .orderBy(asc(accommodation.id));
}

/** Item analysis over the cohort's handed-in attempts, scored again from their stored draws and saved answers. */
async function cohortItems(db: Db, deps: InstructorDeps, cohortId: string): Promise<{ analysed: number; items: ItemLine[] }> {
  const closed = await db
    .select({ id: examAttempt.id, draw: examAttempt.draw })
    .from(examAttempt)
    .innerJoin(cohortLearner, eq(cohortLearner.id, examAttempt.learnerId))
    .where(and(eq(cohortLearner.cohortId, cohortId), ne(examAttempt.status, 'in-progress')));
  const scored = [];
  for (const attempt of closed) scored.push(scoreAttempt(attempt.draw, await savedResponses(db, attempt.id), deps.catalog.labs));
  const stems = new Map(deps.catalog.bank.items.map((item) => [item.id, item.stem]));
  return { analysed: closed.length, items: itemAnalysis(scored, deps.catalog.bank).map((s) => ({ ...s, stem: stems.get(s.itemId) ?? s.itemId })) };
}

/** Everything the cohort page shows, read now. */
export async function cohortView(deps: InstructorDeps, row: CohortRow): Promise<CohortView> {
  const { db } = deps.services.database;
  const dashboard = await cohortDashboard(db, row.id);
  if (!dashboard) throw new Error(`Cohort ${row.id} vanished while its page was being read.`);
  const labTitles = Object.fromEntries(row.labIds.map((id) => [id, deps.labs.get(id)?.title ?? id]));
  const examTitle = row.examId === null ? undefined : (deps.catalog.exams.find((e) => e.id === row.examId)?.title ?? row.examId);
  const { analysed, items } = await cohortItems(db, deps, row.id);
  return { cohort: row, dashboard, labTitles, examTitle, attempts: await attemptLines(db, row.id), accommodations: await accommodationLines(db, row.id), analysed, items };
}

/** Most extra minutes or attempts one grant may give. ASSUMPTION: more than this is a typing mistake. */
export const MAX_EXTRA = { minutes: 600, attempts: 5 } as const;

/** A whole number from 0 to `max`, typed in a form field. */
function wholeNumber(label: string, max: number) {
  return z
    .string({ error: `${label}: give a whole number (0 for none).` })
    .trim()
    .regex(/^\d{1,4}$/, `${label}: give a whole number from 0 to ${max}.`)
    .transform(Number)
    .refine((n) => n <= max, `${label}: give a whole number from 0 to ${max}.`);
}

/** The override forms, told apart by `intent`. */
const overrideForm = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('attempt'), attempt: z.string({ error: 'Attempt: pick one from the list.' }).min(1, 'Attempt: pick one from the list.'), action: z.enum(['reset', 'reopen'], { error: 'Action: choose reset or reopen.' }), reason: reasonField }),
  z
    .object({
      intent: z.literal('accommodation'),
      learner: z.string({ error: 'Learner: pick one from the list.' }).min(1, 'Learner: pick one from the list.'),
      extraMinutes: wholeNumber('Extra minutes', MAX_EXTRA.minutes),
      extraAttempts: wholeNumber('Extra attempts', MAX_EXTRA.attempts),
      reason: reasonField,
    })
    .refine((f) => f.extraMinutes + f.extraAttempts > 0, { path: ['extraMinutes'], message: 'Extra minutes: grant some minutes, an attempt, or both.' }),
  z.object({
    intent: z.literal('withdraw'),
    accommodation: z
      .string({ error: 'Accommodation: pick one from the list.' })
      .regex(/^\d{1,15}$/, 'Accommodation: pick one from the list.')
      .transform(Number),
    reason: reasonField,
  }),
  z.object({ intent: z.literal('revoke'), certificate: z.string({ error: 'Certificate: pick one from the list.' }).min(1, 'Certificate: pick one from the list.'), reason: reasonField }),
]);

/** Said after each override, on the cohort's page. */
const DONE = {
  edit: 'The class was updated.',
  reset: 'The attempt was reset: it starts again now, with new questions and no answers.',
  reopen: 'The attempt was reopened with its saved answers and a fresh time limit.',
  accommodation: 'The accommodation was granted. Extra minutes apply to attempts that start or restart from now on.',
  withdraw: 'The accommodation was withdrawn. It no longer counts for attempts that start or restart from now on; an attempt already running keeps its time.',
  revoke: 'The certificate was revoked: its verification page now says so.',
} as const;

/** The cohort page: GET shows it, POST applies one override (then 303 back, saying what was done). */
export async function cohortPage(context: { request: Request; id: string }, deps: InstructorDeps): Promise<CohortOutcome> {
  const gate = await requireStaff(context, ['instructor', 'admin'], { page: true, services: deps.services });
  if (gate instanceof Response) return { response: gate };
  const { request, id } = context;
  const { db } = deps.services.database;
  const row = await cohortFor(db, gate, id);
  if (!row) return { staff: gate, form: refusedForm(404, 'No class of yours has this address. Pick one from your classes.'), intent: undefined, view: undefined };
  if (request.method !== 'POST') {
    const done = new URL(request.url).searchParams.get('done');
    const notice = done && Object.hasOwn(DONE, done) ? DONE[done as keyof typeof DONE] : undefined;
    return { staff: gate, form: blankForm(notice), intent: undefined, view: await cohortView(deps, row) };
  }
  const posted = await request
    .clone()
    .formData()
    .then((data) => data.get('intent'))
    .catch(() => null);
  if (posted === 'edit') return editCohort(request, deps, gate, row);
  const form = await readForm(request, overrideForm);
  const intent = form.ok ? form.data.intent : form.state.values.intent;
  if (!form.ok) return { staff: gate, form: form.state, intent, view: await cohortView(deps, row) };
  const change = form.data;
  const by = { staffId: gate.id, cohortId: row.id, reason: change.reason, now: deps.now() };
  let result: OverrideResult;
  let done: keyof typeof DONE;
  if (change.intent === 'attempt') {
    result = await overrideAttempt(db, deps.catalog, by, change.attempt, change.action);
    done = change.action;
  } else if (change.intent === 'accommodation') {
    result = await grantAccommodation(db, by, change.learner, { minutes: change.extraMinutes, attempts: change.extraAttempts });
    done = 'accommodation';
  } else if (change.intent === 'withdraw') {
    result = await withdrawAccommodation(db, by, change.accommodation);
    done = 'withdraw';
  } else {
    result = await revokeCertificate(db, by, change.certificate);
    done = 'revoke';
  }
  if (!result.ok) return { staff: gate, form: refusedForm(result.status === 404 ? 400 : 409, result.message, form.values, result.field), intent, view: await cohortView(deps, row) };
  return seeOther(`${cohortPath(row.id)}?done=${done}`);
}

/** Applies the edit form (name, labs, dates, seats; the exam stays), then 303 back; a bad form is a 400 with its problems at the fields. */
async function editCohort(request: Request, deps: InstructorDeps, staff: Staff, row: CohortRow): Promise<CohortOutcome> {
  const { db } = deps.services.database;
  const schema = cohortFormSchema([...deps.labs.keys()], deps.catalog.exams.map((e) => e.id));
  const form = await readCohortForm(request, schema, { exam: row.examId ?? '' });
  const again = async (state: FormState): Promise<CohortOutcome> => ({ staff, form: state, intent: 'edit', view: await cohortView(deps, row) });
  if (!form.ok) return again(form.state);
  const { name, labs, opensAt, closesAt, seatCap } = form.data;
  // The page is read after the transaction: PGlite has one connection, which the transaction holds.
  const refusal = await db.transaction(async (tx): Promise<FormState | undefined> => {
    // The cohort's row is held so a learner taking a seat meanwhile is counted (joining holds it too).
    await tx.select({ id: cohort.id }).from(cohort).where(eq(cohort.id, row.id)).for('update');
    const [joined] = await tx.select({ n: count() }).from(cohortLearner).where(eq(cohortLearner.cohortId, row.id));
    const learners = Number(joined?.n ?? 0);
    if (seatCap < learners) {
      const values = { name, opensAt: opensAt.toISOString().slice(0, 16), closesAt: closesAt.toISOString().slice(0, 16), seatCap: String(seatCap), labs: labs.join(',') };
      return refusedForm(400, `Seats: ${learners} learners have joined already; give at least ${learners}.`, values, 'seatCap');
    }
    await tx.update(cohort).set({ name, labIds: labs, opensAt, closesAt, seatCap }).where(eq(cohort.id, row.id));
    await appendAudit(tx, {
      actor: { kind: 'user', id: staff.id },
      action: 'cohort.updated',
      subject: row.id,
      detail: {
        before: { name: row.name, labIds: row.labIds, opensAt: row.opensAt.toISOString(), closesAt: row.closesAt.toISOString(), seatCap: row.seatCap },
        after: { name, labIds: labs, opensAt: opensAt.toISOString(), closesAt: closesAt.toISOString(), seatCap },
      },
    });
    return undefined;
  });
  return refusal ? again(refusal) : seeOther(`${cohortPath(row.id)}?done=edit`);
}
