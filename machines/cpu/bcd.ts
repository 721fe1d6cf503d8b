/**
 * BCD helpers for the CPU Unit's Auxiliary Area: the clock (A351–A354) and the user data
 * overwrite times (A90–A93 program, A94–A97 parameters, §2-5-5) are stored as two BCD digits
 * per byte. Everything here is pure and throws a RangeError naming the bad value and the fix.
 * Reading and writing the clock's text is `clock.ts`.
 */
import { formatClock, parseClock } from './clock.ts';

/** The four Auxiliary Area words of a timestamp, in the §2-5-5 layout. */
export type TimestampWords = [number, number, number, number];

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
