/**
 * The CPU Unit simulator: operating modes, the user program, the parameter area (PLC Setup),
 * I/O memory with its Auxiliary Area words, the clock, and the CPU's own security functions
 * (§2-3-2, §2-5-1 … §2-5-5, the §2-6-1 note on histories, §4-1-1 Memory All Clear).
 *
 * The machine applies every event that is valid and refuses bad input with a reason in
 * `context.lastError`, leaving everything else as it was. Whether a *remote* request may cause
 * an event is decided beforehand by the pure checks in cpu-checks.ts, so the request path can
 * trace each refusal. Local settings events (dip.set, plcName.set …) are the learner's hands on
 * the unit and need no such check. Deterministic: the clock only moves by events.
 */
import { assertEvent, assign, setup } from 'xstate';
import type { SnapshotFrom } from 'xstate';
import { encodeTimestamp, formatClock, parseClock, CLOCK_MAX, type TimestampWords } from './bcd.ts';
import type {
  CpuModelId,
  CpuSettings,
  MemoryArea,
  OperatingMode,
  Program,
  ProgramProtection,
  Task,
} from './model.ts';

// ─── What each model offers (mirrors the §1-5 tables; kept local so this file needs no catalog) ───

/** The CPU series a model belongs to. */
export type CpuSeries = 'CS' | 'CJ' | 'CP';

/** The series of a model, from its name ("CJ2H-EIP" → "CJ"). */
export function cpuSeries(model: CpuModelId): CpuSeries {
  return model.slice(0, 2) as CpuSeries;
}

/** §2-3-2 / §1-5: only CJ-series CPU Units register a PLC name. */
export function hasPlcName(model: CpuModelId): boolean {
  return cpuSeries(model) === 'CJ';
}

/** §2-5-1 / §1-5-2: CP1E and CP2E have no DIP switch write protection. */
export function hasDipWriteProtection(model: CpuModelId): boolean {
  return model !== 'CP1E' && model !== 'CP2E';
}

/** §2-5-3 / §1-5-2: CP1L, CP1E and CP2E have no FINS write protection. */
export function hasFinsWriteProtection(model: CpuModelId): boolean {
  return model !== 'CP1L' && model !== 'CP1E' && model !== 'CP2E';
}

// ─── Memory layout ───

/** I/O memory: one sparse record of 16-bit words per area; absent words read as 0. */
export type IoMemory = Record<MemoryArea, Readonly<Record<number, number>>>;

/** The areas a memory card or a memory write may fill (the Auxiliary Area is the CPU's own). */
export type WritableArea = Exclude<MemoryArea, 'A'>;

/**
 * Words per area. ASSUMPTION: the common CS/CJ sizes (CIO 0–6143, W 0–511, H 0–511,
 * D 0–32767, A 0–959) for every model; real CP and CJ2 sizes differ a little.
 */
export const AREA_SIZES: Readonly<Record<MemoryArea, number>> = { CIO: 6144, W: 512, H: 512, D: 32768, A: 960 };

/** Auxiliary Area addresses the simulator keeps up to date (facts file; §2-5-5). */
export const AUX = {
  /** §2-5-5: A90–A93, user program overwrite date and time (BCD). */
  programOverwriteTime: 90,
  /** §2-5-5: A94–A97, parameter area overwrite date and time (BCD). */
  parameterOverwriteTime: 94,
  /** A99: .00 UM read-protected, .01 task read-protected, .02 overwriting prohibited. */
  protectionFlags: 99,
  /** A351–A354: the clock, same layout as the overwrite times. */
  clock: 351,
} as const;

/**
 * First of the two words holding the production lot number (§2-5-4).
 * CJ2: A100 (facts ⚠ "addressing as printed"); CP1L: A310/A311 (facts).
 * ASSUMPTION: CS uses A100 like CJ; CP1H, CP1E and CP2E use A310 like CP1L.
 */
export function lotNumberAddress(model: CpuModelId): number {
  return cpuSeries(model) === 'CP' ? 310 : 100;
}

/**
 * The two lot-number words, keyed by address. The digits are padded on the right to eight
 * and stored as BCD nibbles: the first four in the second word, the rest in the first
 * (facts: lot 080620 → 0806 and 2000). ASSUMPTION: the same scheme for every series.
 */
export function lotNumberWords(model: CpuModelId, lotNumber: string): Record<number, number> {
  const digits = lotNumber.padEnd(8, '0');
  const base = lotNumberAddress(model);
  return { [base]: Number.parseInt(digits.slice(4, 8), 16), [base + 1]: Number.parseInt(digits.slice(0, 4), 16) };
}

// ─── Context, input, events ───

/** A PLC Setup value in the parameter area. */
export type ParameterValue = string | number | boolean;

