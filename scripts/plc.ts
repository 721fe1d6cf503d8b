/**
 * The simulated PLC on real sockets, for nmap, FINS clients and Wireshark (docs/real-tools.md):
 *   npm run plc -- serve --lab <id> [--seed N] [--answer file.json] [--trace]
 *                        [--listen ADDR] [--port P] [--enip-port P] [--rate N]
 *                        [--live-port P | --no-live]
 *
 * Exit codes: 0 stopped with Ctrl-C; 2 bad input (unknown lab, invalid answer, bad option,
 * a port taken), with a message saying what to fix.
 */
import { isIP } from 'node:net';
import { fileURLToPath } from 'node:url';
import { DEFAULT_PORTS, DEFAULT_RATE_LIMIT, LOOPBACK, type Service, startBridge } from '../src/server/bridge/bridge.server.ts';
import { exchangeLines, planLines, SERVICE_LABELS } from '../src/server/bridge/exchange-lines.server.ts';
import { BridgeInputError, labRack } from '../src/server/bridge/lab-rack.server.ts';
import { DEFAULT_LIVE_PORT, type LiveFeed, startLiveFeed } from '../src/server/bridge/live-feed.server.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const USAGE = `Usage:
  npm run plc -- serve --lab <id> [--seed N] [--answer file.json] [--trace]
                       [--listen ADDR] [--port P] [--enip-port P] [--rate N]
                       [--live-port P | --no-live]
    --listen ADDR   listen on ADDR instead of ${LOOPBACK} (a warning is printed: FINS has no authentication)
    --port P        FINS/UDP and FINS/TCP port (default ${DEFAULT_PORTS.fins})
    --enip-port P   EtherNet/IP port, TCP and UDP (default ${DEFAULT_PORTS.enip})
    --rate N        requests served per second before the rest are dropped (default ${DEFAULT_RATE_LIMIT})
    --live-port P   the live feed for a page, http://ADDR:P/events (default ${DEFAULT_LIVE_PORT}); --no-live: none`;

function out(line = ''): void {
  process.stdout.write(`${line}\n`);
}

function whole(option: string, text: string | undefined, min: number, max: number): number {
  if (text === undefined || !/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new BridgeInputError(`${option} needs a whole number from ${min} to ${max}, got ${text === undefined ? 'nothing' : `"${text}"`}.`);
  }
  return Number(text);
}

/** Whether `host` is a loopback address (127.0.0.0/8 or ::1). */
function isLoopback(host: string): boolean {
  return host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));
}

interface ServeOptions {
  lab: string;
  seed?: number;
  answer?: string;
  trace: boolean;
  host: string;
  finsPort: number;
  enipPort: number;
  rate: number;
  /** The live feed's port, or null for none. */
  livePort: number | null;
}

function parseServe(args: string[]): ServeOptions {
  const options: Partial<ServeOptions> & Pick<ServeOptions, 'trace' | 'host' | 'finsPort' | 'enipPort' | 'rate' | 'livePort'> = {
    trace: false,
    livePort: DEFAULT_LIVE_PORT,
    host: LOOPBACK,
    finsPort: DEFAULT_PORTS.fins,
    enipPort: DEFAULT_PORTS.enip,
    rate: DEFAULT_RATE_LIMIT,
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const value = (): string | undefined => args[++i];
    if (arg === '--lab') options.lab = value();
    else if (arg === '--seed') options.seed = whole('--seed', value(), 0, 0xffffffff);
    else if (arg === '--answer') options.answer = value();
    else if (arg === '--trace') options.trace = true;
    else if (arg === '--listen') {
      const host = value();
      if (!host || isIP(host) === 0) throw new BridgeInputError(`--listen needs an IP address of this machine, got ${host === undefined ? 'nothing' : `"${host}"`}.`);
      options.host = host;
    } else if (arg === '--port') options.finsPort = whole('--port', value(), 1, 65535);
    else if (arg === '--enip-port') options.enipPort = whole('--enip-port', value(), 1, 65535);
    else if (arg === '--rate') options.rate = whole('--rate', value(), 1, 1_000_000);
    else if (arg === '--live-port') options.livePort = whole('--live-port', value(), 1, 65535);
    else if (arg === '--no-live') options.livePort = null;
    else throw new BridgeInputError(`unknown option ${arg}\n${USAGE}`);
  }
  if (!options.lab) throw new BridgeInputError(`serve needs --lab <id> (npm run lab -- list shows them)\n${USAGE}`);
  if (options.answer === undefined && args.includes('--answer')) throw new BridgeInputError('--answer needs the path of an answer file.');
  return { ...options, lab: options.lab };
}

