/**
 * What the rack builder shows (lesson 4): the menus, and for a chosen CPU, unit and connection
 * route, every function's availability, the Secure Comm verdict and the replacement advice.
 * The answers come from machines/catalog/catalog.ts (checkCombination, functionsOffered,
 * secureCommPossibility, replacementAdvice); this module only names and orders them for display.
 */
import {
  AVAILABILITY,
  type AvailabilityTable,
  availabilityText,
  COMM_UNIT_IDS,
  COMM_UNITS,
  type CombinationCheck,
  CPU_MODEL_IDS,
  CPU_MODELS,
  checkCombination,
  functionsOffered,
  type ReplacementAdvice,
  replacementAdvice,
  type SecureCommPossibility,
  secureCommPossibility,
} from '../../../machines/catalog/catalog.ts';
import { type CommUnitId, type CpuModelId, FUNCTION_IDS, type FunctionId, type LocalPort } from '../../../machines/model.ts';
import { FUNCTIONS } from '../../../machines/catalog/threats.ts';

/** How the Support Software reaches the rack, for the Secure Comm check (§2-1-1 conditions). */
export type ConnectionRoute = 'same-network' | 'other-network' | LocalPort;

/** What the learner picked. `unit` null = the CPU Unit alone. */
export interface RackSelection {
  cpu: CpuModelId;
  unit: CommUnitId | null;
  route: ConnectionRoute;
}

/** The rack the builder starts with: a CJ2H with a CJ1W-EIP21S, reached over its own network. */
export const DEFAULT_RACK: RackSelection = { cpu: 'CJ2H', unit: 'CJ1W-EIP21S', route: 'same-network' };

/** A menu entry. */
export interface MenuOption<V extends string> {
  value: V;
  label: string;
}

/** The value the unit menu uses for "no unit" (a select cannot carry null). */
export const NO_UNIT = 'none';

/** CPU menu: every model of §1-5, CS first, with its series. */
export const CPU_OPTIONS: readonly MenuOption<CpuModelId>[] = CPU_MODEL_IDS.map((id) => ({
  value: id,
  label: `${CPU_MODELS[id].label} (${CPU_MODELS[id].series}-series: ${CPU_MODELS[id].modelNumbers.join(', ')})`,
}));

/** Route menu: the network cases and the local ports §2-1-1 names. */
export const ROUTE_OPTIONS: readonly MenuOption<ConnectionRoute>[] = [
  { value: 'same-network', label: "Ethernet, from the unit's own network" },
  { value: 'other-network', label: 'Ethernet, from another network (through a router)' },
  { value: 'usb', label: 'USB port of the CPU Unit' },
  { value: 'peripheral', label: 'Peripheral port of the CPU Unit' },
  { value: 'serial', label: 'Serial port of the CPU Unit' },
];

/**
 * Unit menu for a CPU: "none" first, then every unit. Units that do not fit the CPU stay
 * selectable so the learner can see why (checkCombination); their label says they do not fit.
 */
export function unitOptions(cpu: CpuModelId): MenuOption<CommUnitId | typeof NO_UNIT>[] {
  return [
    { value: NO_UNIT, label: 'No communication unit (CPU Unit alone)' },
    ...COMM_UNIT_IDS.map((id) => ({
      value: id,
      label: checkCombination(cpu, id).ok ? COMM_UNITS[id].label : `${COMM_UNITS[id].label} (does not fit a ${CPU_MODELS[cpu].label})`,
    })),
  ];
}

/** The result of reading a selection from form values. */
export type SelectionParse = { ok: true; selection: RackSelection } | { ok: false; error: string };

/** Reads a selection from raw menu values; an unknown value is an error naming the menu and its choices. */
export function parseRackSelection(raw: { cpu: string; unit: string; route: string }): SelectionParse {
  const cpu = CPU_MODEL_IDS.find((id) => id === raw.cpu);
  if (cpu === undefined) {
    return { ok: false, error: `cpu: "${raw.cpu}" is not a CPU model; choose one of ${CPU_MODEL_IDS.join(', ')}.` };
  }
  const unit = raw.unit === NO_UNIT ? null : COMM_UNIT_IDS.find((id) => id === raw.unit);
  if (unit === undefined) {
    return {
      ok: false,
      error: `unit: "${raw.unit}" is not a communication unit; choose "${NO_UNIT}" or one of ${COMM_UNIT_IDS.join(', ')}.`,
    };
  }
  const route = ROUTE_OPTIONS.find((o) => o.value === raw.route)?.value;
  if (route === undefined) {
    return {
      ok: false,
      error: `route: "${raw.route}" is not a connection route; choose one of ${ROUTE_OPTIONS.map((o) => o.value).join(', ')}.`,
    };
  }
  return { ok: true, selection: { cpu, unit, route } };
}

