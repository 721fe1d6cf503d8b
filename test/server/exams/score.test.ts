import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../../machines/grading/lab.ts';
import { drawAttempt, type LabLookup, type PublicItem, type StoredAttempt, type StoredSlot } from '../../../src/server/exams/draw.ts';
import type { ExamContent } from '../../../src/server/exams/item-bank.server.ts';
import type { PublicLab } from '../../../src/server/exams/public-lab.ts';
import type { Blueprint, ItemType } from '../../../src/server/exams/schema.ts';
import { type Responses, scoreAttempt } from '../../../src/server/exams/score.ts';
import { fixture } from '../../labs/lab-fixtures.ts';
import { everyItem, examContent, keyResponse, tokenOf } from './exam-fixtures.ts';

let content: ExamContent;
let lookup: LabLookup;
beforeAll(async () => {
  ({ content, lookup } = await examContent());
});

/** An attempt over the bank items `keep` selects, drawn with `seed`. */
function attemptOver(keep: (type: ItemType, id: string) => boolean, seed = 'score-seed', passMarkPercent = 70) {
  const bank = { ...content.bank, items: content.bank.items.filter((i) => keep(i.type, i.id)) };
  const blueprint: Blueprint = { ...everyItem(bank.items.length), passMarkPercent };
  return drawAttempt(bank, blueprint, seed, lookup);
}

const slotOf = (stored: StoredAttempt, type: ItemType): StoredSlot => {
  const slot = stored.slots.find((s) => s.item.type === type);
  if (!slot) throw new Error(`no ${type} slot`);
  return slot;
};

