/**
 * Validation for the CPU Unit: why an event or a starting configuration cannot be applied —
 * a problem with the path of the field at fault and the fix (model.ts FieldProblem), which the
 * machine's `lastError` and `cpuInputProblem` write as one sentence — or null when it can. The
 * machine refuses whatever these functions object to and leaves its state unchanged.
 */
import { CLOCK_MAX, ClockError, parseClock, secondsBetween } from './clock.ts';
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
  type FieldPath,
  type FieldProblem,
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
  pathText,
} from '../model.ts';

/** A production lot number (and a program's lot guard): 4–8 digits. */
export const LOT_PATTERN = /^\d{4,8}$/;
const NODES = `${FINS_NODE_RANGE.min}–${FINS_NODE_RANGE.max}`;
const MODE_NAMES = alternatives(OPERATING_MODES);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const at = (path: FieldPath, message: string): FieldProblem => ({ path, message });

/** A problem as one sentence: "settings.mode: use PROGRAM, MONITOR or RUN." */
function sentence(problem: FieldProblem | null): string | null {
  if (problem === null) return null;
  return problem.path.length === 0 ? problem.message : `${pathText(problem.path)}: ${problem.message}`;
}

function programProblem(program: unknown, field: FieldPath): FieldProblem | null {
  if (!isRecord(program) || !Array.isArray(program.tasks)) {
    return at(field, 'give a program object with a "tasks" array and a "lotGuard" (null or the lot number).');
  }
  const problem = tasksProblem(program.tasks, [...field, 'tasks'], true);
  if (problem) return problem;
  if (program.lotGuard !== null && (typeof program.lotGuard !== 'string' || !LOT_PATTERN.test(program.lotGuard))) {
    return at([...field, 'lotGuard'], 'give null or a lot number of 4–8 digits (e.g. "080620").');
  }
  return null;
}

function tasksProblem(tasks: unknown[], field: FieldPath, allowEmpty: boolean): FieldProblem | null {
  if (!allowEmpty && tasks.length === 0) return at(field, 'list at least one task to write.');
  const seen = new Set<number>();
  for (const [i, task] of tasks.entries()) {
    if (!isRecord(task)) return at([...field, i], 'give a task object { id, name, code }.');
    if (!Number.isInteger(task.id) || (task.id as number) < 0 || (task.id as number) > MAX_TASK_ID) {
      return at([...field, i, 'id'], `give a task number from 0 to ${MAX_TASK_ID}.`);
    }
    if (typeof task.name !== 'string' || task.name.trim() === '') return at([...field, i, 'name'], 'give the task a name.');
    if (typeof task.code !== 'string') return at([...field, i, 'code'], "give the task's code as text.");
    if (seen.has(task.id as number)) return at(field, `task ${task.id} appears twice; give each task number once.`);
    seen.add(task.id as number);
  }
  return null;
}

function protectionProblem(p: Partial<Record<keyof ProgramProtection, unknown>>, field: FieldPath): FieldProblem | null {
  if (p.umPassword !== undefined && p.umPassword !== null) {
    if (typeof p.umPassword !== 'string' || !PROTECTION_PASSWORD_PATTERN.test(p.umPassword)) {
      return at([...field, 'umPassword'], `give null or 1–${PROTECTION_PASSWORD_MAX} printable characters without spaces.`);
    }
  }
  if (p.taskPasswords !== undefined) {
    if (!isRecord(p.taskPasswords)) return at([...field, 'taskPasswords'], 'give an object of passwords by task number.');
    for (const [id, password] of Object.entries(p.taskPasswords)) {
      const n = Number(id);
      if (!Number.isInteger(n) || n < 0 || n > MAX_TASK_ID) {
        return at([...field, 'taskPasswords'], `"${id}" is not a task number; use 0 to ${MAX_TASK_ID}.`);
      }
      if (typeof password !== 'string' || !PROTECTION_PASSWORD_PATTERN.test(password)) {
        return at([...field, 'taskPasswords', id], `give 1–${PROTECTION_PASSWORD_MAX} printable characters without spaces.`);
      }
    }
  }
  if (p.prohibitOverwrite !== undefined && typeof p.prohibitOverwrite !== 'boolean') {
    return at([...field, 'prohibitOverwrite'], 'give true or false.');
  }
  return null;
}

