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
import { readdir, readFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader } from 'astro/loaders';
import { z } from 'astro/zod';
import { isDocument, LineCounter, parseDocument, type Document } from 'yaml';
import { checkAnswer, grade } from '../../machines/grader.ts';
import type { Answer, Lab, LabFile } from '../../machines/lab.ts';
import { mutantsOf } from '../../machines/mutations.ts';
import { clashes, drawValues, findSlots, placeholdersIn, substitute, type VariableSpec } from '../../machines/variants.ts';
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
  const got = input === undefined ? 'nothing' : input === null ? 'null' : Array.isArray(input) ? 'a list' : typeof input === 'object' ? 'an object' : JSON.stringify(input);
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parses and validates one lab file's text. `file` names it in problems; `id` is the lab id
 * (the file name without .yaml unless given).
 */
export function parseLabSource(source: string, file: string, id = basename(file).replace(/\.ya?ml$/, '')): LabLoadResult {
  const counter = new LineCounter();
  const doc = parseDocument(source, { lineCounter: counter, prettyErrors: true, uniqueKeys: true });
  const problems: LabProblem[] = [];
  if (doc.errors.length > 0) {
    // The first syntax error usually causes the rest: report a few, not hundreds.
    for (const e of doc.errors.slice(0, 3)) {
      const first = (e.message.split('\n')[0] ?? e.message).replace(/ at line \d+, column \d+:?$/, '');
      const tip = /flow-(map|seq)/.test(first) ? ' (inside { … } or [ … ], put text containing ${…}, braces, brackets or commas in quotes)' : '';
      problems.push({ file, line: e.linePos?.[0]?.line ?? 1, field: '(yaml)', message: `${first}${tip}` });
    }
    return { ok: false, problems };
  }
  if (!isDocument(doc)) return { ok: false, problems: [{ file, line: 1, field: '(file)', message: 'not a YAML document' }] };
  const raw: unknown = doc.toJS();
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
  return { ok: true, lab };
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
    source = await readFile(path, 'utf8');
  } catch (error) {
    return { ok: false, problems: [{ file, line: 1, field: '(file)', message: `cannot read the file: ${(error as Error).message}` }] };
  }
  return parseLabSource(source, file);
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
        throw new Error(`Invalid lab files:\n${problems.map(formatProblem).join('\n')}`);
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
 * The lab's `equivalentMutations` checked against the mutants of its reference answer
 * (machines/mutations.ts): an id no mutant has is refused, so a typo cannot hide a survivor.
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
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`the answer is not valid JSON: ${(error as Error).message}`] };
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
