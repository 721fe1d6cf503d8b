/**
 * Exact sets of IPv4 source addresses, for judging what an IP packet filter admits (§2-2-1).
 *
 * A filter rule admits every address `a` with `a & mask == ip & mask`: a *cube* over the 32 bits
 * — the bits the mask keeps are fixed, the others are free. A set is a union of cubes. Set
 * difference is computed exactly by splitting cubes bit by bit (no sampling), and works for
 * non-contiguous masks too, even though the unit only accepts contiguous ones.
 *
 * Pure arithmetic on unsigned 32-bit numbers; no parsing (see ip-address.ts).
 */
import { formatIPv4, isContiguousMask } from '../eip/ip-address.ts';

/** The addresses `a` with `(a & mask) === bits`: `bits` has no one-bit outside `mask`. */
export interface Cube {
  /** The bits that are fixed (a one = fixed), as an unsigned 32-bit number. */
  mask: number;
  /** The values of the fixed bits (zero on every free bit). */
  bits: number;
}

/** The cube a filter rule admits: `ip` and `mask` as unsigned 32-bit numbers. */
export function cubeOf(ip: number, mask: number): Cube {
  const m = mask >>> 0;
  return { mask: m, bits: (ip & m) >>> 0 };
}

/** Whether an address is in the cube. */
export function inCube(address: number, cube: Cube): boolean {
  return ((address & cube.mask) >>> 0) === cube.bits;
}

function popcount(n: number): number {
  let v = n >>> 0;
  let count = 0;
  while (v !== 0) {
    v &= v - 1;
    count++;
  }
  return count;
}

/** How many addresses a cube holds: 2 to the number of free bits. */
export function cubeSize(cube: Cube): number {
  return 2 ** (32 - popcount(cube.mask));
}

/** Whether two cubes share an address: they agree on every bit both fix. */
function intersects(a: Cube, b: Cube): boolean {
  return ((a.bits ^ b.bits) & a.mask & b.mask) >>> 0 === 0;
}

/**
 * `a` minus `b`, as disjoint cubes. Each bit `b` fixes and `a` leaves free is tried from the most
 * significant: the part of `a` that takes the other value of that bit lies outside `b`; the rest
 * continues with the bit fixed to `b`'s value. With contiguous masks the pieces stay contiguous.
 */
export function cubeMinus(a: Cube, b: Cube): Cube[] {
  if (!intersects(a, b)) return [a];
  const out: Cube[] = [];
  let rest = a;
  for (let bit = 31; bit >= 0; bit--) {
    const m = (1 << bit) >>> 0;
    if ((b.mask & m) === 0 || (rest.mask & m) !== 0) continue;
    const mask = (rest.mask | m) >>> 0;
    out.push({ mask, bits: ((rest.bits | (~b.bits & m)) & mask) >>> 0 });
    rest = { mask, bits: ((rest.bits | (b.bits & m)) & mask) >>> 0 };
  }
  return out;
}

/** The addresses in some cube of `a` and in no cube of `b`, as disjoint cubes. */
export function difference(a: readonly Cube[], b: readonly Cube[]): Cube[] {
  let pieces: Cube[] = [];
  // Make `a` disjoint first, so sizes add up: each cube minus those before it.
  for (const [i, cube] of a.entries()) {
    let own = [cube];
    for (const earlier of a.slice(0, i)) own = own.flatMap((p) => cubeMinus(p, earlier));
    pieces.push(...own);
  }
  for (const taken of b) pieces = pieces.flatMap((p) => cubeMinus(p, taken));
  return pieces;
}

/** How many addresses a set of disjoint cubes holds. */
export function sizeOf(cubes: readonly Cube[]): number {
  return cubes.reduce((sum, c) => sum + cubeSize(c), 0);
}

/** The lowest address of a cube (every free bit zero). */
export function lowest(cube: Cube): number {
  return cube.bits;
}

/** The highest address of a cube (every free bit one). */
export function highest(cube: Cube): number {
  return (cube.bits | ~cube.mask) >>> 0;
}

/**
 * A cube in words a learner reads: "192.168.250.7" for one address, "192.168.250.0 to
 * 192.168.250.63" for a block, or the address and mask when the mask has gaps.
 */
export function describeCube(cube: Cube): string {
  if (cubeSize(cube) === 1) return formatIPv4(cube.bits);
  if (isContiguousMask(cube.mask)) return `${formatIPv4(lowest(cube))} to ${formatIPv4(highest(cube))}`;
  return `${formatIPv4(cube.bits)} with mask ${formatIPv4(cube.mask)}`;
}
