import { describe, expect, it } from 'vitest';
import { itemAnalysis, MIN_RESPONSES_FOR_FLAGS } from '../../../src/server/exams/analysis.ts';
import type { ExamItem, ItemBank } from '../../../src/server/exams/schema.ts';
import { drawAttempt } from '../../../src/server/exams/draw.ts';
import { type ScoredAttempt, type ScoredItem, scoreAttempt } from '../../../src/server/exams/score.ts';
import { everyItem, examContent, tokenOf } from './exam-fixtures.ts';

const single = (id: string, options: [string, boolean][]): ExamItem => ({
  id,
  type: 'single',
  section: '§2-2-1',
  difficulty: 2,
  stem: `Constructed item ${id} for the analysis test`,
  rationale: 'A constructed rationale long enough for the schema (§2-2-1).',
  points: 1,
  options: options.map(([oid, key]) => ({ id: oid, text: `Option ${oid}`, key })),
});

const FILLERS = Array.from({ length: 10 }, (_, i) => single(`filler-${i}`, [['k', true], ['x', false], ['y', false]]));
const BANK: ItemBank = {
  items: [
    single('good', [['k', true], ['d', false], ['e', false]]),
    single('miskeyed', [['k', true], ['d', false], ['e', false]]),
    single('easy', [['k', true], ['d', false], ['e', false]]),
    single('tempting', [['k', true], ['d', false], ['e', false]]),
    ...FILLERS,
  ],
  files: {},
};

/** One scored response: the option chosen and whether it is the key. */
const response = (itemId: string, chosen: string): ScoredItem => {
  const right = chosen === 'k';
  return { token: `i-${itemId}`, itemId, type: 'single', section: '§2-2-1', area: 0, points: 1, credit: right ? 1 : 0, earned: right ? 1 : 0, answered: true, chosen: [chosen] };
};

/**
 * Thirty candidates of rising ability 0…29. The fillers track ability; "good" is right for the
 * stronger half; "miskeyed" is right only for the weak (the strong pick "d", as if "d" were the
 * real answer); "easy" is right for all; in "tempting" the strong group prefers the distractor "d"
 * over the key while the weak pick "e", so discrimination stays positive but the key is suspect.
 */
function attempts(count = 30): ScoredAttempt[] {
  return Array.from({ length: count }, (_, ability) => {
    const items = [
      ...FILLERS.map((f, i) => response(f.id, i < ability / 3 ? 'k' : 'x')),
      response('good', ability >= 15 ? 'k' : 'e'),
      response('miskeyed', ability < 12 ? 'k' : 'd'),
      response('easy', 'k'),
      response('tempting', ability < 15 ? 'e' : ability % 3 === 0 ? 'k' : 'd'),
    ];
    const earned = items.reduce((s, i) => s + i.earned, 0);
    return { examId: 'constructed', items, areas: [], earned, max: items.length, percent: (earned / items.length) * 100, passed: earned >= 10, problems: [] };
  });
}

const stats = (id: string, count?: number) => {
  const found = itemAnalysis(attempts(count), BANK).find((s) => s.itemId === id);
  if (!found) throw new Error(`no statistics for ${id}`);
  return found;
};

