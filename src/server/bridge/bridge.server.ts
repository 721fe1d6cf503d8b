/**
 * The bridge: a lab's rack on real sockets, so nmap, FINS client libraries and Wireshark can be
 * pointed at it (issue 12). FINS/UDP and FINS/TCP (with its node-address handshake) on one
 * port, EtherNet/IP List Identity on TCP and UDP on another. Every FINS command is decoded,
 * walked through the same `rack.send` as the course, and answered with the real response frame —
 * or not at all where the unit would drop it. A port the rack's settings set to Not use is not
 * opened, so a scanner finds it closed.
 *
 * Bounded: it listens on loopback unless told otherwise, caps the requests it serves per second,
 * counts and ignores malformed datagrams, holds at most FINS_TCP_CONNECTIONS FINS/TCP
 * connections and closes idle ones.
 */
import { createSocket, type RemoteInfo, type Socket as UdpSocket } from 'node:dgram';
import { createServer, type Server, type Socket } from 'node:net';
import type { Lab } from '../../../machines/grading/lab.ts';
import type { Operation, Outcome, Request, TraceStep } from '../../../machines/model.ts';
import type { Rack } from '../../../machines/request-path/rack.ts';
import { evaluate } from '../../../machines/request-path/request-path.ts';
import { FINS_MAX_FRAME_BYTES, FINS_TCP_COMMAND } from '../../../machines/wire/fins-codes.ts';
import {
  FINS_TCP_HEADER_BYTES,
  type FinsCommandFrame,
  nodeAddressResponse,
  parseFrame,
  unwrapTcp,
  wrapTcp,
} from '../../../machines/wire/fins.ts';
import { isFinsNode, type NetworkProtocol, PROTOCOL_PORTS } from '../../../machines/model.ts';
import { ENIP_COMMAND, ENIP_HEADER_BYTES, listIdentityReply, parseEnipHeader, unsupportedReply } from './enip-identity.server.ts';
import { answerFrame, decodeCommand } from './fins-requests.server.ts';
import { type AddressPlan, addressPlan, finsNodeOf, type Sender, senderOf } from './plant-addresses.server.ts';

/** The default ports, the unit's own: FINS (UDP and TCP) and EtherNet/IP (TCP and UDP). */
export const DEFAULT_PORTS = { fins: PROTOCOL_PORTS['fins-udp'].port, enip: PROTOCOL_PORTS.cip.port } as const;

/** The address the bridge listens on unless `--listen` says otherwise. */
export const LOOPBACK = '127.0.0.1';

/** A unit allows 16 FINS/TCP connections (facts file, W465). */
export const FINS_TCP_CONNECTIONS = 16;

/** ASSUMPTION: requests served per second before the bridge drops the rest (a lab, not a load test). */
export const DEFAULT_RATE_LIMIT = 200;

/** ASSUMPTION: a FINS/TCP or EtherNet/IP connection silent this long is closed. */
export const IDLE_MS = 60_000;

/** FINS/TCP error code "all connections are in use" (fins-codes.ts FINS_TCP_ERRORS). */
const ALL_CONNECTIONS_IN_USE = 0x20;

/** ICF bit 0: the sender wants no response. */
const ICF_NO_RESPONSE = 0x01;

/** The services the bridge opens. */
export type Service = 'fins-udp' | 'fins-tcp' | 'enip-tcp' | 'enip-udp';

/** One request the bridge saw and what it did with it, for `--trace`, tests and a live page. */
export interface Exchange {
  service: Service;
  /** The client's loopback address and port. */
  source: { address: string; port: number };
  /** The plant node that address stands for. */
  sender: Sender;
  /** The bytes that came in (a FINS frame without its FINS/TCP wrapper, or an ENIP packet). */
  request: Uint8Array;
  /** The bytes that went back (same framing), or null when nothing did. */
  response: Uint8Array | null;
  /** The FINS command frame, when the bytes were one. */
  frame?: FinsCommandFrame;
  /** The request the request path walked, and its outcome, when there was one. */
  walked?: { request: Request; outcome: Outcome };
  /** The end code answered without a walk (a command the simulator does not model, bad parameters). */
  immediateEndCode?: number;
  /** The network stop that dropped the packet or connection, when one did. */
  droppedBy?: TraceStep;
}

/** What the bridge counted since it started. */
export interface BridgeStats {
  /** Requests that reached the request path or were answered at once. */
  requests: number;
  /** Datagrams and frames that were not valid FINS or EtherNet/IP, ignored. */
  malformed: number;
  /** Requests dropped because the rate cap was reached. */
  overRate: number;
  /** FINS/TCP connections refused because all were in use. */
  refusedConnections: number;
}

