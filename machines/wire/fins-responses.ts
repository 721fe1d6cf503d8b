/** The data of normal FINS responses, in the layouts Wireshark's FINS dissector decodes. */

import { PARAMETER_AREA_CODES } from './fins-codes.ts';
import { encodeTimestamp } from '../cpu/bcd.ts';
import { CPU_MODELS } from '../catalog/catalog.ts';
import { AREA_SIZES } from '../cpu/cpu-hardware.ts';
import type { ClockReadResult, ControllerData, MemoryReadResult, ProgramReadResult } from '../cpu/cpu-effects.ts';
import type { ErrorEntry } from '../cpu/cpu-unit.machine.ts';
import type { CpuModelId, Operation } from '../model.ts';
import {
  PARAMETER_READ_WORDS,
  PROGRAM_BLOCK_BYTES,
  ERROR_LOG_RECORDS,
  ALL_PROGRAMS,
  bytesOf,
  concat,
  block,
  finsCommandFor,
} from './fins-commands.ts';

/**
 * The CONTROLLER DATA READ answer to data selector 00, field by field (bytes, in wire order):
 * model and version as space-padded ASCII, 40 bytes reserved for the system, then 12 bytes
 * of area data. Source: the layout `packet-omron-fins.c` and nmap's omron-info decode.
 */
export const CONTROLLER_DATA_FIELDS = [
  { field: 'controller model', bytes: 20 },
  { field: 'controller version', bytes: 20 },
  { field: 'for system use', bytes: 40 },
  { field: 'program area size', bytes: 2 },
  { field: 'I/O memory size', bytes: 1 },
  { field: 'DM words', bytes: 2 },
  { field: 'timer/counter size', bytes: 1 },
  { field: 'expansion DM banks', bytes: 1 },
  { field: 'steps/transitions', bytes: 2 },
  { field: 'memory card kind', bytes: 1 },
  { field: 'memory card size', bytes: 2 },
] as const;

/**
 * ASSUMPTION: the simulator does not model these, so every CPU Unit reports the same: unit
 * version text "V2.0" (the version FINS write protection needs, facts file), program area
 * 20 K steps, 8 K words of I/O memory, 8 K timers/counters, no expansion DM, no SFC steps and
 * no memory card. DM words come from the simulator's own D area size.
 */
const CONTROLLER_AREA_DATA = {
  version: 'V2.0',
  programAreaKSteps: 20,
  ioMemoryKWords: 8,
  timerCounterK: 8,
  expansionDmBanks: 0,
  steps: 0,
  cardKind: 0,
  cardKBytes: 0,
} as const;

/** Words of the D area, as CONTROLLER DATA READ reports them (the simulator's D area size). */
const DM_WORDS = AREA_SIZES.D;

/** The 20 characters CONTROLLER DATA READ gives as the CPU model. */
function modelText(model: CpuModelId): string {
  // ASSUMPTION: the catalogue's first model-number pattern, each □ (a digit or letter the
  // simulator does not choose) sent as "*".
  return (CPU_MODELS[model].modelNumbers[0] ?? model).replaceAll('□', '*');
}

/** `text` as ASCII, cut or padded with spaces (0x20) to `size` bytes. */
function asciiField(text: string, size: number): Uint8Array {
  const out = new Uint8Array(size).fill(0x20);
  for (let i = 0; i < Math.min(size, text.length); i++) out[i] = text.charCodeAt(i) & 0x7f;
  return out;
}

function controllerData(data: ControllerData): Uint8Array {
  const a = CONTROLLER_AREA_DATA;
  return concatAll(
    asciiField(modelText(data.model), 20),
    asciiField(a.version, 20),
    new Uint8Array(40),
    bytesOf(
      [a.programAreaKSteps, 2],
      [a.ioMemoryKWords, 1],
      [DM_WORDS, 2],
      [a.timerCounterK, 1],
      [a.expansionDmBanks, 1],
      [a.steps, 2],
      [a.cardKind, 1],
      [a.cardKBytes, 2],
    ),
  );
}

/**
 * ASSUMPTION: NAME READ answers with the name data field of the FINS command reference that
 * Wireshark follows: 8 ASCII characters, padded with spaces. The simulator allows names of up
 * to 16 characters (cpu-validation.ts); only the first 8 travel, and no name is 8 spaces.
 */
export const NAME_DATA_BYTES = 8;

/** ASSUMPTION: the CPU keeps at most 20 error log records (the CS/CJ error log area's size). */
export const ERROR_LOG_CAPACITY = 20;

