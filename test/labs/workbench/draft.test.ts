import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answerShapeProblem, makeDraft, readDraft } from '../../../src/labs/draft.ts';
import { FIXTURE_SOLUTION, fixtureLab } from './fixture-lab.ts';

const lab = fixtureLab();

describe('reading a saved lab draft', () => {
  it('reads nothing stored as "none"', () => {
    expect(readDraft(undefined, lab)).toEqual({ kind: 'none' });
  });

  it('gives back a draft it saved, seed and answer', () => {
    const reading = readDraft(JSON.parse(JSON.stringify(makeDraft(42, FIXTURE_SOLUTION))), lab);
    expect(reading).toEqual({ kind: 'ok', draft: { format: 1, seed: 42, answer: FIXTURE_SOLUTION } });
  });

  it.each([
    ['a string', 'hello', 'not a draft object'],
    ['another format', { format: 2, seed: 1, answer: {} }, 'format 2'],
    ['a negative seed', { format: 1, seed: -1, answer: {} }, 'seed'],
    ['a setting of the wrong type', { format: 1, seed: 1, answer: { settings: { 'eip.filter.enabled': 'yes' } } }, 'eip.filter.enabled'],
    ['a setting that does not exist', { format: 1, seed: 1, answer: { settings: { 'eip.colour': 'red' } } }, 'eip.colour'],
    ['a locked setting', { format: 1, seed: 1, answer: { settings: { 'eip.ports.finsUdp': false } } }, 'locked'],
    ['an unknown question', { format: 1, seed: 1, answer: { answers: { nope: 'x' } } }, 'nope'],
    ['an unknown action', { format: 1, seed: 1, answer: { actions: ['format.disk'] } }, 'actions'],
    ['a stray field', { format: 1, seed: 1, answer: { extra: 1 } }, 'extra'],
  ])('refuses %s and says why', (_name, value, why) => {
    const reading = readDraft(value, lab);
    expect(reading.kind).toBe('corrupt');
    if (reading.kind === 'corrupt') expect(reading.reason).toContain(why);
  });

  it('never throws, whatever JSON is stored', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const reading = readDraft(value, lab);
        expect(['none', 'ok', 'corrupt']).toContain(reading.kind);
      }),
      { numRuns: 200 },
    );
  });

  it('never throws on drafts that look almost right', () => {
    const almost = fc.record({
      format: fc.constant(1),
      seed: fc.nat(),
      answer: fc.record(
        {
          settings: fc.dictionary(fc.constantFrom('eip.filter', 'eip.filter.rules', 'eip.filter.enabled', 'cpu.dipWriteProtect'), fc.jsonValue()),
          actions: fc.array(fc.constantFrom('program.transfer', 'memory.clearAll')),
          hintsUsed: fc.array(fc.constantFrom('nudge', 'walkthrough', 'other')),
        },
        { requiredKeys: [] },
      ),
    });
    fc.assert(
      fc.property(almost, (value) => {
        expect(['ok', 'corrupt']).toContain(readDraft(value, lab).kind);
      }),
      { numRuns: 200 },
    );
  });

  it('checks an answer’s shape without a lab', () => {
    expect(answerShapeProblem({})).toBeNull();
    expect(answerShapeProblem({ settings: { 'eip.filter': { enabled: 'no' } } })).toBe('settings["eip.filter"].enabled: give true (Use) or false (Not use)');
    expect(answerShapeProblem({ settings: { 'eip.filter': { enable: true } } })).toContain('"enable" is not a setting of eip.filter');
    expect(answerShapeProblem({ settings: { 'eip.users': [null] } })).toBe('settings["eip.users"][0]: give a user as an object { name, role, password }');
    expect(answerShapeProblem({ hintsUsed: [1] })).toContain('hint');
  });
});
