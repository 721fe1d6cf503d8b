import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { decodeTimestamp } from '../../../machines/cpu/bcd.ts';
import { readWords } from '../../../machines/cpu/cpu-hardware.ts';
import {
  cpuUnitMachine,
  cpuView,
  isControlRunning,
  overwriteBaseline,
  tamperSince,
  type CpuUnitEvent,
  type CpuUnitSnapshot,
} from '../../../machines/cpu/cpu-unit.machine.ts';
import { cpuInputProblem } from '../../../machines/cpu/cpu-validation.ts';
import type { Program } from '../../../machines/model.ts';
import { cpuInput, LOT, PROGRAM, send, start, withoutError } from '../cpu-fixtures.ts';

const A = (s: CpuUnitSnapshot, address: number, count = 1) => readWords(s.context.memory, 'A', address, count);

describe('operating modes', () => {
  it('starts in the mode the settings give and changes mode by mode.set', () => {
    expect(start(cpuInput({ settings: { mode: 'RUN' } })).value).toBe('RUN');
    expect(start(cpuInput({ settings: { mode: 'MONITOR' } })).value).toBe('MONITOR');
    const s = start();
    expect(s.value).toBe('PROGRAM');
    expect(send(s, { type: 'mode.set', mode: 'RUN' }).value).toBe('RUN');
    expect(send(s, { type: 'mode.set', mode: 'MONITOR' }).value).toBe('MONITOR');
  });

  it('runs as an actor too', () => {
    const actor = createActor(cpuUnitMachine, { input: cpuInput() }).start();
    actor.send({ type: 'mode.set', mode: 'RUN' });
    expect(actor.getSnapshot().value).toBe('RUN');
    expect(isControlRunning(actor.getSnapshot())).toBe(true);
    actor.stop();
  });
});

describe('§2-5-5 user data overwrite time', () => {
  it('§2-5-5 a program transfer writes the clock to A90–A93 in BCD', () => {
    const s = send(start(), { type: 'clock.set', at: '2026-03-14T15:09:26' }, { type: 'program.transferred', program: PROGRAM });
    // minute 09 second 26 | day 14 hour 15 | year 26 month 03 | Saturday
    expect(A(s, 90, 4)).toEqual([0x0926, 0x1415, 0x2603, 0x0006]);
  });

  it('§2-5-5 a task edit also counts as a program overwrite', () => {
    const s = send(start(), { type: 'clock.set', at: '2026-07-04T08:30:00' }, {
      type: 'program.tasksEdited',
      tasks: [{ id: 1, name: 'Conveyor', code: 'LD 0.01\nOUT 100.01' }],
    });
    expect(decodeTimestamp(A(s, 90, 4))).toBe('2026-07-04T08:30:00Z');
  });

  it('§2-5-5 a parameter write stamps A94–A97 and leaves A90–A93 alone', () => {
    const before = start();
    const s = send(before, { type: 'clock.set', at: '2027-12-31T23:59:58' }, { type: 'parameters.written', settings: { startupMode: 'RUN' } });
    // minute 59 second 58 | day 31 hour 23 | year 27 month 12 | Friday
    expect(A(s, 94, 4)).toEqual([0x5958, 0x3123, 0x2712, 0x0005]);
    expect(A(s, 90, 4)).toEqual(A(before, 90, 4));
    expect(s.context.parameters).toEqual({ startupMode: 'RUN' });
  });

  it('§2-5-5 the periodic comparison sees a program overwrite but not an I/O memory write', () => {
    const s = start();
    const baseline = overwriteBaseline(s);
    const later = send(s, { type: 'clock.advanced', seconds: 3600 });
    const memoryOnly = send(later, { type: 'memory.written', area: 'D', address: 100, values: [42] });
    expect(tamperSince(memoryOnly, baseline)).toEqual({ tampered: false, program: false, parameters: false });
    const overwritten = send(memoryOnly, { type: 'program.transferred', program: PROGRAM });
    expect(tamperSince(overwritten, baseline)).toEqual({ tampered: true, program: true, parameters: false });
  });

  it('§2-5-5 labs may start with older overwrite times', () => {
    const s = start(cpuInput({ overwrittenAt: { program: '2025-01-02T03:04:05' } }));
    expect(decodeTimestamp(A(s, 90, 4))).toBe('2025-01-02T03:04:05Z');
    expect(decodeTimestamp(A(s, 94, 4))).toBe('2026-03-01T10:00:00Z');
  });

  it('§2-5-5 the Auxiliary Area is read-only to memory writes', () => {
    const s = start();
    const next = send(s, { type: 'memory.written', area: 'A', address: 90, values: [0] });
    expect(next.context.lastError).toMatch(/read-only/);
    expect(withoutError(next)).toEqual(withoutError(s));
  });
});

