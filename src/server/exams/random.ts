/**
 * The randomness of an exam attempt, from one secret seed string: which items are drawn, the
 * order of items and options, the opaque ids, and each performance item's lab variant.
 *
 * Pure and deterministic: the same seed gives the same attempt, so a stored attempt can be
 * re-derived and tests can pin draws. The seed must come from a cryptographic source and stay on
 * the server (`newAttemptSeed` in attempt-seed.server.ts gives 128 random bits): the opaque ids
 * are a function of the seed and the position only, never of a bank id, so without the seed
 * nothing links an opaque id to an item or an option.
 */

/**
 * cyrb128: four 32-bit hashes of a string, used to spread a seed string over the 128-bit state
 * of sfc32. Not cryptographic; the seed's own entropy is what keeps ids unguessable.
 */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** A seeded source of 32-bit unsigned integers (sfc32 over a 128-bit state). */
export interface Random {
  /** The next unsigned 32-bit integer. */
  next(): number;
  /** A whole number in [0, n). */
  below(n: number): number;
}

/** A seeded generator for one purpose of one attempt (`purpose` keeps streams independent). */
export function randomFor(seed: string, purpose: string): Random {
  let [a, b, c, d] = cyrb128(`${purpose}\u0000${seed}`);
  const next = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t;
  };
  // Warm-up: the first outputs of sfc32 still echo the seed's structure.
  for (let i = 0; i < 15; i++) next();
  return { next, below: (n) => Math.floor((next() / 4294967296) * n) };
}

/** A shuffled copy (Fisher–Yates). */
export function shuffled<T>(list: readonly T[], random: Random): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.below(i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const TOKEN_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Length of an opaque id after its one-letter kind prefix (about 74 bits). */
export const TOKEN_LENGTH = 15;

/**
 * Opaque ids for one attempt: `i-…` for items, `o-…` for options, steps, prompts and choices.
 * Unique within the attempt; their letters come from the seeded stream, nothing else.
 */
export function tokenMaker(seed: string): (kind: 'i' | 'o') => string {
  const random = randomFor(seed, 'tokens');
  const used = new Set<string>();
  return (kind) => {
    for (;;) {
      let token = `${kind}-`;
      for (let i = 0; i < TOKEN_LENGTH; i++) token += TOKEN_ALPHABET[random.below(TOKEN_ALPHABET.length)];
      if (!used.has(token)) {
        used.add(token);
        return token;
      }
    }
  };
}

/** The pattern every opaque id matches. */
export const OPAQUE_ID = new RegExp(`^[io]-[${TOKEN_ALPHABET}]{${TOKEN_LENGTH}}$`);
