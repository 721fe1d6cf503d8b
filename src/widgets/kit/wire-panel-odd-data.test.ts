/**
 * The wire panel given data no FINS frame can carry (a lab or a learner's own request with a
 * count beyond 16 bits, a broadcast sender, an impossible date): it says so in words instead of
 * throwing, so the panel and the page around it keep working.
 */
import { describe, expect, it } from 'vitest';
import type { Request } from '../../../machines/model.ts';
import { labelledExchange } from './wire-view.ts';

const sender = { via: 'network', name: 'Panel', ip: '192.168.250.20' } as const;

describe('labelledExchange with odd data', () => {
  it.each<[string, Request, RegExp]>([
    ['a broadcast sender', { from: { ...sender, ip: '192.168.250.255' }, protocol: 'fins-udp', operation: { kind: 'controller.read' } }, /the sender address "192\.168\.250\.255" gives no FINS node/],
    ['a count beyond 16 bits', { from: sender, protocol: 'fins-udp', operation: { kind: 'memory.read', area: 'D', address: 0, count: 70000 } }, /count is 70000; FINS carries it in 16 bits/],
    ['a value beyond 16 bits', { from: sender, protocol: 'fins-udp', operation: { kind: 'memory.write', area: 'D', address: 0, values: [70000] } }, /values\[0\] is 70000/],
    ['a day that does not exist', { from: sender, protocol: 'fins-tcp', operation: { kind: 'clock.write', at: '2026-02-30T25:00:00Z' } }, /not a real date and time/],
  ])('%s: no bytes, and a sentence saying why', (_name, request, why) => {
    const shown = labelledExchange(request, null);
    expect(shown.request).toBeNull();
    expect(shown.response).toBeNull();
    expect(shown.note).toMatch(/^No FINS frame can carry this request, so there are no bytes to show: /);
    expect(shown.note).toMatch(why);
  });
});
