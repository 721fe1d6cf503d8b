import { z } from 'zod/mini';
import type { Quiz, QuizItem } from '../schemas/quiz.ts';

/**
 * The quiz's rules without a DOM: what an answer looks like, when it is right, how a quiz is
 * scored, and how the learner's actions change the state. The Quiz island only renders this.
 *
 * Scoring: every item is worth one point and earns it only when fully right (all pairs matched,
 * every step in place, exactly the correct options). An item is locked once checked — its
 * feedback gives the answer away — so the score is the learner's first attempt.
 */

/**
 * The learner's answer to one item; `kind` mirrors the item's kind. zod/mini: it checks stored
 * answers in the browser, where the full zod API would outweigh the whole quiz.
 */
export const itemAnswer = z.discriminatedUnion('kind', [
  /** The chosen option id, or null before a choice. */
  z.strictObject({ kind: z.literal('single'), choice: z.nullable(z.string()) }),
  /** The ticked option ids. */
  z.strictObject({ kind: z.literal('multiple'), choices: z.array(z.string()) }),
  /** For each pair id, the right-hand text chosen ("" = none yet). */
  z.strictObject({ kind: z.literal('matching'), matches: z.record(z.string(), z.string()) }),
  /** Step ids in the order the learner arranged them. */
  z.strictObject({ kind: z.literal('ordering'), order: z.array(z.string()) }),
]);

/** Answers keyed by item id, as the progress store keeps them. */
const storedAnswers = z.record(z.string(), itemAnswer);

/** The learner's answer to one item. */
export type ItemAnswer = z.infer<typeof itemAnswer>;

/** The result of checking one item. */
export interface ItemGrade {
  /** True only when the whole item is right. */
  correct: boolean;
  /**
   * Ids of the parts that are wrong: options picked but wrong or right but missed (choice
   * items), pairs matched wrongly (matching), steps out of place (ordering).
   */
  wrong: string[];
}

/** Everything the quiz island keeps between renders. */
export interface QuizState {
  /** Current answer per item id. */
  answers: Record<string, ItemAnswer>;
  /** Grade per item id, present once the item has been checked (and then locked). */
  checked: Record<string, ItemGrade>;
}

/** What the learner can do; names follow `domain.verb`. */
export type QuizAction =
  | { type: 'answer.chosen'; itemId: string; optionId: string }
  | { type: 'answer.toggled'; itemId: string; optionId: string }
  | { type: 'answer.matched'; itemId: string; pairId: string; right: string }
  | { type: 'answer.moved'; itemId: string; stepId: string; by: -1 | 1 }
  | { type: 'item.checked'; itemId: string }
  | { type: 'quiz.restored'; answers: Record<string, ItemAnswer> }
  | { type: 'quiz.reset' };

/** A quiz's score as progress stores it. */
export interface QuizScore {
  /** Items answered fully right. */
  score: number;
  /** Number of items. */
  max: number;
}

/**
 * Shuffles `values` deterministically from `seed`, so the server render and the hydrated island
 * agree and a learner sees the same order on every visit. With two or more values the result
 * never equals the input order (an ordering item must not start solved).
 */
export function seededShuffle<T>(values: readonly T[], seed: string): T[] {
  const out = [...values];
  const random = mulberry32(fnv1a(seed));
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const a = out[i] as T;
    out[i] = out[j] as T;
    out[j] = a;
  }
  if (out.length > 1 && out.every((v, i) => v === values[i])) out.push(out.shift() as T);
  return out;
}

/** The empty answer an item starts with; ordering items start shuffled by `seed`. */
export function emptyAnswer(item: QuizItem, seed: string): ItemAnswer {
  switch (item.kind) {
    case 'single':
      return { kind: 'single', choice: null };
    case 'multiple':
      return { kind: 'multiple', choices: [] };
    case 'matching':
      return { kind: 'matching', matches: Object.fromEntries(item.pairs.map((p) => [p.id, ''])) };
    case 'ordering':
      return {
        kind: 'ordering',
        order: seededShuffle(
          item.steps.map((s) => s.id),
          seed,
        ),
      };
  }
}

