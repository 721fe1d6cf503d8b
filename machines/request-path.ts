/**
 * The request path (design.md "the heart"): a request is walked through the layers of the
 * defense — network → device → function → asset — one small check per function. The first
 * block ends the walk; the trace keeps every step so a lesson can say where and why.
 *
 * `evaluate` is pure: it reads views of the units and returns an Outcome. Applying an allowed
 * request's effects is the rack's job (machines/rack.ts), through the units' machines.
 * docs/decisions/002-request-path.md records why it is built this way.
 */
import { parseClock } from './bcd.ts';
import { COMM_UNITS, secureCommPossibility } from './catalog.ts';
import {
  CPU_READ_OPERATIONS,
  CPU_WRITE_OPERATIONS,
  checkAuxiliaryArea,
  checkDipSwitch,
  checkFinsWriteProtection,
  checkLotGuard,
  checkOperatingMode,
  checkPlcName,
  checkReadProtection,
} from './cpu-checks.ts';
import { readData } from './cpu-effects.ts';
import { AREA_SIZES, WORD_MAX } from './cpu-hardware.ts';
import type { CpuView } from './cpu-unit.machine.ts';
import {
  checkFtpLogin,
  checkIpFilter,
  checkOperationAuthority,
  checkPort,
  checkSecureComm,
  checkUserAuth,
} from './eip-checks.ts';
import { type EipView, PROTOCOL_LABELS } from './eip21s.machine.ts';
import { END_CODE, FINS_HEADER_BYTES, FINS_MAX_FRAME_BYTES } from './fins-codes.ts';
import { parseIPv4 } from './ip-address.ts';
import {
  alternatives,
  type CommUnitId,
  FINS_CARRIERS,
  FINS_NODE_RANGE,
  isFinsNode,
  LOCAL_PORTS,
  type LocalPort,
  NETWORK_PROTOCOLS,
  type NetworkProtocol,
  type OperationKind,
  type Outcome,
  REPLY_TRANSPORTS,
  type Request,
  type StepSource,
  type TraceStep,
} from './model.ts';
import { OPERATION_LABELS } from './operation-authority.ts';

/** What the path needs to know about a rack: the CPU and, if mounted, its communication unit. */
export interface RackView {
  cpu: CpuView;
  /** The communication unit; `eip` is null for units without security functions. */
  unit: { model: CommUnitId; eip: EipView | null } | null;
}

/** A layer a request is walked through (every Layer but 'common'). */
export type PathLayer = 'network' | 'device' | 'function' | 'asset';

/** One stop on the request path: what it consults and in which layer. */
export interface PathStop {
  source: StepSource;
  layer: PathLayer;
}

type Check = (rack: RackView, request: Request) => TraceStep;

const onEip =
  (check: (eip: EipView | null, request: Request) => TraceStep): Check =>
  (rack, request) =>
    check(rack.unit?.eip ?? null, request);
const onCpu =
  (check: (cpu: CpuView, request: Request) => TraceStep): Check =>
  (rack, request) =>
    check(rack.cpu, request);

/**
 * The walk, in layer order (§1-3 table). Route first: a network request needs a port that
 * reaches the CPU at all; a unit without security functions passes packets unfiltered (§1-4).
 * The filter and the port switches come before Secure Comm because they drop packets before
 * any server on the unit reads them; the FTP server's login follows its port, in the network layer
 * where §1-6 gives its advice. 'command' is last: the CPU only looks at the command's
 * data once every defense has let it through.
 */
const WALK: readonly (PathStop & { check: Check })[] = [
  { source: 'route', layer: 'network', check: checkRoute },
  { source: 'ip-filter', layer: 'network', check: onEip(checkIpFilter) }, // §2-2-1
  { source: 'ports', layer: 'network', check: onEip(checkPort) }, // §2-2-2
  { source: 'ftp-login', layer: 'network', check: onEip(checkFtpLogin) }, // §1-6: FTP's own login, no password lock
  { source: 'secure-comm', layer: 'network', check: checkSecureCommPossible }, // §2-1-1
  { source: 'user-auth', layer: 'device', check: onEip(checkUserAuth) }, // §2-3-1
  { source: 'plc-name', layer: 'device', check: onCpu(checkPlcName) }, // §2-3-2
  { source: 'operation-authority', layer: 'function', check: onEip(checkOperationAuthority) }, // §2-4-1
  { source: 'dip-switch', layer: 'asset', check: onCpu(checkDipSwitch) }, // §2-5-1
  { source: 'read-protection', layer: 'asset', check: onCpu(checkReadProtection) }, // §2-5-2, §2-5-1 note
  { source: 'fins-write-protection', layer: 'asset', check: onCpu(checkFinsWriteProtection) }, // §2-5-3
  { source: 'overwrite-time', layer: 'asset', check: onCpu(checkAuxiliaryArea) }, // §2-5-5: A-area words are read-only
  { source: 'operating-mode', layer: 'asset', check: onCpu(checkOperatingMode) },
  { source: 'lot-number', layer: 'asset', check: onCpu(checkLotGuard) }, // §2-5-4
  { source: 'command', layer: 'asset', check: checkCommand },
];

