import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { UserAccount } from '../../../machines/model.ts';
import {
  checkCommunity,
  checkExcludedNode,
  checkLotConstant,
  checkNewPassword,
  checkNewRule,
  checkNewUser,
  checkPlcName,
  checkProtectionPassword,
  checkRoleChange,
  checkUserRemoval,
  passwordChecklist,
  ruleRange,
} from '../../../src/labs/field-checks.ts';

const admin: UserAccount = { name: 'plant-admin', role: 'administrator', password: 'Adm1n#Line4' };
const designer: UserAccount = { name: 'k.tanaka', role: 'designer', password: 'Ladder#Design7' };

describe('filter rule form (§2-2-1)', () => {
  it('§2-2-1 accepts a host rule and a network rule', () => {
    expect(checkNewRule('192.168.250.20', '255.255.255.255', [])).toEqual({ ok: true, value: { ip: '192.168.250.20', mask: '255.255.255.255' } });
    expect(checkNewRule(' 192.168.251.0 ', '255.255.255.0', []).ok).toBe(true);
  });

  it('§2-2-1 names the field at fault: a bad address, a mask with holes', () => {
    const bad = checkNewRule('192.168.250', '255.255.0.255', []);
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.errors.ip).toMatch(/IP address .* four numbers/);
      expect(bad.errors.mask).toMatch(/Mask/);
    }
  });

  it('§2-2-1 refuses a rule that admits exactly the addresses of an existing one', () => {
    const again = checkNewRule('192.168.251.77', '255.255.255.0', [{ ip: '192.168.251.0', mask: '255.255.255.0' }]);
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.errors.ip).toMatch(/Rule 1 .* already admits/);
  });

  it('describes the range a rule admits', () => {
    expect(ruleRange({ ip: '192.168.250.20', mask: '255.255.255.255' })).toBe('only 192.168.250.20');
    expect(ruleRange({ ip: '192.168.251.9', mask: '255.255.255.0' })).toBe('192.168.251.0 – 192.168.251.255 (256 addresses)');
  });
});

describe('user forms (§2-3-1, §1-6)', () => {
  it('§1-6 refuses a short password with the fix, and lists what the policy still needs', () => {
    const short = checkNewUser('s.ito', 'operator', 'abc', [admin]);
    expect(short.ok).toBe(false);
    if (!short.ok) expect(short.errors.password).toMatch(/too short .* at least 8/);
    const list = passwordChecklist('abc', 's.ito');
    expect(list.filter((i) => !i.met).map((i) => i.label)).toEqual([expect.stringMatching(/At least 8/), expect.stringMatching(/kinds of character/)]);
    expect(passwordChecklist('Shift#Watch42', 's.ito').every((i) => i.met)).toBe(true);
  });

  it('§1-6 refuses a password containing the user name', () => {
    expect(checkNewPassword('S.ito#2026x', 's.ito').ok).toBe(false);
    expect(passwordChecklist('xS.ITO#2026', 's.ito').find((i) => /user name/.test(i.label))?.met).toBe(false);
  });

  it('§2-3-1 refuses a name already registered, whatever its case, and a name with spaces', () => {
    const again = checkNewUser('PLANT-ADMIN', 'designer', 'Str0ng#Pass', [admin]);
    expect(!again.ok && again.errors.name).toMatch(/already registered/);
    const spaced = checkNewUser('k tanaka', 'designer', 'Str0ng#Pass', [admin]);
    expect(!spaced.ok && spaced.errors.name).toMatch(/not allowed/);
    expect(checkNewUser('k.tanaka', 'designer', 'Ladder#Design7', [admin])).toEqual({ ok: true, value: designer });
  });

  it('§2-3-1 will not remove or demote the last administrator', () => {
    const removal = checkUserRemoval('plant-admin', [admin, designer]);
    expect(!removal.ok && removal.error).toMatch(/last administrator/);
    expect(checkUserRemoval('k.tanaka', [admin, designer])).toEqual({ ok: true, value: [admin] });
    const demotion = checkRoleChange('plant-admin', 'designer', [admin, designer]);
    expect(!demotion.ok && demotion.error).toMatch(/last administrator/);
    const promoted = checkRoleChange('k.tanaka', 'administrator', [admin, designer]);
    expect(promoted.ok && promoted.value[1]?.role).toBe('administrator');
  });
});

describe('CPU Unit settings forms', () => {
  it('§2-5-3 accepts FINS nodes 1–254 once each', () => {
    expect(checkExcludedNode('10', [])).toEqual({ ok: true, value: 10 });
    expect(checkExcludedNode('10', [10]).ok).toBe(false);
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), (n) => {
        expect(checkExcludedNode(String(n), []).ok).toBe(n >= 1 && n <= 254);
      }),
    );
  });

  it('§2-5-4 keeps the lot number as text with its leading zeros', () => {
    expect(checkLotConstant('080620')).toEqual({ ok: true, value: '080620' });
    const bad = checkLotConstant('8062O');
    expect(!bad.ok && bad.error).toMatch(/4–8 digits/);
  });

  it('§2-3-2 treats an empty PLC name as no name and refuses one too long', () => {
    expect(checkPlcName('')).toEqual({ ok: true, value: null });
    expect(checkPlcName('MIXER_LINE_2')).toEqual({ ok: true, value: 'MIXER_LINE_2' });
    expect(checkPlcName('A NAME THAT IS FAR TOO LONG').ok).toBe(false);
  });

  it('§2-5-2 treats an empty protection password as none and refuses spaces', () => {
    expect(checkProtectionPassword('')).toEqual({ ok: true, value: null });
    expect(checkProtectionPassword('Um#Secret9')).toEqual({ ok: true, value: 'Um#Secret9' });
    expect(checkProtectionPassword('has space').ok).toBe(false);
  });

  it('§2-2-2 refuses an empty SNMP community name', () => {
    expect(checkCommunity('').ok).toBe(false);
    expect(checkCommunity('plant-ro')).toEqual({ ok: true, value: 'plant-ro' });
  });
});
