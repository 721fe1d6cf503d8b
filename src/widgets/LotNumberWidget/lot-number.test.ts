import { afterEach, describe, expect, it } from 'vitest';
import { createRack, type Rack } from '../../../machines/request-path/rack.ts';
import {
  changeLotEvent,
  controlText,
  copyRequest,
  forgeLotRequest,
  lotDigits,
  lotWords,
  ORIGINAL_LOT,
  ORIGINAL_RACK,
  programSummary,
  runRequest,
  SECOND_LOT,
  SECOND_RACK,
  stopRequest,
} from './lot-number.ts';

const racks: Rack[] = [];
afterEach(() => {
  for (const r of racks.splice(0)) r.stop();
});
function build(which: 'original' | 'second'): Rack {
  const r = createRack(which === 'original' ? ORIGINAL_RACK : SECOND_RACK);
  racks.push(r);
  return r;
}

describe('lesson 14 lot number widget', () => {
  it('§2-5-4 the guarded program runs its control on the unit it was written for', () => {
    const cpu = build('original').view().cpu;
    expect(cpu.controlRunning).toBe(true);
    expect(controlText(cpu)).toBe('Control logic running.');
  });

  it('§2-5-4 the second unit accepts the guarded copy, but its control logic does not run there', () => {
    const r = build('second');
    const copy = r.send(copyRequest(true));
    expect(copy.allowed).toBe(true);
    expect(programSummary(r.view().cpu)).toBe(`2 tasks, compares the lot number with ${ORIGINAL_LOT}`);
    const run = r.send(runRequest());
    expect(run.blockedBy?.source).toBe('lot-number');
    expect(r.view().cpu.controlRunning).toBe(false);
    expect(controlText(r.view().cpu)).toBe(
      `Idle: the program compares the lot number with ${ORIGINAL_LOT}, and this unit's is ${SECOND_LOT}, so its control logic does not run here (§2-5-4).`,
    );
  });

  it('§2-5-4 a copy without the comparison runs anywhere', () => {
    const r = build('second');
    expect(r.send(copyRequest(false)).allowed).toBe(true);
    expect(r.send(runRequest()).allowed).toBe(true);
    expect(controlText(r.view().cpu)).toBe('Control logic running.');
    expect(r.send(stopRequest()).allowed).toBe(true);
    expect(controlText(r.view().cpu)).toContain('PROGRAM mode');
  });

  it('§2-5-4 the lot number cannot be changed directly or by writing A100', () => {
    const r = build('second');
    r.cpu.send(changeLotEvent());
    expect(r.cpu.getSnapshot().context.lastError).toContain('cannot be changed');
    const forged = r.send(forgeLotRequest('CJ2H'));
    expect(forged.allowed).toBe(false);
    expect(forged.endCode).toBe(0x2101);
    expect(r.view().cpu.lotNumber).toBe(SECOND_LOT);
  });

  it('§2-5-4 shows the words in hex, first digits in the higher word (W473 example 080620)', () => {
    const cpu = build('original').view().cpu;
    expect(lotWords(cpu)).toEqual([
      { address: 'A101', hex: '0x0806', holds: 'digits 1–4' },
      { address: 'A100', hex: '0x2000', holds: 'digits 5–8 (padded with zeros)' },
    ]);
    expect(lotDigits(cpu).startsWith(ORIGINAL_LOT)).toBe(true);
    expect(lotDigits(build('second').view().cpu).startsWith(SECOND_LOT)).toBe(true);
  });

  it('summarises each unit’s program', () => {
    expect(programSummary(build('original').view().cpu)).toBe(`2 tasks, compares the lot number with ${ORIGINAL_LOT}`);
    expect(programSummary(build('second').view().cpu)).toBe('none');
  });

  it('explains an idle guarded program in words', () => {
    const r = build('original');
    // The guard of the program compared with another unit's number: change only the view.
    const cpu = { ...r.view().cpu, lotNumber: SECOND_LOT, controlRunning: false };
    expect(controlText(cpu)).toContain(`with ${ORIGINAL_LOT}, and this unit's is ${SECOND_LOT}`);
  });
});
