/**
 * Hostile answers: every lab's reference answer spoiled at any depth — keys named like
 * Object.prototype members (`constructor`, `toString`, `__proto__`…), wrong types, NaN-like
 * numbers — read as the CLI reads a file (`parseAnswerText`) and graded. The contract: a named
 * problem or a report, never a TypeError.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { grade } from '../../machines/grading/grader.ts';
import { type Answer, type Lab, SETTING_PATHS } from '../../machines/grading/lab.ts';
import { parseAnswerText } from '../../src/server/lab-files.server.ts';
import { nastyValue, PROTOTYPE_KEYS, spoiled } from '../machines/hostile-values.ts';
import { allLabs, fixture, fixtureFiles } from './lab-fixtures.ts';

let labs: Lab[] = [];
const references = new Map<string, Answer>();
beforeAll(async () => {
  labs = await allLabs();
  for (const lab of labs) if (fixtureFiles(lab.id).includes('reference.json')) references.set(lab.id, fixture(lab.id, 'reference.json'));
});

/** Grades and checks the result is a report; an Error must name the problem and not be a TypeError. */
function expectReport(act: () => unknown): void {
  let report: unknown;
  try {
    report = act();
  } catch (error) {
    expect(error).not.toBeInstanceOf(TypeError);
    expect(error).not.toBeInstanceOf(RangeError);
    throw error;
  }
  expect(report).toMatchObject({ objectives: expect.any(Array), score: expect.any(Number), passed: expect.any(Boolean) });
}

describe('answers with prototype-named keys', () => {
  it.each(PROTOTYPE_KEYS)('a setting, question or nested field named %s is a named problem (the CLI exits 2 with it)', (key) => {
    const lab = labs.find((l) => l.id === '02-filter-blocks');
    if (!lab) throw new Error('lab 02 missing');
    for (const text of [
      `{"settings":{"${key}":1}}`,
      `{"answers":{"${key}":"x"}}`,
      `{"settings":{"eip.${key}":true}}`,
      `{"settings":{"eip.filter":{"${key}":[]}}}`,
      `{"settings":{"eip.filter.rules":[{"ip":"192.168.250.2","mask":"255.255.255.255","${key}":1}]}}`,
    ]) {
      const parsed = parseAnswerText(text, lab);
      expect(parsed.ok, text).toBe(false);
      if (!parsed.ok) expect(parsed.problems.join('\n')).toContain(key);
    }
  });
});

describe('any answer: a named problem or a report', () => {
  const setting = fc.constantFrom(...SETTING_PATHS, ...PROTOTYPE_KEYS, ...PROTOTYPE_KEYS.map((k) => `eip.${k}`), ...PROTOTYPE_KEYS.map((k) => `cpu.${k}`));
  /** A lab and its reference answer with up to two more settings, spoiled anywhere. */
  const labAndAnswer = () =>
    fc.nat().chain((which) => {
      const lab = labs[which % labs.length] as Lab;
      const base = references.get(lab.id) ?? {};
      const answer = fc.array(fc.tuple(setting, nastyValue), { maxLength: 2 }).map((extra) => ({ ...base, settings: { ...base.settings, ...Object.fromEntries(extra) } }));
      return fc.tuple(fc.constant(lab), spoiled(answer));
    });

  it('read as the CLI reads a file, then graded', () => {
    fc.assert(
      fc.property(labAndAnswer(), fc.option(fc.nat({ max: 50 }), { nil: undefined }), ([lab, answer], seed) => {
        const parsed = parseAnswerText(JSON.stringify(answer) ?? 'null', lab);
        if (!parsed.ok) {
          expect(parsed.problems.length).toBeGreaterThan(0);
          for (const p of parsed.problems) expect(p).toMatch(/^.+?: \S/);
          return;
        }
        expectReport(() => grade(lab, parsed.answer, seed));
      }),
      { numRuns: 300 },
    );
  });
});
