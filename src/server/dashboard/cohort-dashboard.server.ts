/**
 * What an instructor's live dashboard shows for one cohort: every learner × every lab of the
 * cohort, with the status, the best score the server gave, the hints the server revealed and
 * how many answers were submitted. Read from the database only (what any instance sees), and
 * pushed again whenever the cohort's dashboard channel hears of a change (events.server.ts).
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import Papa from 'papaparse';
import type { Database, Db } from '../db/database.server.ts';
import { DASHBOARD_CHANNEL, type DashboardEvent, listen } from '../db/events.server.ts';
import { certificate, cohort, cohortLearner, examAttempt, hintReveal, labSubmission } from '../db/schema.server.ts';

/** Where a learner stands on one lab. */
export const LAB_STATUSES = ['not-started', 'hints-only', 'submitted', 'passed'] as const;
/** A learner's status on one lab. */
export type LabStatus = (typeof LAB_STATUSES)[number];

/** What the learner words for each status say, in the table and the export. */
export const LAB_STATUS_TEXT: Readonly<Record<LabStatus, string>> = {
  'not-started': 'Not started',
  'hints-only': 'Opened hints, nothing submitted',
  submitted: 'Submitted, not passed',
  passed: 'Passed',
};

/**
 * Where a learner stands on the cohort's exam. `revoked`: an attempt passed but its certificate
 * was revoked, and no later attempt passed — it counts as no pass (docs/assessment.md).
 */
export const EXAM_STATUSES = ['not-started', 'in-progress', 'not-passed', 'passed', 'revoked'] as const;
/** A learner's status on the exam. */
export type ExamStatus = (typeof EXAM_STATUSES)[number];

/** The words for each exam status, in the table and the export. */
export const EXAM_STATUS_TEXT: Readonly<Record<ExamStatus, string>> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  'not-passed': 'Not passed',
  passed: 'Passed',
  revoked: 'Passed, certificate revoked',
};

/** One learner's record on the exam (shaped like a lab cell, so one sentence maker reads both). */
export interface ExamCell {
  status: ExamStatus;
  /** The best score (percent) of a handed-in attempt, or null before any. */
  bestScore: number | null;
  /** 100 once there is a score (scores are percents), else null. */
  maxScore: number | null;
  /** Attempts started, the revoked one included. */
  attempts: number;
  /** Always 0: an exam has no hints (kept so the exam cell reads like a lab cell). */
  hintsUsed: number;
}

/** One learner's record on one lab. */
export interface LabCell {
  status: LabStatus;
  /** The best score the server gave, or null before any submission. */
  bestScore: number | null;
  maxScore: number | null;
  submissions: number;
  /** Hints the server revealed, and the points they cost. */
  hintsUsed: number;
  hintCost: number;
}

/** One row of the dashboard. */
export interface DashboardLearner {
  learnerId: string;
  displayName: string;
  joinedAt: Date;
  /** One cell per lab of the cohort, in the cohort's lab order. */
  labs: LabCell[];
  /** The learner's exam, or null when the cohort sits none. */
  exam: ExamCell | null;
}

/** The dashboard of one cohort. */
export interface CohortDashboard {
  cohortId: string;
  name: string;
  labIds: string[];
  /** The exam the cohort sits, or null. */
  examId: string | null;
  learners: DashboardLearner[];
}

const EMPTY_CELL: LabCell = { status: 'not-started', bestScore: null, maxScore: null, submissions: 0, hintsUsed: 0, hintCost: 0 };

/** What the exam cell needs of one attempt. */
interface AttemptFacts {
  status: string;
  score: number | null;
  passed: boolean | null;
  revokedAt: Date | null;
}

/** A learner's exam cell from their attempts: a pass counts only while its certificate stands. */
export function examCell(attempts: readonly AttemptFacts[]): ExamCell {
  const scores = attempts.flatMap((a) => (a.score === null ? [] : [a.score]));
  const bestScore = scores.length > 0 ? Math.max(...scores) : null;
  let status: ExamStatus = 'not-started';
  if (attempts.some((a) => a.status === 'in-progress')) status = 'in-progress';
  else if (attempts.some((a) => a.passed === true && a.revokedAt === null)) status = 'passed';
  else if (attempts.some((a) => a.revokedAt !== null)) status = 'revoked';
  else if (attempts.length > 0) status = 'not-passed';
  return { status, bestScore, maxScore: bestScore === null ? null : 100, attempts: attempts.length, hintsUsed: 0 };
}

