/** The state document config objectives read (dotted paths, see state-paths.ts). */
import { clone } from './json-values.ts';
import { settingsOf, type EipView } from '../eip/eip21s.machine.ts';
import type { Program } from '../model.ts';
import type { RackView } from '../request-path/request-path.ts';

// ─── The state objectives read ───

/**
 * The final state as one JSON document for config checks:
 * - `hardware.cpu`, `hardware.unit`;
 * - `cpu.*`: the CpuSettings the CPU enforces, plus `lotNumber`, `clock`, `mode`,
 *   `controlRunning`, `pendingProtection`, `parameters`, `powerOnHistory`, `errorHistory`;
 * - `eip.*`: the EipSettings stored in the unit, plus `userAuth`, `secureCommAvailable`, `log`
 *   (null without an EIP21S);
 * - `project.program`: the program in the learner's project.
 */
export function stateDocument(view: RackView, project: Program): Record<string, unknown> {
  const cpu = view.cpu;
  const eip: EipView | null = view.unit?.eip ?? null;
  return clone({
    hardware: { cpu: cpu.model, unit: view.unit?.model ?? null },
    cpu: {
      ...cpu.settings,
      lotNumber: cpu.lotNumber,
      clock: cpu.clock,
      controlRunning: cpu.controlRunning,
      pendingProtection: cpu.pendingProtection,
      parameters: cpu.parameters,
      powerOnHistory: cpu.powerOnHistory,
      errorHistory: cpu.errorHistory,
    },
    eip: eip ? { ...settingsOf(eip), userAuth: eip.userAuth, secureCommAvailable: eip.secureCommAvailable, log: eip.log } : null,
    project: { program: project },
  });
}
