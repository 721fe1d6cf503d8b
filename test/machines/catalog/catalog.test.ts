import { describe, expect, it } from 'vitest';
import * as catalog from '../../../machines/catalog/catalog.ts';
import type { CommUnitId, CpuModelId, FunctionId } from '../../../machines/model.ts';

// Tables §1-5-1 and §1-5-2 transcribed by hand, one letter per row in the guideline's row order:
// W = available in combination with the EIP21S, C = available with the CPU Unit only, - = "---".
const ROWS: readonly FunctionId[] = [
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
  'operation-log',
];
const COLUMNS: Record<string, { models: CpuModelId[]; cells: string }> = {
  'CS-series (§1-5-1)': { models: ['CS1G/H', 'CS1D'], cells: 'WWWW-WCCCCW' },
  'CJ-series (§1-5-1)': { models: ['CJ2H', 'CJ2H-EIP', 'CJ2M', 'CJ2M-EIP'], cells: 'WWWWCWCCCCW' },
  'CP1H (§1-5-2)': { models: ['CP1H'], cells: '-WW---CCCC-' },
  'CP1L (§1-5-2)': { models: ['CP1L'], cells: '------CC-C-' },
  'CP1E (§1-5-2)': { models: ['CP1E'], cells: '-------C-C-' },
  'CP2E (§1-5-2)': { models: ['CP2E'], cells: '-------C-C-' },
};
const LETTER: Record<string, catalog.Availability> = { W: 'with-eip21s', C: 'cpu-only', '-': 'none' };

describe('availability tables', () => {
  for (const [column, { models, cells }] of Object.entries(COLUMNS)) {
    for (const model of models) {
      it(`${column} ${model}: every cell matches the guideline`, () => {
        const got = ROWS.map((fn) => catalog.AVAILABILITY[model][fn]);
        expect(got).toEqual([...cells].map((c) => LETTER[c]));
      });
    }
  }

  it('§2-5-5 the overwrite time has no row in either table: not-stated for every model', () => {
    for (const model of catalog.CPU_MODEL_IDS) expect(catalog.AVAILABILITY[model]['overwrite-time']).toBe('not-stated');
  });

  it('§1-5 every model of the course appears in exactly one table column', () => {
    const listed = [...catalog.TABLE_1_5_1.columns, ...catalog.TABLE_1_5_2.columns].flatMap((c) => c.models);
    expect([...listed].sort()).toEqual([...catalog.CPU_MODEL_IDS].sort());
  });

  it('§1-5-1 and §1-5-2 rows are in the guideline order and render as the table prints them', () => {
    for (const table of [catalog.TABLE_1_5_1, catalog.TABLE_1_5_2]) expect(table.rows.map((r) => r.function)).toEqual(ROWS);
    const secure = catalog.TABLE_1_5_1.rows[0];
    const texts = catalog.TABLE_1_5_1.columns.map((col, i) => catalog.availabilityText(secure?.cells[i] ?? 'none', col.unit));
    expect(texts).toEqual(['CS1W-EIP21S', 'CJ1W-EIP21S'].map((unit) => `Available in combination with ${unit}`));
    const filter = catalog.TABLE_1_5_2.rows[1];
    const cp = catalog.TABLE_1_5_2.columns.map((col, i) => catalog.availabilityText(filter?.cells[i] ?? 'none', col.unit));
    expect(cp).toEqual(['Available in combination with CJ1W-EIP21S', '---', '---', '---']);
    expect(catalog.availabilityText('cpu-only', null)).toBe('Available with CPU Unit only');
  });
});

