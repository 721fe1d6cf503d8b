/**
 * Lab results in and out of the progress document: what a graded run stores (the score after
 * hint penalties, pass/fail, and a compact objective list — not the whole replay), and how the
 * labs index reads a lab's record back as a status line.
 */
import { counted } from '../../machines/model.ts';
import type { Report } from '../../machines/grading/grader.ts';
import type { LabRecord, LabReport } from '../progress/progress-schema.ts';

/** The `details` a graded run stores with its score. */
export interface StoredDetails {
  /** The variant graded. */
  seed: number | null;
  objectives: { id: string; passed: boolean; earned: number; points: number }[];
  hintsUsed: string[];
  penalty: number;
}

/** The report as the progress document stores it (its `labReport` schema), with the grader's details. */
export function reportForProgress(report: Report, at: string): Omit<LabReport, 'imported'> & { details: StoredDetails } {
  return {
    score: report.score,
    max: report.max,
    passed: report.passed,
    at,
    details: {
      seed: report.seed,
      objectives: report.objectives.map((o) => ({ id: o.id, passed: o.passed, earned: o.earned, points: o.points })),
      hintsUsed: report.hints.used,
      penalty: report.hints.penalty,
    },
  };
}

/** A lab's state for the learner. */
export type LabStatus = 'not-started' | 'in-progress' | 'attempted' | 'passed';

/** A lab's status and best score as the labs index shows them. */
export interface LabStatusView {
  status: LabStatus;
  /** "Not started", "In progress", "Attempted", "Passed". */
  label: string;
  /** "Best 9 of 11 (2 attempts)" (with " — imported, self-reported" for a result from a file), or "" before any graded run. */
  best: string;
}

const LABELS: Record<LabStatus, string> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  attempted: 'Attempted',
  passed: 'Passed',
};

/**
 * A lab record (possibly absent or partly damaged — the index reads progress with the light
 * guard) as a status: passed when the best run passed, attempted after any graded run, in
 * progress with only a draft, else not started.
 */
export function labStatus(record: Partial<LabRecord> | undefined): LabStatusView {
  const best = record?.best;
  const hasBest = typeof best?.score === 'number' && typeof best.max === 'number';
  const status: LabStatus = hasBest ? (best?.passed === true ? 'passed' : 'attempted') : record?.draft !== undefined ? 'in-progress' : 'not-started';
  const attempts = typeof record?.attempts === 'number' ? record.attempts : 0;
  // A result loaded from a file is the learner's own word: never shown as this browser's grading.
  const imported = best?.imported === true ? ' — imported, self-reported' : '';
  const text = hasBest ? `Best ${best?.score} of ${best?.max} (${counted(attempts, 'attempt')})${imported}` : '';
  return { status, label: LABELS[status] + (imported && status === 'passed' ? ' (self-reported)' : ''), best: text };
}
