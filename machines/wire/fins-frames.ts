/**
 * FINS frames: the ten-byte header, command and response frames built and parsed, and the
 * FINS/TCP wrapper with its node address exchange. Layouts: /work/shared/facts/fins-and-cpu.md
 * (Wireshark `packet-omron-fins.c`, the CJ reference manual). Pure: no sockets, no clock.
 */

import { FINS_HEADER_BYTES, FINS_MAX_FRAME_BYTES, FINS_TCP_COMMAND } from './fins-codes.ts';
import { FINS_NODE_RANGE } from '../model.ts';

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
/** Bit 6 of ICF: set in a response. */
export const ICF_RESPONSE = 0x40;

/** One byte as two upper-case hex digits. */
export function hexByte(n: number): string {
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

/** Throws a RangeError naming `field` unless `value` is a whole number from 0 to `max`. */
export function checkUint(field: string, value: number, max: number): void {
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

/** The four bytes "FINS" that open every FINS/TCP frame. */
export const MAGIC = [0x46, 0x49, 0x4e, 0x53];

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