/** What a memory card (SD card / memory cassette) holds for loading at power-on (§2-5-1). */
export interface MemoryCardContents {
  program?: Program;
  parameters?: Record<string, ParameterValue>;
  memory?: Partial<Record<WritableArea, Record<number, number>>>;
}

/** The DIP switch pins the simulator models (§2-5-1). */
export interface DipSwitches {
  /** Write protection of the user program and parameter area. */
  writeProtect: boolean;
  /** Load the memory card into the CPU at power-on. */
  memoryCardAutoLoad: boolean;
}

/** §2-5-3: FINS write protection and the FINS nodes excluded from it. */
export interface FinsWriteProtection {
  enabled: boolean;
  excludedNodes: number[];
}

/** One power-on recorded in the Auxiliary Area history (§2-6-1 note). */
export interface PowerOnEntry {
  /** CPU clock at power-on. */
  at: string;
  /** What happened to the memory card: loaded, held back by the DIP switch (§2-5-1), or nothing to load. */
  card: 'loaded' | 'blocked-by-dip' | 'none';
}

/** One error recorded in the error history (§2-6-1 note). */
export interface ErrorEntry {
  at: string;
  /** CPU error code, e.g. 0x80F1. */
  code: number;
  message: string;
}

/** Everything the CPU Unit holds. The operating mode is the machine's state, not context. */
export interface CpuUnitContext {
  model: CpuModelId;
  series: CpuSeries;
  /** §2-5-4: set at manufacture, never changed. */
  lotNumber: string;
  /** CPU clock, wall-clock ISO ("2026-03-01T10:00:00Z"). */
  clock: string;
  /** §2-3-2: registered PLC name (CJ only). */
  plcName: string | null;
  dip: DipSwitches;
  /**
   * §2-5-2 / §2-5-1 note: `pending` is what the project in the Support Software is set to;
   * `effective` is what the CPU enforces. Pending becomes effective only on a program transfer
   * or a "Set Password".
   */
  protection: { pending: ProgramProtection; effective: ProgramProtection };
  finsProtection: FinsWriteProtection;
  program: Program;
  /** The parameter area: PLC Setup values by name. */
  parameters: Record<string, ParameterValue>;
  memory: IoMemory;
  /** The inserted memory card, or null. */
  card: MemoryCardContents | null;
  powerOnHistory: PowerOnEntry[];
  errorHistory: ErrorEntry[];
  /** Why the last event was refused; null after an accepted one. */
  lastError: string | null;
  /** The mode the unit was built in (input settings.mode); the `starting` state reads it once. */
  startMode: OperatingMode;
}

/** What a CPU Unit is built from (a lab's `RackConfig.cpu`, plus optional extras). */
export interface CpuUnitInput {
  model: CpuModelId;
  lotNumber: string;
  /** ISO date-time the clock shows at start. */
  clock: string;
  settings: CpuSettings;
  parameters?: Record<string, ParameterValue>;
  memory?: Partial<Record<WritableArea, Record<number, number>>>;
  card?: MemoryCardContents | null;
  /** When the program / parameters were last overwritten (A90–A97). Default: the start clock. */
  overwrittenAt?: { program?: string; parameters?: string };
}

/** Every event the CPU Unit accepts. */
export type CpuUnitEvent =
  | { type: 'mode.set'; mode: OperatingMode }
  /** Whole program download; `protection` = the project's settings sent with it (else the pending ones). */
  | { type: 'program.transferred'; program: Program; protection?: ProgramProtection }
  /** Online edit or task download: replaces (or adds) the listed tasks. */
  | { type: 'program.tasksEdited'; tasks: Task[] }
  | { type: 'parameters.written'; settings: Record<string, ParameterValue> }
  | { type: 'memory.written'; area: MemoryArea; address: number; values: number[] }
  /** §4-1-1 Memory All Clear with Initialize. */
  | { type: 'memory.cleared' }
  | { type: 'clock.set'; at: string }
  | { type: 'clock.advanced'; seconds: number }
  | { type: 'power.on' }
  | { type: 'card.inserted'; contents: MemoryCardContents }
  | { type: 'card.removed' }
  | { type: 'dip.set'; writeProtect?: boolean; memoryCardAutoLoad?: boolean }
  /** Changes the project's protection settings (pending). */
  | { type: 'protection.configured'; umPassword?: string | null; taskPasswords?: Record<number, string>; prohibitOverwrite?: boolean }
  /** "Protection – Set Password": pending protection becomes effective without a transfer. */
  | { type: 'protection.passwordSet' }
  | { type: 'finsProtection.set'; enabled: boolean; excludedNodes: number[] }
  | { type: 'plcName.set'; name: string | null }
  /** Always refused: the lot number is read-only (§2-5-4). */
  | { type: 'lotNumber.set'; lotNumber: string }
  | { type: 'error.occurred'; code: number; message: string };

// ─── Validation: a reason naming the field and the fix, or null ───

