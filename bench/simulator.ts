/**
 * Simulator benchmark: how many requests per second the request path evaluates, through the
 * pure `evaluate` on a view and through `rack.send` (which also applies allowed writes through
 * the units' actors and writes the operation log), and how much memory one simulated rack takes.
 * The rack is a CJ2H with a CJ1W-EIP21S whose IP packet filter holds 32 rules.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { performance } from 'node:perf_hooks';
import type { FilterRule, Origin, RackConfig, Request } from '../machines/model.ts';
import { createRack, type Rack } from '../machines/request-path/rack.ts';
import { DEV, ENGINEERING_PC, OLLY, ROGUE_LAPTOP, rackConfig, SCADA, secure } from '../test/machines/rack-fixtures.ts';
import { evaluate } from '../machines/request-path/request-path.ts';
import type { BenchSection, SectionResult } from './section.ts';

/** Requests per second `evaluate` must reach on this machine (the brief's target). */
export const EVALUATE_TARGET = 100_000;

const RULES = 32;
const ROUNDS = 5;
const ROUND_MS = 400;
const MEMORY_RACKS = 1000;

/** 31 single-host rules for other nodes, then the plant's /28 of engineering and SCADA PCs last. */
function filterTable(): FilterRule[] {
  const rules: FilterRule[] = [];
  for (let i = 0; i < RULES - 1; i++) rules.push({ ip: `10.1.${i}.7`, mask: '255.255.255.255' });
  rules.push({ ip: '192.168.250.0', mask: '255.255.255.240' });
  return rules;
}

/**
 * The test suite's rack (test/machines/rack-fixtures.ts) with its protections on: FINS write
 * protection excluding SCADA, MONITOR mode, and the 32-rule filter.
 */
function config(): RackConfig {
  return rackConfig({
    // 10 is SCADA's FINS node.
    cpu: { finsWriteProtection: { enabled: true, excludedNodes: [10] }, mode: 'MONITOR' },
    eip: { filter: { enabled: true, rules: filterTable() } },
  });
}

/** The operator panel, inside the filter's /28 (the fixtures' operator PC is outside it). */
const OPERATOR: Origin = { via: 'network', name: 'Operator panel', ip: '192.168.250.12', finsNode: 12 };

/**
 * A plant's traffic, ten requests: SCADA polls and writes setpoints (allowed: the filter matches
 * its last rule and SCADA is excluded from FINS write protection), the rogue laptop is dropped
 * after all 32 rules, an engineer reads and writes over Secure Comm (user authentication,
 * authority, operation log; the write meets FINS write protection), an operator's write is
 * refused by operation authority, and a FINS/TCP write from the operator panel meets FINS write
 * protection.
 */
function mix(): Request[] {
  const read = (address: number): Request => ({ from: SCADA, protocol: 'fins-udp', operation: { kind: 'memory.read', area: 'D', address, count: 10 } });
  const write = (value: number): Request => ({ from: SCADA, protocol: 'fins-udp', operation: { kind: 'memory.write', area: 'D', address: 200, values: [value] } });
  return [
    read(100),
    write(950),
    read(300),
    { from: ROGUE_LAPTOP, protocol: 'fins-udp', operation: { kind: 'memory.write', area: 'D', address: 200, values: [0] } },
    read(100),
    write(951),
    secure(ENGINEERING_PC, DEV, { kind: 'memory.read', area: 'D', address: 100, count: 4 }),
    secure(ENGINEERING_PC, DEV, { kind: 'memory.write', area: 'D', address: 210, values: [1, 2] }),
    secure(OPERATOR, OLLY, { kind: 'memory.write', area: 'D', address: 210, values: [0] }),
    { from: OPERATOR, protocol: 'fins-tcp', operation: { kind: 'memory.write', area: 'D', address: 220, values: [7] } },
  ];
}

/** Requests per second of `run` over the mix, best of ROUNDS rounds of about ROUND_MS each. */
function throughput(run: (request: Request) => unknown, requests: Request[]): { perSecond: number } {
  let best = 0;
  for (let round = 0; round < ROUNDS; round++) {
    let done = 0;
    const start = performance.now();
    let elapsed = 0;
    while (elapsed < ROUND_MS) {
      for (let i = 0; i < 1000; i++) run(requests[i % requests.length] as Request);
      done += 1000;
      elapsed = performance.now() - start;
    }
    best = Math.max(best, (done / elapsed) * 1000);
  }
  return { perSecond: best };
}

