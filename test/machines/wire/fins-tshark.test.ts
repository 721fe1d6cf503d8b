/**
 * Every FINS frame the simulator builds, read back by Wireshark's own FINS dissector (tshark,
 * Debian package; `node scripts/ensure-tools.mjs tshark` installs it). One sample operation
 * per operation kind — the mapped type below makes a new kind a type error until it has one —
 * gives every command the simulator sends, its normal response (from a real rack, with the
 * data the CPU Unit returned) and a refusal with each end code the simulator can send, over
 * FINS/UDP and inside one FINS/TCP connection (with its node-address handshake). All of them
 * go into one pcap file; the test fails on a missing FINS layer, a malformed packet, an error
 * or undecoded-bytes expert note, or bytes no FINS field covers, and checks that the
 * dissector reads our command codes, end codes and response data.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commandInfo, END_CODE } from '../../../machines/wire/fins-codes.ts';
import {
  type FinsDestination,
  finsCommandFor,
  nodeAddressRequest,
  nodeAddressResponse,
  refusalFrame,
  responseDataFor,
  toHex,
  unwrapTcp,
} from '../../../machines/wire/fins.ts';
import type { Operation, OperationKind, Request } from '../../../machines/model.ts';
import { wireExchange } from '../../../machines/wire/wire.ts';
import { type Direction, pcapFile, TcpConnection, udpFrame } from '../pcap.ts';
import { fins, PROGRAM, rack, SCADA } from '../rack-fixtures.ts';

const TSHARK = process.env.TSHARK_PATH || '/usr/bin/tshark';
const PLC: FinsDestination = { node: 1, unit: 0x00 };
const PLC_NAME = 'MIXER_LINE_2';
const ERRORS = [
  { code: 0x80f1, message: 'Memory error' },
  { code: 0x009a, message: 'Battery error' },
];

/** One or more sample operations for every operation kind; those without a FINS command are skipped below. */
const SAMPLES: { [K in OperationKind]: Array<Extract<Operation, { kind: K }>> } = {
  'controller.read': [{ kind: 'controller.read' }],
  'memory.read': [{ kind: 'memory.read', area: 'D', address: 100, count: 3 }],
  'memory.write': [{ kind: 'memory.write', area: 'D', address: 100, values: [1500, 0x1234] }],
  'parameters.read': [{ kind: 'parameters.read' }],
  'parameters.write': [{ kind: 'parameters.write', settings: { scanTimeMs: 10, watchdogMs: 1000 } }],
  'program.read': [{ kind: 'program.read' }],
  'program.write': [{ kind: 'program.write', program: PROGRAM }],
  'program.editTasks': [{ kind: 'program.editTasks', tasks: [{ id: 1, name: 'Recipe handling', code: 'MOV D100 D200' }] }],
  'mode.set': [
    { kind: 'mode.set', mode: 'RUN' },
    { kind: 'mode.set', mode: 'MONITOR' },
    { kind: 'mode.set', mode: 'PROGRAM' },
  ],
  'memory.clearAll': [{ kind: 'memory.clearAll' }],
  'clock.read': [{ kind: 'clock.read' }],
  'clock.write': [{ kind: 'clock.write', at: '2026-03-04T09:05:59' }],
  'name.read': [{ kind: 'name.read' }],
  'errorLog.read': [{ kind: 'errorLog.read' }],
  'users.list': [{ kind: 'users.list' }],
  'users.manage': [{ kind: 'users.manage' }],
  'password.changeOwn': [{ kind: 'password.changeOwn', newPassword: 'N3w-pass' }],
  'log.read': [{ kind: 'log.read' }],
  'file.read': [{ kind: 'file.read', path: '/MEMCARD/RECIPE.CSV' }],
  'file.write': [{ kind: 'file.write', path: '/MEMCARD/RECIPE.CSV' }],
  'snmp.get': [{ kind: 'snmp.get' }],
  'tags.exchange': [{ kind: 'tags.exchange' }],
  'unit.restart': [{ kind: 'unit.restart' }],
};

