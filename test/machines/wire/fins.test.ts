import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEndCode, END_CODE } from '../../../machines/wire/fins-codes.ts';
import {
  buildCommand,
  buildResponse,
  type CommandFields,
  describeFrame,
  finsCommandFor,
  fromHex,
  nodeAddressRequest,
  nodeAddressResponse,
  parseFrame,
  refusalFrame,
  requestFrame,
  responseFrame,
  toHex,
  unwrapTcp,
  wrapTcp,
} from '../../../machines/wire/fins.ts';
import type { Operation, Request } from '../../../machines/model.ts';
import { expectEveryByteLabelled } from './byte-labels.ts';

/** The facts file's nmap omron-info probe: CONTROLLER DATA READ with data selector 00. */
const NMAP_PROBE = '80 00 02 00 00 00 00 63 00 EF 05 01 00';

const scada = (operation: Operation, protocol: Request['protocol'] = 'fins-udp'): Request => ({
  from: { via: 'network', name: 'SCADA', ip: '192.168.250.10', finsNode: 10 },
  protocol,
  operation,
});

/** A command's code and parameters as one byte run. */
function concatCode(command: ReturnType<typeof finsCommandFor>): Uint8Array {
  return command ? Uint8Array.of(command.mrc, command.src, ...command.params) : new Uint8Array(0);
}

describe('frames from the facts file', () => {
  it('facts: the nmap omron-info probe (CONTROLLER DATA READ) builds byte for byte', () => {
    const frame = buildCommand({ da1: 0, sa1: 0x63, sid: 0xef, mrc: 0x05, src: 0x01, params: Uint8Array.of(0) });
    expect(toHex(frame)).toBe(NMAP_PROBE);
    expect(toHex(concatCode(finsCommandFor({ kind: 'controller.read' })))).toBe('05 01 00');
  });

  it('facts: the nmap probe parses, its trailing byte being the data selector', () => {
    const probe = parseFrame(fromHex(NMAP_PROBE));
    expect(probe).toMatchObject({ ok: true, frame: { kind: 'command', icf: 0x80, gct: 2, sa1: 0x63, sid: 0xef, mrc: 5, src: 1 } });
    expect(probe.ok && probe.frame.kind === 'command' && [...probe.frame.params]).toEqual([0]);
  });

  it('facts: the FINS/TCP opening frame asks for a node address', () => {
    expect(toHex(nodeAddressRequest())).toBe(toHex(fromHex('46494E53 0000000C 00000000 00000000 00000000')));
    const opened = unwrapTcp(nodeAddressRequest());
    expect(opened).toMatchObject({ ok: true, frame: { command: 0, errorCode: 0, size: 20 } });
  });

  it('facts: the server answers with both node addresses', () => {
    expect(toHex(nodeAddressResponse(10, 1))).toBe(toHex(fromHex('46494E53 00000010 00000001 00000000 0000000A 00000001')));
  });

  it('facts: a refusal carries its end code (0x2102 data protected) back to the sender', () => {
    const request = scada({ kind: 'memory.write', area: 'D', address: 100, values: [7] });
    const bytes = refusalFrame(request, { node: 1 }, 42, END_CODE.protected);
    expect(bytes).not.toBeNull();
    const parsed = parseFrame(bytes ?? new Uint8Array());
    expect(parsed).toMatchObject({
      ok: true,
      frame: { kind: 'response', da1: 10, sa1: 1, sid: 42, mrc: 0x01, src: 0x02, endCode: 0x2102 },
    });
    const endField = describeFrame(bytes ?? new Uint8Array()).find((f) => f.field.startsWith('end code'));
    expect(endField?.hex).toBe('21 02');
    expect(endField?.meaning).toMatch(/protected/);
  });

  it('facts: a refusal over FINS/TCP travels inside a frame-send wrapper', () => {
    const request = scada({ kind: 'program.write', program: { tasks: [], lotGuard: null } }, 'fins-tcp');
    const bytes = refusalFrame(request, { node: 1 }, 3, END_CODE.runMode) ?? new Uint8Array();
    const outer = unwrapTcp(bytes);
    expect(outer.ok && outer.frame.command).toBe(2);
    const inner = outer.ok ? parseFrame(outer.frame.payload) : null;
    expect(inner).toMatchObject({ ok: true, frame: { kind: 'response', mrc: 3, src: 7, endCode: 0x2206 } });
  });

  it('a refusal must carry a non-zero end code', () => {
    expect(() => refusalFrame(scada({ kind: 'clock.read' }), { node: 1 }, 1, 0)).toThrow(/end code/);
  });
});

