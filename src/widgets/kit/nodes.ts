/**
 * The named devices of the course's "try it" plant: who sends requests to the rack in the
 * lesson widgets. One small control network (192.168.250.0/24, the EIP21S's usual default
 * range) with an engineering PC, an HMI, a rogue laptop somebody plugged in, and a laptop on the
 * CPU Unit's USB port. Pure data; the request path decides what each of them may do.
 */
import type { Origin } from '../../../machines/model.ts';
import type { Intent } from './trace.ts';

/** A device that can send requests in a widget. */
export interface SimNode {
  /** Stable id for menus and tests ("rogue-laptop"). */
  id: string;
  /** What the learner reads ("Rogue laptop"). */
  name: string;
  /** What it is and why it talks to the PLC, in a few words. */
  description: string;
  /** Where its requests come from, in the request path's terms. */
  origin: Origin;
  /**
   * What its requests are for, where the scenario says: the rogue laptop is an intruder's, so
   * whatever it gets through is bad for the plant. The plant's own devices carry none: the
   * learner picks what they send (a write the lesson wants refused, a read it wants through), so
   * their results stay neutral.
   */
  intent?: Intent;
}

/** The plant's network, for prose and filter examples. */
export const PLANT_SUBNET = { ip: '192.168.250.0', mask: '255.255.255.0' } as const;

/** The EIP21S's own address and FINS node number in every scenario rack. */
export const UNIT_ADDRESS = { ip: '192.168.250.1', finsNode: 1 } as const;

/**
 * A PC on the plant network at 192.168.250.`host`. The scenario gives each PC the FINS node
 * number `host`, the last part of its IP address, so the two are easy to tell apart in a trace.
 */
function onPlantNetwork(id: string, name: string, description: string, host: number): SimNode {
  return { id, name, description, origin: { via: 'network', name, ip: `192.168.250.${host}`, finsNode: host } };
}

/** CX-Programmer and the EIP21S tools, on the control network. */
export const ENGINEERING_PC = onPlantNetwork('engineering-pc', 'Engineering PC', 'CX-Programmer and the EIP21S User Management Tool, on the control network', 10);

/** The operator panel that reads and writes I/O memory over FINS. */
export const HMI = onPlantNetwork('hmi', 'HMI', 'operator panel that reads and writes I/O memory over FINS', 20);

/** A laptop nobody registered, plugged into a free switch port (§2-2-1 "PCs brought into the site"). */
export const ROGUE_LAPTOP: SimNode = {
  ...onPlantNetwork('rogue-laptop', 'Rogue laptop', 'a PC brought on site without permission, plugged into a spare switch port', 77),
  intent: 'hostile',
};

/** A laptop cabled to the CPU Unit's USB port at the panel (§2-1-1 example c). */
export const USB_LAPTOP: SimNode = {
  id: 'usb-laptop',
  name: 'Laptop on the USB port',
  description: "CX-Programmer cabled to the CPU Unit's USB port at the panel",
  origin: { via: 'usb', name: 'Laptop on the USB port' },
};

/** Every node, network ones first. */
export const PLANT_NODES: readonly SimNode[] = [ENGINEERING_PC, HMI, ROGUE_LAPTOP, USB_LAPTOP];

/** The node with this id; throws naming the known ids when there is none. */
export function nodeById(nodes: readonly SimNode[], id: string): SimNode {
  const node = nodes.find((n) => n.id === id);
  if (!node) throw new Error(`No node "${id}": choose one of ${nodes.map((n) => n.id).join(', ')}.`);
  return node;
}

/** "Rogue laptop (192.168.250.77)" or "Laptop on the USB port (USB)": a node as a menu shows it. */
export function nodeLabel(node: SimNode): string {
  const where = node.origin.via === 'network' ? node.origin.ip : node.origin.via.toUpperCase();
  return `${node.name} (${where})`;
}

/** The intent of the plant node a request comes from (matched by name), or null when none is known. */
export function intentOf(origin: Pick<Origin, 'name'>): Intent | null {
  return PLANT_NODES.find((n) => n.origin.name === origin.name)?.intent ?? null;
}
