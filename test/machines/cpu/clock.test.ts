import { describe, expect, it } from 'vitest';
import { addSeconds, isIsoDateTime, readWallClock, secondsBetween, shiftMinutes, toUtcSeconds } from '../../../machines/cpu/clock.ts';

describe('the one clock module', () => {
  it('reads the wall-clock digits of a CLOCK WRITE, with or without seconds, ignoring a zone suffix', () => {
    const read = readWallClock('2026-03-01T08:30+09:00');
    expect(read.ok && read.date.toISOString()).toBe('2026-03-01T08:30:00.000Z');
  });

  it('tells a text with no date-time from a date that does not exist', () => {
    expect(readWallClock('yesterday')).toEqual({ ok: false, problem: 'format' });
    expect(readWallClock('2026-02-30T10:00:00')).toEqual({ ok: false, problem: 'no-such-time' });
    expect(readWallClock('2026-03-01T24:00:00')).toEqual({ ok: false, problem: 'no-such-time' });
  });

  it('moves the CPU clock across a month end and measures the gap back', () => {
    const later = addSeconds('2026-02-28T23:59:30Z', 45);
    expect(later).toBe('2026-03-01T00:00:15Z');
    expect(secondsBetween(later, '2026-02-28T23:59:30Z')).toBe(45);
  });

  it('shifts a log time by minutes and leaves it alone for none', () => {
    expect(shiftMinutes('2026-03-01T10:00:00', 90)).toBe('2026-03-01T11:30:00Z');
    expect(shiftMinutes('2026-03-01T10:00:00', undefined)).toBe('2026-03-01T10:00:00');
  });

  it('turns a zoned SNTP time into UTC and accepts only real ISO date-times', () => {
    expect(toUtcSeconds('2026-03-02T09:15:00+09:00')).toBe('2026-03-02T00:15:00Z');
    expect(isIsoDateTime('2026-03-02T09:15:00+09:00')).toBe(true);
    expect(isIsoDateTime('2026-03-02 09:15')).toBe(false);
  });
});