describe('models and units', () => {
  it('§1-4 only the EIP21S units have security functions; the EIP21 units name their replacement', () => {
    const secure = catalog.COMM_UNIT_IDS.filter((u) => catalog.COMM_UNITS[u].hasSecurityFunctions);
    expect(secure).toEqual(['CS1W-EIP21S', 'CJ1W-EIP21S']);
    expect(catalog.COMM_UNITS['CS1W-EIP21'].replacement).toBe('CS1W-EIP21S');
    expect(catalog.COMM_UNITS['CJ1W-EIP21'].replacement).toBe('CJ1W-EIP21S');
  });

  it('§1-4 the CJ2H-CPU6□-EIP and CJ2M-CPU3□ have a built-in EtherNet/IP port', () => {
    const builtIn = catalog.CPU_MODEL_IDS.filter((m) => catalog.CPU_MODELS[m].builtInEtherNetIp);
    expect(builtIn).toEqual(['CJ2H-EIP', 'CJ2M-EIP']);
    expect(catalog.CPU_MODELS['CJ2H-EIP'].modelNumbers).toContain('CJ2H-CPU6□-EIP');
    expect(catalog.CPU_MODELS['CJ2M-EIP'].modelNumbers).toContain('CJ2M-CPU3□');
  });

  it('each model names the user manual from the guideline list', () => {
    const manuals = Object.fromEntries(catalog.CPU_MODEL_IDS.map((m) => [m, catalog.CPU_MODELS[m].manual]));
    expect(manuals).toEqual({
      'CS1G/H': 'W339',
      CS1D: 'W405',
      CJ2H: 'W473',
      'CJ2H-EIP': 'W473',
      CJ2M: 'W473',
      'CJ2M-EIP': 'W473',
      CP1H: 'W450',
      CP1L: 'W462',
      CP1E: 'W480',
      CP2E: 'W614',
    });
  });
});

describe('checkCombination', () => {
  it.each<[CpuModelId, CommUnitId]>([
    ['CS1G/H', 'CS1W-EIP21S'],
    ['CS1D', 'CS1W-EIP21'],
    ['CJ2H', 'CJ1W-EIP21S'],
    ['CJ2M-EIP', 'CJ1W-EIP21'],
    ['CP1H', 'CJ1W-EIP21S'],
    ['CP1H', 'CP1W-CIF41'],
    ['CP1L', 'CP1W-CIF41'],
    ['CP1E', 'CP1W-CIF41'],
  ])('§1-4/§1-5 %s accepts %s', (cpu, unit) => {
    expect(catalog.checkCombination(cpu, unit)).toEqual({ ok: true });
  });

  it.each<[CpuModelId, CommUnitId]>([
    ['CS1G/H', 'CJ1W-EIP21S'],
    ['CJ2H', 'CS1W-EIP21S'],
    ['CJ2M', 'CP1W-CIF41'],
    ['CP1H', 'CS1W-EIP21S'],
    ['CP1L', 'CJ1W-EIP21S'],
    ['CP1E', 'CJ1W-EIP21S'],
    ['CP2E', 'CP1W-CIF41'],
  ])('§1-4/§1-5 %s refuses %s, naming both and the fix', (cpu, unit) => {
    const result = catalog.checkCombination(cpu, unit);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toContain(unit);
    expect(result.reason).toContain(catalog.CPU_MODELS[cpu].label);
    expect(result.reason).toMatch(/Choose one of|remove the unit/);
  });

  it('a CPU alone is always a valid rack', () => {
    for (const cpu of catalog.CPU_MODEL_IDS) expect(catalog.checkCombination(cpu)).toEqual({ ok: true });
  });
});

