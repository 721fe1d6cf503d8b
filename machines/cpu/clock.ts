/**
 * The one place that reads and writes dates and times. The CPU clock has no time zone: we keep
 * it as a wall-clock ISO string ("2026-03-01T10:00:00Z") and always read and write its UTC
 * fields, so results never depend on the machine running the code. Everything here is pure and
 * throws a RangeError naming the bad value and the fix. The BCD words that store a clock in
 * the Auxiliary Area are in `bcd.ts`.
 */

/** First and last instants a two-digit BCD year can hold. ASSUMPTION: years 00–99 mean 2000–2099. */
export const CLOCK_MIN = '2000-01-01T00:00:00Z';
/** See CLOCK_MIN. */
export const CLOCK_MAX = '2099-12-31T23:59:59Z';

const CLOCK_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?Z?$/;
/** The wall-clock digits at the start of a date-time; seconds optional, anything after ignored. */
const WALL_CLOCK_PREFIX = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;

type Fields = [year: number, month: number, day: number, hour: number, minute: number, second: number];

/** The Date whose UTC fields are these, or null when no such day or time exists (2026-02-30, 24:00). */
function dateOfFields([year, month, day, hour, minute, second]: Fields): Date | null {
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  const sameFields =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second;
  return sameFields ? date : null;
}

/** A text the CPU clock cannot show; `problem` says why and how to fix it, without the field's name. */
export class ClockError extends RangeError {
  /** The reason alone, for a caller that names the field itself. */
  readonly problem: string;
  constructor(problem: string) {
    super(`clock: ${problem}`);
    this.problem = problem;
  }
}

/**
 * Parses a wall-clock ISO date-time ("2026-03-01T10:00:00", optional fraction and "Z") into a
 * Date whose UTC fields are that wall-clock time. Fractions of a second are dropped: the CPU
 * clock counts whole seconds. Throws on impossible dates (2026-02-30), offsets and years
 * outside 2000–2099.
 */
export function parseClock(iso: string): Date {
  const match = typeof iso === 'string' ? CLOCK_PATTERN.exec(iso) : null;
  if (!match) {
    throw new ClockError(
      `"${String(iso)}" is not a date-time the CPU clock can show; write it as YYYY-MM-DDTHH:MM:SS (no time-zone offset), e.g. 2026-03-01T10:00:00.`,
    );
  }
  const fields = match.slice(1, 7).map(Number) as Fields;
  const date = dateOfFields(fields);
  if (!date) {
    throw new ClockError(`"${iso}" names a day or time that does not exist; check the month length and that hours are 00–23.`);
  }
  const year = fields[0];
  if (year < 2000 || year > 2099) {
    throw new ClockError(`year ${year} cannot be stored in the CPU's two-digit BCD year; use a date from 2000 to 2099.`);
  }
  return date;
}

/** Formats a Date's UTC fields as the wall-clock string this module uses ("2026-03-01T10:00:00Z"). */
export function formatClock(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/**
 * The wall-clock digits at the start of `text` as a Date (seconds optional, a zone suffix
 * ignored, any year): `format` when there are none, `no-such-time` when they name no real
 * day or time. For a frame's parameters, which carry the digits as written.
 */
export function readWallClock(text: string): { ok: true; date: Date } | { ok: false; problem: 'format' | 'no-such-time' } {
  const m = WALL_CLOCK_PREFIX.exec(text);
  if (!m) return { ok: false, problem: 'format' };
  const date = dateOfFields(m.slice(1).map((s) => Number(s ?? 0)) as Fields);
  return date ? { ok: true, date } : { ok: false, problem: 'no-such-time' };
}

/** True for an ISO 8601 date-time such as 2026-03-01T08:30:00 (with or without a zone). */
export function isIsoDateTime(s: string): boolean {
  return ISO_DATE_TIME.test(s) && !Number.isNaN(Date.parse(s));
}

/** "2026-03-02T09:15:00+09:00" → "2026-03-02T00:15:00Z"; a time without an offset is taken as UTC. */
export function toUtcSeconds(iso: string): string {
  const utc = /(Z|[+-]\d\d:?\d\d)$/.test(iso) ? iso : `${iso}Z`;
  return new Date(utc).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The wall-clock time `seconds` after `iso` ("2026-03-02T09:01:00Z"). */
export function addSeconds(iso: string, seconds: number): string {
  return formatClock(new Date(parseClock(iso).getTime() + seconds * 1000));
}

/** Seconds from `b` to `a` (positive when `a` is later). */
export function secondsBetween(a: string, b: string): number {
  return Math.round((parseClock(a).getTime() - parseClock(b).getTime()) / 1000);
}

/**
 * `iso` moved by `minutes` (none: unchanged), as a wall-clock string; a time without a zone is
 * read as UTC. Unlike `addSeconds` it takes any ISO time, such as a log entry's.
 */
export function shiftMinutes(iso: string, minutes: number | undefined): string {
  if (!minutes) return iso;
  const ms = Date.parse(iso.endsWith('Z') ? iso : `${iso}Z`) + minutes * 60_000;
  return formatClock(new Date(ms));
}
