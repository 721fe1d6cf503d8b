/**
 * What exists (§1-4, §1-5): the CPU models and communication units the course covers, which
 * of them fit together, and which security functions a given rack offers. Pure data and
 * lookups; the request path and the labs read it, nothing here changes state.
 */
import type { CommUnitId, CpuModelId, FunctionId, LocalPort } from '../model.ts';
import { FUNCTION_IDS } from '../model.ts';
import { FUNCTIONS } from './threats.ts';

/** The three CPU Unit families. */
export type CpuSeries = 'CS' | 'CJ' | 'CP';

/** A user's manual from the guideline's list of related manuals. */
export type ManualNo = 'W339' | 'W405' | 'W473' | 'W614' | 'W450' | 'W462' | 'W480';

/** What the course knows about one CPU model. */
export interface CpuModelInfo {
  id: CpuModelId;
  series: CpuSeries;
  /** A short human name for menus and traces. */
  label: string;
  /** Catalogue model numbers this id stands for (□ = any digit or letter). */
  modelNumbers: readonly string[];
  /** True for the CJ2 models with a built-in EtherNet/IP port — a port with no security functions (§1-4). */
  builtInEtherNetIp: boolean;
  /** The user's manual that describes this CPU's own security functions (guideline's manuals list). */
  manual: ManualNo;
}

/**
 * The CPU models of §1-5. Model numbers the guideline itself prints: CS1G/H-CPU□□H (manuals
 * list), CJ2H-CPU6□-EIP and CJ2M-CPU3□ (§1-4). ASSUMPTION: the other model-number patterns are
 * illustrative, from OMRON's public catalogue naming, not from the guideline. CP variants with a
 * plain built-in Ethernet port are not modelled apart: network access to a CP is through the
 * CP1W-CIF41 option board or (CP1H) a CJ1W-EIP21S.
 */
export const CPU_MODELS: Readonly<Record<CpuModelId, CpuModelInfo>> = {
  'CS1G/H': {
    id: 'CS1G/H',
    series: 'CS',
    label: 'CS1G/CS1H',
    modelNumbers: ['CS1G-CPU□□H', 'CS1H-CPU□□H'],
    builtInEtherNetIp: false,
    manual: 'W339',
  },
  CS1D: {
    id: 'CS1D',
    series: 'CS',
    label: 'CS1D (duplex)',
    modelNumbers: ['CS1D-CPU□□H'],
    builtInEtherNetIp: false,
    manual: 'W405',
  },
  CJ2H: {
    id: 'CJ2H',
    series: 'CJ',
    label: 'CJ2H',
    modelNumbers: ['CJ2H-CPU6□'],
    builtInEtherNetIp: false,
    manual: 'W473',
  },
  'CJ2H-EIP': {
    id: 'CJ2H-EIP',
    series: 'CJ',
    label: 'CJ2H with built-in EtherNet/IP',
    modelNumbers: ['CJ2H-CPU6□-EIP'],
    builtInEtherNetIp: true,
    manual: 'W473',
  },
  CJ2M: {
    id: 'CJ2M',
    series: 'CJ',
    label: 'CJ2M',
    modelNumbers: ['CJ2M-CPU1□'],
    builtInEtherNetIp: false,
    manual: 'W473',
  },
  'CJ2M-EIP': {
    id: 'CJ2M-EIP',
    series: 'CJ',
    label: 'CJ2M with built-in EtherNet/IP',
    modelNumbers: ['CJ2M-CPU3□'],
    builtInEtherNetIp: true,
    manual: 'W473',
  },
  CP1H: {
    id: 'CP1H',
    series: 'CP',
    label: 'CP1H',
    modelNumbers: ['CP1H-X□□□□-□', 'CP1H-XA□□□□-□', 'CP1H-Y□□□□-□'],
    builtInEtherNetIp: false,
    manual: 'W450',
  },
  CP1L: {
    id: 'CP1L',
    series: 'CP',
    label: 'CP1L',
    modelNumbers: ['CP1L-L□□D□-□', 'CP1L-M□□D□-□', 'CP1L-EL□□D□-□', 'CP1L-EM□□D□-□'],
    builtInEtherNetIp: false,
    manual: 'W462',
  },
  CP1E: {
    id: 'CP1E',
    series: 'CP',
    label: 'CP1E',
    modelNumbers: ['CP1E-E□□D□-□', 'CP1E-N□□D□-□', 'CP1E-NA20D□-□'],
    builtInEtherNetIp: false,
    manual: 'W480',
  },
  CP2E: {
    id: 'CP2E',
    series: 'CP',
    label: 'CP2E',
    modelNumbers: ['CP2E-E□□D□-□', 'CP2E-S□□D□-□', 'CP2E-N□□D□-□'],
    builtInEtherNetIp: false,
    manual: 'W614',
  },
};