/** One error log record: error code, detail code, then minute, second, day, hour, year, month in BCD. */
function errorRecord(entry: ErrorEntry): Uint8Array {
  const [minSec, dayHour, yearMonth] = encodeTimestamp(entry.at);
  // ASSUMPTION: the simulator keeps no detail code; it is sent as 0000.
  return bytesOf([entry.code & 0xffff, 2], [0, 2], [minSec, 2], [dayHour, 2], [yearMonth, 2]);
}

/** ASSUMPTION: records go oldest first, the newest ERROR_LOG_CAPACITY of the history. */
function errorLogData(entries: readonly ErrorEntry[]): Uint8Array {
  const stored = entries.slice(-ERROR_LOG_CAPACITY);
  const sent = stored.slice(0, ERROR_LOG_RECORDS);
  return concatAll(bytesOf([ERROR_LOG_CAPACITY, 2], [stored.length, 2], [sent.length, 2]), ...sent.map(errorRecord));
}

function wordBytes(words: readonly number[]): Uint8Array {
  return bytesOf(...words.map((w): [number, 2] => [w & 0xffff, 2]));
}

function concatAll(...parts: Uint8Array[]): Uint8Array {
  return parts.reduce((acc, part) => concat(acc, part), new Uint8Array(0));
}

/**
 * The data that follows the end code in a normal response to `operation`, given what the
 * CPU Unit returned (cpu-effects.ts `readData`):
 * - 0101 MEMORY AREA READ: the words read.
 * - 0201 PARAMETER AREA READ: area code, first word, word count (ASSUMPTION: bit 15 = last
 *   block, as in 0202), then the data — ASSUMPTION: the PLC Setup as sorted JSON text, like
 *   0202 sends it.
 * - 0306 PROGRAM AREA READ: program number, first word, byte count (bit 15 = last block), then
 *   the program — ASSUMPTION: as JSON text, like 0307 sends it (first block only).
 * - 0307 PROGRAM AREA WRITE: program number, first word and byte count repeated.
 * - 0501 CONTROLLER DATA READ: CONTROLLER_DATA_FIELDS.
 * - 0701 CLOCK READ: year, month, day, hour, minute, second, day of week, one BCD byte each.
 * - 2102 ERROR LOG READ: records the log can hold, records stored, records sent, then 10 bytes
 *   per record (error code, detail, minute, second, day, hour, year, month).
 * - 2603 NAME READ: the name, NAME_DATA_BYTES characters.
 * Every other command answers with the end code alone. Missing data gives an empty read.
 */
export function responseDataFor(operation: Operation, result: unknown): Uint8Array {
  const command = finsCommandFor(operation);
  if (!command) return new Uint8Array(0);
  switch (operation.kind) {
    case 'memory.read': {
      const data = result as MemoryReadResult | undefined;
      return data && 'words' in data ? wordBytes(data.words) : new Uint8Array(0);
    }
    case 'parameters.read': {
      const settings = (result ?? {}) as Record<string, unknown>;
      const sorted = Object.fromEntries(Object.entries(settings).sort(([a], [b]) => a.localeCompare(b)));
      const { data, count } = block(JSON.stringify(sorted), PARAMETER_READ_WORDS * 2, 2);
      return concatAll(bytesOf([PARAMETER_AREA_CODES.plcSetup, 2], [0, 2], [count, 2]), data);
    }
    case 'program.read': {
      const read = result as ProgramReadResult | undefined;
      const body = read && 'tasks' in read ? read : { tasks: [] };
      const { data, count } = block(JSON.stringify(body), PROGRAM_BLOCK_BYTES, 1);
      return concatAll(bytesOf([ALL_PROGRAMS, 2], [0, 4], [count, 2]), data);
    }
    case 'program.write':
    case 'program.editTasks':
      return command.params.slice(0, 8);
    case 'controller.read':
      return result ? controllerData(result as ControllerData) : new Uint8Array(0);
    case 'clock.read': {
      const data = result as ClockReadResult | undefined;
      if (!data) return new Uint8Array(0);
      const [minSec, dayHour, yearMonth, weekday] = encodeTimestamp(data.clock);
      return bytesOf([yearMonth, 2], [dayHour >> 8, 1], [dayHour & 0xff, 1], [minSec, 2], [weekday, 1]);
    }
    case 'errorLog.read':
      return errorLogData((result ?? []) as readonly ErrorEntry[]);
    case 'name.read': {
      const name = (result as { plcName?: string | null } | undefined)?.plcName ?? '';
      return asciiField(name, NAME_DATA_BYTES);
    }
    default:
      return new Uint8Array(0);
  }
}
