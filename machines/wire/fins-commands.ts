/** The real FINS command behind each of our operations, with its parameters. */

import { MEMORY_AREA_CODES, PARAMETER_AREA_CODES, RUN_MODE_CODES } from './fins-codes.ts';
import { toBcd } from '../cpu/bcd.ts';
import { readWallClock } from '../cpu/clock.ts';
import type { Operation } from '../model.ts';
import { type FinsCommand, FinsEncodeError } from './fins-frames.ts';

/** ASSUMPTION: words asked for by a PARAMETER AREA READ of the PLC Setup (one block). */
export const PARAMETER_READ_WORDS = 0x0200;
/** ASSUMPTION: bytes per PROGRAM AREA READ/WRITE block; the tools move a program in several. */
export const PROGRAM_BLOCK_BYTES = 0x0200;
/** ASSUMPTION: error log records asked for by ERROR LOG READ (as many as the log holds). */
export const ERROR_LOG_RECORDS = 20;
/** CONTROLLER DATA READ data selector 00: model, version and area data (the nmap probe sends it). */
export const CONTROLLER_DATA_SELECTOR = 0x00;
/** Program number FFFF: the whole user program. */
export const ALL_PROGRAMS = 0xffff;

/** Big-endian bytes of each value at its size (1, 2 or 4 bytes). */
export function bytesOf(...values: Array<[value: number, size: 1 | 2 | 4]>): Uint8Array {
  const size = values.reduce((sum, [, s]) => sum + s, 0);
  const out = new Uint8Array(size);
  let i = 0;
  for (const [v, s] of values) {
    for (let k = s - 1; k >= 0; k--) out[i++] = (v >>> (8 * k)) & 0xff;
  }
  return out;
}

/** Two byte arrays one after the other. */
export function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** `operation` is the operation kind ("memory.read"), `field` the value's name in it ("count"). */
function check16(operation: string, field: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xffff) {
    const reason = `${field} is ${value}; FINS carries it in 16 bits, so it must be a whole number 0–65535.`;
    throw new FinsEncodeError(`${operation} ${reason}`, reason);
  }
}

/** A block of serialised data with the "last block" flag (bit 15) when it all fits. */
export function block(text: string, limit: number, unit: 1 | 2): { data: Uint8Array; count: number } {
  let data: Uint8Array = new TextEncoder().encode(text);
  const complete = data.length <= limit;
  if (!complete) data = data.slice(0, limit);
  if (unit === 2 && data.length % 2 === 1) data = concat(data, new Uint8Array(1));
  const count = data.length / unit;
  return { data, count: complete ? count | 0x8000 : count };
}

/** CLOCK WRITE parameters from an ISO date-time: BCD year (2 digits), month, day, hour, minute, second, weekday. */
function clockParams(at: string): Uint8Array {
  // ASSUMPTION: the wall-clock digits as written are what the CPU gets; a zone suffix is ignored.
  const read = readWallClock(at);
  if (!read.ok) {
    const reason = read.problem === 'format' ? `at is "${at}"; give an ISO date-time such as 2026-03-01T08:30:00.` : `at is "${at}", which is not a real date and time.`;
    throw new FinsEncodeError(`clock.write: ${reason}`, reason);
  }
  const d = read.date;
  const fields = [d.getUTCFullYear() % 100, d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCDay()];
  return Uint8Array.from(fields.map(toBcd));
}

/**
 * The real FINS command behind an operation, or null when FINS has no equivalent (user
 * management, the operation log, FTP files, SNMP, tag data links and Restart Unit belong to the
 * EIP21S and its other protocols). Throws a RangeError naming the field when a value cannot be
 * carried (an address beyond 16 bits, a date that does not exist).
 */
