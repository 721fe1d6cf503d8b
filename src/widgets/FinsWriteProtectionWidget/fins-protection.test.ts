import { afterEach, describe, expect, it } from 'vitest';
import { createRack, type Rack } from '../../../machines/request-path/rack.ts';
import * as fins from './fins-protection.ts';
import { ENGINEERING_PC } from '../kit/nodes.ts';
import { buildRequest } from '../kit/requests.ts';
import { labelledExchange } from '../kit/wire-view.ts';

let rack: Rack;
afterEach(() => rack?.stop());

function start(enabled: boolean, exclude = false): Rack {
  rack = createRack(fins.FINS_RACK);
  rack.cpu.send(fins.finsProtectionEvent(enabled, exclude));
  return rack;
}

function send(r: Rack, nodeId: string, presetId: string, protocol: 'fins-udp' | 'cip' = 'fins-udp') {
  const built = buildRequest({ nodeId, presetId, protocol }, fins.FINS_SENDERS, fins.FINS_PRESETS);
  if (!built.ok) throw new Error(built.error);
  return { request: built.request, outcome: r.send(built.request) };
}

describe('lesson 13 FINS write protection widget', () => {
  it('§2-5-3 a rogue write is refused with end code 2101 on the wire, and D100 keeps its value', () => {
    const r = start(true);
    const { request, outcome } = send(r, 'rogue-laptop', 'write-d100');
    expect(outcome.blockedBy?.source).toBe('fins-write-protection');
    const wire = labelledExchange(request, outcome);
    const endCode = wire.response?.fields.find((f) => f.field.toLowerCase().includes('end code'));
    expect(endCode?.hex.replace(/\s/g, '')).toBe('2101');
    expect(fins.d100Text(r.view().cpu)).toBe('D100 (set point) = 0');
  });

  it('§2-5-3 reads still work with the protection on', () => {
    const r = start(true);
    expect(send(r, 'rogue-laptop', 'read-d100').outcome.allowed).toBe(true);
  });

  it('§2-5-3 the USB port is not affected', () => {
    const r = start(true);
    expect(send(r, 'usb-laptop', 'write-d100').outcome.allowed).toBe(true);
    expect(fins.d100Text(r.view().cpu)).toBe('D100 (set point) = 1500');
  });

  it('§2-5-3 an excluded node may write over FINS but not by CIP message', () => {
    const r = start(true, true);
    expect(send(r, 'engineering-pc', 'write-d100').outcome.allowed).toBe(true);
    expect(send(r, 'engineering-pc', 'write-d100', 'cip').outcome.allowed).toBe(false);
  });

  it('§2-5-3 an exclusion trusts the node number in the frame, whoever sends it', () => {
    const r = start(true, true);
    expect(fins.NODE_BORROWER.origin).toMatchObject({ finsNode: fins.EXCLUDABLE_NODE });
    expect(ENGINEERING_PC.origin).toMatchObject({ finsNode: fins.EXCLUDABLE_NODE });
    expect(send(r, fins.NODE_BORROWER.id, 'write-d100').outcome.allowed).toBe(true);
    expect(send(r, 'rogue-laptop', 'write-d100').outcome.allowed).toBe(false);
  });

  it('§2-5-3 with the protection off every node may write', () => {
    const r = start(false);
    expect(send(r, 'rogue-laptop', 'stop-cpu').outcome.allowed).toBe(true);
  });

  it('describes the setting in one sentence', () => {
    const r = start(true, true);
    expect(fins.finsProtectionText(r.view().cpu)).toBe(`FINS write protection is ON (excluded: node ${fins.EXCLUDABLE_NODE}).`);
    r.cpu.send(fins.finsProtectionEvent(false, false));
    expect(fins.finsProtectionText(r.view().cpu)).toContain('OFF');
  });
});
