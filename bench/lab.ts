/**
 * Lab benchmark: how long the workbench takes to replay and grade the largest lab (the one with
 * the most history and traffic steps) with its reference answer — what one press of "Run" or
 * "Grade" costs; target under one 60 Hz frame (16 ms) — and how much JavaScript a lab page
 * loads, gzipped (budget 120 KB). Reads the built site in dist/ (the site section builds it
 * first; this section builds it when it is missing).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { grade, startingState } from '../machines/grading/grader.ts';
import type { Answer, Lab } from '../machines/grading/lab.ts';
import { loadLabs } from '../src/server/lab-files.server.ts';
import type { BenchSection, SectionResult } from './section.ts';
import { LAB_PAGE_JS_BUDGET, weighPage } from './site.ts';

/** Milliseconds a replay and grade of the largest lab may take (one frame at 60 Hz). */
export const GRADE_TARGET_MS = 16;


const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WARMUP = 20;
const RUNS = 200;

/** The lab whose replay does the most work: history plus traffic steps, then objectives. */
function largest(labs: Lab[]): Lab {
  const size = (l: Lab) => (l.history.length + l.traffic.length) * 1000 + l.objectives.length;
  const lab = [...labs].sort((a, b) => size(b) - size(a))[0];
  if (!lab) throw new Error('no labs in content/labs');
  return lab;
}

function reference(lab: Lab): Answer {
  const file = join(ROOT, 'test/fixtures/labs', lab.id, 'reference.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Answer) : {};
}

/** Median and 95th percentile of `RUNS` timed calls, after `WARMUP` untimed ones. */
function time(fn: () => void): { median: number; p95: number } {
  for (let i = 0; i < WARMUP; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    fn();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0;
  return { median: at(0.5), p95: at(0.95) };
}

const ms = (n: number) => `${n.toFixed(2)} ms`;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

const section: BenchSection = {
  title: 'Labs: grading time and lab page weight',
  async run(): Promise<SectionResult> {
    const { labs, problems } = await loadLabs(join(ROOT, 'content/labs'), ROOT);
    if (problems.length > 0) throw new Error(`lab files have problems:\n${problems.map((p) => `${p.file}:${p.line} ${p.field}: ${p.message}`).join('\n')}`);
    const lab = largest(labs);
    const answer = reference(lab);
    // A learner's variant: the seed is drawn like the workbench's (any seed exercises the same work).
    const seed = 0x5eed;
    const gradeTime = time(() => grade(lab, answer, seed));
    const startTime = time(() => startingState(lab, seed));
    const report = grade(lab, answer);

    if (!existsSync(join(ROOT, 'dist/labs', lab.id, 'index.html'))) {
      const built = spawnSync(process.execPath, [join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build'], { cwd: ROOT, encoding: 'utf8' });
      if (built.status !== 0) throw new Error(`astro build failed:\n${built.stdout}\n${built.stderr}`);
    }
    const pages = labs.map((l) => weighPage(join(ROOT, 'dist/labs', l.id, 'index.html')));
    const heaviest = [...pages].sort((a, b) => b.jsAll.gz - a.jsAll.gz)[0];
    const index = weighPage(join(ROOT, 'dist/labs/index.html'));

    const failures: string[] = [];
    if (gradeTime.median > GRADE_TARGET_MS) {
      failures.push(`Grading ${lab.id} takes ${ms(gradeTime.median)} (median), over the ${GRADE_TARGET_MS} ms target.`);
    }
    return {
      tables: [
        {
          caption: `Largest lab: \`${lab.id}\` (${lab.history.length} history steps, ${lab.traffic.length} traffic steps, ${lab.objectives.length} objectives), reference answer scoring ${report.score} of ${report.max}; ${RUNS} runs after ${WARMUP} warm-up runs.`,
          headers: ['Measure', 'Median', '95th percentile', 'Target'],
          rows: [
            ['Replay and grade (`grade`, a learner’s variant)', ms(gradeTime.median), ms(gradeTime.p95), `< ${GRADE_TARGET_MS} ms`],
            ['Opening the lab (`startingState`: variant and history)', ms(startTime.median), ms(startTime.p95), '—'],
          ],
        },
        {
          caption: 'JavaScript the lab pages load, gzipped (every script and island module with its static imports).',
          headers: ['Page', 'JS (raw / gzipped)', 'Budget'],
          rows: [
            ...(heaviest ? [[`\`${heaviest.path}\` (heaviest lab page)`, `${kb(heaviest.jsAll.raw)} / ${kb(heaviest.jsAll.gz)}`, `${kb(LAB_PAGE_JS_BUDGET)} ${heaviest.jsAll.gz > LAB_PAGE_JS_BUDGET ? '⚠ over (reported, not failing: see the site section)' : '✓'}`]] : []),
            [`\`${index.path}\``, `${kb(index.js.raw)} / ${kb(index.js.gz)}`, '—'],
          ],
        },
      ],
      notes: [
        'Grading replays everything from the lab’s start — history, the learner’s settings through the units’ machines, actions, the whole traffic suite — then checks every objective; the workbench does this on each press of Run or Grade.',
        'Every lab page loads the same island, so their weights differ only by a few bytes of HTML-embedded data; the heaviest is shown.',
        'The budget applies to the script needed before the page is interactive (React’s client renderer is about 69 KB of it). The workbench body with the simulator and grader loads as a separate chunk at hydration: see “JS incl. lazy chunks” in the site section for the total.',
      ],
      failures,
    };
  },
};

export default section;
