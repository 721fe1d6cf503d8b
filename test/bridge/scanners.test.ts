/**
 * `npm run plc -- serve` on its real ports (FINS 9600, EtherNet/IP 44818) against nmap (Debian
 * package; `node scripts/ensure-tools.mjs nmap` installs it) and its omron-info and enip-info
 * scripts — the one test file that uses those ports, so vitest's parallel files never collide.
 * A UDP scan needs raw sockets: run as root, as the test setup does.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

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

const started: Served[] = [];

async function serve(...args: string[]): Promise<Served> {
  const child = spawn(process.execPath, ['scripts/plc.ts', 'serve', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
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
  const args = ['-n', '-Pn', '--script-timeout', '10s', '-sU', '-sT', '-p', 'U:9600,44818,T:9600,44818', '--script', 'omron-info,enip-info', '127.0.0.1'];
  const { stdout } = await promisify(execFile)(NMAP, args, { timeout: 100_000 });
  return stdout;
}

/** The state nmap gives a port ("open", "closed", "open|filtered"…). */
function stateOf(report: string, port: string): string | undefined {
  return new RegExp(`^${port.replace('/', '\\/')}\\s+(\\S+)`, 'm').exec(report)?.[1];
}

describe('nmap against the bridge', () => {
  it('identifies the controller over FINS (UDP and TCP) and the EIP21S over EtherNet/IP; Ctrl-C stops the bridge', WAIT, async () => {
    const served = await serve('--lab', '02-filter-blocks');
    const report = await scan();
    for (const port of ['9600/udp', '9600/tcp', '44818/udp', '44818/tcp']) expect(stateOf(report, port), port).toBe('open');
    expect(report.match(/Controller Model: CJ2H-CPU6\*/g)).toHaveLength(2);
    expect(report.match(/vendor: Omron Corporation \(47\)/g)).toHaveLength(2);
    expect(report).toMatch(/productName: CJ1W-EIP21S/);
    expect(report).toMatch(/deviceIp: 192\.168\.250\.1\b/);
    expect(await served.stop()).toBe(0);
    expect(served.output()).toMatch(/Stopped\. \d+ request\(s\) served/);
    expect(served.output()).toMatch(/Live traffic for a page \(Server-Sent Events\): http:\/\/127\.0\.0\.1:9601\/events/);
  });

  it('finds every port closed after the answer sets them to Not use', WAIT, async () => {
    const served = await serve('--lab', '05-close-unused-ports', '--answer', REFERENCE('05-close-unused-ports'));
    const report = await scan();
    for (const port of ['9600/udp', '9600/tcp', '44818/udp', '44818/tcp']) expect(stateOf(report, port), port).toBe('closed');
    expect(report).not.toMatch(/Controller Model|Omron Corporation/);
    expect(await served.stop()).toBe(0);
  });

  it('learns nothing from an address the IP filter drops, and --trace says where the probe stopped', WAIT, async () => {
    const served = await serve('--lab', '02-filter-blocks', '--answer', REFERENCE('02-filter-blocks'), '--trace');
    const report = await scan();
    expect(stateOf(report, '9600/udp')).toBe('open|filtered');
    expect(stateOf(report, '44818/udp')).toBe('open|filtered');
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