export function finsCommandFor(operation: Operation): FinsCommand | null {
  switch (operation.kind) {
    case 'controller.read':
      // The data selector real tools send (the nmap probe in the facts file): 00 asks for the
      // model, version and area data; the response layout is CONTROLLER_DATA_FIELDS.
      return { mrc: 0x05, src: 0x01, params: bytesOf([CONTROLLER_DATA_SELECTOR, 1]) };
    case 'memory.read': {
      check16('memory.read', 'address', operation.address);
      check16('memory.read', 'count', operation.count);
      const params = bytesOf([MEMORY_AREA_CODES[operation.area], 1], [operation.address, 2], [0, 1], [operation.count, 2]);
      return { mrc: 0x01, src: 0x01, params };
    }
    case 'memory.write': {
      check16('memory.write', 'address', operation.address);
      check16('memory.write', 'count (values.length)', operation.values.length);
      operation.values.forEach((v, i) => {
        check16('memory.write', `values[${i}]`, v);
      });
      const head = bytesOf([MEMORY_AREA_CODES[operation.area], 1], [operation.address, 2], [0, 1], [operation.values.length, 2]);
      const words = bytesOf(...operation.values.map((v): [number, 2] => [v, 2]));
      return { mrc: 0x01, src: 0x02, params: concat(head, words) };
    }
    case 'parameters.read':
      return {
        mrc: 0x02,
        src: 0x01,
        params: bytesOf([PARAMETER_AREA_CODES.plcSetup, 2], [0, 2], [PARAMETER_READ_WORDS, 2]),
      };
    case 'parameters.write': {
      // ASSUMPTION: the simulator has no real PLC Setup layout; the settings travel as sorted JSON text.
      const sorted = Object.fromEntries(Object.entries(operation.settings).sort(([a], [b]) => a.localeCompare(b)));
      const { data, count } = block(JSON.stringify(sorted), PROGRAM_BLOCK_BYTES, 2);
      return { mrc: 0x02, src: 0x02, params: concat(bytesOf([PARAMETER_AREA_CODES.plcSetup, 2], [0, 2], [count, 2]), data) };
    }
    case 'program.read':
      // ASSUMPTION: FINS reads the program area as a whole; which tasks are wanted matters only
      // to the simulator's task read protection.
      return { mrc: 0x03, src: 0x06, params: bytesOf([ALL_PROGRAMS, 2], [0, 4], [PROGRAM_BLOCK_BYTES, 2]) };
    case 'program.write':
    case 'program.editTasks': {
      // ASSUMPTION: a task download or online edit is shown as PROGRAM AREA WRITE too; real
      // programs are instruction words, ours travel as JSON text (first block only).
      const body = operation.kind === 'program.write' ? operation.program : { tasks: operation.tasks };
      const { data, count } = block(JSON.stringify(body), PROGRAM_BLOCK_BYTES, 1);
      return { mrc: 0x03, src: 0x07, params: concat(bytesOf([ALL_PROGRAMS, 2], [0, 4], [count, 2]), data) };
    }
    case 'memory.clearAll':
      // ASSUMPTION: Memory All Clear is shown as PROGRAM AREA CLEAR (clear code 0x00).
      return { mrc: 0x03, src: 0x08, params: bytesOf([ALL_PROGRAMS, 2], [0, 1]) };
    case 'mode.set':
      // ASSUMPTION: STOP carries no parameters, as in the layout Wireshark's dissector decodes
      // (the FINS command reference it follows); RUN carries the program number and mode.
      return operation.mode === 'PROGRAM'
        ? { mrc: 0x04, src: 0x02, params: new Uint8Array(0) }
        : { mrc: 0x04, src: 0x01, params: bytesOf([ALL_PROGRAMS, 2], [RUN_MODE_CODES[operation.mode], 1]) };
    case 'clock.read':
      return { mrc: 0x07, src: 0x01, params: new Uint8Array(0) };
    case 'clock.write':
      return { mrc: 0x07, src: 0x02, params: clockParams(operation.at) };
    case 'name.read':
      return { mrc: 0x26, src: 0x03, params: new Uint8Array(0) };
    case 'errorLog.read':
      return { mrc: 0x21, src: 0x02, params: bytesOf([0, 2], [ERROR_LOG_RECORDS, 2]) };
    case 'users.list':
    case 'users.manage':
    case 'password.changeOwn':
    case 'log.read':
    case 'file.read':
    case 'file.write':
    case 'snmp.get':
    case 'tags.exchange':
    case 'unit.restart':
      return null;
    default: {
      const unknown: never = operation;
      throw new Error(`finsCommandFor: unknown operation ${JSON.stringify(unknown)}`);
    }
  }
}
