/**
 * What each security function is for: its layer and purpose (§1-3 table) and the STRIDE threats
 * its "Threats That Can Be Addressed" table in section 2 marks. Pure data, no logic beyond lookups.
 */
import { FUNCTION_IDS, type FunctionId, type Layer } from '../model.ts';

/** The six STRIDE threat categories, in the order the guideline's tables list them. */
export const STRIDE = ['S', 'T', 'R', 'I', 'D', 'E'] as const;

/** One STRIDE letter. */
export type StrideLetter = (typeof STRIDE)[number];

/** Full names of the STRIDE letters (the guideline's table headings, typo "Spoofting" fixed). */
export const STRIDE_NAMES: Readonly<Record<StrideLetter, string>> = {
  S: 'Spoofing',
  T: 'Tampering',
  R: 'Repudiation',
  I: 'Information disclosure',
  D: 'Denial of service',
  E: 'Elevation of privilege',
};

/** Which STRIDE threats a function addresses, or 'not-stated' when its section has no table. */
export type StrideMarks = Readonly<Record<StrideLetter, boolean>> | 'not-stated';

/** The purpose column of the §1-3 table. */
export type Purpose =
  | 'Protecting data on communication lines'
  | 'Blocking attacks from networks'
  | 'Preventing unauthorized connections'
  | 'Preventing unauthorized operations'
  | 'Protecting data'
  | 'Protecting control'
  | 'Preventing repudiation';

/** Everything the course needs to know about one security function. */
export interface FunctionInfo {
  id: FunctionId;
  /** The function's name as the guideline titles it. */
  title: string;
  /** The guideline section describing it, e.g. "§2-2-1". */
  section: string;
  /** Defense-in-depth layer (§1-3 table); the operation log is common to all layers. */
  layer: Layer;
  /** Why the function exists (§1-3 table, purpose column). */
  purpose: Purpose;
  /** STRIDE marks from the section's threat table. */
  stride: StrideMarks;
}

/** Builds a marks record from the letters that are marked "Yes". */
function marks(letters: string): Readonly<Record<StrideLetter, boolean>> {
  return {
    S: letters.includes('S'),
    T: letters.includes('T'),
    R: letters.includes('R'),
    I: letters.includes('I'),
    D: letters.includes('D'),
    E: letters.includes('E'),
  };
}

/** The twelve functions of the §1-3 table with their STRIDE marks from section 2. */
export const FUNCTIONS: Readonly<Record<FunctionId, FunctionInfo>> = {
  'secure-comm': {
    id: 'secure-comm',
    title: 'Secure communications',
    section: '§2-1-1',
    layer: 'network',
    purpose: 'Protecting data on communication lines',
    stride: marks('TID'), // §2-1-1 table
  },
  'ip-filter': {
    id: 'ip-filter',
    title: 'IP packet filtering',
    section: '§2-2-1',
    layer: 'network',
    purpose: 'Blocking attacks from networks',
    stride: marks('TID'), // §2-2-1 table
  },
  ports: {
    id: 'ports',
    title: 'Opening and closing the port',
    section: '§2-2-2',
    layer: 'network',
    purpose: 'Blocking attacks from networks',
    stride: marks('STID'), // §2-2-2 table
  },
  'user-auth': {
    id: 'user-auth',
    title: 'User authentication',
    section: '§2-3-1',
    layer: 'device',
    purpose: 'Preventing unauthorized connections',
    stride: marks('STRID'), // §2-3-1 table: every column but elevation of privilege
  },
  'plc-name': {
    id: 'plc-name',
    title: 'PLC names',
    section: '§2-3-2',
    layer: 'device',
    purpose: 'Preventing unauthorized connections',
    stride: marks('TID'), // §2-3-2 table
  },
  'operation-authority': {
    id: 'operation-authority',
    title: 'Operation authority verification',
    section: '§2-4-1',
    layer: 'function',
    purpose: 'Preventing unauthorized operations',
    stride: 'not-stated', // §2-4-1 has no threat table
  },
  'dip-switch': {
    id: 'dip-switch',
    title: 'Write protection using the DIP switch',
    section: '§2-5-1',
    layer: 'asset',
    purpose: 'Protecting data',
    stride: marks('T'), // §2-5-1 table
  },
  'read-protection': {
    id: 'read-protection',
    title: 'Read protection using a password',
    section: '§2-5-2',
    layer: 'asset',
    purpose: 'Protecting data',
    stride: marks('TI'), // §2-5-2 table
  },
  'fins-write-protection': {
    id: 'fins-write-protection',
    title: 'FINS write protection',
    section: '§2-5-3',
    layer: 'asset',
    purpose: 'Protecting data',
    stride: marks('T'), // §2-5-3 table
  },
  'lot-number': {
    id: 'lot-number',
    title: 'Operation protection using the production lot number',
    section: '§2-5-4',
    layer: 'asset',
    purpose: 'Protecting control',
    stride: marks('E'), // §2-5-4 table: elevation of privilege only
  },
  'overwrite-time': {
    id: 'overwrite-time',
    title: 'User data overwrite time',
    section: '§2-5-5',
    layer: 'asset',
    purpose: 'Protecting control',
    stride: marks('T'), // §2-5-5 table
  },
  'operation-log': {
    id: 'operation-log',
    title: 'Operation log',
    section: '§2-6-1',
    layer: 'common',
    purpose: 'Preventing repudiation',
    stride: marks('R'), // §2-6-1 table
  },
};

/** The functions in the order of the §1-3 table (network layer first, operation log last). */
export const FUNCTIONS_IN_ORDER: readonly FunctionInfo[] = FUNCTION_IDS.map((id) => FUNCTIONS[id]);

/**
 * The functions whose threat table marks `letter`, in §1-3 order. Functions without a table
 * (operation authority verification, §2-4-1) are never listed: the guideline does not say.
 */
export function functionsCountering(letter: StrideLetter): FunctionId[] {
  return FUNCTIONS_IN_ORDER.filter((f) => f.stride !== 'not-stated' && f.stride[letter]).map((f) => f.id);
}

/** The functions the §1-3 table places in `layer`, in table order. */
export function functionsInLayer(layer: Layer): FunctionId[] {
  return FUNCTIONS_IN_ORDER.filter((f) => f.layer === layer).map((f) => f.id);
}
