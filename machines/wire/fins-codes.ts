/**
 * FINS code tables: command codes, end codes, memory and parameter area codes, and the FINS/TCP
 * wrapper's commands and error codes. Sources: /work/shared/facts/fins-and-cpu.md (Wireshark
 * `packet-omron-fins.c`, the CJ reference manual). Meanings are in our own words.
 */
import { type MemoryArea, type OperatingMode, PROTOCOL_PORTS } from '../model.ts';

/** One FINS command: its two-byte code (MRC, SRC), name and what it does. */
export interface FinsCommandInfo {
  mrc: number;
  src: number;
  name: string;
  meaning: string;
}

const cmd = (code: number, name: string, meaning: string): FinsCommandInfo => ({
  mrc: code >> 8,
  src: code & 0xff,
  name,
  meaning,
});

/** The FINS commands the course shows, by code. */
export const FINS_COMMANDS: readonly FinsCommandInfo[] = [
  cmd(0x0101, 'MEMORY AREA READ', 'Reads consecutive words of an I/O memory area.'),
  cmd(0x0102, 'MEMORY AREA WRITE', 'Writes consecutive words of an I/O memory area.'),
  cmd(0x0103, 'MEMORY AREA FILL', 'Writes one value into a range of words.'),
  cmd(0x0104, 'MULTIPLE MEMORY AREA READ', 'Reads several unrelated addresses at once.'),
  cmd(0x0105, 'MEMORY AREA TRANSFER', 'Copies words from one place in memory to another.'),
  cmd(0x0201, 'PARAMETER AREA READ', 'Reads the PLC Setup or another parameter area.'),
  cmd(0x0202, 'PARAMETER AREA WRITE', 'Overwrites the PLC Setup or another parameter area.'),
  cmd(0x0203, 'PARAMETER AREA CLEAR', 'Clears a parameter area.'),
  cmd(0x0304, 'PROGRAM AREA PROTECT', 'Protects the user program area.'),
  cmd(0x0305, 'PROGRAM AREA PROTECT CLEAR', 'Removes the user program area protection.'),
  cmd(0x0306, 'PROGRAM AREA READ', 'Uploads part of the user program.'),
  cmd(0x0307, 'PROGRAM AREA WRITE', 'Downloads part of the user program (PROGRAM mode only).'),
  cmd(0x0308, 'PROGRAM AREA CLEAR', 'Erases the user program.'),
  cmd(0x0401, 'RUN', 'Switches the CPU Unit to MONITOR or RUN mode.'),
  cmd(0x0402, 'STOP', 'Switches the CPU Unit to PROGRAM mode.'),
  cmd(0x0501, 'CONTROLLER DATA READ', 'Returns the CPU model, version and memory sizes; always answered.'),
  cmd(0x0601, 'CONTROLLER STATUS READ', 'Returns the operating status and errors.'),
  cmd(0x0701, 'CLOCK READ', 'Returns the CPU clock in BCD.'),
  cmd(0x0702, 'CLOCK WRITE', 'Sets the CPU clock (BCD year, month, day, hour, minute, second, weekday).'),
  cmd(0x0c01, 'ACCESS RIGHT ACQUIRE', 'Takes the exclusive right to change the CPU Unit.'),
  cmd(0x0c02, 'ACCESS RIGHT FORCED ACQUIRE', 'Takes the access right even from another holder.'),
  cmd(0x0c03, 'ACCESS RIGHT RELEASE', 'Gives the access right back.'),
  cmd(0x2101, 'ERROR CLEAR', 'Clears the current error.'),
  cmd(0x2102, 'ERROR LOG READ', 'Reads records from the error log.'),
  cmd(0x2103, 'ERROR LOG CLEAR', 'Empties the error log.'),
  cmd(0x2140, 'FINS WRITE ACCESS LOG READ', 'Reads the log of network write attempts.'),
  cmd(0x2141, 'FINS WRITE ACCESS LOG CLEAR', 'Clears the log of network write attempts.'),
  cmd(0x2201, 'FILE NAME READ', 'Lists files in file memory.'),
  cmd(0x2202, 'SINGLE FILE READ', 'Reads a file from file memory.'),
  cmd(0x2203, 'SINGLE FILE WRITE', 'Writes a file to file memory.'),
  cmd(0x2204, 'FILE MEMORY FORMAT', 'Formats file memory.'),
  cmd(0x2205, 'FILE DELETE', 'Deletes files.'),
  cmd(0x2207, 'FILE COPY', 'Copies a file.'),
  cmd(0x2208, 'FILE NAME CHANGE', 'Renames a file.'),
  cmd(0x220a, 'MEMORY AREA–FILE TRANSFER', 'Moves data between I/O memory and a file.'),
  cmd(0x220b, 'PARAMETER AREA–FILE TRANSFER', 'Moves data between a parameter area and a file.'),
  cmd(0x220c, 'PROGRAM AREA–FILE TRANSFER', 'Moves data between the program area and a file.'),
  cmd(0x2215, 'CREATE/DELETE DIRECTORY', 'Creates or deletes a folder in file memory.'),
  cmd(0x2601, 'NAME SET', 'Registers a name in the CPU Unit.'),
  cmd(0x2603, 'NAME READ', 'Returns the name registered in the CPU Unit.'),
];

