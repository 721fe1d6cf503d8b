/**
 * Variable specs that would hand every learner the same variant — an inverted or one-value
 * range, a one-value list — or a default no seed can draw are refused by `validate`, naming the
 * variable and the fix.
 */
import { describe, expect, it } from 'vitest';
import { drawValues, variableSpecProblem } from '../../machines/grading/variants.ts';
import { formatProblem, parseLabSource } from '../../src/server/lab-files.server.ts';
import { FILTER_LAB_FILE as FILE, FILTER_LAB_SOURCE as SOURCE, lineOf, problemsAfter } from './lab-fixtures.ts';

const ROGUE = 'rogueIp: { ip: { prefix: 192.168.250, from: 100, to: 199 }, default: 192.168.250.147 }';
const HMI = 'hmiNet: { oneOf: [251, 252, 253, 254] }';

describe('variable specs in lab files', () => {
  it.each([
    ['an inverted address range', ROGUE, 'rogueIp: { ip: { prefix: 192.168.250, from: 199, to: 100 }, default: 192.168.250.147 }', 'variables.rogueIp: ip.from 199 is above ip.to 100: swap them'],
    ['a one-address range', ROGUE, 'rogueIp: { ip: { prefix: 192.168.250, from: 147, to: 147 }, default: 192.168.250.147 }', 'variables.rogueIp: ip.from and ip.to are both 147, so every learner gets 192.168.250.147: widen the range, or write the address itself'],
    ['a default outside the range', ROGUE, 'rogueIp: { ip: { prefix: 192.168.250, from: 100, to: 199 }, default: 192.168.250.47 }', 'variables.rogueIp: default 192.168.250.47 is not an address from 192.168.250.100 to 192.168.250.199'],
    ['a list of one value', HMI, 'hmiNet: { oneOf: [251] }', 'variables.hmiNet: oneOf needs at least two values, or every learner gets the same one: list more, or write the value itself instead of a variable'],
    ['a value listed twice', HMI, 'hmiNet: { oneOf: [251, 252, 252] }', 'variables.hmiNet: oneOf lists a value twice: list each value once'],
  ])('%s', (_name, from, to, message) => {
    expect(problemsAfter(from, to)).toEqual([`${FILE}:${lineOf(from)} ${message}`]);
  });

  it('more variables than the values their overlapping ranges share', () => {
    const narrow = (name: string, value: string) => `${name}: { ip: { prefix: 192.168.250, from: 11, to: 12 }, default: 192.168.250.${value} }`;
    const text = SOURCE.replace('eng1: { ip: { prefix: 192.168.250, from: 10, to: 19 }, default: 192.168.250.11 }', narrow('eng1', '11'))
      .replace('eng2: { ip: { prefix: 192.168.250, from: 30, to: 49 }, default: 192.168.250.34 }', narrow('eng2', '12'))
      .replace(ROGUE, narrow('rogueIp', '12'));
    const result = parseLabSource(text, FILE);
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([
      `${FILE}:${lineOf('eng1:')} variables: eng1, eng2, rogueIp must all differ but share only 2 value(s): widen their ranges or make them disjoint`,
    ]);
  });

  it('an inverted whole-number range, and one whose default it cannot draw', () => {
    expect(variableSpecProblem({ int: { min: 10, max: 1 }, default: 5 })).toBe('int.min 10 is above int.max 1: swap them');
    expect(variableSpecProblem({ int: { min: 1, max: 10 }, default: 50 })).toBe('default 50 is outside int.min 1 … int.max 10');
    expect(variableSpecProblem({ digits: 6, default: '1234' })).toBe('default "1234" has 4 digit(s), not the 6 of digits');
  });

  it('a valid range gives learners different values (the collapse the check prevents)', () => {
    const spec = { ip: { prefix: '10.0.0', from: 10, to: 200 }, default: '10.0.0.10' };
    expect(variableSpecProblem(spec)).toBeNull();
    const drawn = new Set([1, 2, 3, 4, 5, 6, 7, 8].map((seed) => drawValues({ a: spec }, seed).a));
    expect(drawn.size).toBeGreaterThan(4);
  });
});
