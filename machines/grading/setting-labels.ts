/**
 * The words a learner reads for each setting and each part of the state the grader checks:
 * written once here, so the workbench's "You changed…" line, the grader's reasons and the CLI
 * never show a dotted path such as `cpu.program.lotGuard`. Labels are noun phrases that sit
 * mid-sentence ("the lot number the program checks is not set").
 */
import { PORT_LABELS } from '../eip/eip-labels.ts';
import { type INTENTS, PORT_KEYS } from '../model.ts';
import type { SettingPath } from './lab.ts';

/** Every learner setting (lab.ts SETTING_PATHS) in words. */
export const SETTING_LABELS: Readonly<Record<SettingPath, string>> = {
  'hardware.cpu': 'the CPU Unit model',
  'hardware.unit': 'the communications unit',
  'cpu.plcName': 'the PLC name',
  'cpu.dipWriteProtect': 'the DIP switch write protection pin',
  'cpu.memoryCardAutoLoad': 'the automatic transfer from the memory card at power-on',
  'cpu.umPassword': 'the UM read protection password',
  'cpu.taskPasswords': 'the task read protection passwords',
  'cpu.prohibitOverwrite': '"Prohibit from overwriting to a protected program"',
  'cpu.finsWriteProtection.enabled': 'FINS write protection',
  'cpu.finsWriteProtection.excludedNodes': 'the FINS nodes excluded from write protection',
  'cpu.program.tasks': "the program's tasks",
  'cpu.program.lotGuard': 'the lot number the program checks',
  'cpu.mode': 'the operating mode',
  'eip.users': 'the registered users',
  'eip.filter.enabled': 'the IP packet filter',
  'eip.filter.rules': 'the IP packet filter rules',
  ...(Object.fromEntries(PORT_KEYS.map((key) => [`eip.ports.${key}`, PORT_LABELS[key]])) as Record<`eip.ports.${(typeof PORT_KEYS)[number]}`, string>),
  'eip.snmpCommunity': 'the SNMP community name',
};

/** Parts of the state document that are not settings but that checks read (grader.ts stateDocument). */
const STATE_LABELS: Readonly<Record<string, string>> = {
  ...SETTING_LABELS,
  'cpu.controlRunning': 'the control logic running',
  'cpu.parameters': 'the PLC Setup',
  'cpu.program': 'the user program',
  'eip.userAuth': 'user management',
  'eip.ports': 'the TCP/IP services',
  'eip.filter': 'the IP packet filter',
  'cpu.finsWriteProtection': 'FINS write protection',
};

/**
 * A state path in words: its own label, or the nearest labelled parent with what lies under it
 * ("cpu.program.tasks.1.code" → "the code of task 1 of the program's tasks"), or, for a path no
 * label covers, its last name split into words — never the dotted path.
 */
export function stateLabel(path: string): string {
  const own = STATE_LABELS[path];
  if (own) return own;
  const parts = path.split('.');
  for (let n = parts.length - 1; n > 0; n--) {
    const parent = STATE_LABELS[parts.slice(0, n).join('.')];
    if (!parent) continue;
    const rest = parts.slice(n);
    const [index, field] = rest;
    if (path.startsWith('cpu.program.tasks.') && index !== undefined && /^\d+$/.test(index)) {
      return field ? `the ${words(field)} of task ${index}` : `task ${index}`;
    }
    if (index !== undefined && /^\d+$/.test(index)) {
      const entry = `entry ${Number(index) + 1} of ${parent}`;
      return field ? `the ${words(field)} of ${entry}` : entry;
    }
    return `the ${rest.map(words).reverse().join(' of the ')} of ${parent}`;
  }
  return `the ${words(parts.at(-1) ?? path)}`;
}

/** "excludedNodes" → "excluded nodes". */
function words(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** What a list entry must match, in words: `{ name: "k.tanaka", role: "designer" }` → 'name "k.tanaka" and role "designer"'. */
export function matchWords(match: Readonly<Record<string, unknown>>): string {
  return Object.entries(match)
    .map(([k, v]) => `${words(k)} ${valueWords(v)}`)
    .join(' and ');
}

/** A value from the state document in words: "not set", "on", "off", "none", "LOT42", or short JSON for lists and records. */
export function valueWords(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'not set';
  if (value === true) return 'on';
  if (value === false) return 'off';
  if (typeof value === 'string') return value === '' ? 'empty' : `"${value}"`;
  if (Array.isArray(value) && value.length === 0) return 'none';
  const json = JSON.stringify(value);
  return json.length > 120 ? `${json.slice(0, 117)}…` : json;
}

/** What a lab's traffic step is, by its intent, as a reason names it: "an attack", "the plant's own request". */
export const INTENT_WORDS: Readonly<Record<(typeof INTENTS)[number], string>> = {
  hostile: 'an attack',
  legitimate: "the plant's own request",
};
