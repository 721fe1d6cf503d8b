/**
 * EtherNet/IP on 44818, as far as a scanner looks: the encapsulation header and the List Identity
 * reply (command 0x63) that names the unit — what nmap's `enip-info` and Wireshark's ENIP
 * dissector read. Layout: the ODVA encapsulation (24-byte header, little-endian, then one CIP
 * Identity item 0x0C whose socket address is big-endian). Pure bytes, no sockets.
 */
import type { CommUnitId } from '../../../machines/model.ts';

/** The encapsulation header's size. */
export const ENIP_HEADER_BYTES = 24;

/** Encapsulation commands the bridge knows. */
export const ENIP_COMMAND = { listIdentity: 0x63 } as const;

/** Encapsulation status "invalid or unsupported command". */
export const ENIP_UNSUPPORTED = 0x0001;

/** OMRON's EtherNet/IP vendor ID (ODVA's list, as Wireshark and nmap name it). */
export const OMRON_VENDOR_ID = 47;

/** CIP device type 0x0C, communications adapter: what an EtherNet/IP Unit reports. */
export const COMMUNICATIONS_ADAPTER = 0x0c;

/** Item type 0x0C of a List Identity reply: the CIP Identity item (the same number, another field). */
const CIP_IDENTITY_ITEM = 0x0c;

/**
 * ASSUMPTION: the identity the simulated unit reports beyond vendor, type and name. The
 * guideline gives no product codes, revisions or serial numbers; these are stand-ins, the same
 * for every lab: product code 0x0690, revision 3.1, serial number 0x00EC2150, status 0x0030
 * (configured, no faults), state 3 (operational).
 */
export const SIMULATED_IDENTITY = { productCode: 0x0690, revision: [3, 1], serialNumber: 0x00ec2150, status: 0x0030, state: 3 } as const;

/** An encapsulation header taken apart (the fields a reply repeats). */
export interface EnipHeader {
  command: number;
  length: number;
  session: number;
  status: number;
  /** The sender's eight bytes, echoed in the reply. */
  context: Uint8Array;
  options: number;
}

/** Parses the 24-byte header; null when `bytes` is too short or its length field disagrees. */
export function parseEnipHeader(bytes: Uint8Array): EnipHeader | null {
  if (bytes.length < ENIP_HEADER_BYTES) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = view.getUint16(2, true);
  if (bytes.length < ENIP_HEADER_BYTES + length) return null;
  return {
    command: view.getUint16(0, true),
    length,
    session: view.getUint32(4, true),
    status: view.getUint32(8, true),
    context: bytes.slice(12, 20),
    options: view.getUint32(20, true),
  };
}

function header(request: EnipHeader, dataLength: number, status: number): Uint8Array {
  const out = new Uint8Array(ENIP_HEADER_BYTES);
  const view = new DataView(out.buffer);
  view.setUint16(0, request.command, true);
  view.setUint16(2, dataLength, true);
  view.setUint32(4, request.session, true);
  view.setUint32(8, status, true);
  out.set(request.context.slice(0, 8), 12);
  return out;
}

/** The reply to a command the bridge does not serve: the same header with status 0x0001 and no data. */
export function unsupportedReply(request: EnipHeader): Uint8Array {
  return header(request, 0, ENIP_UNSUPPORTED);
}

/** The unit a List Identity reply describes: its model and its IP address on the plant network. */
export interface IdentityOf {
  model: CommUnitId;
  ip: string;
  port: number;
}

/**
 * The List Identity reply: one CIP Identity item with the encapsulation version (1), the unit's
 * socket address (its plant address, as a real unit reports its own), vendor OMRON, device type
 * communications adapter, SIMULATED_IDENTITY, and the model as the product name.
 */
export function listIdentityReply(request: EnipHeader, unit: IdentityOf): Uint8Array {
  const name = new TextEncoder().encode(unit.model);
  const item = new Uint8Array(2 + 16 + 2 + 2 + 2 + 2 + 2 + 4 + 1 + name.length + 1);
  const view = new DataView(item.buffer);
  const id = SIMULATED_IDENTITY;
  view.setUint16(0, 1, true); // encapsulation protocol version
  view.setUint16(2, 2, false); // sin_family AF_INET, big-endian like the rest of the socket address
  view.setUint16(4, unit.port, false);
  item.set(unit.ip.split('.').map(Number), 6);
  // Bytes 10–17 are sin_zero; the identity follows.
  view.setUint16(18, OMRON_VENDOR_ID, true);
  view.setUint16(20, COMMUNICATIONS_ADAPTER, true);
  view.setUint16(22, id.productCode, true);
  item.set(id.revision, 24);
  view.setUint16(26, id.status, true);
  view.setUint32(28, id.serialNumber, true);
  view.setUint8(32, name.length);
  item.set(name, 33);
  view.setUint8(33 + name.length, id.state);

  const data = new Uint8Array(6 + item.length);
  const dataView = new DataView(data.buffer);
  dataView.setUint16(0, 1, true); // item count
  dataView.setUint16(2, CIP_IDENTITY_ITEM, true);
  dataView.setUint16(4, item.length, true);
  data.set(item, 6);
  const out = new Uint8Array(ENIP_HEADER_BYTES + data.length);
  out.set(header(request, data.length, 0));
  out.set(data, ENIP_HEADER_BYTES);
  return out;
}
