import { describe, expect, it } from 'vitest';
import type { FunctionId } from '../../../machines/model.ts';
import * as threats from '../../../machines/catalog/threats.ts';

// Transcribed by hand from each "Threats That Can Be Addressed" table in section 2, in STRIDE
// column order; a letter = "Yes", "-" = empty cell.
const EXPECTED_MARKS: ReadonlyArray<[FunctionId, string, string]> = [
  ['secure-comm', '§2-1-1', '-T-ID-'],
  ['ip-filter', '§2-2-1', '-T-ID-'],
  ['ports', '§2-2-2', 'ST-ID-'],
  ['user-auth', '§2-3-1', 'STRID-'],
  ['plc-name', '§2-3-2', '-T-ID-'],
  ['dip-switch', '§2-5-1', '-T----'],
  ['read-protection', '§2-5-2', '-T-I--'],
  ['fins-write-protection', '§2-5-3', '-T----'],
  ['lot-number', '§2-5-4', '-----E'],
  ['overwrite-time', '§2-5-5', '-T----'],
  ['operation-log', '§2-6-1', '--R---'],
];

describe('STRIDE marks', () => {
  it.each(EXPECTED_MARKS)('%s (%s) marks exactly %s', (id, section, expected) => {
    const info = threats.FUNCTIONS[id];
    expect(info.section).toBe(section);
    expect(info.stride).not.toBe('not-stated');
    const got = threats.STRIDE.map((letter) => (info.stride !== 'not-stated' && info.stride[letter] ? letter : '-')).join('');
    expect(got).toBe(expected);
  });

  it('§2-4-1 operation authority verification has no threat table: not-stated, never counted', () => {
    expect(threats.FUNCTIONS['operation-authority'].stride).toBe('not-stated');
    for (const letter of threats.STRIDE) expect(threats.functionsCountering(letter)).not.toContain('operation-authority');
  });

  it('STRIDE letters and names follow the table columns', () => {
    expect(threats.STRIDE.map((l) => threats.STRIDE_NAMES[l])).toEqual([
      'Spoofing',
      'Tampering',
      'Repudiation',
      'Information disclosure',
      'Denial of service',
      'Elevation of privilege',
    ]);
  });

  it.each<[threats.StrideLetter, FunctionId[]]>([
    ['S', ['ports', 'user-auth']],
    ['R', ['user-auth', 'operation-log']],
    ['E', ['lot-number']],
    ['D', ['secure-comm', 'ip-filter', 'ports', 'user-auth', 'plc-name']],
  ])('functionsCountering(%s) lists the marked functions in §1-3 order', (letter, expected) => {
    expect(threats.functionsCountering(letter)).toEqual(expected);
  });

  it('tampering is the threat most functions counter (9 of the 11 tables)', () => {
    const counts = threats.STRIDE.map((l) => threats.functionsCountering(l).length);
    expect(counts).toEqual([2, 9, 2, 6, 5, 1]);
  });
});

describe('§1-3 layers and purposes', () => {
  it('§1-3 functions are ordered as the table lists them', () => {
    expect(threats.FUNCTIONS_IN_ORDER.map((f) => f.id)).toEqual([
      'secure-comm',
      'ip-filter',
      'ports',
      'user-auth',
      'plc-name',
      'operation-authority',
      'dip-switch',
      'read-protection',
      'fins-write-protection',
      'lot-number',
      'overwrite-time',
      'operation-log',
    ]);
  });

  it.each([
    ['network', ['secure-comm', 'ip-filter', 'ports']],
    ['device', ['user-auth', 'plc-name']],
    ['function', ['operation-authority']],
    ['asset', ['dip-switch', 'read-protection', 'fins-write-protection', 'lot-number', 'overwrite-time']],
    ['common', ['operation-log']],
  ] as const)('§1-3 the %s layer holds %j', (layer, expected) => {
    expect(threats.functionsInLayer(layer)).toEqual(expected);
  });

  it('§1-3 the asset layer splits into protecting data and protecting control', () => {
    const byPurpose = (p: string) => threats.FUNCTIONS_IN_ORDER.filter((f) => f.purpose === p).map((f) => f.id);
    expect(byPurpose('Protecting data')).toEqual(['dip-switch', 'read-protection', 'fins-write-protection']);
    expect(byPurpose('Protecting control')).toEqual(['lot-number', 'overwrite-time']);
    expect(byPurpose('Preventing repudiation')).toEqual(['operation-log']);
    expect(byPurpose('Blocking attacks from networks')).toEqual(['ip-filter', 'ports']);
  });

  it('every function record is keyed by its own id', () => {
    for (const [key, info] of Object.entries(threats.FUNCTIONS)) expect(info.id).toBe(key);
  });
});
