/**
 * Drawing an exam attempt and the browser's view of it.
 *
 * `drawAttempt` picks the items a blueprint asks for, orders items and options for this
 * candidate, and gives every item and option an opaque id. It returns two things: what the
 * server stores (the mapping from opaque ids to the bank, and a snapshot of each item as drawn,
 * so a later edit of the bank never changes how a started attempt is scored), and what the
 * browser may see (`publicItem` of each slot): stems and options under opaque ids, no key.
 *
 * This is the split Perseus makes with `splitPerseusItem`: the key stays where scoring happens.
 * Pure: the randomness comes from the seed (random.ts), the labs from the caller.
 */
import type { Lab } from '../../../machines/grading/lab.ts';
import { publicLab, type PublicLab } from './public-lab.ts';
import { randomFor, shuffled, tokenMaker } from './random.ts';
import { type Blueprint, type ExamItem, fitsArea, type ItemBank } from './schema.ts';

/** One drawn item as the server keeps it. */
export interface StoredSlot {
  /** The opaque id the browser knows the item by. */
  token: string;
  /** Index of the blueprint area it was drawn for. */
  area: number;
  /** The item as it was when drawn (key and rationale included). */
  item: ExamItem;
  /** Opaque id → bank id of each option, step, prompt or choice. */
  ids: Record<string, string>;
  /**
   * Opaque ids in the order the candidate sees them: the options (single, multiple), the steps
   * (ordering) or the prompts (matching).
   */
  order: string[];
  /** Matching only: the choices' opaque ids in the order shown. */
  choiceOrder?: string[];
  /** Performance only: the seed of the candidate's lab variant. */
  labSeed?: number;
}

/** What the server stores for an attempt: never sent to the browser. */
export interface StoredAttempt {
  examId: string;
  /** The attempt's secret seed (the draw can be re-derived from it). */
  seed: string;
  /** Copied from the blueprint at the draw, so a later change of the pass mark does not re-judge. */
  passMarkPercent: number;
  /** Area titles, by index. */
  areas: string[];
  slots: StoredSlot[];
}

/** A text the candidate reads under an opaque id. */
export interface PublicChoice {
  id: string;
  text: string;
}

/** Fields of every public item. */
interface PublicBase {
  /** Opaque id: responses are keyed by it. */
  id: string;
  stem: string;
  points: number;
}

/** The browser's view of an item: stem and options under opaque ids, and nothing else. */
export type PublicItem =
  | (PublicBase & { type: 'single' | 'multiple'; options: PublicChoice[] })
  | (PublicBase & { type: 'ordering'; steps: PublicChoice[] })
  | (PublicBase & { type: 'matching'; prompts: PublicChoice[]; choices: PublicChoice[] })
  | (PublicBase & { type: 'performance'; lab: PublicLab });

/** The browser's view of an attempt. */
export interface PublicAttempt {
  examId: string;
  title: string;
  timeLimitMinutes: number;
  items: PublicItem[];
}

/** The labs by id, for performance items. */
export type LabLookup = (id: string) => Lab | undefined;

/** Thrown when a blueprint cannot be drawn from a bank (the loader checks this at start-up). */
export class DrawError extends Error {}

/** The texts of an item's options, steps, prompts and choices, by bank id. */
function partsOf(item: ExamItem): { id: string; text: string }[] {
  switch (item.type) {
    case 'single':
    case 'multiple':
      return item.options;
    case 'ordering':
      return item.steps;
    case 'matching':
      return [...item.prompts, ...item.choices.map((c) => ({ ...c, id: `choice:${c.id}` }))];
    case 'performance':
      return [];
  }
}