const MODES: readonly OperatingMode[] = ['PROGRAM', 'MONITOR', 'RUN'];
const AREAS: readonly MemoryArea[] = ['CIO', 'W', 'H', 'D', 'A'];
const LOT_PATTERN = /^\d{4,8}$/;
// ASSUMPTION: passwords 1–16 printable ASCII characters without spaces; the guideline only asks
// for eight or more characters of several kinds (§1-6), which the course teaches separately.
const PASSWORD_PATTERN = /^[\x21-\x7e]{1,16}$/;
// ASSUMPTION: PLC names 1–16 printable ASCII characters, no leading/trailing space.
const PLC_NAME_PATTERN = /^[\x21-\x7e](?:[\x20-\x7e]{0,14}[\x21-\x7e])?$/;
/** ASSUMPTION: task numbers 0–127 (CJ2 has 128 cyclic tasks). */
const MAX_TASK_ID = 127;
/** ASSUMPTION: up to 32 FINS nodes can be excluded from write protection. */
const MAX_EXCLUDED_NODES = 32;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function programProblem(program: unknown, field: string): string | null {
  if (!isRecord(program) || !Array.isArray(program.tasks)) {
    return `${field}: give a program object with a "tasks" array and a "lotGuard" (null or the lot number).`;
  }
  const problem = tasksProblem(program.tasks, `${field}.tasks`, true);
  if (problem) return problem;
  if (program.lotGuard !== null && (typeof program.lotGuard !== 'string' || !LOT_PATTERN.test(program.lotGuard))) {
    return `${field}.lotGuard: give null or a lot number of 4–8 digits (e.g. "080620").`;
  }
  return null;
}

function tasksProblem(tasks: unknown[], field: string, allowEmpty: boolean): string | null {
  if (!allowEmpty && tasks.length === 0) return `${field}: list at least one task to write.`;
  const seen = new Set<number>();
  for (const [i, task] of tasks.entries()) {
    if (!isRecord(task)) return `${field}[${i}]: give a task object { id, name, code }.`;
    if (!Number.isInteger(task.id) || (task.id as number) < 0 || (task.id as number) > MAX_TASK_ID) {
      return `${field}[${i}].id: give a task number from 0 to ${MAX_TASK_ID}.`;
    }
    if (typeof task.name !== 'string' || task.name.trim() === '') return `${field}[${i}].name: give the task a name.`;
    if (typeof task.code !== 'string') return `${field}[${i}].code: give the task's code as text.`;
    if (seen.has(task.id as number)) return `${field}: task ${task.id} appears twice; give each task number once.`;
    seen.add(task.id as number);
  }
  return null;
}

function protectionProblem(p: Partial<Record<keyof ProgramProtection, unknown>>, field: string): string | null {
  if (p.umPassword !== undefined && p.umPassword !== null) {
    if (typeof p.umPassword !== 'string' || !PASSWORD_PATTERN.test(p.umPassword)) {
      return `${field}.umPassword: give null or 1–16 printable characters without spaces.`;
    }
  }
  if (p.taskPasswords !== undefined) {
    if (!isRecord(p.taskPasswords)) return `${field}.taskPasswords: give an object of passwords by task number.`;
    for (const [id, password] of Object.entries(p.taskPasswords)) {
      const n = Number(id);
      if (!Number.isInteger(n) || n < 0 || n > MAX_TASK_ID) {
        return `${field}.taskPasswords: "${id}" is not a task number; use 0 to ${MAX_TASK_ID}.`;
      }
      if (typeof password !== 'string' || !PASSWORD_PATTERN.test(password)) {
        return `${field}.taskPasswords[${id}]: give 1–16 printable characters without spaces.`;
      }
    }
  }
  if (p.prohibitOverwrite !== undefined && typeof p.prohibitOverwrite !== 'boolean') {
    return `${field}.prohibitOverwrite: give true or false.`;
  }
  return null;
}

function fullProtectionProblem(p: unknown, field: string): string | null {
  if (!isRecord(p) || !('umPassword' in p) || !('taskPasswords' in p) || typeof p.prohibitOverwrite !== 'boolean') {
    return `${field}: give { umPassword, taskPasswords, prohibitOverwrite }.`;
  }
  return protectionProblem(p, field);
}

function parametersProblem(settings: unknown, field: string): string | null {
  if (!isRecord(settings) || Object.keys(settings).length === 0) {
    return `${field}: give at least one PLC Setup value, e.g. { "startupMode": "RUN" }.`;
  }
  for (const [key, value] of Object.entries(settings)) {
    const ok = typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
    if (!ok) return `${field}.${key}: give text, a finite number or true/false.`;
  }
  return null;
}

