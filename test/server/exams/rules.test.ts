import { describe, expect, it } from 'vitest';
import { deadlineOf, isPastDeadline, mayStartAttempt } from '../../../src/server/exams/rules.ts';
import type { Blueprint } from '../../../src/server/exams/schema.ts';

const EXAM: Blueprint = {
  id: 'rules',
  title: 'Rules exam',
  areas: [{ title: 'All', sections: ['§2'], count: 1 }],
  timeLimitMinutes: 90,
  passMarkPercent: 70,
  attemptLimit: 2,
  waitHoursBetweenAttempts: 72,
};
const at = (iso: string) => new Date(iso);
const failed = (submitted: string) => ({ startedAt: at('2026-01-01T08:00:00Z'), submittedAt: at(submitted), passed: false });

describe('time limit', () => {
  it('the deadline is the start plus the time limit, plus any extra time granted', () => {
    expect(deadlineOf(at('2026-01-01T09:00:00Z'), EXAM).toISOString()).toBe('2026-01-01T10:30:00.000Z');
    expect(deadlineOf(at('2026-01-01T09:00:00Z'), EXAM, { extraMinutes: 30 }).toISOString()).toBe('2026-01-01T11:00:00.000Z');
  });

  it('an attempt is past its deadline from the deadline on, not a moment before', () => {
    const start = at('2026-01-01T09:00:00Z');
    expect(isPastDeadline(start, at('2026-01-01T10:29:59Z'), EXAM)).toBe(false);
    expect(isPastDeadline(start, at('2026-01-01T10:30:00Z'), EXAM)).toBe(true);
    expect(isPastDeadline(start, at('2026-01-01T10:30:00Z'), EXAM, { extraMinutes: 15 })).toBe(false);
  });
});

describe('attempt limits and the waiting period', () => {
  it('a first attempt is allowed', () => {
    expect(mayStartAttempt(EXAM, [], at('2026-01-01T09:00:00Z'))).toEqual({ allowed: true, attemptNumber: 1 });
  });

  it('after a failure the next attempt opens when the waiting period ends', () => {
    const earlier = [failed('2026-01-01T09:30:00Z')];
    const early = mayStartAttempt(EXAM, earlier, at('2026-01-04T09:29:00Z'));
    expect(early).toMatchObject({ allowed: false, from: at('2026-01-04T09:30:00Z') });
    expect(mayStartAttempt(EXAM, earlier, at('2026-01-04T09:30:00Z'))).toEqual({ allowed: true, attemptNumber: 2 });
  });

  it('the attempt limit stops a third attempt unless an extra attempt is granted', () => {
    const earlier = [failed('2026-01-01T09:30:00Z'), failed('2026-01-05T09:30:00Z')];
    const later = at('2026-02-01T00:00:00Z');
    expect(mayStartAttempt(EXAM, earlier, later)).toMatchObject({ allowed: false, reason: expect.stringContaining('All 2 attempts') });
    expect(mayStartAttempt(EXAM, earlier, later, { extraAttempts: 1 })).toEqual({ allowed: true, attemptNumber: 3 });
  });

  it('an attempt in progress is resumed, not doubled; a passed exam is not retaken', () => {
    const now = at('2026-01-01T09:10:00Z');
    expect(mayStartAttempt(EXAM, [{ startedAt: at('2026-01-01T09:00:00Z'), submittedAt: null, passed: null }], now)).toMatchObject({ allowed: false, reason: expect.stringContaining('resume') });
    expect(mayStartAttempt(EXAM, [{ startedAt: at('2026-01-01T08:00:00Z'), submittedAt: at('2026-01-01T09:00:00Z'), passed: true }], now)).toMatchObject({ allowed: false, reason: 'You have already passed this exam.' });
  });
});
