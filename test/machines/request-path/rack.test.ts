/**
 * The rack as widgets, labs and the grader use it: built from a validated RackConfig, a stable
 * view, state that changes only through the units' events, and clear errors for bad input.
 */
import { describe, expect, it } from 'vitest';
import type { RackConfig, Request } from '../../../machines/model.ts';
import { createRack, rackConfigProblem, trySend } from '../../../machines/request-path/rack.ts';
import { evaluate, requestProblem } from '../../../machines/request-path/request-path.ts';
import {
  DEV,
  eipSettings,
  ENGINEERING_PC,
  fins,
  READ_D100,
  ROGUE_LAPTOP,
  rackConfig,
  SCADA,
  secure,
  WRITE_D100,
} from '../rack-fixtures.ts';
import { stoppedAfterEach } from '../stopped-after-each.ts';

/** A rack from `config` that is stopped after the test. */
const build = stoppedAfterEach((config: RackConfig = rackConfig()) => createRack(config));

describe('building a rack from a RackConfig', () => {
  it('builds a CPU alone, a CPU with an EIP21S, and one with a unit without security functions', () => {
    expect(build(rackConfig({ unit: null })).view().unit).toBeNull();
    const secured = build();
    expect(secured.eip).not.toBeNull();
    expect(secured.view().unit).toMatchObject({ model: 'CJ1W-EIP21S', eip: { userAuth: 'administered' } });
    const plain = build(rackConfig({ unit: { model: 'CJ1W-EIP21' } }));
    expect(plain.eip).toBeNull();
    expect(plain.view().unit).toEqual({ model: 'CJ1W-EIP21', eip: null });
  });

  const invalid: Array<[string, (c: RackConfig) => unknown, RegExp]> = [
    ['an unknown CPU model', (c) => Object.assign(c.cpu, { model: 'CJ9Z' }), /^Rack configuration: cpu\.model: "CJ9Z" .*use one of CS1G\/H/],
    ['a lot number with letters', (c) => Object.assign(c.cpu, { lotNumber: 'LOT-1' }), /cpu\.lotNumber: give the 4–8 digits/],
    ['an impossible clock', (c) => Object.assign(c.cpu, { clock: '2026-02-30T10:00:00' }), /cpu\.clock: .*does not exist/],
    ['a bad mode', (c) => Object.assign(c.cpu.settings, { mode: 'STOP' }), /cpu\.settings\.mode: use PROGRAM, MONITOR or RUN/],
    ['a PLC name on a CS CPU', (c) => Object.assign(c, { cpu: { ...c.cpu, model: 'CS1G/H', settings: { ...c.cpu.settings, plcName: 'X' } }, unit: undefined }), /cpu\.settings\.plcName: CS1G\/H cannot store a PLC name/],
    ['a bad excluded FINS node', (c) => Object.assign(c.cpu.settings, { finsWriteProtection: { enabled: true, excludedNodes: [300] } }), /cpu\.settings\.finsWriteProtection\.excludedNodes: 300/],
    ['an unknown unit', (c) => Object.assign(c, { unit: { model: 'CJ1W-ETN21' } }), /unit\.model: "CJ1W-ETN21" is unknown/],
    ['a CS unit on a CJ CPU', (c) => Object.assign(c, { unit: { model: 'CS1W-EIP21S', settings: eipSettings() } }), /unit\.model: .*cannot be mounted on a CJ2H.*CJ1W-EIP21S/],
    ['an EIP21S without settings', (c) => Object.assign(c, { unit: { model: 'CJ1W-EIP21S' } }), /unit\.settings: an CJ1W-EIP21S needs its settings/],
    ['a weak user password', (c) => Object.assign(c, { unit: { model: 'CJ1W-EIP21S', settings: eipSettings({ users: [{ name: 'ada', role: 'administrator', password: 'admin' }] }) } }), /unit\.settings: User 1: Password is too short/],
    ['a non-contiguous filter mask', (c) => Object.assign(c, { unit: { model: 'CJ1W-EIP21S', settings: eipSettings({ filter: { enabled: true, rules: [{ ip: '192.168.250.0', mask: '255.0.255.0' }] } }) } }), /unit\.settings: Filter rule 1: .*not contiguous/],
  ];

  for (const [what, spoil, message] of invalid) {
    it(`an invalid RackConfig throws an error naming the field: ${what}`, () => {
      const config = rackConfig();
      spoil(config);
      expect(rackConfigProblem(config)).not.toBeNull();
      expect(() => createRack(config)).toThrow(message);
    });
  }

  it('a valid RackConfig has no problem', () => {
    expect(rackConfigProblem(rackConfig())).toBeNull();
    expect(rackConfigProblem(rackConfig({ model: 'CP1H' }))).toBeNull();
    expect(rackConfigProblem(rackConfig({ model: 'CP1L', unit: { model: 'CP1W-CIF41' } }))).toBeNull();
  });

  it('keeps its own copy of the configuration', () => {
    const config = rackConfig();
    const r = build(config);
    config.cpu.lotNumber = '999999';
    config.unit?.settings?.users.splice(0);
    expect(r.config.cpu.lotNumber).toBe('080620');
    expect(r.view().cpu.lotNumber).toBe('080620');
    expect(r.view().unit?.eip?.users).toHaveLength(3);
  });
});