describe('the clock (A351–A354)', () => {
  it('clock.set and clock.advanced move the clock and its BCD words', () => {
    const s = send(start(), { type: 'clock.set', at: '2026-12-31T23:59:30' }, { type: 'clock.advanced', seconds: 45 });
    expect(s.context.clock).toBe('2027-01-01T00:00:15Z');
    expect(A(s, 351, 4)).toEqual([0x0015, 0x0100, 0x2701, 0x0005]);
  });

  it('refuses an impossible date and a negative advance, leaving the clock as it was', () => {
    const s = start();
    for (const bad of [
      { type: 'clock.set', at: '2026-02-29T00:00:00' },
      { type: 'clock.set', at: 'soon' },
      { type: 'clock.advanced', seconds: -5 },
      { type: 'clock.advanced', seconds: 1.5 },
    ] as CpuUnitEvent[]) {
      const next = send(s, bad);
      expect(next.context.lastError).not.toBeNull();
      expect(withoutError(next)).toEqual(withoutError(s));
    }
  });
});

describe('§2-5-1 write protection using the DIP switch: the memory card at power-on', () => {
  const cardProgram: Program = { tasks: [{ id: 0, name: 'From card', code: 'LD 1.00' }], lotGuard: null };
  const withCard = (writeProtect: boolean) =>
    send(
      start(cpuInput({ settings: { dipWriteProtect: writeProtect, memoryCardAutoLoad: true } })),
      { type: 'card.inserted', contents: { program: cardProgram, parameters: { cycleTimeMs: 10 }, memory: { D: { 0: 7 } } } },
      { type: 'clock.advanced', seconds: 60 },
      { type: 'power.on' },
    );

  it('§2-5-1 loads the card at power-on when auto-load is set and write protection is OFF', () => {
    const s = withCard(false);
    expect(s.context.program).toEqual(cardProgram);
    expect(s.context.parameters).toEqual({ cycleTimeMs: 10 });
    expect(s.context.memory.D[0]).toBe(7);
    expect(s.context.powerOnHistory).toEqual([{ at: '2026-03-01T10:01:00Z', card: 'loaded' }]);
    expect(decodeTimestamp(A(s, 90, 4))).toBe('2026-03-01T10:01:00Z');
  });

  it('§2-5-1 DIP switch write protection stops the card loading its program, parameters and I/O memory', () => {
    const s = withCard(true);
    expect(s.context.program).toEqual(PROGRAM);
    expect(s.context.parameters).toEqual({});
    expect(s.context.memory.D[0]).toBeUndefined();
    expect(s.context.powerOnHistory).toEqual([{ at: '2026-03-01T10:01:00Z', card: 'blocked-by-dip' }]);
  });

  it('§2-5-1 without auto-load or without a card nothing is loaded', () => {
    const s = send(start(), { type: 'power.on' }, { type: 'card.inserted', contents: { program: cardProgram } }, { type: 'power.on' });
    expect(s.context.program).toEqual(PROGRAM);
    expect(s.context.powerOnHistory.map((e) => e.card)).toEqual(['none', 'none']);
  });

  it('§2-5-1 CP1E and CP2E have no DIP switch write protection', () => {
    const s = start(cpuInput({ model: 'CP1E' }));
    const next = send(s, { type: 'dip.set', writeProtect: true });
    expect(next.context.lastError).toMatch(/CP1E has no DIP switch write protection/);
    expect(next.context.dip.writeProtect).toBe(false);
    expect(cpuInputProblem(cpuInput({ model: 'CP2E', settings: { dipWriteProtect: true } }))).toMatch(/dipWriteProtect/);
  });
});

