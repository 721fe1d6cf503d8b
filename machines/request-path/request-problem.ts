/**
 * The request itself, before any layer looks at it: is it well formed (`requestProblem`, naming
 * the field and the fix), and the FINS source node a sender puts in the frame.
 */
import { parseIPv4 } from '../eip/ip-address.ts';
import {
  alternatives,
  FINS_CARRIERS,
  FINS_NODE_RANGE,
  isFinsNode,
  LOCAL_PORTS,
  NETWORK_PROTOCOLS,
  type NetworkProtocol,
  type OperationKind,
  REPLY_TRANSPORTS,
  type Request,
} from '../model.ts';
import { OPERATION_LABELS } from '../eip/operation-authority.ts';

// ─── the request itself ───

/**
 * A FINS sender always puts a source node in the frame (SA1). ASSUMPTION, as in fins.ts: when the
 * request names none, the node is the last byte of its IP address (automatic address conversion),
 * so FINS write protection's excluded nodes (§2-5-3) see the same node the wire shows.
 */
export function withFinsNode(request: Request): Request {
  const from = request.from;
  if (from.via !== 'network' || from.finsNode !== undefined || !carriesFinsEndCode(request)) return request;
  const node = Number(from.ip.slice(from.ip.lastIndexOf('.') + 1));
  return isFinsNode(node) ? { ...request, from: { ...from, finsNode: node } } : request;
}

/**
 * Why a request cannot be evaluated at all (a missing or impossible field), naming the field
 * and the fix; null when it can. Checked by `evaluate`, which throws with this message.
 */
export function requestProblem(request: Request): string | null {
  if (!isPlainRecord(request)) return 'request: give { from, protocol?, operation }.';
  const from = request.from as Request['from'] | undefined;
  if (!isPlainRecord(from)) return 'request.from: say where the request comes from, e.g. { via: "network", name, ip }.';
  if (from.via === 'network') {
    const ip = parseIPv4(typeof from.ip === 'string' ? from.ip : '', 'request.from.ip');
    if (!ip.ok) return ip.error;
    if (from.finsNode !== undefined && !isFinsNode(from.finsNode)) {
      return `request.from.finsNode: ${shown(from.finsNode)} is not a FINS node number; use ${FINS_NODE_RANGE.min}–${FINS_NODE_RANGE.max} or leave it out.`;
    }
    if (request.protocol === undefined) {
      return 'request.protocol: a network request needs its protocol, e.g. "fins-udp" or "secure-comm".';
    }
    if (!NETWORK_PROTOCOLS.includes(request.protocol)) {
      return `request.protocol: ${shown(request.protocol)} is unknown; use one of ${NETWORK_PROTOCOLS.join(', ')}.`;
    }
    if (request.replyTo !== undefined && !REPLY_TRANSPORTS.includes(request.replyTo)) {
      return `request.replyTo: ${shown(request.replyTo)} is not a transport; use ${alternatives(REPLY_TRANSPORTS)}, or leave it out.`;
    }
  } else if (LOCAL_PORTS.includes(from.via)) {
    // §2-1-1 c: Secure Comm may be asked for on a local port — and is refused on the path.
    if (request.protocol !== undefined && request.protocol !== 'secure-comm') {
      return `request.protocol: a request on the ${from.via} port carries no network protocol; remove ${shown(request.protocol)}.`;
    }
    if (request.replyTo !== undefined) return 'request.replyTo: only network packets can be replies; remove it.';
  } else {
    return `request.from.via: ${shown((from as { via: unknown }).via)} is unknown; use ${alternatives(['network', ...LOCAL_PORTS])}.`;
  }
  if (from.name !== undefined && typeof from.name !== 'string') return 'request.from.name: give the sender\'s name as text.';
  const operation: unknown = request.operation;
  const kind = isPlainRecord(operation) ? operation.kind : undefined;
  if (!isOwnKey(OPERATION_LABELS, kind)) {
    return `request.operation.kind: ${shown(kind)} is unknown; use one of ${Object.keys(OPERATION_LABELS).join(', ')}.`;
  }
  const shapeProblem = operationShapeProblem(operation as Record<string, unknown>, kind);
  if (shapeProblem) return shapeProblem;
  const c: unknown = request.credentials;
  if (c !== undefined && (!isPlainRecord(c) || typeof c.user !== 'string' || typeof c.password !== 'string')) {
    return 'request.credentials: give { user, password } as text, or leave it out.';
  }
  for (const field of ['projectPlcName', 'protectionPassword', 'community'] as const) {
    if (request[field] !== undefined && typeof request[field] !== 'string') return `request.${field}: give it as text, or leave it out.`;
  }
  return null;
}

/** A plain JSON object (not null, not a list). */
function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Is `key` one of the table's own keys? A lookup by `in` or `table[key]` would also find
 * `constructor`, `toString`… that every object inherits, so untrusted keys are checked this way.
 */
