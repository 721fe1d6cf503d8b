/**
 * Loading lab files (content/labs/<id>.yaml): YAML parsed with positions kept, `${placeholders}`
 * filled with their defaults, the zod schema applied, and every problem reported as
 * file:line field: message. Every variant a few seeds draw is validated too, so a variable
 * range that breaks a lab fails the build, not a learner.
 *
 * Also the Astro content loader (`labsLoader`) that makes a bad lab file fail the site build,
 * and the answer-file reader the CLI and the server share.
 *
 * Node-only (reads files); the browser receives labs already loaded, through the collection.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader } from 'astro/loaders';
import { z } from 'astro/zod';
import { isDocument, LineCounter, parseDocument, type Document, visit } from 'yaml';
import { checkAnswer, grade, startingState, stateDocument } from '../../machines/grading/grader.ts';
import { isRecord } from '../../machines/grading/json-values.ts';
import type { Answer, Lab, LabFile } from '../../machines/grading/lab.ts';
import { statePathProblem } from '../../machines/grading/state-paths.ts';
import { mutantsOf } from '../../machines/grading/mutations.ts';
import { clashes, drawValues, findSlots, placeholdersIn, substitute, type VariableSpec } from '../../machines/grading/variants.ts';
import { answer as answerSchema, labFile, labVariables, settingValueSchema } from '../schemas/lab.ts';

/** Where lab files live, relative to the project root. */
export const LABS_DIR = 'content/labs';

/**
 * Where each lab's answers live, relative to the project root: `<id>/reference.json` is the
 * reference answer `npm run lab -- mutate` weakens, `wrong-*.json` typical wrong answers.
 */
export const REFERENCE_ANSWERS_DIR = 'test/fixtures/labs';

/** Seeds whose variants the validator also checks (besides the default variant). */
export const CHECKED_SEEDS: readonly number[] = [1, 2, 3, 5, 8, 13, 21, 34];

/** One problem in a lab file. */
export interface LabProblem {
  /** The file as given (relative to the project root when loaded from disk). */
  file: string;
  /** 1-based line the problem is on (the nearest enclosing line when the field is missing). */
  line: number;
  /** The field, e.g. "traffic[3].from" or "rack.unit.settings". */
  field: string;
  message: string;
}

/** A lab, or everything wrong with its file. */
export type LabLoadResult = { ok: true; lab: Lab } | { ok: false; problems: LabProblem[] };

/** How many problems of one kind are printed before "… and N more of the same kind". */
export const SAME_KIND_SHOWN = 5;

/**
 * Problem lines with long runs of one kind (the same message for many list elements) cut to the
 * first few, followed by how many more there are, so 200,000 bad rules print a dozen lines, not
 * megabytes. Two lines are of a kind when they differ only in numbers (line, index, value).
 */
export function capRepeated(lines: readonly string[], shown = SAME_KIND_SHOWN): string[] {
  const kindOf = (line: string) => line.replace(/\d+/g, '#');
  const totals = new Map<string, number>();
  for (const line of lines) totals.set(kindOf(line), (totals.get(kindOf(line)) ?? 0) + 1);
  const printed = new Map<string, number>();
  const out: string[] = [];
  for (const line of lines) {
    const kind = kindOf(line);
    const count = (printed.get(kind) ?? 0) + 1;
    printed.set(kind, count);
    if (count <= shown) out.push(line);
    const total = totals.get(kind) ?? 0;
    if (count === shown && total > shown) {
      const indent = /^\s*/.exec(line)?.[0] ?? '';
      out.push(`${indent}… and ${(total - shown).toLocaleString('en')} more of the same kind`);
    }
  }
  return out;
}

/** Formats a problem as "file:line field: message". */
export function formatProblem(p: LabProblem): string {
  return `${p.file}:${p.line} ${p.field}: ${p.message}`;
}

type Path = readonly PropertyKey[];

/** "traffic[3].from" from ["traffic", 3, "from"]. */
export function fieldName(path: Path): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(file)' : out;
}