/** Every CPU model id, CS first, in the order of the §1-5 tables. */
export const CPU_MODEL_IDS: readonly CpuModelId[] = Object.keys(CPU_MODELS) as CpuModelId[];

/** What the course knows about one communication unit or option board. */
export interface CommUnitInfo {
  id: CommUnitId;
  /** A short human name. */
  label: string;
  /** The family it belongs to: CS1W units mount on CS racks, CJ1W on CJ, CP1W boards on CP. */
  series: CpuSeries;
  /** An EtherNet/IP Unit on the rack's bus, or an option board in a CP slot. */
  kind: 'eip-unit' | 'option-board';
  /** Only the EIP21S units carry the network security functions (§1-4). */
  hasSecurityFunctions: boolean;
  /**
   * The unit to fit instead, for units without security functions: the EIP21S of the same
   * series (§1-4). Null when there is nothing to advise or no direct replacement exists.
   */
  replacement: CommUnitId | null;
}

/**
 * The units of §1-4 and §2-1-1 d. ASSUMPTION: the CP1W-CIF41 has no security functions — the
 * guideline never lists one for it, table §1-5-2 gives CP1L/CP1E/CP2E (which use it) no network
 * function, and §2-1-1 d rules out Secure Comm through it.
 */
export const COMM_UNITS: Readonly<Record<CommUnitId, CommUnitInfo>> = {
  'CS1W-EIP21S': {
    id: 'CS1W-EIP21S',
    label: 'CS1W-EIP21S EtherNet/IP Unit',
    series: 'CS',
    kind: 'eip-unit',
    hasSecurityFunctions: true,
    replacement: null,
  },
  'CJ1W-EIP21S': {
    id: 'CJ1W-EIP21S',
    label: 'CJ1W-EIP21S EtherNet/IP Unit',
    series: 'CJ',
    kind: 'eip-unit',
    hasSecurityFunctions: true,
    replacement: null,
  },
  'CS1W-EIP21': {
    id: 'CS1W-EIP21',
    label: 'CS1W-EIP21 EtherNet/IP Unit',
    series: 'CS',
    kind: 'eip-unit',
    hasSecurityFunctions: false,
    replacement: 'CS1W-EIP21S',
  },
  'CJ1W-EIP21': {
    id: 'CJ1W-EIP21',
    label: 'CJ1W-EIP21 EtherNet/IP Unit',
    series: 'CJ',
    kind: 'eip-unit',
    hasSecurityFunctions: false,
    replacement: 'CJ1W-EIP21S',
  },
  'CP1W-CIF41': {
    id: 'CP1W-CIF41',
    label: 'CP1W-CIF41 Ethernet Option Board',
    series: 'CP',
    kind: 'option-board',
    hasSecurityFunctions: false,
    // Only a CP1H can take an EIP21S instead; replacementAdvice() says so per CPU.
    replacement: null,
  },
};

/** Every communication unit id. */
export const COMM_UNIT_IDS: readonly CommUnitId[] = Object.keys(COMM_UNITS) as CommUnitId[];

