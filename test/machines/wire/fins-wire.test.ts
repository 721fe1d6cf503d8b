/**
 * FINS on the wire: requests replayed through a rack, their real command frames built with
 * `requestFrame`, refusals with `refusalFrame(…, outcome.endCode)`, both parsed back with
 * `parseFrame` — what a packet capture between the attacker and the PLC would show.
 */
import { describe, expect, it } from 'vitest';
import { decodeEndCode, FINS_TCP_COMMAND } from '../../../machines/wire/fins-codes.ts';
import {
  type FinsCommandFrame,
  type FinsDestination,
  type FinsResponseFrame,
  fromHex,
  parseFrame,
  refusalFrame,
  requestFrame,
  unwrapTcp,
} from '../../../machines/wire/fins.ts';
import type { Operation, Outcome, Request } from '../../../machines/model.ts';
import type { Rack } from '../../../machines/request-path/rack.ts';
import { wireExchange } from '../../../machines/wire/wire.ts';
import {
  DEV,
  editedProgram,
  ENGINEERING_PC,
  fins,
  READ_D100,
  ROGUE_LAPTOP,
  rack as buildRack,
  SCADA,
  secure,
  USB_CABLE,
  WRITE_D100,
} from '../rack-fixtures.ts';
import { stoppedAfterEach } from '../stopped-after-each.ts';

/** The EIP21S is FINS node 1; unit address 00 is the CPU Unit behind it. */
const PLC: FinsDestination = { node: 1, unit: 0x00 };
const SID = 0x2a;

/** A rack that is stopped after the test. */
const rack = stoppedAfterEach(buildRack);

/** Strips the FINS/TCP wrapper when there is one, checking it says "FINS frame send". */
function finsPayload(request: Request, bytes: Uint8Array): Uint8Array {
  if (request.protocol !== 'fins-tcp') return bytes;
  const unwrapped = unwrapTcp(bytes);
  if (!unwrapped.ok) throw new Error(unwrapped.error);
  expect(unwrapped.frame.command).toBe(FINS_TCP_COMMAND.frameSend);
  expect(unwrapped.frame.errorCode).toBe(0);
  expect(unwrapped.frame.size).toBe(bytes.length);
  return unwrapped.frame.payload;
}

function parsedCommand(request: Request): FinsCommandFrame {
  const bytes = requestFrame(request, PLC, SID);
  if (!bytes) throw new Error('no FINS frame for this request');
  const parsed = parseFrame(finsPayload(request, bytes));
  if (!parsed.ok || parsed.frame.kind !== 'command') throw new Error(`not a command frame: ${JSON.stringify(parsed)}`);
  return parsed.frame;
}

function parsedRefusal(request: Request, outcome: Outcome): FinsResponseFrame {
  if (outcome.endCode === undefined) throw new Error('the outcome has no end code');
  const bytes = refusalFrame(request, PLC, SID, outcome.endCode);
  if (!bytes) throw new Error('no FINS refusal for this request');
  const parsed = parseFrame(finsPayload(request, bytes));
  if (!parsed.ok || parsed.frame.kind !== 'response') throw new Error(`not a response frame: ${JSON.stringify(parsed)}`);
  return parsed.frame;
}

/** Sends the request, then checks the refusal on the wire answers the command with `endCode`. */
function refusedOnTheWire(r: Rack, request: Request, endCode: number, command: [mrc: number, src: number]) {
  const outcome = r.send(request);
  expect(outcome.allowed).toBe(false);
  expect(outcome.endCode).toBe(endCode);
  const sent = parsedCommand(request);
  const answer = parsedRefusal(request, outcome);
  expect([sent.mrc, sent.src]).toEqual(command);
  expect([answer.mrc, answer.src]).toEqual(command);
  expect(answer.endCode).toBe(endCode);
  // A response swaps source and destination and keeps the service ID.
  expect([answer.da1, answer.da2, answer.sa1, answer.sa2]).toEqual([sent.sa1, sent.sa2, sent.da1, sent.da2]);
  expect(answer.sid).toBe(SID);
  expect(answer.icf & 0x40).toBe(0x40);
  expect(answer.data).toHaveLength(0);
  return { outcome, sent, answer };
}

