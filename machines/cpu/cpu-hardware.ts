/**
 * What a CPU model is made of, as far as the simulator needs: its series, which of the CPU's
 * own security functions it has (§1-5 tables), and where things live in I/O memory, above all
 * the Auxiliary Area words of §2-5-4 and §2-5-5.
 */
import type { CpuModelId, MemoryArea, ProgramProtection } from '../model.ts';

// ─── What each model offers (mirrors the §1-5 tables; kept here so the CPU files need no catalog) ───

/** The CPU series a model belongs to. */
export type CpuSeries = 'CS' | 'CJ' | 'CP';

/** The series of a model, from its name ("CJ2H-EIP" → "CJ"). */
export function cpuSeries(model: CpuModelId): CpuSeries {
  return model.slice(0, 2) as CpuSeries;
}

/** §2-3-2 / §1-5: only CJ-series CPU Units register a PLC name. */
export function hasPlcName(model: CpuModelId): boolean {
  return cpuSeries(model) === 'CJ';
}

/** §2-5-1 / §1-5-2: CP1E and CP2E have no DIP switch write protection. */
export function hasDipWriteProtection(model: CpuModelId): boolean {
  return model !== 'CP1E' && model !== 'CP2E';
}

/** §2-5-3 / §1-5-2: CP1L, CP1E and CP2E have no FINS write protection. */
export function hasFinsWriteProtection(model: CpuModelId): boolean {
  return model !== 'CP1L' && model !== 'CP1E' && model !== 'CP2E';
}

// ─── Memory layout ───

/** I/O memory: one sparse record of 16-bit words per area; absent words read as 0. */
export type IoMemory = Record<MemoryArea, Readonly<Record<number, number>>>;

/** The areas a memory card or a memory write may fill (the Auxiliary Area is the CPU's own). */
export type WritableArea = Exclude<MemoryArea, 'A'>;

/**
 * Words per area. ASSUMPTION: the common CS/CJ sizes (CIO 0–6143, W 0–511, H 0–511,
 * D 0–32767, A 0–959) for every model; real CP and CJ2 sizes differ a little.
 */
export const AREA_SIZES: Readonly<Record<MemoryArea, number>> = { CIO: 6144, W: 512, H: 512, D: 32768, A: 960 };

/** The largest value a word holds; FINS also carries addresses and counts in one word. */
export const WORD_MAX = 0xffff;

/** Auxiliary Area addresses the simulator keeps up to date (facts file; §2-5-5). */
export const AUX = {
  /** §2-5-5: A90–A93, user program overwrite date and time (BCD). */
  programOverwriteTime: 90,
  /** §2-5-5: A94–A97, parameter area overwrite date and time (BCD). */
  parameterOverwriteTime: 94,
  /** A99: .00 UM read-protected, .01 task read-protected, .02 overwriting prohibited. */
  protectionFlags: 99,
  /** A351–A354: the clock, same layout as the overwrite times. */
  clock: 351,
} as const;

/**
 * First of the two words holding the production lot number (§2-5-4).
 * CJ2: A100 (facts ⚠ "addressing as printed"); CP1L: A310/A311 (facts).
 * ASSUMPTION: CS uses A100 like CJ; CP1H, CP1E and CP2E use A310 like CP1L.
 */
export function lotNumberAddress(model: CpuModelId): number {
  return cpuSeries(model) === 'CP' ? 310 : 100;
}

/**
 * The two lot-number words, keyed by address. The digits are padded on the right to eight
 * and stored as BCD nibbles: the first four in the second word, the rest in the first
 * (facts: lot 080620 → 0806 and 2000). ASSUMPTION: the same scheme for every series.
 */
export function lotNumberWords(model: CpuModelId, lotNumber: string): Record<number, number> {
  const digits = lotNumber.padEnd(8, '0');
  const base = lotNumberAddress(model);
  return { [base]: Number.parseInt(digits.slice(4, 8), 16), [base + 1]: Number.parseInt(digits.slice(0, 4), 16) };
}


/** Reads `count` words from an area; absent words read as 0. */
export function readWords(memory: IoMemory, area: MemoryArea, address: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => memory[area][address + i] ?? 0);
}

/** The A99 word for the protection in effect: .00 UM, .01 task read protection, .02 overwriting prohibited. */
export function protectionFlagsWord(p: ProgramProtection): number {
  const um = p.umPassword !== null;
  const task = Object.keys(p.taskPasswords).length > 0;
  // ASSUMPTION: .02 shows only when the prohibition has something to protect.
  const prohibited = p.prohibitOverwrite && (um || task);
  return (um ? 1 : 0) | (task ? 2 : 0) | (prohibited ? 4 : 0);
}
