import { get } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createRack } from '../../../machines/request-path/rack.ts';
import { exchangeView } from '../../../src/server/bridge/exchange-lines.server.ts';
import { startLiveFeed } from '../../../src/server/bridge/live-feed.server.ts';
import { parseExchange, parseHello, requestCount } from '../../../src/labs/live-feed.ts';
import { PLANT_NODES, ROGUE_LAPTOP } from '../../../src/widgets/kit/nodes.ts';
import { OPERATION_PRESETS, requestFrom } from '../../../src/widgets/kit/requests.ts';
import { scenarioRack } from '../../../src/widgets/kit/scenarios.ts';
import type { Exchange } from '../../../src/server/bridge/bridge.server.ts';

/** A refused write from the rogue laptop, as the bridge reports it. */
function refusedWrite(): Exchange {
  const rack = createRack(scenarioRack({ filter: { enabled: true, rules: [{ ip: '192.168.250.10', mask: '255.255.255.255' }] } }));
  const request = requestFrom(PLANT_NODES, ROGUE_LAPTOP.id, OPERATION_PRESETS.readD100.operation, 'fins-udp');
  const outcome = rack.send(request);
  rack.stop();
  return {
    service: 'fins-udp',
    source: { address: '127.0.0.147', port: 50000 },
    sender: { name: 'Rogue laptop', ip: '192.168.250.147' },
    request: new Uint8Array([0x80]),
    response: null,
    walked: { request, outcome },
  };
}

/** The first `count` events of a live feed, read as a page's EventSource would. */
function readEvents(port: number, count: number): Promise<{ event: string; data: string }[]> {
  return new Promise((resolve, reject) => {
    const events: { event: string; data: string }[] = [];
    const req = get({ host: '127.0.0.1', port, path: '/events' }, (res) => {
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const field = (name: string) => block.split('\n').find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2) ?? '';
          events.push({ event: field('event'), data: field('data') });
          end = buffer.indexOf('\n\n');
        }
        if (events.length >= count) {
          req.destroy();
          resolve(events.slice(0, count));
        }
      });
    });
    req.on('error', reject);
  });
}

describe('the live feed as a lab page reads it', () => {
  it('reads what the bridge sends: the lab first, then each request with its trace rows unchanged', async () => {
    const feed = await startLiveFeed('127.0.0.1', 0, { lab: { id: '02-filter-blocks', title: 'Filter', seed: 7 }, nodes: [] });
    try {
      const reading = readEvents(feed.port, 2);
      // The listener is registered once its stream has begun; publish until the reader has both.
      const exchange = refusedWrite();
      const timer = setInterval(() => feed.publish(exchange), 50);
      const [hello, first] = await reading.finally(() => clearInterval(timer));
      expect(hello?.event).toBe('bridge');
      expect(parseHello(hello?.data ?? '')).toEqual({ lab: { id: '02-filter-blocks', title: 'Filter', seed: 7 } });
      expect(first?.event).toBe('exchange');
      const parsed = parseExchange(first?.data ?? '');
      const view = exchangeView(exchange);
      expect(parsed).toEqual({ service: view.service, from: { name: view.from.name, ip: view.from.ip }, asked: view.asked, summary: view.summary, steps: view.steps });
      expect(parsed?.steps.at(-1)).toMatchObject({ source: 'ip-filter', verdict: 'block', section: '§2-2-1' });
    } finally {
      await feed.close();
    }
  });

  it('ignores data that is not an event of the feed, rather than showing half of it', () => {
    const good = JSON.stringify(exchangeView(refusedWrite()));
    expect(parseExchange(good)).not.toBeNull();
    expect(parseExchange('not json')).toBeNull();
    expect(parseExchange(good.replace('"verdict":"block"', '"verdict":"maybe"'))).toBeNull();
    expect(parseExchange(JSON.stringify({ ...JSON.parse(good), steps: 'none' }))).toBeNull();
    expect(parseHello(JSON.stringify({ lab: { id: 3, title: 'x', seed: null } }))).toBeNull();
    expect(parseHello('{}')).toBeNull();
  });

  it('counts requests in words, by the plural rules', () => {
    expect(requestCount(1)).toBe('1 request');
    expect(requestCount(0)).toBe('0 requests');
    expect(requestCount(12)).toBe('12 requests');
  });
});
