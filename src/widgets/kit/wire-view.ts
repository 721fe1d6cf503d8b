/**
 * "On the wire" for the panels: the bytes come from machines/wire/wire.ts `wireExchange` (the one
 * place that decides what a request puts on the network and what comes back); this module only
 * labels every byte (machines/wire/fins.ts describeFrame) and says in words what the exchange shows.
 * Other protocols and the local ports get a plain-words note instead of bytes.
 */
import { PROTOCOL_LABELS } from '../../../machines/eip/eip21s.machine.ts';
import { describeFrame, type FinsDestination, FinsEncodeError, type FrameField, requestFrame, toHex } from '../../../machines/wire/fins.ts';
import type { Outcome, Request } from '../../../machines/model.ts';
import { type WireBytes, wireExchange } from '../../../machines/wire/wire.ts';
import { UNIT_ADDRESS } from './nodes.ts';
import { refusalAnswer } from './trace.ts';

/** The field name describeFrame gives a response's end code. */
const END_CODE_FIELD = 'end code (MRES SRES)';

/** The scenario CPU Unit as a FINS destination: node of the EIP21S, unit 00 (the CPU Unit). */
export const SCENARIO_DESTINATION: FinsDestination = { node: UNIT_ADDRESS.finsNode, unit: 0x00 };

/** One frame, with every byte labelled. */
export interface WireFrame {
  /** "Request frame (FINS/UDP)". */
  title: string;
  /** All the bytes as spaced hex. */
  hex: string;
  /** Total length in bytes. */
  length: number;
  fields: FrameField[];
}

/** What the panel shows for a request and its outcome. */
export interface LabelledExchange {
  /** 'fins' when there are bytes to show; 'other' for protocols and ports without a FINS frame. */
  kind: 'fins' | 'other';
  request: WireFrame | null;
  /** The answer; null when nothing comes back (dropped, refused without one, or not yet sent). */
  response: WireFrame | null;
  /** Plain words about the exchange: why there is no answer, or what the frames show. */
  note: string;
}

function frame(title: string, bytes: Uint8Array): WireFrame {
  return { title, hex: toHex(bytes), length: bytes.length, fields: describeFrame(bytes) };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function otherNote(request: Request): string {
  if (request.from.via !== 'network') {
    const port = request.from.via === 'usb' ? 'USB' : request.from.via;
    return `This request travels on the CPU Unit's ${port} cable, not on the Ethernet network: nothing on the network sees it.`;
  }
  if (request.protocol === 'secure-comm') {
    return 'Secure Comm encrypts the data and adds a hash (§2-1-1): a listener sees only ciphertext, and a changed byte is detected. The format is not public, so no bytes are shown.';
  }
  const protocol = request.protocol ? PROTOCOL_LABELS[request.protocol] : 'this protocol';
  return `${protocol} does not carry a FINS frame, so there are no FINS bytes to show for it.`;
}

/** Why the encoder refused, in a learner's words (FinsEncodeError carries them). */
function plainReason(error: unknown): string {
  if (error instanceof FinsEncodeError) return error.reason;
  return error instanceof Error ? error.message : 'the request holds data the frame format cannot hold.';
}

/** Why no answer came back, in words: a dropped packet, or a refusal that sends no FINS answer. */
function silenceNote(request: Request, outcome: Outcome): string {
  const answer = refusalAnswer(outcome, request) ?? 'no response';
  return answer.startsWith('no response') ? `${capitalise(answer)}.` : `No FINS response: ${answer}.`;
}

/**
 * The labelled frames of a request and (when sent) its outcome. `outcome` null = not sent yet:
 * only the request frame is shown. `sid` is the service ID the sender chose (any 0–255).
 */
export function labelledExchange(
  request: Request,
  outcome: Outcome | null,
  destination: FinsDestination = SCENARIO_DESTINATION,
  sid = 1,
): LabelledExchange {
  let bytes: WireBytes | null = null;
  if (request.from.via === 'network') {
    try {
      if (outcome) bytes = wireExchange(request, outcome, destination, sid);
      else {
        const sent = requestFrame(request, destination, sid);
        bytes = sent && { request: sent, response: null };
      }
    } catch (error) {
      // Data no FINS frame can carry (a count beyond 16 bits, a broadcast sender…): say so in words.
      return { kind: 'other', request: null, response: null, note: `No FINS frame can carry this request, so there are no bytes to show: ${plainReason(error)}` };
    }
  }
  if (!bytes) return { kind: 'other', request: null, response: null, note: otherNote(request) };

  const protocol = request.protocol ? PROTOCOL_LABELS[request.protocol] : 'FINS';
  const sent = frame(`Request frame (${protocol}, ${bytes.request.length} bytes)`, bytes.request);
  if (!outcome) {
    return { kind: 'fins', request: sent, response: null, note: 'Plain text: anyone on the path can read every byte, and nothing shows if one is changed.' };
  }
  if (!bytes.response) return { kind: 'fins', request: sent, response: null, note: silenceNote(request, outcome) };
  if (!outcome.allowed) {
    return {
      kind: 'fins',
      request: sent,
      response: frame(`Refusal (${bytes.response.length} bytes)`, bytes.response),
      note: 'The CPU Unit answered with a refusal: the same command code, then an end code saying why.',
    };
  }
  const response = frame(`Response (${bytes.response.length} bytes)`, bytes.response);
  const endCode = response.fields.findIndex((f) => f.field === END_CODE_FIELD);
  const hasData = endCode >= 0 && endCode < response.fields.length - 1;
  return {
    kind: 'fins',
    request: sent,
    response,
    note: hasData
      ? 'Normal completion, followed by the data the command returns — in plain text, like the request.'
      : 'Normal completion: this command returns no data, only the end code.',
  };
}