describe('functionsOffered', () => {
  it('§2-3-1 CJ2H + CJ1W-EIP21S offers user authentication', () => {
    const offer = catalog.functionsOffered('CJ2H', 'CJ1W-EIP21S')['user-auth'];
    expect(offer.offered).toBe(true);
    expect(offer.section).toBe('§2-3-1');
  });

  it('§1-4 CJ2H + CJ1W-EIP21 offers none of the unit functions and advises the EIP21S', () => {
    const offers = catalog.functionsOffered('CJ2H', 'CJ1W-EIP21');
    for (const fn of ['secure-comm', 'ip-filter', 'ports', 'user-auth', 'operation-authority', 'operation-log'] as const) {
      expect(offers[fn].offered).toBe(false);
      expect(offers[fn].section).toBe('§1-4');
      expect(offers[fn].reason).toContain('CJ1W-EIP21S');
    }
    expect(offers['dip-switch'].offered).toBe(true);
  });

  it('§1-4 the built-in EtherNet/IP port of a CJ2M-CPU3□ gives no IP filter', () => {
    const offer = catalog.functionsOffered('CJ2M-EIP')['ip-filter'];
    expect(offer.offered).toBe(false);
    expect(offer.section).toBe('§1-4');
    expect(offer.reason).toMatch(/built-in/);
  });

  it('§2-1-1 d, §2-3-1, §2-4-1, §2-6-1 CP1H + CJ1W-EIP21S: filter and ports only', () => {
    const offers = catalog.functionsOffered('CP1H', 'CJ1W-EIP21S');
    expect(offers['ip-filter'].offered).toBe(true);
    expect(offers.ports.offered).toBe(true);
    expect(offers['secure-comm']).toMatchObject({ offered: false, section: '§2-1-1' });
    expect(offers['user-auth']).toMatchObject({ offered: false, section: '§2-3-1' });
    expect(offers['operation-authority']).toMatchObject({ offered: false, section: '§2-4-1' });
    expect(offers['operation-log']).toMatchObject({ offered: false, section: '§2-6-1' });
    expect(offers['fins-write-protection'].offered).toBe(true);
  });

  it('§1-5-2 CP1H without an EIP21S has no IP filter; the CIF41 board does not add one', () => {
    expect(catalog.functionsOffered('CP1H')['ip-filter'].offered).toBe(false);
    expect(catalog.functionsOffered('CP1H', 'CP1W-CIF41')['ip-filter'].offered).toBe(false);
    expect(catalog.functionsOffered('CP1H', 'CP1W-CIF41')['ip-filter'].reason).toContain('CJ1W-EIP21S');
  });

  it('§2-5-1 CP1E and CP2E have no DIP switch write protection', () => {
    for (const cpu of ['CP1E', 'CP2E'] as const) {
      expect(catalog.functionsOffered(cpu)['dip-switch']).toMatchObject({ offered: false, section: '§2-5-1' });
    }
    expect(catalog.functionsOffered('CP1L')['dip-switch'].offered).toBe(true);
  });

  it('§2-5-3 CP1L, CP1E and CP2E have no FINS write protection', () => {
    for (const cpu of ['CP1L', 'CP1E', 'CP2E'] as const) {
      expect(catalog.functionsOffered(cpu, cpu === 'CP2E' ? undefined : 'CP1W-CIF41')['fins-write-protection']).toMatchObject({
        offered: false,
        section: '§2-5-3',
      });
    }
  });

  it('§1-5-1 PLC names: CJ-series only', () => {
    expect(catalog.functionsOffered('CJ2M')['plc-name'].offered).toBe(true);
    expect(catalog.functionsOffered('CS1D', 'CS1W-EIP21S')['plc-name'].offered).toBe(false);
  });

  it('§2-5-5 the overwrite time is not-stated on every rack, never guessed', () => {
    for (const cpu of catalog.CPU_MODEL_IDS) {
      expect(catalog.functionsOffered(cpu)['overwrite-time'].offered).toBe('not-stated');
    }
  });

  it('a unit that cannot be mounted gives nothing; the CPU functions remain', () => {
    const offers = catalog.functionsOffered('CS1G/H', 'CJ1W-EIP21S');
    expect(offers['user-auth'].offered).toBe(false);
    expect(offers['user-auth'].reason).toContain('cannot be mounted');
    expect(offers['read-protection'].offered).toBe(true);
  });

  it('§1-5 offers agree with the tables for every valid rack', () => {
    for (const cpu of catalog.CPU_MODEL_IDS) {
      for (const unit of [undefined, ...catalog.COMM_UNIT_IDS]) {
        if (!catalog.checkCombination(cpu, unit).ok) continue;
        const offers = catalog.functionsOffered(cpu, unit);
        for (const [fn, offer] of Object.entries(offers) as [FunctionId, { offered: unknown }][]) {
          const a = catalog.AVAILABILITY[cpu][fn];
          if (a === 'cpu-only') expect(offer.offered, `${cpu}+${unit} ${fn}`).toBe(true);
          if (a === 'none') expect(offer.offered, `${cpu}+${unit} ${fn}`).toBe(false);
          if (a === 'with-eip21s') {
            const hasS = unit !== undefined && catalog.COMM_UNITS[unit].hasSecurityFunctions;
            expect(offer.offered, `${cpu}+${unit} ${fn}`).toBe(hasS);
          }
        }
      }
    }
  });
});

