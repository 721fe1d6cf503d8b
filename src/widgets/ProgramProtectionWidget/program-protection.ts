/**
 * Lessons 11 and 12 (the overwrite prohibition of the §2-5-1 note, read protection §2-5-2): the
 * rack, the project's protection form as a CPU event, the actions CX-Programmer offers, and the
 * words for what the project holds versus what the CPU enforces. Whether an upload or a
 * download is allowed is the request path's decision (machines/cpu/cpu-checks.ts
 * checkReadProtection); the CPU machine validates the passwords.
 */
import type { CpuUnitEvent, CpuView } from '../../../machines/cpu/cpu-unit.machine.ts';
import type { ProgramReadResult } from '../../../machines/cpu/cpu-effects.ts';
import type { Outcome, ProgramProtection, RackConfig, Request, Task } from '../../../machines/model.ts';
import { CHANGED_PROGRAM } from '../kit/requests.ts';
import { cpuLessonRack, fromEngineeringPc, LINE_PROGRAM } from '../kit/cpu-scenarios.ts';

/** The rack: the scenario CJ2H in PROGRAM mode, no protection yet. */
export const PROTECTION_RACK: RackConfig = cpuLessonRack({}, { mode: 'PROGRAM' });

/** The task the form can protect with its own password: task 1, the recipe know-how. */
export const PROTECTABLE_TASK = 1;

/** The protection tab of the project, as the form holds it (text fields as typed). */
export interface ProtectionForm {
  /** UM read protection password; empty = none. */
  umPassword: string;
  /** Task read protection password for PROTECTABLE_TASK; empty = none. */
  taskPassword: string;
  /** "Prohibit from overwriting to a protected program". */
  prohibitOverwrite: boolean;
}

/** The form of a project with no protection. */
export const EMPTY_PROTECTION_FORM: ProtectionForm = { umPassword: '', taskPassword: '', prohibitOverwrite: false };

/**
 * The CPU event that stores the form in the project (pending protection, §2-5-1 note). Empty
 * fields mean "no password"; the CPU machine checks the rest and reports a bad password in
 * `lastError`.
 */
export function protectionEvent(form: ProtectionForm): Extract<CpuUnitEvent, { type: 'protection.configured' }> {
  const task = form.taskPassword;
  return {
    type: 'protection.configured',
    umPassword: form.umPassword === '' ? null : form.umPassword,
    taskPasswords: task === '' ? {} : { [PROTECTABLE_TASK]: task },
    prohibitOverwrite: form.prohibitOverwrite,
  };
}

/** What CX-Programmer can do online in these widgets. */
export type ProtectionActionId =
  | 'transfer'
  | 'download-other'
  | 'upload-all'
  | 'upload-task-0'
  | 'upload-task-1'
  | 'edit-task-0'
  | 'edit-task-1';

/** One button of the widget. */
export interface ProtectionAction {
  id: ProtectionActionId;
  label: string;
}

const ACTIONS: Readonly<Record<ProtectionActionId, string>> = {
  transfer: "Transfer the project's program to the PLC",
  'download-other': "Download another project's program",
  'upload-all': 'Upload the whole program',
  'upload-task-0': 'Upload task 0 only',
  'upload-task-1': 'Upload task 1 only',
  'edit-task-0': 'Edit task 0 online',
  'edit-task-1': 'Edit task 1 online',
};

/** Which buttons each lesson shows: lesson 11 is about overwriting, lesson 12 about reading too. */
export const ACTIONS_BY_FOCUS: Readonly<Record<'overwrite' | 'read', readonly ProtectionActionId[]>> = {
  overwrite: ['transfer', 'download-other', 'edit-task-0', 'edit-task-1'],
  read: ['transfer', 'upload-all', 'upload-task-0', 'upload-task-1', 'download-other', 'edit-task-0', 'edit-task-1'],
};

/** The buttons for a lesson, in order. */
export function protectionActions(focus: 'overwrite' | 'read'): ProtectionAction[] {
  return ACTIONS_BY_FOCUS[focus].map((id) => ({ id, label: ACTIONS[id] }));
}

/**
 * The protection another project carries: none. A transfer brings its project's settings
 * (§2-5-1 note), so when nothing stops this download the CPU ends up enforcing no password at all.
 */
export const OTHER_PROJECT_PROTECTION: ProgramProtection = { umPassword: null, taskPasswords: {}, prohibitOverwrite: false };

/**
 * True for actions that come from another project. The engineer's CX-Programmer still has its
 * own project open afterwards, so the widget stores the engineer's settings in the project again
 * (the CPU machine takes a transferred project's settings as its pending ones).
 */
