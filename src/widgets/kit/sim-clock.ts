/**
 * Time in the "try it" widgets. The CPU clock moves only by events (the machines are
 * deterministic), so the widgets keep a second, true time beside it: both advance by the same
 * step for every operation a learner sends, and lesson 16 compares them (§2-6-1: the log takes
 * its times from the CPU clock).
 */
import { formatClock, parseClock, secondsBetween } from '../../../machines/cpu/clock.ts';

export { addSeconds, secondsBetween } from '../../../machines/cpu/clock.ts';

/** ASSUMPTION (a teaching convenience): each operation a learner sends takes one minute of plant time. */
export const SIM_STEP_SECONDS = 60;

function span(totalSeconds: number): string {
  const s = Math.abs(totalSeconds);
  const parts: string[] = [];
  const days = Math.floor(s / 86400);
  const hours = Math.floor((s % 86400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = s % 60;
  if (days) parts.push(`${days} d`);
  if (hours) parts.push(`${hours} h`);
  if (minutes) parts.push(`${minutes} min`);
  if (seconds && !days) parts.push(`${seconds} s`);
  return parts.join(' ');
}

/** "The CPU clock is right.", "… is 3 h 12 min behind the actual time." or "… ahead of …". */
export function clockDrift(cpuClock: string, actual: string): string {
  const diff = secondsBetween(cpuClock, actual);
  if (diff === 0) return 'The CPU clock is right.';
  return `The CPU clock is ${span(diff)} ${diff < 0 ? 'behind' : 'ahead of'} the actual time.`;
}

/** "2026-03-02 09:01:00": a clock value as the log table shows it. */
export function clockText(iso: string): string {
  return formatClock(parseClock(iso)).slice(0, 19).replace('T', ' ');
}

/** The value an <input type="datetime-local" step="1"> shows for a clock ("2026-03-02T09:01:00"). */
export function toLocalInput(iso: string): string {
  return formatClock(parseClock(iso)).slice(0, 19);
}

/** Reads a datetime-local value back as a CPU clock, or the reason it is not one (naming the field). */
export function fromLocalInput(value: string): { ok: true; clock: string } | { ok: false; error: string } {
  const withSeconds = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? `${value}:00` : value;
  try {
    return { ok: true, clock: formatClock(parseClock(withSeconds)) };
  } catch (e) {
    return { ok: false, error: `CPU clock: ${(e as Error).message}` };
  }
}
