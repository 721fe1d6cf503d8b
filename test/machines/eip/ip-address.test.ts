import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIPv4, isContiguousMask, maskPrefixLength, matchesRule, parseIPv4, parseMask } from '../../../machines/eip/ip-address.ts';

function ip(s: string): number {
  const r = parseIPv4(s);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

function rule(address: string, mask: string) {
  const m = parseMask(mask);
  if (!m.ok) throw new Error(m.error);
  return { ip: ip(address), mask: m.value };
}

/** An independent reading of the rule: compare octet by octet, bit by bit, on BigInt. */
function matchesByOctets(address: number, ruleIp: number, mask: number): boolean {
  const octets = (n: number) => [24n, 16n, 8n, 0n].map((shift) => (BigInt(n >>> 0) >> shift) & 0xffn);
  const [a, r, m] = [octets(address), octets(ruleIp), octets(mask)];
  for (let i = 0; i < 4; i++) {
    for (let bit = 7n; bit >= 0n; bit--) {
      const keep = ((m[i] ?? 0n) >> bit) & 1n;
      if (keep === 1n && (((a[i] ?? 0n) >> bit) & 1n) !== (((r[i] ?? 0n) >> bit) & 1n)) return false;
    }
  }
  return true;
}

const prefixMask = (len: number): number => (len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0);

describe('parseIPv4 / formatIPv4', () => {
  it('reads dotted addresses as unsigned 32-bit numbers', () => {
    expect(parseIPv4('192.168.250.2')).toEqual({ ok: true, value: 0xc0a8fa02 });
    expect(parseIPv4('255.255.255.255')).toEqual({ ok: true, value: 0xffffffff });
    expect(formatIPv4(0xc0a8fa02)).toBe('192.168.250.2');
  });

  it.each([
    ['192.168.250', /exactly four numbers/],
    ['192.168.250.256', /each part must be 0–255/],
    ['192.168.250.02', /without leading zeros/],
    ['192.168.x.2', /whole number/],
    ['', /empty/],
  ])('refuses %j with a reason that says the fix', (text, reason) => {
    const r = parseIPv4(text, 'Filter rule IP address');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatch(reason);
      expect(r.error).toMatch(/^Filter rule IP address/);
    }
  });

  it('formatting and parsing round-trip for every address', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 0xffffffff }), (n) => {
      expect(parseIPv4(formatIPv4(n))).toEqual({ ok: true, value: n });
    }));
  });
});

describe('parseMask', () => {
  it('§2-2-1 accepts the masks of the guideline example', () => {
    expect(parseMask('255.255.255.255')).toEqual({ ok: true, value: 0xffffffff });
    expect(parseMask('255.255.255.0')).toEqual({ ok: true, value: 0xffffff00 });
  });

  it('refuses a non-contiguous mask and says what a mask must look like', () => {
    const r = parseMask('255.0.255.0');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/not contiguous.*255\.255\.255\.0/);
  });

  it('a mask is contiguous exactly when it is a prefix mask', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (m) => {
        const isPrefix = Array.from({ length: 33 }, (_, len) => prefixMask(len)).includes(m >>> 0);
        expect(isContiguousMask(m)).toBe(isPrefix);
      }),
    );
  });

  it('counts the prefix length of every prefix mask', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 32 }), (len) => {
      expect(maskPrefixLength(prefixMask(len))).toBe(len);
    }));
  });
});

describe('matchesRule', () => {
  it('§2-2-1 192.168.250.2 / 255.255.255.255 admits that one node only', () => {
    const r = rule('192.168.250.2', '255.255.255.255');
    expect(matchesRule(ip('192.168.250.2'), r)).toBe(true);
    expect(matchesRule(ip('192.168.250.3'), r)).toBe(false);
  });

  it('§2-2-1 192.168.250.0 / 255.255.255.0 admits 192.168.250.0 to 192.168.250.255', () => {
    const r = rule('192.168.250.0', '255.255.255.0');
    for (const inside of ['192.168.250.0', '192.168.250.77', '192.168.250.255']) expect(matchesRule(ip(inside), r)).toBe(true);
    for (const outside of ['192.168.249.255', '192.168.251.0', '10.0.0.1']) expect(matchesRule(ip(outside), r)).toBe(false);
  });

  it('§2-2-1 equals the bitwise definition for random addresses and prefix masks', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 32 }), (a, r, len) => {
        const mask = prefixMask(len);
        expect(matchesRule(a, { ip: r, mask })).toBe(matchesByOctets(a, r, mask));
      }),
    );
  });

  it('§2-2-1 equals the bitwise definition for any mask bits and for addresses inside the rule', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 0xffffffff }), (a, r, mask) => {
        expect(matchesRule(a, { ip: r, mask })).toBe(matchesByOctets(a, r, mask));
        // Same network bits, any host bits: always inside.
        const inside = ((r & mask) | (a & ~mask)) >>> 0;
        expect(matchesRule(inside, { ip: r, mask })).toBe(true);
      }),
    );
  });
});
