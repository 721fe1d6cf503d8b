/**
 * A lab as a learner in a class receives it (issue 10: "in a cohort, lab pages carry no expected
 * answers and no hint texts"): the learner's own variant, filled in on the server, with everything
 * the grader judges by taken out — the Perseus split (`splitPerseusItem`) applied to labs. What
 * stays is what the workbench needs to show the plant and replay its traffic: the briefing, the
 * racks, the network, the history and the traffic steps (without what they must come to), the
 * questions (without their answers), and each objective's title and points (what is graded, as the
 * briefing's requirements already say it). Hints travel as ids and costs only.
 *
 * Built by listing what is kept, so a field added to labs later stays on the server until someone
 * decides it may travel.
 */
import { startingState } from '../../../machines/grading/grader.ts';
import type { Lab, LabStep, Objective } from '../../../machines/grading/lab.ts';
import type { ClassHint } from '../../labs/class-mode.ts';

/** A step without its expectation: the replay still runs it, the timeline just judges nothing. */
function withoutExpectation(step: LabStep): LabStep {
  const { expect: _expect, ...rest } = step;
  return rest;
}

/**
 * An objective as the class page shows it: title, points and functions (the briefing's words).
 * Traffic objectives name no steps and config objectives hold no checks; a question keeps its
 * prompt, format and options, never `expected` or `derive`. No objective keeps its `hint`.
 */
function withoutKey(objective: Objective): Objective {
  const base = { id: objective.id, title: objective.title, points: objective.points, functions: [...objective.functions] };
  if (objective.kind === 'traffic') return { ...base, kind: 'traffic', steps: [] };
  if (objective.kind === 'config') return { ...base, kind: 'config', checks: [] };
  return {
    ...base,
    kind: 'question',
    prompt: objective.prompt,
    format: objective.format,
    ...(objective.options ? { options: objective.options.map((o) => ({ id: o.id, text: o.text })) } : {}),
  };
}

/**
 * The learner's variant of `lab` for `seed`, without its key. It is a lab with no variables (the
 * values are already filled in), so the browser replays exactly the plant the server grades.
 */
export function classLab(lab: Lab, seed: number): Lab {
  const variant = startingState(lab, seed).lab;
  return {
    id: variant.id,
    title: variant.title,
    briefing: variant.briefing,
    learningObjectives: variant.learningObjectives.map((o) => ({ text: o.text, sections: [...o.sections] })),
    difficulty: variant.difficulty,
    minutes: variant.minutes,
    functions: [...variant.functions],
    rack: variant.rack,
    otherRacks: variant.otherRacks,
    network: variant.network,
    workstation: variant.workstation,
    editable: [...variant.editable],
    actions: [...variant.actions],
    programs: variant.programs,
    history: variant.history.map(withoutExpectation),
    objectives: variant.objectives.map(withoutKey),
    requirements: variant.requirements.map((r) => ({ text: r.text, objectives: [...r.objectives] })),
    equivalentMutations: [],
    traffic: variant.traffic.map(withoutExpectation),
    hints: [],
    variables: {},
    slots: [],
    values: {},
    seed: null,
  };
}

/** The lab's hints as ids and costs, in the lab's order. */
export function classHints(lab: Lab): ClassHint[] {
  return lab.hints.map((h) => ({ id: h.id, cost: h.cost }));
}