function wordsProblem(area: WritableArea | 'A', address: number, values: unknown[], field: string): string | null {
  if (!Number.isInteger(address) || address < 0 || address >= AREA_SIZES[area]) {
    return `${field}.address: ${area} words run from 0 to ${AREA_SIZES[area] - 1}.`;
  }
  if (values.length === 0) return `${field}.values: give at least one word to write.`;
  if (address + values.length > AREA_SIZES[area]) {
    return `${field}.values: ${values.length} words from ${area}${address} run past ${area}${AREA_SIZES[area] - 1}.`;
  }
  const bad = values.findIndex((v) => !Number.isInteger(v) || (v as number) < 0 || (v as number) > 0xffff);
  if (bad >= 0) return `${field}.values[${bad}]: a word holds a whole number from 0 to 65535 (0xFFFF).`;
  return null;
}

function memoryImageProblem(memory: unknown, field: string): string | null {
  if (!isRecord(memory)) return `${field}: give words by area, e.g. { "D": { "100": 42 } }.`;
  for (const [area, words] of Object.entries(memory)) {
    if (area === 'A') return `${field}.A: the Auxiliary Area is the CPU's own and cannot be loaded.`;
    if (!AREAS.includes(area as MemoryArea)) return `${field}.${area}: use CIO, W, H or D.`;
    if (!isRecord(words)) return `${field}.${area}: give words by address, e.g. { "100": 42 }.`;
    for (const [address, value] of Object.entries(words)) {
      const problem = wordsProblem(area as WritableArea, Number(address), [value], `${field}.${area}[${address}]`);
      if (problem) return problem;
    }
  }
  return null;
}

function cardProblem(contents: unknown): string | null {
  if (!isRecord(contents)) return 'contents: give what the card holds: { program?, parameters?, memory? }.';
  if (contents.program !== undefined) {
    const problem = programProblem(contents.program, 'contents.program');
    if (problem) return problem;
  }
  if (contents.parameters !== undefined) {
    const problem = parametersProblem(contents.parameters, 'contents.parameters');
    if (problem) return problem;
  }
  if (contents.memory !== undefined) return memoryImageProblem(contents.memory, 'contents.memory');
  return null;
}

function finsProblem(model: CpuModelId, enabled: unknown, excludedNodes: unknown): string | null {
  if (!hasFinsWriteProtection(model)) {
    return `${model} has no FINS write protection (§2-5-3); protect it with the measures of the human, process and physical layers instead.`;
  }
  if (typeof enabled !== 'boolean') return 'enabled: give true or false.';
  if (!Array.isArray(excludedNodes)) return 'excludedNodes: give a list of FINS node numbers (1–254).';
  if (excludedNodes.length > MAX_EXCLUDED_NODES) return `excludedNodes: at most ${MAX_EXCLUDED_NODES} nodes can be excluded.`;
  const seen = new Set<number>();
  for (const node of excludedNodes) {
    if (!Number.isInteger(node) || node < 1 || node > 254) return `excludedNodes: ${node} is not a FINS node number; use 1 to 254.`;
    if (seen.has(node)) return `excludedNodes: node ${node} is listed twice; list each node once.`;
    seen.add(node);
  }
  return null;
}

function plcNameProblem(model: CpuModelId, name: unknown): string | null {
  if (!hasPlcName(model)) {
    return `${model} cannot store a PLC name: only CJ-series CPU Units have the PLC name function (§2-3-2).`;
  }
  if (name !== null && (typeof name !== 'string' || !PLC_NAME_PATTERN.test(name))) {
    return 'name: give null or 1–16 printable characters without leading or trailing spaces.';
  }
  return null;
}

