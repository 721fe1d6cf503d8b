/**
 * Untrusted input at the simulator's front door: requests built from arbitrary JSON — fields
 * named like Object.prototype members (`constructor`, `toString`, `__proto__`…) at any depth,
 * NaN, Infinity, huge numbers, wrong types — thrown at `rack.send` and `evaluate`. The contract:
 * an Outcome, or an Error whose message names the request field; never a TypeError, and the
 * rack keeps working afterwards.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROTOCOL_LABELS } from '../../../machines/eip/eip21s.machine.ts';
import type { NetworkProtocol, Operation, Request } from '../../../machines/model.ts';
import { evaluate } from '../../../machines/request-path/request-path.ts';
import { PROTOTYPE_KEYS, spoiled } from '../hostile-values.ts';
import { ADA, ENGINEERING_PC, PROGRAM, rack as buildRack, READ_D100, USB_CABLE, WRITE_D100 } from '../rack-fixtures.ts';

/** One well-formed operation of every kind, to be spoiled by mutations. */
const SAMPLE_OPERATIONS: readonly Operation[] = [
  { kind: 'controller.read' },
  READ_D100,
  WRITE_D100,
  { kind: 'parameters.read' },
  { kind: 'parameters.write', settings: { startupMode: 'RUN' } },
  { kind: 'program.read', taskIds: [0] },
  { kind: 'program.write', program: PROGRAM, protection: { umPassword: 'Secr3t', taskPasswords: { 0: 'Task0pw' }, prohibitOverwrite: true } },
  { kind: 'program.editTasks', tasks: PROGRAM.tasks },
  { kind: 'mode.set', mode: 'MONITOR' },
  { kind: 'memory.clearAll' },
  { kind: 'clock.read' },
  { kind: 'clock.write', at: '2026-03-02T09:00:00Z' },
  { kind: 'name.read' },
  { kind: 'errorLog.read' },
  { kind: 'users.list' },
  { kind: 'users.manage', change: { action: 'add', user: { name: 'eve', role: 'operator', password: 'Ev3-secret!' } } },
  { kind: 'users.manage', change: { action: 'setRole', name: 'dev', role: 'observer' } },
  { kind: 'users.manage', change: { action: 'remove', name: 'olly' } },
  { kind: 'password.changeOwn', newPassword: 'N3w-passw0rd!' },
  { kind: 'log.read' },
  { kind: 'file.read', path: '/MEMCARD/backup.obj' },
  { kind: 'file.write', path: '/MEMCARD/backup.obj' },
  { kind: 'snmp.get' },
  { kind: 'tags.exchange' },
  { kind: 'unit.restart' },
];

/** A well-formed request: a network node (any protocol) or a USB cable, maybe logged in. */
const wellFormedRequest: fc.Arbitrary<Request> = fc
  .record({
    network: fc.boolean(),
    protocol: fc.constantFrom(...(Object.keys(PROTOCOL_LABELS) as NetworkProtocol[])),
    operation: fc.constantFrom(...SAMPLE_OPERATIONS),
    login: fc.boolean(),
  })
  .map(({ network, protocol, operation, login }) => {
    const request: Request = network ? { from: ENGINEERING_PC, protocol, operation } : { from: USB_CABLE, operation };
    if (login) request.credentials = { user: ADA.name, password: ADA.password };
    return structuredClone(request);
  });

/** Requests: a well-formed one spoiled anywhere. */
const requestArb = spoiled(wellFormedRequest);

/** Runs `act`; an Error is acceptable only when it is not a TypeError/RangeError and names a request field. */
function expectOutcomeOrNamedProblem(act: () => unknown): void {
  let result: unknown;
  try {
    result = act();
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(TypeError);
    expect(error).not.toBeInstanceOf(RangeError);
    expect((error as Error).message).toMatch(/request/);
    return;
  }
  expect(result).toMatchObject({ allowed: expect.any(Boolean), trace: expect.any(Array) });
}

describe('hostile requests', () => {
  it('requests with prototype-named kinds, protocols and ports get a named problem', () => {
    const rack = buildRack();
    for (const key of PROTOTYPE_KEYS) {
      const cases: unknown[] = [
        { from: ENGINEERING_PC, protocol: key, operation: READ_D100 },
        { from: ENGINEERING_PC, protocol: 'fins-udp', operation: { kind: key } },
        { from: { via: key, name: 'x' }, operation: READ_D100 },
        { from: ENGINEERING_PC, protocol: 'fins-udp', operation: { ...READ_D100, area: key } },
        { from: ENGINEERING_PC, protocol: 'fins-udp', operation: { kind: 'mode.set', mode: key } },
      ];
      for (const request of cases) expectOutcomeOrNamedProblem(() => rack.send(request as Request));
    }
    expect(rack.send({ from: ENGINEERING_PC, protocol: 'fins-udp', operation: READ_D100 }).allowed).toBe(true);
    rack.stop();
  });

  it('evaluate and rack.send: any request gives an outcome or a named problem, never a TypeError', () => {
    const rack = buildRack();
    fc.assert(
      fc.property(requestArb, (request) => {
        expectOutcomeOrNamedProblem(() => evaluate(rack.view(), request as Request));
        expectOutcomeOrNamedProblem(() => rack.send(request as Request));
      }),
      { numRuns: 1500 },
    );
    // The rack is still whole: an ordinary read still works.
    expect(rack.send({ from: ENGINEERING_PC, protocol: 'fins-udp', operation: READ_D100 }).allowed).toBe(true);
    rack.stop();
  });

  it('the EIP21S refuses events with data of the wrong type in words, and keeps running', () => {
    const rack = buildRack();
    const eip = rack.eip;
    if (!eip) throw new Error('the fixture rack has an EIP21S');
    const events = [
      { type: 'users.added', user: null },
      { type: 'users.added', user: { name: 'eve', role: 'operator', password: 12345678 } },
      { type: 'users.passwordChanged', name: ADA.name, password: { toString: 'x' } },
      { type: 'filter.ruleAdded', rule: { ip: 3232258561, mask: '255.255.255.255' } },
      { type: 'filter.ruleRemoved', rule: null },
      { type: 'ports.set', port: 'constructor', use: false },
      { type: 'snmp.communitySet', community: 42 },
    ];
    for (const event of events) {
      eip.send(event as never);
      expect(eip.getSnapshot().status).toBe('active');
      expect(eip.getSnapshot().context.lastError).toMatch(/^[A-Z].* /);
    }
    expect(rack.send({ from: ENGINEERING_PC, protocol: 'fins-udp', operation: READ_D100 }).allowed).toBe(true);
    rack.stop();
  });
});
