import type { CpuUnitEvent } from '../../../machines/cpu/cpu-unit.machine.ts';
import { type Rack, trySend } from '../../../machines/request-path/rack.ts';

/**
 * Sends one of the learner's local events (a DIP pin, a memory card, a project setting) to the
 * rack's CPU Unit and returns why the CPU refused it, or null when it took it. The machine
 * decides (`trySend`).
 */
export function sendToCpu(rack: Rack, event: CpuUnitEvent): string | null {
  const sent = trySend(rack.cpu, event);
  return sent.ok ? null : sent.reason;
}
