/**
 * Lesson 13 (FINS write protection, §2-5-3): the rack, who sends, what they ask, and the CPU
 * event the protection switches become. Which requests are refused is the request path's
 * decision (machines/cpu/cpu-checks.ts checkFinsWriteProtection); the frames come from
 * src/widgets/kit/wire-view.ts.
 */
import type { CpuUnitEvent, CpuView } from '../../../machines/cpu/cpu-unit.machine.ts';
import type { RackConfig } from '../../../machines/model.ts';
import { ENGINEERING_PC, HMI, ROGUE_LAPTOP, type SimNode, USB_LAPTOP } from '../kit/nodes.ts';
import { OPERATION_PRESETS, type OperationPreset } from '../kit/requests.ts';
import { cpuLessonRack } from '../kit/cpu-scenarios.ts';

/** The rack: the scenario CJ2H running (RUN), packet filter off, so every node reaches it. */
export const FINS_RACK: RackConfig = cpuLessonRack();

function networkOrigin(node: SimNode): Extract<SimNode['origin'], { via: 'network' }> {
  if (node.origin.via !== 'network') throw new Error(`${node.name} is not on the network.`);
  return node.origin;
}

/** The FINS node the exclusion checkbox adds: the engineering PC's. */
export const EXCLUDABLE_NODE: number = networkOrigin(ENGINEERING_PC).finsNode ?? 0;

/**
 * The rogue laptop sending from its own IP address with the engineering PC's node number in its
 * frames: the source node (SA1) is a byte the sender fills in. ASSUMPTION (course reasoning, not
 * the guideline): the unit has nothing else to tell the two senders apart by.
 */
export const NODE_BORROWER: SimNode = {
  id: 'rogue-as-node',
  name: `Rogue laptop claiming node ${EXCLUDABLE_NODE}`,
  description: `the rogue laptop, putting node ${EXCLUDABLE_NODE} in its FINS frames`,
  origin: {
    via: 'network',
    name: `Rogue laptop claiming node ${EXCLUDABLE_NODE}`,
    ip: networkOrigin(ROGUE_LAPTOP).ip,
    finsNode: EXCLUDABLE_NODE,
  },
};

/** Who can send in the widget, in menu order. */
export const FINS_SENDERS: readonly SimNode[] = [ROGUE_LAPTOP, ENGINEERING_PC, HMI, USB_LAPTOP, NODE_BORROWER];

/** What they can ask: a write, a read and a mode change (the §2-5-3 list), plus controller data. */
export const FINS_PRESETS: readonly OperationPreset[] = [
  OPERATION_PRESETS.writeD100,
  OPERATION_PRESETS.readD100,
  OPERATION_PRESETS.stopCpu,
  OPERATION_PRESETS.readController,
];

/** The CPU event for the two switches of the widget: protection on/off, engineering PC excluded or not. */
export function finsProtectionEvent(enabled: boolean, excludeEngineeringPc: boolean): Extract<CpuUnitEvent, { type: 'finsProtection.set' }> {
  return { type: 'finsProtection.set', enabled, excludedNodes: excludeEngineeringPc ? [EXCLUDABLE_NODE] : [] };
}

/** The protection as the CPU holds it, in one sentence. */
export function finsProtectionText(cpu: CpuView): string {
  const p = cpu.finsProtection;
  if (!p.enabled) return 'FINS write protection is OFF: every node that reaches the CPU may write.';
  const nodes = p.excludedNodes.length === 0 ? 'no node is excluded' : `excluded: node ${p.excludedNodes.join(', ')}`;
  return `FINS write protection is ON (${nodes}).`;
}

/** D100 as the widget shows it: the set point the writes try to change. */
export function d100Text(cpu: CpuView): string {
  const value = cpu.memory.D[100] ?? 0;
  return `D100 (set point) = ${value}`;
}
