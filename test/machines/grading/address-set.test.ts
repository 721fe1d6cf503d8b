import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Cube, cubeMinus, cubeOf, cubeSize, describeCube, difference, inCube, sizeOf } from '../../../machines/grading/address-set.ts';
import { isContiguousMask, parseIPv4 } from '../../../machines/eip/ip-address.ts';

const ip = (s: string): number => {
  const r = parseIPv4(s);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

const inUnion = (address: number, cubes: readonly Cube[]) => cubes.some((c) => inCube(address, c));

/** Any rule: any address, any mask — contiguous or not. */
const anyCube = fc.tuple(fc.nat({ max: 0xffffffff }), fc.nat({ max: 0xffffffff })).map(([a, m]) => cubeOf(a, m));
const anyAddress = fc.nat({ max: 0xffffffff });

/** Rules inside 10.0.0.0/24 (top 24 bits fixed), so a brute force over 256 addresses is exact. */
const smallCube = fc.tuple(fc.nat({ max: 255 }), fc.nat({ max: 255 })).map(([a, m]) => cubeOf(ip('10.0.0.0') + a, (0xffffff00 | m) >>> 0));

describe('address sets: exact set difference of filter rules', () => {
  it('an address is in A − B exactly when it is in A and not in B (any masks)', () => {
    fc.assert(
      fc.property(fc.array(anyCube, { maxLength: 4 }), fc.array(anyCube, { maxLength: 4 }), fc.array(anyAddress, { minLength: 1, maxLength: 20 }), (a, b, probes) => {
        const d = difference(a, b);
        // Probe random addresses and the corners of every cube, where mistakes would show.
        const corners = [...a, ...b].flatMap((c) => [c.bits, (c.bits | ~c.mask) >>> 0]);
        for (const x of [...probes, ...corners]) expect(inUnion(x, d)).toBe(inUnion(x, a) && !inUnion(x, b));
      }),
    );
  });

  it('the size of A − B is the brute-force count (rules within one /24, non-contiguous masks included)', () => {
    fc.assert(
      fc.property(fc.array(smallCube, { maxLength: 5 }), fc.array(smallCube, { maxLength: 5 }), (a, b) => {
        let brute = 0;
        for (let host = 0; host < 256; host++) {
          const x = ip('10.0.0.0') + host;
          if (inUnion(x, a) && !inUnion(x, b)) brute++;
        }
        expect(sizeOf(difference(a, b))).toBe(brute);
      }),
    );
  });

  it('the pieces of a difference never overlap', () => {
    fc.assert(
      fc.property(fc.array(smallCube, { maxLength: 5 }), fc.array(smallCube, { maxLength: 3 }), (a, b) => {
        const d = difference(a, b);
        for (let host = 0; host < 256; host++) expect(d.filter((c) => inCube(ip('10.0.0.0') + host, c)).length).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('a prefix minus a prefix splits into prefixes (readable as ranges)', () => {
    fc.assert(
      fc.property(anyAddress, fc.integer({ min: 0, max: 32 }), anyAddress, fc.integer({ min: 0, max: 32 }), (a, la, b, lb) => {
        const mask = (n: number) => (n === 0 ? 0 : (0xffffffff << (32 - n)) >>> 0);
        for (const piece of cubeMinus(cubeOf(a, mask(la)), cubeOf(b, mask(lb)))) expect(isContiguousMask(piece.mask)).toBe(true);
      }),
    );
  });

  it('the issue’s wide rules: /26 and /16 less the listed hosts', () => {
    const wide = [cubeOf(ip('192.168.250.0'), ip('255.255.255.192')), cubeOf(ip('172.16.0.0'), ip('255.255.0.0'))];
    const listed = ['192.168.250.11', '192.168.250.34', '172.16.5.20'].map((h) => cubeOf(ip(h), 0xffffffff));
    expect(sizeOf(difference(wide, listed))).toBe(64 - 2 + 65536 - 1);
    expect(sizeOf(difference(listed, wide))).toBe(0);
  });

  it('describes cubes in words: one address, a range, or an address with a gapped mask', () => {
    expect(describeCube(cubeOf(ip('192.168.250.7'), 0xffffffff))).toBe('192.168.250.7');
    expect(describeCube(cubeOf(ip('192.168.250.0'), ip('255.255.255.192')))).toBe('192.168.250.0 to 192.168.250.63');
    expect(describeCube(cubeOf(ip('192.168.0.7'), ip('255.255.0.255')))).toBe('192.168.0.7 with mask 255.255.0.255');
    expect(cubeSize(cubeOf(0, 0))).toBe(2 ** 32);
  });
});