/** How to start a bridge. */
export interface BridgeOptions {
  /** The lab (its network gives the plant nodes) and its running rack. */
  lab: Pick<Lab, 'network'>;
  rack: Rack;
  /** Address to listen on; LOOPBACK by default. */
  host?: string;
  /** FINS port (UDP and TCP); 0 lets each pick a free port. */
  finsPort?: number;
  /** EtherNet/IP port (TCP and UDP); 0 lets each pick a free port. */
  enipPort?: number;
  /** Requests served per second; Infinity for none (the benchmark). */
  rateLimit?: number;
  /** Called for every exchange, after the answer is sent. */
  onExchange?: (exchange: Exchange) => void;
}

/** A running bridge. */
export interface Bridge {
  readonly host: string;
  /** The port each service listens on; null when the rack's settings keep it closed. */
  readonly ports: Readonly<Record<Service, number | null>>;
  readonly plan: AddressPlan;
  readonly stats: Readonly<BridgeStats>;
  /** Stops listening, ends every connection and stops nothing else (the caller owns the rack). */
  close(): Promise<void>;
}

/** Allows `rate` requests a second, in bursts of up to `rate`. */
function rateCap(rate: number): () => boolean {
  if (!Number.isFinite(rate)) return () => true;
  let tokens = rate;
  let last = performance.now();
  return () => {
    const now = performance.now();
    tokens = Math.min(rate, tokens + ((now - last) / 1000) * rate);
    last = now;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
}

function origin(sender: Sender, finsNode: number | undefined): Request['from'] {
  return finsNode === undefined ? { via: 'network', name: sender.name, ip: sender.ip } : { via: 'network', name: sender.name, ip: sender.ip, finsNode };
}

/** `head` then `tail` in one array: a stream's bytes so far, while a frame is still arriving. */
function concatBytes(head: Uint8Array, tail: Uint8Array): Uint8Array<ArrayBuffer> {
  const joined = new Uint8Array(head.length + tail.length);
  joined.set(head);
  joined.set(tail, head.length);
  return joined;
}

/**
 * The network stop that would drop anything this sender sends by `protocol` (the IP filter, a
 * closed port, no route), found by walking a harmless read: EtherNet/IP List Identity and a new
 * FINS/TCP connection never reach the CPU, but the network layer judges them all the same.
 * ASSUMPTION: the unit answers List Identity itself, so only the network layer applies to it.
 */
export function networkDrop(rack: Rack, sender: Sender, protocol: NetworkProtocol): TraceStep | undefined {
  const outcome = evaluate(rack.view(), { from: origin(sender, undefined), protocol, operation: { kind: 'controller.read' } });
  const step = outcome.blockedBy;
  return step?.layer === 'network' && outcome.endCode === undefined ? step : undefined;
}

function listenUdp(socket: UdpSocket, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, host, () => {
      socket.off('error', reject);
      resolve(socket.address().port);
    });
  });
}

