/** Which security functions a rack offers: the §1-5 tables as data, and what they mean for one CPU and unit. */

import type { CommUnitId, CpuModelId, FunctionId } from '../model.ts';
import { FUNCTION_IDS } from '../model.ts';
import { FUNCTIONS } from './threats.ts';
import { CPU_MODELS, COMM_UNITS, checkCombination } from './models.ts';

/**
 * How a function is available on a CPU model (tables §1-5-1 and §1-5-2):
 * - 'cpu-only': the CPU Unit provides it by itself;
 * - 'with-eip21s': only with a CS1W/CJ1W-EIP21S mounted;
 * - 'none': the table shows "---";
 * - 'not-stated': the tables have no row for it (user data overwrite time, §2-5-5).
 */
export type Availability = 'cpu-only' | 'with-eip21s' | 'none' | 'not-stated';

/** One column of an availability table: the models it covers and the unit its cells name. */
export interface AvailabilityColumn {
  heading: string;
  models: readonly CpuModelId[];
  /** The EIP21S a 'with-eip21s' cell names, or null when no cell in the column needs one. */
  unit: CommUnitId | null;
}

/** One row of an availability table. */
export interface AvailabilityRow {
  function: FunctionId;
  /** The function's title, as the table lists it. */
  label: string;
  /** One cell per column, in column order. */
  cells: readonly Availability[];
}

/** A §1-5 table, in the guideline's row and column order, ready to render. */
export interface AvailabilityTable {
  section: '§1-5-1' | '§1-5-2';
  title: string;
  columns: readonly AvailabilityColumn[];
  rows: readonly AvailabilityRow[];
}

// Table rows follow the guideline: every function of §1-3 except the overwrite time (§2-5-5).
const TABLE_ROW_ORDER: readonly FunctionId[] = FUNCTION_IDS.filter((f) => f !== 'overwrite-time');

function tableRows(cells: Readonly<Partial<Record<FunctionId, readonly Availability[]>>>): AvailabilityRow[] {
  return TABLE_ROW_ORDER.map((fn) => {
    const row = cells[fn];
    if (!row) throw new Error(`catalog: table row for ${fn} is missing`);
    return { function: fn, label: FUNCTIONS[fn].title, cells: row };
  });
}

const W = 'with-eip21s';
const C = 'cpu-only';
const N = 'none';

/** Table §1-5-1: CS-series and CJ-series CPU Units. */
export const TABLE_1_5_1: AvailabilityTable = {
  section: '§1-5-1',
  title: 'CS/CJ-series CPU Units',
  columns: [
    { heading: 'CS-series CPU Unit', models: ['CS1G/H', 'CS1D'], unit: 'CS1W-EIP21S' },
    { heading: 'CJ-series CPU Unit', models: ['CJ2H', 'CJ2H-EIP', 'CJ2M', 'CJ2M-EIP'], unit: 'CJ1W-EIP21S' },
  ],
  rows: tableRows({
    'secure-comm': [W, W],
    'ip-filter': [W, W],
    ports: [W, W],
    'user-auth': [W, W],
    'plc-name': [N, C],
    'operation-authority': [W, W],
    'dip-switch': [C, C],
    'read-protection': [C, C],
    'fins-write-protection': [C, C],
    'lot-number': [C, C],
    'operation-log': [W, W],
  }),
};

/** Table §1-5-2: CP-series CPU Units, one column per model. */
export const TABLE_1_5_2: AvailabilityTable = {
  section: '§1-5-2',
  title: 'CP-series CPU Units',
  columns: [
    { heading: 'CP1H CPU Unit', models: ['CP1H'], unit: 'CJ1W-EIP21S' },
    { heading: 'CP1L CPU Unit', models: ['CP1L'], unit: null },
    { heading: 'CP1E CPU Unit', models: ['CP1E'], unit: null },
    { heading: 'CP2E CPU Unit', models: ['CP2E'], unit: null },
  ],
  rows: tableRows({
    'secure-comm': [N, N, N, N],
    'ip-filter': [W, N, N, N],
    ports: [W, N, N, N],
    'user-auth': [N, N, N, N],
    'plc-name': [N, N, N, N],
    'operation-authority': [N, N, N, N],
    'dip-switch': [C, C, N, N],
    'read-protection': [C, C, C, C],
    'fins-write-protection': [C, N, N, N],
    'lot-number': [C, C, C, C],
    'operation-log': [N, N, N, N],
  }),
};