/** Whether a CPU and a unit can form one rack. */
export type CombinationCheck = { ok: true } | { ok: false; reason: string };

/**
 * Which units each CPU accepts.
 * - CS CPUs take CS1W units, CJ CPUs take CJ1W units (§1-4, table §1-5-1).
 * - CP1H takes a CJ1W-EIP21S (table §1-5-2, §2-1-1 d).
 *   ASSUMPTION: it also takes the CJ1W-EIP21 (no S) — the guideline is silent; a CP1H mounts
 *   CJ-series units through its CJ unit adapter, and allowing it lets a lesson show the
 *   "no security functions" case on a CP1H too.
 * - ASSUMPTION: CP1H, CP1L and CP1E take the CP1W-CIF41 (§2-1-1 d places it on a CP-series
 *   CPU without saying which); CP2E takes no unit in this course.
 */
const ACCEPTS: Readonly<Record<CpuModelId, readonly CommUnitId[]>> = {
  'CS1G/H': ['CS1W-EIP21S', 'CS1W-EIP21'],
  CS1D: ['CS1W-EIP21S', 'CS1W-EIP21'],
  CJ2H: ['CJ1W-EIP21S', 'CJ1W-EIP21'],
  'CJ2H-EIP': ['CJ1W-EIP21S', 'CJ1W-EIP21'],
  CJ2M: ['CJ1W-EIP21S', 'CJ1W-EIP21'],
  'CJ2M-EIP': ['CJ1W-EIP21S', 'CJ1W-EIP21'],
  CP1H: ['CJ1W-EIP21S', 'CJ1W-EIP21', 'CP1W-CIF41'],
  CP1L: ['CP1W-CIF41'],
  CP1E: ['CP1W-CIF41'],
  CP2E: [],
};

/** Checks that `unit` can be mounted with `cpu`; a CPU alone is always a valid rack. */
export function checkCombination(cpu: CpuModelId, unit?: CommUnitId): CombinationCheck {
  if (unit === undefined) return { ok: true };
  const accepted = ACCEPTS[cpu];
  if (accepted.includes(unit)) return { ok: true };
  const cpuLabel = CPU_MODELS[cpu].label;
  const unitLabel = COMM_UNITS[unit].label;
  const fix =
    accepted.length === 0
      ? `The ${cpuLabel} takes no communication unit in this course: remove the unit.`
      : `Choose one of: ${accepted.join(', ')}.`;
  return { ok: false, reason: `The ${unitLabel} cannot be mounted on a ${cpuLabel} CPU Unit. ${fix}` };
}

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
function inSentence(fn: FunctionId): string {
  const title = FUNCTIONS[fn].title;
  return /^[A-Z]{2}/.test(title) ? title : title.charAt(0).toLowerCase() + title.slice(1);
}

