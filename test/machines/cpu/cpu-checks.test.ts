import { describe, expect, it } from 'vitest';
import {
  checkAuxiliaryArea,
  checkDipSwitch,
  checkFinsWriteProtection,
  checkLotGuard,
  checkOperatingMode,
  checkPlcName,
  checkReadProtection,
} from '../../../machines/cpu/cpu-checks.ts';
import { cpuView } from '../../../machines/cpu/cpu-unit.machine.ts';
import type { Operation, Program } from '../../../machines/model.ts';
import {
  attempt,
  cpuInput,
  ENGINEERING_PC,
  LOT,
  PROGRAM,
  request,
  ROGUE_LAPTOP,
  SCADA,
  send,
  start,
  USB_CABLE,
} from '../cpu-fixtures.ts';

const download: Operation = { kind: 'program.write', program: PROGRAM };
const writeD100: Operation = { kind: 'memory.write', area: 'D', address: 100, values: [1234] };
const readD100: Operation = { kind: 'memory.read', area: 'D', address: 100, count: 1 };
const view = (...args: Parameters<typeof cpuInput>) => cpuView(start(cpuInput(...args)));

describe('§2-3-2 PLC names', () => {
  const cpu = view({ settings: { plcName: 'LINE1_PLC' } });

  it('§2-3-2 a project for another PLC cannot go online, which guards against the wrong PLC', () => {
    const step = checkPlcName(cpu, request(ENGINEERING_PC, download, { projectPlcName: 'LINE2_PLC' }));
    expect(step).toMatchObject({ layer: 'device', source: 'plc-name', verdict: 'block', section: '§2-3-2' });
    expect(step.reason).toMatch(/LINE2_PLC.*LINE1_PLC.*wrong PLC/);
  });

  it('§2-3-2 the matching project goes online', () => {
    expect(checkPlcName(cpu, request(ENGINEERING_PC, download, { projectPlcName: 'LINE1_PLC' })).verdict).toBe('pass');
  });

  it('§2-3-2 does not apply without a project name, or on CS/CP models', () => {
    expect(checkPlcName(cpu, request(SCADA, readD100)).verdict).toBe('n/a');
    const cs = view({ model: 'CS1G/H' });
    const step = checkPlcName(cs, request(ENGINEERING_PC, download, { projectPlcName: 'LINE2_PLC' }));
    expect(step.verdict).toBe('n/a');
    expect(step.reason).toMatch(/CJ-series only/);
  });
});

describe('§2-5-1 write protection using the DIP switch', () => {
  const cpu = view({ settings: { dipWriteProtect: true } });

  it('§2-5-1 DIP switch blocks a program download from the network', () => {
    const step = checkDipSwitch(cpu, request(ENGINEERING_PC, download));
    expect(step).toMatchObject({ layer: 'asset', source: 'dip-switch', verdict: 'block', endCode: 0x2101, section: '§2-5-1' });
    expect(step.reason).toMatch(/DIP switch write protection is ON: the user program cannot be overwritten/);
  });

  it('§2-5-1 DIP switch blocks a program download from USB too', () => {
    expect(checkDipSwitch(cpu, request(USB_CABLE, download)).verdict).toBe('block');
    expect(checkDipSwitch(cpu, request(USB_CABLE, { kind: 'program.editTasks', tasks: [{ id: 1, name: 'Conveyor', code: 'NOP' }] })).verdict).toBe('block');
    expect(checkDipSwitch(cpu, request(USB_CABLE, { kind: 'parameters.write', settings: { a: 1 } })).reason).toMatch(/parameter area/);
  });

  it('§2-5-1 DIP switch does not block I/O memory writes', () => {
    const step = checkDipSwitch(cpu, request(SCADA, writeD100));
    expect(step.verdict).toBe('n/a');
    const { snapshot, blockedBy } = attempt(start(cpuInput({ settings: { dipWriteProtect: true } })), request(SCADA, writeD100));
    expect(blockedBy).toBeUndefined();
    expect(snapshot.context.memory.D[100]).toBe(1234);
  });

  it('§2-5-1 with the switch OFF a download passes; CP1E has no such switch', () => {
    expect(checkDipSwitch(view(), request(ENGINEERING_PC, download)).verdict).toBe('pass');
    expect(checkDipSwitch(view({ model: 'CP1E' }), request(USB_CABLE, download)).verdict).toBe('n/a');
  });
});

