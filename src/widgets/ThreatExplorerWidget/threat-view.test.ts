import { describe, expect, it } from 'vitest';
import { FUNCTION_IDS } from '../../../machines/model.ts';
import {
  FUNCTIONS,
  FUNCTIONS_IN_ORDER,
  functionsCountering,
  functionsInLayer,
  STRIDE,
  STRIDE_NAMES,
} from '../../../machines/catalog/threats.ts';
import {
  filterSummary,
  filterThreatRows,
  LAYER_FILTER_OPTIONS,
  LAYER_LABELS,
  LAYER_ORDER,
  NO_THREAT_FILTER,
  parseThreatFilter,
  THREAT_COLUMNS,
  THREAT_FILTER_OPTIONS,
  threatRows,
  visibleFunctionIds,
} from './threat-view.ts';
import { sectionLinks } from '../../course/course.ts';

const layersInData = [...new Set(FUNCTIONS_IN_ORDER.map((f) => f.layer))];

describe('threat table rows', () => {
  it('§1-3 lists every function once, in the table order of the machines', () => {
    expect(threatRows().map((r) => r.id)).toEqual(FUNCTIONS_IN_ORDER.map((f) => f.id));
    expect(new Set(threatRows().map((r) => r.id))).toEqual(new Set(FUNCTION_IDS));
  });

  it('§1-3 gives each row the title, section, layer and purpose of its function', () => {
    for (const row of threatRows()) {
      const f = FUNCTIONS[row.id];
      expect(row).toMatchObject({ title: f.title, section: f.section, layer: f.layer, purpose: f.purpose });
      expect(row.layerLabel).toBe(LAYER_LABELS[f.layer]);
    }
  });

  it('§2 threat tables: every STRIDE cell shows exactly the mark the machines hold', () => {
    for (const row of threatRows()) {
      const stride = FUNCTIONS[row.id].stride;
      if (stride === 'not-stated') {
        expect(row.cells).toBe('not-stated');
        continue;
      }
      expect(row.cells).not.toBe('not-stated');
      if (row.cells === 'not-stated') continue;
      expect(row.cells.map((c) => c.letter)).toEqual([...STRIDE]);
      for (const cell of row.cells) {
        expect(cell.addressed).toBe(stride[cell.letter]);
        expect(cell.text).toBe(stride[cell.letter] ? 'Yes' : 'No');
        expect(cell.name).toBe(STRIDE_NAMES[cell.letter]);
      }
    }
  });

  it('§2-4-1 operation authority verification has no marks: the guideline states none', () => {
    const row = threatRows().find((r) => r.id === 'operation-authority');
    expect(row?.cells).toBe('not-stated');
  });

  it('columns are the six STRIDE threats in the guideline order', () => {
    expect(THREAT_COLUMNS).toEqual(STRIDE.map((letter) => ({ letter, name: STRIDE_NAMES[letter] })));
  });

  it('links a section only when a link is given for it', () => {
    const rows = threatRows({ '§2-2-1': '/lessons/06-ip-filter/' });
    for (const row of rows) {
      expect(row.sectionHref).toBe(row.section === '§2-2-1' ? '/lessons/06-ip-filter/' : null);
    }
  });
});

