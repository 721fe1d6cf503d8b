/**
 * A tiny packet-capture writer for the tshark test: FINS payloads framed as Ethernet/IPv4/UDP
 * or as one Ethernet/IPv4/TCP connection (handshake, then each payload in its own segment
 * with running sequence numbers), saved in the classic libpcap format (magic a1b2c3d4,
 * version 2.4, link type 1 = Ethernet). Test-only: the simulator itself never touches pcap.
 */

/** Which end of the conversation sends a packet. */
export type Direction = 'toPlc' | 'fromPlc';

/** Addresses of the two ends: the client (a PC) and the PLC's EtherNet/IP unit. */
export interface Endpoints {
  clientIp: readonly [number, number, number, number];
  plcIp: readonly [number, number, number, number];
  clientPort: number;
  plcPort: number;
}

/** The usual plant addresses, FINS on port 9600 at both ends (FINS/UDP clients often use 9600 too). */
export const DEFAULT_ENDPOINTS: Endpoints = {
  clientIp: [192, 168, 250, 10],
  plcIp: [192, 168, 250, 1],
  clientPort: 9600,
  plcPort: 9600,
};

const CLIENT_MAC = [0x02, 0x00, 0x00, 0x00, 0x00, 0x0a];
const PLC_MAC = [0x00, 0x00, 0x0a, 0x00, 0x00, 0x01];
const IPPROTO_TCP = 6;
const IPPROTO_UDP = 17;

function u16(out: Uint8Array, at: number, v: number): void {
  out[at] = (v >> 8) & 0xff;
  out[at + 1] = v & 0xff;
}

function u32(out: Uint8Array, at: number, v: number): void {
  u16(out, at, (v >>> 16) & 0xffff);
  u16(out, at + 2, v & 0xffff);
}

function ipChecksum(header: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < header.length; i += 2) sum += ((header[i] ?? 0) << 8) | (header[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

/** An Ethernet frame carrying an IPv4 packet with `transport` (a UDP or TCP header plus data). */
function ethernetIp(direction: Direction, protocol: number, transport: Uint8Array, ends: Endpoints, id: number): Uint8Array {
  const toPlc = direction === 'toPlc';
  const out = new Uint8Array(14 + 20 + transport.length);
  out.set(toPlc ? PLC_MAC : CLIENT_MAC, 0);
  out.set(toPlc ? CLIENT_MAC : PLC_MAC, 6);
  u16(out, 12, 0x0800);
  const ip = new Uint8Array(20);
  ip[0] = 0x45;
  u16(ip, 2, 20 + transport.length);
  u16(ip, 4, id & 0xffff);
  ip[8] = 64;
  ip[9] = protocol;
  ip.set(toPlc ? ends.clientIp : ends.plcIp, 12);
  ip.set(toPlc ? ends.plcIp : ends.clientIp, 16);
  u16(ip, 10, ipChecksum(ip));
  out.set(ip, 14);
  out.set(transport, 34);
  return out;
}

/** One FINS/UDP datagram as an Ethernet frame. */
export function udpFrame(direction: Direction, payload: Uint8Array, id: number, ends: Endpoints = DEFAULT_ENDPOINTS): Uint8Array {
  const toPlc = direction === 'toPlc';
  const udp = new Uint8Array(8 + payload.length);
  u16(udp, 0, toPlc ? ends.clientPort : ends.plcPort);
  u16(udp, 2, toPlc ? ends.plcPort : ends.clientPort);
  u16(udp, 4, udp.length);
  // Checksum 0: "not computed", which IPv4 allows for UDP.
  udp.set(payload, 8);
  return ethernetIp(direction, IPPROTO_UDP, udp, ends, id);
}

const SYN = 0x02;
const ACK = 0x10;
const PSH = 0x08;

/**
 * One TCP connection from the client to the PLC: `open()` gives the three-way handshake,
 * `segment()` a data segment whose sequence and acknowledgement numbers follow on from
 * everything sent so far, so a dissector sees one clean stream in each direction.
 */
export class TcpConnection {
  private readonly ends: Endpoints;
  private clientSeq = 1000;
  private plcSeq = 5000;
  private id = 1;

  constructor(ends: Endpoints = DEFAULT_ENDPOINTS) {
    this.ends = ends;
  }

  private frame(direction: Direction, flags: number, payload: Uint8Array): Uint8Array {
    const toPlc = direction === 'toPlc';
    const tcp = new Uint8Array(20 + payload.length);
    u16(tcp, 0, toPlc ? this.ends.clientPort : this.ends.plcPort);
    u16(tcp, 2, toPlc ? this.ends.plcPort : this.ends.clientPort);
    u32(tcp, 4, toPlc ? this.clientSeq : this.plcSeq);
    u32(tcp, 8, (flags & ACK) !== 0 ? (toPlc ? this.plcSeq : this.clientSeq) : 0);
    tcp[12] = 5 << 4; // header length: 5 words
    tcp[13] = flags;
    u16(tcp, 14, 0xffff); // window
    tcp.set(payload, 20);
    const advance = payload.length + ((flags & SYN) !== 0 ? 1 : 0);
    if (toPlc) this.clientSeq = (this.clientSeq + advance) >>> 0;
    else this.plcSeq = (this.plcSeq + advance) >>> 0;
    return ethernetIp(direction, IPPROTO_TCP, tcp, this.ends, this.id++);
  }

  /** SYN, SYN-ACK, ACK. */
  open(): Uint8Array[] {
    return [this.frame('toPlc', SYN, new Uint8Array(0)), this.frame('fromPlc', SYN | ACK, new Uint8Array(0)), this.frame('toPlc', ACK, new Uint8Array(0))];
  }

  /** One data segment (PSH, ACK) carrying `payload`. */
  segment(direction: Direction, payload: Uint8Array): Uint8Array {
    return this.frame(direction, PSH | ACK, payload);
  }
}

/** A libpcap file holding `frames` (Ethernet), one second apart. */
export function pcapFile(frames: readonly Uint8Array[]): Uint8Array {
  const size = 24 + frames.reduce((sum, f) => sum + 16 + f.length, 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0xa1b2c3d4, true); // magic, written little-endian
  view.setUint16(4, 2, true); // version 2.4
  view.setUint16(6, 4, true);
  view.setUint32(16, 65535, true); // snapshot length
  view.setUint32(20, 1, true); // link type: Ethernet
  let at = 24;
  frames.forEach((frame, i) => {
    view.setUint32(at, 1_700_000_000 + i, true); // seconds
    view.setUint32(at + 4, 0, true); // microseconds
    view.setUint32(at + 8, frame.length, true); // bytes captured
    view.setUint32(at + 12, frame.length, true); // bytes on the wire
    out.set(frame, at + 16);
    at += 16 + frame.length;
  });
  return out;
}
