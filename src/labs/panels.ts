/**
 * Which settings panels a lab's workbench shows, and which of their settings the learner may
 * change. Every panel mirrors one screen of the real tools (CX-Programmer, the EIP21S settings,
 * the DIP switch on the CPU Unit); a lab puts the panels it is about first and editable, and
 * keeps the rest read-only under "Other settings", so the learner sees the whole unit without
 * being invited to change what the lab does not grade.
 */
import { decodeTimestamp } from '../../machines/cpu/bcd.ts';
import { COMM_UNITS } from '../../machines/catalog/catalog.ts';
import { AUX, readWords } from '../../machines/cpu/cpu-hardware.ts';
import { outOfBoxSettings } from '../../machines/eip/eip21s.machine.ts';
import { type SettingsDocument, valueAt } from '../../machines/grading/grader.ts';
import type { Answer, LabBody, SettingPath } from '../../machines/grading/lab.ts';
import { type CommUnitId, type FunctionId, PORT_KEYS } from '../../machines/model.ts';
import type { RackView } from '../../machines/request-path/request-path.ts';
import { editablePaths, settingValue } from './answer-edit.ts';

/** The workbench's settings panels. */
export const PANEL_IDS = ['hardware', 'filter', 'ports', 'users', 'plcName', 'protection', 'dip', 'fins', 'lotGuard', 'mode', 'clock'] as const;

/** One of the workbench's settings panels. */
export type PanelId = (typeof PANEL_IDS)[number];

/** What a panel is about. */
interface PanelSpec {
  title: string;
  /** Guideline sections the panel's settings come from. */
  sections: string[];
  /** The settings it shows. */
  paths: SettingPath[];
  /** The functions it belongs to: a lab exercising one of them shows the panel first. */
  functions: FunctionId[];
  /** Whether it needs an EIP21S in the rack. */
  needsEip: boolean;
}

const SPECS: Record<PanelId, PanelSpec> = {
  hardware: { title: 'Hardware', sections: ['§1-5'], paths: ['hardware.cpu', 'hardware.unit'], functions: [], needsEip: false },
  filter: { title: 'IP packet filter', sections: ['§2-2-1'], paths: ['eip.filter.enabled', 'eip.filter.rules'], functions: ['ip-filter'], needsEip: true },
  ports: {
    title: 'TCP/IP ports',
    sections: ['§2-2-2'],
    paths: [...PORT_KEYS.map((key) => `eip.ports.${key}` as const), 'eip.snmpCommunity'],
    functions: ['ports'],
    needsEip: true,
  },
  users: { title: 'User management', sections: ['§2-3-1', '§2-4-1'], paths: ['eip.users'], functions: ['user-auth', 'operation-authority', 'secure-comm'], needsEip: true },
  plcName: { title: 'PLC name', sections: ['§2-3-2'], paths: ['cpu.plcName'], functions: ['plc-name'], needsEip: false },
  protection: {
    title: 'PLC protection',
    sections: ['§2-5-2', '§2-5-1'],
    paths: ['cpu.umPassword', 'cpu.taskPasswords', 'cpu.prohibitOverwrite'],
    functions: ['read-protection'],
    needsEip: false,
  },
  dip: { title: 'DIP switch', sections: ['§2-5-1'], paths: ['cpu.dipWriteProtect', 'cpu.memoryCardAutoLoad'], functions: ['dip-switch'], needsEip: false },
  fins: {
    title: 'FINS write protection',
    sections: ['§2-5-3'],
    paths: ['cpu.finsWriteProtection.enabled', 'cpu.finsWriteProtection.excludedNodes'],
    functions: ['fins-write-protection'],
    needsEip: false,
  },
  lotGuard: { title: 'Lot-number guard', sections: ['§2-5-4'], paths: ['cpu.program.lotGuard'], functions: ['lot-number'], needsEip: false },
  mode: { title: 'Operating mode', sections: [], paths: ['cpu.mode'], functions: [], needsEip: false },
  clock: { title: 'Clock and overwrite times', sections: ['§2-5-5'], paths: [], functions: ['overwrite-time', 'operation-log'], needsEip: false },
};

