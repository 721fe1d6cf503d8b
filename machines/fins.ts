/**
 * FINS frames in and out: build and parse command/response frames, the FINS/TCP wrapper, the
 * real FINS command behind each of our operations, and a byte-by-byte description for lessons'
 * "on the wire" panels. Layouts: /work/shared/facts/fins-and-cpu.md (Wireshark
 * `packet-omron-fins.c`, the CJ reference manual). Pure: no sockets, no clock.
 */
import {
  commandInfo,
  decodeEndCode,
  FINS_HEADER_BYTES,
  FINS_MAX_FRAME_BYTES,
  FINS_TCP_COMMAND,
  FINS_TCP_COMMAND_NAMES,
  FINS_TCP_ERRORS,
  MEMORY_AREA_CODES,
  memoryAreaOf,
  PARAMETER_AREA_CODES,
  PARAMETER_AREA_NAMES,
  RUN_MODE_CODES,
} from './fins-codes.ts';
import { encodeTimestamp } from './bcd.ts';
import { CPU_MODELS } from './catalog.ts';
import { AREA_SIZES } from './cpu-hardware.ts';
import type { ClockReadResult, ControllerData, MemoryReadResult, ProgramReadResult } from './cpu-effects.ts';
import type { ErrorEntry } from './cpu-unit.machine.ts';
import { type CpuModelId, FINS_NODE_RANGE, isFinsNode, type Operation, type Origin, type Request } from './model.ts';

// Frame-size constants live in fins-codes.ts so the request path can use them without the encoder.
export { FINS_HEADER_BYTES, FINS_MAX_FRAME_BYTES, FINS_PORT } from './fins-codes.ts';

/** Bytes in the FINS/TCP wrapper header ('FINS', length, command, error code). */
export const FINS_TCP_HEADER_BYTES = 16;

/** The ten header bytes of every FINS frame, in wire order. */
export interface FinsHeader {
  /** Information control field: 0x80 gateway bit, 0x40 response, 0x01 no response wanted. */
  icf: number;
  /** Reserved, always 0. */
  rsv: number;
  /** Gateway count: how many bridges the frame may cross (0–7; clients send 2). */
  gct: number;
  /** Destination network (0 = local network). */
  dna: number;
  /** Destination node (0xFF = broadcast). */
  da1: number;
  /** Destination unit: 0x00 CPU Unit, 0xFE the network unit, 0x10–0x1F CPU Bus Units. */
  da2: number;
  /** Source network. */
  sna: number;
  /** Source node. */
  sa1: number;
  /** Source unit. */
  sa2: number;
  /** Service ID: the response repeats it so the sender can pair them. */
  sid: number;
}

/** A parsed command frame. */
export interface FinsCommandFrame extends FinsHeader {
  kind: 'command';
  mrc: number;
  src: number;
  params: Uint8Array;
}

/** A parsed response frame. */
export interface FinsResponseFrame extends FinsHeader {
  kind: 'response';
  mrc: number;
  src: number;
  /** MRES/SRES as one number, flag bits included (see decodeEndCode). */
  endCode: number;
  data: Uint8Array;
}

/** A parsed FINS frame; ICF bit 6 tells which kind. */
export type FinsFrame = FinsCommandFrame | FinsResponseFrame;

/** Fields for buildCommand; the usual client values are the defaults. */
export interface CommandFields {
  /** Default 0x80 (gateway bit, response wanted). */
  icf?: number;
  /** Default 0x00. */
  rsv?: number;
  /** Default 0x02. */
  gct?: number;
  /** Default 0 (local network). */
  dna?: number;
  da1: number;
  /** Default 0x00 (the CPU Unit). */
  da2?: number;
  /** Default 0 (local network). */
  sna?: number;
  sa1: number;
  /** Default 0x00. */
  sa2?: number;
  sid: number;
  mrc: number;
  src: number;
  /** Default: no parameters. */
  params?: Uint8Array;
}

/** A FINS command code with its parameters, as finsCommandFor returns it. */
export interface FinsCommand {
  mrc: number;
  src: number;
  params: Uint8Array;
}

/** Where a request frame goes: a FINS node and the unit address on it (default 0x00, the CPU Unit). */
export interface FinsDestination {
  node: number;
  unit?: number;
}

const HEADER_FIELDS = ['ICF', 'RSV', 'GCT', 'DNA', 'DA1', 'DA2', 'SNA', 'SA1', 'SA2', 'SID'] as const;
const ICF_RESERVED = 0x3e;
const ICF_RESPONSE = 0x40;

function hexByte(n: number): string {
  return `0x${n.toString(16).toUpperCase().padStart(2, '0')}`;
}

/** Bytes as spaced uppercase hex, e.g. "80 00 02". */
export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
}

