/** What a grading run reports: the timeline of requests, problems with the answer, and each objective's result. */
import type { Expectation, LabStep, Objective } from './lab.ts';
import type { Outcome, Request } from '../model.ts';

// ─── Report ───

/** When in the run a timeline entry happened (the history is replayed but not reported). */
export type Phase = 'history' | 'action' | 'traffic';

/** One request (or physical act) of the run and what became of it. */
export interface TimelineEntry {
  phase: Phase;
  /** The lab step id, or a generated one for actions and settings ("action-1"). */
  id: string;
  label: string;
  /** Name of the sender. */
  from: string;
  /** The rack it went to: "main" or an `otherRacks` name. */
  to: string;
  /** The request as sent; absent for a power cycle and for direct events such as Set Password. */
  request?: Request;
  intent?: LabStep['intent'];
  expect?: Expectation;
  outcome: Outcome;
  /** Whether the outcome met the expectation; absent when nothing was expected. */
  met?: boolean;
  /** The CPU clock of the target rack when it happened. */
  clock: string;
}

/** A problem with the answer itself: a setting that may not or cannot be changed. */
export interface AnswerProblem {
  /**
   * - locked: the lab does not let the learner change this;
   * - unknown: no such setting, question or hint;
   * - invalid: the value has the wrong type;
   * - refused-by-unit: the unit refused the change (a weak password, a duplicate rule…).
   */
  kind: 'locked' | 'unknown' | 'invalid' | 'refused-by-unit';
  /** The answer field, e.g. settings["eip.ports.finsUdp"]. */
  field: string;
  message: string;
}

/** How one objective went. */
export interface ObjectiveResult {
  id: string;
  title: string;
  kind: Objective['kind'];
  passed: boolean;
  points: number;
  earned: number;
  /** Why it passed or failed, in one sentence. */
  reason: string;
  /** Each failing step or check, when there are several. */
  details: string[];
  /** Lesson ids to review (the objective's functions, and the function that blocked a step). */
  lessons: string[];
  /** The lab's hint for this objective, shown when it fails. */
  hint?: string;
}

/** The grader's report. */
export interface Report {
  labId: string;
  /** The seed of the variant graded; null for the default variant. */
  seed: number | null;
  objectives: ObjectiveResult[];
  timeline: TimelineEntry[];
  problems: AnswerProblem[];
  /** Things worth knowing that are not failures (a protection left pending…). */
  notes: string[];
  hints: { used: string[]; penalty: number };
  /** Points earned minus the hint penalty, never below 0. */
  score: number;
  max: number;
  /** Every objective met and the answer free of problems. */
  passed: boolean;
}
