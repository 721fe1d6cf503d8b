/**
 * Being another node: each network node of the lab gets a loopback address of its own
 * (192.168.250.66 → 127.0.0.66), so the source address of a datagram or connection says which
 * plant node is asking — and the IP filter, the FINS write protection's excluded nodes and the
 * rest of the request path judge it as that node. Pure: no sockets.
 */
import { parseIPv4 } from '../../../machines/eip/ip-address.ts';
import type { PlantNode } from '../../../machines/grading/lab.ts';
import { isFinsNode } from '../../../machines/model.ts';

/** The loopback network every alias lives in (Linux answers on all of 127.0.0.0/8 without setup). */
const LOOPBACK_PREFIX = '127.0.0.';

/** 127.0.0.1 stays the bridge's own address and the one a client uses when it binds nothing. */
const DEFAULT_HOST = 1;

/** A plant node on the network and the loopback address that stands for it. */
export interface PlantAlias {
  name: string;
  description: string;
  /** Its address on the plant network, as the lab gives it. */
  ip: string;
  /** The FINS node it puts in its frames, when the lab gives one. */
  finsNode?: number;
  /** The loopback address a client binds to be this node. */
  loopback: string;
}

/** Who is asking, as the request path sees the sender. */
export interface Sender {
  name: string;
  ip: string;
  finsNode?: number;
}

/** Every alias, and the sender any other loopback address stands for. */
export interface AddressPlan {
  aliases: PlantAlias[];
  /** A client on an address that is no alias (127.0.0.1 by default): a device not on the plant's list. */
  stranger: Sender;
}

/** The stranger's name in traces and at start. */
export const STRANGER_NAME = 'A device not on the plant list';

function lastOctet(ip: string): number {
  return Number(ip.slice(ip.lastIndexOf('.') + 1));
}

/**
 * The loopback alias of each network node of the lab: 127.0.0.<last byte of its plant address>,
 * or — when two nodes share a last byte, or it is 1 — the lowest free one from 127.0.0.2.
 * ASSUMPTION: any other loopback address is one more device on the unit's own subnet that the
 * plant does not know, at the highest host address (from .254 down) no node and not the unit
 * uses; a learner who binds nothing (127.0.0.1) is that device.
 */
export function addressPlan(network: readonly PlantNode[], unitIp: string): AddressPlan {
  const taken = new Set<number>([DEFAULT_HOST]);
  const aliases: PlantAlias[] = [];
  for (const node of network) {
    if (node.ip === undefined || !parseIPv4(node.ip, 'ip').ok) continue;
    let host = lastOctet(node.ip);
    if (taken.has(host) || host < 1 || host > 254) host = [...Array(253).keys()].map((i) => i + 2).find((h) => !taken.has(h)) ?? 0;
    if (host === 0) break; // more nodes than loopback hosts: the rest keep no alias
    taken.add(host);
    const alias: PlantAlias = { name: node.name, description: node.description, ip: node.ip, loopback: `${LOOPBACK_PREFIX}${host}` };
    if (node.finsNode !== undefined) alias.finsNode = node.finsNode;
    aliases.push(alias);
  }
  const subnet = unitIp.slice(0, unitIp.lastIndexOf('.') + 1);
  const used = new Set([unitIp, ...network.flatMap((n) => (n.ip === undefined ? [] : [n.ip]))]);
  const free = [...Array(254).keys()].map((i) => 254 - i).find((h) => !used.has(`${subnet}${h}`)) ?? 254;
  return { aliases, stranger: { name: STRANGER_NAME, ip: `${subnet}${free}` } };
}

/** The sender a source address stands for (IPv4-mapped IPv6 addresses are read as IPv4). */
export function senderOf(plan: AddressPlan, address: string): Sender {
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  const alias = plan.aliases.find((a) => a.loopback === v4);
  if (!alias) return plan.stranger;
  return alias.finsNode === undefined ? { name: alias.name, ip: alias.ip } : { name: alias.name, ip: alias.ip, finsNode: alias.finsNode };
}

/** The FINS node a sender is, when its frame names none: its own, else the last byte of its address. */
export function finsNodeOf(sender: Sender): number | undefined {
  if (sender.finsNode !== undefined) return sender.finsNode;
  const last = lastOctet(sender.ip);
  return isFinsNode(last) ? last : undefined;
}
