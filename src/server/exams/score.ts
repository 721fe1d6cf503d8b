/**
 * Scoring a submitted attempt on the server, from the stored draw and the candidate's responses
 * (keyed by opaque ids). The partial-credit rules per item type are set out in schema.ts: single
 * and multiple and ordering are all-or-nothing, matching earns a share per right pair,
 * performance earns the lab grader's points over its maximum for the candidate's lab variant.
 *
 * Responses come from the browser, so nothing about them is trusted: an unknown id, a wrong
 * shape or a lab answer the grader refuses earns nothing for that item and is listed in
 * `problems`; it never throws and never credits anything. Pure: labs come from the caller.
 */
import { grade, type Report } from '../../../machines/grading/grader.ts';
import type { Answer } from '../../../machines/grading/lab.ts';
import { answer as answerSchema } from '../../schemas/lab.ts';
import type { LabLookup, StoredAttempt, StoredSlot } from './draw.ts';
import type { ItemType } from './schema.ts';

/** The candidate's responses, by the item's opaque id (see `Response` for each type's shape). */
export type Responses = Readonly<Record<string, unknown>>;

/**
 * What the browser sends for one item:
 * - single: the chosen option's opaque id;
 * - multiple: the chosen options' opaque ids;
 * - ordering: every step's opaque id, first step first;
 * - matching: prompt opaque id → choice opaque id;
 * - performance: the lab answer (settings, actions, answers to the lab's questions).
 */
export type Response = string | string[] | Record<string, string> | Answer;

/** How one item went. */
export interface ScoredItem {
  /** The opaque id the candidate saw. */
  token: string;
  /** The bank id (for item analysis and review). */
  itemId: string;
  type: ItemType;
  section: string;
  /** Index of the blueprint area it was drawn for. */
  area: number;
  points: number;
  /** Share of the points earned, 0–1. */
  credit: number;
  /** `points × credit`. */
  earned: number;
  /** Whether the candidate responded at all. */
  answered: boolean;
  /**
   * What was chosen, in bank ids, for item analysis: the options picked (single, multiple), the
   * order given (ordering), "prompt=choice" pairs (matching); empty for performance items.
   */
  chosen: string[];
  /** Performance items: the grader's report for the candidate's variant. */
  report?: Report;
}

/** How an attempt went. */
export interface ScoredAttempt {
  examId: string;
  items: ScoredItem[];
  /** Points earned and available, per blueprint area, in area order. */
  areas: { title: string; earned: number; max: number }[];
  earned: number;
  max: number;
  /** earned / max as a percentage (0–100, unrounded). */
  percent: number;
  passed: boolean;
  /** Why a response earned nothing without being simply wrong (an unknown id, a bad shape…). */
  problems: string[];
}

/** Strings only, or undefined. */
function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
}

/** Same members, whatever the order. */
function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const sa = new Set(a);
  return sa.size === a.length && a.length === b.length && b.every((x) => sa.has(x));
}

type Judged = Pick<ScoredItem, 'credit' | 'chosen' | 'report'> & { problem?: string };

