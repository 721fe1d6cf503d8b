import { describe, expect, it } from 'vitest';
import { FUNCTIONS, functionsCountering, STRIDE, STRIDE_NAMES } from '../../machines/catalog/threats.ts';
import { gradeItem } from '../../src/quiz/quiz-rules.ts';
import { loadQuiz, quizItem } from './quiz-files.ts';

/** Claims issue 8 found wrong in lessons 16 and 19, checked against the guideline's data. */

describe('lesson 16 quiz: the operation log does not hold the repudiation mark alone', () => {
  const { items } = loadQuiz('16-operation-log');
  const threat = quizItem(items, 'threat');

  it('§2-6-1 the marked answer is the threat the operation log table marks', () => {
    if (threat.kind !== 'single') throw new Error('threat must be a single-choice item');
    const stride = FUNCTIONS['operation-log'].stride;
    if (stride === 'not-stated') throw new Error('§2-6-1 has a threat table');
    const marked = STRIDE.filter((l) => stride[l]).map((l) => STRIDE_NAMES[l]);
    expect(threat.options.filter((o) => o.correct).map((o) => o.text)).toEqual(marked);
  });

  it('§2-3-1 the feedback names every other function marked against repudiation', () => {
    const others = functionsCountering('R').filter((id) => id !== 'operation-log');
    expect(others.length).toBeGreaterThan(0);
    for (const id of others) expect(threat.feedback.toLowerCase()).toContain(FUNCTIONS[id].title.toLowerCase());
  });
});

describe('lesson 19 quiz grades only orders the guideline fixes', () => {
  const { items } = loadQuiz('19-safe-disposal');
  const orderings = items.filter((i) => i.kind === 'ordering');

  it('§4-1 no ordering item ranks Memory All Clear against Restart Unit', () => {
    for (const o of orderings) {
      const texts = o.steps.map((s) => s.text.toLowerCase());
      const clears = texts.some((t) => t.includes('memory all clear') || t.includes('clear all memory'));
      const restarts = texts.some((t) => t.includes('restart'));
      expect(clears && restarts, `${o.id} puts both erasures in one order`).toBe(false);
    }
  });

  it('§4-1-2 the restart procedure is graded right in the guideline order and wrong in any other', () => {
    const steps = quizItem(items, 'restart-steps');
    if (steps.kind !== 'ordering') throw new Error('restart-steps must be an ordering item');
    const ids = steps.steps.map((s) => s.id);
    expect(ids).toEqual(['connect', 'restart', 'option']);
    expect(gradeItem(steps, { kind: 'ordering', order: ids }).correct).toBe(true);
    expect(gradeItem(steps, { kind: 'ordering', order: ['restart', 'connect', 'option'] }).correct).toBe(false);
    expect(gradeItem(steps, { kind: 'ordering', order: ['connect', 'option', 'restart'] }).correct).toBe(false);
  });

  it('§4-1 the order of the two erasures is asked as a question whose answer is "no fixed order"', () => {
    const first = quizItem(items, 'which-first');
    expect(gradeItem(first, { kind: 'single', choice: 'either' }).correct).toBe(true);
    for (const wrong of ['clear-first', 'restart-first', 'one-is-enough']) {
      expect(gradeItem(first, { kind: 'single', choice: wrong }).correct).toBe(false);
    }
  });
});

describe('lesson 11 quiz grades only the order §2-5-1 fixes', () => {
  const { items } = loadQuiz('11-dip-switch-write-protection');
  const steps = quizItem(items, 'procedure');
  if (steps.kind !== 'ordering') throw new Error('procedure must be an ordering item');

  it('§2-5-1 the password and the check box are one step, before going online and transferring', () => {
    const setUp = steps.steps.filter((s) => /password/i.test(s.text) && /prohibit from overwriting/i.test(s.text));
    expect(setUp.map((s) => s.id)).toEqual([steps.steps[0]?.id]);
    const ids = steps.steps.map((s) => s.id);
    expect(gradeItem(steps, { kind: 'ordering', order: ids }).correct).toBe(true);
    expect(gradeItem(steps, { kind: 'ordering', order: [...ids].reverse() }).correct).toBe(false);
  });
});

describe('lesson 8 quiz: operation authority verification is not marked against elevation of privilege', () => {
  const { items } = loadQuiz('08-user-authentication');
  const notMarked = quizItem(items, 'not-marked');

  it('§2-4-1 has no threat grid, and the feedback names the function that is marked', () => {
    expect(FUNCTIONS['operation-authority'].stride).toBe('not-stated');
    for (const id of functionsCountering('E')) {
      expect(notMarked.feedback.toLowerCase()).toContain(FUNCTIONS[id].title.toLowerCase());
    }
  });
});
