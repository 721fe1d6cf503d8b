/**
 * The review of a submitted attempt: each item with its key, what the candidate chose and the
 * rationale. Only for after submission — the one place the key and rationale are meant to
 * leave the server, so the page that shows results must check the attempt is submitted first.
 * Pure.
 */
import type { StoredAttempt, StoredSlot } from './draw.ts';
import type { ScoredAttempt, ScoredItem } from './score.ts';
import type { ItemType } from './schema.ts';

/** One option, step, prompt or choice as reviewed. */
export interface ReviewedPart {
  text: string;
  /** Choice items: part of the key. Ordering: its right position (1-based). Matching prompts: the text of the right choice. */
  key: boolean | number | string;
  /** Choice items: chosen. Ordering: the position the candidate gave (1-based), 0 when left out. Matching prompts: the text chosen, "" when none. */
  chosen: boolean | number | string;
}

/** One reviewed item. */
export interface ReviewedItem {
  stem: string;
  type: ItemType;
  section: string;
  points: number;
  earned: number;
  /** Options in the order shown (single, multiple), steps in the right order (ordering), prompts (matching); empty for performance. */
  parts: ReviewedPart[];
  rationale: string;
  /** Performance items: the lab grader's objective results, one line each. */
  objectives?: { title: string; passed: boolean; reason: string }[];
}

/** The review of every item, in the order the candidate saw them. */
export function reviewAttempt(stored: StoredAttempt, scored: ScoredAttempt): ReviewedItem[] {
  return stored.slots.map((slot) => reviewSlot(slot, scored.items.find((i) => i.token === slot.token)));
}

function reviewSlot(slot: StoredSlot, result: ScoredItem | undefined): ReviewedItem {
  const chosen = result?.chosen ?? [];
  const { item } = slot;
  const base = { stem: item.stem, type: item.type, section: item.section, points: item.points, earned: result?.earned ?? 0, rationale: item.rationale };
  const bankIdOf = (token: string) => slot.ids[token] as string;
  switch (item.type) {
    case 'single':
    case 'multiple': {
      const byId = new Map(item.options.map((o) => [o.id, o]));
      return { ...base, parts: slot.order.map((t) => ({ text: byId.get(bankIdOf(t))?.text ?? '', key: byId.get(bankIdOf(t))?.key ?? false, chosen: chosen.includes(bankIdOf(t)) })) };
    }
    case 'ordering':
      return { ...base, parts: item.steps.map((s, i) => ({ text: s.text, key: i + 1, chosen: chosen.indexOf(s.id) + 1 })) };
    case 'matching': {
      const choiceText = new Map(item.choices.map((c) => [c.id, c.text]));
      const given = new Map(chosen.map((pair) => pair.split('=') as [string, string]));
      return {
        ...base,
        parts: item.prompts.map((p) => ({ text: p.text, key: choiceText.get(p.match) ?? '', chosen: choiceText.get(given.get(p.id) ?? '') ?? '' })),
      };
    }
    case 'performance':
      return { ...base, parts: [], objectives: (result?.report?.objectives ?? []).map((o) => ({ title: o.title, passed: o.passed, reason: o.reason })) };
  }
}