describe('malformed frames are refused with the field named', () => {
  it.each([
    ['5 bytes: header cut after DA1', '80 00 02 00 00', /needs 10.*DA2, SNA, SA1, SA2, SID/],
    ['10 bytes: no command code', '80 00 02 00 01 00 00 0A 00 01', /MRC \(byte 10\) and SRC \(byte 11\)/],
    ['11 bytes: SRC missing', '80 00 02 00 01 00 00 0A 00 01 01', /SRC \(byte 11\)/],
    ['ICF reserved bits set', '82 00 02 00 01 00 00 0A 00 01 01 01', /byte 0 \(ICF\)/],
    ['RSV not zero', '80 01 02 00 01 00 00 0A 00 01 01 01', /byte 1 \(RSV\)/],
    ['GCT above 7', '80 00 08 00 01 00 00 0A 00 01 01 01', /byte 2 \(GCT\)/],
    ['DNA above 0x7F', '80 00 02 80 01 00 00 0A 00 01 01 01', /byte 3 \(DNA\)/],
    ['SNA above 0x7F', '80 00 02 00 01 00 FF 0A 00 01 01 01', /byte 6 \(SNA\)/],
    ['response without end code', 'C0 00 02 00 0A 00 00 01 00 01 01 01 00', /end code \(bytes 12–13/],
  ])('%s', (_name, hex, message) => {
    const result = parseFrame(fromHex(hex));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });

  it('a frame over 2012 bytes is refused', () => {
    const result = parseFrame(new Uint8Array(2013).fill(0x00).map((_, i) => (i === 0 ? 0x80 : i === 2 ? 2 : 0)));
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) expect(result.error).toMatch(/2012/);
  });

  it('describeFrame labels what it can and ends with the error', () => {
    const bytes = fromHex('80 00 02 00 00');
    const fields = describeFrame(bytes);
    expectEveryByteLabelled(fields, bytes);
    expect(fields.at(-1)).toMatchObject({ field: 'error', length: 0 });
    expect(fields.at(-1)?.meaning).toMatch(/DA2/);
  });

  it.each([
    ['not FINS magic', '46 49 4E 54 00 00 00 08 00 00 00 02 00 00 00 00', /"FINS"/],
    ['header cut in the length', '46 49 4E 53 00 00', /length \(bytes 4–7\)/],
    ['length below 8', '46 49 4E 53 00 00 00 04 00 00 00 02 00 00 00 00', /at least/],
    ['length longer than the data', '46 49 4E 53 00 00 00 20 00 00 00 02 00 00 00 00', /only 8 do/],
  ])('FINS/TCP: %s', (_name, hex, message) => {
    const result = unwrapTcp(fromHex(hex));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });

  it.each<[string, Partial<CommandFields>, RegExp]>([
    ['DA1 over a byte', { da1: 256 }, /DA1 is 256/],
    ['a negative SID', { sid: -1 }, /SID is -1/],
    ['ICF marking a response', { icf: 0xc0 }, /ICF.*bit 6/],
    ['MRC not whole', { mrc: 1.5 }, /MRC is 1.5/],
  ])('buildCommand refuses %s, naming the field', (_name, patch, message) => {
    expect(() => buildCommand({ da1: 1, sa1: 2, sid: 3, mrc: 1, src: 1, ...patch })).toThrow(message);
  });
});

