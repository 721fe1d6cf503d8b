/** Reading a CPU Unit snapshot: its mode, whether control runs, overwrite times since a baseline, and the plain `CpuView`. */

import type { TimestampWords } from './bcd.ts';
import { AUX, readWords, type CpuSeries, type IoMemory } from './cpu-hardware.ts';
import { type CpuModelId, type CpuSettings, OPERATING_MODES, type OperatingMode, type Program, type ProgramProtection } from '../model.ts';
import type { ParameterValue, DipSwitches, FinsWriteProtection, PowerOnEntry, ErrorEntry, CpuUnitSnapshot } from './cpu-unit.machine.ts';

/** The operating mode a snapshot is in (PROGRAM while still starting). */
export function cpuMode(snapshot: CpuUnitSnapshot): OperatingMode {
  const value = snapshot.value as string;
  return OPERATING_MODES.includes(value as OperatingMode) ? (value as OperatingMode) : 'PROGRAM';
}

/**
 * §2-5-4: the control logic runs when the CPU executes its program (RUN or MONITOR) and the
 * program's lot-number guard is absent or equals this unit's lot number.
 */
export function isControlRunning(snapshot: CpuUnitSnapshot): boolean {
  const { program, lotNumber } = snapshot.context;
  const executing = cpuMode(snapshot) !== 'PROGRAM' && program.tasks.length > 0;
  return executing && (program.lotGuard === null || program.lotGuard === lotNumber);
}

/** The A90–A93 and A94–A97 words at one moment, kept to compare with later (§2-5-5). */
export interface OverwriteBaseline {
  program: TimestampWords;
  parameters: TimestampWords;
}

/** Captures the overwrite-time words now, as the program's periodic check would (§2-5-5). */
export function overwriteBaseline(snapshot: CpuUnitSnapshot): OverwriteBaseline {
  const a = snapshot.context.memory;
  return {
    program: readWords(a, 'A', AUX.programOverwriteTime, 4) as TimestampWords,
    parameters: readWords(a, 'A', AUX.parameterOverwriteTime, 4) as TimestampWords,
  };
}

/** What the periodic comparison of §2-5-5 finds. */
export interface TamperReport {
  /** True when either overwrite time moved since the baseline. */
  tampered: boolean;
  program: boolean;
  parameters: boolean;
}

/**
 * §2-5-5: compares the overwrite times with a baseline taken earlier; a change means the
 * program or the parameters were overwritten since then.
 */
export function tamperSince(snapshot: CpuUnitSnapshot, baseline: OverwriteBaseline): TamperReport {
  const now = overwriteBaseline(snapshot);
  const program = now.program.some((w, i) => w !== baseline.program[i]);
  const parameters = now.parameters.some((w, i) => w !== baseline.parameters[i]);
  return { tampered: program || parameters, program, parameters };
}

/** A plain read-only picture of the CPU Unit: everything the request path's checks need. */
export interface CpuView {
  readonly model: CpuModelId;
  readonly series: CpuSeries;
  readonly mode: OperatingMode;
  readonly lotNumber: string;
  readonly clock: string;
  readonly plcName: string | null;
  readonly dip: Readonly<DipSwitches>;
  /** The protection the CPU enforces (§2-5-2, §2-5-1 note). */
  readonly protection: Readonly<ProgramProtection>;
  /** The project's protection: its passwords reach the CPU with a transfer or Set Password, its overwrite setting only with a transfer. */
  readonly pendingProtection: Readonly<ProgramProtection>;
  readonly finsProtection: Readonly<FinsWriteProtection>;
  readonly program: Readonly<Program>;
  readonly parameters: Readonly<Record<string, ParameterValue>>;
  readonly memory: Readonly<IoMemory>;
  readonly controlRunning: boolean;
  readonly powerOnHistory: readonly PowerOnEntry[];
  readonly errorHistory: readonly ErrorEntry[];
  /** The effective settings in the shape labs use (model.ts CpuSettings). */
  readonly settings: CpuSettings;
}

/** Builds the CpuView of a snapshot. */
export function cpuView(snapshot: CpuUnitSnapshot): CpuView {
  const c = snapshot.context;
  const mode = cpuMode(snapshot);
  const effective = c.protection.effective;
  return {
    model: c.model,
    series: c.series,
    mode,
    lotNumber: c.lotNumber,
    clock: c.clock,
    plcName: c.plcName,
    dip: c.dip,
    protection: effective,
    pendingProtection: c.protection.pending,
    finsProtection: c.finsProtection,
    program: c.program,
    parameters: c.parameters,
    memory: c.memory,
    controlRunning: isControlRunning(snapshot),
    powerOnHistory: c.powerOnHistory,
    errorHistory: c.errorHistory,
    settings: {
      plcName: c.plcName,
      dipWriteProtect: c.dip.writeProtect,
      memoryCardAutoLoad: c.dip.memoryCardAutoLoad,
      umPassword: effective.umPassword,
      taskPasswords: { ...effective.taskPasswords },
      prohibitOverwrite: effective.prohibitOverwrite,
      finsWriteProtection: { enabled: c.finsProtection.enabled, excludedNodes: [...c.finsProtection.excludedNodes] },
      program: c.program,
      mode,
    },
  };
}