describe('refusals as the sender sees them', () => {
  it('§2-5-3 a rogue MEMORY AREA WRITE is answered with end code 2101 (area read-only)', () => {
    const r = rack({ cpu: { finsWriteProtection: { enabled: true, excludedNodes: [10] } } });
    const { sent, answer } = refusedOnTheWire(r, fins(ROGUE_LAPTOP, WRITE_D100), 0x2101, [0x01, 0x02]);
    expect(sent.sa1).toBe(77);
    expect(sent.da1).toBe(1);
    // D area 0x82, word 100, bit 0, 2 words, then 1234 and 42.
    expect(Array.from(sent.params)).toEqual([0x82, 0x00, 0x64, 0x00, 0x00, 0x02, 0x04, 0xd2, 0x00, 0x2a]);
    expect(decodeEndCode(answer.endCode).name).toBe('Area read-only');
  });

  it('§2-5-3 the same refusal over FINS/TCP comes wrapped in a FINS/TCP frame', () => {
    const r = rack({ cpu: { finsWriteProtection: { enabled: true, excludedNodes: [] } } });
    const request = fins(ROGUE_LAPTOP, WRITE_D100, { protocol: 'fins-tcp' });
    const raw = requestFrame(request, PLC, SID);
    expect(Array.from(raw?.slice(0, 4) ?? [])).toEqual([0x46, 0x49, 0x4e, 0x53]);
    refusedOnTheWire(r, request, 0x2101, [0x01, 0x02]);
  });

  it('§2-5-1 a PROGRAM AREA WRITE under DIP switch protection is answered with 2101', () => {
    const r = rack({ cpu: { dipWriteProtect: true } });
    refusedOnTheWire(r, fins(ENGINEERING_PC, { kind: 'program.write', program: editedProgram() }), 0x2101, [0x03, 0x07]);
  });

  it('§2-5-2 a PROGRAM AREA READ of a read-protected program is answered with 2102', () => {
    const r = rack({ cpu: { umPassword: 'Um-Secret1' } });
    refusedOnTheWire(r, fins(ROGUE_LAPTOP, { kind: 'program.read' }), 0x2102, [0x03, 0x06]);
  });

  it('a PROGRAM AREA WRITE in RUN mode is answered with 2206 (wrong mode: RUN)', () => {
    const r = rack({ cpu: { mode: 'RUN' } });
    refusedOnTheWire(r, fins(ENGINEERING_PC, { kind: 'program.write', program: editedProgram() }), 0x2206, [0x03, 0x07]);
  });

  it('a MEMORY AREA READ past the end of the D area is answered with 1104', () => {
    refusedOnTheWire(rack(), fins(SCADA, { kind: 'memory.read', area: 'D', address: 32760, count: 10 }), 0x1104, [0x01, 0x01]);
  });

  it('§2-5-5 a write to A90 is answered with 2101 over FINS/TCP', () => {
    const request = fins(ROGUE_LAPTOP, { kind: 'memory.write', area: 'A', address: 90, values: [0] }, { protocol: 'fins-tcp' });
    refusedOnTheWire(rack(), request, 0x2101, [0x01, 0x02]);
  });
});

