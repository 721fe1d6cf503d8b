/**
 * What `--trace` and the live feed say about exchanges that never reach the request path:
 * EtherNet/IP List Identity, a command the bridge does not serve, a connection the filter drops,
 * and a FINS command answered at once.
 */
import { describe, expect, it } from 'vitest';
import type { TraceStep } from '../../machines/model.ts';
import type { Exchange } from '../../src/server/bridge/bridge.server.ts';
import { exchangeLines, exchangeView } from '../../src/server/bridge/exchange-lines.server.ts';

const base = {
  source: { address: '127.0.0.1', port: 40000 },
  sender: { name: 'A device not on the plant list', ip: '192.168.250.254' },
} as const;

/** An encapsulation header with this command (little-endian) and no data. */
function enip(command: number): Uint8Array {
  const out = new Uint8Array(24);
  out[0] = command & 0xff;
  out[1] = command >> 8;
  return out;
}

const FILTER: TraceStep = { layer: 'network', source: 'ip-filter', verdict: 'block', reason: '192.168.250.254 matches no rule.', section: '§2-2-1' };

describe('exchanges without a walk, in words', () => {
  it('names List Identity and says the unit described itself', () => {
    const view = exchangeView({ ...base, service: 'enip-tcp', request: enip(0x63), response: new Uint8Array(30) });
    expect(view).toMatchObject({ service: 'EtherNet/IP (TCP)', asked: 'List Identity', summary: 'Answered: the unit describes itself.', steps: [], answered: true });
  });

  it('tells a command the bridge does not serve from List Identity', () => {
    const view = exchangeView({ ...base, service: 'enip-udp', request: enip(0x65), response: new Uint8Array(24) });
    expect(view.asked).toBe('an EtherNet/IP command the simulator does not serve');
    expect(view.summary).toBe('Answered: the unit does not serve this command.');
  });

  it('says where a dropped connection stopped, in the request path’s words', () => {
    const exchange: Exchange = { ...base, service: 'fins-tcp', request: new Uint8Array(0), response: null, droppedBy: FILTER };
    expect(exchangeLines(exchange)).toEqual([
      'FINS/TCP from 127.0.0.1 = A device not on the plant list (192.168.250.254): a new connection',
      '  Dropped at the network layer (§2-2-1) — 192.168.250.254 matches no rule.',
    ]);
  });

  it('names the end code of a command answered at once', () => {
    const view = exchangeView({ ...base, service: 'fins-udp', request: new Uint8Array(12), response: new Uint8Array(14), immediateEndCode: 0x0401 });
    expect(view.summary).toBe('Answered at once with end code 0x0401 Undefined command.');
  });
});