function fullProtectionProblem(p: unknown, field: FieldPath): FieldProblem | null {
  if (!isRecord(p) || !('umPassword' in p) || !('taskPasswords' in p) || typeof p.prohibitOverwrite !== 'boolean') {
    return at(field, 'give { umPassword, taskPasswords, prohibitOverwrite }.');
  }
  return protectionProblem(p, field);
}

function parametersProblem(settings: unknown, field: FieldPath): FieldProblem | null {
  if (!isRecord(settings) || Object.keys(settings).length === 0) {
    return at(field, 'give at least one PLC Setup value, e.g. { "startupMode": "RUN" }.');
  }
  for (const [key, value] of Object.entries(settings)) {
    const ok = typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
    if (!ok) return at([...field, key], 'give text, a finite number or true/false.');
  }
  return null;
}

function wordsProblem(area: WritableArea | 'A', address: number, values: unknown[], field: FieldPath): FieldProblem | null {
  if (!Number.isInteger(address) || address < 0 || address >= AREA_SIZES[area]) {
    return at([...field, 'address'], `${area} words run from 0 to ${AREA_SIZES[area] - 1}.`);
  }
  if (values.length === 0) return at([...field, 'values'], 'give at least one word to write.');
  if (address + values.length > AREA_SIZES[area]) {
    return at([...field, 'values'], `${values.length} words from ${area}${address} run past ${area}${AREA_SIZES[area] - 1}.`);
  }
  const bad = values.findIndex((v) => !Number.isInteger(v) || (v as number) < 0 || (v as number) > 0xffff);
  if (bad >= 0) return at([...field, 'values', bad], 'a word holds a whole number from 0 to 65535 (0xFFFF).');
  return null;
}

function memoryImageProblem(memory: unknown, field: FieldPath): FieldProblem | null {
  if (!isRecord(memory)) return at(field, 'give words by area, e.g. { "D": { "100": 42 } }.');
  for (const [area, words] of Object.entries(memory)) {
    if (area === 'A') return at([...field, 'A'], "the Auxiliary Area is the CPU's own and cannot be loaded.");
    if (!MEMORY_AREAS.includes(area as WritableArea)) return at([...field, area], `use ${alternatives(MEMORY_AREAS.filter((a) => a !== 'A'))}.`);
    if (!isRecord(words)) return at([...field, area], 'give words by address, e.g. { "100": 42 }.');
    for (const [address, value] of Object.entries(words)) {
      const problem = wordsProblem(area as WritableArea, Number(address), [value], [...field, area, address]);
      if (problem) return problem;
    }
  }
  return null;
}

function cardProblem(contents: unknown, field: FieldPath): FieldProblem | null {
  if (!isRecord(contents)) return at(field, 'give what the card holds: { program?, parameters?, memory? }.');
  if (contents.program !== undefined) {
    const problem = programProblem(contents.program, [...field, 'program']);
    if (problem) return problem;
  }
  if (contents.parameters !== undefined) {
    const problem = parametersProblem(contents.parameters, [...field, 'parameters']);
    if (problem) return problem;
  }
  if (contents.memory !== undefined) return memoryImageProblem(contents.memory, [...field, 'memory']);
  return null;
}

function finsProblem(model: CpuModelId, enabled: unknown, excludedNodes: unknown, field: FieldPath): FieldProblem | null {
  if (!hasFinsWriteProtection(model)) {
    return at(field, `${model} has no FINS write protection (§2-5-3); protect it with the measures of the human, process and physical layers instead.`);
  }
  if (typeof enabled !== 'boolean') return at([...field, 'enabled'], 'give true or false.');
  const nodes = [...field, 'excludedNodes'];
  if (!Array.isArray(excludedNodes)) return at(nodes, `give a list of FINS node numbers (${NODES}).`);
  if (excludedNodes.length > MAX_EXCLUDED_NODES) return at(nodes, `at most ${MAX_EXCLUDED_NODES} nodes can be excluded.`);
  const seen = new Set<number>();
  for (const node of excludedNodes) {
    if (!isFinsNode(node)) return at(nodes, `${node} is not a FINS node number; use ${NODES}.`);
    if (seen.has(node)) return at(nodes, `node ${node} is listed twice; list each node once.`);
    seen.add(node);
  }
  return null;
}