describe('finsCommandFor: our operations as real FINS commands', () => {
  const hexOf = (op: Operation) => {
    const c = finsCommandFor(op);
    return c ? `${toHex(Uint8Array.of(c.mrc, c.src))} | ${toHex(c.params)}` : null;
  };

  it('facts: MEMORY AREA READ of D100, 2 words, uses area code 0x82', () => {
    expect(hexOf({ kind: 'memory.read', area: 'D', address: 100, count: 2 })).toBe('01 01 | 82 00 64 00 00 02');
  });

  it.each([
    ['CIO', 'B0'],
    ['W', 'B1'],
    ['H', 'B2'],
    ['A', 'B3'],
    ['D', '82'],
  ] as const)('facts: %s words use area code %s', (area, code) => {
    expect(hexOf({ kind: 'memory.read', area, address: 0, count: 1 })).toBe(`01 01 | ${code} 00 00 00 00 01`);
  });

  it('facts: MEMORY AREA WRITE carries the word count then the words', () => {
    expect(hexOf({ kind: 'memory.write', area: 'W', address: 10, values: [1, 0xbeef] })).toBe('01 02 | B1 00 0A 00 00 02 00 01 BE EF');
  });

  it('facts: RUN carries the mode byte, STOP goes to PROGRAM with no parameters', () => {
    expect(hexOf({ kind: 'mode.set', mode: 'RUN' })).toBe('04 01 | FF FF 04');
    expect(hexOf({ kind: 'mode.set', mode: 'MONITOR' })).toBe('04 01 | FF FF 02');
    expect(hexOf({ kind: 'mode.set', mode: 'PROGRAM' })).toBe('04 02 | ');
  });

  it('facts: CLOCK WRITE is BCD with the day of week (0 = Sunday)', () => {
    expect(hexOf({ kind: 'clock.write', at: '2026-03-04T09:05:59' })).toBe('07 02 | 26 03 04 09 05 59 03');
  });

  it('CLOCK WRITE refuses a date that does not exist, naming the field', () => {
    expect(() => finsCommandFor({ kind: 'clock.write', at: '2026-02-30T00:00:00' })).toThrow(/at is "2026-02-30/);
    expect(() => finsCommandFor({ kind: 'clock.write', at: 'yesterday' })).toThrow(/ISO date-time/);
  });

  it('memory addresses beyond 16 bits are refused, naming the field', () => {
    expect(() => finsCommandFor({ kind: 'memory.read', area: 'D', address: 70000, count: 1 })).toThrow(/memory.read address/);
    expect(() => finsCommandFor({ kind: 'memory.write', area: 'D', address: 0, values: [1, -2] })).toThrow(/values\[1\]/);
  });

  it.each<[Operation, string]>([
    [{ kind: 'controller.read' }, '05 01'],
    [{ kind: 'clock.read' }, '07 01'],
    [{ kind: 'name.read' }, '26 03'],
    [{ kind: 'errorLog.read' }, '21 02'],
    [{ kind: 'parameters.read' }, '02 01'],
    [{ kind: 'parameters.write', settings: { cycleTime: 10 } }, '02 02'],
    [{ kind: 'program.read' }, '03 06'],
    [{ kind: 'program.write', program: { tasks: [{ id: 0, name: 'main', code: 'LD 0.00' }], lotGuard: null } }, '03 07'],
    [{ kind: 'program.editTasks', tasks: [{ id: 1, name: 't1', code: 'OUT 1.00' }] }, '03 07'],
    [{ kind: 'memory.clearAll' }, '03 08'],
  ])('facts: %j maps to command %s', (operation, code) => {
    expect(hexOf(operation)?.slice(0, 5)).toBe(code);
  });

  it('facts: PARAMETER AREA READ names the PLC Setup area (0x8010)', () => {
    expect(hexOf({ kind: 'parameters.read' })?.startsWith('02 01 | 80 10')).toBe(true);
  });

  it.each<Operation>([
    { kind: 'users.list' },
    { kind: 'users.manage' },
    { kind: 'password.changeOwn', newPassword: 'x' },
    { kind: 'log.read' },
    { kind: 'file.read', path: '/MEMCARD/a' },
    { kind: 'file.write', path: '/MEMCARD/a' },
    { kind: 'snmp.get' },
    { kind: 'tags.exchange' },
    { kind: 'unit.restart' },
  ])('%j has no FINS equivalent', (operation) => {
    expect(finsCommandFor(operation)).toBeNull();
  });
});

describe('requestFrame / responseFrame', () => {
  it('uses the sender FINS node as SA1 and the destination node/unit', () => {
    const bytes = requestFrame(scada({ kind: 'clock.read' }), { node: 1, unit: 0x10 }, 9) ?? new Uint8Array();
    expect(parseFrame(bytes)).toMatchObject({ ok: true, frame: { da1: 1, da2: 0x10, sa1: 10, sid: 9, mrc: 7, src: 1 } });
  });

  it('falls back to the last byte of the IP address for the source node', () => {
    const request: Request = { from: { via: 'network', name: 'PC', ip: '192.168.250.77' }, protocol: 'fins-udp', operation: { kind: 'clock.read' } };
    const parsed = parseFrame(requestFrame(request, { node: 1 }, 1) ?? new Uint8Array());
    expect(parsed.ok && parsed.frame.sa1).toBe(77);
  });

  it('wraps the command for FINS/TCP', () => {
    const bytes = requestFrame(scada({ kind: 'controller.read' }, 'fins-tcp'), { node: 0 }, 0xef) ?? new Uint8Array();
    const outer = unwrapTcp(bytes);
    expect(outer.ok && outer.frame.command).toBe(2);
    expect(outer.ok && toHex(outer.frame.payload)).toBe('80 00 02 00 00 00 00 0A 00 EF 05 01 00');
  });

  it('returns null for non-FINS requests and operations without a FINS command', () => {
    expect(requestFrame(scada({ kind: 'clock.read' }, 'cip'), { node: 1 }, 1)).toBeNull();
    expect(requestFrame({ from: { via: 'usb', name: 'Laptop' }, operation: { kind: 'clock.read' } }, { node: 1 }, 1)).toBeNull();
    expect(requestFrame(scada({ kind: 'users.list' }), { node: 1 }, 1)).toBeNull();
  });

  it('a normal response carries 0x0000 and the data read', () => {
    const request = scada({ kind: 'memory.read', area: 'D', address: 100, count: 1 });
    const bytes = responseFrame(request, { node: 1 }, 5, 0, Uint8Array.of(0x00, 0x2a)) ?? new Uint8Array();
    expect(toHex(bytes)).toBe('C0 00 02 00 0A 00 00 01 00 05 01 01 00 00 00 2A');
    expect(describeFrame(bytes).at(-1)).toMatchObject({ field: 'word 1', meaning: 'value 42 (0x002A)' });
  });
});

describe('end codes', () => {
  it('facts: flag bits are taken apart from the code', () => {
    expect(decodeEndCode(0x2102)).toMatchObject({ code: 0x2102, name: 'Data protected', relayError: false });
    expect(decodeEndCode(0x8000 | 0x2201 | 0x0040)).toMatchObject({ code: 0x2201, relayError: true, nonFatalCpuError: true, fatalCpuError: false });
    expect(decodeEndCode(0x3001).meaning).toMatch(/access right/);
    expect(decodeEndCode(0x1234).name).toBe('Unknown end code');
  });
});

const header = {
  icf: fc.constantFrom(0x00, 0x01, 0x80, 0x81),
  gct: fc.integer({ min: 0, max: 7 }),
  dna: fc.integer({ min: 0, max: 0x7f }),
  da1: fc.integer({ min: 0, max: 255 }),
  da2: fc.integer({ min: 0, max: 255 }),
  sna: fc.integer({ min: 0, max: 0x7f }),
  sa1: fc.integer({ min: 0, max: 255 }),
  sa2: fc.integer({ min: 0, max: 255 }),
  sid: fc.integer({ min: 0, max: 255 }),
  mrc: fc.integer({ min: 0, max: 255 }),
  src: fc.integer({ min: 0, max: 255 }),
  params: fc.uint8Array({ maxLength: 300 }),
};

describe('properties', () => {
  it('build/parse round trip for arbitrary headers, commands and parameters', () => {
    fc.assert(
      fc.property(fc.record(header), (fields) => {
        const parsed = parseFrame(buildCommand(fields));
        expect(parsed).toEqual({ ok: true, frame: { kind: 'command', rsv: 0, ...fields } });
      }),
    );
  });

  it('a response swaps source and destination and keeps SID and command code', () => {
    fc.assert(
      fc.property(fc.record(header), fc.integer({ min: 0, max: 0xffff }), fc.uint8Array({ maxLength: 200 }), (fields, endCode, data) => {
        const parsed = parseFrame(buildResponse(fields, endCode, data));
        expect(parsed).toMatchObject({
          ok: true,
          frame: { kind: 'response', da1: fields.sa1, da2: fields.sa2, sa1: fields.da1, sa2: fields.da2, sid: fields.sid, mrc: fields.mrc, src: fields.src, endCode },
        });
        expect(parsed.ok && parsed.frame.kind === 'response' && [...parsed.frame.data]).toEqual([...data]);
      }),
    );
  });

  it('wrapTcp/unwrapTcp round trip', () => {
    fc.assert(
      fc.property(fc.nat({ max: 0xffffffff }), fc.uint8Array({ maxLength: 300 }), fc.nat({ max: 0xffffffff }), (command, payload, errorCode) => {
        const wrapped = wrapTcp(command, payload, errorCode);
        const result = unwrapTcp(wrapped);
        expect(result).toEqual({ ok: true, frame: { command, errorCode, payload, size: wrapped.length } });
      }),
    );
  });

  it('describeFrame labels every byte of any built frame, wrapped or not', () => {
    fc.assert(
      fc.property(fc.record(header), fc.boolean(), (fields, tcp) => {
        const frame = buildCommand(fields);
        const bytes = tcp ? wrapTcp(2, frame) : frame;
        expectEveryByteLabelled(describeFrame(bytes), bytes);
      }),
    );
  });

  it('parseFrame never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const result = parseFrame(bytes);
        expect(typeof result.ok).toBe('boolean');
        expectEveryByteLabelled(describeFrame(bytes), bytes);
      }),
    );
  });
});
