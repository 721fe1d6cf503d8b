/** The CPU Unit's context: how it starts from an input, and the pure updates the machine's actions make. */

import { encodeTimestamp, type TimestampWords } from './bcd.ts';
import { formatClock, parseClock } from './clock.ts';
import { AUX, cpuSeries, lotNumberWords, protectionFlagsWord, type IoMemory, type WritableArea } from './cpu-hardware.ts';
import { cpuInputProblem } from './cpu-validation.ts';
import type { CpuSettings, MemoryArea, Program, ProgramProtection } from '../model.ts';
import type { MemoryCardContents, CpuUnitContext, CpuUnitInput } from './cpu-unit.machine.ts';

/** No read protection, no overwrite prohibition. */
export const NO_PROTECTION: ProgramProtection = { umPassword: null, taskPasswords: {}, prohibitOverwrite: false };

/** The CPU settings that protect it, every one off: DIP switches, read protection and FINS write protection. */
export type CpuProtectionSettings = Omit<CpuSettings, 'plcName' | 'program' | 'mode'>;

/**
 * Every protection off (§2-5): write protection and auto-load off on the DIP switch, no read
 * protection, FINS write protection disabled. A fresh object each call, so callers may change it.
 */
export function unprotectedSettings(): CpuProtectionSettings {
  return {
    dipWriteProtect: false,
    memoryCardAutoLoad: false,
    ...copyProtection(NO_PROTECTION),
    finsWriteProtection: { enabled: false, excludedNodes: [] },
  };
}

/** A copy of a protection setting (its task passwords too). */
export function copyProtection(p: ProgramProtection): ProgramProtection {
  return { umPassword: p.umPassword, taskPasswords: { ...p.taskPasswords }, prohibitOverwrite: p.prohibitOverwrite };
}

/** A copy of a program (its tasks too). */
export function copyProgram(p: Program): Program {
  return { tasks: p.tasks.map((t) => ({ ...t })), lotGuard: p.lotGuard };
}

/** Memory with `words` written into `area`. */
export function withWords(memory: IoMemory, area: MemoryArea, words: Record<number, number>): IoMemory {
  return { ...memory, [area]: { ...memory[area], ...words } };
}

/** The four BCD words of a timestamp, keyed from `address`. */
export function timestampWords(address: number, at: string): Record<number, number> {
  const words: TimestampWords = encodeTimestamp(at);
  return { [address]: words[0], [address + 1]: words[1], [address + 2]: words[2], [address + 3]: words[3] };
}

/** A program written to the CPU: the new program, and A90–A93 stamped (§2-5-5). */
export function programWritten(context: CpuUnitContext, program: Program): { program: Program; memory: IoMemory } {
  // §2-5-5: every program overwrite stamps A90–A93 with the current clock.
  return {
    program,
    memory: withWords(context.memory, 'A', timestampWords(AUX.programOverwriteTime, context.clock)),
  };
}

/** The PLC Setup written: A94–A97 stamped (§2-5-5). */
export function parametersWritten(memory: IoMemory, clock: string): IoMemory {
  // §2-5-5: every parameter area overwrite stamps A94–A97.
  return withWords(memory, 'A', timestampWords(AUX.parameterOverwriteTime, clock));
}

/** Memory whose A99 flags show the protection in force. */
export function withEffectiveProtection(memory: IoMemory, effective: ProgramProtection): IoMemory {
  return withWords(memory, 'A', { [AUX.protectionFlags]: protectionFlagsWord(effective) });
}

/** I/O memory with nothing written. */
export function emptyMemory(): IoMemory {
  return { CIO: {}, W: {}, H: {}, D: {}, A: {} };
}

/** Memory with a card's memory image loaded over it. */
export function loadImage(memory: IoMemory, image: MemoryCardContents['memory']): IoMemory {
  let next = memory;
  for (const [area, words] of Object.entries(image ?? {})) {
    next = withWords(next, area as WritableArea, words as Record<number, number>);
  }
  return next;
}

/** True when a memory card is inserted and holds something to load. */
export function cardHasContents(card: MemoryCardContents | null): card is MemoryCardContents {
  return card !== null && (card.program !== undefined || card.parameters !== undefined || card.memory !== undefined);
}

/**
 * Builds the starting context from an input, or throws an Error naming the bad field and the
 * fix (a lab with an impossible CPU must not start). `cpuInputProblem` says the same without
 * throwing.
 */
export function initialCpuContext(input: CpuUnitInput): CpuUnitContext {
  const problem = cpuInputProblem(input);
  if (problem) throw new Error(problem);
  const { model, settings: s } = input;
  const clock = formatClock(parseClock(input.clock));

  // ASSUMPTION: a lab's starting settings describe the CPU as it stands, so the protection in
  // them was already transferred: pending and effective start equal.
  const protection: ProgramProtection = {
    umPassword: s.umPassword,
    taskPasswords: { ...s.taskPasswords },
    prohibitOverwrite: s.prohibitOverwrite,
  };
  let memory = loadImage(emptyMemory(), input.memory);
  memory = withWords(memory, 'A', {
    ...timestampWords(AUX.programOverwriteTime, input.overwrittenAt?.program ?? clock),
    ...timestampWords(AUX.parameterOverwriteTime, input.overwrittenAt?.parameters ?? clock),
    ...timestampWords(AUX.clock, clock),
    ...lotNumberWords(model, input.lotNumber),
    [AUX.protectionFlags]: protectionFlagsWord(protection),
  });
  return {
    model,
    series: cpuSeries(model),
    lotNumber: input.lotNumber,
    clock,
    plcName: s.plcName,
    dip: { writeProtect: s.dipWriteProtect, memoryCardAutoLoad: s.memoryCardAutoLoad },
    protection: { pending: copyProtection(protection), effective: protection },
    finsProtection: { enabled: s.finsWriteProtection.enabled, excludedNodes: [...s.finsWriteProtection.excludedNodes] },
    program: copyProgram(s.program),
    parameters: { ...input.parameters },
    memory,
    card: input.card ?? null,
    powerOnHistory: [],
    errorHistory: [],
    lastError: null,
    startMode: s.mode,
  };
}