/** The stops of the request path in the order `evaluate` consults them (for lessons and tests). */
export const REQUEST_PATH: readonly PathStop[] = WALK.map(({ source, layer }) => ({ source, layer }));

/**
 * Evaluates a request against a rack, layer by layer. Pure: nothing is changed. Throws an Error
 * naming the field when the request itself is malformed (see `requestProblem`).
 */
export function evaluate(rack: RackView, given: Request): Outcome {
  const problem = requestProblem(given);
  if (problem) throw new Error(problem);
  const request = withFinsNode(given);
  const trace: TraceStep[] = [];
  for (const stop of WALK) {
    const step = stop.check(rack, request);
    trace.push(step);
    if (step.verdict === 'block') return refused(request, trace, step);
  }
  if (isReplyToUnit(request)) return { allowed: true, trace, endCode: END_CODE.normal };
  const data = readData(rack.cpu, request.operation) ?? unitData(rack.unit?.eip ?? null, request);
  if (isDataError(data)) {
    // The CPU had the command but could not serve it (a task that does not exist…).
    const step = commandStep('block', `${capitalise(OPERATION_LABELS[request.operation.kind])}: ${data.error}`, PARAMETER_ERROR);
    trace[trace.length - 1] = step;
    return refused(request, trace, step);
  }
  const outcome: Outcome = { allowed: true, trace, endCode: END_CODE.normal };
  if (data !== undefined) outcome.data = data;
  return outcome;
}

/**
 * The outcome of a request refused at `step` (the last entry of `trace`). Exported for the rack,
 * which refuses a request whose data a unit will not accept after the walk has passed.
 */