/** `model` is where a model without the function is reported: the event as a whole, or the input's field. */
function plcNameProblem(model: CpuModelId, name: unknown, field: FieldPath, modelField: FieldPath): FieldProblem | null {
  if (!hasPlcName(model)) {
    return at(modelField, `${model} cannot store a PLC name: only CJ-series CPU Units have the PLC name function (§2-3-2).`);
  }
  if (name !== null && (typeof name !== 'string' || !PLC_NAME_PATTERN.test(name))) {
    return at(field, `give null or 1–${PLC_NAME_MAX} printable characters without leading or trailing spaces.`);
  }
  return null;
}

function clockProblem(value: unknown, field: FieldPath): FieldProblem | null {
  try {
    parseClock(value as string);
    return null;
  } catch (error) {
    return error instanceof ClockError ? at(field, error.problem) : at(field, (error as Error).message);
  }
}

/** Why `event` cannot be applied to `context`, or null when it can. */
export function problemWith(context: CpuUnitContext, event: CpuUnitEvent): string | null {
  return sentence(eventProblem(context, event));
}

function eventProblem(context: CpuUnitContext, event: CpuUnitEvent): FieldProblem | null {
  switch (event.type) {
    case 'mode.set':
      return OPERATING_MODES.includes(event.mode) ? null : at(['mode'], `use ${MODE_NAMES}.`);
    case 'program.transferred': {
      const problem = programProblem(event.program, ['program']);
      if (problem) return problem;
      return event.protection === undefined ? null : fullProtectionProblem(event.protection, ['protection']);
    }
    case 'program.tasksEdited':
      return Array.isArray(event.tasks) ? tasksProblem(event.tasks, ['tasks'], false) : at(['tasks'], 'give a list of tasks.');
    case 'parameters.written':
      return parametersProblem(event.settings, ['settings']);
    case 'memory.written':
      if (event.area === 'A') {
        // §2-5-4, §2-5-5: the Auxiliary Area (overwrite times, lot number, clock) is read-only.
        return at([], 'area A: the Auxiliary Area is read-only (end code 2101); only the CPU writes its overwrite times, protection flags, lot number and clock.');
      }
      if (!MEMORY_AREAS.includes(event.area)) return at(['area'], `use ${alternatives(MEMORY_AREAS.filter((a) => a !== 'A'))}.`);
      return Array.isArray(event.values) ? wordsProblem(event.area, event.address, event.values, ['memory']) : at(['values'], 'give a list of words.');
    case 'memory.cleared':
    case 'power.on':
    case 'card.removed':
    case 'protection.passwordSet':
      return null;
    case 'clock.set':
      return clockProblem(event.at, ['clock']);
    case 'clock.advanced': {
      if (!Number.isInteger(event.seconds) || event.seconds < 0) return at(['seconds'], 'give a whole number of seconds, 0 or more.');
      return event.seconds > secondsBetween(CLOCK_MAX, context.clock) ? at(['seconds'], `the clock cannot go past ${CLOCK_MAX}.`) : null;
    }
    case 'card.inserted':
      return cardProblem(event.contents, ['contents']);
    case 'dip.set': {
      const given = [event.writeProtect, event.memoryCardAutoLoad].filter((v) => v !== undefined);
      if (given.length === 0) return at(['dip.set'], 'give writeProtect and/or memoryCardAutoLoad.');
      if (given.some((v) => typeof v !== 'boolean')) return at(['dip.set'], 'each switch is true (ON) or false (OFF).');
      if (event.writeProtect === true && !hasDipWriteProtection(context.model)) {
        return at([], `${context.model} has no DIP switch write protection (§2-5-1); protect it with the measures of the human, process and physical layers instead.`);
      }
      return null;
    }
    case 'protection.configured': {
      const given = [event.umPassword, event.taskPasswords, event.prohibitOverwrite].filter((v) => v !== undefined);
      if (given.length === 0) return at(['protection.configured'], 'give umPassword, taskPasswords and/or prohibitOverwrite.');
      return protectionProblem(event, ['protection']);
    }
    case 'finsProtection.set':
      return finsProblem(context.model, event.enabled, event.excludedNodes, []);
    case 'plcName.set':
      return plcNameProblem(context.model, event.name, ['name'], []);
    case 'lotNumber.set':
      // §2-5-4: users cannot change the production lot number.
      return at([], `The production lot number ${context.lotNumber} is set at manufacture and cannot be changed (§2-5-4).`);
    case 'error.occurred':
      if (!Number.isInteger(event.code) || event.code < 0 || event.code > 0xffff) return at(['code'], 'give a 16-bit error code, e.g. 0x80F1.');
      return typeof event.message === 'string' && event.message.trim() !== '' ? null : at(['message'], 'describe the error.');
    default:
      return at([], `Unknown event "${(event as { type: string }).type}".`);
  }
}

