/**
 * A load generator for the served benchmark: each learner is one keep-alive connection of its
 * own. Two ways to drive them:
 * - `paced`: an open loop. Each learner sends at random moments, `rate` a second on average
 *   (Poisson arrivals: the gaps are exponentially distributed), whether or not its last answer
 *   came back. Latency counts from the moment a request was due, so a slow server shows as
 *   queueing instead of as fewer requests (no coordinated omission).
 * - `flatOut`: a closed loop. Each learner posts again as soon as its answer arrives, which
 *   measures the most the server takes, not what a class does.
 * Why not autocannon's connectionRate: it fires every connection's request on the same timer
 * tick, so 100 learners at 1/s arrive as one burst of 100 each second — a class never does.
 */
import { Agent, request } from 'node:http';

/** What one learner sends. */
export interface LearnerRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface LoadOptions {
  /** Base URL of the server, e.g. http://127.0.0.1:4377. */
  url: string;
  learners: number;
  seconds: number;
  /** The request learner `i` sends, every time. */
  requestOf: (learner: number) => LearnerRequest;
}

export interface LoadResult {
  /** Requests answered per second over the run. */
  perSecond: number;
  p50: number;
  p99: number;
  /** Requests answered with a status other than 2xx, or not at all. */
  failed: number;
  /** How many of each failing status (or error code) were seen, for the notes. */
  failures: Record<string, number>;
}

/**
 * Sends one request on `agent`; resolves with its status, or the error's code. A request that
 * meets a reset on a kept-alive connection the server had just closed as idle is sent once more
 * on a fresh one, as Node's documentation advises (`request.reusedSocket`) and browsers do: that
 * race is the client's, not a refusal by the server.
 */
function send(base: URL, agent: Agent, req: LearnerRequest, retried = false): Promise<string> {
  return new Promise((resolve) => {
    const r = request(
      { host: base.hostname, port: base.port, path: req.path, method: 'POST', agent, headers: { ...req.headers, 'content-length': Buffer.byteLength(req.body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(String(res.statusCode)));
        res.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
      },
    );
    r.setTimeout(30_000, () => r.destroy(Object.assign(new Error('timed out'), { code: 'timeout' })));
    r.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ECONNRESET' && r.reusedSocket && !retried) resolve(send(base, agent, req, true));
      else resolve(e.code ?? 'error');
    });
    r.end(req.body);
  });
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** What a learner's loop is given: its request on its own connection, the run's end, and where to record each answer. */
interface LearnerLoop {
  /** Sends the learner's request on its own connection; resolves with the status. */
  post: () => Promise<string>;
  until: number;
  record: (due: number, status: string) => void;
}

/** Runs the learners until `seconds` have passed and every request sent has its answer. */
async function drive(options: LoadOptions, learner: (loop: LearnerLoop) => Promise<void>): Promise<LoadResult> {
  const base = new URL(options.url);
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  const record = (due: number, status: string) => {
    if (status.startsWith('2')) latencies.push(performance.now() - due);
    else failures[status] = (failures[status] ?? 0) + 1;
  };
  const agents = Array.from({ length: options.learners }, () => new Agent({ keepAlive: true, maxSockets: 1 }));
  const started = performance.now();
  const until = started + options.seconds * 1000;
  await Promise.all(agents.map((agent, i) => learner({ post: () => send(base, agent, options.requestOf(i)), until, record })));
  const elapsed = (performance.now() - started) / 1000;
  for (const agent of agents) agent.destroy();
  latencies.sort((a, b) => a - b);
  const failed = Object.values(failures).reduce((a, b) => a + b, 0);
  return { perSecond: (latencies.length + failed) / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99), failed, failures };
}

/** Open loop: each learner sends `rate` requests a second on average, at random moments. */
export function paced(options: LoadOptions & { rate: number }): Promise<LoadResult> {
  return drive(options, async ({ post, until, record }) => {
    const pending: Promise<void>[] = [];
    let due = performance.now() - Math.log(1 - Math.random()) * (1000 / options.rate);
    while (due < until) {
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const at = due;
      // The agent queues a request while the learner's last one is still out; its wait counts.
      pending.push(post().then((status) => record(at, status)));
      due += -Math.log(1 - Math.random()) * (1000 / options.rate);
    }
    await Promise.all(pending);
  });
}

/** Closed loop: each learner posts again as soon as its answer arrives. */
export function flatOut(options: LoadOptions): Promise<LoadResult> {
  return drive(options, async ({ post, until, record }) => {
    while (performance.now() < until) {
      const at = performance.now();
      record(at, await post());
    }
  });
}
