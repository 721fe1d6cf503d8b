import { describe, expect, it } from 'vitest';
import { createRack } from '../../../machines/request-path/rack.ts';
import { PLANT_USERS } from '../kit/scenarios.ts';
import { SECURE_COMM_RACKS, secureCommChecklist } from './secure-comm.ts';

const rackOf = (id: string) => {
  const choice = SECURE_COMM_RACKS.find((r) => r.id === id);
  if (!choice) throw new Error(id);
  return createRack(choice.config);
};

describe('Secure Comm checklist', () => {
  it('§2-1-1 condition 3: an out-of-box EIP21S is not enough until users are stored', () => {
    const rack = rackOf('cj2h-eip21s');
    expect(secureCommChecklist(rack.view(), 'network').possible).toBe(false);
    expect(secureCommChecklist(rack.view(), 'network').lines.find((l) => l.name === 'User settings')?.met).toBe(false);
    for (const user of PLANT_USERS) rack.eip?.send({ type: 'users.added', user });
    expect(secureCommChecklist(rack.view(), 'network').possible).toBe(true);
    rack.stop();
  });

  it('§2-1-1 example c: never on the USB port, even with users stored', () => {
    const rack = rackOf('cs1-eip21s');
    for (const user of PLANT_USERS) rack.eip?.send({ type: 'users.added', user });
    const usb = secureCommChecklist(rack.view(), 'usb');
    expect(usb.possible).toBe(false);
    expect(usb.lines[0]?.text).toMatch(/USB/);
    rack.stop();
  });

  it('§2-1-1 examples a and d: EIP21, CJ2 built-in port and CP1H never can', () => {
    for (const id of ['cp1h-eip21s', 'cj2h-eip21', 'cj2m-builtin']) {
      const rack = rackOf(id);
      for (const user of PLANT_USERS) rack.eip?.send({ type: 'users.added', user });
      const result = secureCommChecklist(rack.view(), 'network');
      expect(result.possible, id).toBe(false);
      expect(result.lines[0]?.met, id).toBe(false);
      rack.stop();
    }
  });

  it('every rack of the lesson can be built', () => {
    for (const r of SECURE_COMM_RACKS) expect(() => createRack(r.config).stop(), r.id).not.toThrow();
  });
});
