/** The CPU models and communication units the course covers (§1-4), and which of them fit together. */

import type { CommUnitId, CpuModelId } from '../model.ts';

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
