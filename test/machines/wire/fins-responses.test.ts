/**
 * Normal FINS responses, byte for byte: what a listener sees after the end code when a read
 * is allowed (the layouts Wireshark's FINS dissector decodes; see docs/simulator.md), and the
 * wire panel's label for every byte.
 */
import { describe, expect, it } from 'vitest';
import { type FinsDestination, type FrameField, describeFrame, fromHex, parseFrame, toHex } from '../../../machines/wire/fins.ts';
import type { Operation, Request } from '../../../machines/model.ts';
import type { Rack } from '../../../machines/request-path/rack.ts';
import { wireExchange } from '../../../machines/wire/wire.ts';
import { expectEveryByteLabelled } from './byte-labels.ts';
import { fins, PROGRAM, rack as buildRack, SCADA } from '../rack-fixtures.ts';
import { stoppedAfterEach } from '../stopped-after-each.ts';

const PLC: FinsDestination = { node: 1, unit: 0x00 };

/** A rack that is stopped after the test. */
const rack = stoppedAfterEach(buildRack);

/** ASCII text as spaced hex. */
const ascii = (text: string): string => toHex(new TextEncoder().encode(text));
/** `n` copies of one byte as spaced hex. */
const repeat = (byte: string, n: number): string => Array(n).fill(byte).join(' ');

/** The normal response to `operation` on `r`: its data after the end code, and its labelled fields. */
function answer(r: Rack, operation: Operation, protocol: Request['protocol'] = 'fins-udp'): { data: string; fields: FrameField[]; bytes: Uint8Array } {
  const request = fins(SCADA, operation, { protocol });
  const outcome = r.send(request);
  expect(outcome.allowed, operation.kind).toBe(true);
  const bytes = wireExchange(request, outcome, PLC, 7)?.response;
  if (!bytes) throw new Error(`${operation.kind}: no response`);
  const fins12 = protocol === 'fins-tcp' ? bytes.slice(16) : bytes;
  const parsed = parseFrame(fins12);
  if (!parsed.ok || parsed.frame.kind !== 'response') throw new Error(`not a response: ${JSON.stringify(parsed)}`);
  expect(parsed.frame.endCode).toBe(0);
  return { data: toHex(parsed.frame.data), fields: describeFrame(bytes), bytes };
}

/** Every byte is labelled exactly once, in order, and none is left as unparsed data. */
function expectEveryByteParsed(fields: FrameField[], bytes: Uint8Array): void {
  expectEveryByteLabelled(fields, bytes);
  expect(fields.some((f) => f.field === 'response data' || f.field === 'unparsed' || f.field.includes('truncated'))).toBe(false);
}

const labelOf = (fields: FrameField[], name: string) => fields.find((f) => f.field === name);

