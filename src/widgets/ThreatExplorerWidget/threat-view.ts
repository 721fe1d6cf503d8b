/**
 * What the threat table shows (lesson 3): one row per security function with its layer and
 * STRIDE marks, the filters a learner can apply, and the sentence announced after filtering.
 * Everything is read from machines/catalog/threats.ts; this module only shapes it for display, so the
 * ThreatExplorer island and the static page render the same rows.
 */
import { type FunctionId, LAYERS, type Layer } from '../../../machines/model.ts';
import {
  FUNCTIONS_IN_ORDER,
  functionsCountering,
  functionsInLayer,
  STRIDE,
  STRIDE_NAMES,
  type StrideLetter,
} from '../../../machines/catalog/threats.ts';

/** Layers in the order the §1-3 table lists them (outermost first, the operation log last). */
export const LAYER_ORDER: readonly Layer[] = LAYERS;

/** How a layer is named in tables and menus (§1-3). */
export const LAYER_LABELS: Readonly<Record<Layer, string>> = {
  network: 'Network layer',
  device: 'Device layer',
  function: 'Function layer',
  asset: 'Asset layer',
  common: 'Common to all layers',
};

/** What a function without a threat table shows instead of marks. */
export const NOT_STATED_TEXT = 'Not stated in the guideline';

/** One STRIDE cell of a row. */
export interface ThreatCell {
  letter: StrideLetter;
  /** The threat's full name, for headers and accessible text. */
  name: string;
  /** True when the function's threat table marks this threat. */
  addressed: boolean;
  /** The cell's text: "Yes" or "No". */
  text: 'Yes' | 'No';
}

/** One row of the threat table. */
export interface ThreatRow {
  id: FunctionId;
  title: string;
  /** Guideline section of the function, e.g. "§2-2-1". */
  section: string;
  /** Where the section link goes (a lesson page), or null to show the section as plain text. */
  sectionHref: string | null;
  layer: Layer;
  layerLabel: string;
  purpose: string;
  /** Six cells in STRIDE order, or 'not-stated' when the function's section has no threat table. */
  cells: readonly ThreatCell[] | 'not-stated';
}

/** One STRIDE column heading. */
export interface ThreatColumn {
  letter: StrideLetter;
  name: string;
}

/** The six STRIDE columns in table order. */
export const THREAT_COLUMNS: readonly ThreatColumn[] = STRIDE.map((letter) => ({ letter, name: STRIDE_NAMES[letter] }));

/** Every function as a table row, in §1-3 order; `sectionHrefs` maps a section to its link. */
export function threatRows(sectionHrefs: Readonly<Record<string, string>> = {}): ThreatRow[] {
  return FUNCTIONS_IN_ORDER.map((f) => {
    const stride = f.stride;
    return {
      id: f.id,
      title: f.title,
      section: f.section,
      sectionHref: sectionHrefs[f.section] ?? null,
      layer: f.layer,
      layerLabel: LAYER_LABELS[f.layer],
      purpose: f.purpose,
      cells:
        stride === 'not-stated'
          ? 'not-stated'
          : STRIDE.map((letter) => ({
              letter,
              name: STRIDE_NAMES[letter],
              addressed: stride[letter],
              text: stride[letter] ? 'Yes' : 'No',
            })),
    };
  });
}

/** The learner's choice of rows: one threat (or all) and one layer (or all). */
export interface ThreatFilter {
  threat: StrideLetter | 'all';
  layer: Layer | 'all';
}

/** No filter: every function shows. */
export const NO_THREAT_FILTER: ThreatFilter = { threat: 'all', layer: 'all' };

/** A choice offered by a filter control. */
export interface FilterOption<V extends string> {
  value: V;
  label: string;
}

/** The threat choices, "any threat" first. */
export const THREAT_FILTER_OPTIONS: readonly FilterOption<StrideLetter | 'all'>[] = [
  { value: 'all', label: 'Any threat' },
  ...STRIDE.map((letter) => ({ value: letter, label: `${STRIDE_NAMES[letter]} (${letter})` })),
];

/** The layer choices, "every layer" first. */
export const LAYER_FILTER_OPTIONS: readonly FilterOption<Layer | 'all'>[] = [
  { value: 'all', label: 'Every layer' },
  ...LAYER_ORDER.map((layer) => ({ value: layer, label: LAYER_LABELS[layer] })),
];

/** The result of reading a filter from form values. */
export type FilterParse = { ok: true; filter: ThreatFilter } | { ok: false; error: string };

/** Reads a filter from raw form values; an unknown value is an error naming the field and the choices. */
export function parseThreatFilter(raw: { threat: string; layer: string }): FilterParse {
  const threat = THREAT_FILTER_OPTIONS.find((o) => o.value === raw.threat)?.value;
  if (threat === undefined) {
    return {
      ok: false,
      error: `threat: "${raw.threat}" is not a STRIDE letter; choose one of ${THREAT_FILTER_OPTIONS.map((o) => o.value).join(', ')}.`,
    };
  }
  const layer = LAYER_FILTER_OPTIONS.find((o) => o.value === raw.layer)?.value;
  if (layer === undefined) {
    return {
      ok: false,
      error: `layer: "${raw.layer}" is not a layer; choose one of ${LAYER_FILTER_OPTIONS.map((o) => o.value).join(', ')}.`,
    };
  }
  return { ok: true, filter: { threat, layer } };
}

/**
 * The functions a filter keeps, in §1-3 order. Threat filtering is functionsCountering() from
 * the machines, so a function without a threat table (§2-4-1) never matches a threat.
 */
export function visibleFunctionIds(filter: ThreatFilter): FunctionId[] {
  const byThreat = filter.threat === 'all' ? null : new Set(functionsCountering(filter.threat));
  const byLayer = filter.layer === 'all' ? null : new Set(functionsInLayer(filter.layer));
  return FUNCTIONS_IN_ORDER.map((f) => f.id).filter((id) => (byThreat?.has(id) ?? true) && (byLayer?.has(id) ?? true));
}

/** The rows a filter keeps, in table order. */
export function filterThreatRows(rows: readonly ThreatRow[], filter: ThreatFilter): ThreatRow[] {
  const keep = new Set(visibleFunctionIds(filter));
  return rows.filter((r) => keep.has(r.id));
}

/** The functions without a threat table that a threat filter leaves out although their layer matches. */
function unstatedLeftOut(filter: ThreatFilter): string[] {
  if (filter.threat === 'all') return [];
  return FUNCTIONS_IN_ORDER.filter(
    (f) => f.stride === 'not-stated' && (filter.layer === 'all' || f.layer === filter.layer),
  ).map((f) => `${f.title} is left out: its section (${f.section}) has no threat table.`);
}

/**
 * The sentence announced after filtering, e.g. "2 of the 12 functions counter spoofing in the
 * network layer." It mentions the functions left out because the guideline states no threats.
 */
export function filterSummary(filter: ThreatFilter, count: number): string {
  const total = FUNCTIONS_IN_ORDER.length;
  const where =
    filter.layer === 'all' ? '' : filter.layer === 'common' ? ' common to all layers' : ` in the ${filter.layer} layer`;
  const what =
    filter.threat === 'all'
      ? `Showing ${count} of ${total} functions${where}`
      : `${count} of the ${total} functions ${count === 1 ? 'counters' : 'counter'} ${STRIDE_NAMES[filter.threat].toLowerCase()}${where}`;
  return [`${what}.`, ...unstatedLeftOut(filter)].join(' ');
}

