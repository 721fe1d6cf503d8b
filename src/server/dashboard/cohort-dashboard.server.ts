/**
 * What an instructor's live dashboard shows for one cohort: every learner × every lab of the
 * cohort, with the status, the best score the server gave, the hints the server revealed and
 * how many answers were submitted. Read from the database only (what any instance sees), and
 * pushed again whenever the cohort's dashboard channel hears of a change (events.server.ts).
 */
import { asc, eq, sql } from 'drizzle-orm';
import Papa from 'papaparse';
import type { Database, Db } from '../db/database.server.ts';
import { listen } from '../db/events.server.ts';
import { cohort, cohortLearner, hintReveal, labSubmission } from '../db/schema.server.ts';
import { DASHBOARD_CHANNEL, type DashboardEvent } from '../cohort-labs/cohort-labs.server.ts';

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
}

/** The dashboard of one cohort. */
export interface CohortDashboard {
  cohortId: string;
  name: string;
  labIds: string[];
  learners: DashboardLearner[];
}

const EMPTY_CELL: LabCell = { status: 'not-started', bestScore: null, maxScore: null, submissions: 0, hintsUsed: 0, hintCost: 0 };

/** The dashboard of a cohort, or null when there is no such cohort. The caller checks who may see it. */
export async function cohortDashboard(db: Db, cohortId: string): Promise<CohortDashboard | null> {
  const [found] = await db.select({ id: cohort.id, name: cohort.name, labIds: cohort.labIds }).from(cohort).where(eq(cohort.id, cohortId));
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

  const key = (learnerId: string, labId: string) => `${learnerId}\u0000${labId}`;
  const submitted = new Map(submissions.map((s) => [key(s.learnerId, s.labId), s]));
  const opened = new Map(hints.map((h) => [key(h.learnerId, h.labId), h]));
  return {
    cohortId: found.id,
    name: found.name,
    labIds: found.labIds,
    learners: learners.map((l) => ({
      learnerId: l.id,
      displayName: l.displayName,
      joinedAt: l.joinedAt,
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
 * The dashboard as CSV, one row per learner and lab. Cells a spreadsheet would run as a formula
 * (starting with = + - @, a tab or a carriage return) are neutralised by Papa Parse's
 * `escapeFormulae`, since display names are typed by learners.
 */
export function dashboardCsv(dashboard: CohortDashboard, labTitle: (labId: string) => string = (id) => id): string {
  const rows = dashboard.learners.flatMap((l) =>
    dashboard.labIds.map((labId, i) => {
      const cell = l.labs[i] ?? EMPTY_CELL;
      return [l.displayName, labTitle(labId), LAB_STATUS_TEXT[cell.status], cell.bestScore ?? '', cell.maxScore ?? '', cell.submissions, cell.hintsUsed, cell.hintCost];
    }),
  );
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