/** The dashboard of a cohort, or null when there is no such cohort. The caller checks who may see it. */
export async function cohortDashboard(db: Db, cohortId: string): Promise<CohortDashboard | null> {
  const [found] = await db.select({ id: cohort.id, name: cohort.name, labIds: cohort.labIds, examId: cohort.examId }).from(cohort).where(eq(cohort.id, cohortId));
  if (!found) return null;
  const learners = await db
    .select({ id: cohortLearner.id, displayName: cohortLearner.displayName, joinedAt: cohortLearner.joinedAt })
    .from(cohortLearner)
    .where(eq(cohortLearner.cohortId, cohortId))
    .orderBy(asc(cohortLearner.joinedAt), asc(cohortLearner.id));
  const submissions = await db
    .select({
      learnerId: labSubmission.learnerId,
      labId: labSubmission.labId,
      best: sql<number>`max(${labSubmission.score})::int`,
      max: sql<number>`max(${labSubmission.maxScore})::int`,
      passed: sql<boolean>`bool_or(${labSubmission.passed})`,
      count: sql<number>`count(*)::int`,
    })
    .from(labSubmission)
    .innerJoin(cohortLearner, eq(cohortLearner.id, labSubmission.learnerId))
    .where(eq(cohortLearner.cohortId, cohortId))
    .groupBy(labSubmission.learnerId, labSubmission.labId);
  const hints = await db
    .select({
      learnerId: hintReveal.learnerId,
      labId: hintReveal.labId,
      count: sql<number>`count(*)::int`,
      cost: sql<number>`coalesce(sum(${hintReveal.cost}), 0)::int`,
    })
    .from(hintReveal)
    .innerJoin(cohortLearner, eq(cohortLearner.id, hintReveal.learnerId))
    .where(eq(cohortLearner.cohortId, cohortId))
    .groupBy(hintReveal.learnerId, hintReveal.labId);

  const attempts = await db
    .select({ learnerId: cohortLearner.id, status: examAttempt.status, score: examAttempt.score, passed: examAttempt.passed, revokedAt: certificate.revokedAt })
    .from(examAttempt)
    .innerJoin(cohortLearner, eq(cohortLearner.id, examAttempt.learnerId))
    .leftJoin(certificate, eq(certificate.attemptId, examAttempt.id))
    .where(and(eq(cohortLearner.cohortId, cohortId), found.examId === null ? sql`false` : eq(examAttempt.examId, found.examId)));

  const key = (learnerId: string, labId: string) => `${learnerId}\u0000${labId}`;
  const submitted = new Map(submissions.map((s) => [key(s.learnerId, s.labId), s]));
  const opened = new Map(hints.map((h) => [key(h.learnerId, h.labId), h]));
  return {
    cohortId: found.id,
    name: found.name,
    labIds: found.labIds,
    examId: found.examId,
    learners: learners.map((l) => ({
      learnerId: l.id,
      displayName: l.displayName,
      joinedAt: l.joinedAt,
      exam: found.examId === null ? null : examCell(attempts.filter((a) => a.learnerId === l.id)),
      labs: found.labIds.map((labId): LabCell => {
        const s = submitted.get(key(l.id, labId));
        const h = opened.get(key(l.id, labId));
        if (!s && !h) return EMPTY_CELL;
        const status: LabStatus = s ? (s.passed ? 'passed' : 'submitted') : 'hints-only';
        return { status, bestScore: s?.best ?? null, maxScore: s?.max ?? null, submissions: s?.count ?? 0, hintsUsed: h?.count ?? 0, hintCost: h?.cost ?? 0 };
      }),
    })),
  };
}

/**
 * The dashboard as CSV, one row per learner and lab, and one per learner for the exam when the
 * cohort sits one (titled "Exam", or "Exam: <title>" when given; a revoked certificate said in
 * its status). Cells a spreadsheet would run as a formula
 * (starting with = + - @, a tab or a carriage return) are neutralised by Papa Parse's
 * `escapeFormulae`, since display names are typed by learners.
 */
export function dashboardCsv(dashboard: CohortDashboard, labTitle: (labId: string) => string = (id) => id, examTitle?: string): string {
  const rows = dashboard.learners.flatMap((l) => {
    const labRows = dashboard.labIds.map((labId, i) => {
      const cell = l.labs[i] ?? EMPTY_CELL;
      return [l.displayName, labTitle(labId), LAB_STATUS_TEXT[cell.status], cell.bestScore ?? '', cell.maxScore ?? '', cell.submissions, cell.hintsUsed, cell.hintCost];
    });
    // The exam as one more row: its attempts in the submissions column, no hints.
    const exam = l.exam;
    if (!exam) return labRows;
    const title = examTitle === undefined ? 'Exam' : `Exam: ${examTitle}`;
    return [...labRows, [l.displayName, title, EXAM_STATUS_TEXT[exam.status], exam.bestScore ?? '', exam.maxScore ?? '', exam.attempts, '', '']];
  });
  return Papa.unparse(
    { fields: ['Learner', 'Lab', 'Status', 'Best score', 'Out of', 'Submissions', 'Hints opened', 'Points lost to hints'], data: rows },
    { escapeFormulae: true, newline: '\r\n' },
  );
}

/**
 * Calls `push` with the cohort's dashboard now and again after every change any instance
 * announces for it, until the returned function is called.
 */
export async function followDashboard(database: Database, cohortId: string, push: (dashboard: CohortDashboard) => void): Promise<() => Promise<void>> {
  const refresh = async () => {
    const dashboard = await cohortDashboard(database.db, cohortId);
    if (dashboard) push(dashboard);
  };
  const stop = await listen(database, DASHBOARD_CHANNEL, (payload) => {
    if ((payload as Partial<DashboardEvent> | null)?.cohortId === cohortId) void refresh();
  });
  await refresh();
  return stop;
}
