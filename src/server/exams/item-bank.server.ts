/**
 * Loading the certification item bank and the exam blueprints (content/exams/, see schema.ts for
 * the layout): YAML parsed with positions kept, the zod schemas applied, and every problem
 * reported as `file:line item "<id>" <field>: message`, so an author knows which item of which
 * file to fix and how. Rules across files are checked here too: item ids unique in the bank,
 * performance items naming a lab that exists, and every blueprint drawable from the bank.
 *
 * Node-only (reads files). Only server modules import it: the bank never reaches the browser.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { z } from 'astro/zod';
import { type Document, isDocument, LineCounter, parseDocument } from 'yaml';
import type { Lab } from '../../../machines/grading/lab.ts';
import { capRepeated, fieldName, formatProblem, LABS_DIR, loadLabs } from '../lab-files.server.ts';
import type { LabLookup } from './draw.ts';
import { type Blueprint, bankFile, blueprintsFile, type ExamItem, fitsArea, type ItemBank } from './schema.ts';

/** Where the bank and blueprints live, relative to the project root. */
export const EXAMS_DIR = 'content/exams';

/** The file of blueprints inside EXAMS_DIR; every other .yaml file there is a bank file. */
export const BLUEPRINTS_FILE = 'blueprints.yaml';

/** The longest exam file read (characters): a bank file of a few dozen items is about 40,000. */
export const MAX_EXAM_FILE_CHARS = 400_000;

/** One problem in an exam file. */
export interface ExamProblem {
  /** The file, relative to the project root. */
  file: string;
  /** 1-based line (the nearest enclosing line when the field is missing). */
  line: number;
  /** The item's id, when the problem is inside an item that has one. */
  item?: string;
  /** The field inside the item (or the file), e.g. "options[2].key". */
  field: string;
  message: string;
}

/** "content/exams/02-network.yaml:41 item "filter-mask" options: mark exactly one …". */
export function formatExamProblem(p: ExamProblem): string {
  return `${p.file}:${p.line}${p.item ? ` item "${p.item}"` : ''} ${p.field}: ${p.message}`;
}

type Path = readonly PropertyKey[];

/** The line of the deepest node of `path` that exists in the document. */
function lineAt(doc: Document, counter: LineCounter, path: Path): number {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n) as unknown[], true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return counter.linePos(node.range[0]).line;
  }
  return 1;
}

