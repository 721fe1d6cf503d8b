/**
 * Which address the per-address limits count: the socket's unless the operator says how many
 * proxies stand in front (TRUSTED_PROXY_HOPS), and then the right-most address no trusted proxy
 * wrote — never one the client put in its own X-Forwarded-For header.
 */
import { describe, expect, it } from 'vitest';
import { clientAddressOf, normaliseAddress, trustedProxyHops } from '../../../src/server/limits/client-address.server.ts';

/** A request carrying these X-Forwarded-For headers, in order. */
function forwarded(...values: string[]): Request {
  const headers = new Headers();
  for (const value of values) headers.append('x-forwarded-for', value);
  return new Request('http://127.0.0.1:4321/api/class/join', { method: 'POST', headers });
}

const BALANCER = '10.0.0.5';

describe('by default (no trusted proxy)', () => {
  it('counts the socket address and ignores a spoofed X-Forwarded-For', () => {
    expect(clientAddressOf(forwarded('203.0.113.66'), '198.51.100.7', 0)).toBe('198.51.100.7');
    expect(clientAddressOf(forwarded('203.0.113.66, 192.0.2.1'), '198.51.100.7', 0)).toBe('198.51.100.7');
    expect(clientAddressOf(forwarded(), '198.51.100.7', 0)).toBe('198.51.100.7');
  });

  it('reads no setting as none, and refuses a bad setting naming the variable and the fix', () => {
    expect(trustedProxyHops({})).toBe(0);
    expect(trustedProxyHops({ TRUSTED_PROXY_HOPS: ' ' })).toBe(0);
    expect(trustedProxyHops({ TRUSTED_PROXY_HOPS: '2' })).toBe(2);
    for (const bad of ['yes', '-1', '1.5', '11', 'true']) {
      expect(() => trustedProxyHops({ TRUSTED_PROXY_HOPS: bad })).toThrow(/TRUSTED_PROXY_HOPS="[^"]+" is not a number of proxies: give a whole number from 0 to 10/);
    }
  });
});

describe('behind trusted proxies', () => {
  it('with 1 hop, takes the address the balancer appended, not the ones the client wrote before it', () => {
    // The client sent "X-Forwarded-For: 203.0.113.66"; the balancer appended what it saw.
    expect(clientAddressOf(forwarded('203.0.113.66, 198.51.100.7'), BALANCER, 1)).toBe('198.51.100.7');
    expect(clientAddressOf(forwarded('1.1.1.1, 2.2.2.2, 198.51.100.7'), BALANCER, 1)).toBe('198.51.100.7');
    // Two header lines count as one list, in order.
    expect(clientAddressOf(forwarded('203.0.113.66', '198.51.100.7'), BALANCER, 1)).toBe('198.51.100.7');
  });

  it('with 2 hops, skips both proxies from the right', () => {
    expect(clientAddressOf(forwarded('203.0.113.66, 198.51.100.7, 10.0.0.9'), BALANCER, 2)).toBe('198.51.100.7');
  });

  it('falls back to an address a trusted proxy wrote when the chain is short or the entry is no address', () => {
    expect(clientAddressOf(forwarded(), BALANCER, 1)).toBe(BALANCER);
    expect(clientAddressOf(forwarded('not-an-address'), BALANCER, 1)).toBe(BALANCER);
    expect(clientAddressOf(forwarded('198.51.100.7'), BALANCER, 2)).toBe('198.51.100.7');
  });

  it('takes ports and brackets off, and counts an IPv6 client by its /64 network', () => {
    expect(clientAddressOf(forwarded('198.51.100.7:51234'), BALANCER, 1)).toBe('198.51.100.7');
    expect(clientAddressOf(forwarded('[2001:db8:1:2:3:4:5:6]:443'), BALANCER, 1)).toBe('2001:0db8:0001:0002:0000:0000:0000:0000');
    expect(clientAddressOf(forwarded('2001:db8:1:2::99'), BALANCER, 1)).toBe(clientAddressOf(forwarded('2001:db8:1:2:ffff::1'), BALANCER, 1));
  });
});

describe('normaliseAddress', () => {
  it('keeps IPv4, unwraps IPv4-mapped IPv6, and cuts IPv6 to its /64', () => {
    expect(normaliseAddress('192.0.2.1')).toBe('192.0.2.1');
    expect(normaliseAddress('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(normaliseAddress('::1')).toBe('0000:0000:0000:0000:0000:0000:0000:0000');
    expect(normaliseAddress('2001:DB8::1')).toBe('2001:0db8:0000:0000:0000:0000:0000:0000');
    expect(normaliseAddress('')).toBe('');
  });
});
