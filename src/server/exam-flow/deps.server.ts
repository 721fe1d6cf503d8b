/**
 * The exam flow's real dependencies for the served routes: the process's database, the exam
 * catalog (loaded and checked once; a bad bank fails loudly), and the wall clock. Getting them
 * also runs the deadline sweep, so any request to a learner route closes overdue attempts — the
 * first one after a start-up included. No timer waits in memory for a deadline.
 */
import { getDatabase } from '../db/database.server.ts';
import { type ExamCatalog, loadExamCatalog } from '../exams/item-bank.server.ts';
import { closeOverdue, type ExamFlowDeps } from './attempts.server.ts';

let catalog: Promise<ExamCatalog> | undefined;

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
  await closeOverdue(deps);
  return deps;
}
