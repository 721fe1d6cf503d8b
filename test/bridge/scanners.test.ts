/**
 * `npm run plc -- serve` against nmap (Debian package; `node scripts/ensure-tools.mjs nmap`
 * installs it) and its omron-info and enip-info scripts, with the commands a learner types: the
 * bridge on the unit's own ports (FINS 9600, EtherNet/IP 44818, live feed 9601) — the one test
 * file that uses them, so vitest's parallel files never collide. When another program holds one
 * (a second test run on the same machine), the bridge takes ports the system picks instead, and a
 * services file in nmap's --datadir names them fins and EtherNet-IP-2, so the same scripts run.
 * A UDP scan needs raw sockets: run as root, as the test setup does.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PORTS } from '../../src/server/bridge/bridge.server.ts';
import { DEFAULT_LIVE_PORT } from '../../src/server/bridge/live-feed.server.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const NMAP = process.env.NMAP_PATH || '/usr/bin/nmap';
const WAIT = { timeout: 120_000 };
const REFERENCE = (lab: string): string => `test/fixtures/labs/${lab}/reference.json`;

/** A running `npm run plc -- serve` and everything it printed so far. */
interface Served {
  child: ChildProcess;
  output(): string;
  /** Sends Ctrl-C and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Whether `port` (0: any) is free on both TCP and UDP right now (the bridge takes both); the port, or null. */
async function freeOnBoth(port: number): Promise<number | null> {
  const server = createServer();
  const bound = await new Promise<number | null>((resolve) => {
    server.once('error', () => resolve(null));
    server.listen(port, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
  });
  if (bound === null) return null;
  const udp = createSocket('udp4');
  const free = await new Promise<boolean>((resolve) => {
    udp.once('error', () => resolve(false));
    udp.bind(bound, '127.0.0.1', () => resolve(true));
  });
  udp.close();
  await new Promise((resolve) => server.close(resolve));
  return free ? bound : null;
}

/** A port the system picks, free on both TCP and UDP. */
async function anyFreePort(): Promise<number> {
  for (;;) {
    const port = await freeOnBoth(0);
    if (port !== null) return port;
  }
}

const ports: Record<'fins' | 'enip' | 'live', number> = { fins: DEFAULT_PORTS.fins, enip: DEFAULT_PORTS.enip, live: DEFAULT_LIVE_PORT };
/** Extra arguments for `plc serve` and nmap when the unit's own ports are taken; none otherwise. */
const moved = { serve: [] as string[], nmap: [] as string[] };
let nmapData = '';

beforeAll(async () => {
  const taken = [];
  for (const port of Object.values(ports)) if ((await freeOnBoth(port)) === null) taken.push(port);
  if (taken.length === 0) return;
  ports.fins = await anyFreePort();
  ports.enip = await anyFreePort();
  ports.live = await anyFreePort();
  console.warn(`Port(s) ${taken.join(', ')} held by another program: the bridge and nmap use ${ports.fins}, ${ports.enip} and ${ports.live} instead.`);
  nmapData = mkdtempSync(join(tmpdir(), 'nmap-data-'));
  const lines = (['udp', 'tcp'] as const).flatMap((proto) => [`fins\t${ports.fins}/${proto}\t0.001`, `EtherNet-IP-2\t${ports.enip}/${proto}\t0.001`]);
  writeFileSync(join(nmapData, 'nmap-services'), `${lines.join('\n')}\n`);
  moved.serve = ['--port', String(ports.fins), '--enip-port', String(ports.enip), '--live-port', String(ports.live)];
  moved.nmap = ['--datadir', nmapData];
});

const started: Served[] = [];

async function serve(...args: string[]): Promise<Served> {
  const child = spawn(process.execPath, ['scripts/plc.ts', 'serve', ...args, ...moved.serve], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const read = (chunk: Buffer): void => {
      text += chunk.toString();
      if (text.includes('Press Ctrl-C to stop.')) resolve();
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    exited.then((code) => reject(new Error(`plc serve exited with ${code} before it was ready:\n${text}`)));
  });
  const served: Served = {
    child,
    output: () => text,
    stop: () => {
      child.kill('SIGINT');
      return exited;
    },
  };
  started.push(served);
  return served;
}

afterAll(async () => {
  await Promise.all(started.filter((s) => s.child.exitCode === null).map((s) => s.stop()));
  if (nmapData) rmSync(nmapData, { recursive: true, force: true });
});

/** Runs `plc serve` with bad input: expects exit code 2 and resolves with what it printed on stderr. */
async function refused(...args: string[]): Promise<string> {
  const child = spawn(process.execPath, ['scripts/plc.ts', 'serve', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (c: Buffer) => {
    err += c.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  expect(code, err).toBe(2);
  return err;
}

/** nmap's UDP and TCP scan of both ports with both scripts, as a learner would run it. */
async function scan(): Promise<string> {
  const both = `${ports.fins},${ports.enip}`;
  const args = ['-n', '-Pn', ...moved.nmap, '--script-timeout', '10s', '-sU', '-sT', '-p', `U:${both},T:${both}`, '--script', 'omron-info,enip-info', '127.0.0.1'];
  const { stdout } = await promisify(execFile)(NMAP, args, { timeout: 100_000 });
  return stdout;
}

/** The state nmap gives a port: `service` is fins or enip, `proto` udp or tcp ("open", "closed", "open|filtered"…). */
function stateOf(report: string, service: 'fins' | 'enip', proto: 'udp' | 'tcp'): string | undefined {
  return new RegExp(`^${ports[service]}\\/${proto}\\s+(\\S+)`, 'm').exec(report)?.[1];
}

const EVERY_PORT = (['fins', 'enip'] as const).flatMap((service) => (['udp', 'tcp'] as const).map((proto) => [service, proto] as const));

describe('nmap against the bridge', () => {
  it('identifies the controller over FINS (UDP and TCP) and the EIP21S over EtherNet/IP; Ctrl-C stops the bridge', WAIT, async () => {
    const served = await serve('--lab', '02-filter-blocks');
    const report = await scan();
    for (const [service, proto] of EVERY_PORT) expect(stateOf(report, service, proto), `${service}/${proto}`).toBe('open');
    expect(report.match(/Controller Model: CJ2H-CPU6\*/g)).toHaveLength(2);
    expect(report.match(/vendor: Omron Corporation \(47\)/g)).toHaveLength(2);
    expect(report).toMatch(/productName: CJ1W-EIP21S/);
    expect(report).toMatch(/deviceIp: 192\.168\.250\.1\b/);
    expect(await served.stop()).toBe(0);
    expect(served.output()).toMatch(/Stopped\. \d+ request\(s\) served/);
    expect(served.output()).toMatch(new RegExp(`Live traffic for a page \\(Server-Sent Events\\): http://127\\.0\\.0\\.1:${ports.live}/events`));
  });

  it('finds every port closed after the answer sets them to Not use', WAIT, async () => {
    const served = await serve('--lab', '05-close-unused-ports', '--answer', REFERENCE('05-close-unused-ports'));
    const report = await scan();
    for (const [service, proto] of EVERY_PORT) expect(stateOf(report, service, proto), `${service}/${proto}`).toBe('closed');
    expect(report).not.toMatch(/Controller Model|Omron Corporation/);
    expect(await served.stop()).toBe(0);
  });

  it('learns nothing from an address the IP filter drops, and --trace says where the probe stopped', WAIT, async () => {
    const served = await serve('--lab', '02-filter-blocks', '--answer', REFERENCE('02-filter-blocks'), '--trace');
    const report = await scan();
    expect(stateOf(report, 'fins', 'udp')).toBe('open|filtered');
    expect(stateOf(report, 'enip', 'udp')).toBe('open|filtered');
    expect(report).not.toMatch(/Controller Model|Omron Corporation/);
    expect(await served.stop()).toBe(0);
    expect(served.output()).toMatch(/FINS\/UDP from 127\.0\.0\.1 = A device not on the plant list \(192\.168\.250\.254\): CONTROLLER DATA READ/);
    expect(served.output()).toMatch(/Blocked at IP packet filtering \(§2-2-1\) — no response/);
  });

  it('refuses bad input with a message that names the fix', WAIT, async () => {
    expect(await refused('--lab', 'no-such-lab')).toMatch(/--lab: there is no lab "no-such-lab"; the labs are 01-users-and-roles/);
  });

  it('takes no other address than an IP of this machine for --listen', WAIT, async () => {
    expect(await refused('--lab', '02-filter-blocks', '--listen', 'plant-network')).toMatch(/--listen needs an IP address of this machine, got "plant-network"/);
  });
});
