import { describe, expect, it } from 'vitest';
import { rackConfigProblem } from '../../../machines/request-path/rack.ts';
import { cpuLessonRack, cpuLessonRackOn, LINE_PROGRAM, programIdentity, programWith, usbRequest } from './cpu-scenarios.ts';
import { scenarioRack } from './scenarios.ts';

describe('CPU lesson racks', () => {
  it('change only the CPU settings asked for', () => {
    const rack = cpuLessonRack({ dipWriteProtect: true }, { mode: 'PROGRAM' });
    const base = scenarioRack({ mode: 'PROGRAM' });
    expect(rackConfigProblem(rack)).toBeNull();
    expect(rack.cpu.settings).toEqual({ ...base.cpu.settings, dipWriteProtect: true });
    expect(rack.unit).toEqual(base.unit);
    expect(cpuLessonRackOn('CS1G/H').unit?.model).toBe('CS1W-EIP21S');
  });

  it('names known programs, an empty one and a changed one', () => {
    const other = programWith('// other');
    const known = [{ label: 'line', program: LINE_PROGRAM }, { label: 'other', program: other }];
    expect(programIdentity(LINE_PROGRAM, known)).toBe('line');
    expect(programIdentity(other, known)).toBe('other');
    expect(programIdentity({ tasks: [], lotGuard: null }, known)).toMatch(/^no program/);
    expect(programIdentity({ ...LINE_PROGRAM, lotGuard: '1234' }, known)).toMatch(/changed since/);
  });

  it('sends USB requests without a network protocol', () => {
    expect(usbRequest({ kind: 'controller.read' })).toEqual({ from: { via: 'usb', name: 'Laptop on the USB port' }, operation: { kind: 'controller.read' } });
  });
});