describe('§2-5-2 read protection using a password', () => {
  const umProtected = view({ settings: { umPassword: 'Pr0tect!' } });
  const read: Operation = { kind: 'program.read' };

  it('§2-5-2 reading a UM-protected program needs the password', () => {
    expect(checkReadProtection(umProtected, request(ENGINEERING_PC, read))).toMatchObject({ verdict: 'block', endCode: 0x2102 });
    expect(checkReadProtection(umProtected, request(ENGINEERING_PC, read, { protectionPassword: 'guess' }))).toMatchObject({
      verdict: 'block',
      endCode: 0x2602,
    });
    expect(checkReadProtection(umProtected, request(ENGINEERING_PC, read, { protectionPassword: 'Pr0tect!' })).verdict).toBe('pass');
  });

  it('§2-5-2 task read protection hides only the protected tasks', () => {
    const cpu = view({ settings: { taskPasswords: { 0: 'T4sk#zero' } } });
    const whole = checkReadProtection(cpu, request(ENGINEERING_PC, read));
    expect(whole.verdict).toBe('block');
    expect(whole.reason).toMatch(/Task 0 is read-protected/);
    expect(checkReadProtection(cpu, request(ENGINEERING_PC, { kind: 'program.read', taskIds: [1] })).verdict).toBe('pass');
  });

  it('§2-5-2 read protection alone does not stop a download (overwriting not prohibited)', () => {
    const step = checkReadProtection(umProtected, request(ENGINEERING_PC, download));
    expect(step.verdict).toBe('pass');
    expect(step.reason).toMatch(/not prohibited/);
  });

  it('§2-5-2 does not apply to I/O memory', () => {
    expect(checkReadProtection(umProtected, request(SCADA, readD100)).verdict).toBe('n/a');
  });
});

describe('§2-5-1 note: prohibit overwriting a protected program', () => {
  it('§2-5-1 the prohibition takes effect only after the program is transferred', () => {
    const configured = send(start(), { type: 'protection.configured', umPassword: 'Pr0tect!', prohibitOverwrite: true });
    expect(checkReadProtection(cpuView(configured), request(ROGUE_LAPTOP, download)).verdict).toBe('pass');

    const transferred = send(configured, { type: 'program.transferred', program: PROGRAM });
    const step = checkReadProtection(cpuView(transferred), request(ROGUE_LAPTOP, download));
    expect(step).toMatchObject({ verdict: 'block', endCode: 0x2102, section: '§2-5-1' });
    expect(step.reason).toMatch(/prohibited/);
    expect(checkReadProtection(cpuView(transferred), request(ENGINEERING_PC, download, { protectionPassword: 'Pr0tect!' })).verdict).toBe(
      'pass',
    );
  });

  it('§2-5-1 with task protection only the protected tasks cannot be overwritten', () => {
    const cpu = view({ settings: { taskPasswords: { 0: 'T4sk#zero' }, prohibitOverwrite: true } });
    const editTask = (id: number): Operation => ({ kind: 'program.editTasks', tasks: [{ id, name: `Task ${id}`, code: 'NOP' }] });
    const protectedEdit = checkReadProtection(cpu, request(ENGINEERING_PC, editTask(0)));
    expect(protectedEdit.verdict).toBe('block');
    expect(protectedEdit.reason).toMatch(/task 0 is protected/);
    const otherEdit = checkReadProtection(cpu, request(ENGINEERING_PC, editTask(1)));
    expect(otherEdit.verdict).toBe('pass');
    expect(otherEdit.reason).toMatch(/Only task 0 is protected/);
    expect(checkReadProtection(cpu, request(ENGINEERING_PC, download)).verdict).toBe('block');
  });

  it('§2-5-1 without any task password every task can be overwritten, even with the prohibition set', () => {
    const cpu = view({ settings: { prohibitOverwrite: true } });
    const step = checkReadProtection(cpu, request(ENGINEERING_PC, { kind: 'program.editTasks', tasks: [{ id: 0, name: 'Main', code: 'NOP' }] }));
    expect(step.verdict).toBe('pass');
    expect(step.reason).toMatch(/every task can be overwritten/);
  });
});