/** A panel as one lab shows it. */
export interface PanelInfo {
  id: PanelId;
  title: string;
  sections: string[];
  /** The panel's settings the learner may change here (empty: read-only). */
  editable: SettingPath[];
  /** Shown first (the lab is about it, or lets the learner change it); others go under "Other settings". */
  primary: boolean;
}

/**
 * The panels a lab's workbench shows, in a fixed order: primary panels (editable, or belonging
 * to a function the lab exercises) and the read-only rest. Panels that need an EIP21S are left
 * out when the rack has none and the learner cannot fit one; the hardware and operating-mode
 * panels appear only when the lab lets the learner change them.
 */
export function workbenchPanels(lab: Pick<LabBody, 'editable' | 'functions'>, hasEip: boolean): PanelInfo[] {
  const editable = editablePaths(lab);
  const canFitEip = editable.has('hardware.unit');
  const out: PanelInfo[] = [];
  for (const id of PANEL_IDS) {
    const spec = SPECS[id];
    const mine = spec.paths.filter((p) => editable.has(p));
    if (spec.needsEip && !hasEip && !canFitEip) continue;
    if ((id === 'hardware' || id === 'mode') && mine.length === 0) continue;
    const primary = mine.length > 0 || spec.functions.some((f) => lab.functions.includes(f));
    out.push({ id, title: spec.title, sections: spec.sections, editable: mine, primary });
  }
  return out;
}

/** One Auxiliary Area timestamp (§2-5-5) as the monitor shows it. */
export interface AuxTimestamp {
  /** e.g. "A90–A93". */
  words: string;
  /** The four words as 4-digit hex ("0x3015"). */
  hex: string[];
  /** The decoded date and time ("2026-03-02 14:05:09"), or null when never written. */
  decoded: string | null;
  /** Why it could not be decoded, when the words are not a valid BCD time. */
  problem: string | null;
}

function timestamp(view: RackView, address: number): AuxTimestamp {
  const words = readWords(view.cpu.memory, 'A', address, 4);
  const hex = words.map((w) => `0x${w.toString(16).toUpperCase().padStart(4, '0')}`);
  const label = `A${address}–A${address + 3}`;
  if (words.every((w) => w === 0)) return { words: label, hex, decoded: null, problem: null };
  try {
    return { words: label, hex, decoded: decodeTimestamp(words).replace('T', ' ').replace(/Z$/, ''), problem: null };
  } catch (error) {
    return { words: label, hex, decoded: null, problem: (error as Error).message };
  }
}

/** What the clock and overwrite-time monitor shows (§2-5-5). */
export interface ClockMonitor {
  /** The CPU clock, "2026-03-02 14:05:09". */
  clock: string;
  /** A90–A93: when the user program was last overwritten. */
  program: AuxTimestamp;
  /** A94–A97: when the parameter area was last overwritten. */
  parameters: AuxTimestamp;
}

/** The CPU clock and the two overwrite timestamps of a rack view. */
export function clockMonitor(view: RackView): ClockMonitor {
  return {
    clock: view.cpu.clock.replace('T', ' ').replace(/(\.\d+)?Z$/, ''),
    program: timestamp(view, AUX.programOverwriteTime),
    parameters: timestamp(view, AUX.parameterOverwriteTime),
  };
}

/**
 * A setting's value as the panels show it: the learner's change, else the start. When the
 * learner has fitted an EIP21S the lab did not have (hardware.unit editable), its settings are
 * the out-of-box ones the grader gives a newly fitted unit (node 1).
 */
export function currentSetting(start: SettingsDocument, answer: Answer, path: SettingPath): unknown {
  const value = settingValue(start, answer, path);
  if (value !== undefined || !path.startsWith('eip.')) return value;
  return hasEipNow(start, answer) ? valueAt({ eip: outOfBoxSettings(1) }, path) : undefined;
}

/** Whether the rack, as the learner has it now, has an EIP21S (a unit with security functions). */
export function hasEipNow(start: SettingsDocument, answer: Answer): boolean {
  const unit = settingValue(start, answer, 'hardware.unit') as CommUnitId | null | undefined;
  return unit !== null && unit !== undefined && COMM_UNITS[unit]?.hasSecurityFunctions === true;
}
