/**
 * The rack a bridge serves: a lab file from content/labs, its variant for a seed, with a
 * learner's answer applied exactly as the grader applies it (machines/grading/grader.ts
 * `answeredRack`), so the unit a scanner sees is the unit the lab grades.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type AnswerProblem, answeredRack } from '../../../machines/grading/grader.ts';
import type { Answer, Lab } from '../../../machines/grading/lab.ts';
import type { Rack } from '../../../machines/request-path/rack.ts';
import { capRepeated, formatProblem, LABS_DIR, loadLabFile, loadLabs, MAX_ANSWER_CHARS, parseAnswerText } from '../lab-files.server.ts';

/** Bad input to the bridge: the message says which option is wrong and how to fix it. */
export class BridgeInputError extends Error {}

/** A lab's rack, running, with the answer applied. */
export interface LabRack {
  lab: Lab;
  rack: Rack;
  /** The answer's problems (a setting the lab does not allow…), as the grader reports them. */
  problems: AnswerProblem[];
}

/** Reads and checks an answer file for `lab`; throws BridgeInputError naming the file and the fix. */
export async function readAnswer(path: string, lab: Lab): Promise<Answer> {
  let text: string;
  try {
    const { size } = await stat(path);
    if (size > MAX_ANSWER_CHARS * 4) throw new BridgeInputError(`--answer ${path} is ${size.toLocaleString('en')} bytes; an answer is at most ${MAX_ANSWER_CHARS.toLocaleString('en')} characters: is this the right file?`);
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof BridgeInputError) throw error;
    throw new BridgeInputError(`--answer: cannot read ${path}: ${(error as Error).message}`);
  }
  const parsed = parseAnswerText(text, lab);
  if (!parsed.ok) throw new BridgeInputError(`--answer ${path} is not a valid answer to this lab:\n${capRepeated(parsed.problems.map((p) => `  ${p}`)).join('\n')}`);
  return parsed.answer;
}

/**
 * Loads lab `labId` from `root`/content/labs and builds its rack for `seed` with `answer`
 * applied (no answer: the rack as the learner finds it). Throws BridgeInputError for an unknown
 * lab (listing the labs) or an invalid lab file.
 */
export async function labRack(labId: string, options: { root: string; seed?: number; answer?: Answer | string }): Promise<LabRack> {
  const dir = join(options.root, LABS_DIR);
  const { labs } = await loadLabs(dir, options.root);
  if (!labs.some((l) => l.id === labId)) {
    throw new BridgeInputError(`--lab: there is no lab "${labId}"; the labs are ${labs.map((l) => l.id).join(', ')}.`);
  }
  const loaded = await loadLabFile(join(dir, `${labId}.yaml`), options.root);
  if (!loaded.ok) throw new BridgeInputError(`the lab file ${labId}.yaml is invalid:\n${capRepeated(loaded.problems.map(formatProblem)).join('\n')}`);
  const answer = typeof options.answer === 'string' ? await readAnswer(options.answer, loaded.lab) : (options.answer ?? {});
  return answeredRack(loaded.lab, answer, options.seed);
}
