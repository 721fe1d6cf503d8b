/**
 * Shared arrangements for the CPU Unit tests: a starting input, pure stepping with
 * `transition()`, requests from typical nodes, and a small walk through the CPU checks that
 * applies an allowed request's events the way the rack will.
 */
import { initialTransition, transition } from 'xstate';
import * as cpuChecks from '../../machines/cpu/cpu-checks.ts';
import { cpuEventsFor } from '../../machines/cpu/cpu-effects.ts';
import { unprotectedSettings } from '../../machines/cpu/cpu-state.ts';
import {
  cpuUnitMachine,
  cpuView,
  type CpuUnitEvent,
  type CpuUnitInput,
  type CpuUnitSnapshot,
} from '../../machines/cpu/cpu-unit.machine.ts';
import type { CpuModelId, CpuSettings, Operation, Origin, Program, Request, TraceStep } from '../../machines/model.ts';

export const LOT = '080620';
export const START_CLOCK = '2026-03-01T10:00:00Z';

export const PROGRAM: Program = {
  tasks: [
    { id: 0, name: 'Main', code: 'LD P_On\nOUT 100.00' },
    { id: 1, name: 'Conveyor', code: 'LD 0.00\nOUT 100.01' },
  ],
  lotGuard: null,
};

/** CPU settings with every protection off, in PROGRAM mode; override what a test needs. */
export function cpuSettings(overrides: Partial<CpuSettings> = {}): CpuSettings {
  return {
    plcName: null,
    ...unprotectedSettings(),
    program: PROGRAM,
    mode: 'PROGRAM',
    ...overrides,
  };
}

/** A CPU Unit input with every protection off; override what a test needs. */
export function cpuInput(
  options: { model?: CpuModelId; lotNumber?: string; clock?: string; settings?: Partial<CpuSettings> } & Partial<
    Pick<CpuUnitInput, 'card' | 'memory' | 'parameters' | 'overwrittenAt'>
  > = {},
): CpuUnitInput {
  const { model = 'CJ2H', lotNumber = LOT, clock = START_CLOCK, settings = {}, ...rest } = options;
  return {
    model,
    lotNumber,
    clock,
    settings: cpuSettings(settings),
    ...rest,
  };
}

/** The starting snapshot for an input. */
export function start(input: CpuUnitInput = cpuInput()): CpuUnitSnapshot {
  return initialTransition(cpuUnitMachine, input)[0];
}

/** Applies events in order with the pure `transition()`. */
export function send(snapshot: CpuUnitSnapshot, ...events: CpuUnitEvent[]): CpuUnitSnapshot {
  return events.reduce((s, event) => transition(cpuUnitMachine, s, event)[0], snapshot);
}

export const ENGINEERING_PC: Origin = { via: 'network', name: 'Engineering PC', ip: '192.168.250.2', finsNode: 2 };
export const SCADA: Origin = { via: 'network', name: 'SCADA server', ip: '192.168.250.10', finsNode: 10 };
export const ROGUE_LAPTOP: Origin = { via: 'network', name: 'Rogue laptop', ip: '192.168.250.77', finsNode: 77 };
export const USB_CABLE: Origin = { via: 'usb', name: 'Laptop on the USB port' };

/** A request; network origins default to FINS/UDP. */
export function request(from: Origin, operation: Operation, extra: Partial<Request> = {}): Request {
  return { from, operation, ...(from.via === 'network' ? { protocol: 'fins-udp' } : {}), ...extra };
}

const CPU_WALK = [
  cpuChecks.checkPlcName,
  cpuChecks.checkDipSwitch,
  cpuChecks.checkReadProtection,
  cpuChecks.checkFinsWriteProtection,
  cpuChecks.checkOperatingMode,
  cpuChecks.checkLotGuard,
];

/** Walks the CPU checks; when none blocks, applies the request's events. */
export function attempt(
  snapshot: CpuUnitSnapshot,
  req: Request,
): { snapshot: CpuUnitSnapshot; blockedBy: TraceStep | undefined; trace: TraceStep[] } {
  const view = cpuView(snapshot);
  const trace: TraceStep[] = [];
  for (const check of CPU_WALK) {
    const step = check(view, req);
    trace.push(step);
    if (step.verdict === 'block') return { snapshot, blockedBy: step, trace };
  }
  return { snapshot: send(snapshot, ...cpuEventsFor(req)), blockedBy: undefined, trace };
}

/** The context without `lastError`, to compare "nothing else changed". */
export function withoutError(snapshot: CpuUnitSnapshot): unknown {
  const { lastError: _ignored, ...rest } = snapshot.context;
  return { value: snapshot.value, context: rest };
}
