/**
 * FINS frames in and out for our requests: the command a request sends, the answer or refusal
 * it gets. The rest of FINS is in parts re-exported here, so callers import from this file:
 * `fins-frames.ts` (header, build/parse, FINS/TCP), `fins-commands.ts` (the command behind
 * each operation), `fins-responses.ts` (response data), `fins-describe.ts` (byte-by-byte
 * labels for lessons). Layouts: /work/shared/facts/fins-and-cpu.md (Wireshark
 * `packet-omron-fins.c`, the CJ reference manual). Pure: no sockets, no clock.
 */
import { FINS_TCP_COMMAND } from './fins-codes.ts';
import { FINS_NODE_RANGE, isFinsNode, type Origin, type Request } from '../model.ts';
import { type CommandFields, type FinsDestination, FinsEncodeError, checkUint, buildCommand, buildResponse, wrapTcp } from './fins-frames.ts';
import { finsCommandFor } from './fins-commands.ts';

// Frame-size constants live in fins-codes.ts so the request path can use them without the encoder.
export { FINS_HEADER_BYTES, FINS_MAX_FRAME_BYTES, FINS_PORT } from './fins-codes.ts';

// The FINS surface in one place: callers import from fins.ts; the fins-*.ts files are its parts.
export {
  buildCommand,
  buildResponse,
  type CommandFields,
  type FinsCommand,
  type FinsCommandFrame,
  type FinsDestination,
  type FinsFrame,
  type FinsHeader,
  type FinsResponseFrame,
  type FinsTcpFrame,
  FINS_TCP_HEADER_BYTES,
  FinsEncodeError,
  fromHex,
  nodeAddressRequest,
  nodeAddressResponse,
  type ParseResult,
  parseFrame,
  toHex,
  unwrapTcp,
  wrapTcp,
} from './fins-frames.ts';
export { finsCommandFor } from './fins-commands.ts';
export { CONTROLLER_DATA_FIELDS, ERROR_LOG_CAPACITY, NAME_DATA_BYTES, responseDataFor } from './fins-responses.ts';
export { describeFrame, type FrameField } from './fins-describe.ts';

/**
 * The FINS node a request's sender uses as SA1. ASSUMPTION: without an explicit finsNode, the
 * last byte of the IP address (the usual automatic address conversion).
 */
function sourceNode(from: Extract<Origin, { via: 'network' }>): number {
  if (from.finsNode !== undefined) {
    checkUint('request.from.finsNode', from.finsNode, FINS_NODE_RANGE.max);
    return from.finsNode;
  }
  const last = Number(from.ip.split('.').at(-1));
  if (!isFinsNode(last)) {
    const why = `"${from.ip}" gives no FINS node (last byte must be ${FINS_NODE_RANGE.min}–${FINS_NODE_RANGE.max})`;
    throw new FinsEncodeError(`request.from.ip ${why}; set request.from.finsNode.`, `the sender address ${why}.`);
  }
  return last;
}

type FinsRequest = Request & { from: Extract<Origin, { via: 'network' }>; protocol: 'fins-udp' | 'fins-tcp' };

function isFins(request: Request): request is FinsRequest {
  return request.from.via === 'network' && (request.protocol === 'fins-udp' || request.protocol === 'fins-tcp');
}

function commandFieldsFor(request: Request, dest: FinsDestination, sid: number): CommandFields | null {
  if (!isFins(request)) return null;
  const command = finsCommandFor(request.operation);
  if (!command) return null;
  return { da1: dest.node, da2: dest.unit ?? 0, sa1: sourceNode(request.from), sid, ...command };
}

function overTransport(request: Request, frame: Uint8Array): Uint8Array {
  return request.protocol === 'fins-tcp' ? wrapTcp(FINS_TCP_COMMAND.frameSend, frame) : frame;
}

/**
 * The frame a FINS request puts on the wire (wrapped for FINS/TCP), or null when the request
 * is not FINS (another protocol, a local port) or its operation has no FINS command.
 */
export function requestFrame(request: Request, dest: FinsDestination, sid: number): Uint8Array | null {
  const fields = commandFieldsFor(request, dest, sid);
  return fields ? overTransport(request, buildCommand(fields)) : null;
}

/** The unit's answer to requestFrame(request, dest, sid): end code and data, same transport. */
export function responseFrame(
  request: Request,
  dest: FinsDestination,
  sid: number,
  endCode: number,
  data?: Uint8Array,
): Uint8Array | null {
  const fields = commandFieldsFor(request, dest, sid);
  return fields ? overTransport(request, buildResponse(fields, endCode, data)) : null;
}

/** A refusal: the response carrying a non-zero end code and no data. */
export function refusalFrame(request: Request, dest: FinsDestination, sid: number, endCode: number): Uint8Array | null {
  if (endCode === 0) throw new RangeError('refusalFrame: end code 0x0000 means success; give the end code of the refusal.');
  return responseFrame(request, dest, sid, endCode);
}
