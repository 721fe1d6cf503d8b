/**
 * Request presets for the "try it" widgets: named operations a learner can send, which
 * protocols can carry each one, and how a menu choice becomes a model.ts Request. Pure: what a
 * request is *allowed* to do is the request path's business (machines/request-path/request-path.ts).
 */
import { PROTOCOL_LABELS } from '../../../machines/eip/eip21s.machine.ts';
import { type NetworkProtocol, type Operation, type OperationKind, PROTOCOL_PORTS, type Program, type Request } from '../../../machines/model.ts';
import { nodeById, type SimNode } from './nodes.ts';

/** A named operation for the menus. */
export interface OperationPreset {
  /** Stable id for menus and tests ("read-d100"). */
  id: string;
  /** What the learner reads. */
  label: string;
  operation: Operation;
}

/** The program a "download a changed program" preset carries: task 0 altered. */
export const CHANGED_PROGRAM: Program = {
  tasks: [
    { id: 0, name: 'Mixer control', code: 'LD 0.00\nOUT 100.00' },
    { id: 1, name: 'Recipe handling', code: 'MOV D100 D200' },
  ],
  lotGuard: null,
};

function preset(id: string, label: string, operation: Operation): OperationPreset {
  return { id, label, operation };
}

/** Every preset the widgets offer, by id. */
export const OPERATION_PRESETS = {
  readController: preset('read-controller', 'Read controller data', { kind: 'controller.read' }),
  readD100: preset('read-d100', 'Read D100–D101 (tank level)', { kind: 'memory.read', area: 'D', address: 100, count: 2 }),
  writeD100: preset('write-d100', 'Write 1500 to D100 (set point)', { kind: 'memory.write', area: 'D', address: 100, values: [1500] }),
  uploadProgram: preset('upload-program', 'Upload the user program', { kind: 'program.read' }),
  downloadProgram: preset('download-program', 'Download a changed program', { kind: 'program.write', program: CHANGED_PROGRAM }),
  stopCpu: preset('stop-cpu', 'Switch the CPU to PROGRAM mode (stops control)', { kind: 'mode.set', mode: 'PROGRAM' }),
  runCpu: preset('run-cpu', 'Switch the CPU to RUN mode', { kind: 'mode.set', mode: 'RUN' }),
  readClock: preset('read-clock', 'Read the clock', { kind: 'clock.read' }),
  readParameters: preset('read-parameters', 'Read the PLC Setup', { kind: 'parameters.read' }),
  writeParameters: preset('write-parameters', 'Write the PLC Setup', { kind: 'parameters.write', settings: { scanTimeMs: 10 } }),
  listUsers: preset('list-users', 'Check the user list', { kind: 'users.list' }),
  readLog: preset('read-log', 'Read the operation log', { kind: 'log.read' }),
  readFile: preset('read-file', 'Read a file from the SD Memory Card', { kind: 'file.read', path: '/MEMCARD/RECIPE.CSV' }),
  snmpGet: preset('snmp-get', 'Read SNMP data', { kind: 'snmp.get' }),
  tagData: preset('tag-data', 'Exchange tag data (tag data link)', { kind: 'tags.exchange' }),
} as const satisfies Record<string, OperationPreset>;

/** Every preset as a list, in the order above. */
export const ALL_PRESETS: readonly OperationPreset[] = Object.values(OPERATION_PRESETS);

const COMMAND_PROTOCOLS: readonly NetworkProtocol[] = ['fins-udp', 'fins-tcp', 'cip', 'secure-comm'];

/**
 * Which protocols can carry an operation in the simulator. ASSUMPTION (for the menus only):
 * CPU commands travel over FINS, CIP messages or Secure Comm; user management and the
 * operation log only over Secure Comm (the User Management Tool and CX-Programmer online,
 * §2-3-1, §2-6-1); files over FTP; SNMP and tag data links over their own protocols.
 */
export function protocolsFor(kind: OperationKind): readonly NetworkProtocol[] {
  switch (kind) {
    case 'users.list':
    case 'users.manage':
    case 'password.changeOwn':
    case 'log.read':
      return ['secure-comm'];
    case 'file.read':
    case 'file.write':
      return ['ftp'];
    case 'snmp.get':
      return ['snmp'];
    case 'tags.exchange':
      return ['cip-io'];
    case 'unit.restart':
      return [];
    default:
      return COMMAND_PROTOCOLS;
  }
}