/** Zod's message, or a plainer one for the cases authors meet most. */
function plainMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}: remove or respell`;
  if (issue.code === 'invalid_type' && issue.message.includes('received undefined')) return `this field is required (${issue.expected} expected)`;
  return issue.message;
}

/** A parsed YAML document, or the problems that stopped it. */
function parseYaml(source: string, file: string): { doc: Document; counter: LineCounter; raw: unknown } | { problems: ExamProblem[] } {
  if (source.length > MAX_EXAM_FILE_CHARS) {
    return { problems: [{ file, line: 1, field: '(file)', message: `the file is ${source.length.toLocaleString('en')} characters; split it (at most ${MAX_EXAM_FILE_CHARS.toLocaleString('en')})` }] };
  }
  const counter = new LineCounter();
  const doc = parseDocument(source, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0 || !isDocument(doc)) {
    return { problems: doc.errors.slice(0, 3).map((e) => ({ file, line: counter.linePos(e.pos[0]).line, field: '(yaml)', message: e.message.split('\n')[0] ?? e.message })) };
  }
  try {
    // Exam files need no aliases: refusing any keeps a "billion laughs" file from expanding.
    return { doc, counter, raw: doc.toJS({ maxAliasCount: 0 }) };
  } catch (error) {
    return { problems: [{ file, line: 1, field: '(yaml)', message: `${(error as Error).message}: write the values out instead of using *aliases` }] };
  }
}

/** Problems from zod issues, naming the item (by its id, when it has one) and the field inside it. */
function issueProblems(issues: readonly z.core.$ZodIssue[], file: string, doc: Document, counter: LineCounter, listKey: string, raw: unknown): ExamProblem[] {
  const list = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>)[listKey] : undefined;
  return issues.map((issue) => {
    const [top, index, ...rest] = issue.path;
    const line = lineAt(doc, counter, issue.path);
    if (top === listKey && typeof index === 'number') {
      const entry = Array.isArray(list) ? (list[index] as { id?: unknown } | undefined) : undefined;
      const itemId = typeof entry?.id === 'string' ? entry.id : undefined;
      return {
        file,
        line,
        ...(itemId ? { item: itemId } : {}),
        field: itemId ? fieldName(rest) : fieldName(issue.path),
        message: plainMessage(issue),
      };
    }
    return { file, line, field: fieldName(issue.path), message: plainMessage(issue) };
  });
}

/** One bank file's items, or everything wrong with it. */
export type BankFileResult = { ok: true; area: string; items: ExamItem[] } | { ok: false; problems: ExamProblem[] };

/** Parses and validates one bank file's text; `file` names it in problems. */
export function parseBankSource(source: string, file: string): BankFileResult {
  const parsed = parseYaml(source, file);
  if ('problems' in parsed) return { ok: false, problems: parsed.problems };
  const result = bankFile.safeParse(parsed.raw);
  if (!result.success) return { ok: false, problems: issueProblems(result.error.issues, file, parsed.doc, parsed.counter, 'items', parsed.raw) };
  return { ok: true, area: result.data.area, items: result.data.items };
}

/** The blueprints, or everything wrong with their file. */
export type BlueprintsResult = { ok: true; exams: Blueprint[] } | { ok: false; problems: ExamProblem[] };

/** Parses and validates the blueprints file's text. */
export function parseBlueprintsSource(source: string, file: string): BlueprintsResult {
  const parsed = parseYaml(source, file);
  if ('problems' in parsed) return { ok: false, problems: parsed.problems };
  const result = blueprintsFile.safeParse(parsed.raw);
  if (!result.success) return { ok: false, problems: issueProblems(result.error.issues, file, parsed.doc, parsed.counter, 'exams', parsed.raw) };
  const problems: ExamProblem[] = [];
  const seen = new Set<string>();
  for (const exam of result.data.exams) {
    if (seen.has(exam.id)) problems.push({ file, line: 1, item: exam.id, field: 'id', message: 'two exams share this id: rename one' });
    seen.add(exam.id);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, exams: result.data.exams };
}

/**
 * Why a blueprint might not be drawable from the bank. Guaranteed, not just likely: each area
 * must have enough fitting items even if every earlier area that overlaps it took its items
 * from the shared ones.
 */
export function blueprintProblems(bank: ItemBank, exam: Blueprint, file: string, line = 1): ExamProblem[] {
  return exam.areas.flatMap((area, k) => {
    const fitting = bank.items.filter((item) => fitsArea(item, area));
    const takenBefore = exam.areas.slice(0, k).reduce((sum, earlier) => (fitting.some((item) => fitsArea(item, earlier)) ? sum + earlier.count : sum), 0);
    const available = fitting.length - takenBefore;
    if (available >= area.count) return [];
    return [{ file, line, item: exam.id, field: `areas[${k}].count`, message: `area "${area.title}" draws ${area.count} items, but the bank can guarantee only ${Math.max(0, available)} (${fitting.length} fit, up to ${takenBefore} taken by earlier areas): add items or lower the count` }];
  });
}

/** The line where `id: <id>` is written (the entry's first line), 1 when it cannot be found. */
function lineOfId(source: string, id: string): number {
  const at = source.search(new RegExp(`\\bid: ${id}\\b`));
  return at < 0 ? 1 : source.slice(0, at).split('\n').length;
}

/** The whole bank and the blueprints, or every problem found. */
export interface ExamContent {
  bank: ItemBank;
  exams: Blueprint[];
  problems: ExamProblem[];
}

/**
 * Reads every bank file and the blueprints in `dir`. `labIds` are the labs that exist, for
 * performance items. Problems from all files are collected, so one run lists them all.
 */
export async function loadExamContent(labIds: readonly string[], dir = join(process.cwd(), EXAMS_DIR), root = process.cwd()): Promise<ExamContent> {
  const names = (await readdir(dir)).filter((n) => /\.ya?ml$/.test(n)).sort();
  const problems: ExamProblem[] = [];
  const items: ExamItem[] = [];
  const files: Record<string, string> = {};
  const read = async (name: string) => {
    const path = join(dir, name);
    return { file: relative(root, path) || path, source: await readFile(path, 'utf8') };
  };
  for (const name of names.filter((n) => n !== BLUEPRINTS_FILE)) {
    const { file, source } = await read(name);
    const result = parseBankSource(source, file);
    if (!result.ok) {
      problems.push(...result.problems);
      continue;
    }
    for (const item of result.items) {
      const line = lineOfId(source, item.id);
      if (Object.hasOwn(files, item.id)) {
        problems.push({ file, line, item: item.id, field: 'id', message: `also used in ${files[item.id]}: item ids are unique across the bank` });
        continue;
      }
      if (item.type === 'performance' && !labIds.includes(item.lab)) {
        problems.push({ file, line, item: item.id, field: 'lab', message: `no lab "${item.lab}" in content/labs: use one of ${labIds.join(', ')}` });
      }
      files[item.id] = file;
      items.push(item);
    }
  }
  const bank: ItemBank = { items, files };
  let exams: Blueprint[] = [];
  if (names.includes(BLUEPRINTS_FILE)) {
    const { file, source } = await read(BLUEPRINTS_FILE);
    const result = parseBlueprintsSource(source, file);
    if (result.ok) {
      exams = result.exams;
      for (const exam of exams) problems.push(...blueprintProblems(bank, exam, file, lineOfId(source, exam.id)));
    } else problems.push(...result.problems);
  } else {
    problems.push({ file: relative(root, join(dir, BLUEPRINTS_FILE)), line: 1, field: '(file)', message: 'the blueprints file is missing: create it with at least one exam' });
  }
  return { bank, exams, problems };
}

/** Everything the exam routes need, loaded and checked once. */
export interface ExamCatalog {
  bank: ItemBank;
  exams: Blueprint[];
  /** The labs performance items name, by id. */
  labs: LabLookup;
}

/**
 * Loads labs, bank and blueprints from the project root and throws one error listing every
 * problem (file:line item "id" field: message) when anything is wrong, so a bad bank stops the
 * server at start-up rather than failing a candidate mid-exam.
 */
export async function loadExamCatalog(root = process.cwd()): Promise<ExamCatalog> {
  const { labs, problems: labProblems } = await loadLabs(join(root, LABS_DIR), root);
  const content = await loadExamContent(
    labs.map((l) => l.id),
    join(root, EXAMS_DIR),
    root,
  );
  const lines = [...labProblems.map(formatProblem), ...content.problems.map(formatExamProblem)];
  if (lines.length > 0) throw new Error(`Invalid exam content:\n${capRepeated(lines).join('\n')}`);
  const byId = new Map<string, Lab>(labs.map((l) => [l.id, l]));
  return { bank: content.bank, exams: content.exams, labs: (id) => byId.get(id) };
}
