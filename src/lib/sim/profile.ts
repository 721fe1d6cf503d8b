/**
 * "What it protects and where it exists" for a function lesson, straight from the machines:
 * layer and purpose (§1-3 table) and STRIDE marks (section 2 threat tables) from
 * machines/threats.ts, and the function's row of tables §1-5-1 and §1-5-2 from
 * machines/catalog.ts. Nothing here is retyped from the guideline.
 */
import { type Availability, availabilityText, TABLE_1_5_1, TABLE_1_5_2 } from '../../../machines/catalog.ts';
import type { FunctionId } from '../../../machines/model.ts';
import { FUNCTIONS, STRIDE, STRIDE_NAMES, type StrideLetter } from '../../../machines/threats.ts';
import { LAYER_LABELS } from './trace.ts';

/** One STRIDE column for the function. */
export interface StrideCell {
  letter: StrideLetter;
  name: string;
  /** True when the function's threat table marks it "Yes". */
  marked: boolean;
  /** The glossary entry for the threat. */
  href: string;
}

/** One model column of a §1-5 table, for this function. */
export interface AvailabilityCell {
  heading: string;
  availability: Availability;
  /** The text the guideline's cell shows ("Available in combination with CJ1W-EIP21S", "---"). */
  text: string;
}

/** Everything the profile panel shows. */
export interface FunctionProfile {
  id: FunctionId;
  title: string;
  section: string;
  layerLabel: string;
  purpose: string;
  /** Six cells in STRIDE order; null when the section has no threat table (§2-4-1). */
  stride: StrideCell[] | null;
  /** The function's row in §1-5-1 and §1-5-2; null for a table with no row for it (§2-5-5). */
  tables: { section: string; title: string; cells: AvailabilityCell[] }[];
}

function glossaryHref(name: string): string {
  return `/lessons/20-glossary/#${name.toLowerCase().replace(/\s+/g, '-')}`;
}

/** The profile of one function. */
export function functionProfile(id: FunctionId): FunctionProfile {
  const info = FUNCTIONS[id];
  const marks = info.stride;
  const stride =
    marks === 'not-stated'
      ? null
      : STRIDE.map((letter) => ({ letter, name: STRIDE_NAMES[letter], marked: marks[letter], href: glossaryHref(STRIDE_NAMES[letter]) }));
  const tables = [TABLE_1_5_1, TABLE_1_5_2].flatMap((table) => {
    const row = table.rows.find((r) => r.function === id);
    if (!row) return [];
    const cells = table.columns.map((column, i) => {
      const availability = row.cells[i] ?? 'not-stated';
      return { heading: column.heading, availability, text: availabilityText(availability, column.unit) };
    });
    return [{ section: table.section, title: table.title, cells }];
  });
  return { id, title: info.title, section: info.section, layerLabel: LAYER_LABELS[info.layer], purpose: info.purpose, stride, tables };
}

/** The threats a function is marked against, as a sentence ("tampering, information disclosure and denial of service"). */
export function markedThreats(id: FunctionId): string {
  const profile = functionProfile(id);
  if (!profile.stride) return 'no threats (its section has no threat table)';
  const names = profile.stride.filter((c) => c.marked).map((c) => c.name.toLowerCase());
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