/** node's gc(), exposed at run time when node was not started with --expose-gc. */
function collector(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

function heapAfterGc(gc: () => void): number {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

/** Heap bytes per rack: build MEMORY_RACKS racks, each having served the mix once. */
function bytesPerRack(): number {
  const gc = collector();
  const requests = mix();
  const before = heapAfterGc(gc);
  const racks: Rack[] = [];
  for (let i = 0; i < MEMORY_RACKS; i++) {
    const rack = createRack(config());
    for (const request of requests) rack.send(request);
    racks.push(rack);
  }
  const after = heapAfterGc(gc);
  const perRack = (after - before) / racks.length;
  for (const rack of racks) rack.stop();
  return perRack;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const micro = (perSecond: number) => `${(1e6 / perSecond).toFixed(2)} µs`;

const section: BenchSection = {
  title: 'Simulator: request path throughput and rack memory',
  async run(): Promise<SectionResult> {
    const rack = createRack(config());
    const requests = mix();
    const outcomes = requests.map((r) => rack.send(r));
    const allowed = outcomes.filter((o) => o.allowed).length;
    const stops = new Map<string, number>();
    for (const o of outcomes) if (o.blockedBy) stops.set(o.blockedBy.source, (stops.get(o.blockedBy.source) ?? 0) + 1);
    const refusedAt = [...stops].map(([source, n]) => `${source} ×${n}`).join(', ');
    rack.stop();

    const staticRack = createRack(config());
    const view = staticRack.view();
    const pure = throughput((request) => evaluate(view, request), requests);
    const drops = throughput((request) => evaluate(view, request), [requests[3] as Request]);
    staticRack.stop();

    const live = createRack(config());
    const sent = throughput((request) => live.send(request), requests);
    const logLength = live.view().unit?.eip?.log.length ?? 0;
    live.stop();

    const memory = bytesPerRack();

    const failures: string[] = [];
    if (pure.perSecond < EVALUATE_TARGET) {
      failures.push(`evaluate handled ${fmt(pure.perSecond)} requests/s; the target is ${fmt(EVALUATE_TARGET)}/s.`);
    }
    return {
      tables: [
        {
          caption: `Requests per second with a ${RULES}-rule IP packet filter (best of ${ROUNDS} rounds of ${ROUND_MS} ms).`,
          headers: ['Measure', 'Requests/s', 'Per request', 'Target'],
          rows: [
            ['`evaluate(view, request)`, plant mix', fmt(pure.perSecond), micro(pure.perSecond), `≥ ${fmt(EVALUATE_TARGET)}/s ${pure.perSecond >= EVALUATE_TARGET ? 'ok' : 'missed'}`],
            ['`evaluate`, rogue write dropped after 32 rules', fmt(drops.perSecond), micro(drops.perSecond), '—'],
            ['`rack.send(request)`, plant mix incl. writes', fmt(sent.perSecond), micro(sent.perSecond), 'reported'],
          ],
        },
        {
          caption: 'Memory one simulated rack takes (CPU Unit + EIP21S actors, after serving the mix once).',
          headers: ['Measure', 'Value'],
          rows: [
            ['Racks built', fmt(MEMORY_RACKS)],
            ['Heap per rack', `${(memory / 1024).toFixed(1)} KB`],
          ],
        },
      ],
      notes: [
        `The plant mix is ${requests.length} requests (SCADA polls and setpoint writes, a rogue laptop, an engineer and an operator over Secure Comm, a FINS/TCP write): ${allowed} allowed, ${requests.length - allowed} refused, at ${refusedAt}.`,
        '`evaluate` only reads a view; `rack.send` also sends the allowed writes to the CPU Unit actor and writes every Secure Comm request to the operation log, so it measures the whole round trip.',
        `During the \`rack.send\` run the operation log filled to ${fmt(logLength)} entries (its capacity), so the cost of a full log is included.`,
        'Heap per rack: heap used after garbage collection with the racks alive, minus before, divided by the number of racks.',
      ],
      failures,
    };
  },
};

export default section;
