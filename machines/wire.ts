/**
 * FINS on the wire for one evaluated request: the bytes the sender puts on the network and the
 * bytes that come back — a normal response, a refusal carrying the outcome's end code, or
 * nothing when the packet was dropped or the refusal has no FINS answer (docs/decisions/002).
 * Pure bytes for lessons, labs and a future bridge; src/lib/sim/wire.ts labels them for the UI.
 */
import { encodeTimestamp } from './bcd.ts';
import type { ClockReadResult, MemoryReadResult } from './cpu-effects.ts';
import { type FinsDestination, refusalFrame, requestFrame, responseFrame } from './fins.ts';
import type { Outcome, Request } from './model.ts';

/** The two directions of one FINS exchange. */
export interface WireBytes {
  /** The command frame (inside a FINS/TCP wrapper for FINS/TCP). */
  request: Uint8Array;
  /** The answer in the same transport; null when nothing comes back. */
  response: Uint8Array | null;
}

function wordBytes(words: readonly number[]): Uint8Array {
  const out = new Uint8Array(words.length * 2);
  words.forEach((w, i) => {
    out[i * 2] = (w >> 8) & 0xff;
    out[i * 2 + 1] = w & 0xff;
  });
  return out;
}

/**
 * The data of a normal response. MEMORY AREA READ returns the words read; CLOCK READ returns
 * year, month, day, hour, minute, second and day of week, one BCD byte each (facts file).
 * ASSUMPTION: other commands are shown without their response data (the simulator has no byte
 * layout for controller data, the program or the PLC Setup).
 */
function responseData(request: Request, outcome: Outcome): Uint8Array | undefined {
  const kind = request.operation.kind;
  if (kind === 'memory.read') {
    const data = outcome.data as MemoryReadResult | undefined;
    return data && 'words' in data ? wordBytes(data.words) : undefined;
  }
  if (kind === 'clock.read') {
    const data = outcome.data as ClockReadResult | undefined;
    if (!data) return undefined;
    const [minSec, dayHour, yearMonth, weekday] = encodeTimestamp(data.clock);
    return Uint8Array.from([yearMonth >> 8, yearMonth & 0xff, dayHour >> 8, dayHour & 0xff, minSec >> 8, minSec & 0xff, weekday & 0xff]);
  }
  return undefined;
}

/**
 * The bytes of a FINS request and its answer, given the request path's outcome. Null when the
 * request puts no plain FINS frame on the network: another protocol (Secure Comm is encrypted),
 * a local port, or an operation FINS has no command for. `response` is null when the outcome
 * has no end code — the packet was dropped (IP filter, closed port, no route) or the refusal
 * happens without a FINS answer (PLC name, lot number). `sid` is the service ID (0–255).
 */
export function wireExchange(request: Request, outcome: Outcome, dest: FinsDestination, sid = 0): WireBytes | null {
  const sent = requestFrame(request, dest, sid);
  if (!sent) return null;
  if (outcome.endCode === undefined) return { request: sent, response: null };
  if (outcome.endCode !== 0) return { request: sent, response: refusalFrame(request, dest, sid, outcome.endCode) };
  return { request: sent, response: responseFrame(request, dest, sid, 0, responseData(request, outcome)) };
}
