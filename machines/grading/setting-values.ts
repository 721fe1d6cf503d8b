/**
 * What kind of value each learner setting holds (machines/lab.ts SETTING_PATHS) — the one
 * answer contract. The lab CLI's zod schema (src/schemas/lab.ts `settingValueSchema`), the
 * browser's draft reader (src/labs/draft.ts) and the grader (`checkAnswer`) all ask this
 * table, so a value one of them accepts the others accept too, and none of them crashes on a
 * value of the wrong type.
 *
 * It checks the value's shape and vocabulary only (a boolean, a role, an IPv4 address, a list
 * that fits the unit's table). Whether the unit takes the value (a weak password, a duplicate
 * rule, the last administrator removed) is the unit's own rule, reported when it refuses.
 *
 * Plain TypeScript: no zod, so the lab page's script stays small.
 */
import { CPU_MODEL_IDS, COMM_UNIT_IDS } from '../catalog/catalog.ts';
import { FILTER_TABLE_SIZE, MAX_USERS } from '../eip/eip21s.machine.ts';
import { parseIPv4, parseMask } from '../eip/ip-address.ts';
import { SETTING_PATHS, type SettingPath, settingPathsUnder } from './lab.ts';
import {
  alternatives,
  FINS_NODE_RANGE,
  type FieldPath,
  type FieldProblem,
  MAX_EXCLUDED_NODES,
  MAX_TASK_ID,
  OPERATING_MODES,
  ROLES,
} from '../model.ts';

/** A check of one value at `at`: its problems, none when it is fine. */
type Check = (value: unknown, at: FieldPath) => FieldProblem[];

const ok: FieldProblem[] = [];
const fail = (at: FieldPath, message: string): FieldProblem[] => [{ path: at, message }];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A JSON value in a message, short. */
function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

const bool =
  (words: string): Check =>
  (v, at) =>
    typeof v === 'boolean' ? ok : fail(at, `give ${words}`);

const text =
  (what: string, nonEmpty = false): Check =>
  (v, at) =>
    typeof v !== 'string' ? fail(at, `give ${what} as text`) : nonEmpty && v.trim() === '' ? fail(at, `write ${what}`) : ok;

const nullable =
  (check: Check): Check =>
  (v, at) =>
    v === null ? ok : check(v, at);

const oneOf =
  (values: readonly string[], what: string): Check =>
  (v, at) =>
    values.includes(v as string) ? ok : fail(at, `${shown(v)} is not ${what}: use ${alternatives(values)}`);

const wholeNumber =
  (what: string, min: number, max: number): Check =>
  (v, at) =>
    Number.isInteger(v) && (v as number) >= min && (v as number) <= max ? ok : fail(at, `${shown(v)} is not ${what}: give a whole number ${min}–${max}`);

/** A list of items, at most `max` long. */
const listOf =
  (item: Check, what: string, max?: { count: number; why: string }): Check =>
  (v, at) => {
    if (!Array.isArray(v)) return fail(at, `give ${what} as a list`);
    if (max && v.length > max.count) return fail(at, `${max.why} (${v.length} given)`);
    return v.flatMap((x, i) => item(x, [...at, i]));
  };

/** An object with exactly these fields, each required. */
const fields =
  (shape: Record<string, Check>, what: string): Check =>
  (v, at) => {
    if (!isRecord(v)) return fail(at, `give ${what} as an object { ${Object.keys(shape).join(', ')} }`);
    const stray = Object.keys(v).filter((k) => !Object.hasOwn(shape, k));
    const problems = stray.map((k) => ({ path: [...at, k], message: `unknown field "${k}" of ${what}: remove it` }));
    for (const [key, check] of Object.entries(shape)) {
      problems.push(...(Object.hasOwn(v, key) ? check(v[key], [...at, key]) : fail([...at, key], `required: add the ${key} of ${what}`)));
    }
    return problems;
  };

const address =
  (parse: typeof parseIPv4): Check =>
  (v, at) => {
    if (typeof v !== 'string') return fail(at, 'give the address as dotted text, e.g. 192.168.250.2');
    const parsed = parse(v);
    return parsed.ok ? ok : fail(at, parsed.error);
  };

const NODES = `${FINS_NODE_RANGE.min}–${FINS_NODE_RANGE.max}`;

const finsNodes = listOf(wholeNumber('a FINS node number', FINS_NODE_RANGE.min, FINS_NODE_RANGE.max), `FINS node numbers (${NODES})`, {
  count: MAX_EXCLUDED_NODES,
  why: `at most ${MAX_EXCLUDED_NODES} nodes can be excluded`,
});

