/**
 * What an allowed request does to the CPU Unit: the machine events a write becomes, and the
 * data a read returns. The request path calls these only after every check has passed.
 */
import { AREA_SIZES, AUX, readWords } from './cpu-hardware.ts';
import type { CpuUnitEvent, CpuView, ErrorEntry } from './cpu-unit.machine.ts';
import type { CpuModelId, MemoryArea, Operation, OperatingMode, Request, Task } from '../model.ts';

/**
 * The CPU Unit events an allowed request causes, in order; empty for reads and for
 * operations that belong to the communication unit.
 */
export function cpuEventsFor(request: Request): CpuUnitEvent[] {
  const op = request.operation;
  switch (op.kind) {
    case 'program.write':
      // §2-5-1 note: the transfer brings the project's protection when the operation carries
      // it; otherwise the CPU takes the project settings it was last given (pending).
      return [
        op.protection === undefined
          ? { type: 'program.transferred', program: op.program }
          : { type: 'program.transferred', program: op.program, protection: op.protection },
      ];
    case 'program.editTasks':
      return [{ type: 'program.tasksEdited', tasks: op.tasks }];
    case 'memory.write':
      return [{ type: 'memory.written', area: op.area, address: op.address, values: op.values }];
    case 'mode.set':
      return [{ type: 'mode.set', mode: op.mode }];
    case 'parameters.write':
      return [{ type: 'parameters.written', settings: op.settings }];
    case 'memory.clearAll':
      return [{ type: 'memory.cleared' }];
    case 'clock.write':
      return [{ type: 'clock.set', at: op.at }];
    default:
      return [];
  }
}

/** CONTROLLER DATA READ (0501). */
export interface ControllerData {
  model: CpuModelId;
  plcName: string | null;
  lotNumber: string;
  mode: OperatingMode;
}

/** MEMORY AREA READ (0101): the words read, or why the range is wrong. */
export type MemoryReadResult = { area: MemoryArea; address: number; words: number[] } | { error: string };

/** Program upload: the whole program, or the listed tasks; or why the list is wrong. */
export type ProgramReadResult = { tasks: Task[]; lotGuard?: string | null } | { error: string };

/** CLOCK READ (0701): the wall-clock time and its four BCD words (A351–A354). */
export interface ClockReadResult {
  clock: string;
  words: number[];
}

/**
 * What a read returns from the CPU Unit, or undefined for operations that return no CPU data
 * (writes, and the communication unit's own operations).
 * controller.read → ControllerData; memory.read → MemoryReadResult; parameters.read → the
 * PLC Setup values; program.read → ProgramReadResult; clock.read → ClockReadResult;
 * name.read → { plcName }; errorLog.read → ErrorEntry[].
 */
export function readData(cpu: CpuView, operation: Operation): unknown {
  switch (operation.kind) {
    case 'controller.read':
      return { model: cpu.model, plcName: cpu.plcName, lotNumber: cpu.lotNumber, mode: cpu.mode } satisfies ControllerData;
    case 'memory.read':
      return readMemory(cpu, operation.area, operation.address, operation.count);
    case 'parameters.read':
      return { ...cpu.parameters };
    case 'program.read':
      return readProgram(cpu, operation.taskIds);
    case 'clock.read':
      return { clock: cpu.clock, words: readWords(cpu.memory, 'A', AUX.clock, 4) } satisfies ClockReadResult;
    case 'name.read':
      return { plcName: cpu.plcName };
    case 'errorLog.read':
      return cpu.errorHistory.map((e) => ({ ...e })) satisfies ErrorEntry[];
    default:
      return undefined;
  }
}

function readMemory(cpu: CpuView, area: MemoryArea, address: number, count: number): MemoryReadResult {
  const size = AREA_SIZES[area];
  if (size === undefined) return { error: `area: use CIO, W, H, D or A, not ${area}.` };
  if (!Number.isInteger(address) || address < 0 || address >= size) {
    return { error: `address: ${area} words run from 0 to ${size - 1}.` };
  }
  if (!Number.isInteger(count) || count < 1 || address + count > size) {
    return { error: `count: read 1 to ${size - address} words from ${area}${address}.` };
  }
  return { area, address, words: readWords(cpu.memory, area, address, count) };
}

function readProgram(cpu: CpuView, taskIds: number[] | undefined): ProgramReadResult {
  const copy = (t: Task): Task => ({ ...t });
  if (taskIds === undefined) return { tasks: cpu.program.tasks.map(copy), lotGuard: cpu.program.lotGuard };
  const missing = taskIds.filter((id) => !cpu.program.tasks.some((t) => t.id === id));
  if (missing.length > 0) return { error: `taskIds: the program has no task ${missing.join(', ')}.` };
  return { tasks: cpu.program.tasks.filter((t) => taskIds.includes(t.id)).map(copy) };
}