describe('§2-5-2 read protection and the §2-5-1 note on prohibiting overwrites', () => {
  it('§2-5-1 the project protection settings take effect only when the program is transferred', () => {
    const s = send(start(), { type: 'protection.configured', umPassword: 'Pr0tect!', prohibitOverwrite: true });
    expect(cpuView(s).pendingProtection).toMatchObject({ umPassword: 'Pr0tect!', prohibitOverwrite: true });
    expect(cpuView(s).protection).toMatchObject({ umPassword: null, prohibitOverwrite: false });
    expect(A(s, 99)).toEqual([0]);

    const transferred = send(s, { type: 'program.transferred', program: PROGRAM });
    expect(cpuView(transferred).protection).toMatchObject({ umPassword: 'Pr0tect!', prohibitOverwrite: true });
    // A99.00 UM read-protected, A99.02 overwriting prohibited
    expect(A(transferred, 99)).toEqual([0b101]);
  });

  it('§2-5-1 note: "Set Password" puts the project passwords into effect, without a program overwrite', () => {
    const s = send(start(), { type: 'clock.advanced', seconds: 10 }, { type: 'protection.configured', taskPasswords: { 0: 'T4sk#zero' } });
    const set = send(s, { type: 'protection.passwordSet' });
    expect(cpuView(set).protection.taskPasswords).toEqual({ 0: 'T4sk#zero' });
    expect(A(set, 99)).toEqual([0b010]);
    expect(A(set, 90, 4)).toEqual(A(s, 90, 4));
  });

  it('§2-5-1 note: "Set Password" leaves the overwrite setting as it was; only a transfer applies it', () => {
    const s = send(start(), { type: 'protection.configured', taskPasswords: { 1: 'T4sk#one' }, prohibitOverwrite: true });
    const set = send(s, { type: 'protection.passwordSet' });
    expect(cpuView(set).protection).toEqual({ umPassword: null, taskPasswords: { 1: 'T4sk#one' }, prohibitOverwrite: false });
    // A99.01 task read-protected, A99.02 (overwriting prohibited) still clear
    expect(A(set, 99)).toEqual([0b010]);
    const transferred = send(set, { type: 'program.transferred', program: PROGRAM });
    expect(cpuView(transferred).protection.prohibitOverwrite).toBe(true);
    expect(A(transferred, 99)).toEqual([0b110]);
  });

  it('§2-5-1 note: "Set Password" cannot lift an overwrite prohibition already in force either', () => {
    const s = send(start(), { type: 'program.transferred', program: PROGRAM, protection: { umPassword: 'Pr0tect!', taskPasswords: {}, prohibitOverwrite: true } });
    const set = send(s, { type: 'protection.configured', prohibitOverwrite: false }, { type: 'protection.passwordSet' });
    expect(cpuView(set).protection.prohibitOverwrite).toBe(true);
  });

  it('§2-5-2 a transfer may carry its own protection settings', () => {
    const s = send(start(), {
      type: 'program.transferred',
      program: PROGRAM,
      protection: { umPassword: null, taskPasswords: { 1: 'C0nvey0r' }, prohibitOverwrite: true },
    });
    expect(cpuView(s).protection).toEqual({ umPassword: null, taskPasswords: { 1: 'C0nvey0r' }, prohibitOverwrite: true });
    expect(cpuView(s).pendingProtection).toEqual(cpuView(s).protection);
    expect(A(s, 99)).toEqual([0b110]);
  });

  it('§2-5-2 refuses passwords it cannot store', () => {
    const s = start();
    const next = send(s, { type: 'protection.configured', umPassword: 'has space' });
    expect(next.context.lastError).toMatch(/umPassword/);
    expect(withoutError(next)).toEqual(withoutError(s));
  });
});

describe('§2-5-3 FINS write protection settings', () => {
  it('§2-5-3 stores the flag and the excluded nodes, as a PLC Setup (parameter) overwrite', () => {
    const s = send(start(), { type: 'clock.advanced', seconds: 5 }, { type: 'finsProtection.set', enabled: true, excludedNodes: [2, 10] });
    expect(cpuView(s).finsProtection).toEqual({ enabled: true, excludedNodes: [2, 10] });
    expect(decodeTimestamp(A(s, 94, 4))).toBe('2026-03-01T10:00:05Z');
  });

  it('§2-5-3 refuses duplicate and out-of-range node numbers, leaving the settings unchanged', () => {
    const s = start();
    for (const excludedNodes of [[2, 2], [0], [255], [1.5]]) {
      const next = send(s, { type: 'finsProtection.set', enabled: true, excludedNodes });
      expect(next.context.lastError).toMatch(/excludedNodes/);
      expect(withoutError(next)).toEqual(withoutError(s));
    }
  });

  it('§2-5-3 CP1L, CP1E and CP2E have no FINS write protection', () => {
    for (const model of ['CP1L', 'CP1E', 'CP2E'] as const) {
      const next = send(start(cpuInput({ model })), { type: 'finsProtection.set', enabled: true, excludedNodes: [] });
      expect(next.context.lastError).toMatch(/has no FINS write protection/);
      expect(next.context.finsProtection.enabled).toBe(false);
    }
    const cp1h = send(start(cpuInput({ model: 'CP1H' })), { type: 'finsProtection.set', enabled: true, excludedNodes: [] });
    expect(cp1h.context.finsProtection.enabled).toBe(true);
  });
});