/** The text a table cell shows for an availability (the unit named when one is needed). */
export function availabilityText(availability: Availability, unit: CommUnitId | null): string {
  switch (availability) {
    case 'cpu-only':
      return 'Available with CPU Unit only';
    case 'with-eip21s':
      return `Available in combination with ${unit ?? 'an EIP21S'}`;
    case 'none':
      return '---';
    case 'not-stated':
      return 'Not stated';
  }
}

function availabilityFromTables(): Record<CpuModelId, Record<FunctionId, Availability>> {
  const out = {} as Record<CpuModelId, Record<FunctionId, Availability>>;
  for (const table of [TABLE_1_5_1, TABLE_1_5_2]) {
    table.columns.forEach((column, col) => {
      for (const model of column.models) {
        // §2-5-5: neither table has a row for the overwrite time, so it stays 'not-stated'.
        const perFunction = { 'overwrite-time': 'not-stated' } as Record<FunctionId, Availability>;
        for (const row of table.rows) {
          const cell = row.cells[col];
          if (cell === undefined) throw new Error(`catalog: ${table.section} row ${row.function} lacks column ${col}`);
          perFunction[row.function] = cell;
        }
        out[model] = perFunction;
      }
    });
  }
  return out;
}

/**
 * Availability of every function on every CPU model, exactly as tables §1-5-1 (CS column for
 * CS1G/H and CS1D, CJ column for every CJ2) and §1-5-2 give it; 'not-stated' for the overwrite
 * time, which the tables omit.
 */
export const AVAILABILITY: Readonly<Record<CpuModelId, Readonly<Record<FunctionId, Availability>>>> =
  availabilityFromTables();

/** Whether a concrete rack offers a function, why, and where the guideline says so. */
export interface FunctionOffer {
  offered: boolean | 'not-stated';
  reason: string;
  section: string;
}

const CP1H_TOOL_LIMIT: Partial<Record<FunctionId, string>> = {
  'secure-comm': '§2-1-1',
  'user-auth': '§2-3-1',
  'operation-authority': '§2-4-1',
  'operation-log': '§2-6-1',
};

/** A function title for use mid-sentence: "IP packet filtering" stays, "Operation log" → "operation log". */
export function inSentence(fn: FunctionId): string {
  const title = FUNCTIONS[fn].title;
  return /^[A-Z]{2}/.test(title) ? title : title.charAt(0).toLowerCase() + title.slice(1);
}

/** The section of table §1-5 covering `cpu`. */
export function tableSection(cpu: CpuModelId): '§1-5-1' | '§1-5-2' {
  return CPU_MODELS[cpu].series === 'CP' ? '§1-5-2' : '§1-5-1';
}

/** Why a CPU-only function is missing, with the section that says it for this model when one does. */
function missingOnCpu(cpu: CpuModelId, fn: FunctionId): FunctionOffer {
  const label = CPU_MODELS[cpu].label;
  if (fn === 'plc-name' && CPU_MODELS[cpu].series === 'CS') {
    return { offered: false, reason: `Only CJ-series CPU Units register a PLC name; the ${label} has none.`, section: '§1-5-1' };
  }
  if (fn === 'dip-switch' && (cpu === 'CP1E' || cpu === 'CP2E')) {
    return { offered: false, reason: `The ${label} has no DIP switch write protection.`, section: '§2-5-1' };
  }
  if (fn === 'fins-write-protection' && CPU_MODELS[cpu].series === 'CP') {
    return { offered: false, reason: `The ${label} has no FINS write protection.`, section: '§2-5-3' };
  }
  return { offered: false, reason: `The ${label} does not offer ${inSentence(fn)}.`, section: tableSection(cpu) };
}