describe('normal responses carry their data', () => {
  it('0501 CONTROLLER DATA READ: model and version in 20 space-padded ASCII bytes each, 40 system bytes, 12 bytes of area data', () => {
    const { data, fields, bytes } = answer(rack({ model: 'CJ2M' }), { kind: 'controller.read' });
    expect(data).toBe(
      [
        `${ascii('CJ2M-CPU1*')} ${repeat('20', 10)}`,
        `${ascii('V2.0')} ${repeat('20', 16)}`,
        repeat('00', 40),
        '00 14 08 80 00 08 00 00 00 00 00 00',
      ].join(' '),
    );
    expect(fromHex(data)).toHaveLength(92);
    expectEveryByteParsed(fields, bytes);
    expect(labelOf(fields, 'controller model')?.meaning).toMatch(/"CJ2M-CPU1\*"/);
    expect(labelOf(fields, 'DM words')?.meaning).toBe('DM area: 32768 words');
  });

  it('0201 PARAMETER AREA READ: area 8010, first word 0, word count with the last-block bit, then the PLC Setup', () => {
    const r = rack();
    r.send(fins(SCADA, { kind: 'parameters.write', settings: { scanTimeMs: 10 } }));
    const { data, fields, bytes } = answer(r, { kind: 'parameters.read' });
    // {"scanTimeMs":10} is 17 bytes: one 00 pads it to 9 words.
    expect(data).toBe(`80 10 00 00 80 09 ${ascii('{"scanTimeMs":10}')} 00`);
    expectEveryByteParsed(fields, bytes);
    expect(labelOf(fields, 'word count')?.meaning).toMatch(/^9 words \(bit 15 set/);
  });

  it('0306 PROGRAM AREA READ: program FFFF, first word 0, byte count with the last-block bit, then the program', () => {
    const { data, fields, bytes } = answer(rack(), { kind: 'program.read' });
    const text = JSON.stringify({ tasks: PROGRAM.tasks, lotGuard: PROGRAM.lotGuard });
    const count = (0x8000 | text.length).toString(16).toUpperCase();
    expect(data).toBe(`FF FF 00 00 00 00 ${count.slice(0, 2)} ${count.slice(2)} ${ascii(text)}`);
    expectEveryByteParsed(fields, bytes);
    expect(labelOf(fields, 'program data')?.meaning).toContain('"Conveyor"');
  });

  it('0307 PROGRAM AREA WRITE: the program number, first word and byte count repeated', () => {
    const r = rack();
    const request = fins(SCADA, { kind: 'program.write', program: PROGRAM });
    const sent = parseFrame(wireExchange(request, r.send(request), PLC, 7)?.request ?? new Uint8Array());
    const params = sent.ok && sent.frame.kind === 'command' ? toHex(sent.frame.params.slice(0, 8)) : '';
    const { data, fields, bytes } = answer(rack(), { kind: 'program.write', program: PROGRAM });
    expect(data).toBe(params);
    expect(data.startsWith('FF FF 00 00 00 00 80')).toBe(true);
    expectEveryByteParsed(fields, bytes);
  });

  it('2102 ERROR LOG READ: capacity 20, records stored and sent, then 10 bytes a record with the time in BCD', () => {
    const r = rack({ clock: '2026-03-14T15:09:26Z' });
    r.cpu.send({ type: 'error.occurred', code: 0x80f1, message: 'Memory error' });
    r.cpu.send({ type: 'clock.set', at: '2026-12-31T23:59:58Z' });
    r.cpu.send({ type: 'error.occurred', code: 0x009a, message: 'Battery error' });
    const { data, fields, bytes } = answer(r, { kind: 'errorLog.read' });
    expect(data).toBe(['00 14 00 02 00 02', '80 F1 00 00 09 26 14 15 26 03', '00 9A 00 00 59 58 31 23 26 12'].join(' '));
    expectEveryByteParsed(fields, bytes);
    expect(labelOf(fields, 'record 2: error code')?.meaning).toBe('CPU error code 009A');
  });

  it('2102 ERROR LOG READ with an empty log: the three counts and no records', () => {
    expect(answer(rack(), { kind: 'errorLog.read' }).data).toBe('00 14 00 00 00 00');
  });

  it('2603 NAME READ: 8 ASCII characters padded with spaces; a longer name is cut, no name is spaces', () => {
    expect(answer(rack({ cpu: { plcName: 'LINE2' } }), { kind: 'name.read' }).data).toBe(`${ascii('LINE2')} 20 20 20`);
    const long = answer(rack({ cpu: { plcName: 'MIXER_LINE_2' } }), { kind: 'name.read' });
    expect(long.data).toBe(ascii('MIXER_LI'));
    expect(labelOf(long.fields, 'name')?.meaning).toBe('PLC name "MIXER_LI": 8 ASCII characters, padded with spaces (a longer name is cut)');
    expect(answer(rack(), { kind: 'name.read' }).data).toBe(repeat('20', 8));
  });

  it('0701 CLOCK READ: every byte labelled, the weekday named', () => {
    const { fields, bytes } = answer(rack({ clock: '2026-03-14T15:09:26Z' }), { kind: 'clock.read' });
    expectEveryByteParsed(fields, bytes);
    expect(labelOf(fields, 'year')?.meaning).toBe('year 26 (BCD)');
    expect(labelOf(fields, 'day of week')?.meaning).toBe('Saturday');
  });

  it('commands that return nothing answer with the end code alone, over FINS/TCP too', () => {
    const r = rack();
    for (const operation of [
      { kind: 'memory.write', area: 'D', address: 0, values: [1] },
      { kind: 'clock.write', at: '2026-01-01T00:00:00' },
      { kind: 'mode.set', mode: 'RUN' },
    ] satisfies Operation[]) {
      const { data, fields, bytes } = answer(r, operation, 'fins-tcp');
      expect(data, operation.kind).toBe('');
      expectEveryByteParsed(fields, bytes);
    }
  });
});