/** "[0].mask" from [0, "mask"]: the part of a field name below a known prefix. */
function subField(path: Path): string {
  return path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('');
}

/** The line of the deepest node of `path` that exists in the document. */
function lineOf(doc: Document, counter: LineCounter, path: Path): number {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n) as unknown[], true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) return counter.linePos(node.range[0]).line;
  }
  return 1;
}

/** Rewrites zod's generic messages into ones that say what to write. */
function friendly(issue: z.core.$ZodRawIssue): string | undefined {
  const input = issue.input;
  const got =
    input === undefined ? 'nothing'
    : input === null ? 'null'
    : Array.isArray(input) ? 'a list'
    : typeof input === 'object' ? 'an object'
    : typeof input === 'number' && !Number.isFinite(input) ? `${input} (YAML .nan or .inf): write an ordinary number`
    : JSON.stringify(input);
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined) return `this field is required: add it (${issue.expected} expected)`;
      return `expected ${issue.expected === 'array' ? 'a list' : issue.expected}, got ${got}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}: remove ${issue.keys.length > 1 ? 'them' : 'it'} or fix the spelling`;
    case 'too_small':
      return issue.origin === 'array' ? `list at least ${issue.minimum} item(s)` : `must be at least ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'array' ? `list at most ${issue.maximum} item(s)` : `must be at most ${issue.maximum}`;
    case 'invalid_value':
      return `use ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, not ${got}`;
    default:
      return undefined;
  }
}

function issuesToProblems(issues: readonly z.core.$ZodIssue[], file: string, doc: Document, counter: LineCounter, suffix = ''): LabProblem[] {
  return issues.map((issue) => ({
    file,
    line: lineOf(doc, counter, issue.path),
    field: fieldName(issue.path),
    message: `${issue.message}${suffix}`,
  }));
}

/** The longest lab file read (characters); the longest lab is about 12,000. */
export const MAX_LAB_CHARS = 200_000;

/**
 * How many times aliases (`*name`) may be expanded in one lab file. The labs use none; a few are
 * harmless, but nested aliases can expand a small file into gigabytes ("billion laughs").
 */
export const MAX_ALIAS_COUNT = 50;

/** The line of the document's first alias, where an expansion problem starts. */
function firstAliasLine(doc: Document, counter: LineCounter): number {
  let line = 1;
  visit(doc, {
    Alias(_key, node) {
      if (node.range) line = counter.linePos(node.range[0]).line;
      return visit.BREAK;
    },
  });
  return line;
}

/**
 * Parses and validates one lab file's text. `file` names it in problems; `id` is the lab id
 * (the file name without .yaml unless given).
 */
export function parseLabSource(source: string, file: string, id = basename(file).replace(/\.ya?ml$/, '')): LabLoadResult {
  if (source.length > MAX_LAB_CHARS) {
    return { ok: false, problems: [{ file, line: 1, field: '(file)', message: `the file is ${source.length.toLocaleString('en')} characters long; a lab file is at most ${MAX_LAB_CHARS.toLocaleString('en')}: split the lab or shorten it` }] };
  }
  const counter = new LineCounter();
  // prettyErrors off: the message stays the bare reason; the line comes from the counter.
  const doc = parseDocument(source, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const problems: LabProblem[] = [];
  if (doc.errors.length > 0) {
    // The first syntax error usually causes the rest: report a few, not hundreds.
    for (const e of doc.errors.slice(0, 3)) {
      const first = e.message.split('\n')[0] ?? e.message;
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the tip names the lab files' own ${…} placeholder syntax
      const tip = /flow-(map|seq)/.test(first) ? ' (inside { … } or [ … ], put text containing ${…}, braces, brackets or commas in quotes)' : '';
      problems.push({ file, line: counter.linePos(e.pos[0]).line, field: '(yaml)', message: `${first}${tip}` });
    }
    return { ok: false, problems };
  }
  if (!isDocument(doc)) return { ok: false, problems: [{ file, line: 1, field: '(file)', message: 'not a YAML document' }] };
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // yaml refuses documents whose aliases would expand beyond the limit (a "billion laughs").
    return { ok: false, problems: [{ file, line: firstAliasLine(doc, counter), field: '(yaml)', message: `${(error as Error).message}: a lab file may repeat anchors (*name) only a few times; write the values out instead` }] };
  }
  if (!isRecord(raw)) {
    return { ok: false, problems: [{ file, line: 1, field: '(file)', message: 'a lab file is a YAML mapping of fields (title, briefing, rack, …)' }] };
  }
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) {
    problems.push({ file, line: 1, field: '(file name)', message: `"${id}" is not a kebab-case id: rename the file, e.g. 02-filter-blocks.yaml` });
  }

  const { variables: rawVariables, ...rawBody } = raw;
  const parsedVariables = labVariables.safeParse(rawVariables ?? {}, { error: friendly });
  if (!parsedVariables.success) {
    const issues = parsedVariables.error.issues.map((i) => ({ ...i, path: ['variables', ...i.path] }));
    return { ok: false, problems: [...problems, ...issuesToProblems(issues, file, doc, counter)] };
  }
  const variables: Record<string, VariableSpec> = parsedVariables.data;

  // Placeholders must name declared variables; declared variables must be used.
  const slots = findSlots(rawBody);
  for (const slot of slots) {
    try {
      substitute(slot.text, drawValues(variables));
    } catch (error) {
      problems.push({ file, line: lineOf(doc, counter, slot.path), field: fieldName(slot.path), message: (error as Error).message });
    }
  }
  const used = placeholdersIn(rawBody);
  for (const name of Object.keys(variables)) {
    if (!used.has(name)) {
      problems.push({ file, line: lineOf(doc, counter, ['variables', name]), field: `variables.${name}`, message: `declared but never used: use it as \${${name}} or remove it` });
    }
  }
  if (problems.length > 0) return { ok: false, problems };

  const defaults = drawValues(variables);
  const parsed = labFile.safeParse({ ...substitute(rawBody, defaults), variables }, { error: friendly });
  if (!parsed.success) return { ok: false, problems: issuesToProblems(parsed.error.issues, file, doc, counter) };

  // A placeholder must sit where the parsed lab keeps the value, or refilling it would misplace it.
  const body = parsed.data as LabFile;
  for (const slot of slots) {
    let node: unknown = body;
    for (const key of slot.path) node = isRecord(node) || Array.isArray(node) ? (node as Record<string | number, unknown>)[key] : undefined;
    if (node === undefined) {
      problems.push({ file, line: lineOf(doc, counter, slot.path), field: fieldName(slot.path), message: 'a placeholder cannot be used here: write the value itself' });
    }
  }

  // Every checked seed must give a valid lab whose variables stay distinct.
  for (const seed of CHECKED_SEEDS) {
    const values = drawValues(variables, seed);
    for (const clash of clashes(values)) {
      problems.push({ file, line: lineOf(doc, counter, ['variables']), field: 'variables', message: `with seed ${seed}, ${clash}: widen the ranges or make them disjoint` });
    }
    const variant = labFile.safeParse({ ...substitute(rawBody, values), variables }, { error: friendly });
    if (!variant.success) problems.push(...issuesToProblems(variant.error.issues, file, doc, counter, ` (in the variant for seed ${seed})`));
  }
  if (problems.length > 0) return { ok: false, problems: dedupe(problems) };

  const lab: Lab = { ...body, id, slots, values: defaults, seed: null };

  // The lab must replay: a grade of the empty answer may fail objectives but must not throw.
  try {
    grade(lab, {});
  } catch (error) {
    return { ok: false, problems: [{ file, line: 1, field: '(replay)', message: `the lab cannot be replayed: ${(error as Error).message}` }] };
  }
  const pathProblems = configPathProblems(lab).map(({ path, message }) => ({ file, line: lineOf(doc, counter, path), field: fieldName(path), message }));
  if (pathProblems.length > 0) return { ok: false, problems: pathProblems };
  return { ok: true, lab };
}

/**
 * Config checks whose path (or `match` field) the state document does not have, checked against
 * the real state of the lab's rack after its history. Below `eip` nothing is checked when the
 * rack has no EIP21S yet but the learner may fit one.
 */
function configPathProblems(lab: Lab): { path: (string | number)[]; message: string }[] {
  const start = startingState(lab);
  const state = stateDocument(start.view, lab.rack.cpu.settings.program);
  const hardwareEditable = lab.editable.some((e) => e === 'hardware' || e === 'hardware.unit');
  const open = hardwareEditable ? ['eip'] : [];
  const out: { path: (string | number)[]; message: string }[] = [];
  for (const [i, o] of lab.objectives.entries()) {
    if (o.kind !== 'config') continue;
    for (const [j, check] of o.checks.entries()) {
      // Every op that reads the state names it by `path` (checks without one, such as offers, are skipped).
      const path: unknown = (check as { path?: unknown }).path;
      if (typeof path !== 'string') continue;
      const at = ['objectives', i, 'checks', j];
      const problem = statePathProblem(state, path, open);
      if (problem) {
        out.push({ path: [...at, 'path'], message: problem });
        continue;
      }
      const match: unknown = (check as { match?: unknown }).match;
      if (match === null || typeof match !== 'object') continue;
      for (const key of Object.keys(match)) {
        const keyProblem = statePathProblem(state, `${path}.0.${key}`, open);
        if (keyProblem) out.push({ path: [...at, 'match', key], message: keyProblem });
      }
    }
  }
  return out;
}

function dedupe(problems: LabProblem[]): LabProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = formatProblem(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Reads and validates one lab file; `root` makes the reported file name relative. */
export async function loadLabFile(path: string, root = process.cwd()): Promise<LabLoadResult> {
  const file = relative(root, path) || path;
  let source: string;
  try {
    // UTF-8 takes at most 4 bytes a character: a larger file is refused unread.
    const { size } = await stat(path);
    if (size > MAX_LAB_CHARS * 4) {
      return { ok: false, problems: [{ file, line: 1, field: '(file)', message: `the file is ${size.toLocaleString('en')} bytes; a lab file is at most ${MAX_LAB_CHARS.toLocaleString('en')} characters` }] };
    }
    source = await readFile(path, 'utf8');
  } catch (error) {
    return { ok: false, problems: [{ file, line: 1, field: '(file)', message: `cannot read the file: ${(error as Error).message}` }] };
  }
  try {
    return parseLabSource(source, file);
  } catch (error) {
    // Whatever else goes wrong with one file, name it and let the other labs load.
    return { ok: false, problems: [{ file, line: 1, field: '(file)', message: `the file cannot be read as a lab: ${(error as Error).message}` }] };
  }
}

/** Every lab in a directory, sorted by id, and every problem found in any of them. */
export async function loadLabs(dir = join(process.cwd(), LABS_DIR), root = process.cwd()): Promise<{ labs: Lab[]; problems: LabProblem[] }> {
  const names = (await readdir(dir)).filter((n) => /\.ya?ml$/.test(n)).sort();
  const labs: Lab[] = [];
  const problems: LabProblem[] = [];
  for (const name of names) {
    const result = await loadLabFile(join(dir, name), root);
    if (result.ok) labs.push(result.lab);
    else problems.push(...result.problems);
  }
  return { labs, problems };
}

/** The collection entry schema: labs arrive already validated by the loader. */
const labEntry = z.custom<Lab>((value) => isRecord(value) && typeof value.id === 'string', 'expected a lab loaded by labsLoader');

/**
 * An Astro content loader for content/labs: every file validated as above; any problem fails
 * the build with every problem listed as file:line field: message. Register it in
 * src/content.config.ts as `labs: defineCollection({ loader: labsLoader() })`.
 */
export function labsLoader(dir = LABS_DIR): Loader {
  return {
    name: 'lab-files',
    schema: labEntry,
    async load({ store, logger, generateDigest, config }) {
      const root = fileURLToPath(config.root);
      const { labs, problems } = await loadLabs(join(root, dir), root);
      if (problems.length > 0) {
        throw new Error(`Invalid lab files:\n${capRepeated(problems.map(formatProblem)).join('\n')}`);
      }
      store.clear();
      for (const lab of labs) {
        const data = JSON.parse(JSON.stringify(lab)) as Record<string, unknown>;
        store.set({ id: lab.id, data, filePath: join(dir, `${lab.id}.yaml`), digest: generateDigest(data) });
      }
      logger.info(`${labs.length} labs loaded`);
    },
  };
}

/**
 * The longest answer text read (characters). The longest reference answer is a few kilobytes;
 * a lab has at most a few dozen settings, so anything near this is the wrong file.
 */
export const MAX_ANSWER_CHARS = 1_000_000;

/**
 * Paths of every own key named `__proto__` (JSON.parse keeps it as a plain key, but copying the
 * object into another one would change its prototype instead, so zod and spreads lose it silently).
 */
function prototypeKeyPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => prototypeKeyPaths(v, [...path, i]));
  if (!isRecord(value)) return [];
  return Object.entries(value).flatMap(([k, v]) => (k === '__proto__' ? [[...path, k]] : prototypeKeyPaths(v, [...path, k])));
}

/**
 * The lab's `equivalentMutations` checked against the mutants of its reference answer
 * (machines/grading/mutations.ts): an id no mutant has is refused, so a typo cannot hide a survivor.
 * `source` is the lab file's text, for the lines.
 */
export function equivalentMutationProblems(source: string, file: string, lab: Lab, reference: Answer): LabProblem[] {
  if (lab.equivalentMutations.length === 0) return [];
  const counter = new LineCounter();
  const doc = parseDocument(source, { lineCounter: counter });
  const ids = mutantsOf(lab, reference).map((m) => m.id);
  return lab.equivalentMutations.flatMap((m, i) =>
    ids.includes(m.mutation)
      ? []
      : [
          {
            file,
            line: lineOf(doc, counter, ['equivalentMutations', i, 'mutation']),
            field: `equivalentMutations[${i}].mutation`,
            message: `no mutant of the reference answer is "${m.mutation}": use one of ${ids.join(', ') || 'none (the reference answer has no mutants)'}`,
          },
        ],
  );
}

/** An answer, or what is wrong with it (each message names the field). */
export type AnswerParseResult = { ok: true; answer: Answer } | { ok: false; problems: string[] };

/**
 * Reads an answer file's text for a lab: JSON syntax, the Answer shape, each setting's value
 * type, then the lab's own rules (only editable settings, known questions and hints).
 */
export function parseAnswerText(text: string, lab: Lab): AnswerParseResult {
  if (text.length > MAX_ANSWER_CHARS) {
    return { ok: false, problems: [`the answer is ${text.length.toLocaleString('en')} characters long; an answer is at most ${MAX_ANSWER_CHARS.toLocaleString('en')}: is this the right file?`] };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`the answer is not valid JSON: ${(error as Error).message}`] };
  }
  if (!isRecord(json)) {
    const got = Array.isArray(json) ? 'a list' : JSON.stringify(json);
    return { ok: false, problems: [`(file): an answer is a JSON object such as { "settings": { … }, "actions": [ … ] }, not ${got}`] };
  }
  const hidden = prototypeKeyPaths(json);
  if (hidden.length > 0) {
    return { ok: false, problems: hidden.map((path) => `${fieldName(path)}: "__proto__" is not a field of an answer: remove it`) };
  }
  const parsed = answerSchema.safeParse(json, { error: friendly });
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => `${fieldName(i.path)}: ${i.message}`) };
  }
  const problems: string[] = [];
  for (const [path, value] of Object.entries(parsed.data.settings ?? {})) {
    const schema = settingValueSchema(path);
    if (!schema) continue; // checkAnswer names unknown paths with the list of real ones
    const result = schema.safeParse(value, { error: friendly });
    if (!result.success) {
      for (const i of result.error.issues) problems.push(`settings["${path}"]${subField(i.path)}: ${i.message}`);
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  for (const p of checkAnswer(lab, parsed.data)) problems.push(`${p.field}: ${p.message}`);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, answer: parsed.data };
}