const taskPasswords: Check = (v, at) => {
  if (!isRecord(v)) return fail(at, 'give the passwords by task number, e.g. { "0": "Pa55word" }');
  return Object.entries(v).flatMap(([key, password]) =>
    /^\d+$/.test(key) && Number(key) <= MAX_TASK_ID
      ? text('the task password')(password, [...at, key])
      : fail([...at, key], `"${key}" is not a task number: task passwords are keyed by task number 0–${MAX_TASK_ID}`),
  );
};

const task = fields({ id: wholeNumber('a task number', 0, MAX_TASK_ID), name: text('the task name', true), code: text('the task code') }, 'a task');
const user = fields({ name: text('the user name', true), role: oneOf(ROLES, 'an operation authority'), password: text('the password', true) }, 'a user');
const rule = fields({ ip: address(parseIPv4), mask: address(parseMask) }, 'a filter rule');
const ONOFF = 'true (ON) or false (OFF)';
const USE = 'true (Use) or false (Not use)';

/** The check of each finest setting. */
const SETTING_CHECKS: Readonly<Record<SettingPath, Check>> = {
  'hardware.cpu': oneOf(CPU_MODEL_IDS, 'a CPU model'),
  'hardware.unit': nullable(oneOf(COMM_UNIT_IDS, 'a communication unit (or null for none)')),
  'cpu.plcName': nullable(text('the PLC name (or null for none)')),
  'cpu.dipWriteProtect': bool(ONOFF),
  'cpu.memoryCardAutoLoad': bool(ONOFF),
  'cpu.umPassword': nullable(text('the UM password (or null for none)')),
  'cpu.taskPasswords': taskPasswords,
  'cpu.prohibitOverwrite': bool('true or false'),
  'cpu.finsWriteProtection.enabled': bool('true or false'),
  'cpu.finsWriteProtection.excludedNodes': finsNodes,
  'cpu.program.tasks': listOf(task, 'the tasks'),
  'cpu.program.lotGuard': nullable(text('the lot number the program checks (or null for none)')),
  'cpu.mode': oneOf(OPERATING_MODES, 'an operating mode'),
  'eip.users': listOf(user, 'the users', { count: MAX_USERS, why: `the EIP21S holds at most ${MAX_USERS} users` }),
  'eip.filter.enabled': bool(USE),
  'eip.filter.rules': listOf(rule, 'the filter rules', { count: FILTER_TABLE_SIZE, why: `the IP packet filter holds at most ${FILTER_TABLE_SIZE} rules` }),
  'eip.ports.cipMessageServer': bool(USE),
  'eip.ports.finsUdp': bool(USE),
  'eip.ports.finsTcp': bool(USE),
  'eip.ports.ftpServer': bool(USE),
  'eip.ports.snmp': bool(USE),
  'eip.snmpCommunity': text('the SNMP community name'),
};

function isLeaf(path: string): path is SettingPath {
  return (SETTING_PATHS as readonly string[]).includes(path);
}

/** Whether `path` names a setting or a group of settings ("eip.ports") an answer may give. */
export function isSettingKey(path: string): boolean {
  return settingPathsUnder(path).length > 0;
}

/**
 * What is wrong with `value` as the value of the setting (or group of settings) at `path`, each
 * problem with its place inside the value; empty when it is fine. A group is an object of some
 * of its settings ({ enabled, rules } for "eip.filter"). Undefined when `path` is no setting.
 */
export function settingValueProblems(path: string, value: unknown): FieldProblem[] | undefined {
  if (!isSettingKey(path)) return undefined;
  const check = (p: string, v: unknown, at: FieldPath): FieldProblem[] => {
    if (isLeaf(p)) return SETTING_CHECKS[p](v, at);
    if (!isRecord(v)) return fail(at, `give an object of some of: ${childKeys(p).join(', ')}`);
    return Object.entries(v).flatMap(([key, part]) =>
      isSettingKey(`${p}.${key}`) ? check(`${p}.${key}`, part, [...at, key]) : fail([...at, key], `"${key}" is not a setting of ${p}: use ${alternatives(childKeys(p))}`),
    );
  };
  return check(path, value, []);
}

/** The next keys under a group: "eip.filter" → enabled, rules. */
function childKeys(group: string): string[] {
  return [...new Set(settingPathsUnder(group).map((p) => p.slice(group.length + 1).split('.')[0] ?? ''))];
}
