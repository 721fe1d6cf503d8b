import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addSeconds, clockDrift, clockText, fromLocalInput, secondsBetween, toLocalInput } from './sim-clock.ts';

describe('widget clocks', () => {
  it('adding seconds and measuring them back agree', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000, max: 10_000_000 }), (s) => {
        expect(secondsBetween(addSeconds('2026-03-02T09:00:00Z', s), '2026-03-02T09:00:00Z')).toBe(s);
      }),
    );
  });

  it('§2-6-1 says how far the CPU clock is off, and which way', () => {
    expect(clockDrift('2026-03-02T09:00:00Z', '2026-03-02T09:00:00Z')).toBe('The CPU clock is right.');
    expect(clockDrift('2026-03-01T09:00:00Z', '2026-03-02T09:00:00Z')).toBe('The CPU clock is 1 d behind the actual time.');
    expect(clockDrift('2026-03-02T12:12:00Z', '2026-03-02T09:00:00Z')).toBe('The CPU clock is 3 h 12 min ahead of the actual time.');
  });

  it('reads datetime-local values, with or without seconds, and names the field when wrong', () => {
    expect(fromLocalInput('2026-03-01T10:00')).toEqual({ ok: true, clock: '2026-03-01T10:00:00Z' });
    expect(fromLocalInput(toLocalInput('2026-03-01T10:00:05Z'))).toEqual({ ok: true, clock: '2026-03-01T10:00:05Z' });
    expect(fromLocalInput('1999-12-31T23:59')).toEqual({ ok: false, error: expect.stringMatching(/^CPU clock: .*2000/) });
    expect(fromLocalInput('')).toEqual({ ok: false, error: expect.stringMatching(/^CPU clock: /) });
    expect(clockText('2026-03-01T10:00:05Z')).toBe('2026-03-01 10:00:05');
  });
});
