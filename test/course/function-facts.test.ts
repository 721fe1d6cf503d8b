import { describe, expect, it } from 'vitest';
import { AVAILABILITY, CPU_MODEL_IDS, CPU_MODELS } from '../../machines/catalog/catalog.ts';
import { FUNCTION_IDS } from '../../machines/model.ts';
import { FUNCTIONS, STRIDE } from '../../machines/catalog/threats.ts';
import { LAYER_LABELS } from '../../src/widgets/ThreatExplorerWidget/threat-view.ts';
import { functionFacts, joinWords, modelsLacking, modelsWithOnCpu, threatWords } from '../../src/course/function-facts.ts';

describe('function facts panel', () => {
  it('§1-3 every function shows its section, layer and purpose from the machines', () => {
    for (const id of FUNCTION_IDS) {
      const facts = functionFacts(id);
      expect(facts.section, id).toBe(FUNCTIONS[id].section);
      expect(facts.purpose, id).toBe(FUNCTIONS[id].purpose);
      expect(facts.layerLabel, id).toBe(LAYER_LABELS[FUNCTIONS[id].layer]);
    }
    expect(functionFacts('ip-filter').layerLabel).toBe('Network layer');
  });

  it('§2 lists exactly the threats each function table marks, in STRIDE order', () => {
    for (const id of FUNCTION_IDS) {
      const facts = functionFacts(id);
      const stride = FUNCTIONS[id].stride;
      const expected = stride === 'not-stated' ? [] : STRIDE.filter((l) => stride[l]);
      expect(facts.threats.map((t) => t.letter), id).toEqual(expected);
      expect(facts.threatsStated, id).toBe(stride !== 'not-stated');
    }
  });

  it('§1-5 groups every CPU model by what the tables say, none twice', () => {
    for (const id of FUNCTION_IDS) {
      const { models } = functionFacts(id);
      const all = [...models.cpuOnly, ...models.withEip21s, ...models.none, ...models.notStated];
      expect(all.sort(), id).toEqual(CPU_MODEL_IDS.map((m) => CPU_MODELS[m].label).sort());
      for (const m of CPU_MODEL_IDS) {
        if (AVAILABILITY[m][id] === 'none') expect(models.none, `${id} ${m}`).toContain(CPU_MODELS[m].label);
      }
    }
  });

  it('§2-5-1 names the CP1E and CP2E as lacking the DIP switch', () => {
    const facts = functionFacts('dip-switch');
    expect(facts.models.none).toEqual(['CP1E', 'CP2E']);
    expect(facts.availabilitySentence).toContain('Not available on the CP1E and CP2E.');
  });

  it('§2-5-4 says every model offers the lot number on its own', () => {
    expect(functionFacts('lot-number').availabilitySentence).toBe(
      'Every CS, CJ and CP CPU Unit offers it on its own, without an EtherNet/IP unit.',
    );
  });

  it('§2-5-5 says the tables are silent on the overwrite time', () => {
    expect(functionFacts('overwrite-time').availabilitySentence).toContain('no row for this function');
  });

  it('links each threat to its glossary entry', () => {
    expect(functionFacts('read-protection').threats.map((t) => t.glossaryHref)).toEqual([
      '/lessons/20-glossary/#tampering',
      '/lessons/20-glossary/#information-disclosure',
    ]);
  });

  it('refuses an unknown id with the fix', () => {
    expect(() => functionFacts('nope' as never)).toThrow(/FUNCTION_IDS/);
  });

  it('joins words as prose', () => {
    expect(joinWords([])).toBe('');
    expect(joinWords(['A'])).toBe('A');
    expect(joinWords(['A', 'B', 'C'])).toBe('A, B and C');
  });
});

describe('function facts as prose', () => {
  it('§2-5-2 names the marked threats in lower case', () => {
    expect(threatWords('read-protection')).toBe('tampering and information disclosure');
    expect(threatWords('lot-number')).toBe('elevation of privilege');
  });

  it('§2-2-1 the filter is marked against tampering, information disclosure and denial of service', () => {
    expect(threatWords('ip-filter')).toBe('tampering, information disclosure and denial of service');
    // §2-4-1 has no threat table: nothing to name
    expect(threatWords('operation-authority')).toBe('');
  });

  it('§1-5-2 names the models lacking FINS write protection', () => {
    expect(modelsLacking('fins-write-protection')).toBe('CP1L, CP1E and CP2E');
    expect(modelsLacking('read-protection')).toBe('');
  });

  it('§1-5-1 names the models with a PLC name of their own', () => {
    expect(modelsWithOnCpu('plc-name')).toContain('CJ2H');
    expect(modelsWithOnCpu('plc-name')).not.toContain('CS1');
  });
});
