import { beforeAll, describe, expect, it } from 'vitest';
import type { Lab } from '../../../machines/grading/lab.ts';
import { drawAttempt, type LabLookup, type PublicItem } from '../../../src/server/exams/draw.ts';
import type { ExamContent } from '../../../src/server/exams/item-bank.server.ts';
import { OPAQUE_ID } from '../../../src/server/exams/random.ts';
import { type Blueprint, fitsArea } from '../../../src/server/exams/schema.ts';
import { everyItem, examContent } from './exam-fixtures.ts';

let content: ExamContent;
let labs: Lab[];
let lookup: LabLookup;
let practitioner: Blueprint;
beforeAll(async () => {
  ({ content, labs, lookup } = await examContent());
  const exam = content.exams.find((e) => e.id === 'plc-security-practitioner');
  if (!exam) throw new Error('no practitioner exam');
  practitioner = exam;
});

const SEED_A = '6f1c0e0b8a4d4b7e9f2a31c5d7e8f901';
const SEED_B = '0a9b8c7d6e5f40312233445566778899';

describe('drawing an attempt', () => {
  it('is deterministic: the same seed gives the same items, orders and opaque ids', () => {
    const first = drawAttempt(content.bank, practitioner, SEED_A, lookup);
    const again = drawAttempt(content.bank, practitioner, SEED_A, lookup);
    expect(again).toEqual(first);
  });

  it('respects the blueprint: each area draws its count of fitting items, none twice', () => {
    for (const seed of [SEED_A, SEED_B, 'x', 'another seed']) {
      const { stored } = drawAttempt(content.bank, practitioner, seed, lookup);
      const total = practitioner.areas.reduce((sum, a) => sum + a.count, 0);
      expect(stored.slots).toHaveLength(total);
      expect(new Set(stored.slots.map((s) => s.item.id)).size).toBe(total);
      for (const [index, area] of practitioner.areas.entries()) {
        const mine = stored.slots.filter((s) => s.area === index);
        expect(mine).toHaveLength(area.count);
        for (const slot of mine) expect(fitsArea(slot.item, area), `${slot.item.id} in ${area.title}`).toBe(true);
      }
      expect(stored.slots.filter((s) => s.item.type === 'performance').length).toBeGreaterThanOrEqual(2);
      expect(stored.passMarkPercent).toBe(practitioner.passMarkPercent);
    }
  });

  it('differs across seeds: other items, and the same item with its options in another order', () => {
    const a = drawAttempt(content.bank, practitioner, SEED_A, lookup).stored;
    const b = drawAttempt(content.bank, practitioner, SEED_B, lookup).stored;
    expect(a.slots.map((s) => s.item.id)).not.toEqual(b.slots.map((s) => s.item.id));
    // Over the whole bank, two candidates see most multi-option items in different orders.
    const all = everyItem(content.bank.items.length);
    const x = drawAttempt(content.bank, all, SEED_A, lookup).stored;
    const y = drawAttempt(content.bank, all, SEED_B, lookup).stored;
    const textOrder = (slotItem: PublicItem) => (slotItem.type === 'single' || slotItem.type === 'multiple' ? slotItem.options.map((o) => o.text).join('|') : '');
    const px = drawAttempt(content.bank, all, SEED_A, lookup).public.items;
    const py = drawAttempt(content.bank, all, SEED_B, lookup).public.items;
    const byStem = new Map(py.map((i) => [i.stem, textOrder(i)]));
    const choice = px.filter((i) => i.type === 'single' || i.type === 'multiple');
    const reordered = choice.filter((i) => byStem.get(i.stem) !== textOrder(i));
    expect(reordered.length).toBeGreaterThan(choice.length / 2);
    // Opaque ids never repeat between attempts.
    const idsX = new Set(x.slots.map((s) => s.token));
    expect(y.slots.some((s) => idsX.has(s.token))).toBe(false);
  });

  it('gives every item and option an opaque id unrelated to the bank ids, unique in the attempt', () => {
    const { stored } = drawAttempt(content.bank, everyItem(content.bank.items.length), SEED_A, lookup);
    const tokens = stored.slots.flatMap((s) => [s.token, ...Object.keys(s.ids)]);
    expect(new Set(tokens).size).toBe(tokens.length);
    for (const token of tokens) expect(token).toMatch(OPAQUE_ID);
    const bankIds = new Set(stored.slots.flatMap((s) => [s.item.id, ...Object.values(s.ids)]));
    for (const token of tokens) expect(bankIds.has(token)).toBe(false);
  });

  it('never shows an ordering item already in the right order', () => {
    for (const seed of Array.from({ length: 20 }, (_, i) => `seed-${i}`)) {
      const { stored } = drawAttempt(content.bank, everyItem(content.bank.items.length), seed, lookup);
      for (const slot of stored.slots) {
        if (slot.item.type !== 'ordering') continue;
        expect(slot.order.map((t) => slot.ids[t])).not.toEqual(slot.item.steps.map((s) => s.id));
      }
    }
  });

  it('gives each performance item a lab variant from the attempt seed, shown with the variant addresses', () => {
    const bank = { ...content.bank, items: content.bank.items.filter((i) => i.id === 'perf-filter') };
    const one: Blueprint = { ...practitioner, areas: [{ title: 'Filter', sections: ['§2-2-1'], types: ['performance'], count: 1 }] };
    const seeds = ['s1', 's2', 's3', 's4', 's5', 's6'];
    const briefings = new Set(
      seeds.map((seed) => {
        const item = drawAttempt(bank, one, seed, lookup).public.items[0];
        return item?.type === 'performance' ? item.lab.briefing : '';
      }),
    );
    expect(briefings.size).toBeGreaterThan(1);
    expect(labs.length).toBeGreaterThan(0);
  });

  it('refuses a blueprint the bank cannot fill, naming the exam and area', () => {
    const greedy: Blueprint = { ...practitioner, areas: [{ title: 'Too many', sections: ['§3'], count: 20 }] };
    expect(() => drawAttempt(content.bank, greedy, SEED_A, lookup)).toThrow('exam "plc-security-practitioner", area "Too many": needs 20 items, the bank has 4 that fit');
  });
});
