import { afterEach, describe, expect, it } from 'vitest';
import { createRack, type Rack } from '../../../machines/request-path/rack.ts';
import {
  ACTIONS_BY_FOCUS,
  comesFromAnotherProject,
  OTHER_PROJECT_PROTECTION,
  EMPTY_PROTECTION_FORM,
  PROTECTION_RACK,
  type ProtectionForm,
  protectionActions,
  protectionEvent,
  protectionFlagsText,
  protectionRequest,
  protectionRows,
  uploadText,
} from './program-protection.ts';

let rack: Rack;
afterEach(() => rack?.stop());

function start(): Rack {
  rack = createRack(PROTECTION_RACK);
  return rack;
}

function configure(r: Rack, form: Partial<ProtectionForm>): void {
  r.cpu.send(protectionEvent({ ...EMPTY_PROTECTION_FORM, ...form }));
}

const PW = 'Mix#Recipe26';

describe('lessons 11 and 12 program protection widget', () => {
  it('§2-5-2 a password in the project protects nothing until it is transferred', () => {
    const r = start();
    configure(r, { umPassword: PW });
    expect(r.send(protectionRequest('upload-all', '')).allowed).toBe(true);
    const rows = protectionRows(r.view().cpu);
    expect(rows[0]).toMatchObject({ project: 'password set', cpu: 'no password', differs: true });

    expect(r.send(protectionRequest('transfer', '')).allowed).toBe(true);
    const refused = r.send(protectionRequest('upload-all', ''));
    expect(refused.blockedBy?.source).toBe('read-protection');
    expect(refused.endCode).toBe(0x2102);
    expect(protectionRows(r.view().cpu).every((row) => !row.differs)).toBe(true);
    expect(protectionFlagsText(r.view().cpu)).toBe('A99 = 0x0001: .00 UM read-protected.');
  });

  it('§2-5-2 the right password uploads; a wrong one is refused with 2602', () => {
    const r = start();
    configure(r, { umPassword: PW });
    r.cpu.send({ type: 'protection.passwordSet' });
    const ok = r.send(protectionRequest('upload-all', PW));
    expect(uploadText(ok)).toBe('CX-Programmer received task 0 "Mixer control" and task 1 "Recipe handling".');
    expect(r.send(protectionRequest('upload-all', 'guess')).endCode).toBe(0x2602);
  });

  it('§2-5-2 task protection locks only the protected task', () => {
    const r = start();
    configure(r, { taskPassword: PW });
    r.send(protectionRequest('transfer', ''));
    expect(r.send(protectionRequest('upload-task-0', '')).allowed).toBe(true);
    expect(r.send(protectionRequest('upload-task-1', '')).allowed).toBe(false);
    expect(r.send(protectionRequest('upload-all', '')).allowed).toBe(false);
    expect(protectionFlagsText(r.view().cpu)).toContain('.01 task read-protected');
  });

  it('§2-5-1 without the prohibition, read protection does not stop another project, which leaves no password', () => {
    const r = start();
    configure(r, { umPassword: PW });
    r.send(protectionRequest('transfer', ''));
    expect(r.send(protectionRequest('download-other', '')).allowed).toBe(true);
    expect(r.view().cpu.protection).toEqual(OTHER_PROJECT_PROTECTION);
    expect(r.send(protectionRequest('upload-all', '')).allowed).toBe(true);
    expect(comesFromAnotherProject('download-other')).toBe(true);
    expect(comesFromAnotherProject('transfer')).toBe(false);
  });

  it('§2-5-1 with the prohibition transferred, a download without the password is refused', () => {
    const r = start();
    configure(r, { umPassword: PW, prohibitOverwrite: true });
    expect(r.send(protectionRequest('download-other', '')).allowed).toBe(true); // not transferred yet
    configure(r, { umPassword: PW, prohibitOverwrite: true }); // the engineer's project is still open, as the widget restores it
    r.send(protectionRequest('transfer', ''));
    const refused = r.send(protectionRequest('download-other', ''));
    expect(refused.blockedBy?.source).toBe('read-protection');
    expect(refused.blockedBy?.section).toBe('§2-5-1');
    expect(r.send(protectionRequest('download-other', PW)).allowed).toBe(true);
  });

  it('§2-5-1 with task protection and the prohibition, only the protected task cannot be edited', () => {
    const r = start();
    configure(r, { taskPassword: PW, prohibitOverwrite: true });
    r.send(protectionRequest('transfer', ''));
    expect(r.send(protectionRequest('edit-task-0', '')).allowed).toBe(true);
    expect(r.send(protectionRequest('edit-task-1', '')).allowed).toBe(false);
  });

  it('an empty field means no password; a bad one is refused by the CPU with the field named', () => {
    expect(protectionEvent(EMPTY_PROTECTION_FORM)).toEqual({
      type: 'protection.configured',
      umPassword: null,
      taskPasswords: {},
      prohibitOverwrite: false,
    });
    const r = start();
    r.cpu.send(protectionEvent({ ...EMPTY_PROTECTION_FORM, umPassword: 'has space' }));
    expect(r.cpu.getSnapshot().context.lastError).toContain('umPassword');
    expect(r.view().cpu.pendingProtection.umPassword).toBeNull();
  });

  it('shows fewer buttons for the overwrite lesson than for the read lesson', () => {
    expect(protectionActions('overwrite').map((a) => a.id)).toEqual(ACTIONS_BY_FOCUS.overwrite);
    expect(protectionActions('read').length).toBeGreaterThan(protectionActions('overwrite').length);
  });
});
