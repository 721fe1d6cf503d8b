import { describe, expect, it } from 'vitest';
import {
  AVAILABILITY,
  CPU_MODEL_IDS,
  CPU_MODELS,
  functionsOffered,
  replacementAdvice,
  secureCommPossibility,
} from '../../machines/catalog/catalog.ts';
import type { CpuModelId, FunctionId } from '../../machines/model.ts';
import { FUNCTIONS, FUNCTIONS_IN_ORDER, functionsCountering, STRIDE, STRIDE_NAMES } from '../../machines/catalog/threats.ts';
import { LAYER_LABELS } from '../../src/widgets/ThreatExplorerWidget/threat-view.ts';
import type { QuizItem } from '../../src/schemas/quiz.ts';
import { loadQuiz, quizItem } from './quiz-files.ts';

/** The answers in lessons 3 and 4's quizzes must be what the machines say, not a second copy. */

function correctTexts(i: QuizItem): string[] {
  if (i.kind !== 'single' && i.kind !== 'multiple') throw new Error(`${i.id} is not a choice item`);
  return i.options.filter((o) => o.correct).map((o) => o.text);
}

const titles = (ids: readonly FunctionId[]) => ids.map((id) => FUNCTIONS[id].title);
const markedNames = (id: FunctionId) => {
  const stride = FUNCTIONS[id].stride;
  return stride === 'not-stated' ? [] : STRIDE.filter((l) => stride[l]).map((l) => STRIDE_NAMES[l]);
};
const functionTitled = (title: string) => FUNCTIONS_IN_ORDER.find((f) => f.title === title)?.id;
const cpModels = CPU_MODEL_IDS.filter((id) => CPU_MODELS[id].series === 'CP');

describe('lesson 3 quiz agrees with machines/catalog/threats.ts', () => {
  const { items } = loadQuiz('03-threat-table');

  it('§2-2-2 §2-3-1 the spoofing answer is functionsCountering("S")', () => {
    expect(correctTexts(quizItem(items, 'spoofing')).sort()).toEqual(titles(functionsCountering('S')).sort());
  });

  it('§2-5-4 the elevation answer is functionsCountering("E")', () => {
    expect(correctTexts(quizItem(items, 'elevation'))).toEqual(titles(functionsCountering('E')));
  });

  it('§2-4-1 operation authority verification is not stated', () => {
    expect(FUNCTIONS['operation-authority'].stride).toBe('not-stated');
  });

  it('§2-5-1 §2-6-1 §2-5-4 each matched function marks exactly the matched threat', () => {
    const matching = quizItem(items, 'single-marks');
    if (matching.kind !== 'matching') throw new Error('single-marks must be a matching item');
    for (const pair of matching.pairs) {
      const id = functionTitled(pair.left);
      expect(id, pair.left).toBeDefined();
      if (id) expect(markedNames(id)).toEqual([pair.right]);
    }
  });

  it('§1-3 the operation log layer answer is its layer label', () => {
    expect(correctTexts(quizItem(items, 'log-layer'))).toEqual([LAYER_LABELS[FUNCTIONS['operation-log'].layer]]);
  });

  it('§2-2-1 the IP filtering answer is its marks', () => {
    expect(correctTexts(quizItem(items, 'network-marks')).sort()).toEqual(markedNames('ip-filter').sort());
  });
});

describe('lesson 4 quiz agrees with machines/catalog/catalog.ts', () => {
  const { items } = loadQuiz('04-what-your-hardware-offers');

  it('§1-4 a CJ2H with a CJ1W-EIP21 is told to replace it with the CJ1W-EIP21S', () => {
    const steps = replacementAdvice('CJ2H', 'CJ1W-EIP21').steps;
    expect(steps.some((s) => s.kind === 'replace-unit' && s.unit === 'CJ1W-EIP21S')).toBe(true);
    expect(correctTexts(quizItem(items, 'eip21-no-s'))[0]).toContain('CJ1W-EIP21S');
  });

  it('§1-5-2 a CP1H gains exactly the functions its table gives "with EIP21S"', () => {
    const gains = (Object.keys(AVAILABILITY.CP1H) as FunctionId[]).filter((fn) => AVAILABILITY.CP1H[fn] === 'with-eip21s');
    expect(correctTexts(quizItem(items, 'cp1h-gains')).sort()).toEqual(titles(gains).sort());
    const offers = functionsOffered('CP1H', 'CJ1W-EIP21S');
    for (const fn of gains) expect(offers[fn].offered).toBe(true);
  });

  it('§1-5-1 only CJ-series CPUs register a PLC name, by themselves', () => {
    for (const cpu of CPU_MODEL_IDS) {
      expect(AVAILABILITY[cpu]['plc-name']).toBe(CPU_MODELS[cpu].series === 'CJ' ? 'cpu-only' : 'none');
    }
    expect(correctTexts(quizItem(items, 'plc-name-series'))[0]).toMatch(/^CJ-series CPU Units only/);
  });

  it('§2-1-1 only the option marked correct is a possible Secure Comm connection', () => {
    const cases: Record<string, boolean> = {
      'cs-eip21s': secureCommPossibility('CS1G/H', 'CS1W-EIP21S', 'network').possible,
      'cj2m-builtin': secureCommPossibility('CJ2M-EIP', undefined, 'network').possible,
      cp1h: secureCommPossibility('CP1H', 'CJ1W-EIP21S', 'network').possible,
      usb: secureCommPossibility('CS1G/H', 'CS1W-EIP21S', 'usb').possible,
    };
    const choice = quizItem(items, 'secure-comm-ok');
    if (choice.kind !== 'single') throw new Error('secure-comm-ok must be a single-choice item');
    expect(choice.options.map((o) => o.id).sort()).toEqual(Object.keys(cases).sort());
    for (const option of choice.options) expect(option.correct, option.id).toBe(cases[option.id]);
  });

  const cpWith = (fn: FunctionId, availability: string): CpuModelId[] =>
    cpModels.filter((id) => AVAILABILITY[id][fn] === availability);

  it('§2-5-1 the CP models without DIP switch write protection', () => {
    expect(correctTexts(quizItem(items, 'no-dip-switch')).sort()).toEqual(cpWith('dip-switch', 'none').sort());
  });

  it('§2-5-3 the CP model with FINS write protection', () => {
    expect(correctTexts(quizItem(items, 'fins-write-cp'))).toEqual(cpWith('fins-write-protection', 'cpu-only'));
  });
});
