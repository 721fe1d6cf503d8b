/**
 * Lesson 9 (PLC names, §2-3-2): the two racks the learner compares (a CJ2H, which registers a
 * name, and a CS1G/H, which cannot), the projects CX-Programmer may have open, and the request
 * going online with each. Whether the connection goes ahead is decided by the request path
 * (machines/cpu/cpu-checks.ts checkPlcName), never here.
 */
import type { CpuModelId, Program, RackConfig, Request } from '../../../machines/model.ts';
import { ROGUE_LAPTOP } from '../kit/nodes.ts';
import { SCENARIO_PLC_NAME } from '../kit/scenarios.ts';
import { cpuLessonRackOn, finsRequest, fromEngineeringPc, type KnownProgram, LINE_PROGRAM, programWith } from '../kit/cpu-scenarios.ts';

/** The PLC name of the neighbouring machine, whose project the engineer may open by mistake. */
export const OTHER_PLC_NAME = 'MIXER_LINE_3';

/** The two CPU models of the widget: one that registers a name, one that has no such function. */
export const PLC_NAME_MODELS: readonly { value: CpuModelId; label: string }[] = [
  { value: 'CJ2H', label: 'CJ2H (CJ series)' },
  { value: 'CS1G/H', label: 'CS1G/H (CS series)' },
];

/** Both racks, in PROGRAM mode so a download can land when nothing stops it. */
export const PLC_NAME_RACKS: Readonly<Record<'CJ2H' | 'CS1G/H', RackConfig>> = {
  CJ2H: cpuLessonRackOn('CJ2H', {}, { mode: 'PROGRAM' }),
  'CS1G/H': cpuLessonRackOn('CS1G/H', {}, { mode: 'PROGRAM' }),
};

/** What goes online with the CPU: a CX-Programmer project (with its PLC name) or a raw FINS tool. */
export interface ProjectChoice {
  id: 'own' | 'other' | 'raw';
  label: string;
  /** The PLC name the project carries; absent for a tool that sends none. */
  projectPlcName?: string;
  /** The program it downloads. */
  program: Program;
}

/** This machine's project with today's change: a longer mixing time. */
const OWN_PROGRAM = programWith("// today's change: mixing time 45 s");
/** The neighbouring line's program: right for line 3, wrong for this machine. */
const OTHER_PROGRAM = programWith('// MIXER_LINE_3: two agitators, different interlocks');

const OWN_PROJECT: ProjectChoice = {
  id: 'own',
  label: `Project for ${SCENARIO_PLC_NAME} (this machine)`,
  projectPlcName: SCENARIO_PLC_NAME,
  program: OWN_PROGRAM,
};

/** The choices, in menu order. */
export const PROJECT_CHOICES: readonly ProjectChoice[] = [
  OWN_PROJECT,
  { id: 'other', label: `Project for ${OTHER_PLC_NAME} (the next line)`, projectPlcName: OTHER_PLC_NAME, program: OTHER_PROGRAM },
  { id: 'raw', label: 'A raw FINS tool on the rogue laptop (no project name)', program: OTHER_PROGRAM },
];

/** The programs the widget can name when it shows what the CPU holds. */
export const PLC_NAME_PROGRAMS: readonly KnownProgram[] = [
  { label: `the program it was running (${SCENARIO_PLC_NAME})`, program: LINE_PROGRAM },
  { label: `the new version of its own program (${SCENARIO_PLC_NAME})`, program: OWN_PROGRAM },
  { label: `the program of the next line (${OTHER_PLC_NAME}) — the wrong one`, program: OTHER_PROGRAM },
];

/** A validated menu state. */
export type PlcNameSelection = { model: 'CJ2H' | 'CS1G/H'; project: ProjectChoice };

/** Where the widget starts: the CJ2H, with this machine's own project. */
export const DEFAULT_PLC_NAME_SELECTION: PlcNameSelection = { model: 'CJ2H', project: OWN_PROJECT };

/** Parses the two menus' values; the error names the menu and the choices. */
export function parsePlcNameSelection(raw: { model: string; project: string }): { ok: true; selection: PlcNameSelection } | { ok: false; error: string } {
  if (raw.model !== 'CJ2H' && raw.model !== 'CS1G/H') {
    return { ok: false, error: `CPU Unit: "${raw.model}" is not offered; choose ${PLC_NAME_MODELS.map((m) => m.value).join(' or ')}.` };
  }
  const project = PROJECT_CHOICES.find((p) => p.id === raw.project);
  if (!project) {
    return { ok: false, error: `Going online with: "${raw.project}" is not offered; choose ${PROJECT_CHOICES.map((p) => p.id).join(', ')}.` };
  }
  return { ok: true, selection: { model: raw.model, project } };
}

/**
 * The request for going online and downloading: CX-Programmer on the engineering PC carries the
 * project's PLC name (§2-3-2); the raw tool on the rogue laptop carries none.
 */
export function goOnlineRequest(project: ProjectChoice): Request {
  const operation = { kind: 'program.write', program: project.program } as const;
  if (project.projectPlcName === undefined) return finsRequest(ROGUE_LAPTOP.origin, operation);
  return fromEngineeringPc(operation, { projectPlcName: project.projectPlcName });
}

/** The registered name as the widget shows it. */
export function registeredNameText(plcName: string | null, model: CpuModelId): string {
  if (plcName !== null) return `"${plcName}"`;
  return model.startsWith('CJ') ? 'none registered' : 'none: this series has no PLC name function';
}