describe('threat filter', () => {
  it('no filter shows every function', () => {
    expect(visibleFunctionIds(NO_THREAT_FILTER)).toEqual(FUNCTIONS_IN_ORDER.map((f) => f.id));
  });

  it.each(STRIDE.map((l) => [l]))('§2 filtering by %s shows exactly functionsCountering', (letter) => {
    const filter = { threat: letter, layer: 'all' } as const;
    expect(visibleFunctionIds(filter)).toEqual(functionsCountering(letter));
    expect(filterThreatRows(threatRows(), filter).map((r) => r.id)).toEqual(functionsCountering(letter));
  });

  it('§1-3 filtering by a layer shows exactly functionsInLayer', () => {
    for (const layer of LAYER_ORDER) {
      expect(visibleFunctionIds({ threat: 'all', layer })).toEqual(functionsInLayer(layer));
    }
  });

  it('§1-3 the layer menu offers every layer the functions use', () => {
    expect(new Set(LAYER_ORDER)).toEqual(new Set(layersInData));
    expect(LAYER_FILTER_OPTIONS.map((o) => o.value)).toEqual(['all', ...LAYER_ORDER]);
    expect(THREAT_FILTER_OPTIONS.map((o) => o.value)).toEqual(['all', ...STRIDE]);
  });

  it('a threat and a layer together keep the functions matching both', () => {
    for (const letter of STRIDE) {
      for (const layer of LAYER_ORDER) {
        const inLayer = new Set(functionsInLayer(layer));
        expect(visibleFunctionIds({ threat: letter, layer })).toEqual(
          functionsCountering(letter).filter((id) => inLayer.has(id)),
        );
      }
    }
  });

  it('§2-4-1 a threat filter never shows operation authority verification, and says why', () => {
    for (const letter of STRIDE) {
      expect(visibleFunctionIds({ threat: letter, layer: 'all' })).not.toContain('operation-authority');
      expect(filterSummary({ threat: letter, layer: 'all' }, 0)).toContain('§2-4-1');
    }
    expect(filterSummary(NO_THREAT_FILTER, 12)).not.toContain('§2-4-1');
    expect(filterSummary({ threat: 'S', layer: 'network' }, 1)).not.toContain('§2-4-1');
  });

  it('the announced summary gives the count and the threat', () => {
    const spoofing = functionsCountering('S');
    const text = filterSummary({ threat: 'S', layer: 'all' }, spoofing.length);
    expect(text).toContain(`${spoofing.length} of the ${FUNCTIONS_IN_ORDER.length} functions`);
    expect(text).toContain('spoofing');
    expect(filterSummary({ threat: 'all', layer: 'asset' }, 5)).toBe(
      `Showing 5 of ${FUNCTIONS_IN_ORDER.length} functions in the asset layer.`,
    );
  });

  it('reads valid form values', () => {
    expect(parseThreatFilter({ threat: 'T', layer: 'device' })).toEqual({
      ok: true,
      filter: { threat: 'T', layer: 'device' },
    });
  });

  it('rejects an unknown threat or layer, naming the field and the choices', () => {
    const badThreat = parseThreatFilter({ threat: 'X', layer: 'all' });
    expect(badThreat.ok).toBe(false);
    if (!badThreat.ok) expect(badThreat.error).toMatch(/^threat: "X".*S, T, R, I, D, E/);
    const badLayer = parseThreatFilter({ threat: 'all', layer: 'physical' });
    expect(badLayer.ok).toBe(false);
    if (!badLayer.ok) expect(badLayer.error).toMatch(/^layer: "physical".*network/);
  });
});

describe('section links', () => {
  const lessons = [
    { id: '01-defense-in-depth', order: 1, sections: ['§1-1', '§1-3'] },
    { id: '03-threat-table', order: 3, sections: ['§1-3', '§2-2-1', '§2-2-2'] },
    { id: '06-ip-filter', order: 6, sections: ['§2-2-1'] },
    { id: '07-ports', order: 7, sections: ['§2-2-2', '§2-2-1'] },
  ];

  it('links each section to the lesson most about it, never to the excluded one', () => {
    const links = sectionLinks(lessons, '03-threat-table');
    expect(links['§2-2-1']).toBe('/lessons/06-ip-filter/');
    expect(links['§2-2-2']).toBe('/lessons/07-ports/');
    expect(links['§1-3']).toBe('/lessons/01-defense-in-depth/');
    expect(links['§2-3-1']).toBeUndefined();
  });

  it('breaks ties by lesson order', () => {
    const tie = [
      { id: '09-b', order: 9, sections: ['§2-5-1'] },
      { id: '08-a', order: 8, sections: ['§2-5-1'] },
    ];
    expect(sectionLinks(tie)['§2-5-1']).toBe('/lessons/08-a/');
  });
});
