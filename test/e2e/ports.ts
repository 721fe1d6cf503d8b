/**
 * The ports the browser tests' servers listen on. Each checkout gets its own block of ten, taken
 * from a hash of its folder, so a second checkout on the same machine (a CI run beside a working
 * copy) never meets this one's servers; E2E_PORT sets the block's first port by hand.
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';

const CHECKOUT = resolve(import.meta.dirname, '../..');
/** Blocks start at 11000–19990: below Linux's ephemeral range (32768+), clear of common services. */
const blockOf = (folder: string): number => 11_000 + (createHash('sha256').update(folder).digest().readUInt32BE(0) % 900) * 10;

const FIRST = Number(process.env.E2E_PORT ?? blockOf(CHECKOUT));

export const E2E_PORTS = {
  /** The static course (astro preview). */
  static: FIRST,
  /** The served course (npm start). */
  served: FIRST + 1,
  /** kill-mid-save.spec.ts's own server, which it kills and restarts. */
  killMidSave: FIRST + 5,
} as const;