describe('§2-3-2 PLC names', () => {
  it('§2-3-2 a CJ-series CPU Unit stores a PLC name', () => {
    const s = send(start(), { type: 'plcName.set', name: 'LINE1_PLC' });
    expect(cpuView(s).plcName).toBe('LINE1_PLC');
    expect(send(s, { type: 'plcName.set', name: null }).context.plcName).toBeNull();
  });

  it('§2-3-2 CS and CP CPU Units refuse a PLC name, saying why', () => {
    for (const model of ['CS1G/H', 'CS1D', 'CP1H'] as const) {
      const next = send(start(cpuInput({ model })), { type: 'plcName.set', name: 'LINE1_PLC' });
      expect(next.context.lastError).toMatch(/only CJ-series/);
      expect(next.context.plcName).toBeNull();
    }
    expect(cpuInputProblem(cpuInput({ model: 'CS1G/H', settings: { plcName: 'X' } }))).toMatch(/only CJ-series/);
  });
});

describe('§2-5-4 operation protection using the production lot number', () => {
  it('§2-5-4 stores the lot number in the Auxiliary Area (CJ2: A100–A101; CP: A310–A311)', () => {
    expect(A(start(), 100, 2)).toEqual([0x2000, 0x0806]);
    expect(A(start(cpuInput({ model: 'CP1L', lotNumber: '12345' })), 310, 2)).toEqual([0x5000, 0x1234]);
  });

  it('§2-5-4 the lot number cannot be changed', () => {
    const s = start();
    const next = send(s, { type: 'lotNumber.set', lotNumber: '999999' });
    expect(next.context.lastError).toMatch(/cannot be changed/);
    expect(cpuView(next).lotNumber).toBe(LOT);
    expect(withoutError(next)).toEqual(withoutError(s));
  });

  it('§2-5-4 a guarded program runs its control logic on the original CPU only', () => {
    const guarded: Program = { ...PROGRAM, lotGuard: LOT };
    const run = (lotNumber: string) =>
      send(start(cpuInput({ lotNumber })), { type: 'program.transferred', program: guarded }, { type: 'mode.set', mode: 'RUN' });
    expect(isControlRunning(run(LOT))).toBe(true);
    const copy = run('091231');
    expect(copy.value).toBe('RUN');
    expect(isControlRunning(copy)).toBe(false);
    expect(cpuView(copy).controlRunning).toBe(false);
  });

  it('§2-5-4 an unguarded program runs anywhere, and nothing runs in PROGRAM mode', () => {
    const s = start(cpuInput({ lotNumber: '091231' }));
    expect(isControlRunning(s)).toBe(false);
    expect(isControlRunning(send(s, { type: 'mode.set', mode: 'MONITOR' }))).toBe(true);
  });
});

describe('§2-6-1 note: power-on and error history', () => {
  it('§2-6-1 records errors and power-ons with the CPU clock', () => {
    const s = send(
      start(),
      { type: 'power.on' },
      { type: 'clock.advanced', seconds: 90 },
      { type: 'error.occurred', code: 0x80f1, message: 'Program error' },
    );
    expect(cpuView(s).powerOnHistory).toEqual([{ at: '2026-03-01T10:00:00Z', card: 'none' }]);
    expect(cpuView(s).errorHistory).toEqual([{ at: '2026-03-01T10:01:30Z', code: 0x80f1, message: 'Program error' }]);
  });
});