/** A protocol menu entry. */
export interface ProtocolOption {
  value: NetworkProtocol;
  label: string;
}

/** Menu entries for protocols, labelled as the machines name them, with the port where public. */
export function protocolOptions(protocols: readonly NetworkProtocol[]): ProtocolOption[] {
  return protocols.map((value) => ({ value, label: `${PROTOCOL_LABELS[value]}${portHint(value)}` }));
}

/** " (UDP 9600)" for a protocol whose port is public (model.ts PROTOCOL_PORTS), else nothing. */
function portHint(protocol: NetworkProtocol): string {
  const where = Object.hasOwn(PROTOCOL_PORTS, protocol) ? PROTOCOL_PORTS[protocol as keyof typeof PROTOCOL_PORTS] : undefined;
  return where ? ` (${where.transport} ${where.port})` : '';
}

/**
 * The protocols whose requests carry a user name and password: Secure Comm (user authentication,
 * §2-3-1) and FTP, whose server has a login of its own (§1-6).
 */
export const CARRIES_LOGIN: ReadonlySet<NetworkProtocol> = new Set<NetworkProtocol>(['secure-comm', 'ftp']);

/** What the learner chose in a RequestSender. */
export interface SendChoice {
  nodeId: string;
  presetId: string;
  /** For a node on a local port only 'secure-comm' counts (to show §2-1-1 c); anything else means a plain cable. */
  protocol?: NetworkProtocol;
  /** Sent only with Secure Comm and FTP (CARRIES_LOGIN): other protocols carry no user (§2-3-1). */
  credentials?: { user: string; password: string };
  /** SNMP community name, sent only with SNMP. */
  community?: string;
}

/** A built request, or the reason it cannot be built (naming the field and the fix). */
export type BuiltRequest = { ok: true; request: Request } | { ok: false; error: string };

/**
 * Turns a menu choice into a Request. A network node needs a protocol that can carry the
 * operation; a node on a local port sends none, unless Secure Comm is asked for (which the
 * request path refuses there, §2-1-1 c). Credentials travel only over Secure Comm.
 */
export function buildRequest(choice: SendChoice, nodes: readonly SimNode[], presets: readonly OperationPreset[]): BuiltRequest {
  const node = nodes.find((n) => n.id === choice.nodeId);
  if (!node) return { ok: false, error: `Sender: no node "${choice.nodeId}"; choose one of ${nodes.map((n) => n.name).join(', ')}.` };
  const found = presets.find((p) => p.id === choice.presetId);
  if (!found) return { ok: false, error: `Operation: no preset "${choice.presetId}"; choose one from the list.` };
  if (node.origin.via !== 'network') {
    // §2-1-1 c: Secure Comm may be asked for on a cable — the request path refuses it there.
    if (choice.protocol !== 'secure-comm') return { ok: true, request: { from: node.origin, operation: found.operation } };
    const request: Request = { from: node.origin, protocol: 'secure-comm', operation: found.operation };
    if (choice.credentials) request.credentials = { ...choice.credentials };
    return { ok: true, request };
  }
  const allowed = protocolsFor(found.operation.kind);
  if (!choice.protocol || !allowed.includes(choice.protocol)) {
    const names = allowed.map((p) => PROTOCOL_LABELS[p]).join(' or ');
    return { ok: false, error: `Protocol: "${found.label}" travels over ${names || 'no network protocol'}; pick ${allowed.length > 1 ? 'one of them' : 'it'}.` };
  }
  const request: Request = { from: node.origin, protocol: choice.protocol, operation: found.operation };
  if (CARRIES_LOGIN.has(choice.protocol) && choice.credentials) request.credentials = { ...choice.credentials };
  if (choice.protocol === 'snmp' && choice.community !== undefined) request.community = choice.community;
  return { ok: true, request };
}

/** Shorthand for lessons and tests: the request node `nodeId` sends for `operation` over `protocol` (with credentials). */
export function requestFrom(
  nodes: readonly SimNode[],
  nodeId: string,
  operation: Operation,
  protocol?: NetworkProtocol,
  credentials?: { user: string; password: string },
): Request {
  const node = nodeById(nodes, nodeId);
  const request: Request = { from: node.origin, operation };
  if (node.origin.via === 'network' && protocol) request.protocol = protocol;
  if (credentials) request.credentials = { ...credentials };
  return request;
}
