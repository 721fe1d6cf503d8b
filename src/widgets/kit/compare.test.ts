import { describe, expect, it } from 'vitest';
import { createRack } from '../../../machines/request-path/rack.ts';
import { compareRoles, compareSenders } from './compare.ts';
import { ENGINEERING_PC, HMI, ROGUE_LAPTOP, USB_LAPTOP } from './nodes.ts';
import { OPERATION_PRESETS } from './requests.ts';
import { PLANT_USERS, scenarioRack } from './scenarios.ts';

describe('comparisons', () => {
  it('§2-2-1 with one host rule only the registered PC passes; the USB cable never meets the filter', () => {
    const rack = createRack(scenarioRack({ filter: { enabled: true, rules: [{ ip: '192.168.250.10', mask: '255.255.255.255' }] } }));
    const rows = compareSenders(rack.view(), [ENGINEERING_PC, HMI, ROGUE_LAPTOP, USB_LAPTOP], OPERATION_PRESETS.readD100.operation, 'fins-udp');
    expect(rows.map((r) => r.outcome.allowed)).toEqual([true, false, false, true]);
    expect(rows[2]?.summary).toBe('blocked at IP packet filtering (§2-2-1)');
    expect(rows[0]?.summary).toBe('gets through');
    rack.stop();
  });

  it('§2-4-1 a download is refused for the operator and allowed for the designer, and nothing changes', () => {
    const rack = createRack(scenarioRack({ mode: 'PROGRAM' }));
    const before = rack.view();
    const rows = compareRoles(before, ENGINEERING_PC, PLANT_USERS, OPERATION_PRESETS.downloadProgram.operation);
    const byRole = Object.fromEntries(rows.map((r) => [r.role, r.outcome]));
    expect(byRole.operator?.allowed).toBe(false);
    expect(byRole.operator?.blockedBy?.source).toBe('operation-authority');
    expect(byRole.designer?.allowed).toBe(true);
    expect(byRole.administrator?.allowed).toBe(true);
    expect(rack.view().cpu.program).toEqual(before.cpu.program);
    rack.stop();
  });
});
