/**
 * The certification item bank and exam blueprints: their zod schemas and the types derived from
 * them. Pure (no Node APIs): the loader (`item-bank.server.ts`) reads the files and applies these.
 *
 * Where the data lives, and why that way:
 * - `content/exams/<nn>-<area>.yaml` — one bank file per area of the guideline (concepts of §1,
 *   network layer §2-1/§2-2, device and function layers §2-3/§2-4, asset layer §2-5, repudiation,
 *   patches and disposal §2-6/§3/§4). One file per area rather than per exam, because several
 *   exams draw from the same items and an author revising a function finds all of its items in
 *   one place. Each file is `{ area, items: [...] }`; item ids are unique across all files.
 * - `content/exams/blueprints.yaml` — every exam: which areas it draws how many items from, the
 *   time limit, pass mark, attempt limit and waiting period.
 *
 * Only `*.server.ts` modules read these files; the browser sees an item only through
 * `publicItem` (draw.ts), which keeps the stem and the shuffled options under opaque ids.
 *
 * Scoring rules each type follows (score.ts implements them):
 * - single: the key or nothing;
 * - multiple: all-or-nothing — exactly the keyed set (a partial set is not partly right: ticking
 *   only some of the functions a unit lacks still leaves the candidate believing it has the rest);
 * - ordering: all-or-nothing — the guideline's procedures fail when one step is out of place
 *   (write protection on before the transfer, say), so a near-miss earns nothing;
 * - matching: partial credit, one share per prompt matched right — each pair is an independent
 *   fact (a function and its layer), so half the pairs right is half the knowledge;
 * - performance: the lab grader's points earned over its maximum, for the candidate's own variant.
 */
import { z } from 'astro/zod';
import { guidelineSection } from '../../schemas/guideline-section.ts';

const ID_FORMAT = /^[a-z0-9][a-z0-9-]*$/;

/** A kebab-case id, stable so stored attempts and item statistics keep their meaning. */
const id = z.string().regex(ID_FORMAT, 'use a kebab-case id of lower-case letters, digits and hyphens, e.g. "filter-single-host"');

/** Text a candidate reads (a stem, an option): at least a few characters. */
const text = (what: string, min = 1) => z.string().trim().min(min, `write the ${what} (at least ${min} characters)`);

/** Item difficulty as the author judges it: 1 recall, 2 apply, 3 analyse a situation. */
export const DIFFICULTY_LEVELS = [1, 2, 3] as const;

/** The item types of the bank. */
export const ITEM_TYPES = ['single', 'multiple', 'ordering', 'matching', 'performance'] as const;

/** One item type. */
export type ItemType = (typeof ITEM_TYPES)[number];

/** Fields every item has. */
const itemBase = {
  /** Unique across the whole bank; attempts and item statistics are stored under it. */
  id,
  /** The guideline section the item tests, e.g. "§2-2-1" (or "§1-3" for a concept). */
  section: guidelineSection,
  /** 1 recall, 2 apply, 3 analyse a situation. */
  difficulty: z.union(DIFFICULTY_LEVELS.map((d) => z.literal(d)), { error: 'use difficulty 1 (recall), 2 (apply) or 3 (analyse)' }),
  /** The question or task, in plain words. */
  stem: text('stem', 15),
  /**
   * Why the key is right and the distractors are wrong, with the section: shown only after the
   * attempt is submitted, never with the item.
   */
  rationale: text('rationale', 30),
  /** Points the item is worth (default 1; performance items usually more). */
  points: z.number().int().min(1).max(10).default(1),
};

/** One option of a choice item. */
const choiceOption = z.strictObject({
  /** Unique within the item. Never sent to the browser (opaque ids are). */
  id,
  /** What the candidate reads. */
  text: text('option text'),
  /** True for an option that is part of the key. Omit for distractors. */
  key: z.boolean().default(false),
});

/** Reports ids that repeat in a list, at the list's path. */
function uniqueIds(list: readonly { id: string }[], field: string, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  for (const [i, entry] of list.entries()) {
    if (seen.has(entry.id)) ctx.addIssue({ code: 'custom', path: [field, i, 'id'], message: `"${entry.id}" is used twice in this item: give each its own id` });
    seen.add(entry.id);
  }
}

/** One right answer among the options. */
const singleItem = z
  .strictObject({ ...itemBase, type: z.literal('single'), options: z.array(choiceOption).min(3, 'a single-choice item offers at least 3 options').max(6) })
  .superRefine((item, ctx) => {
    uniqueIds(item.options, 'options', ctx);
    const keys = item.options.filter((o) => o.key).length;
    if (keys !== 1) ctx.addIssue({ code: 'custom', path: ['options'], message: `mark exactly one option "key: true" (found ${keys}); use type "multiple" for several` });
  });

/** Several right answers; the candidate is told to pick all that apply. */
const multipleItem = z
  .strictObject({ ...itemBase, type: z.literal('multiple'), options: z.array(choiceOption).min(4, 'a multiple-response item offers at least 4 options').max(8) })
  .superRefine((item, ctx) => {
    uniqueIds(item.options, 'options', ctx);
    const keys = item.options.filter((o) => o.key).length;
    if (keys < 2 || keys === item.options.length) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: `mark at least two options "key: true" and leave at least one distractor (found ${keys} of ${item.options.length}); use type "single" for one` });
    }
  });

/** One step of an ordering item. */
const step = z.strictObject({
  /** Unique within the item. */
  id,
  /** The step as the candidate reads it. */
  text: text('step text'),
});

/** Steps to put in order; the file lists them in the right order. */
const orderingItem = z
  .strictObject({ ...itemBase, type: z.literal('ordering'), steps: z.array(step).min(3, 'an ordering item has at least 3 steps').max(7) })
  .superRefine((item, ctx) => uniqueIds(item.steps, 'steps', ctx));

