/**
 * Lesson 14 (operation protection with the production lot number, §2-5-4): two CPU Units with
 * different lot numbers, a program that compares the number with a constant, the requests that
 * copy and start it, and the Auxiliary Area words the widget shows. The second CPU accepts the
 * copy's download like any other; whether its control runs is decided by the machines
 * (cpu-checks.ts checkLotGuard stops the RUN request, cpu-unit.machine.ts isControlRunning).
 */
import { counted } from '../../../machines/model.ts';
import { lotNumberAddress, lotNumberWords, readWords } from '../../../machines/cpu/cpu-hardware.ts';
import type { CpuUnitEvent, CpuView } from '../../../machines/cpu/cpu-unit.machine.ts';
import type { CpuModelId, Outcome, Program, RackConfig, Request } from '../../../machines/model.ts';
import { SCENARIO_LOT } from '../kit/scenarios.ts';
import { cpuLessonRack, fromEngineeringPc, LINE_PROGRAM } from '../kit/cpu-scenarios.ts';

/** The lot number of the CPU in the machine (the scenario's, from the W473 example). */
export const ORIGINAL_LOT = SCENARIO_LOT;

/** The lot number of the second, identical CPU Unit on the bench. ASSUMPTION: any other six digits. */
export const SECOND_LOT = '091105';

/** The line's program with the §2-5-4 comparison against the original unit's lot number. */
export const GUARDED_PROGRAM: Program = { ...LINE_PROGRAM, lotGuard: ORIGINAL_LOT };

/** The same program without the comparison. */
export const UNGUARDED_PROGRAM: Program = { ...LINE_PROGRAM, lotGuard: null };

/** The CPU in the machine: running the guarded program. */
export const ORIGINAL_RACK: RackConfig = cpuLessonRack({ program: GUARDED_PROGRAM }, { mode: 'RUN' });

/** The second CPU: another lot number, empty, in PROGRAM mode, waiting for a copy. */
export const SECOND_RACK: RackConfig = (() => {
  const base = cpuLessonRack({ program: { tasks: [], lotGuard: null } }, { mode: 'PROGRAM' });
  return { ...base, cpu: { ...base.cpu, lotNumber: SECOND_LOT } };
})();

/** Downloading the copied program (with or without its comparison) to a CPU. */
export function copyRequest(guarded: boolean): Request {
  return fromEngineeringPc({ kind: 'program.write', program: guarded ? GUARDED_PROGRAM : UNGUARDED_PROGRAM });
}

/** Switching a CPU to RUN so its program executes. */
export function runRequest(): Request {
  return fromEngineeringPc({ kind: 'mode.set', mode: 'RUN' });
}

/** Switching a CPU back to PROGRAM mode (to take another copy). */
export function stopRequest(): Request {
  return fromEngineeringPc({ kind: 'mode.set', mode: 'PROGRAM' });
}

/** A FINS write of the original unit's lot number words over the second unit's, to forge it. */
export function forgeLotRequest(model: CpuModelId): Request {
  const words = lotNumberWords(model, ORIGINAL_LOT);
  const address = lotNumberAddress(model);
  return fromEngineeringPc({ kind: 'memory.write', area: 'A', address, values: [words[address] ?? 0, words[address + 1] ?? 0] });
}

/** The event a user would need to change the lot number directly; the CPU always refuses it (§2-5-4). */
export function changeLotEvent(): Extract<CpuUnitEvent, { type: 'lotNumber.set' }> {
  return { type: 'lotNumber.set', lotNumber: ORIGINAL_LOT };
}

/** One Auxiliary Area word of the lot number. */
export interface LotWord {
  /** "A100". */
  address: string;
  /** "0x2000". */
  hex: string;
  /** Which digits it holds, in words. */
  holds: string;
}

function hex4(word: number): string {
  return `0x${word.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * The two lot-number words as the CPU holds them, higher address first since it carries the
 * first digits (machines/cpu/cpu-hardware.ts lotNumberWords: lot 080620 → 0806 and 2000).
 */
export function lotWords(cpu: CpuView): LotWord[] {
  const base = lotNumberAddress(cpu.model);
  const [low = 0, high = 0] = readWords(cpu.memory, 'A', base, 2);
  return [
    { address: `A${base + 1}`, hex: hex4(high), holds: 'digits 1–4' },
    { address: `A${base}`, hex: hex4(low), holds: 'digits 5–8 (padded with zeros)' },
  ];
}

/** The digits read back from the two words: BCD, so the hex digits are the decimal digits. */
export function lotDigits(cpu: CpuView): string {
  const base = lotNumberAddress(cpu.model);
  const [low = 0, high = 0] = readWords(cpu.memory, 'A', base, 2);
  return `${high.toString(16).padStart(4, '0')}${low.toString(16).padStart(4, '0')}`;
}

/**
 * Whether the CPU's control logic runs, and why not, in words. A guard naming another lot
 * number is said first: in any mode, that program's control logic never runs on this unit.
 */
export function controlText(cpu: CpuView): string {
  if (cpu.controlRunning) return 'Control logic running.';
  if (cpu.program.tasks.length === 0) return 'No program: nothing runs.';
  const guard = cpu.program.lotGuard;
  if (guard !== null && guard !== cpu.lotNumber) {
    return `Idle: the program compares the lot number with ${guard}, and this unit's is ${cpu.lotNumber}, so its control logic does not run here (§2-5-4).`;
  }
  if (cpu.mode === 'PROGRAM') return 'Stopped: the CPU is in PROGRAM mode.';
  return 'Not running.';
}

/** The CPU's program in a few words: its size and whether it compares the lot number. */
export function programSummary(cpu: CpuView): string {
  const tasks = cpu.program.tasks.length;
  if (tasks === 0) return 'none';
  const guard = cpu.program.lotGuard;
  const compares = guard === null ? 'no lot-number comparison' : `compares the lot number with ${guard}`;
  return `${counted(tasks, 'task')}, ${compares}`;
}

/**
 * The mode line of a unit's card. The simulator refuses a RUN request on a unit whose program's
 * guard names another lot number and leaves it in PROGRAM (cpu-checks.ts checkLotGuard, our
 * simplification); a real CPU enters RUN and only the control logic stays idle. After such a
 * request the card says both, so it never contradicts the trace.
 */
export function modeText(cpu: CpuView, last: { request: Request; outcome: Outcome } | null): string {
  const op = last?.request.operation;
  const refusedRun = op?.kind === 'mode.set' && op.mode !== 'PROGRAM' && last?.outcome.blockedBy?.source === 'lot-number';
  if (!refusedRun) return cpu.mode;
  return `${op.mode} requested: a real CPU Unit enters ${op.mode}, with its control logic idle (§2-5-4); the simulator keeps it in ${cpu.mode}`;
}