/** Looks up a command by its MRC and SRC. */
export function commandInfo(mrc: number, src: number): FinsCommandInfo | undefined {
  return FINS_COMMANDS.find((c) => c.mrc === mrc && c.src === src);
}

/** One FINS end code: what a response reports. */
export interface EndCodeInfo {
  code: number;
  name: string;
  /** What it means for the person who sent the command. */
  meaning: string;
}

/** Named end codes the simulators use when they refuse or answer a command. */
export const END_CODE = {
  normal: 0x0000,
  undefinedCommand: 0x0401,
  notSupported: 0x0402,
  commandTooLong: 0x1001,
  commandTooShort: 0x1002,
  itemCountMismatch: 0x1003,
  formatError: 0x1004,
  headerError: 0x1005,
  areaCodeInvalid: 0x1101,
  addressOutOfRange: 0x1103,
  rangeExceeded: 0x1104,
  readOnly: 0x2101,
  protected: 0x2102,
  cannotChange: 0x2108,
  running: 0x2201,
  stopped: 0x2202,
  programMode: 0x2203,
  monitorMode: 0x2205,
  runMode: 0x2206,
  notProtected: 0x2601,
  wrongPassword: 0x2602,
  areaProtected: 0x2604,
  accessRightHeld: 0x3001,
} as const;

/** Every end code the course can show, with its name and meaning. */
export const END_CODES: readonly EndCodeInfo[] = [
  { code: 0x0000, name: 'Normal completion', meaning: 'Done: the command was carried out.' },
  { code: 0x0001, name: 'Service canceled', meaning: 'The service stopped before it finished.' },
  { code: 0x0101, name: 'Local node not in network', meaning: 'The sending unit is not part of the network.' },
  { code: 0x0201, name: 'Destination node not in network', meaning: 'No node with that address is on the network.' },
  { code: 0x0202, name: 'Destination missing', meaning: 'No node or unit with that address answers.' },
  { code: 0x0204, name: 'Destination busy', meaning: 'The destination could not take the command now.' },
  { code: 0x0205, name: 'Response timeout', meaning: 'No answer came back in time.' },
  { code: 0x0302, name: 'CPU Unit error', meaning: 'The CPU Unit at the destination has an error.' },
  { code: 0x0401, name: 'Undefined command', meaning: 'The destination does not know this command code.' },
  { code: 0x0402, name: 'Not supported by model/version', meaning: 'This model or unit version cannot run the command.' },
  { code: 0x0501, name: 'Routing: destination not set', meaning: 'The routing tables have no entry for the destination.' },
  { code: 0x1001, name: 'Command too long', meaning: 'The frame carries more data than the command allows.' },
  { code: 0x1002, name: 'Command too short', meaning: 'The frame is missing parameters the command needs.' },
  { code: 0x1003, name: 'Item count mismatch', meaning: 'The count given does not match the data sent.' },
  { code: 0x1004, name: 'Command format error', meaning: 'The parameters are not laid out as the command expects.' },
  { code: 0x1005, name: 'Header error', meaning: 'The FINS header is invalid.' },
  { code: 0x1101, name: 'Area code invalid', meaning: 'The memory area code is unknown to this CPU.' },
  { code: 0x1102, name: 'Access size error', meaning: 'The access size is wrong for this area.' },
  { code: 0x1103, name: 'Address out of range', meaning: 'The first address lies outside the area.' },
  { code: 0x1104, name: 'Address range exceeded', meaning: 'The words asked for run past the end of the area.' },
  { code: 0x110c, name: 'Parameter error', meaning: 'A parameter code in the command is wrong.' },
  { code: 0x2101, name: 'Area read-only', meaning: 'The area can be read but never written.' },
  { code: 0x2102, name: 'Data protected', meaning: 'The data is write-protected and was not changed.' },
  { code: 0x2108, name: 'Data cannot be changed', meaning: 'The CPU Unit refused to change the data.' },
  { code: 0x2201, name: 'Wrong mode: running', meaning: 'Not possible while the program is executing.' },
  { code: 0x2202, name: 'Wrong mode: stopped', meaning: 'Not possible while the program is stopped.' },
  { code: 0x2203, name: 'Wrong mode: PROGRAM', meaning: 'Not possible in PROGRAM mode.' },
  { code: 0x2205, name: 'Wrong mode: MONITOR', meaning: 'Not possible in MONITOR mode.' },
  { code: 0x2206, name: 'Wrong mode: RUN', meaning: 'Not possible in RUN mode.' },
  { code: 0x2303, name: 'No clock', meaning: 'The CPU Unit has no clock.' },
  { code: 0x2601, name: 'Area not protected', meaning: 'There is no protection to clear.' },
  { code: 0x2602, name: 'Wrong password', meaning: 'The password given does not match.' },
  { code: 0x2604, name: 'Area protected', meaning: 'The area is protected against this operation.' },
  { code: 0x2605, name: 'Service already running', meaning: 'The same service is in progress.' },
  { code: 0x3001, name: 'Access right held by another device', meaning: 'Another device holds the access right; wait or release it there.' },
  { code: 0x4001, name: 'Service aborted', meaning: 'The service was aborted.' },
];

