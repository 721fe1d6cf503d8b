import { describe, expect, it } from 'vitest';
import { createRack } from '../../../machines/request-path/rack.ts';
import { compareSenders } from './compare.ts';
import { HMI, intentOf, PLANT_NODES, ROGUE_LAPTOP } from './nodes.ts';
import { OPERATION_PRESETS, requestFrom } from './requests.ts';
import { scenarioRack } from './scenarios.ts';
import { outcomeTone, toneLead, traceRows } from './trace.ts';

const read = OPERATION_PRESETS.readD100.operation;

describe('tone: what an outcome means for the plant', () => {
  it('a hostile request that gets through is bad, one that is stopped is good', () => {
    expect(outcomeTone({ allowed: true, intent: 'hostile' })).toBe('bad');
    expect(outcomeTone({ allowed: false, intent: 'hostile' })).toBe('good');
  });

  it('a legitimate request that is refused is bad, one that gets through is good', () => {
    expect(outcomeTone({ allowed: false, intent: 'legitimate' })).toBe('bad');
    expect(outcomeTone({ allowed: true, intent: 'legitimate' })).toBe('good');
  });

  it('a lab verdict (met) wins over the intent: stopped by the wrong function is still bad', () => {
    expect(outcomeTone({ allowed: false, intent: 'hostile', met: false })).toBe('bad');
    expect(outcomeTone({ allowed: true, intent: 'hostile', met: true })).toBe('good');
  });

  it('without an intent or a verdict the tone is neutral and no words lead the summary', () => {
    expect(outcomeTone({ allowed: true })).toBe('neutral');
    expect(toneLead({ allowed: false })).toBeNull();
  });

  it('the lead says the meaning in words, so colour is never alone', () => {
    expect(toneLead({ allowed: true, intent: 'hostile' })).toBe('Bad for the plant: an attack got through.');
    expect(toneLead({ allowed: false, intent: 'legitimate' })).toBe("Bad for the plant: the plant's own request was refused.");
    expect(toneLead({ allowed: false, met: true })).toBe('Good for the plant: the outcome the plant needs.');
  });

  it('the rogue laptop is the one plant node with a known (hostile) intent', () => {
    expect(intentOf(ROGUE_LAPTOP.origin)).toBe('hostile');
    expect(intentOf(HMI.origin)).toBeNull();
  });

  it('on an open rack the rogue laptop reads D100: its line is bad, the others neutral; its refusing step is good once filtered', () => {
    const open = createRack(scenarioRack({}));
    const rows = compareSenders(open.view(), PLANT_NODES.filter((n) => n.origin.via === 'network'), read, 'fins-udp');
    expect(rows.find((r) => r.who.startsWith('Rogue'))?.tone).toBe('bad');
    expect(rows.filter((r) => !r.who.startsWith('Rogue')).map((r) => r.tone)).toEqual(['neutral', 'neutral']);
    open.stop();
    const filtered = createRack(scenarioRack({ filter: { enabled: true, rules: [{ ip: '192.168.250.10', mask: '255.255.255.255' }] } }));
    const outcome = filtered.send(requestFrom(PLANT_NODES, ROGUE_LAPTOP.id, read, 'fins-udp'));
    const steps = traceRows(outcome, '', { intent: 'hostile' });
    expect(steps.at(-1)).toMatchObject({ verdict: 'block', tone: 'good' });
    expect(steps.filter((s) => s.verdict !== 'block').every((s) => s.tone === 'neutral')).toBe(true);
    filtered.stop();
  });
});
