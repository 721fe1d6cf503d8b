/**
 * The bridge against a real FINS client (omron-fins from npm) on free loopback ports: D memory
 * read and written through the course's request path, write protection answered with the end
 * code the course shows, the IP filter leaving a client to time out, FINS/TCP with its
 * handshake, malformed datagrams and the rate cap. Every file that needs ports 9600/44818 is
 * test/bridge/scanners.test.ts; these use ports the system picks.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { END_CODES } from '../../machines/cpu/cpu-checks.ts';
import { readWords } from '../../machines/cpu/cpu-hardware.ts';
import { END_CODE } from '../../machines/wire/fins-codes.ts';
import { ask, bridgeFor, finsClient, REPLY_MS, sendFrom, type TestBridge } from './bridge-fixtures.ts';
import { createSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import type { Answer } from '../../machines/grading/lab.ts';
import { buildCommand, nodeAddressRequest, unwrapTcp } from '../../machines/wire/fins.ts';
import { FINS_TCP_ERRORS } from '../../machines/wire/fins-codes.ts';
import { connect, type Socket } from 'node:net';
import { FINS_TCP_CONNECTIONS } from '../../src/server/bridge/bridge.server.ts';
import { endCodeText } from '../../src/widgets/kit/trace.ts';
import { type LiveFeed, startLiveFeed } from '../../src/server/bridge/live-feed.server.ts';
import type { ExchangeView } from '../../src/server/bridge/exchange-lines.server.ts';

const WAIT = { timeout: 30_000 };
const running: TestBridge[] = [];
const clients: { disconnect(): void }[] = [];

async function started(...args: Parameters<typeof bridgeFor>): Promise<TestBridge> {
  const test = await bridgeFor(...args);
  running.push(test);
  return test;
}

afterEach(async () => {
  for (const client of clients.splice(0)) client.disconnect();
  await Promise.all(running.splice(0).map((t) => t.close()));
});

/** "2101" as omron-fins reports an end code. */
const asClientShows = (code: number): string => code.toString(16).padStart(4, '0');

