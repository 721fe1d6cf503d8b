/**
 * The lab draft the workbench saves on every change (progress document, `labs[id].draft`) and
 * reads back after a reload. A draft is the learner's Answer plus the seed of the variant it
 * was made for, so a progress file imported in another browser resumes the same variant.
 *
 * A saved draft is untrusted (an old build, a hand-edited export, a damaged store): it is read
 * with plain checks — no zod, which would double the lab page's script; each setting's value by
 * the answer contract the CLI and the grader share (machines/grading/setting-values.ts) — then with the
 * grader's own `checkAnswer` and one replay. Anything wrong and the learner starts from the
 * lab's beginning with a sentence saying why; nothing throws.
 */
import { checkAnswer, grade, startingState } from '../../machines/grading/grader.ts';
import { isRecord } from '../../machines/grading/json-values.ts';
import { type Answer, LEARNER_ACTIONS, type Lab } from '../../machines/grading/lab.ts';
import { ANSWER_PARTS, pathText } from '../../machines/model.ts';
import { settingValueProblems } from '../../machines/grading/setting-values.ts';

/** Version of the draft format; a draft of another format is not read. */
export const DRAFT_FORMAT = 1;

/** What the workbench stores as a lab's draft. */
export interface LabDraft {
  format: typeof DRAFT_FORMAT;
  /** The variant the answer was made for (machines/grading/variants.ts seed). */
  seed: number;
  answer: Answer;
}

/** What reading a stored draft found. */
export type DraftReading =
  | { kind: 'none' }
  | { kind: 'ok'; draft: LabDraft }
  /** The stored value cannot be used; `reason` says why, in plain words. */
  | { kind: 'corrupt'; reason: string };

/** A draft of an answer for a variant. */
export function makeDraft(seed: number, answer: Answer): LabDraft {
  return { format: DRAFT_FORMAT, seed, answer };
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);

/** What is wrong with an Answer's shape and value types, or null when it is well formed. */
export function answerShapeProblem(value: unknown): string | null {
  if (!isRecord(value)) return 'the answer is not an object';
  const stray = Object.keys(value).find((k) => !(ANSWER_PARTS as readonly string[]).includes(k));
  if (stray !== undefined) return `the answer has an unknown part "${stray}"`;
  if (value.settings !== undefined) {
    if (!isRecord(value.settings)) return 'the settings are not an object';
    for (const [key, part] of Object.entries(value.settings)) {
      const problems = settingValueProblems(key, part);
      if (problems === undefined) return `settings["${key}"] is not a setting`;
      const first = problems[0];
      if (first) return `settings["${key}"]${pathText(first.path, true)}: ${first.message}`;
    }
  }
  if (value.actions !== undefined) {
    if (!Array.isArray(value.actions) || !value.actions.every((a) => (LEARNER_ACTIONS as readonly unknown[]).includes(a))) {
      return 'the actions are not a list of known actions';
    }
  }
  if (value.answers !== undefined) {
    if (!isRecord(value.answers) || !Object.values(value.answers).every((a) => isString(a) || isStringList(a))) {
      return 'the question answers are not text or lists of options';
    }
  }
  if (value.hintsUsed !== undefined && !isStringList(value.hintsUsed)) return 'the opened hints are not a list of hint ids';
  return null;
}

/**
 * Reads a stored draft for a lab (the raw lab with its variables, as the collection gives it):
 * its frame, the answer's shape, the grader's rules for this lab (only editable settings, known
 * questions and hints, compared with the variant's starting state), and one replay that must
 * not throw. `undefined` (nothing stored) reads as "none".
 */
export function readDraft(value: unknown, lab: Lab): DraftReading {
  if (value === undefined || value === null) return { kind: 'none' };
  if (!isRecord(value)) return { kind: 'corrupt', reason: 'it is not a draft object' };
  if (value.format !== DRAFT_FORMAT) return { kind: 'corrupt', reason: `it has format ${JSON.stringify(value.format) ?? 'none'}, not ${DRAFT_FORMAT}` };
  const seed = value.seed;
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    return { kind: 'corrupt', reason: 'its variant seed is not a whole number from 0 to 4294967295' };
  }
  const shape = answerShapeProblem(value.answer);
  if (shape) return { kind: 'corrupt', reason: shape };
  const answer = value.answer as Answer;
  try {
    const start = startingState(lab, seed);
    const problems = checkAnswer(start.lab, answer, start.settings).filter((p) => p.kind !== 'refused-by-unit');
    const first = problems[0];
    if (first) return { kind: 'corrupt', reason: `${first.field}: ${first.message}` };
    grade(lab, answer, seed);
  } catch (error) {
    return { kind: 'corrupt', reason: `replaying it failed (${(error as Error).message})` };
  }
  return { kind: 'ok', draft: makeDraft(seed, JSON.parse(JSON.stringify(answer)) as Answer) };
}
