import { z } from 'zod/mini';
import { guidelineSection } from '../../schemas/guideline-section.ts';

/**
 * The learner's own checklists (the §1-6 "things you should do", layer by layer): what a list
 * looks like, and the ticks kept in localStorage under their own key. Pure; the Checklist island
 * reads and writes storage through these functions. zod/mini, not astro/zod: the island checks
 * its list and the stored ticks in the browser, where full zod would triple its weight.
 */

/** localStorage key for every checklist's ticks (kept apart from the progress document). */
export const CHECKLIST_KEY = 'pdl.checklist';

const id = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]*$/, 'Use a kebab-case id, e.g. "network-firewall".'));
const text = (what: string, min: number) =>
  z.string().check(z.minLength(min, `Give ${what} at least ${min} characters.`));

/** One thing to do. */
export const checklistEntry = z.strictObject({
  /** Unique within the list; ticks are stored under it. */
  id,
  /** What to do, in one sentence. */
  text: z.string().check(z.minLength(5, 'Say what to do in at least 5 characters.')),
  /** Where the guideline asks for it. */
  section: guidelineSection,
});

/** A group of entries, e.g. one defense-in-depth layer. */
export const checklistGroup = z.strictObject({
  /** Unique within the list. */
  id,
  /** Heading of the group (the layer's name). */
  title: text('the group a title of', 3),
  /** What the group protects, shown under the heading. */
  purpose: z.optional(text('the purpose', 3)),
  /** The entries, in the order to work through them. */
  entries: z.array(checklistEntry).check(z.minLength(1, 'A group needs at least one entry.')),
});

/** Entry ids are unique across the whole list (ticks are stored by them). */
const uniqueEntryIds = z.superRefine((spec: { groups: { entries: { id: string }[] }[] }, ctx) => {
  const seen = new Set<string>();
  for (const [g, group] of spec.groups.entries()) {
    for (const [e, entry] of group.entries.entries()) {
      if (seen.has(entry.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['groups', g, 'entries', e, 'id'],
          message: `Entry id "${entry.id}" is used twice in this checklist; ticks are stored by id, so make it unique.`,
        });
      }
      seen.add(entry.id);
    }
  }
});

/** A whole checklist as a lesson passes it to the island. */
export const checklistSpec = z
  .strictObject({
    /** Names the list in storage; keep it stable once learners have ticked items. */
    id,
    /** Accessible name of the list. */
    title: text('the list a title of', 3),
    /** The groups, in the order to work through them. */
    groups: z.array(checklistGroup).check(z.minLength(1, 'A list needs at least one group.')),
  })
  .check(uniqueEntryIds);

/** A validated checklist. */
export type ChecklistSpec = z.infer<typeof checklistSpec>;

/** What `pdl.checklist` holds: for each checklist id, the ids of the ticked entries. */
export const storedTicks = z.strictObject({
  version: z.literal(1),
  lists: z.record(z.string(), z.array(z.string())),
});

/** The stored ticks of all checklists. */
export type StoredTicks = z.infer<typeof storedTicks>;

/** An empty record of ticks. */
export function emptyTicks(): StoredTicks {
  return { version: 1, lists: {} };
}

/**
 * Reads the stored string. Missing, unparsable or wrongly shaped data gives an empty record
 * (ticks are a convenience: losing them must never break the lesson).
 */
export function parseTicks(raw: string | null): StoredTicks {
  if (raw === null) return emptyTicks();
  try {
    const parsed = storedTicks.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : emptyTicks();
  } catch {
    return emptyTicks();
  }
}

/** The ticked entry ids of one list, keeping only ids the list still has. */
export function tickedIn(ticks: StoredTicks, spec: ChecklistSpec): Set<string> {
  const known = new Set(spec.groups.flatMap((g) => g.entries.map((e) => e.id)));
  return new Set((ticks.lists[spec.id] ?? []).filter((entryId) => known.has(entryId)));
}

/** Ticks or unticks one entry; other lists are kept as they are. */
export function withTick(ticks: StoredTicks, listId: string, entryId: string, ticked: boolean): StoredTicks {
  const current = ticks.lists[listId] ?? [];
  const next = ticked ? [...new Set([...current, entryId])] : current.filter((x) => x !== entryId);
  return { ...ticks, lists: { ...ticks.lists, [listId]: next } };
}
