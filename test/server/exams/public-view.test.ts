/**
 * No key reaches the browser: for every item of the bank, the public view carries the stem and
 * the options under opaque ids and nothing of the key — no key flag or other key field, no bank
 * id, no rationale, no lab hint or objective hint. Automated over the whole bank and several
 * seeds, so a new item or field that leaks fails here. The exam workbench island's props (what
 * the attempt page serializes for a performance item) are held to the same list.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Lab } from '../../../machines/grading/lab.ts';
import { examWorkbenchProps } from '../../../src/server/exam-flow/form.server.ts';
import { drawAttempt, type LabLookup } from '../../../src/server/exams/draw.ts';
import type { ExamContent } from '../../../src/server/exams/item-bank.server.ts';
import { OPAQUE_ID } from '../../../src/server/exams/random.ts';
import { everyItem, examContent } from './exam-fixtures.ts';

let content: ExamContent;
let labs: Lab[];
let lookup: LabLookup;
beforeAll(async () => {
  ({ content, labs, lookup } = await examContent());
});

/** Field names that belong to the key or the grading, in items and in labs. */
const KEY_FIELDS = ['key', 'correct', 'match', 'rationale', 'feedback', 'hint', 'hints', 'cost', 'expected', 'derive', 'checks', 'objectives', 'expect', 'traffic', 'history', 'equivalentMutations', 'section', 'difficulty', 'itemId', 'ids', 'labSeed', 'seed'];

/** Every key of every object in a JSON value, and every string in it. */
function walk(value: unknown, keys: Set<string>, strings: string[], idValues: string[]): void {
  if (Array.isArray(value)) for (const v of value) walk(v, keys, strings, idValues);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      keys.add(k);
      if (k === 'id' && typeof v === 'string') idValues.push(v);
      walk(v, keys, strings, idValues);
    }
  } else if (typeof value === 'string') strings.push(value);
}

describe('the public view of an attempt', () => {
  for (const seed of ['first-seed', 'second-seed', 'third-seed']) {
    it(`leaks no key for any item of the bank (seed "${seed}")`, () => {
      const { stored, public: view } = drawAttempt(content.bank, everyItem(content.bank.items.length), seed, lookup);
      expect(view.items).toHaveLength(content.bank.items.length);
      for (const [i, item] of view.items.entries()) {
        const slot = stored.slots[i];
        if (!slot) throw new Error('slot missing');
        const keys = new Set<string>();
        const strings: string[] = [];
        const ids: string[] = [];
        walk(item, keys, strings, ids);
        const json = JSON.stringify(item);
        const name = slot.item.id;
        for (const field of KEY_FIELDS) expect(keys.has(field), `${name} has a "${field}" field`).toBe(false);
        expect(json, `${name} carries its rationale`).not.toContain(slot.item.rationale);
        expect(strings, `${name} carries its bank id`).not.toContain(slot.item.id);
        if (slot.item.type === 'performance') {
          const lab = labs.find((l) => l.id === (slot.item.type === 'performance' ? slot.item.lab : ''));
          if (!lab) throw new Error('lab missing');
          for (const hint of lab.hints) expect(json, `${name} carries the hint "${hint.id}"`).not.toContain(hint.text);
          for (const o of lab.objectives) if (o.hint) expect(json, `${name} carries objective hint "${o.id}"`).not.toContain(o.hint);
          // The lab's own question ids stay (answers are stored under them); nothing else is named by a bank id.
          const questionIds = new Set(lab.objectives.filter((o) => o.kind === 'question').flatMap((o) => [o.id, ...(o.kind === 'question' ? (o.options ?? []).map((x) => x.id) : [])]));
          for (const id of ids) expect(id === item.id || questionIds.has(id), `${name}: id ${id}`).toBe(true);
        } else {
          // Every id the browser sees is opaque and none is a bank id of the item's options.
          const bankIds = new Set(Object.values(slot.ids));
          for (const id of ids) {
            expect(id).toMatch(OPAQUE_ID);
            expect(bankIds.has(id)).toBe(false);
          }
          // The public item holds exactly: type, id, stem, points and its options.
          expect([...keys].filter((k) => !['id', 'text'].includes(k)).sort()).toEqual(
            ['points', 'stem', 'type', ...(item.type === 'matching' ? ['prompts', 'choices'] : item.type === 'ordering' ? ['steps'] : ['options'])].sort(),
          );
        }
      }
      // Nothing of the stored side appears in the whole public attempt either.
      const whole = JSON.stringify(view);
      expect(whole).not.toContain(stored.seed);
    });
  }
});

describe('the exam workbench island’s props', () => {
  it('carry, for every performance item, no objective check, expected answer, hint, traffic step or history step', () => {
    const { public: view } = drawAttempt(content.bank, everyItem(content.bank.items.length), 'island-seed', lookup);
    const performance = view.items.filter((i) => i.type === 'performance');
    expect(performance.length).toBeGreaterThanOrEqual(10);
    for (const item of performance) {
      const lab = labs.find((l) => l.title === item.lab.title);
      if (!lab) throw new Error(`no lab titled ${item.lab.title}`);
      // What Astro serializes into the page for the island: its props, as JSON.
      const props = examWorkbenchProps(item);
      const json = JSON.stringify(props);
      const keys = new Set<string>();
      walk(props, keys, [], []);
      for (const field of KEY_FIELDS) expect(keys.has(field), `${lab.id}: the island gets a "${field}" field`).toBe(false);
      for (const hint of lab.hints) expect(json, `${lab.id}: hint ${hint.id}`).not.toContain(hint.text);
      for (const o of lab.objectives) {
        if (o.hint) expect(json, `${lab.id}: objective hint ${o.id}`).not.toContain(o.hint);
        // A choice question's expected answer is one of its option ids, which travel with the options.
        const typed = o.kind === 'question' && o.format !== 'choice' && o.format !== 'choices';
        if (typed && typeof o.expected === 'string' && o.expected.length >= 8) expect(json, `${lab.id}: expected answer of ${o.id}`).not.toContain(o.expected);
      }
      // Neither the traffic suite (with its expectations) nor the history travels: none of their steps' words
      // beyond what the briefing and its requirements tell the candidate anyway.
      const told = [item.lab.briefing, ...item.lab.requirements].join('\n');
      const steps = [...lab.traffic, ...lab.history].filter((s) => !told.includes(s.label));
      expect(steps.length, lab.id).toBeGreaterThan(0);
      for (const step of steps) expect(json, `${lab.id}: step ${step.id}`).not.toContain(step.label);
      expect(props.fieldId).toBe(`answer-${item.id}`);
    }
  });
});