export function refused(request: Request, trace: TraceStep[], step: TraceStep): Outcome {
  const outcome: Outcome = { allowed: false, blockedBy: step, trace };
  const endCode = carriesFinsEndCode(request) ? step.endCode : undefined;
  if (endCode !== undefined) outcome.endCode = endCode;
  return outcome;
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

// ─── the request itself ───

/**
 * A FINS sender always puts a source node in the frame (SA1). ASSUMPTION, as in fins.ts: when the
 * request names none, the node is the last byte of its IP address (automatic address conversion),
 * so FINS write protection's excluded nodes (§2-5-3) see the same node the wire shows.
 */
function withFinsNode(request: Request): Request {
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

// ─── route (§1-4, §4-1-2) ───

/** Is there any way for this request to reach the CPU? */
function checkRoute(rack: RackView, request: Request): TraceStep {
  const base = { layer: 'network', source: 'route', section: '§1-4' } as const;
  if (request.from.via !== 'network') {
    if (request.operation.kind === 'unit.restart' && !rack.unit?.eip) {
      return { ...base, section: '§4-1-2', verdict: 'block', reason: 'There is no EIP21S on this rack to restore to its out-of-box configuration.' };
    }
    return { ...base, verdict: 'pass', reason: `A cable on the CPU Unit's ${portName(request.from.via)} port reaches the CPU directly, without passing through the EtherNet/IP unit.` };
  }
  if (request.operation.kind === 'unit.restart') {
    // §4-1-2: restoring the unit's defaults is done from a cable on the CPU Unit, never over the network.
    return { ...base, section: '§4-1-2', verdict: 'block', reason: 'Restart Unit to the out-of-box configuration is only done from the USB, peripheral or serial port of the CPU Unit, not over the network.' };
  }
  const builtIn = rack.cpu.model.endsWith('-EIP');
  if (!rack.unit && !builtIn) {
    return { ...base, verdict: 'block', reason: 'This rack has no Ethernet port: nothing on the network can reach the CPU — no response.' };
  }
  if (!rack.unit) {
    return { ...base, verdict: 'pass', reason: "The CPU's built-in EtherNet/IP port accepts the packet; that port has no security functions (§1-4)." };
  }
  // ASSUMPTION: with a unit mounted on a CJ2 that also has a built-in port, the plant network is
  // cabled to the unit (as §1-4 advises), so network traffic always arrives through the unit.
  const info = COMM_UNITS[rack.unit.model];
  return {
    ...base,
    verdict: 'pass',
    reason: info.hasSecurityFunctions
      ? `The ${info.label} receives the packet.`
      : `The ${info.label} receives the packet; this unit has no security functions, so nothing filters it (§1-4).`,
  };
}

/**
 * §2-1-1: Secure Comm needs an EIP21S on a CS/CJ CPU and a connection through the unit's network
 * (never a USB, peripheral or serial port, example c); the unit's own rules follow.
 */
function checkSecureCommPossible(rack: RackView, request: Request): TraceStep {
  if (request.protocol === 'secure-comm') {
    const possible = secureCommPossibility(rack.cpu.model, rack.unit?.model, request.from.via);
    if (!possible.possible) {
      const answer = request.from.via === 'network' ? ' — no response.' : '.';
      return { layer: 'network', source: 'secure-comm', verdict: 'block', reason: `${possible.reason.replace(/\.$/, '')}${answer}`, section: '§2-1-1' };
    }
  }
  return checkSecureComm(rack.unit?.eip ?? null, request);
}

// ─── command: does the protocol offer the operation, and does its data fit? ───

/** ASSUMPTION: data the CPU cannot act on, with no more specific end code, gets 110C (parameter error). */
export const PARAMETER_ERROR = 0x110c;

type Carrier = NetworkProtocol | 'local';

const CPU_OPERATIONS: readonly OperationKind[] = [...CPU_READ_OPERATIONS, ...CPU_WRITE_OPERATIONS];
const FILE_OPERATIONS: readonly OperationKind[] = ['file.read', 'file.write'];
/** §2-3-1, §2-4-1, §2-6-1, A-1: user management and the operation log live in Secure Comm sessions. */
const SESSION_OPERATIONS: readonly OperationKind[] = ['users.list', 'users.manage', 'password.changeOwn', 'log.read'];

/**
 * Which operations each way in offers. ASSUMPTIONS: FINS and the local ports carry the CPU
 * commands and file memory; CIP explicit messages carry the CPU commands (§2-5-3 counts CX-Programmer
 * writes over CIP) but not files; the FTP server only moves files; SNMP only answers SNMP reads;
 * tag data links only exchange tags; Restart Unit is a local-port operation (§4-1-2).
 */
const SERVICES: Readonly<Record<Exclude<Carrier, 'dns' | 'sntp'>, ReadonlySet<OperationKind>>> = {
  'fins-udp': new Set([...CPU_OPERATIONS, ...FILE_OPERATIONS]),
  'fins-tcp': new Set([...CPU_OPERATIONS, ...FILE_OPERATIONS]),
  'secure-comm': new Set([...CPU_OPERATIONS, ...FILE_OPERATIONS, ...SESSION_OPERATIONS]),
  cip: new Set(CPU_OPERATIONS),
  'cip-io': new Set<OperationKind>(['tags.exchange']),
  ftp: new Set(FILE_OPERATIONS),
  snmp: new Set<OperationKind>(['snmp.get']),
  local: new Set<OperationKind>([...CPU_OPERATIONS, ...FILE_OPERATIONS, 'unit.restart']),
};

/** FINS limits: a MEMORY AREA WRITE frame carries at most 997 words, a read's response 999. */
export const FINS_MAX_WRITE_WORDS = Math.floor((FINS_MAX_FRAME_BYTES - FINS_HEADER_BYTES - 2 - 6) / 2);
export const FINS_MAX_READ_WORDS = Math.floor((FINS_MAX_FRAME_BYTES - FINS_HEADER_BYTES - 4) / 2);

const COMMAND_SECTION = 'CJ manual §5-3';

function commandStep(verdict: TraceStep['verdict'], reason: string, endCode?: number, section = COMMAND_SECTION): TraceStep {
  const step: TraceStep = { layer: 'asset', source: 'command', verdict, reason, section };
  if (endCode !== undefined) step.endCode = endCode;
  return step;
}

function carrierOf(request: Request): Carrier {
  return request.from.via === 'network' ? (request.protocol as NetworkProtocol) : 'local';
}

function carrierName(request: Request): string {
  return request.from.via === 'network' ? (PROTOCOL_LABELS[request.protocol as NetworkProtocol] ?? 'This protocol') : `The ${portName(request.from.via)} port`;
}

/** Is the operation one the way in offers, and does its data fit the CPU's memory and FINS frames? */
function checkCommand(_rack: RackView, request: Request): TraceStep {
  if (isReplyToUnit(request)) {
    return commandStep('n/a', "A reply to the unit's own client request: the unit takes it for itself; it is no command for the CPU.", undefined, '§2-2-1');
  }
  const kind = request.operation.kind;
  const carrier = carrierOf(request) as Exclude<Carrier, 'dns' | 'sntp'>;
  if (!SERVICES[carrier].has(kind)) return serviceRefusal(request, kind);
  const problem = dataProblem(request);
  if (problem) return commandStep('block', problem.reason, problem.endCode);
  return commandStep('pass', `${carrierName(request)} carries this operation (${OPERATION_LABELS[kind]}) and its data fits.`);
}

function serviceRefusal(request: Request, kind: OperationKind): TraceStep {
  const what = OPERATION_LABELS[kind];
  const via = carrierName(request);
  if (SESSION_OPERATIONS.includes(kind)) {
    const section = kind === 'log.read' ? '§2-6-1' : '§2-3-1';
    return commandStep(
      'block',
      `${via} offers no way to ${what}: that is done only over Secure Comm through the EIP21S, with the EIP21S User Management Tool or the CX-Programmer.`,
      END_CODE.undefinedCommand,
      section,
    );
  }
  if (kind === 'unit.restart') {
    return commandStep('block', `${via} cannot ${what}; only the Support Software on a local port of the CPU Unit can.`, END_CODE.undefinedCommand, '§4-1-2');
  }
  return commandStep('block', `${via} offers no way to ${what}.`, END_CODE.undefinedCommand, '§2-2-2');
}

/** Memory ranges, FINS frame sizes and clock values the CPU would refuse. */
function dataProblem(request: Request): { reason: string; endCode: number } | null {
  const op = request.operation;
  const plainFins = request.protocol === 'fins-udp' || request.protocol === 'fins-tcp';
  if (op.kind === 'memory.read' || op.kind === 'memory.write') {
    const size = isOwnKey(AREA_SIZES, op.area) ? AREA_SIZES[op.area] : undefined;
    if (size === undefined) return { reason: `There is no memory area "${op.area}": use CIO, W, H, D or A.`, endCode: END_CODE.areaCodeInvalid };
    if (!Number.isInteger(op.address) || op.address < 0 || op.address >= size) {
      return { reason: `${op.area}${op.address} does not exist: ${op.area} words run from 0 to ${size - 1}.`, endCode: END_CODE.addressOutOfRange };
    }
    const count = op.kind === 'memory.read' ? op.count : op.values.length;
    if (!Number.isInteger(count) || count < 1) {
      return { reason: `Give at least one word to ${op.kind === 'memory.read' ? 'read' : 'write'}.`, endCode: END_CODE.commandTooShort };
    }
    if (op.address + count > size) {
      return { reason: `${count} words from ${op.area}${op.address} run past ${op.area}${size - 1}, the end of the area.`, endCode: END_CODE.rangeExceeded };
    }
    if (op.kind === 'memory.write') {
      const bad = op.values.findIndex((v) => !Number.isInteger(v) || v < 0 || v > WORD_MAX);
      if (bad >= 0) return { reason: `values[${bad}] is ${shown(op.values[bad])}; a word holds a whole number from 0 to 65535 (0xFFFF).`, endCode: PARAMETER_ERROR };
      if (plainFins && count > FINS_MAX_WRITE_WORDS) {
        return { reason: `One FINS frame carries at most ${FINS_MAX_WRITE_WORDS} words; send the ${count} words in several writes.`, endCode: END_CODE.commandTooLong };
      }
    } else if (plainFins && count > FINS_MAX_READ_WORDS) {
      return { reason: `One FINS response carries at most ${FINS_MAX_READ_WORDS} words; read the ${count} words in several parts.`, endCode: END_CODE.rangeExceeded };
    }
  }
  if (op.kind === 'clock.write') {
    try {
      parseClock(op.at);
    } catch (error) {
      return { reason: (error as Error).message, endCode: PARAMETER_ERROR };
    }
  }
  return null;
}

/** What a read of the EIP21S itself returns: the operation log, or the user list without passwords. */
function unitData(eip: EipView | null, request: Request): unknown {
  if (!eip) return undefined;
  if (request.operation.kind === 'log.read') return eip.log.map((entry) => ({ ...entry }));
  if (request.operation.kind === 'users.list') return eip.users.map((u) => ({ name: u.name, role: u.role }));
  return undefined;
}

function isDataError(data: unknown): data is { error: string } {
  return typeof data === 'object' && data !== null && typeof (data as { error?: unknown }).error === 'string';
}

function portName(port: LocalPort): string {
  return port === 'usb' ? 'USB' : port;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
