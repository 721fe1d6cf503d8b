/**
 * FINS on the wire for one evaluated request: the bytes the sender puts on the network and the
 * bytes that come back — a normal response with its data, a refusal carrying the outcome's end
 * code, or nothing when the packet was dropped or the refusal has no FINS answer
 * (docs/decisions/002). Pure bytes for lessons, labs and a future bridge; src/widgets/kit/wire-view.ts
 * labels them for the UI. The layouts live in fins.ts (`finsCommandFor`, `responseDataFor`).
 */
import { type FinsDestination, refusalFrame, requestFrame, responseDataFor, responseFrame } from './fins.ts';
import type { Outcome, Request } from '../model.ts';

/** The two directions of one FINS exchange. */
export interface WireBytes {
  /** The command frame (inside a FINS/TCP wrapper for FINS/TCP). */
  request: Uint8Array;
  /** The answer in the same transport; null when nothing comes back. */
  response: Uint8Array | null;
}

/**
 * The bytes of a FINS request and its answer, given the request path's outcome. Null when the
 * request puts no plain FINS frame on the network: another protocol (Secure Comm is encrypted),
 * a local port, or an operation FINS has no command for. `response` is null when the outcome
 * has no end code — the packet was dropped (IP filter, closed port, no route) or the refusal
 * happens without a FINS answer (PLC name, lot number). A normal response carries the data the
 * CPU Unit returned (`outcome.data`); ASSUMPTION: a refusal carries its end code and no data.
 * `sid` is the service ID (0–255).
 */
export function wireExchange(request: Request, outcome: Outcome, dest: FinsDestination, sid = 0): WireBytes | null {
  const sent = requestFrame(request, dest, sid);
  if (!sent) return null;
  if (outcome.endCode === undefined) return { request: sent, response: null };
  if (outcome.endCode !== 0) return { request: sent, response: refusalFrame(request, dest, sid, outcome.endCode) };
  return { request: sent, response: responseFrame(request, dest, sid, 0, responseDataFor(request.operation, outcome.data)) };
}
