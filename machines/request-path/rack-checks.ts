/**
 * The checks of the walk that belong to the rack rather than one unit: is there a route to the
 * CPU (§1-4, §4-1-2), can Secure Comm reach it (§2-1-1), and does the protocol offer the
 * operation with data that fits (the command step).
 */

import { parseClock } from '../cpu/clock.ts';
import { COMM_UNITS, secureCommPossibility } from '../catalog/catalog.ts';
import { CPU_READ_OPERATIONS, CPU_WRITE_OPERATIONS } from '../cpu/cpu-checks.ts';
import { AREA_SIZES, WORD_MAX } from '../cpu/cpu-hardware.ts';
import { checkSecureComm } from '../eip/eip-checks.ts';
import { type EipView, PROTOCOL_LABELS } from '../eip/eip21s.machine.ts';
import { END_CODE, FINS_HEADER_BYTES, FINS_MAX_FRAME_BYTES } from '../wire/fins-codes.ts';
import type { LocalPort, NetworkProtocol, OperationKind, Request, TraceStep } from '../model.ts';
import { OPERATION_LABELS } from '../eip/operation-authority.ts';
import { isOwnKey, shown } from './request-problem.ts';
import type { RackView } from './request-path.ts';
import { isReplyToUnit } from './request-problem.ts';

// ─── route (§1-4, §4-1-2) ───

/** Is there any way for this request to reach the CPU? */
export function checkRoute(rack: RackView, request: Request): TraceStep {
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
export function checkSecureCommPossible(rack: RackView, request: Request): TraceStep {
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

/** A command-step trace entry (the CJ manual section unless given). */
export function commandStep(verdict: TraceStep['verdict'], reason: string, endCode?: number, section = COMMAND_SECTION): TraceStep {
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
export function checkCommand(_rack: RackView, request: Request): TraceStep {
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
export function unitData(eip: EipView | null, request: Request): unknown {
  if (!eip) return undefined;
  if (request.operation.kind === 'log.read') return eip.log.map((entry) => ({ ...entry }));
  if (request.operation.kind === 'users.list') return eip.users.map((u) => ({ name: u.name, role: u.role }));
  return undefined;
}

/** True for the `{ error }` a unit gives instead of data. */
export function isDataError(data: unknown): data is { error: string } {
  return typeof data === 'object' && data !== null && typeof (data as { error?: unknown }).error === 'string';
}

function portName(port: LocalPort): string {
  return port === 'usb' ? 'USB' : port;
}

/** The text with its first letter upper-case. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
