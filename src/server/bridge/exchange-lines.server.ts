/**
 * One exchange of the bridge in words, for `npm run plc -- serve --trace` and the live feed: who
 * asked (the plant node behind the loopback address), which FINS command, and the request's
 * trace in the same words the course's trace panel shows (src/widgets/kit/trace.ts).
 */
import { commandInfo, decodeEndCode } from '../../../machines/wire/fins-codes.ts';
import { outcomeSummary, type TraceRow, traceRows } from '../../widgets/kit/trace.ts';
import type { Exchange, Service } from './bridge.server.ts';
import { ENIP_COMMAND } from './enip-identity.server.ts';
import type { AddressPlan } from './plant-addresses.server.ts';

/** How each service is named in the terminal. */
export const SERVICE_LABELS: Readonly<Record<Service, string>> = {
  'fins-udp': 'FINS/UDP',
  'fins-tcp': 'FINS/TCP',
  'enip-tcp': 'EtherNet/IP (TCP)',
  'enip-udp': 'EtherNet/IP (UDP)',
};

function hex4(code: number): string {
  return `0x${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** An EtherNet/IP List Identity request (its command's low byte comes first on the wire). */
function isListIdentity(exchange: Exchange): boolean {
  return exchange.request[0] === ENIP_COMMAND.listIdentity && exchange.request[1] === 0;
}

/** What was asked: the FINS command's name, or what an EtherNet/IP packet or connection was. */
function asked(exchange: Exchange): string {
  const frame = exchange.frame;
  if (frame) return commandInfo(frame.mrc, frame.src)?.name ?? `command ${hex4((frame.mrc << 8) | frame.src)}`;
  if (exchange.request.length === 0) return 'a new connection';
  return isListIdentity(exchange) ? 'List Identity' : 'an EtherNet/IP command the simulator does not serve';
}

/** The verdict in one sentence: the course's summary when the request path was walked. */
function verdict(exchange: Exchange): string {
  if (exchange.walked) return outcomeSummary(exchange.walked.outcome, exchange.walked.request);
  if (exchange.droppedBy) return `Dropped at the network layer (${exchange.droppedBy.section}) — ${exchange.droppedBy.reason}`;
  if (exchange.immediateEndCode !== undefined) {
    return `Answered at once with end code ${hex4(exchange.immediateEndCode)} ${decodeEndCode(exchange.immediateEndCode).name}.`;
  }
  if (!exchange.response) return 'No answer.';
  return isListIdentity(exchange) ? 'Answered: the unit describes itself.' : 'Answered: the unit does not serve this command.';
}

/** One exchange in words, for the terminal and the live feed: no bytes, no identifiers to read. */
export interface ExchangeView {
  /** "FINS/UDP", "EtherNet/IP (TCP)". */
  service: string;
  /** The loopback address, and the plant node it stands for. */
  from: { address: string; name: string; ip: string };
  /** "MEMORY AREA WRITE", "List Identity", "a new connection". */
  asked: string;
  /** One sentence: the course's outcome summary, or what happened without a walk. */
  summary: string;
  /** The trace, one row per step, as the course's trace panel shows it (empty without a walk). */
  steps: TraceRow[];
  /** Whether anything went back to the sender. */
  answered: boolean;
}

/** The words of one exchange (the terminal's lines and the live feed's events are made from it). */
export function exchangeView(exchange: Exchange): ExchangeView {
  return {
    service: SERVICE_LABELS[exchange.service],
    from: { address: exchange.source.address, name: exchange.sender.name, ip: exchange.sender.ip },
    asked: asked(exchange),
    summary: verdict(exchange),
    steps: exchange.walked ? traceRows(exchange.walked.outcome) : [],
    answered: exchange.response !== null,
  };
}

/** The lines `--trace` prints for one exchange: a heading, the verdict, then one line per step. */
export function exchangeLines(exchange: Exchange): string[] {
  const view = exchangeView(exchange);
  const lines = [`${view.service} from ${view.from.address} = ${view.from.name} (${view.from.ip}): ${view.asked}`, `  ${view.summary}`];
  for (const row of view.steps) {
    const code = row.endCode ? ` [${row.endCode}]` : '';
    lines.push(`    ${row.step}. ${row.layerLabel} · ${row.title}: ${row.verdictLabel} — ${row.reason} (${row.section})${code}`);
  }
  return lines;
}

/** The lines printed at start: where each plant node is on loopback. */
export function planLines(plan: AddressPlan): string[] {
  const width = Math.max(...plan.aliases.map((a) => a.loopback.length), 9);
  return [
    'Be a plant node by binding your client to its loopback address:',
    ...plan.aliases.map((a) => `  ${a.loopback.padEnd(width)}  = ${a.ip} ${a.name}${a.finsNode === undefined ? '' : ` (FINS node ${a.finsNode})`}`),
    `  ${'any other'.padEnd(width)}  = ${plan.stranger.ip} ${plan.stranger.name} (127.0.0.1 when you bind nothing)`,
  ];
}