type Role = 'command' | 'response' | 'refusal' | 'tcp-handshake' | 'tcp-control';

/** One packet in the capture and what the test expects the dissector to find in it. */
interface Sample {
  label: string;
  role: Role;
  direction: Direction;
  /** What goes on the wire (FINS/TCP wrapper included for TCP). */
  bytes: Uint8Array;
  transport: 'udp' | 'tcp';
  operation?: Operation;
  code?: number;
  endCode?: number;
  /** For a refusal: whether the normal answer to the same command carries data after its end code. */
  normalHasData?: boolean;
}

/** The FINS frame inside `bytes` (the wrapper taken off for FINS/TCP). */
function finsPart(sample: Sample): Uint8Array {
  if (sample.transport === 'udp') return sample.bytes;
  const unwrapped = unwrapTcp(sample.bytes);
  if (!unwrapped.ok) throw new Error(unwrapped.error);
  return unwrapped.frame.payload;
}

const FINS_OPERATIONS: Operation[] = Object.values(SAMPLES)
  .flat()
  .filter((op) => finsCommandFor(op) !== null);

const REFUSAL_CODES = Object.values(END_CODE).filter((code) => code !== END_CODE.normal);

/** A rack where every sample is allowed: PROGRAM mode, a PLC Setup, a PLC name and two errors logged. */
function preparedRack() {
  const r = rack({ cpu: { plcName: PLC_NAME } });
  r.send(fins(SCADA, { kind: 'parameters.write', settings: { scanTimeMs: 10, watchdogMs: 1000 } }));
  r.send(fins(SCADA, { kind: 'memory.write', area: 'D', address: 100, values: [1500, 0x1234] }));
  for (const error of ERRORS) r.cpu.send({ type: 'error.occurred', ...error });
  return r;
}

function buildSamples(): Sample[] {
  const samples: Sample[] = [];
  for (const transport of ['udp', 'tcp'] as const) {
    if (transport === 'tcp') {
      samples.push(
        { label: 'node address request', role: 'tcp-handshake', direction: 'toPlc', bytes: nodeAddressRequest(), transport },
        { label: 'node address response', role: 'tcp-handshake', direction: 'fromPlc', bytes: nodeAddressResponse(10, 1), transport },
      );
    }
    FINS_OPERATIONS.forEach((operation, n) => {
      const command = finsCommandFor(operation);
      if (!command) return;
      const code = (command.mrc << 8) | command.src;
      const request: Request = fins(SCADA, operation, { protocol: transport === 'udp' ? 'fins-udp' : 'fins-tcp' });
      const r = preparedRack();
      const outcome = r.send(request);
      r.stop();
      expect(outcome.allowed, `${operation.kind} is allowed on the prepared rack: ${JSON.stringify(outcome).slice(0, 400)}`).toBe(true);
      const sid = n & 0xff;
      const exchange = wireExchange(request, outcome, PLC, sid);
      if (!exchange?.response) throw new Error(`${operation.kind} over ${transport} sends no answer`);
      const base = { transport, operation, code };
      const name = `${operation.kind} ${toHex(Uint8Array.of(command.mrc, command.src))} over ${transport}`;
      samples.push({ ...base, label: `${name}: command`, role: 'command', direction: 'toPlc', bytes: exchange.request });
      samples.push({ ...base, label: `${name}: normal response`, role: 'response', direction: 'fromPlc', bytes: exchange.response, endCode: 0 });
      const normalHasData = responseDataFor(operation, outcome.data).length > 0;
      for (const endCode of REFUSAL_CODES) {
        const refusal = refusalFrame(request, PLC, sid, endCode);
        if (!refusal) throw new Error(`${operation.kind}: no refusal frame`);
        const label = `${name}: refusal ${endCode.toString(16).padStart(4, '0')}`;
        samples.push({ ...base, label, role: 'refusal', direction: 'fromPlc', bytes: refusal, endCode, normalHasData });
      }
    });
  }
  return samples;
}

