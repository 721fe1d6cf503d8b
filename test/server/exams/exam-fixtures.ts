/** Shared by the exam tests: the bank and labs as the server loads them, and answer builders. */
import type { Lab } from '../../../machines/grading/lab.ts';
import type { LabLookup, StoredSlot } from '../../../src/server/exams/draw.ts';
import { loadExamContent, type ExamContent } from '../../../src/server/exams/item-bank.server.ts';
import { type Blueprint, ITEM_TYPES } from '../../../src/server/exams/schema.ts';
import type { Response } from '../../../src/server/exams/score.ts';
import { allLabs } from '../../labs/lab-fixtures.ts';

let cache: Promise<{ content: ExamContent; labs: Lab[] }> | undefined;

/** The bank, blueprints and labs in content/ (loaded once per test file). */
export function examContent(): Promise<{ content: ExamContent; labs: Lab[]; lookup: LabLookup }> {
  cache ??= allLabs().then(async (labs) => ({ labs, content: await loadExamContent(labs.map((l) => l.id)) }));
  return cache.then(({ content, labs }) => ({ content, labs, lookup: (id: string) => labs.find((l) => l.id === id) }));
}

/** A blueprint that draws every item of a bank of `size` items, in one area. */
export function everyItem(size: number): Blueprint {
  return {
    id: 'everything',
    title: 'Every item of the bank',
    areas: [{ title: 'All', sections: ['§1', '§2', '§3', '§4', '§A'], types: [...ITEM_TYPES], count: size }],
    timeLimitMinutes: 60,
    passMarkPercent: 70,
    attemptLimit: 1,
    waitHoursBetweenAttempts: 0,
  };
}

/** The opaque id the slot gave a bank id. */
export function tokenOf(slot: StoredSlot, bankId: string, among: readonly string[] = [...slot.order, ...(slot.choiceOrder ?? [])]): string {
  const token = among.find((t) => slot.ids[t] === bankId);
  if (!token) throw new Error(`no token for ${bankId} in ${slot.item.id}`);
  return token;
}

/** The fully right response to a choice, ordering or matching slot (what a perfect candidate sends). */
export function keyResponse(slot: StoredSlot): Response {
  const { item } = slot;
  switch (item.type) {
    case 'single':
      return tokenOf(slot, item.options.find((o) => o.key)?.id ?? '');
    case 'multiple':
      return item.options.filter((o) => o.key).map((o) => tokenOf(slot, o.id));
    case 'ordering':
      return item.steps.map((s) => tokenOf(slot, s.id));
    case 'matching':
      return Object.fromEntries(item.prompts.map((p) => [tokenOf(slot, p.id, slot.order), tokenOf(slot, p.match, slot.choiceOrder)]));
    case 'performance':
      throw new Error('performance items are answered with a lab answer');
  }
}
