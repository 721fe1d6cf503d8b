import { describe, expect, it } from 'vitest';
import {
  AVAILABILITY,
  availabilityText,
  COMM_UNIT_IDS,
  COMM_UNITS,
  CPU_MODEL_IDS,
  CPU_MODELS,
  checkCombination,
  functionsOffered,
  replacementAdvice,
  secureCommPossibility,
  TABLE_1_5_1,
  TABLE_1_5_2,
} from '../../../machines/catalog/catalog.ts';
import { type CommUnitId, type CpuModelId, FUNCTION_IDS } from '../../../machines/model.ts';
import { FUNCTIONS } from '../../../machines/catalog/threats.ts';
import {
  availabilityTableView,
  CPU_OPTIONS,
  NO_UNIT,
  OFFER_KIND_LABELS,
  parseRackSelection,
  ROUTE_OPTIONS,
  type RackSelection,
  rackSummary,
  rackView,
  unitOptions,
  unprotectedInterfaces,
} from './rack-view.ts';

/** Every CPU with no unit and with every unit, valid or not. */
const ALL_RACKS: { cpu: CpuModelId; unit: CommUnitId | null }[] = CPU_MODEL_IDS.flatMap((cpu) => [
  { cpu, unit: null },
  ...COMM_UNIT_IDS.map((unit) => ({ cpu, unit })),
]);

const rack = (cpu: CpuModelId, unit: CommUnitId | null, route: RackSelection['route'] = 'same-network') =>
  rackView({ cpu, unit, route });

describe('rack builder menus', () => {
  it('§1-5 offers every CPU model of the catalog', () => {
    expect(CPU_OPTIONS.map((o) => o.value)).toEqual([...CPU_MODEL_IDS]);
    for (const option of CPU_OPTIONS) expect(option.label).toContain(CPU_MODELS[option.value].label);
  });

  it('§1-4 offers every unit, marking those checkCombination rejects for the CPU', () => {
    for (const cpu of CPU_MODEL_IDS) {
      const options = unitOptions(cpu);
      expect(options.map((o) => o.value)).toEqual([NO_UNIT, ...COMM_UNIT_IDS]);
      for (const option of options.slice(1)) {
        const fits = checkCombination(cpu, option.value as CommUnitId).ok;
        expect(option.label.includes('does not fit')).toBe(!fits);
      }
    }
  });

  it('reads valid menu values, with "none" meaning the CPU alone', () => {
    expect(parseRackSelection({ cpu: 'CP1H', unit: NO_UNIT, route: 'usb' })).toEqual({
      ok: true,
      selection: { cpu: 'CP1H', unit: null, route: 'usb' },
    });
  });

  it('rejects unknown menu values, naming the menu and the choices', () => {
    const cases = [
      { raw: { cpu: 'CJ3', unit: NO_UNIT, route: 'usb' }, field: /^cpu: "CJ3".*CJ2H/ },
      { raw: { cpu: 'CJ2H', unit: 'EIP99', route: 'usb' }, field: /^unit: "EIP99".*CJ1W-EIP21S/ },
      { raw: { cpu: 'CJ2H', unit: NO_UNIT, route: 'wifi' }, field: /^route: "wifi".*same-network/ },
    ];
    for (const { raw, field } of cases) {
      const parsed = parseRackSelection(raw);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error).toMatch(field);
    }
    expect(ROUTE_OPTIONS.map((o) => o.value)).toEqual(['same-network', 'other-network', 'usb', 'peripheral', 'serial']);
  });
});