/**
 * How one function stands on the chosen rack:
 * - 'cpu-only': the CPU Unit gives it by itself;
 * - 'with-eip21s': the mounted EIP21S gives it;
 * - 'missing': this rack does not have it;
 * - 'not-stated': the guideline's tables do not say.
 */
export type OfferKind = 'cpu-only' | 'with-eip21s' | 'missing' | 'not-stated';

/** Short words for each kind, for the table's status column. */
export const OFFER_KIND_LABELS: Readonly<Record<OfferKind, string>> = {
  'cpu-only': 'Yes: CPU Unit alone',
  'with-eip21s': 'Yes: with the EIP21S',
  missing: 'No',
  'not-stated': 'Not stated',
};

/** One row of the rack builder's function table. */
export interface OfferRow {
  id: FunctionId;
  title: string;
  /** The function's own section, e.g. "§2-3-1". */
  section: string;
  kind: OfferKind;
  kindLabel: string;
  /** Why, in plain words (from functionsOffered). */
  reason: string;
  /** The section behind the reason. */
  reasonSection: string;
}

/** Everything the rack builder shows for one selection. */
export interface RackView {
  selection: RackSelection;
  cpuLabel: string;
  unitLabel: string | null;
  /** Whether the unit can be mounted on the CPU, and why not. */
  combination: CombinationCheck;
  /** The twelve functions in §1-3 order. */
  rows: OfferRow[];
  /** How many rows are 'cpu-only' or 'with-eip21s'. */
  offeredCount: number;
  secureComm: SecureCommPossibility;
  advice: ReplacementAdvice;
}

/** The kind of a function on a rack: functionsOffered says whether, AVAILABILITY says through what. */
function offerKind(cpu: CpuModelId, fn: FunctionId, offered: boolean | 'not-stated'): OfferKind {
  if (offered === 'not-stated') return 'not-stated';
  if (!offered) return 'missing';
  return AVAILABILITY[cpu][fn] === 'cpu-only' ? 'cpu-only' : 'with-eip21s';
}

/** Computes what the rack builder shows for a selection. */
export function rackView(selection: RackSelection): RackView {
  const { cpu, route } = selection;
  const unit = selection.unit ?? undefined;
  const offers = functionsOffered(cpu, unit);
  const rows = FUNCTION_IDS.map((id): OfferRow => {
    const offer = offers[id];
    const kind = offerKind(cpu, id, offer.offered);
    return {
      id,
      title: FUNCTIONS[id].title,
      section: FUNCTIONS[id].section,
      kind,
      kindLabel: OFFER_KIND_LABELS[kind],
      reason: offer.reason,
      reasonSection: offer.section,
    };
  });
  const via = route === 'same-network' || route === 'other-network' ? 'network' : route;
  return {
    selection,
    cpuLabel: CPU_MODELS[cpu].label,
    unitLabel: unit === undefined ? null : COMM_UNITS[unit].label,
    combination: checkCombination(cpu, unit),
    rows,
    offeredCount: rows.filter((r) => r.kind === 'cpu-only' || r.kind === 'with-eip21s').length,
    secureComm: secureCommPossibility(cpu, unit, via, route !== 'other-network'),
    advice: replacementAdvice(cpu, unit),
  };
}

/** The sentence announced when the selection changes. */
export function rackSummary(view: RackView): string {
  const rack = view.unitLabel === null ? `${view.cpuLabel} alone` : `${view.cpuLabel} with ${view.unitLabel}`;
  if (!view.combination.ok) return `${rack}: this combination cannot be built. ${view.combination.reason}`;
  return `${rack}: ${view.offeredCount} of ${view.rows.length} functions available. Secure Comm ${view.secureComm.possible ? 'possible' : 'not possible'}.`;
}

