/**
 * Bridge benchmark: FINS/UDP requests per second through `npm run plc`'s bridge on loopback,
 * and the latency it adds over `evaluate` alone. The rack is lab 06's (CJ2M, CJ1W-EIP21S), the
 * request a MEMORY AREA READ of ten D words from a client on 127.0.0.1, answered with its data.
 * One client sends one request at a time (latency), then keeps WINDOW requests in flight
 * (throughput). The rate cap is off; the CLI's default caps a learner at 200 a second.
 */
import { createSocket } from 'node:dgram';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { Request } from '../machines/model.ts';
import { evaluate } from '../machines/request-path/request-path.ts';
import { buildCommand } from '../machines/wire/fins.ts';
import { startBridge } from '../src/server/bridge/bridge.server.ts';
import { labRack } from '../src/server/bridge/lab-rack.server.ts';
import { senderOf } from '../src/server/bridge/plant-addresses.server.ts';
import type { BenchSection, SectionResult } from './section.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const LAB = '06-fins-write-protection';
const SEQUENTIAL = 3_000;
const PIPELINED = 20_000;
const WINDOW = 32;
const EVALUATIONS = 50_000;

/** MEMORY AREA READ, D100, ten words; the SID is set per request. */
const READ = { da1: 1, sa1: 0, mrc: 0x01, src: 0x01, params: Uint8Array.from([0x82, 0x00, 0x64, 0x00, 0x00, 0x0a]) };

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const us = (ms: number): string => `${(ms * 1000).toFixed(1)} µs`;
const perSecond = (n: number): string => Math.round(n).toLocaleString('en');

const section: BenchSection = {
  title: 'Bridge (FINS/UDP on loopback)',
  async run(): Promise<SectionResult> {
    const { lab, rack } = await labRack(LAB, { root: ROOT });
    const bridge = await startBridge({ lab, rack, finsPort: 0, enipPort: 0, rateLimit: Number.POSITIVE_INFINITY });
    const port = bridge.ports['fins-udp'] ?? 0;
    const client = createSocket('udp4');
    await new Promise<void>((resolve) => client.bind(0, '127.0.0.1', resolve));
    const frames = Array.from({ length: 256 }, (_, sid) => buildCommand({ ...READ, sid }));
    let onReply: (() => void) | null = null;
    client.on('message', () => onReply?.());

    // One request at a time: the round trip a client sees.
    const latencies: number[] = [];
    for (let i = 0; i < SEQUENTIAL; i++) {
      const start = performance.now();
      await new Promise<void>((resolve) => {
        onReply = resolve;
        client.send(frames[i % 256] as Uint8Array, port, bridge.host);
      });
      latencies.push(performance.now() - start);
    }
    const sequentialMs = latencies.reduce((a, b) => a + b, 0);
    latencies.sort((a, b) => a - b);

    // WINDOW requests in flight: what the bridge serves when a client does not wait.
    const started = performance.now();
    let answered = 0;
    await new Promise<void>((resolve) => {
      let sent = 0;
      const send = (): void => {
        client.send(frames[sent % 256] as Uint8Array, port, bridge.host);
        sent++;
      };
      // A datagram lost on a busy machine would stall the window: stop when nothing moves for a second.
      let seen = -1;
      const stalled = setInterval(() => {
        if (answered === seen) {
          clearInterval(stalled);
          resolve();
        }
        seen = answered;
      }, 1000);
      onReply = () => {
        answered++;
        if (answered === PIPELINED) {
          clearInterval(stalled);
          resolve();
        } else if (sent < PIPELINED) send();
      };
      for (let i = 0; i < WINDOW; i++) send();
    });
    const pipelinedMs = performance.now() - started;

    // The same request through `evaluate` alone, on the same rack.
    const request: Request = {
      from: { via: 'network', ...senderOf(bridge.plan, '127.0.0.1') },
      protocol: 'fins-udp',
      operation: { kind: 'memory.read', area: 'D', address: 100, count: 10 },
    };
    const view = rack.view();
    const evalStart = performance.now();
    for (let i = 0; i < EVALUATIONS; i++) evaluate(view, request);
    const evaluateMs = (performance.now() - evalStart) / EVALUATIONS;

    client.close();
    await bridge.close();
    rack.stop();
    const lost = PIPELINED - answered;
    const median = percentile(latencies, 50);
    return {
      tables: [
        {
          caption: `MEMORY AREA READ of 10 D words, lab ${LAB}, client on 127.0.0.1 (rate cap off)`,
          headers: ['measure', 'value'],
          rows: [
            ['`evaluate` alone', `${us(evaluateMs)} a request (${perSecond(1000 / evaluateMs)} per second)`],
            ['bridge, one request at a time: round trip median / p99', `${us(median)} / ${us(percentile(latencies, 99))}`],
            ['bridge, one request at a time', `${perSecond((SEQUENTIAL / sequentialMs) * 1000)} requests per second`],
            [`bridge, ${WINDOW} requests in flight`, `${perSecond((answered / pipelinedMs) * 1000)} requests per second`],
            ['latency the bridge adds over `evaluate` (median round trip − evaluate)', us(median - evaluateMs)],
          ],
        },
      ],
      notes: [
        'The bridge walks each request through `rack.send` (evaluate plus the units\' events and the operation log), builds the response frame and crosses loopback twice; the added latency is all of that together.',
        ...(lost === 0 ? [] : [`${lost} of the ${PIPELINED} pipelined requests got no answer (datagrams lost on a busy machine); the rate counts the answered ones.`]),
      ],
    };
  },
};

export default section;