describe('§2-5-3 FINS write protection', () => {
  const protectedCpu = () => start(cpuInput({ settings: { finsWriteProtection: { enabled: true, excludedNodes: [2] } } }));

  it('§2-5-3 refuses a write from the network over FINS', () => {
    const { snapshot, blockedBy } = attempt(protectedCpu(), request(ROGUE_LAPTOP, writeD100));
    expect(blockedBy).toMatchObject({ source: 'fins-write-protection', verdict: 'block', endCode: 0x2101, section: '§2-5-3' });
    expect(snapshot.context.memory.D[100]).toBeUndefined();
  });

  it('§2-5-3 still allows reads from the network', () => {
    const step = checkFinsWriteProtection(cpuView(protectedCpu()), request(ROGUE_LAPTOP, readD100));
    expect(step.verdict).toBe('pass');
    expect(step.reason).toMatch(/reads/);
  });

  it('§2-5-3 a USB connection can still write', () => {
    expect(checkFinsWriteProtection(cpuView(protectedCpu()), request(USB_CABLE, writeD100)).verdict).toBe('n/a');
    const { snapshot, blockedBy } = attempt(protectedCpu(), request(USB_CABLE, writeD100));
    expect(blockedBy).toBeUndefined();
    expect(snapshot.context.memory.D[100]).toBe(1234);
  });

  it('§2-5-3 an excluded FINS node can still write', () => {
    const { snapshot, blockedBy } = attempt(protectedCpu(), request(ENGINEERING_PC, writeD100));
    expect(blockedBy).toBeUndefined();
    expect(snapshot.context.memory.D[100]).toBe(1234);
  });

  it('§2-5-3 refuses CIP writes and operation changes; exclusions cover FINS only', () => {
    const cpu = cpuView(protectedCpu());
    expect(checkFinsWriteProtection(cpu, request(SCADA, writeD100, { protocol: 'cip' })).verdict).toBe('block');
    const excludedOverCip = checkFinsWriteProtection(cpu, request(ENGINEERING_PC, writeD100, { protocol: 'cip' }));
    expect(excludedOverCip.verdict).toBe('block');
    expect(excludedOverCip.reason).toMatch(/FINS commands only/);
    for (const op of [
      download,
      { kind: 'mode.set', mode: 'RUN' },
      { kind: 'parameters.write', settings: { a: 1 } },
      { kind: 'memory.clearAll' },
      { kind: 'clock.write', at: '2026-01-01T00:00:00' },
    ] as Operation[]) {
      expect(checkFinsWriteProtection(cpu, request(ROGUE_LAPTOP, op, { protocol: 'fins-tcp' })).verdict, op.kind).toBe('block');
    }
  });

  it('§2-5-3 off means writes pass; CP1L, CP1E and CP2E lack the function', () => {
    expect(checkFinsWriteProtection(view(), request(ROGUE_LAPTOP, writeD100)).verdict).toBe('pass');
    for (const model of ['CP1L', 'CP1E', 'CP2E'] as const) {
      expect(checkFinsWriteProtection(view({ model }), request(ROGUE_LAPTOP, writeD100)).verdict).toBe('n/a');
    }
  });
});

