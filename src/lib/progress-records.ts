/**
 * Pure changes to the quiz and lab parts of the progress document. Kept apart from
 * progress-doc.ts so the progress marker on prose pages never ships them.
 */
import type { LabReport, Progress, QuizAttempt } from '../schemas/progress.ts';

/** Records a quiz attempt: the latest is kept whole, the best by score share, and attempts counted. */
export function withQuizResult(doc: Progress, quizId: string, attempt: QuizAttempt): Progress {
  const previous = doc.quizzes[quizId];
  const best = previous && share(previous.best) >= share(attempt) ? previous.best : attempt;
  const record = { last: attempt, best, attempts: (previous?.attempts ?? 0) + 1 };
  return { ...doc, quizzes: { ...doc.quizzes, [quizId]: record } };
}

/** Records a graded lab: the best report (by score share; the earlier wins a tie) and the latest. */
export function withLabResult(doc: Progress, labId: string, report: LabReport): Progress {
  const previous = doc.labs[labId];
  const best = previous?.best && share(previous.best) >= share(report) ? previous.best : report;
  const record = { ...previous, best, last: report, attempts: (previous?.attempts ?? 0) + 1 };
  return { ...doc, labs: { ...doc.labs, [labId]: record } };
}

/** Stores the learner's unfinished answer for a lab, replacing the previous draft. */
export function withLabDraft(doc: Progress, labId: string, draft: unknown, at: string): Progress {
  const record = { attempts: 0, ...doc.labs[labId], draft, draftSavedAt: at };
  return { ...doc, labs: { ...doc.labs, [labId]: record } };
}

function share(result: { score: number; max: number }): number {
  return result.max > 0 ? result.score / result.max : 0;
}
