/**
 * The grader's replay (Report.timeline) in the words the workbench's timeline shows: each
 * request, who sent it, whether it got through or where it was stopped and why, and whether
 * that is what the plant needed. Reasons and sections come from the request path unchanged.
 */
import type { FinsDestination } from '../../machines/wire/fins.ts';
import type { Phase, Report, TimelineEntry } from '../../machines/grading/grader.ts';
import type { Lab } from '../../machines/grading/lab.ts';
import { outcomeTone, SOURCE_TITLES, stepTitle, type Tone } from '../widgets/kit/trace.ts';

/** How each phase of the run is named on the timeline. */
export const PHASE_LABELS: Readonly<Record<Phase, string>> = {
  history: 'Before you arrived',
  action: 'Your action',
  traffic: 'Traffic',
};

/** One request of the replay as the timeline shows it. */
export interface TimelineRow {
  /** Unique within the timeline. */
  key: string;
  entry: TimelineEntry;
  phaseLabel: string;
  /** "Stopped at IP packet filtering (§2-2-1)" or "Got through". */
  verdict: string;
  /** Why: the blocking step's reason, or what let it through. */
  because: string;
  /** "met" / "not met" against what the plant needs; null when nothing is expected. */
  expectation: 'met' | 'not met' | null;
  /** What the plant needs, in words; null when nothing is expected. */
  needed: string | null;
  /**
   * Good or bad for the plant: the step's `met` where the lab expects an outcome; neutral where it
   * expects none (an attack the lab lets through to make a point, e.g. a download every CPU takes).
   */
  tone: Tone;
}

function neededText(entry: TimelineEntry): string | null {
  const e = entry.expect;
  if (e === undefined) return null;
  if (e === 'allowed') return 'must get through';
  if (e === 'blocked') return 'must be stopped';
  return `must be stopped by ${e.blockedBy.map((s) => SOURCE_TITLES[s]).join(' or ')}`;
}

/** One timeline entry in words. */
export function timelineRow(entry: TimelineEntry, index: number): TimelineRow {
  const outcome = entry.outcome;
  const blocked = outcome.blockedBy;
  const passes = outcome.trace.filter((s) => s.verdict === 'pass');
  const verdict = outcome.allowed ? 'Got through' : blocked ? `Stopped at ${stepTitle(blocked)} (${blocked.section})` : 'Refused';
  const because = outcome.allowed
    ? passes.length > 0
      ? passes.map((s) => s.reason).join(' ')
      : 'No layer had anything to check.'
    : (blocked?.reason ?? 'The unit refused it.');
  return {
    key: `${entry.phase}-${entry.id}-${index}`,
    entry,
    phaseLabel: PHASE_LABELS[entry.phase],
    verdict,
    because,
    expectation: entry.met === undefined ? null : entry.met ? 'met' : 'not met',
    needed: neededText(entry),
    tone: outcomeTone({ allowed: outcome.allowed, met: entry.met }),
  };
}

/** Every entry of a report's timeline, in the order it happened. */
export function timelineRows(report: Pick<Report, 'timeline'>): TimelineRow[] {
  return report.timeline.map(timelineRow);
}

/** Counts for the timeline's heading: how many requests got the outcome the plant needed. */
export function timelineTally(report: Pick<Report, 'timeline'>): { graded: number; met: number } {
  const graded = report.timeline.filter((t) => t.met !== undefined);
  return { graded: graded.length, met: graded.filter((t) => t.met).length };
}

/**
 * Where a lab's FINS requests go: the EIP21S's node number (unit 00, the CPU Unit).
 * ASSUMPTION: a rack without an EIP21S (built-in port or older unit) is shown as node 1.
 */
export function finsDestination(lab: Pick<Lab, 'rack'>): FinsDestination {
  return { node: lab.rack.unit?.settings?.finsNode ?? 1, unit: 0x00 };
}
