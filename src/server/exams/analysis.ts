/**
 * Item analysis over a set of scored attempts, for the instructor's dashboard and for authors
 * revising the bank: how hard each item was, whether it tells strong candidates from weak ones,
 * and whether its key looks wrong.
 *
 * - Facility (the p-value): the mean credit candidates earned on the item, 0–1.
 * - Discrimination, two ways: the point-biserial correlation between the item's credit and the
 *   candidate's score on the rest of the attempt (the item itself left out, so it cannot correlate
 *   with itself), and the upper–lower index: facility among the top 27 % of candidates by score
 *   minus facility among the bottom 27 %.
 * - Looks miskeyed: with enough responses, an item whose discrimination is negative (strong
 *   candidates get it wrong more often than weak ones), or a choice item where the strong group
 *   picks some distractor more often than the key.
 *
 * Pure arithmetic over the scored attempts; the bank supplies the keys.
 */
import type { ScoredAttempt } from './score.ts';
import type { ExamItem, ItemBank, ItemType } from './schema.ts';

/** Responses an item needs before it may be flagged: below this, one odd candidate decides. */
export const MIN_RESPONSES_FOR_FLAGS = 10;

/** The share of candidates in each of the upper and lower groups (Kelley's 27 %). */
export const GROUP_SHARE = 0.27;

/** How often one option was chosen, overall and by the upper and lower groups. */
export interface OptionCount {
  /** The option's bank id. */
  id: string;
  text: string;
  key: boolean;
  all: number;
  upper: number;
  lower: number;
}

/** The statistics of one item. */
export interface ItemStatistics {
  itemId: string;
  type: ItemType;
  section: string;
  /** Attempts that drew the item. */
  responses: number;
  /** Mean credit, 0–1 (the p-value). */
  facility: number;
  /** Item–rest correlation; null when it is undefined (everyone scored alike). */
  pointBiserial: number | null;
  /** Facility of the upper 27 % minus that of the lower 27 %; null with fewer than 2 responses. */
  upperLower: number | null;
  /** Choice items: how often each option was chosen. */
  options?: OptionCount[];
  /** Whether the key looks wrong (see `reasons`). */
  looksMiskeyed: boolean;
  /** Why it looks miskeyed, in words; empty when it does not. */
  reasons: string[];
}

/** Pearson's correlation; null when either list has no variance. */
function correlation(xs: readonly number[], ys: readonly number[]): number | null {
  const n = xs.length;
  if (n < 2) return null;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] as number) - mx;
    const dy = (ys[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx < 1e-12 || syy < 1e-12) return null;
  return sxy / Math.sqrt(sxx * syy);
}

const mean = (xs: readonly number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);

/** One candidate's response to one item, with their scores. */
interface Row {
  credit: number;
  chosen: string[];
  /** Percent on the whole attempt (grouping). */
  total: number;
  /** Percent on the rest of the attempt (correlation). */
  rest: number;
}

/** Statistics for every item that appears in `attempts`, in bank order. */
export function itemAnalysis(attempts: readonly ScoredAttempt[], bank: ItemBank): ItemStatistics[] {
  const rows = new Map<string, Row[]>();
  for (const attempt of attempts) {
    for (const scored of attempt.items) {
      const restMax = attempt.max - scored.points;
      const row: Row = {
        credit: scored.credit,
        chosen: scored.chosen,
        total: attempt.max > 0 ? attempt.earned / attempt.max : 0,
        rest: restMax > 0 ? (attempt.earned - scored.earned) / restMax : 0,
      };
      const list = rows.get(scored.itemId) ?? [];
      list.push(row);
      rows.set(scored.itemId, list);
    }
  }
  return bank.items.flatMap((item) => {
    const list = rows.get(item.id);
    return list ? [statisticsOf(item, list)] : [];
  });
}

function statisticsOf(item: ExamItem, rows: readonly Row[]): ItemStatistics {
  const n = rows.length;
  const facility = mean(rows.map((r) => r.credit));
  const pointBiserial = correlation(
    rows.map((r) => r.credit),
    rows.map((r) => r.rest),
  );
  const byTotal = [...rows].sort((a, b) => b.total - a.total);
  const groupSize = Math.max(1, Math.round(n * GROUP_SHARE));
  const upper = byTotal.slice(0, groupSize);
  const lower = byTotal.slice(-groupSize);
  const upperLower = n < 2 ? null : mean(upper.map((r) => r.credit)) - mean(lower.map((r) => r.credit));

  const reasons: string[] = [];
  const flaggable = n >= MIN_RESPONSES_FOR_FLAGS;
  if (flaggable && pointBiserial !== null && pointBiserial < 0) {
    reasons.push(`candidates who did well on the rest of the exam did worse on this item (item–rest correlation ${pointBiserial.toFixed(2)})`);
  }
  if (flaggable && upperLower !== null && upperLower < 0) {
    reasons.push(`the top 27 % scored lower on this item than the bottom 27 % (${Math.round(upperLower * 100)} points apart)`);
  }
  let options: OptionCount[] | undefined;
  if (item.type === 'single' || item.type === 'multiple') {
    const count = (group: readonly Row[], id: string) => group.filter((r) => r.chosen.includes(id)).length;
    options = item.options.map((o) => ({ id: o.id, text: o.text, key: o.key, all: count(rows, o.id), upper: count(upper, o.id), lower: count(lower, o.id) }));
    const leastKey = Math.min(...options.filter((o) => o.key).map((o) => o.upper));
    for (const o of options) {
      if (flaggable && !o.key && o.upper > leastKey) {
        reasons.push(`the top 27 % chose the distractor "${o.text}" more often than the key (${o.upper} against ${leastKey})`);
      }
    }
  }
  return {
    itemId: item.id,
    type: item.type,
    section: item.section,
    responses: n,
    facility,
    pointBiserial,
    upperLower,
    ...(options ? { options } : {}),
    looksMiskeyed: reasons.length > 0,
    reasons,
  };
}
