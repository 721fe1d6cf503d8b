/**
 * The bridge's traffic, live, for a page: a loopback HTTP server whose `GET /events` is a stream
 * of Server-Sent Events — first a `bridge` event saying which lab is served (so a lab page shows
 * only its own lab's traffic), then one `exchange` event per request the bridge saw, carrying its
 * words (exchange-lines.server.ts `exchangeView`) as JSON. A page opens it with
 * `new EventSource('http://127.0.0.1:9601/events')`. Bounded: at most LIVE_CLIENTS listeners,
 * and a listener that stops reading is dropped rather than buffered without end.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { Exchange } from './bridge.server.ts';
import { LIVE_FEED_PORT } from '../../labs/live-feed.ts';
import { exchangeView } from './exchange-lines.server.ts';

/** The feed's default port (the FINS port plus one), the one a lab page looks at. */
export const DEFAULT_LIVE_PORT = LIVE_FEED_PORT;

/** At most this many pages listen at once; more are told to come back later (503). */
export const LIVE_CLIENTS = 8;

/** Bytes a listener may fall behind before it is dropped. */
const MAX_BEHIND = 1 << 20;

/** What the first event of every stream says: the lab being served and where its nodes are. */
export interface FeedHello {
  lab: { id: string; title: string; seed: number | null };
  /** Each plant node's loopback address, as printed at start. */
  nodes: { loopback: string; name: string; ip: string }[];
}

/** A running feed. */
export interface LiveFeed {
  readonly port: number;
  /** Sends one exchange to every listener. */
  publish(exchange: Exchange): void;
  /** Ends every stream and stops listening. */
  close(): Promise<void>;
}

/**
 * Starts the feed on `host`:`port` (0 picks a free port). The stream is readable from any page
 * (Access-Control-Allow-Origin *): it only carries the simulated unit's traffic, and it listens
 * where the bridge does — loopback unless `--listen` says otherwise.
 */
export async function startLiveFeed(host: string, port: number, hello: FeedHello): Promise<LiveFeed> {
  const listeners = new Set<ServerResponse>();
  let seq = 0;
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://bridge').pathname;
    if (req.method !== 'GET' || path !== '/events') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('The live feed is at GET /events (Server-Sent Events).\n');
      return;
    }
    if (listeners.size >= LIVE_CLIENTS) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '10' }).end(`At most ${LIVE_CLIENTS} pages may listen at once.\n`);
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'access-control-allow-origin': '*',
      connection: 'keep-alive',
    });
    res.write(`event: bridge\ndata: ${JSON.stringify(hello)}\n\n`);
    listeners.add(res);
    res.on('close', () => listeners.delete(res));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    publish(exchange) {
      const event = `id: ${++seq}\nevent: exchange\ndata: ${JSON.stringify(exchangeView(exchange))}\n\n`;
      for (const res of listeners) {
        if (res.writableLength > MAX_BEHIND) res.destroy();
        else res.write(event);
      }
    },
    close() {
      for (const res of listeners) res.end();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