/** A network interface with no security functions (§1-4), and what to use instead. */
export interface UnprotectedInterface {
  name: string;
  /** What replacementAdvice() says to fit instead, per CPU it fits; "nothing" where no upgrade exists. */
  instead: string;
  section: string;
}

/** The unit replacementAdvice() tells a rack to fit (add or replace), if any. */
function advisedUnit(cpu: CpuModelId, unit?: CommUnitId): CommUnitId | null {
  const step = replacementAdvice(cpu, unit).steps.find((s) => s.kind === 'replace-unit' || s.kind === 'add-unit');
  return step?.unit ?? null;
}

/** Joins labels as prose: "A", "A or B", "A, B or C". */
function orList(labels: readonly string[]): string {
  return labels.length < 2 ? labels.join('') : `${labels.slice(0, -1).join(', ')} or ${labels[labels.length - 1]}`;
}

/** Groups CPUs by the advised unit: "fit a CJ1W-EIP21S on a CP1H; no unit upgrade exists for a CP1L or CP1E". */
function insteadText(cpus: readonly CpuModelId[], unitOf: (cpu: CpuModelId) => CommUnitId | null): string {
  const groups = new Map<CommUnitId | null, string[]>();
  for (const cpu of cpus) {
    const advised = unitOf(cpu);
    groups.set(advised, [...(groups.get(advised) ?? []), CPU_MODELS[cpu].label]);
  }
  return [...groups]
    .map(([advised, labels]) =>
      advised === null ? `no unit upgrade exists for a ${orList(labels)}` : `fit a ${advised} on a ${orList(labels)}`,
    )
    .join('; ');
}

/**
 * The interfaces without security functions: the units COMM_UNITS marks so (§1-4; the CP1W-CIF41
 * by table §1-5-2) and the CJ2 built-in EtherNet/IP ports (§1-4), each with what
 * replacementAdvice() says to fit instead on the CPUs it goes with.
 */
export function unprotectedInterfaces(): UnprotectedInterface[] {
  const units = COMM_UNIT_IDS.filter((id) => !COMM_UNITS[id].hasSecurityFunctions).map((id) => ({
    name: COMM_UNITS[id].label,
    instead: insteadText(
      CPU_MODEL_IDS.filter((cpu) => checkCombination(cpu, id).ok),
      (cpu) => advisedUnit(cpu, id),
    ),
    section: COMM_UNITS[id].kind === 'option-board' ? '§1-5-2' : '§1-4',
  }));
  const ports = CPU_MODEL_IDS.filter((id) => CPU_MODELS[id].builtInEtherNetIp).map((id) => ({
    name: `Built-in EtherNet/IP port of the ${CPU_MODELS[id].label} (${CPU_MODELS[id].modelNumbers.join(', ')})`,
    instead: insteadText([id], (cpu) => advisedUnit(cpu)),
    section: '§1-4',
  }));
  return [...units, ...ports];
}

/** One cell of a §1-5 table as displayed. */
export interface AvailabilityCellView {
  text: string;
  kind: 'cpu-only' | 'with-eip21s' | 'none' | 'not-stated';
}

/** A §1-5 table ready to render: headings, and per row the function, its section and cell texts. */
export interface AvailabilityTableView {
  section: string;
  title: string;
  /** `models` lists the CPU models a column covers, or is empty when the heading names its only one. */
  columns: { heading: string; models: string }[];
  rows: { id: FunctionId; label: string; section: string; cells: AvailabilityCellView[] }[];
}

/** Shapes TABLE_1_5_1 or TABLE_1_5_2 for display; cell texts come from availabilityText(). */
export function availabilityTableView(table: AvailabilityTable): AvailabilityTableView {
  return {
    section: table.section,
    title: table.title,
    columns: table.columns.map((c) => {
      const labels = c.models.map((m) => CPU_MODELS[m].label);
      // A one-model column already names its model in the heading ("CP1H CPU Unit").
      return { heading: c.heading, models: labels.every((l) => c.heading.includes(l)) ? '' : labels.join(', ') };
    }),
    rows: table.rows.map((row) => ({
      id: row.function,
      label: row.label,
      section: FUNCTIONS[row.function].section,
      cells: row.cells.map((cell, i) => ({ text: availabilityText(cell, table.columns[i]?.unit ?? null), kind: cell })),
    })),
  };
}