export function comesFromAnotherProject(action: ProtectionActionId): boolean {
  return action === 'download-other';
}

function editedTask(id: number): Task {
  const task = LINE_PROGRAM.tasks.find((t) => t.id === id);
  if (!task) throw new Error(`editedTask: the line's program has no task ${id}.`);
  return { ...task, code: `// edited online\n${task.code}` };
}

/**
 * The request an action sends from the engineering PC over FINS. `password` is what the
 * engineer types when CX-Programmer asks for one; empty = none offered. A transfer carries no
 * protection of its own, so the CPU takes the project's (pending) settings with it.
 */
export function protectionRequest(action: ProtectionActionId, password: string): Request {
  const extra = password === '' ? {} : { protectionPassword: password };
  switch (action) {
    case 'transfer':
      return fromEngineeringPc({ kind: 'program.write', program: LINE_PROGRAM }, extra);
    case 'download-other':
      return fromEngineeringPc({ kind: 'program.write', program: CHANGED_PROGRAM, protection: OTHER_PROJECT_PROTECTION }, extra);
    case 'upload-all':
      return fromEngineeringPc({ kind: 'program.read' }, extra);
    case 'upload-task-0':
      return fromEngineeringPc({ kind: 'program.read', taskIds: [0] }, extra);
    case 'upload-task-1':
      return fromEngineeringPc({ kind: 'program.read', taskIds: [1] }, extra);
    case 'edit-task-0':
      return fromEngineeringPc({ kind: 'program.editTasks', tasks: [editedTask(0)] }, extra);
    case 'edit-task-1':
      return fromEngineeringPc({ kind: 'program.editTasks', tasks: [editedTask(1)] }, extra);
  }
}

/** One row of the "project versus CPU" table. */
export interface ProtectionRow {
  setting: string;
  project: string;
  cpu: string;
  /** True when the project and the CPU disagree: the change still has to be transferred. */
  differs: boolean;
}

function umText(p: ProgramProtection): string {
  return p.umPassword === null ? 'no password' : 'password set';
}

function taskText(p: ProgramProtection): string {
  const ids = Object.keys(p.taskPasswords).map(Number).sort((a, b) => a - b);
  if (ids.length === 0) return 'no task protected';
  return `${ids.length === 1 ? 'task' : 'tasks'} ${ids.join(', ')} protected`;
}

function prohibitText(p: ProgramProtection): string {
  return p.prohibitOverwrite ? 'ticked' : 'not ticked';
}

/** Each row: its name, how a protection reads in it, and the value that must match for project and CPU to agree. */
const ROWS: readonly { setting: string; text: (p: ProgramProtection) => string; value: (p: ProgramProtection) => string }[] = [
  { setting: 'UM read protection', text: umText, value: (p) => String(p.umPassword) },
  { setting: 'Task read protection', text: taskText, value: (p) => JSON.stringify(Object.entries(p.taskPasswords).sort()) },
  { setting: 'Prohibit overwriting a protected program', text: prohibitText, value: (p) => String(p.prohibitOverwrite) },
];

/**
 * What the project holds (pending) next to what the CPU enforces (effective), row by row. A
 * password replaced by another reads the same ("password set") in both columns but still counts
 * as differing, because it has not reached the CPU.
 */
export function protectionRows(cpu: CpuView): ProtectionRow[] {
  return ROWS.map(({ setting, text, value }) => ({
    setting,
    project: text(cpu.pendingProtection),
    cpu: text(cpu.protection),
    differs: value(cpu.pendingProtection) !== value(cpu.protection),
  }));
}

/** A99 as the CPU shows it: the word in hex and its three protection bits in words. */
export function protectionFlagsText(cpu: CpuView): string {
  const word = cpu.memory.A[99] ?? 0;
  const bits = [
    [0, 'UM read-protected'],
    [1, 'task read-protected'],
    [2, 'overwriting prohibited'],
  ] as const;
  const set = bits.filter(([bit]) => (word & (1 << bit)) !== 0).map(([bit, name]) => `.0${bit} ${name}`);
  const hex = `0x${word.toString(16).toUpperCase().padStart(4, '0')}`;
  return `A99 = ${hex}: ${set.length === 0 ? 'no protection bit set' : set.join(', ')}.`;
}

/** What an allowed upload brought back, in words; null for other outcomes. */
export function uploadText(outcome: Outcome): string | null {
  if (!outcome.allowed) return null;
  const data = outcome.data as ProgramReadResult | undefined;
  if (!data || !('tasks' in data)) return null;
  const names = data.tasks.map((t) => `task ${t.id} "${t.name}"`);
  return `CX-Programmer received ${names.length === 0 ? 'no task' : names.join(' and ')}.`;
}
