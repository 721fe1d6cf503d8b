/**
 * The exam's rules of time and attempts, as pure functions of the blueprint, the candidate's
 * earlier attempts and the clock the caller passes in: when an attempt must be submitted, and
 * whether a candidate may start another. The server enforces both; the on-screen timer only
 * shows the deadline computed here.
 */
import type { Blueprint } from './schema.ts';

/** What the rules need to know about one earlier attempt. */
export interface AttemptRecord {
  startedAt: Date;
  /** When it was submitted (by the candidate or at the deadline); null while in progress. */
  submittedAt: Date | null;
  /** Whether it passed; null while in progress. */
  passed: boolean | null;
}

/** Accommodations granted to a candidate, each with a recorded reason elsewhere. */
export interface Accommodations {
  /** Minutes added to the time limit. */
  extraMinutes?: number;
  /** Attempts added to the attempt limit. */
  extraAttempts?: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The moment an attempt started at `startedAt` is submitted automatically. */
export function deadlineOf(startedAt: Date, blueprint: Blueprint, accommodations: Accommodations = {}): Date {
  return new Date(startedAt.getTime() + (blueprint.timeLimitMinutes + (accommodations.extraMinutes ?? 0)) * MINUTE);
}

/** Whether an attempt is past its deadline at `now` (saves after it are refused; it is submitted as it stands). */
export function isPastDeadline(startedAt: Date, now: Date, blueprint: Blueprint, accommodations: Accommodations = {}): boolean {
  return now.getTime() >= deadlineOf(startedAt, blueprint, accommodations).getTime();
}

/** Whether a candidate may start an attempt, and if not, why (in words) and from when. */
export type Eligibility = { allowed: true; attemptNumber: number } | { allowed: false; reason: string; from?: Date };

/** Decides whether a candidate with these earlier attempts may start another at `now`. */
export function mayStartAttempt(blueprint: Blueprint, earlier: readonly AttemptRecord[], now: Date, accommodations: Accommodations = {}): Eligibility {
  if (earlier.some((a) => a.submittedAt === null)) return { allowed: false, reason: 'An attempt is still in progress: resume it instead of starting another.' };
  if (earlier.some((a) => a.passed === true)) return { allowed: false, reason: 'You have already passed this exam.' };
  const limit = blueprint.attemptLimit + (accommodations.extraAttempts ?? 0);
  if (earlier.length >= limit) {
    return { allowed: false, reason: `All ${limit} attempts have been used. An instructor can grant another attempt with a recorded reason.` };
  }
  const last = Math.max(...earlier.map((a) => a.submittedAt?.getTime() ?? 0), 0);
  const from = new Date(last + blueprint.waitHoursBetweenAttempts * HOUR);
  if (earlier.length > 0 && now.getTime() < from.getTime()) {
    return { allowed: false, reason: `The next attempt opens ${blueprint.waitHoursBetweenAttempts} hours after the last one was submitted.`, from };
  }
  return { allowed: true, attemptNumber: earlier.length + 1 };
}
