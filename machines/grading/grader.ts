/**
 * The lab grader: `grade(lab, answer, seed)` builds the lab's rack for the learner's variant,
 * replays the history, applies the learner's changes through the units' machines, replays the
 * traffic suite through the request path (`rack.send`), and checks every objective — both
 * ways: attacks must be stopped and the plant's own work must still get through.
 *
 * Pure and deterministic (no clock, no randomness beyond the seeded variant), shared by the
 * browser workbench, the CLI (`npm run lab`) and the server.
 *
 * Order of a grading run, and why:
 * 1. hardware (`hardware.*`) chooses the racks' parts, so it comes first;
 * 2. the history happened before the learner arrived;
 * 3. settings, through the machines' events (users added one by one, filter rules, ports…);
 *    project settings (`cpu.program.*`, read protection) only reach the CPU with an action;
 * 4. the learner's actions, in order, from their workstation at a local port;
 * 5. ASSUMPTION: the DIP switch is flipped like a careful engineer would — write protection
 *    turned OFF before the actions (so a transfer or a clear can happen), turned ON after them;
 * 6. the traffic suite; then the objectives on the final state. Questions about what happened
 *    (the log, the overwrite times) are answered from the state right after the history, so the
 *    learner's own repairs never change the expected answer.
 */
import type { AnswerProblem, Report } from './report.ts';
import { deepEqual, clone } from './json-values.ts';
import { type Change, type SettingsDocument, settingsDocument } from './settings-document.ts';
import { mainRack, prepare, applySettings, applyDipAfter, doAction, playStep, type Run } from './replay.ts';
import type { Rack } from '../request-path/rack.ts';
import { stateDocument } from './state-document.ts';
import { gradeObjective } from './objectives.ts';
import { type Answer, type Lab, maxPoints } from './lab.ts';
import type { RackView } from '../request-path/request-path.ts';
import { instantiate } from './variants.ts';

// The grading surface in one place: callers import from grader.ts; the other files are its parts.
export type { AnswerProblem, ObjectiveResult, Phase, Report, TimelineEntry } from './report.ts';
export { deepEqual, valueAt } from './json-values.ts';
export { checkAnswer, type SettingsDocument, startSettings } from './settings-document.ts';
export { stateDocument } from './state-document.ts';

/** What the learner finds when they start: the settings they edit and the unit's state. */
export interface StartingState {
  /** The lab's variant for the seed. */
  lab: Lab;
  /** The settings as the learner finds them (after the history). */
  settings: SettingsDocument;
  /** The main rack after the history: its operation log, Auxiliary Area and so on. */
  view: RackView;
}

/**
 * The lab's rack after its history, for the workbench's forms and evidence panels. Same seed,
 * same values as `grade` uses.
 */
export function startingState(lab: Lab, seed?: number): StartingState {
  const concrete = seed === undefined ? lab : instantiate(lab, seed);
  const { run } = prepare(concrete, {});
  const view = mainRack(run).view();
  for (const rack of run.racks.values()) rack.stop();
  return { lab: concrete, settings: settingsDocument(view, run.project), view: clone(view) };
}

/** Steps 1–5 of a grading run: the variant's racks after the history and the learner's changes. */
function answered(lab: Lab, answer: Answer, seed?: number): { concrete: Lab; run: Run; changes: Change[] } {
  const concrete = seed === undefined ? lab : instantiate(lab, seed);
  const { run, changes } = prepare(concrete, answer);
  const { dipOn } = applySettings(run, changes);
  for (const action of answer.actions ?? []) if (concrete.actions.includes(action)) doAction(run, action);
  applyDipAfter(run, dipOn);
  return { concrete, run, changes };
}

/**
 * The lab's main rack exactly as `grade` leaves it before the traffic suite — the variant for
 * `seed`, its history, the answer's settings and actions — still running, for a caller that
 * sends it requests of its own (the FINS bridge, `npm run plc`). The other racks are stopped;
 * `problems` are the answer's, as the report would list them. The caller stops the rack.
 */
export function answeredRack(lab: Lab, answer: Answer, seed?: number): { lab: Lab; rack: Rack; problems: AnswerProblem[] } {
  const { concrete, run } = answered(lab, answer, seed);
  const rack = mainRack(run);
  for (const other of run.racks.values()) if (other !== rack) other.stop();
  return { lab: concrete, rack, problems: run.problems };
}

/**
 * Grades an answer: the lab's variant for `seed` (the lab as given without one), rebuilt from
 * its start, the history and the learner's changes, replayed, every objective checked.
 */
export function grade(lab: Lab, answer: Answer, seed?: number): Report {
  const { concrete, run, changes } = answered(lab, answer, seed);
  for (const step of concrete.traffic) playStep(run, step, 'traffic');

  const view = mainRack(run).view();
  for (const rack of run.racks.values()) rack.stop();
  const state = stateDocument(view, run.project);
  const objectives = concrete.objectives.map((o) => gradeObjective(run, o, answer, state));

  const notes: string[] = [];
  const changedProtection = changes.some((c) => ['cpu.umPassword', 'cpu.taskPasswords', 'cpu.prohibitOverwrite'].includes(c.path));
  if (changedProtection && !deepEqual(view.cpu.pendingProtection, view.cpu.protection)) {
    const onlyOverwrite = deepEqual({ ...view.cpu.pendingProtection, prohibitOverwrite: view.cpu.protection.prohibitOverwrite }, view.cpu.protection);
    notes.push(
      onlyOverwrite
        ? 'The overwrite setting in your project is not yet in force: it takes effect only when the program is transferred; Set Password does not apply it (§2-5-1 note).'
        : 'The read protection in your project differs from what the CPU Unit enforces: transfer the program or use Set Password to make it effective (§2-5-1 note).',
    );
  }
  if (!deepEqual(run.project, view.cpu.program) && changes.some((c) => c.path.startsWith('cpu.program'))) {
    notes.push('The program in your project never reached the CPU Unit: transfer it (the CPU still runs the old one).');
  }

  const used = [...new Set(answer.hintsUsed ?? [])];
  const penalty = used.reduce((sum, id) => sum + (concrete.hints.find((h) => h.id === id)?.cost ?? 0), 0);
  const earned = objectives.reduce((sum, o) => sum + o.earned, 0);
  const max = maxPoints(concrete);
  return {
    labId: concrete.id,
    seed: concrete.seed,
    objectives,
    timeline: run.timeline,
    problems: run.problems,
    notes,
    hints: { used, penalty },
    score: Math.max(0, earned - penalty),
    max,
    passed: objectives.every((o) => o.passed) && run.problems.length === 0,
  };
}