/** One prompt of a matching item and the choice that belongs to it. */
const matchPrompt = z.strictObject({
  /** Unique within the item. */
  id,
  /** The fixed side the candidate matches a choice to. */
  text: text('prompt text'),
  /** The id of the choice that belongs to this prompt. */
  match: id,
});

/** Prompts, each matched to one of the choices (a choice may fit several prompts or none). */
const matchingItem = z
  .strictObject({
    ...itemBase,
    type: z.literal('matching'),
    prompts: z.array(matchPrompt).min(3, 'a matching item has at least 3 prompts').max(8),
    choices: z.array(step).min(2, 'a matching item offers at least 2 choices').max(8),
  })
  .superRefine((item, ctx) => {
    uniqueIds(item.prompts, 'prompts', ctx);
    uniqueIds(item.choices, 'choices', ctx);
    const ids = new Set(item.choices.map((c) => c.id));
    for (const [i, p] of item.prompts.entries()) {
      if (!ids.has(p.match)) ctx.addIssue({ code: 'custom', path: ['prompts', i, 'match'], message: `no choice has id "${p.match}": use one of ${[...ids].map((c) => `"${c}"`).join(', ')}` });
    }
  });

/**
 * The candidate configures a simulated rack: the item names a lab of content/labs, which the
 * candidate solves in their own variant (the attempt's seed); the lab grader scores the answer.
 */
const performanceItem = z.strictObject({
  ...itemBase,
  type: z.literal('performance'),
  /** The id of a lab in content/labs (its file name without .yaml). */
  lab: id,
  points: z.number().int().min(1).max(10).default(4),
});

/** One item of the bank. */
export const examItem = z.discriminatedUnion('type', [singleItem, multipleItem, orderingItem, matchingItem, performanceItem], {
  error: (issue) => (issue.code === 'invalid_union' ? `use type ${ITEM_TYPES.map((t) => `"${t}"`).join(', ')}` : undefined),
});

/** One bank file: the area it covers and its items. */
export const bankFile = z.strictObject({
  /** The area of the guideline the file covers, as a title ("Network layer: §2-1 and §2-2"). */
  area: text('area title', 5),
  /** The items. */
  items: z.array(examItem).min(1, 'list at least one item'),
});

/** One item, as loaded. */
export type ExamItem = z.infer<typeof examItem>;
/** A single-choice item. */
export type SingleItem = Extract<ExamItem, { type: 'single' }>;
/** A multiple-response item. */
export type MultipleItem = Extract<ExamItem, { type: 'multiple' }>;
/** An ordering item. */
export type OrderingItem = Extract<ExamItem, { type: 'ordering' }>;
/** A matching item. */
export type MatchingItem = Extract<ExamItem, { type: 'matching' }>;
/** A performance item. */
export type PerformanceItem = Extract<ExamItem, { type: 'performance' }>;

/** The whole bank: every item of every file, with the file each came from. */
export interface ItemBank {
  items: readonly ExamItem[];
  /** Item id → the bank file it is written in (relative to the project root). */
  files: Readonly<Record<string, string>>;
}

/** A part of an exam: how many items it draws from which sections and types. */
export const blueprintArea = z.strictObject({
  /** Shown to candidates on the results page ("Blocking attacks from networks"). */
  title: text('area title', 3),
  /**
   * Sections items may come from: "§2-2" takes every item of §2-2-1 and §2-2-2. An item of a
   * section listed by two areas goes to the first area that draws it.
   */
  sections: z.array(guidelineSection).min(1, 'list at least one section, e.g. "§2-2"'),
  /** Item types this area draws; every type except performance when omitted. */
  types: z.array(z.enum(ITEM_TYPES)).min(1).optional(),
  /** How many items it draws. */
  count: z.number().int().min(1).max(50),
});

/** One exam. */
export const blueprint = z.strictObject({
  /** Stable id, used in URLs and stored attempts ("plc-security-practitioner"). */
  id,
  /** The exam's name on the certificate. */
  title: text('title', 5),
  /** The parts the exam draws from, in the order candidates meet them. */
  areas: z.array(blueprintArea).min(1, 'list at least one area'),
  /** Minutes from start to the automatic submission. */
  timeLimitMinutes: z.number().int().min(5).max(480),
  /** Percentage of the points needed to pass (1–100). */
  passMarkPercent: z.number().min(1).max(100),
  /** Attempts a candidate may make (before accommodations). */
  attemptLimit: z.number().int().min(1).max(10),
  /** Hours a candidate waits after a failed attempt before the next one. */
  waitHoursBetweenAttempts: z.number().min(0).max(24 * 90),
});

/** The blueprints file. */
export const blueprintsFile = z.strictObject({
  /** Every exam offered. */
  exams: z.array(blueprint).min(1, 'list at least one exam'),
});

/** One exam's blueprint. */
export type Blueprint = z.infer<typeof blueprint>;
/** One area of a blueprint. */
export type BlueprintArea = z.infer<typeof blueprintArea>;

/** Whether `section` is `prefix` or lies below it ("§2-2-1" is under "§2-2", "§2-21" is not). */
export function sectionUnder(section: string, prefix: string): boolean {
  return section === prefix || section.startsWith(`${prefix}-`);
}

/** The types an area draws (performance only when the area names it). */
export function areaTypes(area: BlueprintArea): readonly ItemType[] {
  return area.types ?? ITEM_TYPES.filter((t) => t !== 'performance');
}

/** Whether an item may be drawn for an area. */
export function fitsArea(item: ExamItem, area: BlueprintArea): boolean {
  return areaTypes(area).includes(item.type) && area.sections.some((s) => sectionUnder(item.section, s));
}