/** The seed for an item's shuffles: stable per quiz and item. */
export function itemSeed(quizId: string, itemId: string): string {
  return `${quizId}/${itemId}`;
}

/** The state a quiz starts in: every item empty, nothing checked. */
export function initialQuizState(quizId: string, quiz: Quiz): QuizState {
  return {
    answers: Object.fromEntries(quiz.items.map((i) => [i.id, emptyAnswer(i, itemSeed(quizId, i.id))])),
    checked: {},
  };
}

/** Whether the learner has given a complete answer that can be checked. */
export function isAnswered(item: QuizItem, answer: ItemAnswer | undefined): boolean {
  if (!answer || answer.kind !== item.kind) return false;
  switch (answer.kind) {
    case 'single':
      return answer.choice !== null;
    case 'multiple':
      return answer.choices.length > 0;
    case 'matching':
      return item.kind === 'matching' && item.pairs.every((p) => (answer.matches[p.id] ?? '') !== '');
    case 'ordering':
      return true;
  }
}

/** Grades one answer against its item. A missing or mismatched answer is simply wrong. */
export function gradeItem(item: QuizItem, answer: ItemAnswer | undefined): ItemGrade {
  switch (item.kind) {
    case 'single':
    case 'multiple': {
      const picked = new Set(
        answer?.kind === 'single' ? (answer.choice === null ? [] : [answer.choice]) : answer?.kind === 'multiple' ? answer.choices : [],
      );
      const wrong = item.options.filter((o) => o.correct !== picked.has(o.id)).map((o) => o.id);
      return { correct: wrong.length === 0, wrong };
    }
    case 'matching': {
      const matches = answer?.kind === 'matching' ? answer.matches : {};
      const wrong = item.pairs.filter((p) => matches[p.id] !== p.right).map((p) => p.id);
      return { correct: wrong.length === 0, wrong };
    }
    case 'ordering': {
      const order = answer?.kind === 'ordering' ? answer.order : [];
      const wrong = item.steps.filter((s, i) => order[i] !== s.id).map((s) => s.id);
      return { correct: wrong.length === 0, wrong };
    }
  }
}

/** The score over checked items; complete once every item is checked. */
export function summarize(quiz: Quiz, state: QuizState): QuizScore & { checked: number; complete: boolean } {
  const grades = quiz.items.map((i) => state.checked[i.id]);
  const checked = grades.filter((g) => g !== undefined).length;
  return {
    score: grades.filter((g) => g?.correct).length,
    max: quiz.items.length,
    checked,
    complete: checked === quiz.items.length,
  };
}

/** Moves one step of an ordering up (-1) or down (+1); out-of-range moves change nothing. */
export function moveStep(order: readonly string[], stepId: string, by: -1 | 1): string[] {
  const from = order.indexOf(stepId);
  const to = from + by;
  if (from < 0 || to < 0 || to >= order.length) return [...order];
  const out = [...order];
  out[from] = out[to] as string;
  out[to] = stepId;
  return out;
}

/**
 * Applies a learner action. Actions on unknown items, on the wrong kind of item, on checked
 * (locked) items, or with ids the item does not have return the same state object, unchanged.
 */
export function reduceQuiz(quizId: string, quiz: Quiz, state: QuizState, action: QuizAction): QuizState {
  if (action.type === 'quiz.reset') return initialQuizState(quizId, quiz);
  if (action.type === 'quiz.restored') {
    const answers = validAnswers(quiz, action.answers);
    if (!answers) return state;
    return {
      answers,
      checked: Object.fromEntries(quiz.items.map((i) => [i.id, gradeItem(i, answers[i.id])])),
    };
  }
  const item = quiz.items.find((i) => i.id === action.itemId);
  const answer = state.answers[action.itemId];
  if (!item || !answer || state.checked[item.id]) return state;
  const next = nextAnswer(item, answer, action);
  if (next === 'check') {
    if (!isAnswered(item, answer)) return state;
    return { ...state, checked: { ...state.checked, [item.id]: gradeItem(item, answer) } };
  }
  if (next === answer) return state;
  return { ...state, answers: { ...state.answers, [item.id]: next } };
}