/** An end code with its flag bits taken apart. */
export interface DecodedEndCode extends EndCodeInfo {
  /** The code as sent, flags included. */
  raw: number;
  /** Bit 15 (MRES bit 7): an error occurred while relaying across networks. */
  relayError: boolean;
  /** Bit 7 (SRES bit 7): the destination CPU Unit has a fatal error. */
  fatalCpuError: boolean;
  /** Bit 6 (SRES bit 6): the destination CPU Unit has a non-fatal error. */
  nonFatalCpuError: boolean;
}

/**
 * Names an end code. The relay-error and CPU-error flag bits ride on top of the code
 * (mask 0x7F3F keeps the code itself); unknown codes are named as such, never guessed.
 */
export function decodeEndCode(raw: number): DecodedEndCode {
  const code = raw & 0x7f3f;
  const info = END_CODES.find((e) => e.code === code);
  return {
    raw,
    code,
    name: info?.name ?? 'Unknown end code',
    meaning: info?.meaning ?? 'The course has no description for this end code.',
    relayError: (raw & 0x8000) !== 0,
    fatalCpuError: (raw & 0x0080) !== 0,
    nonFatalCpuError: (raw & 0x0040) !== 0,
  };
}

/** CS/CJ-mode word area codes for MEMORY AREA READ/WRITE (CIO 0xB0, W 0xB1, H 0xB2, A 0xB3, D 0x82). */
export const MEMORY_AREA_CODES: Readonly<Record<MemoryArea, number>> = {
  CIO: 0xb0,
  W: 0xb1,
  H: 0xb2,
  A: 0xb3,
  D: 0x82,
};

/** The memory area a word area code names, if any. */
export function memoryAreaOf(code: number): MemoryArea | undefined {
  return (Object.keys(MEMORY_AREA_CODES) as MemoryArea[]).find((area) => MEMORY_AREA_CODES[area] === code);
}

/** Parameter area codes for PARAMETER AREA READ/WRITE (Wireshark `packet-omron-fins.c`). */
export const PARAMETER_AREA_CODES = {
  plcSetup: 0x8010,
  peripheralSettings: 0x8011,
  ioTable: 0x8012,
  routingTables: 0x8013,
  cpuBusUnitSetup: 0x8002,
} as const;

/** Names of the parameter area codes. */
export const PARAMETER_AREA_NAMES: ReadonlyMap<number, string> = new Map([
  [0x8010, 'PLC Setup'],
  [0x8011, 'peripheral device settings'],
  [0x8012, 'I/O table'],
  [0x8013, 'routing tables'],
  [0x8002, 'CPU Bus Unit Setup'],
]);

/** The mode byte of the RUN command (0401); PROGRAM mode is reached with STOP (0402). */
export const RUN_MODE_CODES: Readonly<Record<OperatingMode, number>> = {
  PROGRAM: 0x00,
  MONITOR: 0x02,
  RUN: 0x04,
};

/** FINS/TCP wrapper commands. */
export const FINS_TCP_COMMAND = {
  /** Client → server: please give me a node address (client node 0 = assign one). */
  nodeAddressRequest: 0,
  /** Server → client: the client's and the server's node addresses. */
  nodeAddressResponse: 1,
  /** Either way: a FINS frame follows. */
  frameSend: 2,
  /** Either way: a frame could not be sent. */
  frameSendError: 3,
} as const;

/** Names of the FINS/TCP commands by number. */
export const FINS_TCP_COMMAND_NAMES: ReadonlyMap<number, string> = new Map([
  [0, 'node address request (client → server)'],
  [1, 'node address response (server → client)'],
  [2, 'FINS frame send'],
  [3, 'FINS frame send error'],
]);

/**
 * FINS/TCP error codes. 0x20–0x22 come from the facts file; ASSUMPTION: 0x01–0x03 and
 * 0x23–0x25 are as the CS/CJ Ethernet Unit manual lists them (not in our facts file).
 */
export const FINS_TCP_ERRORS: ReadonlyMap<number, string> = new Map([
  [0x00, 'no error'],
  [0x01, 'the header does not start with "FINS"'],
  [0x02, 'the data length is too long'],
  [0x03, 'the command is not supported'],
  [0x20, 'all connections are in use'],
  [0x21, 'the specified node is already connected'],
  [0x22, 'a protected node was accessed from an IP address that is not allowed'],
  [0x23, 'the client FINS node address is out of range'],
  [0x24, 'the client and the server use the same FINS node address'],
  [0x25, 'every node address available for allocation is in use'],
]);

/** FINS/UDP and FINS/TCP default port. */
export const FINS_PORT = PROTOCOL_PORTS['fins-udp'].port;

/** Bytes in the FINS header (ICF … SID). */
export const FINS_HEADER_BYTES = 10;

/** Largest FINS frame over Ethernet: 10-byte header, 2-byte command code, up to 2000 bytes more. */
export const FINS_MAX_FRAME_BYTES = 2012;