describe('state changes only through the units’ events', () => {
  it('evaluate on a view is pure: nothing changes, not even the view object', () => {
    const r = build();
    const view = r.view();
    const snapshot = structuredClone(view);
    const outcome = evaluate(view, fins(ROGUE_LAPTOP, WRITE_D100));
    expect(outcome.allowed).toBe(true);
    expect(view).toEqual(snapshot);
    expect(r.view()).toBe(view);
  });

  it('the view is the same object until a unit changes, then a new one', () => {
    const r = build(rackConfig({ eip: { filter: { enabled: true, rules: [{ ip: '192.168.250.10', mask: '255.255.255.255' }] } } }));
    const first = r.view();
    expect(r.send(fins(ROGUE_LAPTOP, WRITE_D100)).allowed).toBe(false);
    expect(r.view()).toBe(first);
    expect(r.send(fins(SCADA, WRITE_D100)).allowed).toBe(true);
    expect(r.view()).not.toBe(first);
    expect(r.view().cpu.memory.D).toMatchObject({ 100: 1234, 101: 42 });
  });

  it('subscribers hear every change until they unsubscribe', () => {
    const r = build();
    let calls = 0;
    const stop = r.subscribe(() => {
      calls++;
    });
    r.send(fins(SCADA, WRITE_D100));
    r.eip?.send({ type: 'filter.enabled' });
    expect(calls).toBe(2);
    stop();
    r.send(fins(SCADA, WRITE_D100));
    expect(calls).toBe(2);
  });

  it('a Secure Comm request that is refused is still written to the operation log (§2-6-1)', () => {
    const r = build();
    const before = r.view();
    r.send(secure(ENGINEERING_PC, DEV, READ_D100, 'Wrong-pass1'));
    expect(r.view().cpu).toBe(before.cpu);
    expect(r.view().unit?.eip?.log).toHaveLength(1);
  });

  it('stop() stops both units', () => {
    const r = createRack(rackConfig());
    r.stop();
    expect(r.cpu.getSnapshot().status).toBe('stopped');
    expect(r.eip?.getSnapshot().status).toBe('stopped');
  });
});

describe('bad requests', () => {
  const bad: Array<[string, Request, RegExp]> = [
    ['an impossible source address', fins({ via: 'network', name: 'x', ip: '192.168.250.300' }, READ_D100), /request\.from\.ip .*part 4 is 300/],
    ['a network request without a protocol', { from: SCADA, operation: READ_D100 }, /request\.protocol: a network request needs its protocol/],
    ['an unknown protocol', { from: SCADA, protocol: 'modbus' as never, operation: READ_D100 }, /request\.protocol: "modbus" is unknown/],
    ['a FINS node out of range', fins({ via: 'network', name: 'SCADA', ip: '192.168.250.10', finsNode: 0 }, READ_D100), /request\.from\.finsNode: 0/],
    ['an unknown operation', fins(SCADA, { kind: 'memory.format' } as never), /request\.operation\.kind: "memory\.format" is unknown/],
    ['credentials without a password', { ...fins(SCADA, READ_D100), credentials: { user: 'dev' } as never }, /request\.credentials/],
    ['an unknown way in', { from: { via: 'bluetooth', name: 'x' } as never, operation: READ_D100 }, /request\.from\.via: "bluetooth"/],
  ];

  for (const [what, request, message] of bad) {
    it(`${what} is refused with an error naming the field, and nothing changes`, () => {
      const r = build();
      const before = r.view();
      expect(requestProblem(request)).toMatch(message);
      expect(() => r.send(request)).toThrow(message);
      expect(r.view()).toBe(before);
    });
  }
});

describe('learning that a unit refused an event (trySend)', () => {
  it('says the CPU Unit took a valid clock and refused an impossible one, with its reason', () => {
    const r = build();
    expect(trySend(r.cpu, { type: 'clock.set', at: '2026-03-01T10:00:00Z' })).toEqual({ ok: true });
    const refused = trySend(r.cpu, { type: 'clock.set', at: '2026-02-30T10:00:00Z' });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.reason).toMatch(/does not exist/);
    expect(r.view().cpu.clock).toBe('2026-03-01T10:00:00Z');
  });

  it('says the EIP21S refused a user it already has, and took a new one', () => {
    const r = build();
    const eip = r.eip;
    if (!eip) throw new Error('the default rack has an EIP21S');
    const again = trySend(eip, { type: 'users.added', user: DEV });
    expect(again.ok ? 'taken' : again.reason).toMatch(/dev/i);
    expect(trySend(eip, { type: 'users.added', user: { name: 'eve', role: 'operator', password: 'Op3rator-pass' } })).toEqual({ ok: true });
  });
});