describe('wireExchange: the bytes both ways', () => {
  it('§2-2-1 a packet dropped by the IP filter goes out but nothing comes back', () => {
    const r = rack({ eip: { filter: { enabled: true, rules: [{ ip: '192.168.250.10', mask: '255.255.255.255' }] } } });
    const request = fins(ROGUE_LAPTOP, WRITE_D100);
    const exchange = wireExchange(request, r.send(request), PLC, SID);
    expect(exchange?.request).toEqual(requestFrame(request, PLC, SID));
    expect(exchange?.response).toBeNull();
  });

  it('§2-2-2 a packet to a closed port gets no answer either', () => {
    const r = rack({ eip: { ports: { cipMessageServer: true, finsUdp: false, finsTcp: true, ftpServer: true, snmp: true } } });
    const request = fins(SCADA, READ_D100);
    expect(wireExchange(request, r.send(request), PLC)?.response).toBeNull();
  });

  it('§2-3-2 and §2-5-4 refusals send no FINS answer', () => {
    const named = rack({ cpu: { plcName: 'FILLER_1' } });
    const wrongProject = fins(ENGINEERING_PC, { kind: 'program.read' }, { projectPlcName: 'FILLER_2' });
    expect(wireExchange(wrongProject, named.send(wrongProject), PLC)?.response).toBeNull();
    const other = rack({ lotNumber: '091130' });
    const copy = fins(ROGUE_LAPTOP, { kind: 'program.write', program: editedProgram('LD 0.00', '080620') });
    const download = parseFrame(wireExchange(copy, other.send(copy), PLC)?.response ?? new Uint8Array());
    // §2-5-4: the CPU accepts the copy's download (0000); the guard acts only when it runs
    expect(download.ok && download.frame.kind === 'response' && download.frame.endCode).toBe(0);
    const run = fins(ROGUE_LAPTOP, { kind: 'mode.set', mode: 'RUN' });
    expect(wireExchange(run, other.send(run), PLC)?.response).toBeNull();
  });

  it('an allowed MEMORY AREA READ answers 0000 followed by the words, in plain text', () => {
    const r = rack();
    r.send(fins(SCADA, WRITE_D100));
    const request = fins(ROGUE_LAPTOP, READ_D100);
    const exchange = wireExchange(request, r.send(request), PLC, SID);
    const parsed = parseFrame(exchange?.response ?? new Uint8Array());
    expect(parsed.ok && parsed.frame.kind === 'response' && parsed.frame.endCode).toBe(0);
    expect(parsed.ok && parsed.frame.kind === 'response' && Array.from(parsed.frame.data)).toEqual([0x04, 0xd2, 0x00, 0x2a]);
  });

  it('an allowed CLOCK READ answers the CPU clock as BCD year, month, day, hour, minute, second, weekday', () => {
    const r = rack({ clock: '2026-03-14T15:09:26Z' });
    const request = fins(SCADA, { kind: 'clock.read' });
    const parsed = parseFrame(wireExchange(request, r.send(request), PLC)?.response ?? new Uint8Array());
    expect(parsed.ok && parsed.frame.kind === 'response' && Array.from(parsed.frame.data)).toEqual([0x26, 0x03, 0x14, 0x15, 0x09, 0x26, 0x06]);
  });

  it('a scanner’s CONTROLLER DATA READ probe is byte for byte the nmap probe, and is answered', () => {
    const scanner: Request['from'] = { via: 'network', name: 'Scanner', ip: '192.168.250.99', finsNode: 0x63 };
    const request = fins(scanner, { kind: 'controller.read' });
    const exchange = wireExchange(request, rack().send(request), { node: 0, unit: 0 }, 0xef);
    expect(exchange?.request).toEqual(fromHex('80 00 02 00 00 00 00 63 00 EF 05 01 00'));
    expect(exchange?.response?.[0]).toBe(0xc0);
  });

  it('§2-1-1 Secure Comm and local-port requests put no plain FINS frame on the network', () => {
    const r = rack();
    const encrypted = secure(ENGINEERING_PC, DEV, READ_D100);
    expect(wireExchange(encrypted, r.send(encrypted), PLC)).toBeNull();
    const usb = fins(USB_CABLE, READ_D100);
    expect(wireExchange(usb, r.send(usb), PLC)).toBeNull();
  });

  it('every FINS refusal with an end code round-trips: the parsed answer repeats the command code and the end code', () => {
    const r = rack({ cpu: { dipWriteProtect: true, umPassword: 'Um-Secret1', finsWriteProtection: { enabled: true, excludedNodes: [] } } });
    const operations: Operation[] = [
      WRITE_D100,
      { kind: 'program.write', program: editedProgram() },
      { kind: 'program.read' },
      { kind: 'parameters.write', settings: { startupMode: 'RUN' } },
      { kind: 'mode.set', mode: 'RUN' },
      { kind: 'clock.write', at: '2026-01-01T00:00:00' },
      { kind: 'memory.read', area: 'CIO', address: 6143, count: 2 },
    ];
    for (const protocol of ['fins-udp', 'fins-tcp'] as const) {
      for (const operation of operations) {
        const request = fins(ROGUE_LAPTOP, operation, { protocol });
        const outcome = r.send(request);
        expect(outcome.allowed, operation.kind).toBe(false);
        const sent = parsedCommand(request);
        const answer = parsedRefusal(request, outcome);
        expect([answer.mrc, answer.src, answer.endCode]).toEqual([sent.mrc, sent.src, outcome.blockedBy?.endCode]);
      }
    }
  });
});