describe('item analysis', () => {
  it('facility is the share of candidates who got the item right', () => {
    expect(stats('good').facility).toBeCloseTo(0.5);
    expect(stats('miskeyed').facility).toBeCloseTo(12 / 30);
    expect(stats('easy').facility).toBe(1);
    expect(stats('good').responses).toBe(30);
  });

  it('a good item discriminates: high item–rest correlation, top group right and bottom group wrong', () => {
    const good = stats('good');
    expect(good.pointBiserial).toBeGreaterThan(0.5);
    expect(good.upperLower).toBe(1);
    expect(good.looksMiskeyed).toBe(false);
    expect(good.reasons).toEqual([]);
  });

  it('an item everyone gets right has no correlation to report and is not flagged', () => {
    expect(stats('easy').pointBiserial).toBeNull();
    expect(stats('easy').upperLower).toBe(0);
    expect(stats('easy').looksMiskeyed).toBe(false);
  });

  it('flags an item whose strong candidates pick a distractor and whose discrimination is negative', () => {
    const miskeyed = stats('miskeyed');
    expect(miskeyed.pointBiserial).toBeLessThan(0);
    expect(miskeyed.upperLower).toBeLessThan(-0.5);
    expect(miskeyed.looksMiskeyed).toBe(true);
    expect(miskeyed.reasons.join(' ')).toMatch(/did worse on this item/);
    expect(miskeyed.reasons.join(' ')).toContain('the distractor "Option d" more often than the key (8 against 0)');
    expect(miskeyed.options?.find((o) => o.id === 'd')).toMatchObject({ key: false, upper: 8 });
  });

  it('flags a distractor the top group prefers to the key even when discrimination is positive', () => {
    const tempting = stats('tempting');
    expect(tempting.pointBiserial).toBeGreaterThan(0);
    expect(tempting.looksMiskeyed).toBe(true);
    expect(tempting.reasons).toHaveLength(1);
    expect(tempting.reasons[0]).toContain('"Option d"');
  });

  it('does not flag anything on too few responses', () => {
    const few = MIN_RESPONSES_FOR_FLAGS - 1;
    // The weakest candidates only, so that the miskeyed item would still look odd with more data.
    expect(itemAnalysis(attempts(few), BANK).some((s) => s.looksMiskeyed)).toBe(false);
    expect(stats('miskeyed', MIN_RESPONSES_FOR_FLAGS + 10).looksMiskeyed).toBe(true);
  });

  it('lists only items that were drawn, in bank order', () => {
    const drawnIds = itemAnalysis(attempts(), BANK).map((s) => s.itemId);
    expect(drawnIds).toEqual(BANK.items.map((i) => i.id));
    expect(itemAnalysis([], BANK)).toEqual([]);
  });
});

describe('item analysis over real draws and scores', () => {
  it('finds the one item whose stored key is wrong among twenty real items', async () => {
    const { content, lookup } = await examContent();
    const items = content.bank.items.filter((i) => i.type === 'single').slice(0, 20);
    const victim = items[7];
    if (victim?.type !== 'single') throw new Error('no victim');
    // The author marked a distractor as the key; candidates who know the topic pick the real answer.
    const realKey = victim.options.find((o) => o.key)?.id as string;
    const wrongKey = victim.options.find((o) => !o.key)?.id as string;
    const miskeyed = { ...victim, options: victim.options.map((o) => ({ ...o, key: o.id === wrongKey })) };
    const bank = { items: items.map((i) => (i.id === victim.id ? miskeyed : i)), files: {} };
    const scored = Array.from({ length: 40 }, (_, ability) => {
      const { stored } = drawAttempt(bank, everyItem(bank.items.length), `candidate-${ability}`, lookup);
      // A candidate of ability a knows the first a/2 items of the twenty (and the victim when a ≥ 20).
      const responses = Object.fromEntries(
        stored.slots.map((slot, i) => {
          if (slot.item.type !== 'single') throw new Error('type');
          const knows = slot.item.id === victim.id ? ability >= 20 : i < ability / 2;
          const pick = slot.item.id === victim.id ? (knows ? realKey : wrongKey) : knows ? (slot.item.options.find((o) => o.key)?.id as string) : (slot.item.options.find((o) => !o.key)?.id as string);
          return [slot.token, tokenOf(slot, pick)];
        }),
      );
      return scoreAttempt(stored, responses, lookup);
    });
    const flagged = itemAnalysis(scored, bank).filter((s) => s.looksMiskeyed);
    expect(flagged.map((s) => s.itemId)).toEqual([victim.id]);
  });
});
