import { describe, expect, it } from 'vitest';
import { cpuEventsFor, readData } from '../../../machines/cpu/cpu-effects.ts';
import { cpuView } from '../../../machines/cpu/cpu-unit.machine.ts';
import type { Operation } from '../../../machines/model.ts';
import { cpuInput, ENGINEERING_PC, LOT, PROGRAM, request, send, start } from '../cpu-fixtures.ts';

describe('cpuEventsFor', () => {
  it('turns each CPU write into the machine event that applies it', () => {
    const cases: [Operation, unknown][] = [
      [{ kind: 'program.write', program: PROGRAM }, { type: 'program.transferred', program: PROGRAM }],
      [{ kind: 'program.editTasks', tasks: [] }, { type: 'program.tasksEdited', tasks: [] }],
      [{ kind: 'memory.write', area: 'D', address: 1, values: [2] }, { type: 'memory.written', area: 'D', address: 1, values: [2] }],
      [{ kind: 'mode.set', mode: 'RUN' }, { type: 'mode.set', mode: 'RUN' }],
      [{ kind: 'parameters.write', settings: { a: 1 } }, { type: 'parameters.written', settings: { a: 1 } }],
      [{ kind: 'memory.clearAll' }, { type: 'memory.cleared' }],
      [{ kind: 'clock.write', at: '2026-05-05T05:05:05' }, { type: 'clock.set', at: '2026-05-05T05:05:05' }],
    ];
    for (const [operation, event] of cases) {
      expect(cpuEventsFor(request(ENGINEERING_PC, operation))).toEqual([event]);
    }
    expect(cpuEventsFor(request(ENGINEERING_PC, { kind: 'memory.read', area: 'D', address: 0, count: 1 }))).toEqual([]);
    expect(cpuEventsFor(request(ENGINEERING_PC, { kind: 'unit.restart' }))).toEqual([]);
  });

  it('§2-5-2 a download that carries protection settings brings them into effect', () => {
    const protection = { umPassword: 'Pr0tect!', taskPasswords: {}, prohibitOverwrite: true };
    const events = cpuEventsFor(request(ENGINEERING_PC, { kind: 'program.write', program: PROGRAM, protection }));
    expect(cpuView(send(start(), ...events)).protection).toEqual(protection);
  });
});

describe('readData', () => {
  const cpu = cpuView(
    send(
      start(cpuInput({ settings: { plcName: 'LINE1' } })),
      { type: 'memory.written', area: 'D', address: 100, values: [11, 22] },
      { type: 'parameters.written', settings: { startupMode: 'RUN' } },
      { type: 'error.occurred', code: 0x80f1, message: 'Program error' },
    ),
  );

  it('returns what each CPU read gives', () => {
    expect(readData(cpu, { kind: 'memory.read', area: 'D', address: 99, count: 3 })).toEqual({ area: 'D', address: 99, words: [0, 11, 22] });
    expect(readData(cpu, { kind: 'controller.read' })).toEqual({ model: 'CJ2H', plcName: 'LINE1', lotNumber: LOT, mode: 'PROGRAM' });
    expect(readData(cpu, { kind: 'parameters.read' })).toEqual({ startupMode: 'RUN' });
    expect(readData(cpu, { kind: 'program.read' })).toEqual(PROGRAM);
    expect(readData(cpu, { kind: 'program.read', taskIds: [1] })).toEqual({ tasks: [PROGRAM.tasks[1]] });
    expect(readData(cpu, { kind: 'clock.read' })).toEqual({ clock: '2026-03-01T10:00:00Z', words: [0x0000, 0x0110, 0x2603, 0x0000] });
    expect(readData(cpu, { kind: 'name.read' })).toEqual({ plcName: 'LINE1' });
    expect(readData(cpu, { kind: 'errorLog.read' })).toEqual([{ at: '2026-03-01T10:00:00Z', code: 0x80f1, message: 'Program error' }]);
    expect(readData(cpu, { kind: 'memory.write', area: 'D', address: 0, values: [1] })).toBeUndefined();
  });

  it('§2-5-4 the lot number can be read from the Auxiliary Area', () => {
    expect(readData(cpu, { kind: 'memory.read', area: 'A', address: 100, count: 2 })).toEqual({ area: 'A', address: 100, words: [0x2000, 0x0806] });
  });

  it('explains a read outside the area or of a missing task', () => {
    expect(readData(cpu, { kind: 'memory.read', area: 'W', address: 511, count: 2 })).toEqual({ error: expect.stringMatching(/count/) });
    expect(readData(cpu, { kind: 'program.read', taskIds: [9] })).toEqual({ error: expect.stringMatching(/no task 9/) });
  });
});