/** The answer after an edit, `'check'` for a check, or the same answer when the edit does not fit. */
function nextAnswer(item: QuizItem, answer: ItemAnswer, action: QuizAction): ItemAnswer | 'check' {
  switch (action.type) {
    case 'item.checked':
      return 'check';
    case 'answer.chosen':
      if (item.kind !== 'single' || answer.kind !== 'single') return answer;
      if (!item.options.some((o) => o.id === action.optionId)) return answer;
      return { kind: 'single', choice: action.optionId };
    case 'answer.toggled': {
      if (item.kind !== 'multiple' || answer.kind !== 'multiple') return answer;
      if (!item.options.some((o) => o.id === action.optionId)) return answer;
      const has = answer.choices.includes(action.optionId);
      // Keep the item's option order so stored answers do not depend on click order.
      const choices = item.options
        .map((o) => o.id)
        .filter((id) => (id === action.optionId ? !has : answer.choices.includes(id)));
      return { kind: 'multiple', choices };
    }
    case 'answer.matched': {
      if (item.kind !== 'matching' || answer.kind !== 'matching') return answer;
      if (!item.pairs.some((p) => p.id === action.pairId)) return answer;
      if (action.right !== '' && !rightSides(item).includes(action.right)) return answer;
      return { kind: 'matching', matches: { ...answer.matches, [action.pairId]: action.right } };
    }
    case 'answer.moved': {
      if (item.kind !== 'ordering' || answer.kind !== 'ordering') return answer;
      const order = moveStep(answer.order, action.stepId, action.by);
      return order.every((id, i) => id === answer.order[i]) ? answer : { kind: 'ordering', order };
    }
    default:
      return answer;
  }
}

/** Every right-hand text a matching item offers: the pairs' right sides and the distractors. */
export function rightSides(item: Extract<QuizItem, { kind: 'matching' }>): string[] {
  return [...item.pairs.map((p) => p.right), ...item.distractors];
}

/**
 * Checks stored answers (unknown data from the progress store) against the quiz: one answer per
 * item, of the item's kind, naming only ids and texts the item has, and complete. Returns the
 * typed answers, or null when anything does not fit (e.g. the quiz changed since).
 */
export function validAnswers(quiz: Quiz, stored: unknown): Record<string, ItemAnswer> | null {
  const parsed = storedAnswers.safeParse(stored);
  if (!parsed.success) return null;
  const out: Record<string, ItemAnswer> = {};
  for (const item of quiz.items) {
    const answer = parsed.data[item.id];
    if (!answer || !fits(item, answer) || !isAnswered(item, answer)) return null;
    out[item.id] = answer;
  }
  return out;
}

/** Whether an answer only names what its item contains. */
function fits(item: QuizItem, answer: ItemAnswer): boolean {
  if (item.kind === 'single' && answer.kind === 'single') {
    return answer.choice === null || item.options.some((o) => o.id === answer.choice);
  }
  if (item.kind === 'multiple' && answer.kind === 'multiple') {
    return answer.choices.every((c) => item.options.some((o) => o.id === c));
  }
  if (item.kind === 'matching' && answer.kind === 'matching') {
    const rights = rightSides(item);
    return Object.entries(answer.matches).every(
      ([pairId, right]) => item.pairs.some((p) => p.id === pairId) && (right === '' || rights.includes(right)),
    );
  }
  if (item.kind === 'ordering' && answer.kind === 'ordering') {
    const ids = item.steps.map((s) => s.id);
    return answer.order.length === ids.length && ids.every((id) => answer.order.includes(id));
  }
  return false;
}

/** FNV-1a: a small, stable string hash for seeding. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Mulberry32: a tiny deterministic PRNG; quality is ample for shuffling a few options. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
