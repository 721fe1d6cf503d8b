import { describe, expect, it } from 'vitest';
import { TABLE_1_5_1, TABLE_1_5_2 } from '../../../machines/catalog.ts';
import { FUNCTION_IDS } from '../../../machines/model.ts';
import { FUNCTIONS, STRIDE } from '../../../machines/threats.ts';
import { functionProfile, markedThreats } from '../../../src/lib/sim/profile.ts';

describe('function profile', () => {
  it('§1-3 every function shows its layer, purpose and the STRIDE marks of its section', () => {
    for (const id of FUNCTION_IDS) {
      const p = functionProfile(id);
      const marks = FUNCTIONS[id].stride;
      expect(p.purpose).toBe(FUNCTIONS[id].purpose);
      if (marks === 'not-stated') expect(p.stride).toBeNull();
      else expect(p.stride?.map((c) => c.marked)).toEqual(STRIDE.map((l) => marks[l]));
    }
  });

  it('§2-2-1 the filter is marked against tampering, information disclosure and denial of service', () => {
    expect(markedThreats('ip-filter')).toBe('tampering, information disclosure and denial of service');
    expect(markedThreats('operation-authority')).toMatch(/no threat table/);
  });

  it('§1-5 the availability rows are the tables\' rows, and the overwrite time has none', () => {
    const p = functionProfile('ip-filter');
    expect(p.tables.map((t) => t.section)).toEqual(['§1-5-1', '§1-5-2']);
    const cj = TABLE_1_5_1.rows.find((r) => r.function === 'ip-filter');
    expect(p.tables[0]?.cells.map((c) => c.availability)).toEqual(cj?.cells);
    const cp = TABLE_1_5_2.rows.find((r) => r.function === 'ip-filter');
    expect(p.tables[1]?.cells.map((c) => c.availability)).toEqual(cp?.cells);
    expect(p.tables[1]?.cells[0]?.text).toBe('Available in combination with CJ1W-EIP21S');
    expect(functionProfile('overwrite-time').tables).toEqual([]);
  });
});