describe('omron-fins through the bridge', () => {
  it('writes D memory and reads it back over FINS/UDP; the rack the course grades holds the words', WAIT, async () => {
    const test = await started('06-fins-write-protection');
    const client = await finsClient(test, 'udp');
    clients.push(client);
    const written = await ask((cb) => client.write('D100', [1234, 5678], cb));
    expect(written.endCode).toBe('0000');
    const read = await ask((cb) => client.read('D100', 2, cb));
    expect(read.values).toEqual([1234, 5678]);
    expect(readWords(test.rack.view().cpu.memory, 'D', 100, 2)).toEqual([1234, 5678]);
    expect(test.exchanges.map((e) => e.walked?.request.operation.kind)).toEqual(['memory.write', 'memory.read']);
  });

  it('does the same over FINS/TCP after the node-address handshake', WAIT, async () => {
    const test = await started('06-fins-write-protection');
    const client = await finsClient(test, 'tcp');
    clients.push(client);
    expect((await ask((cb) => client.write('D200', [42], cb))).endCode).toBe('0000');
    expect((await ask((cb) => client.read('D200', 1, cb))).values).toEqual([42]);
    expect(test.exchanges.every((e) => e.service === 'fins-tcp')).toBe(true);
  });

  it('with FINS write protection on, a write fails with the end code the course shows; reads still work', WAIT, async () => {
    const test = await started('06-fins-write-protection', { settings: { 'cpu.finsWriteProtection': { enabled: true, excludedNodes: [112] } } });
    const client = await finsClient(test, 'udp');
    clients.push(client);
    const refused = await ask((cb) => client.write('D100', [1], cb));
    const step = test.exchanges.at(-1)?.walked?.outcome.blockedBy;
    expect(step?.source).toBe('fins-write-protection');
    expect(refused.endCode).toBe(asClientShows(step?.endCode ?? -1));
    expect(refused.endCode).toBe(asClientShows(END_CODES.areaReadOnly));
    expect(endCodeText(END_CODES.areaReadOnly)).toBe('0x2101 Area read-only');
    expect((await ask((cb) => client.read('D100', 1, cb))).endCode).toBe('0000');
  });

  it('with FINS write protection on, the node the lab excludes writes — even a rogue laptop that claims its node number', WAIT, async () => {
    const test = await started('06-fins-write-protection', { settings: { 'cpu.finsWriteProtection': { enabled: true, excludedNodes: [112] } } });
    const alias = test.bridge.plan.aliases.find((a) => a.name === 'Rogue laptop');
    expect(alias).toBeDefined();
    const write = { mrc: 0x01, src: 0x02, params: Uint8Array.from([0x82, 0x00, 0x64, 0x00, 0x00, 0x01, 0x00, 0x07]) };
    const asItself = await sendFrom(test, alias?.loopback ?? '', { sa1: 0, ...write });
    expect(asItself.endCode).toBe(END_CODES.areaReadOnly);
    const posing = await sendFrom(test, alias?.loopback ?? '', { sa1: 112, ...write });
    expect(posing.endCode).toBe(END_CODE.normal);
    expect(posing.exchange.sender.name).toBe('Rogue laptop');
  });

  it('with DIP switch write protection on, D memory still takes writes (the switch guards the program), and a program clear is refused', WAIT, async () => {
    const test = await started('03-dip-write-protection', { settings: { 'cpu.dipWriteProtect': true } });
    const client = await finsClient(test, 'udp');
    clients.push(client);
    expect((await ask((cb) => client.write('D100', [7], cb))).endCode).toBe('0000');
    // omron-fins has no PROGRAM AREA CLEAR, so this one goes out through node:dgram.
    const clear = await sendFrom(test, '127.0.0.1', { sa1: 0, mrc: 0x03, src: 0x08, params: Uint8Array.from([0xff, 0xff, 0x00]) });
    expect(clear.exchange.walked?.outcome.blockedBy?.source).toBe('dip-switch');
    expect(clear.endCode).toBe(END_CODES.areaReadOnly);
  });

  it('from a node the IP filter does not admit, the client times out; an admitted node is answered', WAIT, async () => {
    const test = await started('02-filter-blocks', {
      settings: { 'eip.filter': { enabled: true, rules: [{ ip: '192.168.250.11', mask: '255.255.255.255' }] } },
    });
    const client = await finsClient(test, 'udp', { timeout: 1_500 });
    clients.push(client);
    // 127.0.0.1 is a device not on the plant list: the unit drops its datagram without a word.
    await expect(ask((cb) => client.read('D0', 1, cb))).rejects.toThrow('timeout');
    expect(test.exchanges[0]?.walked?.outcome.blockedBy?.source).toBe('ip-filter');
    expect(test.exchanges[0]?.response).toBeNull();
    const engineering = test.bridge.plan.aliases.find((a) => a.ip === '192.168.250.11');
    const admitted = await sendFrom(test, engineering?.loopback ?? '', { sa1: 0, mrc: 0x01, src: 0x01, params: Uint8Array.from([0x82, 0, 0, 0, 0, 1]) });
    expect(admitted.endCode).toBe(END_CODE.normal);
  });

  it('over FINS/TCP, a node the filter drops cannot even connect', WAIT, async () => {
    const test = await started('02-filter-blocks', {
      settings: { 'eip.filter': { enabled: true, rules: [{ ip: '192.168.250.11', mask: '255.255.255.255' }] } },
    });
    await expect(finsClient(test, 'tcp')).rejects.toThrow();
    const seen = test.exchanges[0];
    expect(seen?.service).toBe('fins-tcp');
    expect(seen?.droppedBy?.source).toBe('ip-filter');
  });

  it('counts a malformed datagram, ignores it and answers the next request', WAIT, async () => {
    const test = await started('06-fins-write-protection');
    const socket = createSocket('udp4');
    const port = test.bridge.ports['fins-udp'] ?? 0;
    const replies: Buffer[] = [];
    const answered = new Promise<void>((resolve) =>
      socket.on('message', (m) => {
        replies.push(m);
        resolve();
      }),
    );
    socket.send(Uint8Array.from([0x80, 0x00, 0x02]), port, test.bridge.host);
    socket.send(buildCommand({ da1: 1, sa1: 0, sid: 9, mrc: 0x05, src: 0x01, params: Uint8Array.from([0]) }), port, test.bridge.host);
    await answered;
    socket.close();
    expect(test.bridge.stats.malformed).toBe(1);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.[9]).toBe(9);
  });

  it('drops requests beyond the rate cap', WAIT, async () => {
    const test = await started('06-fins-write-protection', {}, { rateLimit: 5 });
    const socket = createSocket('udp4');
    const port = test.bridge.ports['fins-udp'] ?? 0;
    const frame = buildCommand({ da1: 1, sa1: 0, sid: 1, mrc: 0x05, src: 0x01, params: Uint8Array.from([0]) });
    for (let i = 0; i < 20; i++) socket.send(frame, port, test.bridge.host);
    await expect.poll(() => test.bridge.stats.requests + test.bridge.stats.overRate, { timeout: REPLY_MS }).toBe(20);
    socket.close();
    expect(test.bridge.stats.overRate).toBeGreaterThan(0);
    expect(test.bridge.stats.requests).toBeLessThan(20);
  });

  it('holds what "Recon like an attacker" tells the learner to find after hardening', WAIT, async () => {
    const reference = JSON.parse(readFileSync(new URL('../fixtures/labs/14-recon-like-an-attacker/reference.json', import.meta.url), 'utf8')) as Answer;
    const test = await started('14-recon-like-an-attacker', reference);
    expect(test.bridge.ports).toEqual({ 'fins-udp': expect.any(Number), 'fins-tcp': null, 'enip-tcp': null, 'enip-udp': null });
    const client = await finsClient(test, 'udp', { timeout: 1_500 });
    clients.push(client);
    await expect(ask((cb) => client.read('D0', 1, cb))).rejects.toThrow('timeout');
    const write = { mrc: 0x01, src: 0x02, params: Uint8Array.from([0x82, 0x00, 0xc8, 0x00, 0x00, 0x01, 0x00, 0x01]) };
    const hmi = await sendFrom(test, '127.0.0.30', { sa1: 0, ...write });
    expect(hmi.exchange.sender.name).toBe('HMI panel');
    expect(hmi.endCode).toBe(END_CODES.areaReadOnly);
    const scada = await sendFrom(test, '127.0.0.120', { sa1: 0, ...write });
    expect(scada.endCode).toBe(END_CODE.normal);
  });

  it('holds at most 16 FINS/TCP connections: the 17th is told all are in use', WAIT, async () => {
    const test = await started('06-fins-write-protection');
    const port = test.bridge.ports['fins-tcp'] ?? 0;
    const sockets: Socket[] = [];
    const handshake = (): Promise<Uint8Array> =>
      new Promise((resolve, reject) => {
        const socket = connect(port, test.bridge.host, () => socket.write(nodeAddressRequest()));
        sockets.push(socket);
        socket.once('data', (d) => resolve(new Uint8Array(d)));
        socket.once('error', reject);
      });
    try {
      for (let i = 0; i < FINS_TCP_CONNECTIONS; i++) {
        const answer = unwrapTcp(await handshake());
        expect(answer.ok && answer.frame.errorCode).toBe(0);
      }
      const refused = unwrapTcp(await handshake());
      expect(refused.ok && refused.frame.errorCode).toBe(0x20);
      expect(FINS_TCP_ERRORS.get(0x20)).toBe('all connections are in use');
      expect(test.bridge.stats.refusedConnections).toBe(1);
    } finally {
      for (const socket of sockets) socket.destroy();
    }
  });

  it('opens no port the lab settings set to Not use', WAIT, async () => {
    const test = await started('05-close-unused-ports', {
      settings: { 'eip.ports': { cipMessageServer: false, finsUdp: false, finsTcp: true, ftpServer: false, snmp: false } },
    });
    expect(test.bridge.ports).toEqual({ 'fins-udp': null, 'fins-tcp': expect.any(Number), 'enip-tcp': null, 'enip-udp': null });
  });
});