/** The section of table §1-5 covering `cpu`. */
function tableSection(cpu: CpuModelId): '§1-5-1' | '§1-5-2' {
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

/** Whether Secure Comm can carry a Support Software connection to this rack. */
export interface SecureCommPossibility {
  possible: boolean;
  reason: string;
  section: '§2-1-1';
}

/**
 * §2-1-1 conditions 1–3 and counter-examples a–d, for a connection made `via` the network or a
 * local port, from the same Ethernet network as the unit or (`sameNetwork` false) from beyond it.
 * Condition 2 (the tool) and condition 3 (users stored in the unit) depend on the unit's
 * settings, which the EIP21S checks itself; the positive answer names them.
 */
export function secureCommPossibility(
  cpu: CpuModelId,
  unit: CommUnitId | undefined,
  via: 'network' | LocalPort,
  sameNetwork = true,
): SecureCommPossibility {
  const no = (reason: string): SecureCommPossibility => ({ possible: false, reason, section: '§2-1-1' });
  const cpuInfo = CPU_MODELS[cpu];
  if (via !== 'network') {
    // Example c: USB, peripheral and serial ports never carry Secure Comm.
    return no(`Secure Comm only runs through the EtherNet/IP unit; a ${via === 'usb' ? 'USB' : via} port connection cannot use it.`);
  }
  if (unit === undefined) {
    if (cpuInfo.builtInEtherNetIp) {
      // Example d: the CJ2 built-in EtherNet/IP port.
      return no(`The built-in EtherNet/IP port of the ${cpuInfo.label} cannot do Secure Comm; connect through an EIP21S.`);
    }
    return no(`The ${cpuInfo.label} has no EtherNet/IP unit, and Secure Comm needs one (condition 1).`);
  }
  const combination = checkCombination(cpu, unit);
  if (!combination.ok) return no(combination.reason);
  if (unit === 'CP1W-CIF41') {
    // Example d: an Ethernet option board on a CP CPU.
    return no('A CP1W-CIF41 option board cannot do Secure Comm.');
  }
  if (!COMM_UNITS[unit].hasSecurityFunctions) {
    // Example a: an EtherNet/IP Unit other than the EIP21S.
    return no(`The ${COMM_UNITS[unit].label} is not an EIP21S, so it cannot do Secure Comm.`);
  }
  if (cpuInfo.series === 'CP') {
    // Example d: a CJ1W-EIP21S mounted on a CP1H.
    return no('A CJ1W-EIP21S on a CP1H cannot do Secure Comm.');
  }
  if (!sameNetwork) {
    // Example b: beyond the Ethernet network the unit belongs to.
    return no("The connection comes from beyond the EtherNet/IP unit's own Ethernet network, which Secure Comm cannot cross.");
  }
  return {
    possible: true,
    reason: `The ${COMM_UNITS[unit].label} can do Secure Comm, provided the connection is made with CX-Programmer, PLC Backup Tool or the EIP21S User Management Tool and user authentication settings are stored in the unit.`,
    section: '§2-1-1',
  };
}

/** One thing to do to a rack, and why. */
export interface AdviceStep {
  kind: 'remove-unit' | 'add-unit' | 'replace-unit' | 'use-cpu-function' | 'outside-measures';
  /** The unit to add, fit instead, or remove, for unit steps. */
  unit?: CommUnitId;
  /** The CPU functions to use, for 'use-cpu-function'. */
  functions?: FunctionId[];
  /** What to do and why, in plain words. */
  text: string;
  /** The guideline section(s) behind the step, comma-separated when several. */
  section: string;
}

/** Advice for a rack: a one-line summary and the steps. */
export interface ReplacementAdvice {
  summary: string;
  steps: AdviceStep[];
}

const OUTSIDE_MEASURES =
  'Cover what the hardware cannot with measures of your own: the human/process and physical layer measures of the Security Guideline for Factory Automation System (P162), and a firewall between the control network and the IT network.';

/** The CPU's own protections, as one step. */
function cpuFunctionsStep(cpu: CpuModelId): AdviceStep {
  const own = FUNCTION_IDS.filter((fn) => AVAILABILITY[cpu][fn] === 'cpu-only');
  const titles = own.map(inSentence).join(', ');
  return {
    kind: 'use-cpu-function',
    functions: own,
    text: `Turn on what the ${CPU_MODELS[cpu].label} provides by itself: ${titles}.`,
    section: tableSection(cpu),
  };
}

/**
 * What to add or replace on a rack to get the network security functions, and why; for
 * racks where no EIP21S option exists, which CPU functions and outside measures remain.
 */
export function replacementAdvice(cpu: CpuModelId, unit?: CommUnitId): ReplacementAdvice {
  const cpuInfo = CPU_MODELS[cpu];
  const steps: AdviceStep[] = [];
  const combination = checkCombination(cpu, unit);
  const mounted = combination.ok ? unit : undefined;
  if (unit !== undefined && !combination.ok) {
    steps.push({ kind: 'remove-unit', unit, text: combination.reason, section: '§1-4' });
  }

  if (cpuInfo.series === 'CS' || cpuInfo.series === 'CJ') {
    const eip21s: CommUnitId = cpuInfo.series === 'CS' ? 'CS1W-EIP21S' : 'CJ1W-EIP21S';
    const gives =
      'Secure Comm, IP packet filtering, port closing, user authentication, operation authority and the operation log';
    if (mounted === eip21s) {
      steps.push(cpuFunctionsStep(cpu));
      return { summary: `Nothing to replace: the ${eip21s} already gives this rack every network function.`, steps };
    }
    if (mounted !== undefined) {
      steps.push({
        kind: 'replace-unit',
        unit: eip21s,
        text: `Replace the ${COMM_UNITS[mounted].label} with a ${eip21s}: the old unit has no security functions, the EIP21S adds ${gives}.`,
        section: '§1-4',
      });
    } else if (cpuInfo.builtInEtherNetIp) {
      // ASSUMPTION: the guideline says to use these CPUs with an EIP21S; we also advise leaving
      // the unprotected built-in port off the plant network, since it would bypass the unit.
      steps.push({
        kind: 'add-unit',
        unit: eip21s,
        text: `Add a ${eip21s} and connect the network through it, leaving the built-in port unconnected: the built-in EtherNet/IP port has no security functions, the EIP21S adds ${gives}.`,
        section: '§1-4',
      });
    } else {
      steps.push({
        kind: 'add-unit',
        unit: eip21s,
        text: `Add a ${eip21s} for network access: it adds ${gives}.`,
        section: tableSection(cpu),
      });
    }
    steps.push(cpuFunctionsStep(cpu));
    return { summary: `Fit a ${eip21s} to protect the network side of this ${cpuInfo.label}.`, steps };
  }

  if (cpu === 'CP1H') {
    if (mounted !== 'CJ1W-EIP21S') {
      steps.push({
        kind: mounted === undefined ? 'add-unit' : 'replace-unit',
        unit: 'CJ1W-EIP21S',
        text:
          mounted === undefined
            ? 'Add a CJ1W-EIP21S for network access: on a CP1H it gives IP packet filtering and port closing.'
            : `Replace the ${COMM_UNITS[mounted].label} with a CJ1W-EIP21S: on a CP1H it gives IP packet filtering and port closing.`,
        section: '§1-5-2',
      });
    }
    steps.push(cpuFunctionsStep(cpu));
    steps.push({
      kind: 'outside-measures',
      text: `Secure Comm, user authentication, operation authority and the operation log are not available on a CP1H even with the EIP21S. ${OUTSIDE_MEASURES}`,
      section: '§2-1-1, §2-3-1, §2-4-1, §2-6-1',
    });
    return {
      summary:
        mounted === 'CJ1W-EIP21S'
          ? 'Nothing to replace: the CJ1W-EIP21S gives a CP1H all the network functions it can have.'
          : 'Fit a CJ1W-EIP21S for IP filtering and port closing; the rest of the protection comes from the CPU and your own measures.',
      steps,
    };
  }

  // CP1L, CP1E, CP2E: table §1-5-2 offers no EIP21S combination at all.
  steps.push(cpuFunctionsStep(cpu));
  const missing = cpu === 'CP1L' ? 'FINS write protection (§2-5-3)' : 'DIP switch write protection (§2-5-1) and FINS write protection (§2-5-3)';
  steps.push({
    kind: 'outside-measures',
    text: `No EIP21S can be fitted to a ${cpuInfo.label}, so it has no network security functions, and it lacks ${missing}. ${OUTSIDE_MEASURES}`,
    section: cpu === 'CP1L' ? '§1-5-2, §2-5-3' : '§1-5-2, §2-5-1, §2-5-3',
  });
  return {
    summary: `No unit upgrade exists for the ${cpuInfo.label}: use its own protections and protect it from outside.`,
    steps,
  };
}
