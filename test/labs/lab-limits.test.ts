/**
 * Limits a lab file must keep, taken from the machines' own constants (area sizes, the 16-bit
 * word, FINS frame sizes, the CPU clock's range): a value beyond them is refused by `validate`
 * with file:line field: message, instead of reaching a learner's screen and breaking a panel.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, parseLabSource } from '../../src/server/lab-files.server.ts';

const FILE = 'content/labs/02-filter-blocks.yaml';
const SOURCE = readFileSync(join(import.meta.dirname, '..', '..', FILE), 'utf8');

/** The problems of the lab with `from` replaced by `to` (which must occur), as printed. */
function problemsAfter(from: string, to: string): string[] {
  expect(SOURCE).toContain(from);
  const result = parseLabSource(SOURCE.replace(from, to), FILE);
  return result.ok ? [] : result.problems.map(formatProblem);
}

/** The 1-based line of `text` in the lab. */
function lineOf(text: string): number {
  return SOURCE.slice(0, SOURCE.indexOf(text)).split('\n').length;
}

describe('FINS numbers must fit the wire and the memory', () => {
  const read = '{ kind: memory.read, area: D, address: 10, count: 4 }';
  const write = '{ kind: memory.write, area: D, address: 200, values: [300] }';

  it.each([
    ['a count beyond 16 bits', read, '{ kind: memory.read, area: D, address: 10, count: 70000 }', /operation\.count: one FINS response carries at most 999 words/],
    ['an address beyond 16 bits', read, '{ kind: memory.read, area: D, address: 70000, count: 4 }', /operation\.address: a word address fits in 16 bits \(0–65535\)/],
    ['a value beyond 16 bits', write, '{ kind: memory.write, area: D, address: 200, values: [70000] }', /operation\.values\[0\]: a word holds 0–65535/],
    ['a negative value', write, '{ kind: memory.write, area: D, address: 200, values: [-1] }', /operation\.values\[0\]: a word holds 0–65535/],
    ['a read past the end of its area', read, '{ kind: memory.read, area: W, address: 510, count: 4 }', /operation\.address: W510 and 4 word\(s\) run past W511, the end of the area/],
    ['an empty write', write, '{ kind: memory.write, area: D, address: 200, values: [] }', /operation\.values: write at least one word/],
  ])('%s', (_name, from, to, message) => {
    const problems = problemsAfter(from, to);
    expect(problems).toEqual([expect.stringMatching(new RegExp(`^${FILE}:${lineOf(from)} traffic\\[\\d+\\]\\.${message.source}`))]);
  });
});

describe('clocks must be dates the CPU clock can show', () => {
  it('a starting clock on a day that does not exist', () => {
    const problems = problemsAfter('clock: "2026-03-03T09:00:00Z"', 'clock: "2026-02-30T09:00:00Z"');
    expect(problems).toEqual([`${FILE}:${lineOf('clock: "2026')} rack.cpu.clock: "2026-02-30T09:00:00Z" names a day or time that does not exist; check the month length and that hours are 00–23.`]);
  });

  it('a clock write outside the CPU clock’s years', () => {
    const problems = problemsAfter('operation: { kind: clock.read }', 'operation: { kind: clock.write, at: "1999-12-31T23:00:00Z" }');
    expect(problems).toEqual([expect.stringMatching(/traffic\[\d+\]\.operation\.at: year 1999 cannot be stored in the CPU's two-digit BCD year; use a date from 2000 to 2099\.$/)]);
  });
});

describe('senders must be host addresses', () => {
  it.each([
    ['192.168.250.255', /it ends in \.255, the broadcast address/],
    ['192.168.250.0', /it ends in \.0, the address of the network itself/],
    ['224.0.0.5', /it is a multicast address/],
    ['127.0.0.1', /it is a loopback address/],
    ['255.255.255.255', /it is a reserved or broadcast address/],
  ])('%s', (ip, why) => {
    const problems = problemsAfter('ip: 192.168.250.77, finsNode: 77', `ip: ${ip}, finsNode: 77`);
    expect(problems).toEqual([expect.stringMatching(new RegExp(`^${FILE}:${lineOf('ip: 192.168.250.77')} network\\[7\\]\\.ip: ${ip.replaceAll('.', '\\.')} cannot be a sender: ${why.source}`))]);
  });
});

describe('numbers YAML allows but a lab cannot use', () => {
  it.each([
    ['minutes: 20', 'minutes: .nan', 'minutes: expected number, got NaN (YAML .nan or .inf): write an ordinary number'],
    ['minutes: 20', 'minutes: -.inf', 'minutes: expected number, got -Infinity (YAML .nan or .inf): write an ordinary number'],
  ])('%s → %s', (from, to, message) => {
    expect(problemsAfter(from, to)).toEqual([`${FILE}:${lineOf(from)} ${message}`]);
  });
});
