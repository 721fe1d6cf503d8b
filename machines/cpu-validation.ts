/**
 * Validation for the CPU Unit: why an event or a starting configuration cannot be applied,
 * as a sentence naming the field and the fix — or null when it can. The machine refuses
 * whatever these functions object to and leaves its state unchanged.
 */
import { CLOCK_MAX, parseClock } from './bcd.ts';
import {
  AREA_SIZES,
  hasDipWriteProtection,
  hasFinsWriteProtection,
  hasPlcName,
  type WritableArea,
} from './cpu-hardware.ts';
import type { CpuUnitContext, CpuUnitEvent, CpuUnitInput } from './cpu-unit.machine.ts';
import {
  alternatives,
  type CpuModelId,
  FINS_NODE_RANGE,
  isFinsNode,
  MAX_EXCLUDED_NODES,
  MAX_TASK_ID,
  MEMORY_AREAS,
  OPERATING_MODES,
  PLC_NAME_MAX,
  PLC_NAME_PATTERN,
  PROTECTION_PASSWORD_MAX,
  PROTECTION_PASSWORD_PATTERN,
  type ProgramProtection,
} from './model.ts';

/** A production lot number (and a program's lot guard): 4–8 digits. */
export const LOT_PATTERN = /^\d{4,8}$/;
const NODES = `${FINS_NODE_RANGE.min}–${FINS_NODE_RANGE.max}`;
const MODE_NAMES = alternatives(OPERATING_MODES);

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
    if (typeof p.umPassword !== 'string' || !PROTECTION_PASSWORD_PATTERN.test(p.umPassword)) {
      return `${field}.umPassword: give null or 1–${PROTECTION_PASSWORD_MAX} printable characters without spaces.`;
    }
  }
  if (p.taskPasswords !== undefined) {
    if (!isRecord(p.taskPasswords)) return `${field}.taskPasswords: give an object of passwords by task number.`;
    for (const [id, password] of Object.entries(p.taskPasswords)) {
      const n = Number(id);
      if (!Number.isInteger(n) || n < 0 || n > MAX_TASK_ID) {
        return `${field}.taskPasswords: "${id}" is not a task number; use 0 to ${MAX_TASK_ID}.`;
      }
      if (typeof password !== 'string' || !PROTECTION_PASSWORD_PATTERN.test(password)) {
        return `${field}.taskPasswords[${id}]: give 1–${PROTECTION_PASSWORD_MAX} printable characters without spaces.`;
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
    if (!MEMORY_AREAS.includes(area as WritableArea)) return `${field}.${area}: use ${alternatives(MEMORY_AREAS.filter((a) => a !== 'A'))}.`;
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
  if (!Array.isArray(excludedNodes)) return `excludedNodes: give a list of FINS node numbers (${NODES}).`;
  if (excludedNodes.length > MAX_EXCLUDED_NODES) return `excludedNodes: at most ${MAX_EXCLUDED_NODES} nodes can be excluded.`;
  const seen = new Set<number>();
  for (const node of excludedNodes) {
    if (!isFinsNode(node)) return `excludedNodes: ${node} is not a FINS node number; use ${NODES}.`;
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
    return `name: give null or 1–${PLC_NAME_MAX} printable characters without leading or trailing spaces.`;
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
      return OPERATING_MODES.includes(event.mode) ? null : `mode: use ${MODE_NAMES}.`;
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
      if (!MEMORY_AREAS.includes(event.area)) return `area: use ${alternatives(MEMORY_AREAS.filter((a) => a !== 'A'))}.`;
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


/**
 * Why an input cannot build a CPU Unit, or null when it can. Check this before `createActor`:
 * a machine whose context cannot be built only reports the error asynchronously.
 */
export function cpuInputProblem(input: CpuUnitInput): string | null {
  const problem = firstInputProblem(input);
  return problem === null ? null : `CPU Unit input: ${problem}`;
}

function firstInputProblem(input: CpuUnitInput): string | null {
  if (!isRecord(input)) return 'give { model, lotNumber, clock, settings }.';
  const model = input.model;
  if (typeof model !== 'string' || !['CS', 'CJ', 'CP'].includes(model.slice(0, 2))) {
    return `model "${String(model)}" is not a CS, CJ or CP CPU Unit.`;
  }
  if (typeof input.lotNumber !== 'string' || !LOT_PATTERN.test(input.lotNumber)) {
    return 'lotNumber: give the 4–8 digits printed on the unit, e.g. "080620".';
  }
  const clock = clockProblem(input.clock);
  if (clock) return clock;
  const s = input.settings;
  if (!isRecord(s)) return 'settings: give the CPU settings (CpuSettings).';
  const fins = isRecord(s.finsWriteProtection) ? s.finsWriteProtection : { enabled: undefined, excludedNodes: undefined };
  const finsInUse = fins.enabled === true || (Array.isArray(fins.excludedNodes) && fins.excludedNodes.length > 0);
  const checks: (() => string | null)[] = [
    () => programProblem(s.program, 'settings.program'),
    () => protectionProblem(s, 'settings'),
    () => (s.plcName === null ? null : plcNameProblem(model, s.plcName)),
    () =>
      typeof s.dipWriteProtect !== 'boolean' || typeof s.memoryCardAutoLoad !== 'boolean'
        ? 'settings.dipWriteProtect / memoryCardAutoLoad: give true or false.'
        : null,
    () =>
      s.dipWriteProtect && !hasDipWriteProtection(model)
        ? `settings.dipWriteProtect: ${model} has no DIP switch write protection (§2-5-1); set it to false.`
        : null,
    () => (finsInUse || hasFinsWriteProtection(model) ? finsProblem(model, fins.enabled, fins.excludedNodes) : null),
    () => (OPERATING_MODES.includes(s.mode) ? null : `settings.mode: use ${MODE_NAMES}.`),
    () =>
      input.parameters === undefined || Object.keys(input.parameters).length === 0
        ? null
        : parametersProblem(input.parameters, 'parameters'),
    () => (input.memory === undefined ? null : memoryImageProblem(input.memory, 'memory')),
    () => (input.card === undefined || input.card === null ? null : cardProblem(input.card)),
    () => (input.overwrittenAt?.program === undefined ? null : clockProblem(input.overwrittenAt.program)),
    () => (input.overwrittenAt?.parameters === undefined ? null : clockProblem(input.overwrittenAt.parameters)),
  ];
  for (const check of checks) {
    const problem = check();
    if (problem) return problem;
  }
  return null;
}
