import { afterEach, describe, expect, it } from 'vitest';
import { createRack, type Rack } from '../../../machines/request-path/rack.ts';
import * as protection from './program-protection.ts';

let rack: Rack;
afterEach(() => rack?.stop());

function start(): Rack {
  rack = createRack(protection.PROTECTION_RACK);
  return rack;
}

function configure(r: Rack, form: Partial<protection.ProtectionForm>): void {
  r.cpu.send(protection.protectionEvent({ ...protection.EMPTY_PROTECTION_FORM, ...form }));
}

const PW = 'Mix#Recipe26';

describe('lessons 11 and 12 program protection widget', () => {
  it('§2-5-2 a password in the project protects nothing until it is transferred', () => {
    const r = start();
    configure(r, { umPassword: PW });
    expect(r.send(protection.protectionRequest('upload-all', '')).allowed).toBe(true);
    const rows = protection.protectionRows(r.view().cpu);
    expect(rows[0]).toMatchObject({ project: 'password set', cpu: 'no password', differs: true });

    expect(r.send(protection.protectionRequest('transfer', '')).allowed).toBe(true);
    const refused = r.send(protection.protectionRequest('upload-all', ''));
    expect(refused.blockedBy?.source).toBe('read-protection');
    expect(refused.endCode).toBe(0x2102);
    expect(protection.protectionRows(r.view().cpu).every((row) => !row.differs)).toBe(true);
    expect(protection.protectionFlagsText(r.view().cpu)).toBe('A99 = 0x0001: .00 UM read-protected.');
  });

  it('§2-5-2 the right password uploads; a wrong one is refused with 2602', () => {
    const r = start();
    configure(r, { umPassword: PW });
    r.cpu.send({ type: 'protection.passwordSet' });
    const ok = r.send(protection.protectionRequest('upload-all', PW));
    expect(protection.uploadText(ok)).toBe('CX-Programmer received task 0 "Mixer control" and task 1 "Recipe handling".');
    expect(r.send(protection.protectionRequest('upload-all', 'guess')).endCode).toBe(0x2602);
  });

  it('§2-5-2 task protection locks only the protected task', () => {
    const r = start();
    configure(r, { taskPassword: PW });
    r.send(protection.protectionRequest('transfer', ''));
    expect(r.send(protection.protectionRequest('upload-task-0', '')).allowed).toBe(true);
    expect(r.send(protection.protectionRequest('upload-task-1', '')).allowed).toBe(false);
    expect(r.send(protection.protectionRequest('upload-all', '')).allowed).toBe(false);
    expect(protection.protectionFlagsText(r.view().cpu)).toContain('.01 task read-protected');
  });

  it('§2-5-1 without the prohibition, read protection does not stop another project, which leaves no password', () => {
    const r = start();
    configure(r, { umPassword: PW });
    r.send(protection.protectionRequest('transfer', ''));
    expect(r.send(protection.protectionRequest('download-other', '')).allowed).toBe(true);
    expect(r.view().cpu.protection).toEqual(protection.OTHER_PROJECT_PROTECTION);
    expect(r.send(protection.protectionRequest('upload-all', '')).allowed).toBe(true);
    expect(protection.comesFromAnotherProject('download-other')).toBe(true);
    expect(protection.comesFromAnotherProject('transfer')).toBe(false);
  });

  it('§2-5-1 with the prohibition transferred, a download without the password is refused', () => {
    const r = start();
    configure(r, { umPassword: PW, prohibitOverwrite: true });
    expect(r.send(protection.protectionRequest('download-other', '')).allowed).toBe(true); // not transferred yet
    configure(r, { umPassword: PW, prohibitOverwrite: true }); // the engineer's project is still open, as the widget restores it
    r.send(protection.protectionRequest('transfer', ''));
    const refused = r.send(protection.protectionRequest('download-other', ''));
    expect(refused.blockedBy?.source).toBe('read-protection');
    expect(refused.blockedBy?.section).toBe('§2-5-1');
    expect(r.send(protection.protectionRequest('download-other', PW)).allowed).toBe(true);
  });

  it('§2-5-1 with task protection and the prohibition, only the protected task cannot be edited', () => {
    const r = start();
    configure(r, { taskPassword: PW, prohibitOverwrite: true });
    r.send(protection.protectionRequest('transfer', ''));
    expect(r.send(protection.protectionRequest('edit-task-0', '')).allowed).toBe(true);
    expect(r.send(protection.protectionRequest('edit-task-1', '')).allowed).toBe(false);
  });

  it('an empty field means no password; a bad one is refused by the CPU with the field named', () => {
    expect(protection.protectionEvent(protection.EMPTY_PROTECTION_FORM)).toEqual({
      type: 'protection.configured',
      umPassword: null,
      taskPasswords: {},
      prohibitOverwrite: false,
    });
    const r = start();
    r.cpu.send(protection.protectionEvent({ ...protection.EMPTY_PROTECTION_FORM, umPassword: 'has space' }));
    expect(r.cpu.getSnapshot().context.lastError).toContain('umPassword');
    expect(r.view().cpu.pendingProtection.umPassword).toBeNull();
  });

  it('shows fewer buttons for the overwrite lesson than for the read lesson', () => {
    expect(protection.protectionActions('overwrite').map((a) => a.id)).toEqual(protection.ACTIONS_BY_FOCUS.overwrite);
    expect(protection.protectionActions('read').length).toBeGreaterThan(protection.protectionActions('overwrite').length);
  });
});