function listenTcp(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host, exclusive: true }, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/** Starts the bridge for a running rack. Rejects (naming the port) when a port is taken. */
export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const { rack } = options;
  const host = options.host ?? LOOPBACK;
  const eip = rack.view().unit?.eip ?? null;
  const unit = rack.config.unit ?? null;
  const unitIp = eip?.ip ?? '192.168.250.1';
  const unitNode = eip?.finsNode ?? 1;
  const plan = addressPlan(options.lab.network, unitIp);
  const stats: BridgeStats = { requests: 0, malformed: 0, overRate: 0, refusedConnections: 0 };
  const allow = rateCap(options.rateLimit ?? DEFAULT_RATE_LIMIT);
  const report = options.onExchange ?? (() => {});
  // No communication unit: nothing on the rack speaks Ethernet. A unit without security functions
  // opens every port (it has no switches, §1-4).
  const open = (port: 'finsUdp' | 'finsTcp' | 'cipMessageServer'): boolean => unit !== null && (eip ? eip.ports[port] : true);

  /** Counts what arrived: a malformed one, or one over the rate cap, is dropped unanswered (false). */
  function admit(wellFormed: boolean): boolean {
    if (!wellFormed) {
      stats.malformed++;
      return false;
    }
    if (!allow()) {
      stats.overRate++;
      return false;
    }
    stats.requests++;
    return true;
  }

  /** Walks one FINS command from `sender` and returns the exchange (the answer not yet sent). */
  function serveFins(bytes: Uint8Array, service: 'fins-udp' | 'fins-tcp', source: Exchange['source'], tcpNode?: number): Exchange | null {
    const sender = senderOf(plan, source.address);
    const parsed = parseFrame(bytes);
    const frame = parsed.ok && parsed.frame.kind === 'command' ? parsed.frame : undefined;
    if (!admit(frame !== undefined) || !frame) return null;
    const exchange: Exchange = { service, source, sender, request: bytes, response: null, frame };
    // The frame's source node is what the unit sees (a rogue laptop may claim another's node);
    // a client that leaves it 0 is the node FINS/TCP assigned it, or the sender's own.
    const finsNode = isFinsNode(frame.sa1) ? frame.sa1 : (tcpNode ?? finsNodeOf(sender));
    const decoded = decodeCommand(frame);
    let operation: Operation | null = null;
    let outcome: Pick<Outcome, 'endCode' | 'data'>;
    if (decoded.ok) {
      operation = decoded.operation;
      const request: Request = { from: origin(sender, finsNode), protocol: service, operation };
      let walked: Outcome;
      try {
        walked = rack.send(request);
      } catch {
        // The request path refuses to evaluate a request it finds malformed: count it, answer nothing.
        stats.requests--;
        stats.malformed++;
        return null;
      }
      exchange.walked = { request, outcome: walked };
      outcome = walked;
    } else {
      // Even a command the unit cannot serve must first get past the network layer.
      exchange.droppedBy = networkDrop(rack, sender, service);
      if (exchange.droppedBy === undefined) exchange.immediateEndCode = decoded.endCode;
      outcome = exchange.droppedBy ? {} : { endCode: decoded.endCode };
    }
    const wantsAnswer = (frame.icf & ICF_NO_RESPONSE) === 0;
    try {
      exchange.response = wantsAnswer ? answerFrame(frame, operation, outcome) : null;
    } catch {
      // Data no FINS frame can carry: the sender gets nothing, as from a unit that cannot answer.
      exchange.response = null;
    }
    return exchange;
  }

  const sockets: { close(): Promise<void> }[] = [];
  const ports: Record<Service, number | null> = { 'fins-udp': null, 'fins-tcp': null, 'enip-tcp': null, 'enip-udp': null };
  const tcpClients = new Set<Socket>();

  function closeUdp(socket: UdpSocket): { close(): Promise<void> } {
    return { close: () => new Promise((resolve) => socket.close(() => resolve())) };
  }
  function closeTcp(server: Server): { close(): Promise<void> } {
    return { close: () => new Promise((resolve) => server.close(() => resolve())) };
  }

  async function udp(service: 'fins-udp' | 'enip-udp', port: number, handle: (bytes: Uint8Array, from: RemoteInfo) => Exchange | null): Promise<void> {
    const socket = createSocket('udp4');
    socket.on('message', (message, from) => {
      const exchange = handle(new Uint8Array(message), from);
      if (!exchange) return;
      if (exchange.response) socket.send(exchange.response, from.port, from.address);
      report(exchange);
    });
    // A datagram the kernel reports as undeliverable must not stop the bridge.
    socket.on('error', () => {});
    ports[service] = await listenUdp(socket, port, host);
    sockets.push(closeUdp(socket));
  }

  async function tcp(service: 'fins-tcp' | 'enip-tcp', port: number, protocol: NetworkProtocol, onData: (client: Socket, sender: Sender) => (chunk: Uint8Array) => void): Promise<void> {
    const server = createServer({ noDelay: true }, (client) => {
      const source = { address: client.remoteAddress ?? '', port: client.remotePort ?? 0 };
      const sender = senderOf(plan, source.address);
      // The kernel has completed the handshake before Node sees the connection, so a filtered
      // sender is reset at once: the closest loopback comes to a dropped SYN.
      const droppedBy = networkDrop(rack, sender, protocol);
      if (droppedBy) {
        report({ service, source, sender, request: new Uint8Array(0), response: null, droppedBy });
        client.resetAndDestroy();
        return;
      }
      tcpClients.add(client);
      client.setTimeout(IDLE_MS, () => client.destroy());
      client.on('close', () => tcpClients.delete(client));
      client.on('error', () => client.destroy());
      client.on('data', onData(client, sender));
    });
    // The kernel-level ceiling; FINS/TCP's own limit (16) is answered in its handshake below.
    server.maxConnections = FINS_TCP_CONNECTIONS * 4;
    ports[service] = await listenTcp(server, port, host);
    sockets.push(closeTcp(server));
  }

  /** FINS/TCP: the node-address handshake first, then FINS frames, each in its wrapper. */
  const finsTcpSession = (client: Socket): ((chunk: Uint8Array) => void) => {
    let buffer = new Uint8Array(0);
    let clientNode: number | null = null;
    const source = { address: client.remoteAddress ?? '', port: client.remotePort ?? 0 };
    const fail = (): void => {
      stats.malformed++;
      client.destroy();
    };
    return (chunk) => {
      buffer = concatBytes(buffer, chunk);
      while (buffer.length >= FINS_TCP_HEADER_BYTES) {
        const taken = unwrapTcp(buffer);
        if (!taken.ok) {
          // Only an incomplete frame is worth waiting for; the length field bounds how long.
          const waiting = buffer.length < FINS_TCP_HEADER_BYTES + FINS_MAX_FRAME_BYTES && /only \d+ do/.test(taken.error);
          if (!waiting) fail();
          return;
        }
        buffer = buffer.slice(taken.frame.size);
        const { command, payload } = taken.frame;
        if (clientNode === null) {
          if (command !== FINS_TCP_COMMAND.nodeAddressRequest || payload.length !== 4) return fail();
          if (tcpClients.size > FINS_TCP_CONNECTIONS) {
            stats.refusedConnections++;
            client.end(wrapTcp(FINS_TCP_COMMAND.nodeAddressResponse, new Uint8Array(0), ALL_CONNECTIONS_IN_USE));
            return;
          }
          const asked = payload[3] ?? 0;
          // ASSUMPTION: a client asking for node 0 is given its own node (the last byte of its address).
          clientNode = isFinsNode(asked) ? asked : (finsNodeOf(senderOf(plan, source.address)) ?? 254);
          client.write(nodeAddressResponse(clientNode, unitNode));
          continue;
        }
        if (command !== FINS_TCP_COMMAND.frameSend) return fail();
        const exchange = serveFins(payload, 'fins-tcp', source, clientNode);
        if (!exchange) continue;
        if (exchange.response) client.write(wrapTcp(FINS_TCP_COMMAND.frameSend, exchange.response));
        report(exchange);
      }
    };
  };

  /** EtherNet/IP: List Identity answered; any other command gets "unsupported". */
  function serveEnip(bytes: Uint8Array, service: 'enip-tcp' | 'enip-udp', source: Exchange['source']): Exchange | null {
    const sender = senderOf(plan, source.address);
    const header = parseEnipHeader(bytes);
    if (!admit(header !== null) || !header) return null;
    const exchange: Exchange = { service, source, sender, request: bytes, response: null };
    exchange.droppedBy = networkDrop(rack, sender, 'cip');
    if (exchange.droppedBy || !unit) return exchange;
    exchange.response =
      header.command === ENIP_COMMAND.listIdentity
        ? listIdentityReply(header, { model: unit.model, ip: unitIp, port: DEFAULT_PORTS.enip })
        : unsupportedReply(header);
    return exchange;
  }

  try {
    const finsPort = options.finsPort ?? DEFAULT_PORTS.fins;
    const enipPort = options.enipPort ?? DEFAULT_PORTS.enip;
    if (open('finsUdp')) await udp('fins-udp', finsPort, (bytes, from) => serveFins(bytes, 'fins-udp', { address: from.address, port: from.port }));
    if (open('finsTcp')) await tcp('fins-tcp', finsPort, 'fins-tcp', (client) => finsTcpSession(client));
    if (open('cipMessageServer')) {
      await tcp('enip-tcp', enipPort, 'cip', (client) => {
        const source = { address: client.remoteAddress ?? '', port: client.remotePort ?? 0 };
        let buffer = new Uint8Array(0);
        return (chunk) => {
          buffer = concatBytes(buffer, chunk);
          while (buffer.length >= ENIP_HEADER_BYTES) {
            const header = parseEnipHeader(buffer);
            if (!header) {
              if (buffer.length > ENIP_HEADER_BYTES + 0xffff) client.destroy();
              return;
            }
            const size = ENIP_HEADER_BYTES + header.length;
            const exchange = serveEnip(buffer.slice(0, size), 'enip-tcp', source);
            buffer = buffer.slice(size);
            if (!exchange) continue;
            if (exchange.response) client.write(exchange.response);
            report(exchange);
          }
        };
      });
      await udp('enip-udp', enipPort, (bytes, from) => serveEnip(bytes, 'enip-udp', { address: from.address, port: from.port }));
    }
  } catch (error) {
    await Promise.all(sockets.map((s) => s.close()));
    const code = (error as { code?: string }).code;
    if (code === 'EADDRINUSE') throw new Error(`A port the bridge needs is taken (${(error as Error).message}); stop the other program or choose another port with --port.`);
    if (code === 'EADDRNOTAVAIL') throw new Error(`${host} is not an address of this machine; give one of its own addresses to --listen.`);
    throw error;
  }

  return {
    host,
    ports,
    plan,
    stats,
    async close() {
      for (const client of tcpClients) client.destroy();
      await Promise.all(sockets.map((s) => s.close()));
    },
  };
}
