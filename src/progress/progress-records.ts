/**
 * Pure changes to the quiz and lab parts of the progress document. Kept apart from
 * progress-doc.ts so the progress marker on prose pages never ships them.
 */
import { joinRecords, mergeLesson } from './progress-doc.ts';
import type { LabRecord, LabReport, Progress, QuizAttempt, QuizRecord } from './progress-schema.ts';

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

type Result = { score: number; max: number; at: string };

/** The better of two results by score share; at a tie the earlier, then the first given. */
function better<T extends Result>(a: T, b: T): T;
function better<T extends Result>(a: T | undefined, b: T | undefined): T | undefined;
function better<T extends Result>(a: T | undefined, b: T | undefined): T | undefined {
  if (!a || !b) return a ?? b;
  const diff = share(a) - share(b);
  return diff > 0 || (diff === 0 && a.at <= b.at) ? a : b;
}

/** The later of two results; at a tie the first given. */
function newer<T extends { at: string }>(a: T, b: T): T;
function newer<T extends { at: string }>(a: T | undefined, b: T | undefined): T | undefined;
function newer<T extends { at: string }>(a: T | undefined, b: T | undefined): T | undefined {
  if (!a || !b) return a ?? b;
  return a.at >= b.at ? a : b;
}

/** One quiz as two copies recorded it: the better best, the newer last, the larger count. */
export function mergeQuiz(a: QuizRecord, b: QuizRecord): QuizRecord {
  return { last: newer(a.last, b.last), best: better(a.best, b.best), attempts: Math.max(a.attempts, b.attempts) };
}

/** One lab as two copies recorded it: the better best, the newer last and the newer draft, the larger count. */
export function mergeLab(a: LabRecord, b: LabRecord): LabRecord {
  const draft = (b.draftSavedAt ?? '') > (a.draftSavedAt ?? '') ? b : a;
  return {
    best: better(a.best, b.best),
    last: newer(a.last, b.last),
    attempts: Math.max(a.attempts, b.attempts),
    draft: draft.draft,
    draftSavedAt: draft.draftSavedAt,
  };
}

/**
 * Two copies of the progress document as one: every record of either, and where both hold a
 * record, the two joined (lessons: mergeLesson; quizzes and labs: mergeQuiz, mergeLab). The
 * first copy wins ties. Used before every write (another tab may have written since this one
 * read) and to load a file into the progress already here.
 */
export function mergeProgress(a: Progress, b: Progress): Progress {
  return {
    ...a,
    lessons: joinRecords(a.lessons, b.lessons, mergeLesson),
    quizzes: joinRecords(a.quizzes, b.quizzes, mergeQuiz),
    labs: joinRecords(a.labs, b.labs, mergeLab),
  };
}

/** The document with every quiz and lab result marked as loaded from a file (self-reported). */
export function withImported(doc: Progress): Progress {
  const mark = <T extends object>(result: T | undefined): T | undefined => result && { ...result, imported: true };
  const quizzes = Object.entries(doc.quizzes).map(([id, q]): [string, QuizRecord] => [
    id,
    { ...q, last: mark(q.last) as QuizAttempt, best: mark(q.best) as QuizAttempt },
  ]);
  const labs = Object.entries(doc.labs).map(([id, l]): [string, LabRecord] => {
    const record: LabRecord = { ...l };
    if (l.best) record.best = mark(l.best);
    if (l.last) record.last = mark(l.last);
    return [id, record];
  });
  return { ...doc, quizzes: Object.fromEntries(quizzes), labs: Object.fromEntries(labs) };
}

function share(result: { score: number; max: number }): number {
  return result.max > 0 ? result.score / result.max : 0;
}
