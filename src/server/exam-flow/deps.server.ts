/**
 * The exam flow's real dependencies for the served routes: the process's database, the exam
 * catalog (loaded and checked once; a bad bank fails loudly), and the wall clock. Getting them
 * also runs the deadline sweep (at most every few seconds per process), so requests to the learner
 * routes close overdue attempts — the first one after a start-up included. No timer waits in
 * memory for a deadline.
 */
import { getDatabase } from '../db/database.server.ts';
import { type ExamCatalog, loadExamCatalog } from '../exams/item-bank.server.ts';
import { closeOverdue, type ExamFlowDeps } from './attempts.server.ts';

let catalog: Promise<ExamCatalog> | undefined;

/**
 * How often one process sweeps everyone's overdue attempts (ms). Only a cost bound, not a rule: a
 * learner's own requests always close their own overdue attempt first (attempts.server.ts), so a
 * skipped sweep delays only the hand-in of attempts nobody is looking at.
 */
const SWEEP_EVERY = 5_000;
let lastSweep = 0;

/** The catalog, loaded on first use; a failed load is tried again by the next request. */
function examCatalog(): Promise<ExamCatalog> {
  if (!catalog) {
    const loading = loadExamCatalog();
    catalog = loading;
    loading.catch(() => {
      if (catalog === loading) catalog = undefined;
    });
  }
  return catalog;
}

/** The dependencies of a served request, after sweeping overdue attempts. */
export async function servedDeps(): Promise<ExamFlowDeps> {
  const [database, exams] = await Promise.all([getDatabase(), examCatalog()]);
  const deps: ExamFlowDeps = { db: database.db, catalog: exams, now: () => new Date() };
  if (Date.now() - lastSweep >= SWEEP_EVERY) {
    lastSweep = Date.now();
    await closeOverdue(deps);
  }
  return deps;
}
