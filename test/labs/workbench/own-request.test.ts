import { describe, expect, it } from 'vitest';
import type { Request } from '../../../machines/model.ts';
import { instantiate } from '../../../machines/grading/variants.ts';
import { ownRequestPresets, senderNodes, sendOwnRequest } from '../../../src/labs/own-request.ts';
import { FIXTURE_SOLUTION, fixtureLab } from './fixture-lab.ts';

const lab = fixtureLab();

function rogueRead(seed: number | null): Request {
  const variant = seed === null ? lab : instantiate(lab, seed);
  const node = senderNodes(variant.network).find((n) => n.name === 'Rogue laptop');
  if (!node) throw new Error('no rogue laptop');
  return { from: node.origin, protocol: 'fins-udp', operation: { kind: 'controller.read' } };
}

describe('sending a request of your own', () => {
  it('lists every node of the lab as a sender, network nodes with their address', () => {
    const nodes = senderNodes(lab.network);
    expect(nodes.map((n) => n.origin.via)).toEqual(['network', 'network', 'usb']);
    expect(nodes[1]?.origin).toEqual({ via: 'network', name: 'Rogue laptop', ip: '192.168.250.150', finsNode: 150 });
  });

  it('§2-2-1 meets the rack as the answer configures it: through without the filter, stopped with it', () => {
    expect(sendOwnRequest(lab, null, {}, rogueRead(null), 'probe').outcome.allowed).toBe(true);
    const entry = sendOwnRequest(lab, null, FIXTURE_SOLUTION, rogueRead(null), 'probe');
    expect(entry.outcome.blockedBy?.source).toBe('ip-filter');
    expect(entry.label).toBe('probe');
  });

  it('§2-2-1 uses the learner’s variant: the rogue address drawn for the seed', () => {
    const entry = sendOwnRequest(lab, 7, FIXTURE_SOLUTION, rogueRead(7), 'probe');
    expect(entry.request?.from).toMatchObject({ ip: instantiate(lab, 7).values.rogueIp });
    expect(entry.outcome.blockedBy?.source).toBe('ip-filter');
  });

  it('carries a downloaded program to the rack', () => {
    const download = ownRequestPresets(lab).find((p) => p.id === 'download-altered');
    if (!download) throw new Error('no download preset');
    const usb = senderNodes(lab.network)[2];
    if (!usb) throw new Error('no usb node');
    const entry = sendOwnRequest(lab, null, {}, { from: usb.origin, operation: download.operation }, 'download');
    expect(entry.request?.operation).toEqual(download.operation);
    // The CPU runs (RUN mode), so the download is refused by the operating mode, not by a function.
    expect(entry.outcome.blockedBy?.source).toBe('operating-mode');
  });

  it('refuses a sender that is not on the lab’s network', () => {
    expect(() => sendOwnRequest(lab, null, {}, { from: { via: 'usb', name: 'Stranger' }, operation: { kind: 'controller.read' } }, 'x')).toThrow(/not a node/);
  });
});
