import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeTimestamp, encodeTimestamp, fromBcd, toBcd } from '../../../machines/cpu/bcd.ts';
import { parseClock } from '../../../machines/cpu/clock.ts';

describe('BCD bytes', () => {
  it('encodes and decodes two decimal digits per byte', () => {
    expect(toBcd(0)).toBe(0x00);
    expect(toBcd(7)).toBe(0x07);
    expect(toBcd(59)).toBe(0x59);
    expect(toBcd(99)).toBe(0x99);
    expect(fromBcd(0x26)).toBe(26);
  });

  it('refuses numbers one BCD byte cannot hold, naming the range', () => {
    expect(() => toBcd(100)).toThrow(/0 to 99/);
    expect(() => toBcd(-1)).toThrow(/0 to 99/);
    expect(() => toBcd(2.5)).toThrow(/whole number/);
  });

  it('refuses a byte whose hex digits are not both 0–9', () => {
    expect(() => fromBcd(0x5a)).toThrow(/not BCD/);
    expect(() => fromBcd(0xa0)).toThrow(/not BCD/);
    expect(() => fromBcd(0x100)).toThrow(/not a byte/);
  });

  it('round-trips every number 0–99', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 99 }), (n) => fromBcd(toBcd(n)) === n));
  });

  it('refuses every byte with a nibble above 9', () => {
    const badByte = fc
      .tuple(fc.integer({ min: 0, max: 15 }), fc.integer({ min: 0, max: 15 }))
      .filter(([hi, lo]) => hi > 9 || lo > 9)
      .map(([hi, lo]) => (hi << 4) | lo);
    fc.assert(
      fc.property(badByte, (b) => {
        expect(() => fromBcd(b)).toThrow(RangeError);
      }),
    );
  });
});

describe('§2-5-5 timestamp words', () => {
  it('§2-5-5 lays out second, minute, hour, day, month, year and day of week as the guideline table says', () => {
    // Saturday 14 March 2026, 15:09:26
    expect(encodeTimestamp('2026-03-14T15:09:26')).toEqual([0x0926, 0x1415, 0x2603, 0x0006]);
    // Sunday is day 0
    expect(encodeTimestamp(new Date(Date.UTC(2026, 2, 1, 0, 0, 0)))[3]).toBe(0x00);
  });

  it('§2-5-5 decodes the words back to the wall-clock time', () => {
    expect(decodeTimestamp([0x0926, 0x1415, 0x2603, 0x0006])).toBe('2026-03-14T15:09:26Z');
  });

  it('§2-5-5 round-trips every whole-second date-time from 2000 to 2099', () => {
    const wholeSecondDates = fc
      .integer({ min: Date.UTC(2000, 0, 1) / 1000, max: Date.UTC(2099, 11, 31, 23, 59, 59) / 1000 })
      .map((seconds) => new Date(seconds * 1000));
    fc.assert(
      fc.property(wholeSecondDates, (date) => {
        const iso = decodeTimestamp(encodeTimestamp(date));
        expect(iso).toBe(`${date.toISOString().slice(0, 19)}Z`);
        expect(encodeTimestamp(iso)).toEqual(encodeTimestamp(date));
      }),
      { numRuns: 2000 },
    );
  });

  it('§2-5-5 refuses words with any non-BCD nibble', () => {
    const valid = encodeTimestamp('2026-03-14T15:09:26');
    const corruption = fc.record({
      word: fc.integer({ min: 0, max: 2 }),
      nibble: fc.integer({ min: 0, max: 3 }),
      digit: fc.integer({ min: 10, max: 15 }),
    });
    fc.assert(
      fc.property(corruption, ({ word, nibble, digit }) => {
        const words = [...valid];
        const shift = nibble * 4;
        words[word] = ((words[word] as number) & ~(0xf << shift)) | (digit << shift);
        expect(() => decodeTimestamp(words)).toThrow(RangeError);
      }),
    );
  });

  it('§2-5-5 refuses out-of-range fields, impossible dates and a wrong day of week', () => {
    expect(() => decodeTimestamp([0x0060, 0x1415, 0x2603, 0x0006])).toThrow(/second 60/);
    expect(() => decodeTimestamp([0x0926, 0x1424, 0x2603, 0x0006])).toThrow(/hour 24/);
    expect(() => decodeTimestamp([0x0926, 0x0015, 0x2603, 0x0006])).toThrow(/day 0/);
    expect(() => decodeTimestamp([0x0926, 0x1415, 0x2613, 0x0006])).toThrow(/month 13/);
    expect(() => decodeTimestamp([0x0000, 0x3000, 0x2602, 0x0001])).toThrow(/does not exist/);
    expect(() => decodeTimestamp([0x0926, 0x1415, 0x2603, 0x0002])).toThrow(/day of week 2/);
    expect(() => decodeTimestamp([0x0926, 0x1415, 0x2603])).toThrow(/four words/);
  });
});

describe('wall-clock strings', () => {
  it('accepts an optional Z and drops fractions of a second', () => {
    expect(parseClock('2026-03-01T10:00:00.750Z').toISOString()).toBe('2026-03-01T10:00:00.000Z');
  });

  it('refuses offsets, impossible days and years outside 2000–2099 with the fix', () => {
    expect(() => parseClock('2026-03-01T10:00:00+09:00')).toThrow(/YYYY-MM-DDTHH:MM:SS/);
    expect(() => parseClock('2026-02-30T10:00:00')).toThrow(/does not exist/);
    expect(() => parseClock('2026-03-01T24:00:00')).toThrow(/does not exist/);
    expect(() => parseClock('1999-12-31T23:59:59')).toThrow(/2000 to 2099/);
    expect(() => parseClock('yesterday')).toThrow(/e\.g\. 2026-03-01T10:00:00/);
  });
});
