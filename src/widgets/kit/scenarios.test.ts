import { describe, expect, it } from 'vitest';
import { checkPassword } from '../../../machines/eip/password-policy.ts';
import { createRack, rackConfigProblem } from '../../../machines/request-path/rack.ts';
import { CPU_MODEL_IDS } from '../../../machines/catalog/catalog.ts';
import { PLANT_USERS, scenarioRack, userWithRole } from './scenarios.ts';

describe('scenario racks', () => {
  it('builds a valid rack for every CPU model with its default unit', () => {
    for (const cpu of CPU_MODEL_IDS) {
      expect(rackConfigProblem(scenarioRack({ cpu })), cpu).toBeNull();
    }
  });

  it('§1-5 mounts the EIP21S of the CPU series, and none on CP models that cannot take one', () => {
    expect(scenarioRack({ cpu: 'CS1G/H' }).unit?.model).toBe('CS1W-EIP21S');
    expect(scenarioRack({ cpu: 'CJ2M' }).unit?.model).toBe('CJ1W-EIP21S');
    expect(scenarioRack({ cpu: 'CP1H' }).unit?.model).toBe('CJ1W-EIP21S');
    expect(scenarioRack({ cpu: 'CP1L' }).unit).toBeUndefined();
    expect(scenarioRack({ unit: null }).unit).toBeUndefined();
  });

  it('§2-3-2 registers a PLC name only on CJ CPUs', () => {
    expect(scenarioRack({ cpu: 'CJ2H' }).cpu.settings.plcName).not.toBeNull();
    expect(scenarioRack({ cpu: 'CS1G/H' }).cpu.settings.plcName).toBeNull();
  });

  it('§1-6 every scenario user has a password the policy accepts, one user per authority', () => {
    for (const u of PLANT_USERS) expect(checkPassword(u.password, { userName: u.name }), u.name).toEqual({ ok: true });
    expect(new Set(PLANT_USERS.map((u) => u.role)).size).toBe(PLANT_USERS.length);
    expect(userWithRole('operator').role).toBe('operator');
    expect(() => userWithRole('operator', [])).toThrow(/operator/);
  });

  it('options change only what they name: filter, ports and users reach the running unit', () => {
    const rack = createRack(
      scenarioRack({ filter: { enabled: true, rules: [{ ip: '192.168.250.10', mask: '255.255.255.255' }] }, ports: { finsUdp: false }, users: [] }),
    );
    const eip = rack.view().unit?.eip;
    expect(eip?.filter.enabled).toBe(true);
    expect(eip?.filter.rules).toHaveLength(1);
    expect(eip?.ports.finsUdp).toBe(false);
    expect(eip?.ports.finsTcp).toBe(true);
    expect(eip?.secureCommAvailable).toBe(false);
    rack.stop();
  });
});