function clockProblem(at: unknown): string | null {
  try {
    parseClock(at as string);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Why `event` cannot be applied to `context`, or null when it can. */
export function problemWith(context: CpuUnitContext, event: CpuUnitEvent): string | null {
  switch (event.type) {
    case 'mode.set':
      return MODES.includes(event.mode) ? null : 'mode: use PROGRAM, MONITOR or RUN.';
    case 'program.transferred': {
      const problem = programProblem(event.program, 'program');
      if (problem) return problem;
      return event.protection === undefined ? null : fullProtectionProblem(event.protection, 'protection');
    }
    case 'program.tasksEdited':
      return Array.isArray(event.tasks) ? tasksProblem(event.tasks, 'tasks', false) : 'tasks: give a list of tasks.';
    case 'parameters.written':
      return parametersProblem(event.settings, 'settings');
    case 'memory.written':
      if (event.area === 'A') {
        // §2-5-4, §2-5-5: the Auxiliary Area (overwrite times, lot number, clock) is read-only.
        return 'area A: the Auxiliary Area is read-only (end code 2101); only the CPU writes its overwrite times, protection flags, lot number and clock.';
      }
      if (!AREAS.includes(event.area)) return 'area: use CIO, W, H or D.';
      return Array.isArray(event.values)
        ? wordsProblem(event.area, event.address, event.values, 'memory')
        : 'values: give a list of words.';
    case 'memory.cleared':
    case 'power.on':
    case 'card.removed':
    case 'protection.passwordSet':
      return null;
    case 'clock.set':
      return clockProblem(event.at);
    case 'clock.advanced': {
      if (!Number.isInteger(event.seconds) || event.seconds < 0) return 'seconds: give a whole number of seconds, 0 or more.';
      const next = parseClock(context.clock).getTime() + event.seconds * 1000;
      return next > Date.parse(CLOCK_MAX) ? `seconds: the clock cannot go past ${CLOCK_MAX}.` : null;
    }
    case 'card.inserted':
      return cardProblem(event.contents);
    case 'dip.set': {
      const given = [event.writeProtect, event.memoryCardAutoLoad].filter((v) => v !== undefined);
      if (given.length === 0) return 'dip.set: give writeProtect and/or memoryCardAutoLoad.';
      if (given.some((v) => typeof v !== 'boolean')) return 'dip.set: each switch is true (ON) or false (OFF).';
      if (event.writeProtect === true && !hasDipWriteProtection(context.model)) {
        return `${context.model} has no DIP switch write protection (§2-5-1); protect it with the measures of the human, process and physical layers instead.`;
      }
      return null;
    }
    case 'protection.configured': {
      const given = [event.umPassword, event.taskPasswords, event.prohibitOverwrite].filter((v) => v !== undefined);
      if (given.length === 0) return 'protection.configured: give umPassword, taskPasswords and/or prohibitOverwrite.';
      return protectionProblem(event, 'protection');
    }
    case 'finsProtection.set':
      return finsProblem(context.model, event.enabled, event.excludedNodes);
    case 'plcName.set':
      return plcNameProblem(context.model, event.name);
    case 'lotNumber.set':
      // §2-5-4: users cannot change the production lot number.
      return `The production lot number ${context.lotNumber} is set at manufacture and cannot be changed (§2-5-4).`;
    case 'error.occurred':
      if (!Number.isInteger(event.code) || event.code < 0 || event.code > 0xffff) return 'code: give a 16-bit error code, e.g. 0x80F1.';
      return typeof event.message === 'string' && event.message.trim() !== '' ? null : 'message: describe the error.';
    default:
      return `Unknown event "${(event as { type: string }).type}".`;
  }
}

// ─── Pure updates ───

const NO_PROTECTION: ProgramProtection = { umPassword: null, taskPasswords: {}, prohibitOverwrite: false };

function copyProtection(p: ProgramProtection): ProgramProtection {
  return { umPassword: p.umPassword, taskPasswords: { ...p.taskPasswords }, prohibitOverwrite: p.prohibitOverwrite };
}

function withWords(memory: IoMemory, area: MemoryArea, words: Record<number, number>): IoMemory {
  return { ...memory, [area]: { ...memory[area], ...words } };
}

function timestampWords(address: number, at: string): Record<number, number> {
  const words: TimestampWords = encodeTimestamp(at);
  return { [address]: words[0], [address + 1]: words[1], [address + 2]: words[2], [address + 3]: words[3] };
}

/** A99 bits from the protection the CPU enforces. */
function protectionFlags(p: ProgramProtection): number {
  const um = p.umPassword !== null;
  const task = Object.keys(p.taskPasswords).length > 0;
  // ASSUMPTION: .02 shows only when the prohibition has something to protect.
  const prohibited = p.prohibitOverwrite && (um || task);
  return (um ? 1 : 0) | (task ? 2 : 0) | (prohibited ? 4 : 0);
}

function programWritten(context: CpuUnitContext, program: Program): Partial<CpuUnitContext> {
  // §2-5-5: every program overwrite stamps A90–A93 with the current clock.
  return {
    program,
    memory: withWords(context.memory, 'A', timestampWords(AUX.programOverwriteTime, context.clock)),
  };
}

function parametersWritten(memory: IoMemory, clock: string): IoMemory {
  // §2-5-5: every parameter area overwrite stamps A94–A97.
  return withWords(memory, 'A', timestampWords(AUX.parameterOverwriteTime, clock));
}

function withEffectiveProtection(memory: IoMemory, effective: ProgramProtection): IoMemory {
  return withWords(memory, 'A', { [AUX.protectionFlags]: protectionFlags(effective) });
}

function emptyMemory(): IoMemory {
  return { CIO: {}, W: {}, H: {}, D: {}, A: {} };
}

function loadImage(memory: IoMemory, image: MemoryCardContents['memory']): IoMemory {
  let next = memory;
  for (const [area, words] of Object.entries(image ?? {})) {
    next = withWords(next, area as WritableArea, words as Record<number, number>);
  }
  return next;
}

function cardHasContents(card: MemoryCardContents | null): card is MemoryCardContents {
  return card !== null && (card.program !== undefined || card.parameters !== undefined || card.memory !== undefined);
}

function fail(message: string): never {
  throw new Error(`CPU Unit input: ${message}`);
}

/**
 * Builds the starting context from an input, or throws an Error naming the bad field and the
 * fix (a lab with an impossible CPU must not start).
 */
export function initialCpuContext(input: CpuUnitInput): CpuUnitContext {
  if (!isRecord(input)) fail('give { model, lotNumber, clock, settings }.');
  const model = input.model;
  if (typeof model !== 'string' || !['CS', 'CJ', 'CP'].includes(model.slice(0, 2))) fail(`model "${model}" is not a CS, CJ or CP CPU Unit.`);
  if (typeof input.lotNumber !== 'string' || !LOT_PATTERN.test(input.lotNumber)) {
    fail('lotNumber: give the 4–8 digits printed on the unit, e.g. "080620".');
  }
  let clock = '';
  try {
    clock = formatClock(parseClock(input.clock));
  } catch (error) {
    fail((error as Error).message);
  }
  const s = input.settings;
  if (!isRecord(s)) fail('settings: give the CPU settings (CpuSettings).');
  const problems = [
    programProblem(s.program, 'settings.program'),
    protectionProblem(s, 'settings'),
    s.plcName === null ? null : plcNameProblem(model, s.plcName),
    s.dipWriteProtect && !hasDipWriteProtection(model) ? `settings.dipWriteProtect: ${model} has no DIP switch write protection (§2-5-1); set it to false.` : null,
    s.finsWriteProtection.enabled || s.finsWriteProtection.excludedNodes.length > 0 || hasFinsWriteProtection(model)
      ? finsProblem(model, s.finsWriteProtection.enabled, s.finsWriteProtection.excludedNodes)
      : null,
    MODES.includes(s.mode) ? null : 'settings.mode: use PROGRAM, MONITOR or RUN.',
    input.parameters === undefined || Object.keys(input.parameters).length === 0 ? null : parametersProblem(input.parameters, 'parameters'),
    input.memory === undefined ? null : memoryImageProblem(input.memory, 'memory'),
    input.card === undefined || input.card === null ? null : cardProblem(input.card),
    input.overwrittenAt?.program === undefined ? null : clockProblem(input.overwrittenAt.program),
    input.overwrittenAt?.parameters === undefined ? null : clockProblem(input.overwrittenAt.parameters),
  ];
  const problem = problems.find((p) => p !== null);
  if (problem) fail(problem);

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
    [AUX.protectionFlags]: protectionFlags(protection),
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
    program: { tasks: s.program.tasks.map((t) => ({ ...t })), lotGuard: s.program.lotGuard },
    parameters: { ...input.parameters },
    memory,
    card: input.card ?? null,
    powerOnHistory: [],
    errorHistory: [],
    lastError: null,
    startMode: s.mode,
  };
}

/**
 * Why an input cannot build a CPU Unit, or null when it can. Check this before `createActor`:
 * a machine whose context cannot be built only reports the error asynchronously.
 */
export function cpuInputProblem(input: CpuUnitInput): string | null {
  try {
    initialCpuContext(input);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

// ─── The machine ───

/** The CPU Unit machine: states PROGRAM / MONITOR / RUN (after a transient `starting`). */
export const cpuUnitMachine = setup({
  types: {
    context: {} as CpuUnitContext,
    events: {} as CpuUnitEvent,
    input: {} as CpuUnitInput,
  },
  guards: {
    accepted: ({ context, event }) => problemWith(context, event) === null,
    modeRequested: ({ context, event }, params: { mode: OperatingMode }) =>
      event.type === 'mode.set' && event.mode === params.mode && problemWith(context, event) === null,
    startsIn: ({ context }, params: { mode: OperatingMode }) => context.startMode === params.mode,
    // §2-5-1: with auto-load set, the card is loaded at power-on unless write protection is ON.
    cardLoads: ({ context }) => cardHasContents(context.card) && context.dip.memoryCardAutoLoad && !context.dip.writeProtect,
    cardBlockedByDip: ({ context }) => cardHasContents(context.card) && context.dip.memoryCardAutoLoad && context.dip.writeProtect,
  },
  actions: {
    refuse: assign({ lastError: ({ context, event }) => problemWith(context, event) }),
    accept: assign({ lastError: null }),
    transferProgram: assign(({ context, event }) => {
      assertEvent(event, 'program.transferred');
      // §2-5-1 note: the project's protection settings take effect only with a transfer.
      const pending = event.protection ? copyProtection(event.protection) : context.protection.pending;
      const effective = copyProtection(pending);
      const written = programWritten(context, { tasks: event.program.tasks.map((t) => ({ ...t })), lotGuard: event.program.lotGuard });
      return {
        ...written,
        memory: withEffectiveProtection(written.memory as IoMemory, effective),
        protection: { pending: copyProtection(pending), effective },
        lastError: null,
      };
    }),
    editTasks: assign(({ context, event }) => {
      assertEvent(event, 'program.tasksEdited');
      const byId = new Map(context.program.tasks.map((t) => [t.id, t]));
      for (const task of event.tasks) byId.set(task.id, { ...task });
      const tasks = [...byId.values()].sort((a, b) => a.id - b.id);
      return { ...programWritten(context, { ...context.program, tasks }), lastError: null };
    }),
    writeParameters: assign(({ context, event }) => {
      assertEvent(event, 'parameters.written');
      return {
        parameters: { ...context.parameters, ...event.settings },
        memory: parametersWritten(context.memory, context.clock),
        lastError: null,
      };
    }),
    writeMemory: assign(({ context, event }) => {
      assertEvent(event, 'memory.written');
      const words: Record<number, number> = {};
      for (const [i, value] of event.values.entries()) words[event.address + i] = value;
      return { memory: withWords(context.memory, event.area, words), lastError: null };
    }),
    clearAll: assign(({ context }) => {
      // §4-1-1: user program, parameter area and I/O memory all go back to defaults. The
      // protection, FINS write protection (a PLC Setup item) and PLC name go with them.
      // ASSUMPTION: the lot number, clock, DIP switches and the power-on/error histories
      // are the CPU's own records and stay; the clear counts as an overwrite of both the
      // program and the parameters, so A90–A97 show when it happened.
      const memory = withWords(emptyMemory(), 'A', {
        ...timestampWords(AUX.programOverwriteTime, context.clock),
        ...timestampWords(AUX.parameterOverwriteTime, context.clock),
        ...timestampWords(AUX.clock, context.clock),
        ...lotNumberWords(context.model, context.lotNumber),
        [AUX.protectionFlags]: 0,
      });
      return {
        program: { tasks: [], lotGuard: null },
        parameters: {},
        memory,
        protection: { pending: context.protection.pending, effective: copyProtection(NO_PROTECTION) },
        finsProtection: { enabled: false, excludedNodes: [] },
        plcName: null,
        lastError: null,
      };
    }),
    setClock: assign(({ context, event }) => {
      assertEvent(event, ['clock.set', 'clock.advanced']);
      const next =
        event.type === 'clock.set'
          ? parseClock(event.at)
          : new Date(parseClock(context.clock).getTime() + event.seconds * 1000);
      const clock = formatClock(next);
      return { clock, memory: withWords(context.memory, 'A', timestampWords(AUX.clock, clock)), lastError: null };
    }),
    loadCard: assign(({ context }) => {
      const card = context.card as MemoryCardContents;
      let patch: Partial<CpuUnitContext> = {};
      let memory = loadImage(context.memory, card.memory);
      if (card.program) {
        // ASSUMPTION: loading the card's program is a program overwrite (A90–A93).
        patch = programWritten({ ...context, memory }, { tasks: card.program.tasks.map((t) => ({ ...t })), lotGuard: card.program.lotGuard });
        memory = patch.memory as IoMemory;
      }
      if (card.parameters) {
        patch.parameters = { ...context.parameters, ...card.parameters };
        memory = parametersWritten(memory, context.clock);
      }
      return { ...patch, memory };
    }),
    recordPowerOn: assign(({ context }, params: { card: PowerOnEntry['card'] }) => ({
      // §2-6-1 note: power-on times are kept as history in the Auxiliary Area.
      powerOnHistory: [...context.powerOnHistory, { at: context.clock, card: params.card }],
      lastError: null,
    })),
    insertCard: assign(({ event }) => {
      assertEvent(event, 'card.inserted');
      return { card: event.contents, lastError: null };
    }),
    removeCard: assign({ card: null, lastError: null }),
    setDip: assign(({ context, event }) => {
      assertEvent(event, 'dip.set');
      return {
        dip: {
          writeProtect: event.writeProtect ?? context.dip.writeProtect,
          memoryCardAutoLoad: event.memoryCardAutoLoad ?? context.dip.memoryCardAutoLoad,
        },
        lastError: null,
      };
    }),
    configureProtection: assign(({ context, event }) => {
      assertEvent(event, 'protection.configured');
      const pending = context.protection.pending;
      return {
        protection: {
          pending: {
            umPassword: event.umPassword === undefined ? pending.umPassword : event.umPassword,
            taskPasswords: { ...(event.taskPasswords ?? pending.taskPasswords) },
            prohibitOverwrite: event.prohibitOverwrite ?? pending.prohibitOverwrite,
          },
          effective: context.protection.effective,
        },
        lastError: null,
      };
    }),
    applyPasswords: assign(({ context }) => {
      // §2-5-1 note: "Set Password" makes the project's protection effective without a transfer.
      const effective = copyProtection(context.protection.pending);
      return {
        protection: { pending: context.protection.pending, effective },
        memory: withEffectiveProtection(context.memory, effective),
        lastError: null,
      };
    }),
    setFinsProtection: assign(({ context, event }) => {
      assertEvent(event, 'finsProtection.set');
      // FINS write protection is a PLC Setup item, so setting it overwrites the parameter area (§2-5-5).
      return {
        finsProtection: { enabled: event.enabled, excludedNodes: [...event.excludedNodes] },
        memory: parametersWritten(context.memory, context.clock),
        lastError: null,
      };
    }),
    setPlcName: assign(({ event }) => {
      assertEvent(event, 'plcName.set');
      return { plcName: event.name, lastError: null };
    }),
    recordError: assign(({ context, event }) => {
      assertEvent(event, 'error.occurred');
      // §2-6-1 note: errors are kept as history in the Auxiliary Area.
      return { errorHistory: [...context.errorHistory, { at: context.clock, code: event.code, message: event.message }], lastError: null };
    }),
  },
}).createMachine({
  id: 'cpuUnit',
  context: ({ input }) => initialCpuContext(input),
  initial: 'starting',
  states: {
    starting: {
      always: [
        { guard: { type: 'startsIn', params: { mode: 'RUN' } }, target: 'RUN' },
        { guard: { type: 'startsIn', params: { mode: 'MONITOR' } }, target: 'MONITOR' },
        { target: 'PROGRAM' },
      ],
    },
    PROGRAM: {},
    MONITOR: {},
    RUN: {},
  },
  on: {
    'mode.set': [
      { guard: { type: 'modeRequested', params: { mode: 'PROGRAM' } }, target: '.PROGRAM', actions: 'accept' },
      { guard: { type: 'modeRequested', params: { mode: 'MONITOR' } }, target: '.MONITOR', actions: 'accept' },
      { guard: { type: 'modeRequested', params: { mode: 'RUN' } }, target: '.RUN', actions: 'accept' },
      { actions: 'refuse' },
    ],
    'program.transferred': [{ guard: 'accepted', actions: 'transferProgram' }, { actions: 'refuse' }],
    'program.tasksEdited': [{ guard: 'accepted', actions: 'editTasks' }, { actions: 'refuse' }],
    'parameters.written': [{ guard: 'accepted', actions: 'writeParameters' }, { actions: 'refuse' }],
    'memory.written': [{ guard: 'accepted', actions: 'writeMemory' }, { actions: 'refuse' }],
    // §4-1-1: Memory All Clear leaves the CPU in PROGRAM mode.
    'memory.cleared': { target: '.PROGRAM', actions: 'clearAll' },
    'clock.set': [{ guard: 'accepted', actions: 'setClock' }, { actions: 'refuse' }],
    'clock.advanced': [{ guard: 'accepted', actions: 'setClock' }, { actions: 'refuse' }],
    'power.on': [
      { guard: 'cardLoads', actions: ['loadCard', { type: 'recordPowerOn', params: { card: 'loaded' } }] },
      { guard: 'cardBlockedByDip', actions: { type: 'recordPowerOn', params: { card: 'blocked-by-dip' } } },
      { actions: { type: 'recordPowerOn', params: { card: 'none' } } },
    ],
    'card.inserted': [{ guard: 'accepted', actions: 'insertCard' }, { actions: 'refuse' }],
    'card.removed': { actions: 'removeCard' },
    'dip.set': [{ guard: 'accepted', actions: 'setDip' }, { actions: 'refuse' }],
    'protection.configured': [{ guard: 'accepted', actions: 'configureProtection' }, { actions: 'refuse' }],
    'protection.passwordSet': { actions: 'applyPasswords' },
    'finsProtection.set': [{ guard: 'accepted', actions: 'setFinsProtection' }, { actions: 'refuse' }],
    'plcName.set': [{ guard: 'accepted', actions: 'setPlcName' }, { actions: 'refuse' }],
    'lotNumber.set': { actions: 'refuse' },
    'error.occurred': [{ guard: 'accepted', actions: 'recordError' }, { actions: 'refuse' }],
  },
});

/** A snapshot of the CPU Unit machine. */
export type CpuUnitSnapshot = SnapshotFrom<typeof cpuUnitMachine>;

// ─── Selectors ───

/** The operating mode a snapshot is in (PROGRAM while still starting). */
export function cpuMode(snapshot: CpuUnitSnapshot): OperatingMode {
  const value = snapshot.value as string;
  return MODES.includes(value as OperatingMode) ? (value as OperatingMode) : 'PROGRAM';
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

/** Reads `count` words from an area; absent words read as 0. */
export function readWords(memory: IoMemory, area: MemoryArea, address: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => memory[area][address + i] ?? 0);
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
  /** The project's protection, not yet in force until a transfer or Set Password. */
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