/** The slot for one drawn item: opaque ids and the candidate's order. */
function slotFor(item: ExamItem, area: number, seed: string, token: (kind: 'i' | 'o') => string): StoredSlot {
  const random = randomFor(seed, `order:${item.id}`);
  const ids: Record<string, string> = {};
  const opaque = new Map<string, string>();
  for (const part of partsOf(item)) {
    const t = token('o');
    ids[t] = part.id.startsWith('choice:') ? part.id.slice('choice:'.length) : part.id;
    opaque.set(part.id, t);
  }
  const tokensOf = (list: readonly { id: string }[], prefix = '') => list.map((p) => opaque.get(prefix + p.id) as string);
  const slot: StoredSlot = { token: token('i'), area, item, ids, order: [] };
  switch (item.type) {
    case 'single':
    case 'multiple':
      slot.order = shuffled(tokensOf(item.options), random);
      break;
    case 'ordering': {
      const key = tokensOf(item.steps);
      let order = shuffled(key, random);
      // Shown in the right order, the item would give itself away: rotate it by one.
      if (order.every((t, i) => t === key[i])) order = [...order.slice(1), order[0] as string];
      slot.order = order;
      break;
    }
    case 'matching':
      slot.order = shuffled(tokensOf(item.prompts), random);
      slot.choiceOrder = shuffled(tokensOf(item.choices, 'choice:'), random);
      break;
    case 'performance':
      slot.labSeed = random.next();
      break;
  }
  return slot;
}

/**
 * Draws an attempt: for each blueprint area, `count` items fitting it, chosen at random among
 * those no earlier area took; items keep their area's order and are shuffled within it.
 * The same bank, blueprint and seed give the same attempt.
 */
export function drawAttempt(bank: ItemBank, blueprint: Blueprint, seed: string, labs: LabLookup): { stored: StoredAttempt; public: PublicAttempt } {
  const token = tokenMaker(seed);
  const taken = new Set<string>();
  const slots: StoredSlot[] = [];
  for (const [index, area] of blueprint.areas.entries()) {
    const eligible = bank.items.filter((item) => !taken.has(item.id) && fitsArea(item, area));
    if (eligible.length < area.count) {
      throw new DrawError(`exam "${blueprint.id}", area "${area.title}": needs ${area.count} items, the bank has ${eligible.length} that fit`);
    }
    const chosen = shuffled(eligible, randomFor(seed, `area:${index}`)).slice(0, area.count);
    for (const item of chosen) {
      taken.add(item.id);
      slots.push(slotFor(item, index, seed, token));
    }
  }
  const stored: StoredAttempt = { examId: blueprint.id, seed, passMarkPercent: blueprint.passMarkPercent, areas: blueprint.areas.map((a) => a.title), slots };
  return {
    stored,
    public: { examId: blueprint.id, title: blueprint.title, timeLimitMinutes: blueprint.timeLimitMinutes, items: slots.map((s) => publicItem(s, labs)) },
  };
}

/**
 * The browser's view of one drawn item: its opaque id, stem, points and the options (or steps,
 * prompts and choices) under opaque ids in the candidate's order. No key flag, no bank id, no
 * rationale; for a performance item the lab without its objectives' checks or hints.
 */
export function publicItem(slot: StoredSlot, labs: LabLookup): PublicItem {
  const { item } = slot;
  const base = { id: slot.token, stem: item.stem, points: item.points };
  const textOf = new Map<string, string>(partsOf(item).map((p) => [p.id, p.text]));
  const shown = (tokens: readonly string[], prefix = ''): PublicChoice[] =>
    tokens.map((t) => ({ id: t, text: textOf.get(prefix + (slot.ids[t] as string)) as string }));
  switch (item.type) {
    case 'single':
    case 'multiple':
      return { ...base, type: item.type, options: shown(slot.order) };
    case 'ordering':
      return { ...base, type: 'ordering', steps: shown(slot.order) };
    case 'matching':
      return { ...base, type: 'matching', prompts: shown(slot.order), choices: shown(slot.choiceOrder ?? [], 'choice:') };
    case 'performance': {
      const lab = labs(item.lab);
      if (!lab) throw new DrawError(`item "${item.id}" names lab "${item.lab}", which does not exist`);
      return { ...base, type: 'performance', lab: publicLab(lab, slot.labSeed ?? 0) };
    }
  }
}
