/**
 * The racks and requests of the CPU-side lessons (9, 11–15, 19), built on the shared scenario
 * (src/widgets/kit/scenarios.ts) so every widget runs the same plant: a CJ2H with a CJ1W-EIP21S,
 * the engineering PC at node 10, a rogue laptop at node 77, a laptop on the USB port. Only the
 * CPU settings a lesson is about are changed here.
 */
import { counted } from '../../../machines/model.ts';
import type { CpuModelId, CpuSettings, Operation, Origin, Program, RackConfig, Request } from '../../../machines/model.ts';
import { ENGINEERING_PC, ROGUE_LAPTOP, USB_LAPTOP } from './nodes.ts';
import { scenarioRack, type ScenarioOptions } from './scenarios.ts';

/** The scenario rack with some CPU settings replaced (the rest as scenarioRack builds them). */
export function cpuLessonRack(cpuSettings: Partial<CpuSettings> = {}, options: ScenarioOptions = {}): RackConfig {
  const base = scenarioRack(options);
  return { ...base, cpu: { ...base.cpu, settings: { ...base.cpu.settings, ...cpuSettings } } };
}

/** The program the scenario CPU runs (the one scenarioRack loads). */
export const LINE_PROGRAM: Program = cpuLessonRack().cpu.settings.program;

/**
 * The same rack on another CPU model: used where a lesson compares series (lesson 9, CJ vs CS).
 * The model's own EIP21S is mounted (§1-5).
 */
export function cpuLessonRackOn(model: CpuModelId, cpuSettings: Partial<CpuSettings> = {}, options: ScenarioOptions = {}): RackConfig {
  return cpuLessonRack(cpuSettings, { ...options, cpu: model });
}

/** A FINS/UDP request from a node on the plant network. */
export function finsRequest(from: Origin, operation: Operation, extra: Partial<Request> = {}): Request {
  return { from, protocol: 'fins-udp', operation, ...extra };
}

/** A request from the laptop on the CPU Unit's USB port (no network protocol). */
export function usbRequest(operation: Operation, extra: Partial<Request> = {}): Request {
  return { from: USB_LAPTOP.origin, operation, ...extra };
}

/** The engineering PC (CX-Programmer) sending over FINS/UDP. */
export function fromEngineeringPc(operation: Operation, extra: Partial<Request> = {}): Request {
  return finsRequest(ENGINEERING_PC.origin, operation, extra);
}

/** The rogue laptop sending over FINS/UDP. */
export function fromRogueLaptop(operation: Operation, extra: Partial<Request> = {}): Request {
  return finsRequest(ROGUE_LAPTOP.origin, operation, extra);
}

/** The line's program with a comment line put in front of task 0's code, so the learner can tell programs apart. */
export function programWith(comment: string, lotGuard: string | null = null): Program {
  return {
    tasks: LINE_PROGRAM.tasks.map((t) => (t.id === 0 ? { ...t, code: `${comment}\n${t.code}` } : { ...t })),
    lotGuard,
  };
}

/** A named program the widgets recognise in the CPU. */
export interface KnownProgram {
  /** What the learner reads: "the line's program", "the program from the memory card". */
  label: string;
  program: Program;
}

function sameProgram(a: Program, b: Program): boolean {
  return (
    a.lotGuard === b.lotGuard &&
    a.tasks.length === b.tasks.length &&
    a.tasks.every((t, i) => {
      const u = b.tasks[i];
      return u !== undefined && t.id === u.id && t.name === u.name && t.code === u.code;
    })
  );
}

/**
 * Which of the known programs the CPU holds, in words: its label, "no program" for an empty
 * one, or "a program the widget does not know" (e.g. after an online edit).
 */
export function programIdentity(program: Program, known: readonly KnownProgram[]): string {
  if (program.tasks.length === 0) return 'no program (the user program area is empty)';
  const match = known.find((k) => sameProgram(k.program, program));
  if (match) return match.label;
  return `a program of ${counted(program.tasks.length, 'task')} changed since it was loaded`;
}
