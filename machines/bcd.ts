/**
 * BCD helpers for the CPU Unit's Auxiliary Area: the clock (A351–A354) and the user data
 * overwrite times (A90–A93 program, A94–A97 parameters, §2-5-5) are stored as two BCD digits
 * per byte. Everything here is pure and throws a RangeError naming the bad value and the fix.
 *
 * The CPU clock has no time zone: we keep it as a wall-clock ISO string and always read and
 * write its UTC fields, so results never depend on the machine running the code.
 */

/** The four Auxiliary Area words of a timestamp, in the §2-5-5 layout. */
export type TimestampWords = [number, number, number, number];

/** First and last instants a two-digit BCD year can hold. ASSUMPTION: years 00–99 mean 2000–2099. */
export const CLOCK_MIN = '2000-01-01T00:00:00Z';
/** See CLOCK_MIN. */
export const CLOCK_MAX = '2099-12-31T23:59:59Z';

/** Encodes 0–99 as one BCD byte (e.g. 59 → 0x59). */
export function toBcd(n: number): number {
  if (!Number.isInteger(n) || n < 0 || n > 99) {
    throw new RangeError(`toBcd: ${n} cannot be stored in one BCD byte; give a whole number from 0 to 99.`);
  }
  return ((n / 10) | 0) * 16 + (n % 10);
}

/** Decodes one BCD byte (0x00–0x99, both nibbles 0–9) to its number (0x59 → 59). */
export function fromBcd(b: number): number {
  if (!Number.isInteger(b) || b < 0 || b > 0xff) {
    throw new RangeError(`fromBcd: ${b} is not a byte; give a value from 0x00 to 0x99.`);
  }
  const high = b >> 4;
  const low = b & 0x0f;
  if (high > 9 || low > 9) {
    throw new RangeError(`fromBcd: 0x${hex2(b)} is not BCD (each hex digit must be 0–9).`);
  }
  return high * 10 + low;
}

const CLOCK_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?Z?$/;

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
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  const sameFields =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second;
  if (!sameFields) {
    throw new ClockError(`"${iso}" names a day or time that does not exist; check the month length and that hours are 00–23.`);
  }
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
 * Encodes a date-time as the four Auxiliary Area words of §2-5-5:
 * word 0 = minute<<8 | second, word 1 = day<<8 | hour, word 2 = year<<8 | month,
 * word 3 = day of week (0 = Sunday) in the low byte. Each byte is BCD.
 */
export function encodeTimestamp(date: Date | string): TimestampWords {
  const d = typeof date === 'string' ? parseClock(date) : checkedDate(date);
  return [
    (toBcd(d.getUTCMinutes()) << 8) | toBcd(d.getUTCSeconds()),
    (toBcd(d.getUTCDate()) << 8) | toBcd(d.getUTCHours()),
    (toBcd(d.getUTCFullYear() - 2000) << 8) | toBcd(d.getUTCMonth() + 1),
    toBcd(d.getUTCDay()),
  ];
}

/**
 * Decodes four Auxiliary Area words (see encodeTimestamp) to a wall-clock string
 * ("2026-03-01T10:00:00Z"). Throws when a byte is not BCD, a field is out of range, the date
 * does not exist, or the day of the week disagrees with the date.
 */
export function decodeTimestamp(words: readonly number[]): string {
  if (!Array.isArray(words) || words.length !== 4) {
    throw new RangeError('decodeTimestamp: give exactly four words (e.g. A90–A93).');
  }
  for (const [i, w] of words.entries()) {
    if (!Number.isInteger(w) || w < 0 || w > 0xffff) {
      throw new RangeError(`decodeTimestamp: word ${i} (${w}) is not a 16-bit value.`);
    }
  }
  const [w0, w1, w2, w3] = words as TimestampWords;
  const field = (name: string, byte: number, min: number, max: number): number => {
    const value = fromBcd(byte);
    if (value < min || value > max) {
      throw new RangeError(`decodeTimestamp: ${name} ${value} is out of range (${min}–${max}).`);
    }
    return value;
  };
  const second = field('second', w0 & 0xff, 0, 59);
  const minute = field('minute', w0 >> 8, 0, 59);
  const hour = field('hour', w1 & 0xff, 0, 23);
  const day = field('day', w1 >> 8, 1, 31);
  const month = field('month', w2 & 0xff, 1, 12);
  const year = 2000 + field('year', w2 >> 8, 0, 99);
  if (w3 >> 8 !== 0) {
    throw new RangeError('decodeTimestamp: the high byte of the day-of-week word must be 0.');
  }
  const dayOfWeek = field('day of week', w3 & 0xff, 0, 6);
  const iso = `${year}-${pad2(month)}-${pad2(day)}T${pad2(hour)}:${pad2(minute)}:${pad2(second)}`;
  const date = parseClock(iso);
  if (date.getUTCDay() !== dayOfWeek) {
    throw new RangeError(`decodeTimestamp: day of week ${dayOfWeek} does not match ${iso.slice(0, 10)} (${date.getUTCDay()}).`);
  }
  return formatClock(date);
}

function checkedDate(date: Date): Date {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new RangeError('encodeTimestamp: the date is invalid; give a Date or a string like 2026-03-01T10:00:00.');
  }
  const whole = new Date(Math.floor(date.getTime() / 1000) * 1000);
  return parseClock(formatClock(whole));
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function hex2(n: number): string {
  return n.toString(16).toUpperCase().padStart(2, '0');
}