describe('scoring choice, ordering and matching items', () => {
  it('the key of every item in the bank earns full marks, and the attempt passes', () => {
    const { stored } = attemptOver((type) => type !== 'performance');
    const responses = Object.fromEntries(stored.slots.map((s) => [s.token, keyResponse(s)]));
    const scored = scoreAttempt(stored, responses, lookup);
    for (const item of scored.items) expect(item.credit, item.itemId).toBe(1);
    expect(scored.percent).toBe(100);
    expect(scored.passed).toBe(true);
    expect(scored.problems).toEqual([]);
  });

  it('nothing answered earns nothing and fails', () => {
    const { stored } = attemptOver((type) => type !== 'performance');
    const scored = scoreAttempt(stored, {}, lookup);
    expect(scored.earned).toBe(0);
    expect(scored.passed).toBe(false);
    expect(scored.items.every((i) => !i.answered)).toBe(true);
  });

  it('single: a distractor earns nothing', () => {
    const { stored } = attemptOver((type) => type === 'single');
    const slot = slotOf(stored, 'single');
    if (slot.item.type !== 'single') throw new Error('type');
    const distractor = slot.item.options.find((o) => !o.key)?.id ?? '';
    const scored = scoreAttempt(stored, { [slot.token]: tokenOf(slot, distractor) }, lookup);
    expect(scored.items.find((i) => i.token === slot.token)?.credit).toBe(0);
    expect(scored.items.find((i) => i.token === slot.token)?.chosen).toEqual([distractor]);
  });

  it('multiple: all-or-nothing — missing one key or adding a distractor earns nothing', () => {
    const { stored } = attemptOver((type) => type === 'multiple');
    for (const slot of stored.slots) {
      if (slot.item.type !== 'multiple') continue;
      const keys = slot.item.options.filter((o) => o.key).map((o) => tokenOf(slot, o.id));
      const distractor = tokenOf(slot, slot.item.options.find((o) => !o.key)?.id ?? '');
      const credit = (response: string[]) => scoreAttempt(stored, { [slot.token]: response }, lookup).items.find((i) => i.token === slot.token)?.credit;
      expect(credit(keys)).toBe(1);
      expect(credit([...keys].reverse())).toBe(1);
      expect(credit(keys.slice(1))).toBe(0);
      expect(credit([...keys, distractor])).toBe(0);
    }
  });

  it('ordering: all-or-nothing — two steps swapped earn nothing', () => {
    const { stored } = attemptOver((type) => type === 'ordering');
    for (const slot of stored.slots) {
      const right = keyResponse(slot) as string[];
      const swapped = [right[1], right[0], ...right.slice(2)] as string[];
      const scored = scoreAttempt(stored, { [slot.token]: swapped }, lookup);
      expect(scored.items.find((i) => i.token === slot.token)?.credit).toBe(0);
      expect(scoreAttempt(stored, { [slot.token]: right.slice(0, -1) }, lookup).items.find((i) => i.token === slot.token)?.credit).toBe(0);
    }
  });

  it('matching: partial credit, one share per prompt matched right', () => {
    const { stored } = attemptOver((type) => type === 'matching');
    for (const slot of stored.slots) {
      if (slot.item.type !== 'matching') continue;
      const right = keyResponse(slot) as Record<string, string>;
      const [first, ...rest] = Object.keys(right);
      if (!first) throw new Error('no prompt');
      // Give the first prompt a choice that is not its match.
      const wrongChoice = (slot.choiceOrder ?? []).find((t) => t !== right[first]) ?? '';
      const oneWrong = { ...right, [first]: wrongChoice };
      const credit = (r: Record<string, string>) => scoreAttempt(stored, { [slot.token]: r }, lookup).items.find((i) => i.token === slot.token)?.credit;
      const n = slot.item.prompts.length;
      expect(credit(right)).toBe(1);
      expect(credit(oneWrong)).toBeCloseTo((n - 1) / n);
      expect(credit(Object.fromEntries(rest.slice(0, 1).map((p) => [p, right[p] as string])))).toBeCloseTo(1 / n);
    }
  });

  it('distrusts the browser: ids from another item, another attempt or nowhere earn nothing and are reported', () => {
    const { stored } = attemptOver((type) => type === 'single');
    const [a, b] = stored.slots;
    if (!a || !b) throw new Error('two slots needed');
    const otherItemsKey = keyResponse(b);
    const scored = scoreAttempt(stored, { [a.token]: otherItemsKey, 'i-nosuchitem': 'o-whatever', [b.token]: { not: 'a string' } }, lookup);
    expect(scored.earned).toBe(0);
    expect(scored.problems).toHaveLength(3);
    expect(scored.problems.join('\n')).toContain('i-nosuchitem');
    const foreign = attemptOver((type) => type === 'single', 'another-seed').stored;
    const keyFromOtherAttempt = keyResponse(foreign.slots.find((s) => s.item.id === a.item.id) as StoredSlot);
    expect(scoreAttempt(stored, { [a.token]: keyFromOtherAttempt }, lookup).earned).toBe(0);
  });

  it('passes at the pass mark and fails just below it', () => {
    // Ten one-point single items and a pass mark of 70 %.
    const ids = content.bank.items.filter((i) => i.type === 'single').slice(0, 10).map((i) => i.id);
    const { stored } = attemptOver((_, id) => ids.includes(id), 'pass-mark', 70);
    const rightFor = (count: number): Responses => Object.fromEntries(stored.slots.slice(0, count).map((s) => [s.token, keyResponse(s)]));
    expect(scoreAttempt(stored, rightFor(7), lookup)).toMatchObject({ earned: 7, max: 10, passed: true });
    expect(scoreAttempt(stored, rightFor(6), lookup)).toMatchObject({ earned: 6, max: 10, passed: false });
  });

  it('reports points per blueprint area', () => {
    const exam = content.exams.find((e) => e.id === 'plc-security-foundations');
    if (!exam) throw new Error('no foundations exam');
    const { stored } = drawAttempt(content.bank, exam, 'areas', lookup);
    const responses = Object.fromEntries(stored.slots.filter((s) => s.area === 0).map((s) => [s.token, keyResponse(s)]));
    const scored = scoreAttempt(stored, responses, lookup);
    expect(scored.areas.map((a) => a.title)).toEqual(exam.areas.map((a) => a.title));
    expect(scored.areas[0]?.earned).toBe(scored.areas[0]?.max);
    expect(scored.areas[1]?.earned).toBe(0);
  });
});

