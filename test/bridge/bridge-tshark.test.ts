/**
 * The frames the bridge put on loopback, read by Wireshark's FINS dissector (tshark): every
 * command omron-fins sent and every answer the bridge wrote — over FINS/UDP and inside FINS/TCP,
 * a normal response and a refusal — with their real loopback addresses and ports, saved as a
 * pcap (test/machines/pcap.ts) and decoded as FINS on the bridge's ports.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FINS_TCP_COMMAND } from '../../machines/wire/fins-codes.ts';
import { wrapTcp } from '../../machines/wire/fins.ts';
import type { Exchange } from '../../src/server/bridge/bridge.server.ts';
import { type Endpoints, pcapFile, TcpConnection, udpFrame } from '../machines/pcap.ts';
import { ask, bridgeFor, finsClient } from './bridge-fixtures.ts';

const TSHARK = process.env.TSHARK_PATH || '/usr/bin/tshark';
const dir = mkdtempSync(join(tmpdir(), 'bridge-tshark-'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function octets(address: string): [number, number, number, number] {
  const [a = 0, b = 0, c = 0, d = 0] = address.split('.').map(Number);
  return [a, b, c, d];
}

/** The Ethernet frames of the exchanges, as they crossed loopback (FINS/TCP inside one connection). */
function framesOf(exchanges: readonly Exchange[], host: string, ports: { udp: number; tcp: number }): Uint8Array[] {
  const frames: Uint8Array[] = [];
  let tcp: TcpConnection | null = null;
  let id = 1;
  for (const e of exchanges) {
    const ends: Endpoints = { clientIp: octets(e.source.address), plcIp: octets(host), clientPort: e.source.port, plcPort: e.service === 'fins-udp' ? ports.udp : ports.tcp };
    if (e.service === 'fins-udp') {
      frames.push(udpFrame('toPlc', e.request, id++, ends));
      if (e.response) frames.push(udpFrame('fromPlc', e.response, id++, ends));
    } else {
      if (!tcp) {
        tcp = new TcpConnection(ends);
        frames.push(...tcp.open());
      }
      frames.push(tcp.segment('toPlc', wrapTcp(FINS_TCP_COMMAND.frameSend, e.request)));
      if (e.response) frames.push(tcp.segment('fromPlc', wrapTcp(FINS_TCP_COMMAND.frameSend, e.response)));
    }
  }
  return frames;
}

describe('the bridge’s frames in Wireshark’s FINS dissector', () => {
  it('decodes every command and answer, with the end codes the bridge sent, and flags nothing', { timeout: 120_000 }, async () => {
    const test = await bridgeFor('06-fins-write-protection', { settings: { 'cpu.finsWriteProtection': { enabled: true, excludedNodes: [112] } } });
    try {
      for (const protocol of ['udp', 'tcp'] as const) {
        const client = await finsClient(test, protocol);
        await ask((cb) => client.read('D100', 3, cb));
        await ask((cb) => client.write('D100', [1], cb));
        client.disconnect();
      }
    } finally {
      await test.close();
    }
    const udp = test.bridge.ports['fins-udp'] ?? 0;
    const tcp = test.bridge.ports['fins-tcp'] ?? 0;
    const file = join(dir, 'bridge.pcap');
    writeFileSync(file, pcapFile(framesOf(test.exchanges, test.bridge.host, { udp, tcp })));

    const fields = ['frame.number', 'omron.command', 'omron.response.code', '_ws.expert.severity', '_ws.malformed'];
    const args = ['-r', file, '-d', `udp.port==${udp},omron`, '-d', `tcp.port==${tcp},omron`, '-Y', 'omron', '-T', 'fields', ...fields.flatMap((f) => ['-e', f]), '-E', 'separator=|'];
    const rows = execFileSync(TSHARK, args, { stdio: ['ignore', 'pipe', 'pipe'] })
      .toString()
      .trim()
      .split('\n')
      .map((line) => line.split('|'));

    // Four commands and four answers: a read and a refused write over each transport.
    expect(rows).toHaveLength(8);
    const sent = test.exchanges.flatMap((e) => [e.frame, e.response]);
    rows.forEach(([, command, endCode, severity, malformed], i) => {
      const frame = test.exchanges[Math.floor(i / 2)]?.frame;
      expect(Number.parseInt(command ?? '', 16), `packet ${i + 1}`).toBe(((frame?.mrc ?? 0) << 8) | (frame?.src ?? 0));
      if (i % 2 === 1) {
        const response = sent[i] as Uint8Array;
        expect(Number.parseInt(endCode ?? '', 16), `packet ${i + 1}`).toBe(((response[12] ?? 0) << 8) | (response[13] ?? 0));
      }
      expect(severity, `packet ${i + 1} has an expert note`).toBe('');
      expect(malformed, `packet ${i + 1} is malformed`).toBe('');
    });
    expect(rows.map((r) => Number.parseInt(r[2] ?? '', 16)).filter((c) => !Number.isNaN(c))).toEqual([0, 0x2101, 0, 0x2101]);
  });
});