async function serve(args: string[]): Promise<number> {
  const options = parseServe(args);
  if (!isLoopback(options.host)) {
    out(`WARNING: listening on ${options.host}, not loopback. Anyone who can reach this address can read and write the`);
    out('simulated memory: FINS has no authentication. Use it only on a network you control.');
  }
  const seed = options.seed === undefined ? {} : { seed: options.seed };
  const answer = options.answer === undefined ? {} : { answer: options.answer };
  const { lab, rack, problems } = await labRack(options.lab, { root: ROOT, ...seed, ...answer });
  for (const p of problems) out(`Answer problem — ${p.field}: ${p.message}`);
  let feed: LiveFeed | null = null;
  const bridge = await startBridge({
    lab,
    rack,
    host: options.host,
    finsPort: options.finsPort,
    enipPort: options.enipPort,
    rateLimit: options.rate,
    onExchange: (exchange) => {
      if (options.trace) out(exchangeLines(exchange).join('\n'));
      feed?.publish(exchange);
    },
  }).catch((error: Error) => {
    rack.stop();
    throw new BridgeInputError(error.message);
  });
  if (options.livePort !== null) {
    const nodes = bridge.plan.aliases.map(({ loopback, name, ip }) => ({ loopback, name, ip }));
    feed = await startLiveFeed(options.host, options.livePort, { lab: { id: lab.id, title: lab.title, seed: lab.seed }, nodes }).catch(async (error: Error) => {
      await bridge.close();
      rack.stop();
      throw new BridgeInputError(`--live-port ${options.livePort}: ${error.message}; choose another port with --live-port, or --no-live.`);
    });
  }

  out(`Lab ${lab.id} — ${lab.title}${lab.seed === null ? '' : ` (variant for seed ${lab.seed})`}${options.answer ? `, answer ${options.answer}` : ''}`);
  const unit = rack.view().unit;
  out(`The unit: ${unit ? `${unit.model}${unit.eip ? ` at ${unit.eip.ip}, FINS node ${unit.eip.finsNode}` : ''}` : 'no EtherNet/IP unit: nothing listens'}`);
  for (const service of Object.keys(SERVICE_LABELS) as Service[]) {
    const port = bridge.ports[service];
    out(`  ${SERVICE_LABELS[service].padEnd(18)} ${port === null ? 'closed (the settings say Not use)' : `${bridge.host}:${port}`}`);
  }
  for (const line of planLines(bridge.plan)) out(line);
  if (feed) out(`Live traffic for a page (Server-Sent Events): http://${bridge.host}:${feed.port}/events`);
  out('Press Ctrl-C to stop.');

  // With every port closed nothing else keeps Node running: the bridge still waits for Ctrl-C.
  const keepAlive = setInterval(() => {}, 2 ** 30);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  clearInterval(keepAlive);
  await bridge.close();
  await feed?.close();
  rack.stop();
  const s = bridge.stats;
  out();
  out(`Stopped. ${s.requests} request(s) served, ${s.malformed} malformed ignored, ${s.overRate} over the rate cap dropped.`);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'serve') return await serve(rest);
    throw new BridgeInputError(command === undefined ? USAGE : `unknown command "${command}"\n${USAGE}`);
  } catch (error) {
    if (error instanceof BridgeInputError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
