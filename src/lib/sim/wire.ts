/**
 * "On the wire": the bytes a widget's request really puts on the network and what comes back,
 * every byte labelled (machines/fins.ts requestFrame / responseFrame / refusalFrame /
 * describeFrame). A FINS request gets its command frame; the answer is a normal response, a
 * refusal carrying the end code the request path chose, or nothing at all when the packet was
 * dropped. Other protocols get a plain-words note instead of bytes.
 */
import { PROTOCOL_LABELS } from '../../../machines/eip21s.machine.ts';
import {
  type FinsDestination,
  type FrameField,
  describeFrame,
  refusalFrame,
  requestFrame,
  responseFrame,
  toHex,
} from '../../../machines/fins.ts';
import type { Outcome, Request } from '../../../machines/model.ts';
import { UNIT_ADDRESS } from './nodes.ts';

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
export interface WireExchange {
  /** 'fins' when there are bytes to show; 'other' for protocols and ports without a FINS frame. */
  kind: 'fins' | 'other';
  request: WireFrame | null;
  /** The answer; null when nothing comes back (dropped, or not yet sent). */
  response: WireFrame | null;
  /** Plain words about the exchange: why there is no answer, or what the frames show. */
  note: string;
}

function frame(title: string, bytes: Uint8Array): WireFrame {
  return { title, hex: toHex(bytes), length: bytes.length, fields: describeFrame(bytes) };
}

/**
 * ASSUMPTION: only MEMORY AREA READ returns data the panel spells out (the words read); other
 * allowed responses are shown with their end code and no data, which the note says.
 */
function responseData(request: Request, outcome: Outcome): Uint8Array | undefined {
  if (request.operation.kind !== 'memory.read') return undefined;
  const data = outcome.data as { words?: number[] } | undefined;
  if (!data?.words) return undefined;
  const out = new Uint8Array(data.words.length * 2);
  data.words.forEach((w, i) => {
    out[i * 2] = (w >> 8) & 0xff;
    out[i * 2 + 1] = w & 0xff;
  });
  return out;
}

/**
 * The frames of a request and (when sent) its outcome. `outcome` null = not sent yet: only the
 * request frame is shown. `sid` is the service ID the sender chose (any 0–255).
 */
export function wireExchange(
  request: Request,
  outcome: Outcome | null,
  destination: FinsDestination = SCENARIO_DESTINATION,
  sid = 1,
): WireExchange {
  if (request.from.via !== 'network') {
    return {
      kind: 'other',
      request: null,
      response: null,
      note: `This request travels on the CPU Unit's ${request.from.via === 'usb' ? 'USB' : request.from.via} cable, not on the Ethernet network: nothing on the network sees it.`,
    };
  }
  const bytes = requestFrame(request, destination, sid);
  const protocol = request.protocol ? PROTOCOL_LABELS[request.protocol] : 'this protocol';
  if (!bytes) {
    const secure =
      request.protocol === 'secure-comm'
        ? 'Secure Comm encrypts the data and adds a hash (§2-1-1): a listener sees only ciphertext, and a changed byte is detected. The format is not public, so no bytes are shown.'
        : `${protocol} does not carry a FINS frame, so there are no FINS bytes to show for it.`;
    return { kind: 'other', request: null, response: null, note: secure };
  }
  const title = `Request frame (${protocol}, ${bytes.length} bytes)`;
  const sent = frame(title, bytes);
  if (!outcome) {
    return { kind: 'fins', request: sent, response: null, note: 'Plain text: anyone on the path can read every byte, and nothing shows if one is changed.' };
  }
  if (outcome.endCode === undefined) {
    return {
      kind: 'fins',
      request: sent,
      response: null,
      note: 'No response: the packet was dropped before it reached the CPU Unit, so the sender only sees a timeout.',
    };
  }
  if (outcome.endCode !== 0) {
    const refusal = refusalFrame(request, destination, sid, outcome.endCode);
    return {
      kind: 'fins',
      request: sent,
      response: refusal ? frame(`Refusal (${refusal.length} bytes)`, refusal) : null,
      note: 'The CPU Unit answered with a refusal: the same command code, then an end code saying why.',
    };
  }
  const data = responseData(request, outcome);
  const answer = responseFrame(request, destination, sid, 0, data);
  return {
    kind: 'fins',
    request: sent,
    response: answer ? frame(`Response (${answer.length} bytes)`, answer) : null,
    note:
      data === undefined
        ? 'Normal completion. Any data the command returns is left out of this panel.'
        : 'Normal completion, followed by the words read — in plain text, like the request.',
  };
}