function judge(slot: StoredSlot, response: unknown, labs: LabLookup): Judged {
  const { item, ids } = slot;
  const bankIdOf = (token: string) => (Object.hasOwn(ids, token) ? ids[token] : undefined);
  const unknown = (what: string): Judged => ({ credit: 0, chosen: [], problem: `${what} for item ${slot.token} is not one of its own: no credit` });
  switch (item.type) {
    case 'single': {
      if (typeof response !== 'string') return unknown('the response');
      const chosen = bankIdOf(response);
      if (chosen === undefined || !slot.order.includes(response)) return unknown(`option ${JSON.stringify(response)}`);
      return { credit: item.options.find((o) => o.id === chosen)?.key ? 1 : 0, chosen: [chosen] };
    }
    case 'multiple': {
      const list = stringList(response);
      if (!list || list.some((t) => !slot.order.includes(t))) return unknown('an option');
      const chosen = [...new Set(list)].map((t) => bankIdOf(t) as string);
      const keys = item.options.filter((o) => o.key).map((o) => o.id);
      return { credit: sameSet(chosen, keys) ? 1 : 0, chosen };
    }
    case 'ordering': {
      const list = stringList(response);
      if (!list || list.some((t) => !slot.order.includes(t))) return unknown('a step');
      const chosen = list.map((t) => bankIdOf(t) as string);
      const right = chosen.length === item.steps.length && item.steps.every((s, i) => chosen[i] === s.id);
      return { credit: right ? 1 : 0, chosen };
    }
    case 'matching': {
      if (response === null || typeof response !== 'object' || Array.isArray(response)) return unknown('the response');
      const choices = slot.choiceOrder ?? [];
      const chosen: string[] = [];
      let right = 0;
      for (const [promptToken, choiceToken] of Object.entries(response)) {
        if (!slot.order.includes(promptToken) || typeof choiceToken !== 'string' || !choices.includes(choiceToken)) return unknown('a pair');
        const promptId = bankIdOf(promptToken) as string;
        const choiceId = bankIdOf(choiceToken) as string;
        chosen.push(`${promptId}=${choiceId}`);
        if (item.prompts.find((p) => p.id === promptId)?.match === choiceId) right++;
      }
      return { credit: right / item.prompts.length, chosen };
    }
    case 'performance': {
      const lab = labs(item.lab);
      if (!lab) return { credit: 0, chosen: [], problem: `item ${slot.token}: its lab is missing on the server` };
      const parsed = answerSchema.safeParse(response);
      if (!parsed.success) return { credit: 0, chosen: [], problem: `item ${slot.token}: the lab answer is malformed (${parsed.error.issues[0]?.message ?? 'bad shape'})` };
      // An exam offers no hints: hint ids in the answer are dropped, not charged.
      const { hintsUsed: _ignored, ...answer } = parsed.data as Answer;
      try {
        const report = grade(lab, answer, slot.labSeed);
        return { credit: report.max > 0 ? report.score / report.max : 0, chosen: [], report };
      } catch (error) {
        return { credit: 0, chosen: [], problem: `item ${slot.token}: the lab answer could not be graded (${(error as Error).message})` };
      }
    }
  }
}

/** Scores a submitted attempt; pass/fail against the pass mark stored with the attempt. */
export function scoreAttempt(stored: StoredAttempt, given: Responses, labs: LabLookup): ScoredAttempt {
  const problems: string[] = [];
  // A body that is not an object of responses (null, a list, text) counts as no response at all.
  const usable = given !== null && typeof given === 'object' && !Array.isArray(given);
  if (!usable) problems.push('the responses are not an object keyed by item: nothing was scored');
  const responses: Responses = usable ? given : {};
  const items = stored.slots.map((slot): ScoredItem => {
    const answered = Object.hasOwn(responses, slot.token) && responses[slot.token] !== null && responses[slot.token] !== undefined;
    const judged: Judged = answered ? judge(slot, responses[slot.token], labs) : { credit: 0, chosen: [] };
    if (judged.problem) problems.push(judged.problem);
    const { item } = slot;
    return {
      token: slot.token,
      itemId: item.id,
      type: item.type,
      section: item.section,
      area: slot.area,
      points: item.points,
      credit: judged.credit,
      earned: item.points * judged.credit,
      answered,
      chosen: judged.chosen,
      ...(judged.report ? { report: judged.report } : {}),
    };
  });
  const known = new Set(stored.slots.map((s) => s.token));
  for (const token of Object.keys(responses)) if (!known.has(token)) problems.push(`a response for ${JSON.stringify(token)}, which is not an item of this attempt, was ignored`);
  const earned = items.reduce((sum, i) => sum + i.earned, 0);
  const max = items.reduce((sum, i) => sum + i.points, 0);
  const percent = max > 0 ? (earned / max) * 100 : 0;
  const areas = stored.areas.map((title, index) => {
    const mine = items.filter((i) => i.area === index);
    return { title, earned: mine.reduce((s, i) => s + i.earned, 0), max: mine.reduce((s, i) => s + i.points, 0) };
  });
  // A tiny tolerance: 0.1 + 0.2 must not fail a candidate who has exactly the pass mark.
  return { examId: stored.examId, items, areas, earned, max, percent, passed: percent + 1e-9 >= stored.passMarkPercent, problems };
}