// ---------------------------------------------------------------------------------------------
// Reading tshark's PDML output.

interface PdmlNode {
  tag: 'proto' | 'field';
  attrs: Record<string, string>;
}

function decodeXml(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#x([0-9a-f]+);/gi, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16)))
    .replace(/&amp;/g, '&');
}

/** The packets of a PDML document, each as its proto and field elements in document order. */
function parsePdml(xml: string): PdmlNode[][] {
  return xml
    .split('<packet>')
    .slice(1)
    .map((packet) =>
      Array.from(packet.matchAll(/<(proto|field)\s([^>]*?)\/?>/g), (m) => ({
        tag: m[1] as 'proto' | 'field',
        attrs: Object.fromEntries(Array.from((m[2] ?? '').matchAll(/([\w.]+)="([^"]*)"/g), (a) => [a[1], decodeXml(a[2] ?? '')])),
      })),
    );
}

const fieldsNamed = (packet: PdmlNode[], name: string) => packet.filter((n) => n.tag === 'field' && n.attrs.name === name);
const fieldValue = (packet: PdmlNode[], name: string) => fieldsNamed(packet, name)[0]?.attrs.value;
const showOf = (packet: PdmlNode[], name: string) => fieldsNamed(packet, name)[0]?.attrs.show;

/** Byte positions inside the FINS layer that no named FINS field covers. */
function uncovered(packet: PdmlNode[]): number[] {
  const layers = packet.filter((n) => n.tag === 'proto' && n.attrs.name === 'omron');
  const covered = new Set<number>();
  for (const n of packet) {
    if (n.tag !== 'field' || !n.attrs.name?.startsWith('omron.')) continue;
    const pos = Number(n.attrs.pos);
    for (let i = 0; i < Number(n.attrs.size); i++) covered.add(pos + i);
  }
  const gaps: number[] = [];
  for (const layer of layers) {
    const pos = Number(layer.attrs.pos);
    for (let i = pos; i < pos + Number(layer.attrs.size); i++) if (!covered.has(i)) gaps.push(i);
  }
  return gaps;
}

/** Expert notes that mean trouble: errors, malformed or undecoded data. */
function problems(packet: PdmlNode[]): string[] {
  const notes = packet
    .filter((n) => n.tag === 'field' && n.attrs.name === '_ws.expert')
    .map((n) => n.attrs.showname ?? '')
    .filter((text) => /\(Error\/|Malformed|Undecoded/.test(text));
  if (packet.some((n) => n.tag === 'proto' && n.attrs.name === '_ws.malformed')) notes.push('Malformed Packet');
  return notes;
}

const BAD_LENGTH = 'Expert Info (Warning/Malformed): Unexpected Length';
const STRAY = 'Expert Info (Warning/Undecoded): Trailing stray characters';

function runTshark(file: string): string {
  try {
    execFileSync(TSHARK, ['--version'], { stdio: 'pipe' });
  } catch {
    throw new Error(
      `tshark is not installed at ${TSHARK}: run "node scripts/ensure-tools.mjs tshark" as root on Debian, ` +
        'or "sudo apt-get install -y tshark", or set TSHARK_PATH to a tshark binary.',
    );
  }
  return execFileSync(TSHARK, ['-r', file, '-T', 'pdml'], { maxBuffer: 512 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] }).toString('latin1');
}

// ---------------------------------------------------------------------------------------------

const dir = mkdtempSync(join(tmpdir(), 'fins-tshark-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('FINS frames in Wireshark’s FINS dissector (tshark)', () => {
  const samples = buildSamples();
  const tcp = new TcpConnection();
  const frames: Uint8Array[] = [];
  const roles: Array<Sample | null> = [];
  // UDP packets first, then one TCP connection carrying every FINS/TCP sample.
  samples
    .filter((s) => s.transport === 'udp')
    .forEach((s, i) => {
      frames.push(udpFrame(s.direction, s.bytes, i + 1));
      roles.push(s);
    });
  for (const handshake of tcp.open()) {
    frames.push(handshake);
    roles.push(null);
  }
  for (const s of samples.filter((x) => x.transport === 'tcp')) {
    frames.push(tcp.segment(s.direction, s.bytes));
    roles.push(s);
  }
  const file = join(dir, 'fins.pcap');
  writeFileSync(file, pcapFile(frames));
  let packets: PdmlNode[][] | null = null;
  const dissected = (): PdmlNode[][] => {
    packets ??= parsePdml(runTshark(file));
    return packets;
  };

  it('covers every command the simulator sends, with a normal response and every refusal, over UDP and TCP', () => {
    const codes = [...new Set(samples.filter((s) => s.role === 'command').map((s) => (s.code ?? 0).toString(16).padStart(4, '0')))].sort();
    expect(codes).toEqual(['0101', '0102', '0201', '0202', '0306', '0307', '0308', '0401', '0402', '0501', '0701', '0702', '2102', '2603']);
    for (const code of codes) expect(commandInfo(Number.parseInt(code.slice(0, 2), 16), Number.parseInt(code.slice(2), 16)), code).toBeDefined();
    expect(samples.filter((s) => s.role === 'refusal')).toHaveLength(FINS_OPERATIONS.length * REFUSAL_CODES.length * 2);
  });

  it('tshark finds a FINS layer in every packet, reads our command and end codes, and flags nothing', { timeout: 180_000 }, () => {
    const all = dissected();
    expect(all).toHaveLength(frames.length);
    const failures: string[] = [];
    all.forEach((packet, i) => {
      const s = roles[i];
      if (!s) return; // the TCP handshake carries no FINS
      const fail = (why: string): void => {
        failures.push(`packet ${i + 1} (${s.label}): ${why}`);
      };
      if (!packet.some((n) => n.tag === 'proto' && n.attrs.name === 'omron')) {
        fail('no FINS layer');
        return;
      }
      let issues = problems(packet);
      let gaps = uncovered(packet);
      const fin = finsPart(s);
      if (s.role === 'refusal' && fin.length === 14 && s.normalHasData) {
        // The dissector knows only the normal layout of these answers, so an answer that is
        // just the end code (what a refusal is) earns "Unexpected Length" and no end-code field.
        // The length note comes with tshark's "Malformed Packet" marker; a real exception would
        // still show as its own "Malformed Packet (Exception occurred)" note.
        issues = issues.filter((text) => text !== BAD_LENGTH && text !== 'Malformed Packet');
        const codeEnd = Number(fieldsNamed(packet, 'omron.command')[0]?.attrs.pos) + 2;
        gaps = gaps.filter((pos) => pos < codeEnd);
      } else if (s.role === 'response' && s.code === 0x2603) {
        // The dissector reads the name from the end code on (packet-omron-fins.c), so the two
        // 00 bytes before the name always look like a string cut short.
        expect(fieldValue(packet, 'omron.name_data'), s.label).toBe(toHex(fin.slice(12)).replace(/ /g, '').toLowerCase());
        issues = issues.filter((text) => text !== STRAY);
      }
      if (issues.length > 0) fail(issues.join('; '));
      if (gaps.length > 0) fail(`bytes at ${gaps.join(', ')} are not decoded by any FINS field`);
      if (s.role === 'tcp-handshake') {
        if (showOf(packet, 'omron.tcp.command') !== (s.direction === 'toPlc' ? '0x00000000' : '0x00000001')) fail('wrong FINS/TCP command');
        return;
      }
      if (s.transport === 'tcp' && showOf(packet, 'omron.tcp.command') !== '0x00000002') fail('FINS/TCP command is not "frame send"');
      if (Number.parseInt(fieldValue(packet, 'omron.command') ?? '', 16) !== s.code) fail(`command code read as ${fieldValue(packet, 'omron.command')}`);
      const isResponse = showOf(packet, 'omron.icf.dtb') === '0x01';
      if (isResponse !== (s.role !== 'command')) fail('ICF data type bit read wrongly');
      const endCode = fieldValue(packet, 'omron.response.code');
      if (s.endCode !== undefined && endCode !== undefined && Number.parseInt(endCode, 16) !== s.endCode) fail(`end code read as ${endCode}`);
      if (s.role === 'response' && endCode === undefined) fail('the normal response has no end code field');
    });
    expect(failures).toEqual([]);
  });

  it('tshark reads the data of each normal response: model, memory words, PLC Setup, program, clock, error log, name', { timeout: 180_000 }, () => {
    const all = dissected();
    const normalAt = (transport: 'udp' | 'tcp', code: number): number =>
      roles.findIndex((s) => s?.role === 'response' && s.transport === transport && s.code === code);
    const normal = (transport: 'udp' | 'tcp', code: number): PdmlNode[] => {
      const packet = all[normalAt(transport, code)];
      if (!packet) throw new Error(`no normal response ${code.toString(16)} over ${transport}`);
      return packet;
    };
    const sent = (transport: 'udp' | 'tcp', code: number): Uint8Array => {
      const s = roles[normalAt(transport, code)];
      if (!s) throw new Error(`no normal response ${code.toString(16)} over ${transport}`);
      return finsPart(s);
    };
    for (const transport of ['udp', 'tcp'] as const) {
      const controller = normal(transport, 0x0501);
      expect(showOf(controller, 'omron.controller.model')?.trimEnd()).toBe('CJ2H-CPU6*');
      expect(showOf(controller, 'omron.controller.version')?.trimEnd()).toBe('V2.0');
      expect(showOf(controller, 'omron.area_data.dm_words')).toBe('32768');

      expect(fieldValue(normal(transport, 0x0101), 'omron.response.data')).toBe('05dc12340000');

      const setup = normal(transport, 0x0201);
      expect(fieldValue(setup, 'omron.parameter_area_code')).toBe('8010');
      const setupText = Buffer.from(fieldValue(setup, 'omron.response.data') ?? '', 'hex').toString('latin1');
      expect(setupText).toBe('{"scanTimeMs":10,"watchdogMs":1000}\0');
      expect(Number(showOf(setup, 'omron.numwords'))).toBe(0x8000 | (setupText.length / 2));

      const program = normal(transport, 0x0306);
      expect(fieldValue(program, 'omron.program_number')).toBe('ffff');
      const programText = Buffer.from(fieldValue(program, 'omron.response.data') ?? '', 'hex').toString('latin1');
      expect(JSON.parse(programText).tasks).toEqual(PROGRAM.tasks);

      const clock = normal(transport, 0x0701);
      const clockFields = ['omron.year', 'omron.month', 'omron.date', 'omron.hour', 'omron.minute', 'omron.second', 'omron.day'];
      expect(clockFields.map((f) => fieldValue(clock, f)).join('')).toBe(toHex(sent(transport, 0x0701).slice(14)).replace(/ /g, '').toLowerCase());

      const log = normal(transport, 0x2102);
      expect(showOf(log, 'omron.max_no_of_stored_records')).toBe('20');
      expect(showOf(log, 'omron.no_stored_records')).toBe(String(ERRORS.length));
      expect(fieldsNamed(log, 'omron.error_reset_fals_no').map((f) => f.attrs.value)).toEqual(['80f1', '0000', '009a', '0000']);

      const name = normal(transport, 0x2603);
      expect(Buffer.from(fieldValue(name, 'omron.name_data') ?? '', 'hex').toString('latin1')).toBe(`\0\0${PLC_NAME.slice(0, 8)}`);
    }
  });
});
