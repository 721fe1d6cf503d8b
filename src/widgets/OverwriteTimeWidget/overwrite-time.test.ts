import { afterEach, describe, expect, it } from 'vitest';
import { overwriteBaseline, tamperSince } from '../../../machines/cpu/cpu-unit.machine.ts';
import { createRack, type Rack } from '../../../machines/request-path/rack.ts';
import {
  CHANGE_TAKES_SECONDS,
  changeTakesTimeEvent,
  clockText,
  OVERWRITE_RACK,
  overwriteRequest,
  TIME_STEP_SECONDS,
  tamperText,
  timePassesEvent,
  timestampRecords,
} from './overwrite-time.ts';

let rack: Rack;
afterEach(() => rack?.stop());

describe('lesson 15 overwrite time widget', () => {
  it('§2-5-5 shows A90–A93 in hex and decoded field by field', () => {
    rack = createRack(OVERWRITE_RACK);
    const [program] = timestampRecords(rack.view().cpu);
    expect(program?.label).toBe('User program (A90–A93)');
    expect(program?.words.map((w) => w.hex)).toEqual(['0x0000', '0x0209', '0x2603', '0x0001']);
    expect(program?.words[2]).toMatchObject({ high: { field: 'year', hex: '26', value: 26 }, low: { field: 'month', hex: '03', value: 3 } });
    expect(program?.decoded).toBe('Mon 2026-03-02 09:00:00');
  });

  it('§2-5-5 a download moves A90–A93 to the clock; the baseline comparison notices', () => {
    rack = createRack(OVERWRITE_RACK);
    const baseline = overwriteBaseline(rack.cpu.getSnapshot());
    rack.cpu.send(timePassesEvent());
    expect(rack.send(overwriteRequest('download')).allowed).toBe(true);
    const [program, parameters] = timestampRecords(rack.view().cpu);
    expect(program?.decoded).toBe('Mon 2026-03-02 10:23:45');
    expect(parameters?.decoded).toBe('Mon 2026-03-02 09:00:00');
    const text = tamperText(tamperSince(rack.cpu.getSnapshot(), baseline));
    expect(text).toContain('the user program (A90–A93)');
    expect(text).not.toContain('parameter area');
  });

  it('§2-5-5 a PLC Setup write moves A94–A97; a data word moves neither', () => {
    rack = createRack(OVERWRITE_RACK);
    const baseline = overwriteBaseline(rack.cpu.getSnapshot());
    rack.cpu.send(timePassesEvent());
    expect(rack.send(overwriteRequest('write-d100')).allowed).toBe(true);
    expect(tamperText(tamperSince(rack.cpu.getSnapshot(), baseline))).toMatch(/^No change/);
    expect(rack.send(overwriteRequest('write-setup')).allowed).toBe(true);
    expect(tamperText(tamperSince(rack.cpu.getSnapshot(), baseline))).toContain('the parameter area (A94–A97)');
  });

  it('§2-5-5 a forged write to A90 is refused as read-only', () => {
    rack = createRack(OVERWRITE_RACK);
    const outcome = rack.send(overwriteRequest('forge-a90'));
    expect(outcome.allowed).toBe(false);
    expect(outcome.endCode).toBe(0x2101);
  });

  it('§2-5-5 a change made after the time it takes is seen by the comparison', () => {
    rack = createRack(OVERWRITE_RACK);
    const baseline = overwriteBaseline(rack.cpu.getSnapshot());
    rack.cpu.send(changeTakesTimeEvent());
    rack.send(overwriteRequest('download'));
    expect(timestampRecords(rack.view().cpu)[0]?.decoded).toBe(`Mon 2026-03-02 09:01:07`);
    expect(CHANGE_TAKES_SECONDS).toBe(67);
    expect(tamperSince(rack.cpu.getSnapshot(), baseline).program).toBe(true);
  });

  it('moves the clock so every field changes', () => {
    rack = createRack(OVERWRITE_RACK);
    rack.cpu.send(timePassesEvent());
    expect(TIME_STEP_SECONDS % 60).not.toBe(0);
    expect(clockText(rack.view().cpu)).toBe('Mon 2026-03-02 10:23:45');
  });
});
