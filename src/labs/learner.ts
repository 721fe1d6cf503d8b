/**
 * Per-learner lab variants: every browser gets a learner id, and each lab's seed is derived
 * from it (machines/grading/variants.ts seedFromText), so neighbours see different rogue addresses and
 * user names and cannot swap answers, while one learner always sees the same variant.
 *
 * Choice: the id lives in localStorage under its own key, not in the progress document — the
 * progress schema is strict and versioned, and the id is not progress. A draft remembers the
 * seed it was made for (draft.ts), so an exported progress file resumes the same variants in
 * another browser even though that browser has another id.
 */
import { seedFromText } from '../../machines/grading/variants.ts';
import type { KeyValueStore } from '../progress/progress-storage.ts';

/** The localStorage key of the learner id. */
export const LEARNER_ID_KEY = 'pdl.learner-id';

/** A learner id: 12 lowercase hex digits grouped by 4 ("3f2a-09bc-77d1"), easy to read aloud. */
export const LEARNER_ID_PATTERN = /^[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}$/;

/** A fresh learner id from random bytes (at least 6). */
export function newLearnerId(randomBytes: Uint8Array): string {
  if (randomBytes.length < 6) throw new RangeError('newLearnerId: give at least 6 random bytes.');
  const hex = [...randomBytes.slice(0, 6)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 4)}-${hex.slice(4, 8)}-${hex.slice(8, 12)}`;
}

/** The learner id and whether it is kept in storage (false: it lasts only until the page closes). */
export interface LearnerIdentity {
  id: string;
  stored: boolean;
}

/**
 * The learner id kept in `storage`, creating and storing one when there is none or the stored
 * one is malformed. Without usable storage a fresh id is returned with `stored: false`.
 */
export function learnerIdentity(storage: KeyValueStore | undefined, randomBytes: () => Uint8Array): LearnerIdentity {
  try {
    const existing = storage?.getItem(LEARNER_ID_KEY);
    if (existing && LEARNER_ID_PATTERN.test(existing)) return { id: existing, stored: true };
  } catch {
    // Storage refused: fall through to a session-only id.
  }
  const id = newLearnerId(randomBytes());
  try {
    if (!storage) return { id, stored: false };
    storage.setItem(LEARNER_ID_KEY, id);
    return { id, stored: true };
  } catch {
    return { id, stored: false };
  }
}

/** The seed of a learner's variant of a lab. */
export function seedFor(learnerId: string, labId: string): number {
  return seedFromText(`${learnerId}:${labId}`);
}
