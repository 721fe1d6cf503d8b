/**
 * What a candidate may save for one drawn item, checked against that item's own opaque ids before
 * anything is stored. A response that is the wrong shape, or names an option, step, prompt or
 * choice the item does not have, is refused with a message naming the item — never stored as a
 * silent zero. (Scoring re-checks everything anyway: score.ts trusts nothing.)
 */
import type { StoredSlot } from '../exams/draw.ts';
import { answer as labAnswer } from '../../schemas/lab.ts';

/** The largest response kept for one item (characters of JSON); a lab answer is a few hundred. */
export const MAX_RESPONSE_CHARS = 20_000;

/** A checked response, or why it was refused. `null` clears the item's response. */
export type CheckedResponse = { ok: true; response: unknown } | { ok: false; message: string };

function strings(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
}

/** Checks `value` as a response to `slot` (shapes as score.ts documents them). */
export function checkResponse(slot: StoredSlot, value: unknown): CheckedResponse {
  if (value === null) return { ok: true, response: null };
  if (JSON.stringify(value)?.length > MAX_RESPONSE_CHARS) return { ok: false, message: `the response is too long (at most ${MAX_RESPONSE_CHARS} characters)` };
  const options = new Set(slot.order);
  switch (slot.item.type) {
    case 'single':
      return typeof value === 'string' && options.has(value) ? { ok: true, response: value } : { ok: false, message: 'choose one of the options shown' };
    case 'multiple': {
      const list = strings(value);
      if (!list || list.some((t) => !options.has(t)) || new Set(list).size !== list.length) return { ok: false, message: 'tick options shown for this question, each once' };
      return { ok: true, response: list.length === 0 ? null : list };
    }
    case 'ordering': {
      const list = strings(value);
      if (!list || list.length !== options.size || new Set(list).size !== list.length || list.some((t) => !options.has(t))) {
        return { ok: false, message: 'put every step in a place of its own (each position once)' };
      }
      return { ok: true, response: list };
    }
    case 'matching': {
      if (typeof value !== 'object' || Array.isArray(value)) return { ok: false, message: 'match each statement to one of the choices shown' };
      const choices = new Set(slot.choiceOrder ?? []);
      const pairs = Object.entries(value as Record<string, unknown>);
      if (pairs.some(([prompt, choice]) => !options.has(prompt) || typeof choice !== 'string' || !choices.has(choice))) {
        return { ok: false, message: 'match each statement to one of the choices shown' };
      }
      return { ok: true, response: pairs.length === 0 ? null : Object.fromEntries(pairs) };
    }
    case 'performance': {
      const parsed = labAnswer.safeParse(value);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return { ok: false, message: `the lab answer is not valid${issue ? ` at ${issue.path.join('.') || 'its top level'}: ${issue.message}` : ''}` };
      }
      return { ok: true, response: parsed.data };
    }
  }
}