describe('the live feed a page can show', () => {
  it('streams each request as an event with the course\'s words, as the bridge answers it', WAIT, async () => {
    const hello = { lab: { id: '06-fins-write-protection', title: 'FINS write protection', seed: null }, nodes: [] };
    const feed: LiveFeed = await startLiveFeed('127.0.0.1', 0, hello);
    const test = await started('06-fins-write-protection', { settings: { 'cpu.finsWriteProtection': { enabled: true, excludedNodes: [112] } } }, { onExchange: (e) => feed.publish(e) });
    try {
      const response = await fetch(`http://127.0.0.1:${feed.port}/events`);
      expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const reader = response.body?.getReader();
      if (!reader) throw new Error('no stream');
      // The stream opens by saying which lab is served, before any request is sent.
      let first = '';
      while (!first.endsWith('\n\n')) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`the feed ended before its first event: ${first}`);
        first += new TextDecoder().decode(value);
      }
      expect(first).toBe(`event: bridge\ndata: ${JSON.stringify(hello)}\n\n`);
      const client = await finsClient(test, 'udp');
      clients.push(client);
      await ask((cb) => client.write('D100', [1], cb));
      let text = '';
      while (!text.includes('\n\n') || !text.includes('event: exchange')) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`the feed ended early: ${text}`);
        text += new TextDecoder().decode(value);
      }
      await reader.cancel();
      const data = /^data: (.*)$/m.exec(text)?.[1] ?? '{}';
      const view = JSON.parse(data) as ExchangeView;
      expect(view.service).toBe('FINS/UDP');
      expect(view.asked).toBe('MEMORY AREA WRITE');
      expect(view.from.name).toBe('A device not on the plant list');
      expect(view.summary).toMatch(/^Blocked at FINS write protection \(§2-5-3\) — refused with end code 0x2101 Area read-only/);
      expect(view.steps.at(-1)?.title).toBe('FINS write protection');
      expect(view.answered).toBe(true);
    } finally {
      await feed.close();
    }
  });
});
