import { afterEach, describe, expect, it } from 'vitest';
import { createRack, type Rack } from '../../../machines/request-path/rack.ts';
import { cpuRemains, DISPOSAL_RACK, disposalRequest, disposalVerdict, unitRemains } from './disposal.ts';

let rack: Rack;
afterEach(() => rack?.stop());

function eipOf(r: Rack) {
  const eip = r.view().unit?.eip;
  if (!eip) throw new Error('the disposal rack has an EIP21S');
  return eip;
}

describe('lesson 19 safe disposal widget', () => {
  it('§4-1 starts with data in both units and is not ready to leave', () => {
    rack = createRack(DISPOSAL_RACK);
    expect(cpuRemains(rack.view().cpu).length).toBeGreaterThan(2);
    expect(unitRemains(eipOf(rack))[0]).toMatch(/^3 user accounts with passwords/);
    expect(disposalVerdict(rack.view()).ready).toBe(false);
  });

  it('§4-1-1 Memory All Clear needs PROGRAM mode, then empties the CPU but not the EIP21S (§4-1 note 1)', () => {
    rack = createRack(DISPOSAL_RACK);
    expect(rack.send(disposalRequest('clear-cpu', 'usb')).blockedBy?.source).toBe('operating-mode');
    expect(rack.send(disposalRequest('program-mode', 'usb')).allowed).toBe(true);
    expect(rack.send(disposalRequest('clear-cpu', 'usb')).allowed).toBe(true);
    expect(cpuRemains(rack.view().cpu)).toEqual([]);
    const verdict = disposalVerdict(rack.view());
    expect(verdict).toMatchObject({ cpuErased: true, unitErased: false, ready: false });
    expect(verdict.text).toContain('§4-1-2');
  });

  it('§4-1-2 Restart Unit to out-of-box is refused over the network and works from USB', () => {
    rack = createRack(DISPOSAL_RACK);
    const remote = rack.send(disposalRequest('restart-unit', 'network'));
    expect(remote.allowed).toBe(false);
    expect(remote.blockedBy?.section).toBe('§4-1-2');
    expect(unitRemains(eipOf(rack)).length).toBeGreaterThan(0);
    expect(rack.send(disposalRequest('restart-unit', 'usb')).allowed).toBe(true);
    expect(unitRemains(eipOf(rack))).toEqual([]);
  });

  it('§4-1 only both steps together make the rack ready', () => {
    rack = createRack(DISPOSAL_RACK);
    rack.send(disposalRequest('restart-unit', 'usb'));
    expect(disposalVerdict(rack.view()).text).toContain('Memory All Clear');
    rack.send(disposalRequest('program-mode', 'usb'));
    rack.send(disposalRequest('clear-cpu', 'usb'));
    expect(disposalVerdict(rack.view())).toMatchObject({ ready: true });
  });

  it('§2-5-3 the network clear meets the CPU’s FINS write protection', () => {
    rack = createRack(DISPOSAL_RACK);
    rack.send(disposalRequest('program-mode', 'usb'));
    expect(rack.send(disposalRequest('clear-cpu', 'network')).blockedBy?.source).toBe('fins-write-protection');
  });
});
