/**
 * Lab command line:
 *   npm run lab -- grade <lab-id> <answer.json> [--seed N] [--timeline] [--json]
 *   npm run lab -- validate [--dir <folder>]
 *   npm run lab -- list
 *   npm run lab -- mutate [<lab-id>] [--dir <folder>]
 *
 * Exit codes: 0 lab passed / files valid / every mutant failed; 1 lab failed / a lab file is
 * invalid / a weakened answer passed (mutation score below 100 %);
 * 2 bad input (unknown lab, unreadable or invalid answer, bad option), with a message saying
 * what to fix.
 */
import { readFile, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { grade, type Report, type TimelineEntry } from '../machines/grading/grader.ts';
import { type MutationReport, mutationReport } from '../machines/grading/mutations.ts';
import { type Lab, requirementsMet } from '../machines/grading/lab.ts';
import {
  equivalentMutationProblems,
  capRepeated,
  formatProblem,
  LABS_DIR,
  type LabProblem,
  loadLabFile,
  loadLabs,
  MAX_ANSWER_CHARS,
  parseAnswerText,
  REFERENCE_ANSWERS_DIR,
} from '../src/server/lab-files.server.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const USAGE = `Usage:
  npm run lab -- grade <lab-id> <answer.json> [--seed N] [--timeline] [--json]
  npm run lab -- validate [--dir <folder>]   (default: content/labs)
  npm run lab -- list
  npm run lab -- mutate [<lab-id>] [--dir <folder>]   (grades weakened copies of each reference answer)`;

/** A failure of the input, reported with exit code 2. */
class BadInput extends Error {}

function out(line = ''): void {
  process.stdout.write(`${line}\n`);
}

function tick(ok: boolean): string {
  return ok ? '✓' : '✗';
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

function timelineLine(t: TimelineEntry): string {
  const verdict = t.outcome.allowed ? 'allowed' : `blocked by ${t.outcome.blockedBy?.source ?? '?'}`;
  const mark = t.met === undefined ? ' ' : tick(t.met);
  return `  ${mark} [${t.phase}] ${t.clock} ${t.from} → ${t.to}: ${t.label} — ${verdict}`;
}

function printReport(report: Report, lab: Lab, showTimeline: boolean): void {
  out(`Lab ${report.labId} — ${lab.title}${report.seed === null ? '' : ` (variant for seed ${report.seed})`}`);
  out();
  out('What the briefing asks:');
  for (const r of requirementsMet(lab, report.objectives)) out(`  ${tick(r.met)} ${r.text}${r.met ? '' : ` (see ${r.failed.join(', ')})`}`);
  out();
  const width = Math.max(...report.objectives.map((o) => o.id.length), 10);
  for (const o of report.objectives) {
    out(`  ${tick(o.passed)} ${pad(o.id, width)}  ${String(o.earned).padStart(2)}/${o.points}  ${o.title}`);
    if (!o.passed) {
      for (const detail of o.details.length > 0 ? o.details : [o.reason]) out(`      ${detail}`);
      if (o.hint) out(`      hint: ${o.hint}`);
      if (o.lessons.length > 0) out(`      review: ${o.lessons.join(', ')}`);
    }
  }
  if (report.problems.length > 0) {
    out();
    out('Problems with the answer:');
    for (const line of capRepeated(report.problems.map((p) => `  ✗ ${p.field}: ${p.message}`))) out(line);
  }
  if (report.notes.length > 0) {
    out();
    for (const note of report.notes) out(`Note: ${note}`);
  }
  if (showTimeline) {
    out();
    out('Timeline:');
    for (const t of report.timeline) out(timelineLine(t));
  }
  out();
  if (report.hints.used.length > 0) out(`Hints used: ${report.hints.used.join(', ')} (−${report.hints.penalty})`);
  out(`Score ${report.score}/${report.max} — ${report.passed ? 'PASSED' : 'FAILED'}`);
}

function parseSeed(text: string | undefined): number {
  if (text === undefined || !/^\d+$/.test(text) || Number(text) > 0xffffffff) {
    throw new BadInput(`--seed needs a whole number from 0 to 4294967295, got ${text === undefined ? 'nothing' : `"${text}"`}`);
  }
  return Number(text);
}

async function labIds(dir = join(ROOT, LABS_DIR)): Promise<string[]> {
  const { readdir } = await import('node:fs/promises');
  return (await readdir(dir)).filter((n) => n.endsWith('.yaml')).map((n) => n.replace(/\.yaml$/, '')).sort();
}

async function gradeCommand(args: string[]): Promise<number> {
  const positional: string[] = [];
  let seed: number | undefined;
  let json = false;
  let timeline = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--seed') seed = parseSeed(args[++i]);
    else if (arg.startsWith('--seed=')) seed = parseSeed(arg.slice('--seed='.length));
    else if (arg === '--json') json = true;
    else if (arg === '--timeline') timeline = true;
    else if (arg.startsWith('--')) throw new BadInput(`unknown option ${arg}\n${USAGE}`);
    else positional.push(arg);
  }
  const [labId, answerPath] = positional;
  if (!labId || !answerPath || positional.length > 2) throw new BadInput(`grade needs a lab id and an answer file\n${USAGE}`);

  const ids = await labIds();
  if (!ids.includes(labId)) throw new BadInput(`unknown lab "${labId}": the labs are ${ids.join(', ')}`);
  const loaded = await loadLabFile(join(ROOT, LABS_DIR, `${labId}.yaml`), ROOT);
  if (!loaded.ok) throw new BadInput(`the lab file is invalid:\n${capRepeated(loaded.problems.map(formatProblem)).join('\n')}`);

  let text: string;
  try {
    // A UTF-8 character is at most 4 bytes: a larger file cannot be an answer, so it is not read.
    const { size } = await stat(answerPath);
    if (size > MAX_ANSWER_CHARS * 4) throw new BadInput(`the answer file ${answerPath} is ${size.toLocaleString('en')} bytes; an answer is at most ${MAX_ANSWER_CHARS.toLocaleString('en')} characters: is this the right file?`);
    text = await readFile(answerPath, 'utf8');
  } catch (error) {
    if (error instanceof BadInput) throw error;
    throw new BadInput(`cannot read the answer file ${answerPath}: ${(error as Error).message}`);
  }
  const parsed = parseAnswerText(text, loaded.lab);
  if (!parsed.ok) throw new BadInput(`the answer ${answerPath} is invalid:\n${capRepeated(parsed.problems.map((p) => `  ${p}`)).join('\n')}`);

  const report = grade(loaded.lab, parsed.answer, seed);
  if (json) out(JSON.stringify(report, null, 2));
  else printReport(report, loaded.lab, timeline);
  return report.passed ? 0 : 1;
}

/** Declared equivalent mutations that the reference answer has no mutant for. */
async function declarationProblems(labs: Lab[], dir: string): Promise<LabProblem[]> {
  const problems: LabProblem[] = [];
  for (const lab of labs.filter((l) => l.equivalentMutations.length > 0)) {
    const path = join(dir, `${lab.id}.yaml`);
    const file = relative(ROOT, path) || path;
    const answerPath = join(ROOT, REFERENCE_ANSWERS_DIR, lab.id, 'reference.json');
    const [source, answerText] = await Promise.all([readFile(path, 'utf8'), readFile(answerPath, 'utf8').catch(() => null)]);
    const parsed = answerText === null ? null : parseAnswerText(answerText, lab);
    if (!parsed?.ok) {
      problems.push({ file, line: 1, field: 'equivalentMutations', message: `declares equivalent mutations, but ${REFERENCE_ANSWERS_DIR}/${lab.id}/reference.json is ${parsed ? 'invalid' : 'missing'}: fix the reference answer` });
      continue;
    }
    problems.push(...equivalentMutationProblems(source, file, lab, parsed.answer));
  }
  return problems;
}

async function validateCommand(args: string[]): Promise<number> {
  let dir = join(ROOT, LABS_DIR);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--dir' && args[i + 1] !== undefined) dir = resolve(args[++i] ?? '');
    else throw new BadInput(`unknown option ${arg}\n${USAGE}`);
  }
  let problemsAndLabs: Awaited<ReturnType<typeof loadLabs>>;
  try {
    problemsAndLabs = await loadLabs(dir, ROOT);
  } catch (error) {
    throw new BadInput(`cannot read the folder ${dir}: ${(error as Error).message}`);
  }
  const { labs, problems } = problemsAndLabs;
  problems.push(...(await declarationProblems(labs, dir)));
  for (const line of capRepeated(problems.map(formatProblem))) out(line);
  const files = new Set(problems.map((p) => p.file));
  const valid = labs.filter((l) => ![...files].some((f) => f.endsWith(`${l.id}.yaml`))).length;
  out(problems.length === 0 ? `${labs.length} lab files valid.` : `${problems.length} problem(s) in ${files.size} lab file(s); ${valid} valid.`);
  return problems.length === 0 ? 0 : 1;
}

async function listCommand(): Promise<number> {
  const { labs, problems } = await loadLabs(join(ROOT, LABS_DIR), ROOT);
  for (const lab of labs) out(`${pad(lab.id, 28)} ${pad(lab.difficulty, 13)} ${String(lab.minutes).padStart(3)} min  ${lab.title}`);
  if (problems.length > 0) out(`(${problems.length} problem(s): run npm run lab -- validate)`);
  return 0;
}

function percent(score: number): string {
  return `${(Math.floor(score * 1000) / 10).toFixed(1)} %`;
}

/** Prints one lab's mutation result; returns whether the lab is at 100 % with clean declarations. */
function printMutations(lab: Lab, report: MutationReport): boolean {
  const equivalent = report.mutants.filter((m) => m.equivalent).length;
  const counted = report.mutants.length - equivalent;
  const killed = counted - report.survivors.length;
  out(`${pad(lab.id, 28)} ${String(killed).padStart(3)}/${counted} mutants fail${equivalent ? ` (${equivalent} declared equivalent)` : ''} — ${percent(report.score)}`);
  for (const m of report.survivors) out(`  ✗ survives ${m.id}: ${m.description}`);
  for (const id of report.unknownDeclarations) out(`  ✗ equivalentMutations names "${id}", but the reference answer has no such mutant: fix the id or remove it`);
  for (const id of report.staleDeclarations) out(`  ✗ "${id}" is declared equivalent, yet the grader fails it: remove the declaration`);
  return report.survivors.length === 0 && report.unknownDeclarations.length === 0 && report.staleDeclarations.length === 0;
}

async function mutateCommand(args: string[]): Promise<number> {
  let dir = join(ROOT, LABS_DIR);
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--dir' && args[i + 1] !== undefined) dir = resolve(args[++i] ?? '');
    else if (arg.startsWith('--')) throw new BadInput(`unknown option ${arg}\n${USAGE}`);
    else positional.push(arg);
  }
  if (positional.length > 1) throw new BadInput(`mutate takes at most one lab id\n${USAGE}`);
  const ids = await labIds(dir);
  const wanted = positional[0];
  if (wanted !== undefined && !ids.includes(wanted)) throw new BadInput(`unknown lab "${wanted}": the labs are ${ids.join(', ')}`);
  let all = true;
  let killed = 0;
  let counted = 0;
  for (const id of wanted === undefined ? ids : [wanted]) {
    const loaded = await loadLabFile(join(dir, `${id}.yaml`), ROOT);
    if (!loaded.ok) throw new BadInput(`the lab file is invalid:\n${loaded.problems.map(formatProblem).join('\n')}`);
    const path = join(ROOT, REFERENCE_ANSWERS_DIR, id, 'reference.json');
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      throw new BadInput(`lab ${id} has no reference answer to mutate (${(error as Error).message}): add ${REFERENCE_ANSWERS_DIR}/${id}/reference.json`);
    }
    const parsed = parseAnswerText(text, loaded.lab);
    if (!parsed.ok) throw new BadInput(`the reference answer of ${id} is invalid:\n${parsed.problems.map((p) => `  ${p}`).join('\n')}`);
    const report = mutationReport(loaded.lab, parsed.answer);
    all = printMutations(loaded.lab, report) && all;
    const lab = report.mutants.filter((m) => !m.equivalent);
    counted += lab.length;
    killed += lab.filter((m) => m.killed).length;
  }
  const score = counted === 0 ? 1 : killed / counted;
  out();
  out(`Mutation score ${killed}/${counted} — ${percent(score)}${all ? '' : ' (see ✗ above)'}`);
  return all && score === 1 ? 0 : 1;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'grade':
        return await gradeCommand(rest);
      case 'validate':
        return await validateCommand(rest);
      case 'list':
        return await listCommand();
      case 'mutate':
        return await mutateCommand(rest);
      default:
        throw new BadInput(command === undefined ? USAGE : `unknown command "${command}"\n${USAGE}`);
    }
  } catch (error) {
    if (error instanceof BadInput) {
      process.stderr.write(`lab: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
