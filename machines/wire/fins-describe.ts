/** A FINS or FINS/TCP frame described byte by byte, for lessons' "on the wire" panels. */

import { counted } from '../model.ts';
import {
  commandInfo,
  decodeEndCode,
  FINS_TCP_COMMAND,
  FINS_TCP_COMMAND_NAMES,
  FINS_TCP_ERRORS,
  memoryAreaOf,
  PARAMETER_AREA_NAMES,
} from './fins-codes.ts';
import { ICF_RESPONSE, hexByte, toHex, parseFrame, MAGIC, unwrapTcp } from './fins-frames.ts';
import { CONTROLLER_DATA_SELECTOR, ALL_PROGRAMS } from './fins-commands.ts';
import { CONTROLLER_DATA_FIELDS, NAME_DATA_BYTES } from './fins-responses.ts';

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
      if (!l.take(2, 'word count', (v) => counted(v, 'word'))) return;
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