describe('secureCommPossibility (§2-1-1)', () => {
  it('§2-1-1 conditions 1–3: a CS1G/H with a CS1W-EIP21S on the same network can', () => {
    const result = catalog.secureCommPossibility('CS1G/H', 'CS1W-EIP21S', 'network');
    expect(result.possible).toBe(true);
    expect(result.section).toBe('§2-1-1');
    expect(result.reason).toMatch(/user authentication settings/);
  });

  it('§2-1-1 a: an EtherNet/IP Unit other than the EIP21S cannot', () => {
    expect(catalog.secureCommPossibility('CJ2H', 'CJ1W-EIP21', 'network').possible).toBe(false);
    expect(catalog.secureCommPossibility('CS1D', 'CS1W-EIP21', 'network').reason).toMatch(/not an EIP21S/);
  });

  it('§2-1-1 b: a destination on a different network cannot', () => {
    const result = catalog.secureCommPossibility('CJ2H', 'CJ1W-EIP21S', 'network', false);
    expect(result.possible).toBe(false);
    expect(result.reason).toMatch(/beyond/);
  });

  it.each(['usb', 'peripheral', 'serial'] as const)('§2-1-1 c: a %s port connection cannot', (port) => {
    const result = catalog.secureCommPossibility('CJ2H', 'CJ1W-EIP21S', port);
    expect(result.possible).toBe(false);
    expect(result.reason).toMatch(/port/);
  });

  it.each<[CpuModelId, CommUnitId | undefined]>([
    ['CJ2H-EIP', undefined],
    ['CJ2M-EIP', undefined],
    ['CP1L', 'CP1W-CIF41'],
    ['CP1H', 'CP1W-CIF41'],
    ['CP1H', 'CJ1W-EIP21S'],
  ])('§2-1-1 d: %s with %s cannot', (cpu, unit) => {
    expect(catalog.secureCommPossibility(cpu, unit, 'network').possible).toBe(false);
  });

  it('§2-1-1 condition 1: a CPU with no EtherNet/IP unit at all cannot', () => {
    expect(catalog.secureCommPossibility('CJ2H', undefined, 'network').reason).toMatch(/condition 1/);
  });
});

describe('replacementAdvice', () => {
  it('§1-4 CJ2H + CJ1W-EIP21: replace the unit with a CJ1W-EIP21S', () => {
    const advice = catalog.replacementAdvice('CJ2H', 'CJ1W-EIP21');
    expect(advice.steps[0]).toMatchObject({ kind: 'replace-unit', unit: 'CJ1W-EIP21S', section: '§1-4' });
  });

  it('§1-4 CJ2M-CPU3□ alone: add a CJ1W-EIP21S and keep the built-in port off the network', () => {
    const advice = catalog.replacementAdvice('CJ2M-EIP');
    expect(advice.steps[0]).toMatchObject({ kind: 'add-unit', unit: 'CJ1W-EIP21S' });
    expect(advice.steps[0]?.text).toMatch(/built-in port/);
  });

  it('§1-5-1 CS1D + CS1W-EIP21S: nothing to replace', () => {
    const advice = catalog.replacementAdvice('CS1D', 'CS1W-EIP21S');
    expect(advice.summary).toMatch(/Nothing to replace/);
    expect(advice.steps.some((s) => s.kind === 'add-unit' || s.kind === 'replace-unit')).toBe(false);
  });

  it('§1-5-2 CP1L: no EIP21S option; DIP switch, read protection, lot number and P162 measures', () => {
    const advice = catalog.replacementAdvice('CP1L', 'CP1W-CIF41');
    expect(advice.steps.some((s) => s.kind === 'add-unit' || s.kind === 'replace-unit')).toBe(false);
    const own = advice.steps.find((s) => s.kind === 'use-cpu-function');
    expect(own?.functions).toEqual(['dip-switch', 'read-protection', 'lot-number']);
    const outside = advice.steps.find((s) => s.kind === 'outside-measures');
    expect(outside?.text).toMatch(/P162/);
    expect(outside?.text).toMatch(/physical/);
  });

  it('§2-5-1 CP1E: read protection and lot number only, no DIP switch', () => {
    const own = catalog.replacementAdvice('CP1E').steps.find((s) => s.kind === 'use-cpu-function');
    expect(own?.functions).toEqual(['read-protection', 'lot-number']);
  });

  it('§1-5-2 CP1H + CP1W-CIF41: replace with a CJ1W-EIP21S, and P162 for the rest', () => {
    const advice = catalog.replacementAdvice('CP1H', 'CP1W-CIF41');
    expect(advice.steps[0]).toMatchObject({ kind: 'replace-unit', unit: 'CJ1W-EIP21S' });
    expect(advice.steps.at(-1)).toMatchObject({ kind: 'outside-measures' });
  });

  it('a unit that cannot be mounted is to be removed first', () => {
    const advice = catalog.replacementAdvice('CS1G/H', 'CJ1W-EIP21S');
    expect(advice.steps[0]).toMatchObject({ kind: 'remove-unit', unit: 'CJ1W-EIP21S' });
    expect(advice.steps[1]).toMatchObject({ kind: 'add-unit', unit: 'CS1W-EIP21S' });
  });
});