/** Parses hex text ("80 00 02", "800002", "46494E53 0000000C"); throws naming the bad input. */
export function fromHex(text: string): Uint8Array {
  const digits = text.replace(/\s+/g, '');
  if (!/^[0-9a-fA-F]*$/.test(digits)) throw new Error(`fromHex: "${text}" holds characters other than hex digits and spaces.`);
  if (digits.length % 2 !== 0) throw new Error(`fromHex: "${text}" has an odd number of hex digits; every byte needs two.`);
  const out = new Uint8Array(digits.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(digits.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/**
 * Request data no FINS frame can carry. `message` names the request field for a developer;
 * `reason` says the same in words a learner reads ("count is 70000; FINS carries it in 16 bits…").
 */
export class FinsEncodeError extends RangeError {
  /** The problem without field paths, for learners. */
  readonly reason: string;
  constructor(message: string, reason: string) {
    super(message);
    this.reason = reason;
  }
}

function checkUint(field: string, value: number, max: number): void {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`FINS field ${field} is ${value}; it must be a whole number from 0 to ${max}.`);
  }
}

/** Header rules shared by build and parse; returns the problem in words, or null. */
function headerProblem(h: FinsHeader): string | null {
  if ((h.icf & ICF_RESERVED) !== 0) return `byte 0 (ICF) is ${hexByte(h.icf)}; bits 1–5 are reserved and must be 0.`;
  if (h.rsv !== 0) return `byte 1 (RSV) is ${hexByte(h.rsv)}; it is reserved and must be 0x00.`;
  if (h.gct > 7) return `byte 2 (GCT) is ${hexByte(h.gct)}; the gateway count must be 0x00–0x07 (clients send 0x02).`;
  if (h.dna > 0x7f) return `byte 3 (DNA) is ${hexByte(h.dna)}; a network address must be 0x00–0x7F.`;
  if (h.sna > 0x7f) return `byte 6 (SNA) is ${hexByte(h.sna)}; a network address must be 0x00–0x7F.`;
  return null;
}

function writeFrame(h: FinsHeader, mrc: number, src: number, tail: Uint8Array): Uint8Array {
  const out = new Uint8Array(FINS_HEADER_BYTES + 2 + tail.length);
  out.set([h.icf, h.rsv, h.gct, h.dna, h.da1, h.da2, h.sna, h.sa1, h.sa2, h.sid, mrc, src]);
  out.set(tail, 12);
  return out;
}

function resolveHeader(f: CommandFields): FinsHeader {
  const h: FinsHeader = {
    icf: f.icf ?? 0x80,
    rsv: f.rsv ?? 0,
    gct: f.gct ?? 0x02,
    dna: f.dna ?? 0,
    da1: f.da1,
    da2: f.da2 ?? 0,
    sna: f.sna ?? 0,
    sa1: f.sa1,
    sa2: f.sa2 ?? 0,
    sid: f.sid,
  };
  for (const name of HEADER_FIELDS) checkUint(name, h[name.toLowerCase() as keyof FinsHeader], 0xff);
  checkUint('MRC', f.mrc, 0xff);
  checkUint('SRC', f.src, 0xff);
  return h;
}

function checkLength(total: number): void {
  if (total > FINS_MAX_FRAME_BYTES) {
    throw new RangeError(`FINS frame would be ${total} bytes; FINS allows at most ${FINS_MAX_FRAME_BYTES}. Send the data in smaller blocks.`);
  }
}

/**
 * Builds a command frame. Throws a RangeError naming the field when a value does not fit its
 * byte, when ICF marks a response (bit 6) or sets reserved bits, or the frame is too long.
 */
export function buildCommand(fields: CommandFields): Uint8Array {
  const h = resolveHeader(fields);
  if ((h.icf & ICF_RESPONSE) !== 0) {
    throw new RangeError(`FINS field ICF is ${hexByte(h.icf)}; bit 6 (0x40) marks a response — clear it for a command.`);
  }
  const problem = headerProblem(h);
  if (problem) throw new RangeError(`FINS command: ${problem}`);
  const params = fields.params ?? new Uint8Array(0);
  checkLength(12 + params.length);
  return writeFrame(h, fields.mrc, fields.src, params);
}

/**
 * Builds the response to a command: source and destination swapped, same SID and command code,
 * then the two-byte end code and any data. `command` is what was given to buildCommand (or a
 * parsed command frame).
 */
export function buildResponse(command: CommandFields, endCode: number, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const c = resolveHeader(command);
  checkUint('end code', endCode, 0xffff);
  const h: FinsHeader = {
    icf: (c.icf & 0x80) | ICF_RESPONSE,
    rsv: 0,
    gct: c.gct,
    dna: c.sna,
    da1: c.sa1,
    da2: c.sa2,
    sna: c.dna,
    sa1: c.da1,
    sa2: c.da2,
    sid: c.sid,
  };
  const problem = headerProblem(h);
  if (problem) throw new RangeError(`FINS response: ${problem}`);
  checkLength(14 + data.length);
  const tail = new Uint8Array(2 + data.length);
  tail.set([endCode >> 8, endCode & 0xff]);
  tail.set(data, 2);
  return writeFrame(h, command.mrc, command.src, tail);
}

/** Result of parsing: the frame, or an error naming the byte or field at fault. */
export type ParseResult = { ok: true; frame: FinsFrame } | { ok: false; error: string };

/** Parses a FINS frame (without a FINS/TCP wrapper; see unwrapTcp). Never throws. */
export function parseFrame(bytes: Uint8Array): ParseResult {
  const n = bytes.length;
  if (n < FINS_HEADER_BYTES) {
    const missing = HEADER_FIELDS.slice(n).join(', ');
    return { ok: false, error: `Frame is ${n} bytes; a FINS header needs ${FINS_HEADER_BYTES}. Missing from byte ${n}: ${missing}.` };
  }
  if (n > FINS_MAX_FRAME_BYTES) {
    return { ok: false, error: `Frame is ${n} bytes; FINS allows at most ${FINS_MAX_FRAME_BYTES}.` };
  }
  const b = (i: number): number => bytes[i] ?? 0;
  const h: FinsHeader = {
    icf: b(0),
    rsv: b(1),
    gct: b(2),
    dna: b(3),
    da1: b(4),
    da2: b(5),
    sna: b(6),
    sa1: b(7),
    sa2: b(8),
    sid: b(9),
  };
  const problem = headerProblem(h);
  if (problem) return { ok: false, error: `Malformed FINS header: ${problem}` };
  if (n < 12) {
    const which = n === 10 ? 'MRC (byte 10) and SRC (byte 11) are' : 'SRC (byte 11) is';
    return { ok: false, error: `Frame ends after ${n} bytes; the command code is incomplete: ${which} missing.` };
  }
  const mrc = b(10);
  const src = b(11);
  if ((h.icf & ICF_RESPONSE) === 0) {
    return { ok: true, frame: { kind: 'command', ...h, mrc, src, params: bytes.slice(12) } };
  }
  if (n < 14) {
    return { ok: false, error: `Response ends after ${n} bytes; the end code (bytes 12–13, MRES and SRES) is missing.` };
  }
  const endCode = (b(12) << 8) | b(13);
  return { ok: true, frame: { kind: 'response', ...h, mrc, src, endCode, data: bytes.slice(14) } };
}

/** A FINS/TCP wrapper taken apart. */
export interface FinsTcpFrame {
  command: number;
  errorCode: number;
  payload: Uint8Array;
  /** Bytes this frame took from the input; a TCP stream's next frame starts there. */
  size: number;
}

function u32(bytes: Uint8Array, i: number): number {
  return (((bytes[i] ?? 0) << 24) | ((bytes[i + 1] ?? 0) << 16) | ((bytes[i + 2] ?? 0) << 8) | (bytes[i + 3] ?? 0)) >>> 0;
}

function putU32(out: Uint8Array, i: number, v: number): void {
  out[i] = (v >>> 24) & 0xff;
  out[i + 1] = (v >>> 16) & 0xff;
  out[i + 2] = (v >>> 8) & 0xff;
  out[i + 3] = v & 0xff;
}

const MAGIC = [0x46, 0x49, 0x4e, 0x53]; // "FINS"

/**
 * Wraps a payload for FINS/TCP: "FINS", a length counting everything after it, the command
 * (FINS_TCP_COMMAND) and an error code, each 4 bytes big-endian.
 */
export function wrapTcp(command: number, payload: Uint8Array = new Uint8Array(0), errorCode = 0): Uint8Array {
  checkUint('FINS/TCP command', command, 0xffffffff);
  checkUint('FINS/TCP error code', errorCode, 0xffffffff);
  const out = new Uint8Array(FINS_TCP_HEADER_BYTES + payload.length);
  out.set(MAGIC);
  putU32(out, 4, 8 + payload.length);
  putU32(out, 8, command);
  putU32(out, 12, errorCode);
  out.set(payload, FINS_TCP_HEADER_BYTES);
  return out;
}

/** Takes the first FINS/TCP frame off `bytes`; extra bytes after it are left for the next call. */
export function unwrapTcp(bytes: Uint8Array): { ok: true; frame: FinsTcpFrame } | { ok: false; error: string } {
  const n = bytes.length;
  const magicOk = MAGIC.every((m, i) => i >= n || bytes[i] === m);
  if (!magicOk) {
    return { ok: false, error: `Bytes 0–3 are ${toHex(bytes.slice(0, 4))}; a FINS/TCP frame starts with "FINS" (46 49 4E 53).` };
  }
  if (n < FINS_TCP_HEADER_BYTES) {
    const missing = n < 4 ? 'magic (bytes 0–3)' : n < 8 ? 'length (bytes 4–7)' : n < 12 ? 'command (bytes 8–11)' : 'error code (bytes 12–15)';
    return { ok: false, error: `FINS/TCP frame is ${n} bytes; the header needs ${FINS_TCP_HEADER_BYTES}. The ${missing} is incomplete.` };
  }
  const length = u32(bytes, 4);
  if (length < 8) {
    return { ok: false, error: `The length field (bytes 4–7) says ${length}; it must count at least the command and error code (8).` };
  }
  if (n < 8 + length) {
    return { ok: false, error: `The length field (bytes 4–7) says ${length} bytes follow it, but only ${n - 8} do.` };
  }
  return {
    ok: true,
    frame: { command: u32(bytes, 8), errorCode: u32(bytes, 12), payload: bytes.slice(16, 8 + length), size: 8 + length },
  };
}

/** The client's opening FINS/TCP frame: asks for a node address (node 0 = let the server choose). */
export function nodeAddressRequest(clientNode = 0): Uint8Array {
  checkUint('client node', clientNode, FINS_NODE_RANGE.max);
  const payload = new Uint8Array(4);
  putU32(payload, 0, clientNode);
  return wrapTcp(FINS_TCP_COMMAND.nodeAddressRequest, payload);
}

/** The server's answer to nodeAddressRequest: the client's assigned node and the server's own. */
export function nodeAddressResponse(clientNode: number, serverNode: number): Uint8Array {
  checkUint('client node', clientNode, FINS_NODE_RANGE.max);
  checkUint('server node', serverNode, FINS_NODE_RANGE.max);
  const payload = new Uint8Array(8);
  putU32(payload, 0, clientNode);
  putU32(payload, 4, serverNode);
  return wrapTcp(FINS_TCP_COMMAND.nodeAddressResponse, payload);
}

// ---------------------------------------------------------------------------------------------
// Our operations as real FINS commands.

/** ASSUMPTION: words asked for by a PARAMETER AREA READ of the PLC Setup (one block). */
const PARAMETER_READ_WORDS = 0x0200;
/** ASSUMPTION: bytes per PROGRAM AREA READ/WRITE block; the tools move a program in several. */
const PROGRAM_BLOCK_BYTES = 0x0200;
/** ASSUMPTION: error log records asked for by ERROR LOG READ (as many as the log holds). */
const ERROR_LOG_RECORDS = 20;
/** CONTROLLER DATA READ data selector 00: model, version and area data (the nmap probe sends it). */
const CONTROLLER_DATA_SELECTOR = 0x00;
const ALL_PROGRAMS = 0xffff; // program number FFFF = the whole user program

function bytesOf(...values: Array<[value: number, size: 1 | 2 | 4]>): Uint8Array {
  const size = values.reduce((sum, [, s]) => sum + s, 0);
  const out = new Uint8Array(size);
  let i = 0;
  for (const [v, s] of values) {
    for (let k = s - 1; k >= 0; k--) out[i++] = (v >>> (8 * k)) & 0xff;
  }
  return out;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
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
function block(text: string, limit: number, unit: 1 | 2): { data: Uint8Array; count: number } {
  let data: Uint8Array = new TextEncoder().encode(text);
  const complete = data.length <= limit;
  if (!complete) data = data.slice(0, limit);
  if (unit === 2 && data.length % 2 === 1) data = concat(data, new Uint8Array(1));
  const count = data.length / unit;
  return { data, count: complete ? count | 0x8000 : count };
}

function toBcd(n: number): number {
  return (Math.floor(n / 10) << 4) | n % 10;
}

/** CLOCK WRITE parameters from an ISO date-time: BCD year (2 digits), month, day, hour, minute, second, weekday. */
function clockParams(at: string): Uint8Array {
  // ASSUMPTION: the wall-clock digits as written are what the CPU gets; a zone suffix is ignored.
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(at);
  if (!m) {
    const reason = `at is "${at}"; give an ISO date-time such as 2026-03-01T08:30:00.`;
    throw new FinsEncodeError(`clock.write: ${reason}`, reason);
  }
  const [year, month, day, hour, minute, second] = m.slice(1).map((s) => Number(s ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const date = new Date(Date.UTC(year, month - 1, day));
  const valid =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60;
  if (!valid) {
    const reason = `at is "${at}", which is not a real date and time.`;
    throw new FinsEncodeError(`clock.write: ${reason}`, reason);
  }
  return Uint8Array.from([year % 100, month, day, hour, minute, second, date.getUTCDay()].map(toBcd));
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

// ---------------------------------------------------------------------------------------------
// The data of normal responses, in the layouts Wireshark's FINS dissector decodes.

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

/**
 * The FINS node a request's sender uses as SA1. ASSUMPTION: without an explicit finsNode, the
 * last byte of the IP address (the usual automatic address conversion).
 */
function sourceNode(from: Extract<Origin, { via: 'network' }>): number {
  if (from.finsNode !== undefined) {
    checkUint('request.from.finsNode', from.finsNode, FINS_NODE_RANGE.max);
    return from.finsNode;
  }
  const last = Number(from.ip.split('.').at(-1));
  if (!isFinsNode(last)) {
    const why = `"${from.ip}" gives no FINS node (last byte must be ${FINS_NODE_RANGE.min}–${FINS_NODE_RANGE.max})`;
    throw new FinsEncodeError(`request.from.ip ${why}; set request.from.finsNode.`, `the sender address ${why}.`);
  }
  return last;
}

type FinsRequest = Request & { from: Extract<Origin, { via: 'network' }>; protocol: 'fins-udp' | 'fins-tcp' };

function isFins(request: Request): request is FinsRequest {
  return request.from.via === 'network' && (request.protocol === 'fins-udp' || request.protocol === 'fins-tcp');
}

function commandFieldsFor(request: Request, dest: FinsDestination, sid: number): CommandFields | null {
  if (!isFins(request)) return null;
  const command = finsCommandFor(request.operation);
  if (!command) return null;
  return { da1: dest.node, da2: dest.unit ?? 0, sa1: sourceNode(request.from), sid, ...command };
}

function overTransport(request: Request, frame: Uint8Array): Uint8Array {
  return request.protocol === 'fins-tcp' ? wrapTcp(FINS_TCP_COMMAND.frameSend, frame) : frame;
}

/**
 * The frame a FINS request puts on the wire (wrapped for FINS/TCP), or null when the request
 * is not FINS (another protocol, a local port) or its operation has no FINS command.
 */
export function requestFrame(request: Request, dest: FinsDestination, sid: number): Uint8Array | null {
  const fields = commandFieldsFor(request, dest, sid);
  return fields ? overTransport(request, buildCommand(fields)) : null;
}

/** The unit's answer to requestFrame(request, dest, sid): end code and data, same transport. */
export function responseFrame(
  request: Request,
  dest: FinsDestination,
  sid: number,
  endCode: number,
  data?: Uint8Array,
): Uint8Array | null {
  const fields = commandFieldsFor(request, dest, sid);
  return fields ? overTransport(request, buildResponse(fields, endCode, data)) : null;
}

/** A refusal: the response carrying a non-zero end code and no data. */
export function refusalFrame(request: Request, dest: FinsDestination, sid: number, endCode: number): Uint8Array | null {
  if (endCode === 0) throw new RangeError('refusalFrame: end code 0x0000 means success; give the end code of the refusal.');
  return responseFrame(request, dest, sid, endCode);
}

// ---------------------------------------------------------------------------------------------
// Byte-by-byte description for lessons.

/** One labelled run of bytes. */
export interface FrameField {
  offset: number;
  length: number;
  field: string;
  hex: string;
  meaning: string;
}

/** Walks a byte array, labelling runs of it in order. */
class Labeller {
  readonly fields: FrameField[] = [];
  readonly bytes: Uint8Array;
  readonly base: number;
  at = 0;
  constructor(bytes: Uint8Array, base: number) {
    this.bytes = bytes;
    this.base = base;
  }
  get left(): number {
    return this.bytes.length - this.at;
  }
  value(length: number): number {
    let v = 0;
    for (let i = 0; i < length; i++) v = v * 256 + (this.bytes[this.at + i] ?? 0);
    return v;
  }
  slice(length: number): Uint8Array {
    return this.bytes.slice(this.at, this.at + length);
  }
  /** Labels the next `length` bytes; returns false (labelling the rest as truncated) if short. */
  take(length: number, field: string, meaning: (v: number, b: Uint8Array) => string): boolean {
    if (this.left < length) {
      this.rest(`${field} (truncated)`, `Expected ${length} bytes here, found ${this.left}.`);
      return false;
    }
    const v = this.value(length);
    const b = this.slice(length);
    this.fields.push({ offset: this.base + this.at, length, field, hex: toHex(b), meaning: meaning(v, b) });
    this.at += length;
    return true;
  }
  rest(field: string, meaning: string): void {
    if (this.left <= 0) return;
    this.fields.push({ offset: this.base + this.at, length: this.left, field, hex: toHex(this.slice(this.left)), meaning });
    this.at = this.bytes.length;
  }
  words(label: (index: number, value: number) => [string, string]): void {
    let k = 0;
    while (this.left >= 2) {
      const [field, meaning] = label(k, this.value(2));
      this.take(2, field, () => meaning);
      k++;
    }
    this.rest('trailing byte', 'A lone byte after the last whole word.');
  }
}

function unitName(u: number): string {
  if (u === 0x00) return 'unit 00, the CPU Unit (on a computer: the computer itself)';
  if (u === 0xfe) return 'the network unit itself';
  if (u === 0xe1) return 'the Inner Board';
  if (u >= 0x10 && u <= 0x1f) return `CPU Bus Unit ${u - 0x10}`;
  return `unit address ${hexByte(u)}`;
}

function nodeName(n: number): string {
  if (n === 0xff) return 'broadcast to every node';
  if (n === 0) return 'node 0 (this node)';
  return `node ${n}`;
}

function icfMeaning(icf: number): string {
  const parts = [(icf & ICF_RESPONSE) !== 0 ? 'response' : 'command'];
  parts.push((icf & 0x80) !== 0 ? 'gateway bit set' : 'gateway bit clear');
  if ((icf & ICF_RESPONSE) === 0) parts.push((icf & 0x01) !== 0 ? 'no response wanted' : 'response wanted');
  return parts.join(', ');
}

function describeHeader(l: Labeller): void {
  const header: Array<[string, (v: number) => string]> = [
    ['ICF', icfMeaning],
    ['RSV', (v) => (v === 0 ? 'reserved, always 00' : 'reserved — should be 00')],
    ['GCT', (v) => `may cross up to ${v} gateways (bridges)`],
    ['DNA', (v) => (v === 0 ? 'destination network: local' : `destination network ${v}`)],
    ['DA1', (v) => `destination ${nodeName(v)}`],
    ['DA2', (v) => `destination: ${unitName(v)}`],
    ['SNA', (v) => (v === 0 ? 'source network: local' : `source network ${v}`)],
    ['SA1', (v) => `source ${nodeName(v)}`],
    ['SA2', (v) => `source: ${unitName(v)}`],
    ['SID', (v) => `service ID ${v}: the response repeats it`],
  ];
  for (const [field, meaning] of header) if (!l.take(1, field, meaning)) return;
}

function bcd(v: number): string {
  const hi = v >> 4;
  const lo = v & 0x0f;
  return hi > 9 || lo > 9 ? `${hexByte(v)} is not valid BCD` : String(hi * 10 + lo).padStart(2, '0');
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function describeCommandParams(l: Labeller, code: number): void {
  const programNo = PROGRAM_NO;
  switch (code) {
    case 0x0101:
    case 0x0102: {
      const areaCode = l.value(1);
      const area = memoryAreaOf(areaCode);
      if (!l.take(1, 'memory area code', (v) => (area ? `${area} area, words` : `area code ${hexByte(v)}`))) return;
      const address = l.value(2);
      if (!l.take(2, 'start address', (v) => `word ${v}`)) return;
      if (!l.take(1, 'bit', (v) => (v === 0 ? 'bit 00: whole words' : `bit ${v}`))) return;
      if (!l.take(2, 'word count', (v) => `${v} word${v === 1 ? '' : 's'}`)) return;
      l.words((k, v) => [`data word ${k + 1}`, `${area ?? 'word '}${address + k} ← ${v} (0x${v.toString(16).toUpperCase().padStart(4, '0')})`]);
      return;
    }
    case 0x0201:
    case 0x0202:
      if (!l.take(2, 'parameter area code', (v) => PARAMETER_AREA_NAMES.get(v) ?? `area ${v.toString(16)}`)) return;
      if (!l.take(2, 'first word', (v) => `word ${v}`)) return;
      if (!l.take(2, 'word count', (v) => `${v & 0x7fff} words${v & 0x8000 ? ', last block' : ''}`)) return;
      l.rest('parameter data', 'The new contents of the parameter area.');
      return;
    case 0x0306:
    case 0x0307:
      if (!l.take(2, 'program number', programNo)) return;
      if (!l.take(4, 'first word', (v) => `word ${v} of the program area`)) return;
      if (!l.take(2, 'byte count', (v) => `${v & 0x7fff} bytes${v & 0x8000 ? ', last block' : ''}`)) return;
      l.rest('program data', 'Program bytes to store in the CPU Unit.');
      return;
    case 0x0308:
      if (!l.take(2, 'program number', programNo)) return;
      l.take(1, 'clear code', (v) => (v === 0 ? '00: clear everything' : `clear code ${hexByte(v)}`));
      l.rest('extra bytes', 'Not part of this command.');
      return;
    case 0x0401:
      if (!l.take(2, 'program number', programNo)) return;
      if (l.left > 0) {
        l.take(1, 'mode', (v) => (({ 0: 'PROGRAM', 2: 'MONITOR', 4: 'RUN' }) as Record<number, string>)[v] ?? `mode ${hexByte(v)}`);
      }
      l.rest('extra bytes', 'Not part of this command.');
      return;
    case 0x0402:
      l.rest('extra bytes', 'Not part of this command: STOP takes no parameters.');
      return;
    case 0x0702: {
      const parts: Array<[string, (v: number) => string]> = [
        ['year', (v) => `year ${bcd(v)} (BCD, last two digits)`],
        ['month', (v) => `month ${bcd(v)} (BCD)`],
        ['day', (v) => `day ${bcd(v)} (BCD)`],
        ['hour', (v) => `hour ${bcd(v)} (BCD)`],
        ['minute', (v) => `minute ${bcd(v)} (BCD)`],
        ['second', (v) => `second ${bcd(v)} (BCD)`],
        ['day of week', (v) => WEEKDAYS[v] ?? `${hexByte(v)} is not a weekday (0 = Sunday … 6 = Saturday)`],
      ];
      for (const [field, meaning] of parts) if (l.left === 0 || !l.take(1, field, meaning)) return;
      l.rest('extra bytes', 'Not part of this command.');
      return;
    }
    case 0x2102:
      if (!l.take(2, 'first record', (v) => `start at record ${v}`)) return;
      l.take(2, 'record count', (v) => `${v} records`);
      l.rest('extra bytes', 'Not part of this command.');
      return;
    case 0x0501:
      l.take(1, 'data selector', (v) =>
        v === CONTROLLER_DATA_SELECTOR ? '00: send the model, version and memory sizes (what scanners ask for)' : `which controller data to return (${hexByte(v)})`,
      );
      l.rest('extra bytes', 'Not part of this command.');
      return;
    default:
      l.rest('parameters', 'Command parameters.');
  }
}

function text(b: Uint8Array): string {
  return Array.from(b, (c) => (c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : c === 0 ? '' : '.')).join('');
}

/** Labels a block count: bits 0–14 the amount, bit 15 "this block ends the area". */
function countMeaning(unit: string): (v: number) => string {
  return (v) => `${v & 0x7fff} ${unit}${v & 0x8000 ? ' (bit 15 set: the last block — the rest of the area)' : ' (more blocks follow)'}`;
}

const PROGRAM_NO = (v: number): string => (v === ALL_PROGRAMS ? 'program number FFFF: the whole user program' : `program number ${v}`);

function describeTime(l: Labeller, order: ReadonlyArray<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'day of week'>): boolean {
  for (const part of order) {
    const ok = l.take(1, part, (v) =>
      part === 'day of week' ? (WEEKDAYS[v] ?? `${hexByte(v)} is not a weekday (0 = Sunday … 6 = Saturday)`) : `${part} ${bcd(v)} (BCD)`,
    );
    if (!ok) return false;
  }
  return true;
}

const CONTROLLER_MEANINGS: Readonly<Record<(typeof CONTROLLER_DATA_FIELDS)[number]['field'], (v: number, b: Uint8Array) => string>> = {
  'controller model': (_v, b) =>
    `CPU model "${text(b).trimEnd()}" in ASCII, padded with spaces (* = a character the simulator leaves open) — anyone who asks learns it`,
  'controller version': (_v, b) => `version "${text(b).trimEnd()}" in ASCII, padded with spaces`,
  'for system use': () => 'reserved for the system',
  'program area size': (v) => `user program area: ${v} K steps`,
  'I/O memory size': (v) => `I/O memory: ${v} K words`,
  'DM words': (v) => `DM area: ${v} words`,
  'timer/counter size': (v) => `${v} K timers and counters`,
  'expansion DM banks': (v) => `${v} expansion DM (EM) banks`,
  'steps/transitions': (v) => `${v} SFC steps/transitions`,
  'memory card kind': (v) => (v === 0 ? 'no memory card' : `memory card kind ${v}`),
  'memory card size': (v) => `memory card: ${v} KB`,
};

/** Labels the data after a response's end code, in the layouts responseDataFor writes. */
function describeResponseData(l: Labeller, code: number): void {
  if (l.left === 0) return;
  switch (code) {
    case 0x0101:
      l.words((k, v) => [`word ${k + 1}`, `value ${v} (0x${v.toString(16).toUpperCase().padStart(4, '0')})`]);
      return;
    case 0x0201:
      if (!l.take(2, 'parameter area code', (v) => PARAMETER_AREA_NAMES.get(v) ?? `area ${v.toString(16)}`)) return;
      if (!l.take(2, 'first word', (v) => `word ${v}`)) return;
      if (!l.take(2, 'word count', countMeaning('words'))) return;
      l.rest('parameter data', `The parameter area as read (the simulator keeps it as text): ${text(l.slice(l.left))}`);
      return;
    case 0x0306:
    case 0x0307:
      if (!l.take(2, 'program number', PROGRAM_NO)) return;
      if (!l.take(4, 'first word', (v) => `word ${v} of the program area`)) return;
      if (!l.take(2, 'byte count', countMeaning('bytes'))) return;
      l.rest('program data', `The user program as read — anyone on the path gets a copy: ${text(l.slice(l.left))}`);
      return;
    case 0x0501:
      for (const { field, bytes } of CONTROLLER_DATA_FIELDS) if (!l.take(bytes, field, CONTROLLER_MEANINGS[field])) return;
      break;
    case 0x0701:
      if (!describeTime(l, ['year', 'month', 'day', 'hour', 'minute', 'second', 'day of week'])) return;
      break;
    case 0x2102: {
      if (!l.take(2, 'log capacity', (v) => `the log holds up to ${v} records`)) return;
      if (!l.take(2, 'records stored', (v) => `${v} records are stored`)) return;
      if (!l.take(2, 'records sent', (v) => `${v} records follow`)) return;
      let k = 1;
      while (l.left >= 10) {
        if (!l.take(2, `record ${k}: error code`, (v) => `CPU error code ${v.toString(16).toUpperCase().padStart(4, '0')}`)) return;
        if (!l.take(2, `record ${k}: detail`, (v) => `detail code ${v.toString(16).toUpperCase().padStart(4, '0')}`)) return;
        if (!describeTime(l, ['minute', 'second', 'day', 'hour', 'year', 'month'])) return;
        k++;
      }
      break;
    }
    case 0x2603:
      l.take(l.left, 'name', (_v, b) => `PLC name "${text(b).trimEnd()}": ${NAME_DATA_BYTES} ASCII characters, padded with spaces (a longer name is cut)`);
      return;
    default:
      break;
  }
  l.rest('response data', 'Bytes the course does not describe for this command.');
}

function describeFins(bytes: Uint8Array, base: number): FrameField[] {
  const l = new Labeller(bytes, base);
  const parsed = parseFrame(bytes);
  describeHeader(l);
  if (l.left >= 2) {
    const mrc = l.value(1);
    const src = bytes[l.at + 1] ?? 0;
    const info = commandInfo(mrc, src);
    l.take(2, 'command code (MRC SRC)', () => (info ? `${info.name}: ${info.meaning}` : 'a command the course does not describe'));
    if (parsed.ok && parsed.frame.kind === 'response') {
      l.take(2, 'end code (MRES SRES)', (v) => {
        const e = decodeEndCode(v);
        const flags = [e.relayError && 'relay error', e.fatalCpuError && 'fatal CPU error', e.nonFatalCpuError && 'non-fatal CPU error'].filter(Boolean);
        return `${e.name}: ${e.meaning}${flags.length ? ` (flags: ${flags.join(', ')})` : ''}`;
      });
      describeResponseData(l, (mrc << 8) | src);
    } else if (parsed.ok) {
      describeCommandParams(l, (mrc << 8) | src);
    }
  }
  if (!parsed.ok) {
    l.rest('unparsed', parsed.error);
    l.fields.push({ offset: base + bytes.length, length: 0, field: 'error', hex: '', meaning: parsed.error });
  }
  return l.fields;
}

function describeTcp(bytes: Uint8Array): FrameField[] {
  const l = new Labeller(bytes, 0);
  const unwrapped = unwrapTcp(bytes);
  if (!l.take(4, 'FINS/TCP magic', () => '"FINS": a FINS/TCP frame starts here')) return l.fields;
  if (!l.take(4, 'FINS/TCP length', (v) => `${v} bytes follow this field`)) return l.fields;
  const command = l.value(4);
  if (!l.take(4, 'FINS/TCP command', (v) => FINS_TCP_COMMAND_NAMES.get(v) ?? `unknown command ${v}`)) return l.fields;
  if (!l.take(4, 'FINS/TCP error code', (v) => FINS_TCP_ERRORS.get(v) ?? `error ${hexByte(v)}`)) return l.fields;
  if (!unwrapped.ok) {
    l.rest('unparsed', unwrapped.error);
    l.fields.push({ offset: bytes.length, length: 0, field: 'error', hex: '', meaning: unwrapped.error });
    return l.fields;
  }
  const end = unwrapped.frame.size;
  if (command === FINS_TCP_COMMAND.frameSend) {
    l.fields.push(...describeFins(bytes.slice(16, end), 16));
    l.at = end;
  } else if (command === FINS_TCP_COMMAND.nodeAddressRequest) {
    l.take(4, 'client node', (v) => (v === 0 ? '0: please assign me a node address' : `client asks to be node ${v}`));
  } else if (command === FINS_TCP_COMMAND.nodeAddressResponse) {
    if (l.take(4, 'client node', (v) => `the client is node ${v}`)) l.take(4, 'server node', (v) => `the server is node ${v}`);
  }
  const tail = new Labeller(bytes.slice(0, end), 0);
  tail.at = l.at;
  tail.rest('payload', 'FINS/TCP payload.');
  l.fields.push(...tail.fields);
  l.at = end;
  l.rest('next frame', 'Bytes after this FINS/TCP frame: the start of the next one on the stream.');
  return l.fields;
}

/**
 * Labels every byte of a FINS frame or FINS/TCP frame for an "on the wire" panel: header
 * fields, command name, parameters, end code, wrapper fields. A malformed frame gets what could
 * be read, then an "unparsed" run and a zero-length "error" entry with the reason.
 */
export function describeFrame(bytes: Uint8Array): FrameField[] {
  const looksTcp = bytes.length >= 4 && MAGIC.every((m, i) => bytes[i] === m);
  return looksTcp ? describeTcp(bytes) : describeFins(bytes, 0);
}