/** Whether a function that needs an EIP21S is offered by this rack's unit. */
function offerThroughUnit(cpu: CpuModelId, unit: CommUnitId | undefined, fn: FunctionId): FunctionOffer {
  const cpuInfo = CPU_MODELS[cpu];
  const title = FUNCTIONS[fn].title;
  const needed = cpuInfo.series === 'CS' ? 'CS1W-EIP21S' : 'CJ1W-EIP21S';
  if (unit === undefined) {
    if (cpuInfo.builtInEtherNetIp) {
      return {
        offered: false,
        reason: `The built-in EtherNet/IP port of the ${cpuInfo.label} has no security functions; mount a ${needed} to get ${inSentence(fn)}.`,
        section: '§1-4',
      };
    }
    return { offered: false, reason: `${title} needs a ${needed} mounted with the ${cpuInfo.label}.`, section: tableSection(cpu) };
  }
  const combination = checkCombination(cpu, unit);
  if (!combination.ok) return { offered: false, reason: combination.reason, section: '§1-4' };
  const unitInfo = COMM_UNITS[unit];
  if (!unitInfo.hasSecurityFunctions) {
    const instead = unitInfo.replacement ?? needed;
    return {
      offered: false,
      reason: `The ${unitInfo.label} has no security functions; replace it with a ${instead}.`,
      // §1-4 names the EIP21 units; the option board's lack of functions shows in table §1-5-2.
      section: unitInfo.kind === 'option-board' ? tableSection(cpu) : '§1-4',
    };
  }
  const reason =
    fn === 'operation-log'
      ? `The ${unitInfo.label} logs what users do in Secure Comm sessions.`
      : `The ${unitInfo.label} provides ${inSentence(fn)} for the ${cpuInfo.label}.`;
  return { offered: true, reason, section: FUNCTIONS[fn].section };
}

/**
 * For a concrete rack (a CPU and optionally one unit), which functions it offers, with a
 * plain-words reason and the section behind it. A unit that cannot be mounted on the CPU gives
 * none of the unit's functions (the reason says why); the CPU's own functions still count.
 */
export function functionsOffered(cpu: CpuModelId, unit?: CommUnitId): Record<FunctionId, FunctionOffer> {
  const out = {} as Record<FunctionId, FunctionOffer>;
  const label = CPU_MODELS[cpu].label;
  for (const fn of FUNCTION_IDS) {
    const availability = AVAILABILITY[cpu][fn];
    switch (availability) {
      case 'cpu-only':
        out[fn] = { offered: true, reason: `Built into the ${label} CPU Unit; no extra unit needed.`, section: tableSection(cpu) };
        break;
      case 'not-stated':
        out[fn] = {
          offered: 'not-stated',
          reason: 'The §1-5 tables have no row for this function, so the guideline does not say which models offer it.',
          section: FUNCTIONS[fn].section,
        };
        break;
      case 'with-eip21s':
        out[fn] = offerThroughUnit(cpu, unit, fn);
        break;
      case 'none': {
        const toolLimit = cpu === 'CP1H' ? CP1H_TOOL_LIMIT[fn] : undefined;
        const mountedEip21s = unit === 'CJ1W-EIP21S';
        out[fn] =
          toolLimit && mountedEip21s
            ? {
                offered: false,
                reason: `Even with a CJ1W-EIP21S, the CX-Programmer and PLC Backup Tool cannot use the ${inSentence(fn)} function on a CP1H.`,
                section: toolLimit,
              }
            : missingOnCpu(cpu, fn);
        break;
      }
    }
  }
  return out;
}