describe('rack view follows the catalog for every CPU and unit', () => {
  it('§1-5 shows every function with the reason and section functionsOffered gives', () => {
    for (const { cpu, unit } of ALL_RACKS) {
      const view = rack(cpu, unit);
      const offers = functionsOffered(cpu, unit ?? undefined);
      expect(view.rows.map((r) => r.id)).toEqual([...FUNCTION_IDS]);
      for (const row of view.rows) {
        const offer = offers[row.id];
        expect(row.title).toBe(FUNCTIONS[row.id].title);
        expect(row.section).toBe(FUNCTIONS[row.id].section);
        expect(row.reason).toBe(offer.reason);
        expect(row.reasonSection).toBe(offer.section);
        expect(row.kindLabel).toBe(OFFER_KIND_LABELS[row.kind]);
        // The kind restates "offered" and, for offered functions, the availability table's cell.
        if (offer.offered === 'not-stated') expect(row.kind).toBe('not-stated');
        else if (!offer.offered) expect(row.kind).toBe('missing');
        else expect(row.kind).toBe(AVAILABILITY[cpu][row.id]);
      }
      expect(view.offeredCount).toBe(Object.values(offers).filter((o) => o.offered === true).length);
    }
  });

  it('§1-4 explains a combination exactly as checkCombination does', () => {
    for (const { cpu, unit } of ALL_RACKS) {
      expect(rack(cpu, unit).combination).toEqual(checkCombination(cpu, unit ?? undefined));
    }
  });

  it('§1-4 gives the advice replacementAdvice gives', () => {
    for (const { cpu, unit } of ALL_RACKS) {
      expect(rack(cpu, unit).advice).toEqual(replacementAdvice(cpu, unit ?? undefined));
    }
  });

  it('§2-1-1 maps each connection route onto secureCommPossibility', () => {
    for (const { cpu, unit } of ALL_RACKS) {
      const u = unit ?? undefined;
      expect(rack(cpu, unit, 'same-network').secureComm).toEqual(secureCommPossibility(cpu, u, 'network', true));
      expect(rack(cpu, unit, 'other-network').secureComm).toEqual(secureCommPossibility(cpu, u, 'network', false));
      for (const port of ['usb', 'peripheral', 'serial'] as const) {
        expect(rack(cpu, unit, port).secureComm).toEqual(secureCommPossibility(cpu, u, port));
      }
    }
  });

  it('§2-3-1 §2-2-1 a CP1H with a CJ1W-EIP21S filters IP packets but has no user authentication', () => {
    const view = rack('CP1H', 'CJ1W-EIP21S');
    const kindOf = (id: string) => view.rows.find((r) => r.id === id)?.kind;
    expect(kindOf('ip-filter')).toBe('with-eip21s');
    expect(kindOf('user-auth')).toBe('missing');
    expect(view.secureComm.possible).toBe(false);
  });

  it('§1-4 a CJ2H with a CJ1W-EIP21 is told to replace it with the CJ1W-EIP21S', () => {
    const view = rack('CJ2H', 'CJ1W-EIP21');
    expect(view.advice.steps.some((s) => s.kind === 'replace-unit' && s.unit === 'CJ1W-EIP21S')).toBe(true);
    expect(view.rows.find((r) => r.id === 'user-auth')?.kind).toBe('missing');
  });

  it('the announced summary names the rack and its count, or why it cannot be built', () => {
    const ok = rack('CJ2H', 'CJ1W-EIP21S');
    expect(rackSummary(ok)).toContain(`${ok.offeredCount} of ${FUNCTION_IDS.length} functions`);
    const bad = rack('CP2E', 'CJ1W-EIP21S');
    expect(bad.combination.ok).toBe(false);
    if (!bad.combination.ok) expect(rackSummary(bad)).toContain(bad.combination.reason);
  });
});

describe('units without security functions', () => {
  it('§1-4 lists every unit the catalog marks unprotected and every CJ2 built-in port', () => {
    const list = unprotectedInterfaces();
    const units = COMM_UNIT_IDS.filter((id) => !COMM_UNITS[id].hasSecurityFunctions);
    const ports = CPU_MODEL_IDS.filter((id) => CPU_MODELS[id].builtInEtherNetIp);
    expect(list).toHaveLength(units.length + ports.length);
    for (const id of units) expect(list.some((i) => i.name === COMM_UNITS[id].label)).toBe(true);
    for (const id of ports) expect(list.some((i) => i.name.includes(CPU_MODELS[id].label))).toBe(true);
  });

  it('§1-4 names the replacement replacementAdvice gives', () => {
    for (const item of unprotectedInterfaces()) {
      const unit = COMM_UNIT_IDS.find((id) => COMM_UNITS[id].label === item.name);
      const cpus = unit
        ? CPU_MODEL_IDS.filter((cpu) => checkCombination(cpu, unit).ok)
        : CPU_MODEL_IDS.filter((cpu) => item.name.includes(CPU_MODELS[cpu].label));
      for (const cpu of cpus) {
        const step = replacementAdvice(cpu, unit).steps.find((s) => s.kind === 'replace-unit' || s.kind === 'add-unit');
        expect(item.instead).toContain(step?.unit ?? 'no unit upgrade exists');
      }
    }
  });
});

describe('guideline availability tables', () => {
  it.each([
    ['§1-5-1', TABLE_1_5_1],
    ['§1-5-2', TABLE_1_5_2],
  ] as const)('%s renders every row and cell of the catalog table', (_section, table) => {
    const view = availabilityTableView(table);
    expect(view.section).toBe(table.section);
    expect(view.columns.map((c) => c.heading)).toEqual(table.columns.map((c) => c.heading));
    table.columns.forEach((column, c) => {
      for (const model of column.models) {
        const shown = `${view.columns[c]?.heading} ${view.columns[c]?.models}`;
        expect(shown).toContain(CPU_MODELS[model].label);
      }
    });
    expect(view.rows.map((r) => r.id)).toEqual(table.rows.map((r) => r.function));
    view.rows.forEach((row, r) => {
      const source = table.rows[r];
      expect(row.label).toBe(source?.label);
      expect(row.section).toBe(FUNCTIONS[row.id].section);
      expect(row.cells).toHaveLength(table.columns.length);
      row.cells.forEach((cell, c) => {
        const availability = source?.cells[c];
        expect(cell.kind).toBe(availability);
        if (availability !== undefined) expect(cell.text).toBe(availabilityText(availability, table.columns[c]?.unit ?? null));
      });
    });
  });
});