describe('operating mode', () => {
  it('a program download needs PROGRAM mode', () => {
    const inMode = (mode: 'PROGRAM' | 'MONITOR' | 'RUN') => view({ settings: { mode } });
    expect(checkOperatingMode(inMode('RUN'), request(ENGINEERING_PC, download))).toMatchObject({ verdict: 'block', endCode: 0x2206 });
    expect(checkOperatingMode(inMode('MONITOR'), request(ENGINEERING_PC, download))).toMatchObject({ verdict: 'block', endCode: 0x2205 });
    expect(checkOperatingMode(inMode('PROGRAM'), request(ENGINEERING_PC, download)).verdict).toBe('pass');
  });

  it('an online edit works in MONITOR but not RUN; memory writes work in any mode', () => {
    const edit: Operation = { kind: 'program.editTasks', tasks: [{ id: 1, name: 'Conveyor', code: 'NOP' }] };
    expect(checkOperatingMode(view({ settings: { mode: 'MONITOR' } }), request(ENGINEERING_PC, edit)).verdict).toBe('pass');
    expect(checkOperatingMode(view({ settings: { mode: 'RUN' } }), request(ENGINEERING_PC, edit)).verdict).toBe('block');
    expect(checkOperatingMode(view({ settings: { mode: 'RUN' } }), request(SCADA, writeD100)).verdict).toBe('n/a');
  });
});

describe('§2-5-4 operation protection using the production lot number', () => {
  const guarded: Program = { ...PROGRAM, lotGuard: LOT };

  it('§2-5-4 a guarded program may run on the unit whose lot number it names', () => {
    const cpu = view({ settings: { program: guarded } });
    expect(checkLotGuard(cpu, request(ENGINEERING_PC, { kind: 'mode.set', mode: 'RUN' })).verdict).toBe('pass');
  });

  it('§2-5-4 on a second CPU with another lot number the guard keeps the control logic idle', () => {
    const copy = view({ lotNumber: '091231', settings: { program: guarded } });
    for (const mode of ['RUN', 'MONITOR'] as const) {
      const step = checkLotGuard(copy, request(ENGINEERING_PC, { kind: 'mode.set', mode }));
      expect(step).toMatchObject({ source: 'lot-number', verdict: 'block', section: '§2-5-4' });
      expect(step.endCode).toBeUndefined();
      expect(step.reason).toMatch(new RegExp(`guard keeps its control logic idle on this unit \\(lot ${LOT} ≠ 091231\\)`));
      // our simplification is said, not hidden
      expect(step.reason).toMatch(new RegExp(`real CPU enters ${mode} mode but the logic does nothing`));
    }
  });

  it('§2-5-4 the CPU accepts the download of a guarded program whatever its lot number', () => {
    const step = checkLotGuard(view({ lotNumber: '091231' }), request(ENGINEERING_PC, { kind: 'program.write', program: guarded }));
    expect(step).toMatchObject({ source: 'lot-number', verdict: 'n/a', section: '§2-5-4' });
    expect(step.reason).toMatch(/accepts the download.*program's own guard decides at run time/);
  });

  it('§2-5-4 an unguarded program passes; PROGRAM mode and reads are not concerned', () => {
    const unguarded = view({ lotNumber: '091231' });
    expect(checkLotGuard(unguarded, request(ENGINEERING_PC, { kind: 'mode.set', mode: 'RUN' })).verdict).toBe('pass');
    expect(checkLotGuard(view({ settings: { program: guarded }, lotNumber: '091231' }), request(ENGINEERING_PC, { kind: 'mode.set', mode: 'PROGRAM' })).verdict).toBe('n/a');
    expect(checkLotGuard(view(), request(SCADA, readD100)).verdict).toBe('n/a');
  });
});

describe('§2-5-5 the Auxiliary Area cannot be forged', () => {
  it('§2-5-5 a memory write to A90 is refused as read-only', () => {
    const step = checkAuxiliaryArea(view(), request(ROGUE_LAPTOP, { kind: 'memory.write', area: 'A', address: 90, values: [0] }));
    expect(step).toMatchObject({ verdict: 'block', endCode: 0x2101, section: '§2-5-5' });
    expect(checkAuxiliaryArea(view(), request(ROGUE_LAPTOP, writeD100)).verdict).toBe('n/a');
  });
});