export function isOwnKey<T extends object>(table: T, key: unknown): key is keyof T {
  return typeof key === 'string' && Object.hasOwn(table, key);
}

/** A value as a learner would recognise it in a message, whatever its type (never throws). */
export function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  return Array.isArray(value) ? 'a list' : 'an object';
}

type FieldKind = 'text' | 'number' | 'list' | 'object' | 'list of numbers or nothing' | 'object or nothing';

/**
 * The type of every field an operation carries (model.ts Operation). Ranges and values are the
 * CPU's and the unit's to judge (they answer with an end code or a refusal); a wrong type is a
 * malformed request.
 */
const OPERATION_FIELDS: Readonly<Partial<Record<OperationKind, Readonly<Record<string, FieldKind>>>>> = {
  'memory.read': { area: 'text', address: 'number', count: 'number' },
  'memory.write': { area: 'text', address: 'number', values: 'list' },
  'parameters.write': { settings: 'object' },
  'program.read': { taskIds: 'list of numbers or nothing' },
  'program.write': { program: 'object', protection: 'object or nothing' },
  'program.editTasks': { tasks: 'list' },
  'mode.set': { mode: 'text' },
  'clock.write': { at: 'text' },
  'users.manage': { change: 'object or nothing' },
  'password.changeOwn': { newPassword: 'text' },
  'file.read': { path: 'text' },
  'file.write': { path: 'text' },
};

const FIELD_KIND_WORDS: Readonly<Record<FieldKind, string>> = {
  text: 'text',
  number: 'a number',
  list: 'a list',
  object: 'an object',
  'list of numbers or nothing': 'a list of numbers, or leave it out',
  'object or nothing': 'an object, or leave it out',
};

function fitsKind(value: unknown, kind: FieldKind): boolean {
  if (value === undefined && kind.endsWith('or nothing')) return true;
  if (kind === 'text') return typeof value === 'string';
  if (kind === 'number') return typeof value === 'number';
  if (kind.startsWith('list of numbers')) return Array.isArray(value) && value.every((v) => typeof v === 'number');
  if (kind === 'list') return Array.isArray(value);
  return isPlainRecord(value);
}

function operationShapeProblem(operation: Record<string, unknown>, kind: OperationKind): string | null {
  const fields = OPERATION_FIELDS[kind] ?? {};
  for (const [field, fieldKind] of Object.entries(fields)) {
    if (!fitsKind(operation[field], fieldKind)) {
      return `request.operation.${field}: ${shown(operation[field])} will not do for ${OPERATION_LABELS[kind]}; give ${FIELD_KIND_WORDS[fieldKind]}.`;
    }
  }
  return kind === 'users.manage' && operation.change !== undefined ? userChangeProblem(operation.change as Record<string, unknown>) : null;
}

/** The fields of each user change (model.ts UserChange), all text; the unit judges their values. */
const USER_CHANGE_FIELDS: Readonly<Record<string, readonly string[]>> = { add: ['user.name', 'user.role', 'user.password'], remove: ['name'], setRole: ['name', 'role'] };

function userChangeProblem(change: Record<string, unknown>): string | null {
  const action = change.action;
  if (!isOwnKey(USER_CHANGE_FIELDS, action)) {
    return `request.operation.change.action: ${shown(action)} is unknown; use ${Object.keys(USER_CHANGE_FIELDS).join(', ')}.`;
  }
  for (const path of USER_CHANGE_FIELDS[action] ?? []) {
    const [first = '', second] = path.split('.');
    const parent: unknown = second === undefined ? change : change[first];
    const value = isPlainRecord(parent) ? parent[second ?? first] : undefined;
    if (typeof value !== 'string') return `request.operation.change.${path}: give it as text.`;
  }
  return null;
}

/**
 * True for a packet that answers the unit's own client request: a stateful-inspection reply
 * (§2-2-1) or DNS/SNTP traffic (§2-2-1 note). The unit takes it for itself; it never reaches the
 * CPU as a command, so it returns no data and changes nothing.
 */
export function isReplyToUnit(request: Request): boolean {
  return (
    request.from.via === 'network' &&
    (request.replyTo !== undefined || request.protocol === 'dns' || request.protocol === 'sntp')
  );
}

/**
 * Does a refusal of this request travel back as a FINS end code? Plain FINS does; so does a
 * local port, where the Support Software talks FINS to the CPU directly. ASSUMPTION: Secure Comm
 * carries the Support Software's FINS commands inside its encryption, so its refusals carry the
 * CPU's end code too (only the two ends can read it). CIP, FTP, SNMP and tag data links answer in
 * their own protocols, so their outcomes carry no FINS end code.
 */
export function carriesFinsEndCode(request: Request): boolean {
  if (request.from.via !== 'network') return true;
  const p = request.protocol;
  return p !== undefined && (FINS_CARRIERS as readonly NetworkProtocol[]).includes(p);
}