describe('scoring performance items with the lab grader', () => {
  /** Labs whose reference answer does not depend on the variant, and a typical wrong answer of each. */
  const CASES = [
    { item: 'perf-dip', lab: '03-dip-write-protection', wrong: 'wrong-nothing-changed.json' },
    { item: 'perf-ports', lab: '05-close-unused-ports', wrong: 'wrong-ftp-left-open.json' },
    { item: 'perf-decommission', lab: '12-decommissioning', wrong: 'wrong-cpu-only.json' },
  ];

  for (const c of CASES) {
    it(`${c.item}: the lab's reference answer earns full marks in the candidate's variant; a weakened one does not`, () => {
      for (const seed of ['p-one', 'p-two']) {
        const { stored } = attemptOver((_, id) => id === c.item, seed);
        const slot = slotOf(stored, 'performance');
        const full = scoreAttempt(stored, { [slot.token]: fixture(c.lab, 'reference.json') }, lookup);
        expect(full.items[0]?.credit).toBe(1);
        expect(full.items[0]?.report?.seed).toBe(slot.labSeed);
        expect(full.earned).toBe(slot.item.points);
        const weak = scoreAttempt(stored, { [slot.token]: fixture(c.lab, c.wrong) }, lookup);
        expect(weak.items[0]?.credit).toBeLessThan(1);
        expect(weak.items[0]?.credit).toBeGreaterThanOrEqual(0);
      }
    });
  }

  /** The right filter answer for the variant the candidate sees, worked out from the public lab alone. */
  function filterAnswerFrom(lab: PublicLab): Answer {
    const ip = (name: string) => lab.network.find((n) => n.name === name)?.ip ?? '';
    const host = (name: string) => ({ ip: ip(name), mask: '255.255.255.255' });
    return {
      settings: { 'eip.filter': { enabled: true, rules: [host('Engineering PC 1'), host('Engineering PC 2'), { ip: ip('HMI panel 1').replace(/\.\d+$/, '.0'), mask: '255.255.255.0' }, host('SCADA server')] } },
      answers: { 'why-sntp-passes': 'client-exempt' },
    };
  }

  it('grades the variant of the attempt seed: solved from the public view it earns full marks, the default-variant answer does not', () => {
    let differed = 0;
    for (const seed of ['v1', 'v2', 'v3', 'v4']) {
      const { stored, public: view } = attemptOver((_, id) => id === 'perf-filter', seed);
      const slot = slotOf(stored, 'performance');
      const shown = view.items[0] as PublicItem;
      if (shown.type !== 'performance') throw new Error('type');
      expect(scoreAttempt(stored, { [slot.token]: filterAnswerFrom(shown.lab) }, lookup).items[0]?.credit).toBe(1);
      const defaultAnswer = scoreAttempt(stored, { [slot.token]: fixture('02-filter-blocks', 'reference.json') }, lookup);
      if ((defaultAnswer.items[0]?.credit ?? 1) < 1) differed++;
    }
    expect(differed).toBeGreaterThan(0);
  });

  it('charges no hint penalty in an exam, and a malformed lab answer earns nothing without throwing', () => {
    const { stored } = attemptOver((_, id) => id === 'perf-ports');
    const slot = slotOf(stored, 'performance');
    const withHints = { ...fixture('05-close-unused-ports', 'reference.json'), hintsUsed: ['walkthrough', 'anything'] };
    expect(scoreAttempt(stored, { [slot.token]: withHints }, lookup).items[0]?.credit).toBe(1);
    const bad = scoreAttempt(stored, { [slot.token]: { settings: 'everything off' } }, lookup);
    expect(bad.earned).toBe(0);
    expect(bad.problems[0]).toContain('the lab answer is malformed');
  });
});

describe('scoring whatever the browser sends (property)', () => {
  it('never throws, never credits outside 0–1, and junk earns nothing', () => {
    const { stored } = attemptOver((type) => type !== 'performance', 'junk');
    const tokens = [...stored.slots.map((s) => s.token), ...stored.slots.flatMap((s) => Object.keys(s.ids)), 'i-zzzzzzzzzzzzzzz', '__proto__', ''];
    const token = fc.constantFrom(...tokens);
    const value = fc.oneof(fc.jsonValue(), token, fc.array(token, { maxLength: 6 }), fc.dictionary(token, token, { maxKeys: 6 }));
    fc.assert(
      fc.property(fc.dictionary(token, value, { maxKeys: 12 }), (responses) => {
        const scored = scoreAttempt(stored, responses, lookup);
        for (const item of scored.items) {
          expect(item.credit).toBeGreaterThanOrEqual(0);
          expect(item.credit).toBeLessThanOrEqual(1);
          if (!Object.hasOwn(responses, item.token)) expect(item.credit).toBe(0);
        }
        expect(scored.earned).toBeLessThanOrEqual(scored.max);
      }),
      { numRuns: 300 },
    );
  });
});

describe('a stored attempt survives the database', () => {
  it('scores the same after a JSON round trip (what a restart does to it)', () => {
    const { stored } = attemptOver((type) => type !== 'performance', 'restart');
    const responses = Object.fromEntries(stored.slots.filter((_, i) => i % 3 !== 0).map((s) => [s.token, keyResponse(s)]));
    const reloaded = JSON.parse(JSON.stringify(stored)) as StoredAttempt;
    expect(scoreAttempt(reloaded, JSON.parse(JSON.stringify(responses)), lookup)).toEqual(scoreAttempt(stored, responses, lookup));
  });

  it('a body that is not an object of responses scores nothing and says so', () => {
    const { stored } = attemptOver((type) => type === 'single', 'bodies');
    for (const body of [null, [], 'all correct', 42]) {
      const scored = scoreAttempt(stored, body as unknown as Responses, lookup);
      expect(scored.earned).toBe(0);
      expect(scored.problems).toEqual(['the responses are not an object keyed by item: nothing was scored']);
    }
  });
});
