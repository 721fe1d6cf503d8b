/**
 * Reading a client's command back into the operation the course walks: every command the
 * simulator sends (machines/wire/fins-commands.ts) decodes to the operation it came from, and
 * what a unit cannot serve gets the end code that says why. Plant nodes on loopback.
 */
import { describe, expect, it } from 'vitest';
import type { PlantNode } from '../../machines/grading/lab.ts';
import type { Operation } from '../../machines/model.ts';
import { END_CODE } from '../../machines/wire/fins-codes.ts';
import { buildCommand, type FinsCommandFrame, finsCommandFor, parseFrame } from '../../machines/wire/fins.ts';
import { decodeCommand } from '../../src/server/bridge/fins-requests.server.ts';
import { addressPlan, senderOf, STRANGER_NAME } from '../../src/server/bridge/plant-addresses.server.ts';

function frameOf(mrc: number, src: number, params: Uint8Array): FinsCommandFrame {
  const parsed = parseFrame(buildCommand({ da1: 1, sa1: 10, sid: 1, mrc, src, params }));
  if (!parsed.ok || parsed.frame.kind !== 'command') throw new Error('test frame did not parse');
  return parsed.frame;
}

const ROUND_TRIP: Operation[] = [
  { kind: 'controller.read' },
  { kind: 'memory.read', area: 'D', address: 100, count: 3 },
  { kind: 'memory.read', area: 'CIO', address: 0, count: 1 },
  { kind: 'memory.write', area: 'W', address: 5, values: [1, 0xffff] },
  { kind: 'parameters.read' },
  { kind: 'parameters.write', settings: { scanTimeMs: 10, watchdogMs: 1000 } },
  { kind: 'program.read' },
  { kind: 'memory.clearAll' },
  { kind: 'mode.set', mode: 'RUN' },
  { kind: 'mode.set', mode: 'MONITOR' },
  { kind: 'mode.set', mode: 'PROGRAM' },
  { kind: 'clock.read' },
  { kind: 'clock.write', at: '2026-03-04T09:05:59' },
  { kind: 'name.read' },
  { kind: 'errorLog.read' },
];

describe('decodeCommand', () => {
  it.each(ROUND_TRIP.map((op) => [op.kind, op] as const))('reads %s back from the frame the course sends', (_, operation) => {
    const command = finsCommandFor(operation);
    if (!command) throw new Error('no FINS command');
    expect(decodeCommand(frameOf(command.mrc, command.src, command.params))).toEqual({ ok: true, operation });
  });

  it('answers what it cannot serve with the end code that says why', () => {
    const refused = (mrc: number, src: number, params: number[]) => decodeCommand(frameOf(mrc, src, Uint8Array.from(params)));
    expect(refused(0x01, 0x01, [0x82, 0, 0])).toEqual({ ok: false, endCode: END_CODE.commandTooShort });
    expect(refused(0x01, 0x01, [0x82, 0, 0, 0, 0, 1, 9])).toEqual({ ok: false, endCode: END_CODE.commandTooLong });
    expect(refused(0x01, 0x01, [0x99, 0, 0, 0, 0, 1])).toEqual({ ok: false, endCode: END_CODE.areaCodeInvalid });
    expect(refused(0x01, 0x02, [0x82, 0, 0, 0, 0, 2, 0, 1])).toEqual({ ok: false, endCode: END_CODE.itemCountMismatch });
    expect(refused(0x07, 0x02, [0x26, 0x1a, 0x04, 0x09, 0x05])).toEqual({ ok: false, endCode: END_CODE.formatError });
    expect(refused(0x22, 0x01, [])).toEqual({ ok: false, endCode: END_CODE.undefinedCommand });
  });
});

describe('plant nodes on loopback', () => {
  const network: PlantNode[] = [
    { name: 'Engineering PC', description: 'CX-Programmer', ip: '192.168.250.10', finsNode: 10 },
    { name: 'SCADA server', description: 'Polls', ip: '172.16.5.10', finsNode: 60 },
    { name: 'Router', description: 'Gateway', ip: '192.168.250.1' },
    { name: 'Your laptop', description: 'USB', port: 'usb' },
  ];
  const plan = addressPlan(network, '192.168.250.1');

  it('gives each network node the loopback address of its last byte, or the next free one', () => {
    expect(plan.aliases.map((a) => [a.name, a.loopback])).toEqual([
      ['Engineering PC', '127.0.0.10'],
      ['SCADA server', '127.0.0.2'],
      ['Router', '127.0.0.3'],
    ]);
  });

  it('reads a datagram from an alias as that node, and anything else as a device the plant does not know', () => {
    expect(senderOf(plan, '127.0.0.2')).toEqual({ name: 'SCADA server', ip: '172.16.5.10', finsNode: 60 });
    expect(senderOf(plan, '::ffff:127.0.0.10')).toEqual({ name: 'Engineering PC', ip: '192.168.250.10', finsNode: 10 });
    expect(senderOf(plan, '127.0.0.1')).toEqual({ name: STRANGER_NAME, ip: '192.168.250.254' });
  });
});
