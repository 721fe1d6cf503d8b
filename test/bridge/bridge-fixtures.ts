/**
 * Starting a lab's bridge for a test, and talking to it: omron-fins (a real FINS client from npm)
 * for what a learner runs, node:dgram bound to a plant node's loopback alias where omron-fins
 * cannot bind (it has no option for a local address).
 */
import { createSocket } from 'node:dgram';
import { fileURLToPath } from 'node:url';
import { FinsClient, type FinsClientInstance, type FinsClientOptions, type FinsResponse } from 'omron-fins';
import type { Answer } from '../../machines/grading/lab.ts';
import { buildCommand, type CommandFields, parseFrame } from '../../machines/wire/fins.ts';
import { type Bridge, type BridgeOptions, type Exchange, startBridge } from '../../src/server/bridge/bridge.server.ts';
import { type LabRack, labRack } from '../../src/server/bridge/lab-rack.server.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Generous: the machine may be busy; nothing here waits this long unless something is wrong. */
export const REPLY_MS = 5_000;

/** A running bridge for a test: the lab's rack, every exchange seen, and how to stop it. */
export interface TestBridge extends LabRack {
  bridge: Bridge;
  exchanges: Exchange[];
  /** Resolves with the next exchange the bridge reports. */
  nextExchange(): Promise<Exchange>;
  close(): Promise<void>;
}

/** Starts lab `labId` (with `answer`) on free loopback ports. */
export async function bridgeFor(labId: string, answer: Answer = {}, options: Partial<BridgeOptions> = {}): Promise<TestBridge> {
  const lab = await labRack(labId, { root: ROOT, answer });
  const exchanges: Exchange[] = [];
  const waiting: ((e: Exchange) => void)[] = [];
  const bridge = await startBridge({
    lab: lab.lab,
    rack: lab.rack,
    finsPort: 0,
    enipPort: 0,
    ...options,
    onExchange: (e) => {
      exchanges.push(e);
      options.onExchange?.(e);
      waiting.shift()?.(e);
    },
  });
  return {
    ...lab,
    bridge,
    exchanges,
    nextExchange: () => new Promise((resolve) => waiting.push(resolve)),
    async close() {
      await bridge.close();
      lab.rack.stop();
    },
  };
}

/** An omron-fins client connected to the bridge's FINS port over `protocol`. */
export async function finsClient(test: TestBridge, protocol: 'udp' | 'tcp', options: FinsClientOptions = {}): Promise<FinsClientInstance> {
  const port = test.bridge.ports[protocol === 'udp' ? 'fins-udp' : 'fins-tcp'];
  if (port === null) throw new Error(`the bridge has no FINS/${protocol.toUpperCase()} port open`);
  const client = FinsClient(port, test.bridge.host, { protocol, timeout: REPLY_MS, ...options });
  await new Promise<void>((resolve, reject) => {
    client.once('open', () => resolve());
    client.once('error', reject);
    client.once('close', () => reject(new Error('the connection closed before it opened')));
  });
  return client;
}

/** Runs one omron-fins command and resolves with its reply (or rejects with the client's error, e.g. "timeout"). */
export function ask(send: (callback: (error: Error | null, sequence: { response?: FinsResponse }) => void) => unknown): Promise<FinsResponse> {
  return new Promise((resolve, reject) => {
    send((error, sequence) => {
      if (error) reject(error);
      else if (sequence.response) resolve(sequence.response);
      else reject(new Error('omron-fins gave neither a reply nor an error'));
    });
  });
}

/**
 * Sends one FINS command from a loopback alias (node:dgram bound to it) and resolves with the
 * bridge's exchange for it — whether or not an answer came back — plus the answer's end code.
 */
export async function sendFrom(test: TestBridge, alias: string, fields: Omit<CommandFields, 'da1' | 'sid'>): Promise<{ exchange: Exchange; endCode: number | null }> {
  const port = test.bridge.ports['fins-udp'];
  if (port === null) throw new Error('the bridge has no FINS/UDP port open');
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, alias, resolve));
  const reply = new Promise<Uint8Array>((resolve) => socket.once('message', (m) => resolve(new Uint8Array(m))));
  const seen = test.nextExchange();
  socket.send(buildCommand({ da1: 1, sid: 7, ...fields }), port, test.bridge.host);
  const exchange = await seen;
  let endCode: number | null = null;
  if (exchange.response) {
    const parsed = parseFrame(await reply);
    endCode = parsed.ok && parsed.frame.kind === 'response' ? parsed.frame.endCode : null;
  }
  socket.close();
  return { exchange, endCode };
}
