import { afterEach, describe, expect, it } from 'vitest';
import { createRack, type Rack } from '../../../machines/request-path/rack.ts';
import * as lot from './lot-number.ts';

const racks: Rack[] = [];
afterEach(() => {
  for (const r of racks.splice(0)) r.stop();
});
function build(which: 'original' | 'second'): Rack {
  const r = createRack(which === 'original' ? lot.ORIGINAL_RACK : lot.SECOND_RACK);
  racks.push(r);
  return r;
}

describe('lesson 14 lot number widget', () => {
  it('§2-5-4 the guarded program runs its control on the unit it was written for', () => {
    const cpu = build('original').view().cpu;
    expect(cpu.controlRunning).toBe(true);
    expect(lot.controlText(cpu)).toBe('Control logic running.');
  });

  it('§2-5-4 the second unit accepts the guarded copy, but its control logic does not run there', () => {
    const r = build('second');
    const copy = r.send(lot.copyRequest(true));
    expect(copy.allowed).toBe(true);
    expect(lot.programSummary(r.view().cpu)).toBe(`2 tasks, compares the lot number with ${lot.ORIGINAL_LOT}`);
    const run = r.send(lot.runRequest());
    expect(run.blockedBy?.source).toBe('lot-number');
    expect(r.view().cpu.controlRunning).toBe(false);
    expect(lot.controlText(r.view().cpu)).toBe(
      `Idle: the program compares the lot number with ${lot.ORIGINAL_LOT}, and this unit's is ${lot.SECOND_LOT}, so its control logic does not run here (§2-5-4).`,
    );
  });

  it('§2-5-4 a copy without the comparison runs anywhere', () => {
    const r = build('second');
    expect(r.send(lot.copyRequest(false)).allowed).toBe(true);
    expect(r.send(lot.runRequest()).allowed).toBe(true);
    expect(lot.controlText(r.view().cpu)).toBe('Control logic running.');
    expect(r.send(lot.stopRequest()).allowed).toBe(true);
    expect(lot.controlText(r.view().cpu)).toContain('PROGRAM mode');
  });

  it('§2-5-4 the lot number cannot be changed directly or by writing A100', () => {
    const r = build('second');
    r.cpu.send(lot.changeLotEvent());
    expect(r.cpu.getSnapshot().context.lastError).toContain('cannot be changed');
    const forged = r.send(lot.forgeLotRequest('CJ2H'));
    expect(forged.allowed).toBe(false);
    expect(forged.endCode).toBe(0x2101);
    expect(r.view().cpu.lotNumber).toBe(lot.SECOND_LOT);
  });

  it('§2-5-4 shows the words in hex, first digits in the higher word (W473 example 080620)', () => {
    const cpu = build('original').view().cpu;
    expect(lot.lotWords(cpu)).toEqual([
      { address: 'A101', hex: '0x0806', holds: 'digits 1–4' },
      { address: 'A100', hex: '0x2000', holds: 'digits 5–8 (padded with zeros)' },
    ]);
    expect(lot.lotDigits(cpu).startsWith(lot.ORIGINAL_LOT)).toBe(true);
    expect(lot.lotDigits(build('second').view().cpu).startsWith(lot.SECOND_LOT)).toBe(true);
  });

  it('summarises each unit’s program', () => {
    expect(lot.programSummary(build('original').view().cpu)).toBe(`2 tasks, compares the lot number with ${lot.ORIGINAL_LOT}`);
    expect(lot.programSummary(build('second').view().cpu)).toBe('none');
  });

  it('explains an idle guarded program in words', () => {
    const r = build('original');
    // The guard of the program compared with another unit's number: change only the view.
    const cpu = { ...r.view().cpu, lotNumber: lot.SECOND_LOT, controlRunning: false };
    expect(lot.controlText(cpu)).toContain(`with ${lot.ORIGINAL_LOT}, and this unit's is ${lot.SECOND_LOT}`);
  });

  it('§2-5-4 after RUN is refused for the guarded copy, the card says RUN was requested and why it shows PROGRAM', () => {
    const r = build('second');
    r.send(lot.copyRequest(true));
    const request = lot.runRequest();
    const outcome = r.send(request);
    expect(lot.modeText(r.view().cpu, null)).toBe('PROGRAM');
    expect(lot.modeText(r.view().cpu, { request, outcome })).toMatch(/^RUN requested: a real CPU Unit enters RUN, with its control logic idle \(§2-5-4\)/);
    const unguarded = build('second');
    unguarded.send(lot.copyRequest(false));
    const run = lot.runRequest();
    const ran = unguarded.send(run);
    expect(lot.modeText(unguarded.view().cpu, { request: run, outcome: ran })).toBe('RUN');
  });

  it('§2-5-4 a FINS write of the lot-number words is refused by the lot-number function, not the overwrite times', () => {
    const r = build('second');
    const outcome = r.send(lot.forgeLotRequest(r.view().cpu.model));
    expect(outcome.blockedBy).toMatchObject({ source: 'lot-number', section: '§2-5-4' });
    expect(lot.lotDigits(r.view().cpu)).toBe(`${lot.SECOND_LOT}00`);
  });
});
