import { afterEach, describe, expect, it } from 'vitest';
import { createRack, type Rack } from '../../../machines/request-path/rack.ts';
import { programIdentity } from '../kit/cpu-scenarios.ts';
import { CARD_CONTENTS, DIP_PROGRAMS, DIP_RACK, downloadRequest, pinText, powerOnText } from './dip-switch.ts';

let rack: Rack;
afterEach(() => rack?.stop());

function start(writeProtect: boolean): Rack {
  rack = createRack(DIP_RACK);
  rack.cpu.send({ type: 'dip.set', writeProtect });
  return rack;
}

describe('lesson 11 DIP switch widget', () => {
  it('§2-5-1 with the pin OFF a network download lands', () => {
    const r = start(false);
    expect(r.send(downloadRequest('network')).allowed).toBe(true);
    expect(programIdentity(r.view().cpu.program, DIP_PROGRAMS)).toBe('the changed program that was downloaded');
  });

  it('§2-5-1 with the pin ON the download is refused over the network and over USB alike', () => {
    const r = start(true);
    for (const route of ['network', 'usb'] as const) {
      const outcome = r.send(downloadRequest(route));
      expect(outcome.allowed, route).toBe(false);
      expect(outcome.blockedBy?.source, route).toBe('dip-switch');
      expect(outcome.endCode, route).toBe(0x2101);
    }
    expect(programIdentity(r.view().cpu.program, DIP_PROGRAMS)).toBe("the line's own program");
  });

  it('§2-5-1 with the pin ON the memory card is held back at power-on', () => {
    const r = start(true);
    r.cpu.send({ type: 'card.inserted', contents: CARD_CONTENTS });
    r.cpu.send({ type: 'dip.set', memoryCardAutoLoad: true });
    r.cpu.send({ type: 'power.on' });
    const cpu = r.view().cpu;
    expect(powerOnText(cpu.powerOnHistory)).toContain('held the memory card back');
    expect(programIdentity(cpu.program, DIP_PROGRAMS)).toBe("the line's own program");
  });

  it('§2-5-1 with the pin OFF the card loads program, PLC Setup and I/O memory at once', () => {
    const r = start(false);
    r.cpu.send({ type: 'card.inserted', contents: CARD_CONTENTS });
    r.cpu.send({ type: 'dip.set', memoryCardAutoLoad: true });
    r.cpu.send({ type: 'power.on' });
    const cpu = r.view().cpu;
    expect(powerOnText(cpu.powerOnHistory)).toMatch(/^Power-on 1 at 09:00:00: the memory card was loaded/);
    expect(programIdentity(cpu.program, DIP_PROGRAMS)).toBe('the program from the memory card');
    expect(cpu.memory.D[100]).toBe(9999);
  });

  it('says when nothing was loaded and before any power cycle', () => {
    const r = start(false);
    expect(powerOnText(r.view().cpu.powerOnHistory)).toBe('The power has not been cycled yet.');
    r.cpu.send({ type: 'power.on' });
    expect(powerOnText(r.view().cpu.powerOnHistory)).toContain('nothing was loaded');
    expect(pinText(true)).toBe('ON');
    expect(pinText(false)).toBe('OFF');
  });
});