/**
 * Why an input cannot build a CPU Unit, or null when it can. Check this before `createActor`:
 * a machine whose context cannot be built only reports the error asynchronously.
 */
export function cpuInputProblem(input: CpuUnitInput): string | null {
  const problem = sentence(cpuInputIssue(input));
  return problem === null ? null : `CPU Unit input: ${problem}`;
}

/**
 * The first thing wrong with an input, with the path of the field inside it (`clock`,
 * `settings.finsWriteProtection.excludedNodes`…), so a caller can name the field in its own
 * terms; null when the input can build a CPU Unit.
 */
export function cpuInputIssue(input: CpuUnitInput): FieldProblem | null {
  if (!isRecord(input)) return at([], 'give { model, lotNumber, clock, settings }.');
  const model = input.model;
  if (typeof model !== 'string' || !['CS', 'CJ', 'CP'].includes(model.slice(0, 2))) {
    return at([], `model "${String(model)}" is not a CS, CJ or CP CPU Unit.`);
  }
  if (typeof input.lotNumber !== 'string' || !LOT_PATTERN.test(input.lotNumber)) {
    return at(['lotNumber'], 'give the 4–8 digits printed on the unit, e.g. "080620".');
  }
  const clock = clockProblem(input.clock, ['clock']);
  if (clock) return clock;
  const s = input.settings;
  if (!isRecord(s)) return at(['settings'], 'give the CPU settings (CpuSettings).');
  const fins = isRecord(s.finsWriteProtection) ? s.finsWriteProtection : { enabled: undefined, excludedNodes: undefined };
  const finsInUse = fins.enabled === true || (Array.isArray(fins.excludedNodes) && fins.excludedNodes.length > 0);
  const checks: (() => FieldProblem | null)[] = [
    () => programProblem(s.program, ['settings', 'program']),
    () => protectionProblem(s, ['settings']),
    () => (s.plcName === null ? null : plcNameProblem(model, s.plcName, ['settings', 'plcName'], ['settings', 'plcName'])),
    () =>
      typeof s.dipWriteProtect !== 'boolean' || typeof s.memoryCardAutoLoad !== 'boolean'
        ? at(['settings'], 'dipWriteProtect and memoryCardAutoLoad: give true or false.')
        : null,
    () =>
      s.dipWriteProtect && !hasDipWriteProtection(model)
        ? at(['settings', 'dipWriteProtect'], `${model} has no DIP switch write protection (§2-5-1); set it to false.`)
        : null,
    () => (finsInUse || hasFinsWriteProtection(model) ? finsProblem(model, fins.enabled, fins.excludedNodes, ['settings', 'finsWriteProtection']) : null),
    () => (OPERATING_MODES.includes(s.mode) ? null : at(['settings', 'mode'], `use ${MODE_NAMES}.`)),
    () =>
      input.parameters === undefined || Object.keys(input.parameters).length === 0
        ? null
        : parametersProblem(input.parameters, ['parameters']),
    () => (input.memory === undefined ? null : memoryImageProblem(input.memory, ['memory'])),
    () => (input.card === undefined || input.card === null ? null : cardProblem(input.card, ['card'])),
    () => (input.overwrittenAt?.program === undefined ? null : clockProblem(input.overwrittenAt.program, ['overwrittenAt', 'program'])),
    () => (input.overwrittenAt?.parameters === undefined ? null : clockProblem(input.overwrittenAt.parameters, ['overwrittenAt', 'parameters'])),
  ];
  for (const check of checks) {
    const problem = check();
    if (problem) return problem;
  }
  return null;
}