describe('§4-1-1 Memory All Clear', () => {
  it('§4-1-1 clears program, parameters, I/O memory and protection, back to PROGRAM mode', () => {
    const used = send(
      start(cpuInput({ settings: { mode: 'RUN', dipWriteProtect: true, plcName: 'LINE1' } })),
      { type: 'parameters.written', settings: { startupMode: 'RUN' } },
      { type: 'memory.written', area: 'D', address: 100, values: [1, 2, 3] },
      { type: 'program.transferred', program: PROGRAM, protection: { umPassword: 'Pr0tect!', taskPasswords: {}, prohibitOverwrite: true } },
      { type: 'finsProtection.set', enabled: true, excludedNodes: [2] },
      { type: 'clock.advanced', seconds: 120 },
      { type: 'memory.cleared' },
    );
    const view = cpuView(used);
    expect(used.value).toBe('PROGRAM');
    expect(view.program).toEqual({ tasks: [], lotGuard: null });
    expect(view.parameters).toEqual({});
    expect(view.memory.D).toEqual({});
    expect(view.protection).toEqual({ umPassword: null, taskPasswords: {}, prohibitOverwrite: false });
    expect(view.finsProtection).toEqual({ enabled: false, excludedNodes: [] });
    expect(view.plcName).toBeNull();
    // what is not user data stays: lot number, clock, DIP switches
    expect(A(used, 100, 2)).toEqual([0x2000, 0x0806]);
    expect(view.clock).toBe('2026-03-01T10:02:00Z');
    expect(view.dip.writeProtect).toBe(true);
    expect(decodeTimestamp(A(used, 90, 4))).toBe('2026-03-01T10:02:00Z');
  });
});

describe('bad input', () => {
  it('every malformed event is refused with a reason naming the field, and nothing else changes', () => {
    const s = start();
    const bad = [
      { type: 'mode.set', mode: 'STOP' },
      { type: 'program.transferred', program: { tasks: [{ id: 0, name: 'A', code: '' }, { id: 0, name: 'B', code: '' }], lotGuard: null } },
      { type: 'program.transferred', program: { ...PROGRAM, lotGuard: 'abc' } },
      { type: 'program.tasksEdited', tasks: [] },
      { type: 'parameters.written', settings: {} },
      { type: 'memory.written', area: 'D', address: 32767, values: [1, 2] },
      { type: 'memory.written', area: 'W', address: 0, values: [70000] },
      { type: 'card.inserted', contents: { memory: { A: { 0: 1 } } } },
      { type: 'dip.set' },
      { type: 'plcName.set', name: ' padded ' },
      { type: 'error.occurred', code: 0x80f1, message: '' },
    ] as unknown as CpuUnitEvent[];
    for (const event of bad) {
      const next = send(s, event);
      expect(next.context.lastError, event.type).toMatch(/\w+/);
      expect(withoutError(next)).toEqual(withoutError(s));
    }
  });

  it('an accepted event clears the last error', () => {
    const s = send(start(), { type: 'mode.set', mode: 'STOP' } as unknown as CpuUnitEvent);
    expect(s.context.lastError).toMatch(/PROGRAM, MONITOR or RUN/);
    expect(send(s, { type: 'mode.set', mode: 'RUN' }).context.lastError).toBeNull();
  });

  it('an impossible starting configuration names the field and the fix', () => {
    expect(cpuInputProblem(cpuInput())).toBeNull();
    expect(cpuInputProblem(cpuInput({ lotNumber: 'LOT-1' }))).toMatch(/lotNumber: give the 4–8 digits/);
    expect(cpuInputProblem(cpuInput({ clock: '2026-02-30T00:00:00' }))).toMatch(/does not exist/);
    expect(cpuInputProblem(cpuInput({ model: 'CP1L', settings: { finsWriteProtection: { enabled: true, excludedNodes: [] } } }))).toMatch(
      /CP1L has no FINS write protection/,
    );
  });
});

describe('task edits', () => {
  it('replaces only the listed tasks and may add a new one', () => {
    const s = send(start(), {
      type: 'program.tasksEdited',
      tasks: [
        { id: 1, name: 'Conveyor', code: 'NEW' },
        { id: 5, name: 'Alarm', code: 'LD 2.00' },
      ],
    });
    expect(s.context.program.tasks).toEqual([PROGRAM.tasks[0], { id: 1, name: 'Conveyor', code: 'NEW' }, { id: 5, name: 'Alarm', code: 'LD 2.00' }]);
  });
});

describe('cpuView', () => {
  it('gives the checks a plain picture of the unit, with the effective settings in CpuSettings shape', () => {
    const view = cpuView(send(start(cpuInput({ model: 'CJ2M-EIP', settings: { plcName: 'P1' } })), { type: 'mode.set', mode: 'RUN' }));
    expect(view).toMatchObject({ model: 'CJ2M-EIP', series: 'CJ', mode: 'RUN', lotNumber: LOT, plcName: 'P1', controlRunning: true });
    expect(view.settings).toMatchObject({ plcName: 'P1', mode: 'RUN', umPassword: null, prohibitOverwrite: false });
  });
});
