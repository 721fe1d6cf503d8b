/**
 * The bridge's way in: a FINS command frame a real client sent, read back into the operation
 * the request path knows — the inverse of machines/wire/fins-commands.ts `finsCommandFor` — and
 * the response frame that goes back. Pure (no sockets); the codes come from machines/wire/.
 */
import { fromBcd } from '../../../machines/cpu/bcd.ts';
import { END_CODE, memoryAreaOf, RUN_MODE_CODES } from '../../../machines/wire/fins-codes.ts';
import { buildResponse, type FinsCommandFrame, responseDataFor } from '../../../machines/wire/fins.ts';
import type { OperatingMode, Operation, Outcome } from '../../../machines/model.ts';

/** What a command frame asks for: an operation the request path can walk, or an end code at once. */
export type DecodedCommand = { ok: true; operation: Operation } | { ok: false; endCode: number };

const refuse = (endCode: number): DecodedCommand => ({ ok: false, endCode });

function u16(bytes: Uint8Array, at: number): number {
  return ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);
}

/** MEMORY AREA READ/WRITE parameters: area code, first word, bit (0 for words), count. */
function memoryParams(params: Uint8Array): { area: ReturnType<typeof memoryAreaOf>; address: number; bit: number; count: number } {
  return { area: memoryAreaOf(params[0] ?? 0), address: u16(params, 1), bit: params[3] ?? 0, count: u16(params, 4) };
}

const MODE_OF_CODE = new Map<number, OperatingMode>(Object.entries(RUN_MODE_CODES).map(([mode, code]) => [code, mode as OperatingMode]));

/**
 * CLOCK WRITE parameters (BCD year, month, day, hour, minute, and optionally second and weekday)
 * as the ISO wall-clock text the CPU Unit machine takes. ASSUMPTION: two-digit years are
 * 2000–2099, the range the simulated clock keeps (machines/cpu/clock.ts); a missing second is 0.
 */
function clockText(params: Uint8Array): string | null {
  if (params.length < 5 || params.length > 7) return null;
  try {
    const [year, month, day, hour, minute, second = 0] = Array.from(params.slice(0, 6), fromBcd);
    const two = (n: number | undefined): string => String(n ?? 0).padStart(2, '0');
    return `20${two(year)}-${two(month)}-${two(day)}T${two(hour)}:${two(minute)}:${two(second)}`;
  } catch {
    return null;
  }
}

function memoryRead(params: Uint8Array): DecodedCommand {
  if (params.length < 6) return refuse(END_CODE.commandTooShort);
  if (params.length > 6) return refuse(END_CODE.commandTooLong);
  const { area, address, bit, count } = memoryParams(params);
  // Bit access uses other area codes; the simulator models word areas only.
  if (!area || bit !== 0) return refuse(END_CODE.areaCodeInvalid);
  return { ok: true, operation: { kind: 'memory.read', area, address, count } };
}

function memoryWrite(params: Uint8Array): DecodedCommand {
  if (params.length < 6) return refuse(END_CODE.commandTooShort);
  const { area, address, bit, count } = memoryParams(params);
  if (!area || bit !== 0) return refuse(END_CODE.areaCodeInvalid);
  const data = params.slice(6);
  if (data.length !== count * 2) return refuse(END_CODE.itemCountMismatch);
  const values = Array.from({ length: count }, (_, i) => u16(data, i * 2));
  return { ok: true, operation: { kind: 'memory.write', area, address, values } };
}

function runMode(params: Uint8Array): DecodedCommand {
  // ASSUMPTION: a RUN command without its mode byte asks for MONITOR mode, as the FINS
  // command reference describes an omitted mode.
  if (params.length < 3) return { ok: true, operation: { kind: 'mode.set', mode: 'MONITOR' } };
  const mode = MODE_OF_CODE.get(params[2] ?? -1);
  return mode && mode !== 'PROGRAM' ? { ok: true, operation: { kind: 'mode.set', mode } } : refuse(END_CODE.formatError);
}

/** PARAMETER AREA WRITE as the simulator sends it (fins-commands.ts): sorted JSON text after six bytes. */
function parametersWrite(params: Uint8Array): DecodedCommand {
  try {
    const text = new TextDecoder().decode(params.slice(6)).replace(/\0+$/, '');
    const settings: unknown = JSON.parse(text);
    if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) return refuse(END_CODE.formatError);
    return { ok: true, operation: { kind: 'parameters.write', settings: settings as Record<string, string | number | boolean> } };
  } catch {
    return refuse(END_CODE.formatError);
  }
}

/** The decoder of each command the simulator models, by its two-byte code (MRC << 8 | SRC). */
const DECODERS: ReadonlyMap<number, (params: Uint8Array) => DecodedCommand> = new Map([
  [0x0101, memoryRead],
  [0x0102, memoryWrite],
  [0x0201, (): DecodedCommand => ({ ok: true, operation: { kind: 'parameters.read' } })],
  [0x0202, parametersWrite],
  [0x0306, (): DecodedCommand => ({ ok: true, operation: { kind: 'program.read' } })],
  [0x0308, (): DecodedCommand => ({ ok: true, operation: { kind: 'memory.clearAll' } })],
  [0x0401, runMode],
  [0x0402, (): DecodedCommand => ({ ok: true, operation: { kind: 'mode.set', mode: 'PROGRAM' } })],
  [0x0501, (): DecodedCommand => ({ ok: true, operation: { kind: 'controller.read' } })],
  [0x0701, (): DecodedCommand => ({ ok: true, operation: { kind: 'clock.read' } })],
  [
    0x0702,
    (params: Uint8Array): DecodedCommand => {
      const at = clockText(params);
      return at === null ? refuse(END_CODE.formatError) : { ok: true, operation: { kind: 'clock.write', at } };
    },
  ],
  [0x2102, (): DecodedCommand => ({ ok: true, operation: { kind: 'errorLog.read' } })],
  [0x2603, (): DecodedCommand => ({ ok: true, operation: { kind: 'name.read' } })],
]);

/**
 * The operation a command frame asks for, or the end code the unit answers at once: a command
 * the simulator does not model gets "undefined command" (ASSUMPTION: a real CPU Unit knows more
 * commands than the simulator; it answers them as it would answer a command it does not know),
 * and parameters that do not fit their command get the end code for what is wrong with them.
 */
export function decodeCommand(frame: FinsCommandFrame): DecodedCommand {
  const decode = DECODERS.get((frame.mrc << 8) | frame.src);
  return decode ? decode(frame.params) : refuse(END_CODE.undefinedCommand);
}

/**
 * The response frame to `frame` for the request path's outcome, or null when nothing goes back
 * (the outcome carries no end code: dropped by the filter, or refused without a FINS answer).
 * A normal response carries the data the CPU Unit returned; a refusal its end code alone.
 */
export function answerFrame(frame: FinsCommandFrame, operation: Operation | null, outcome: Pick<Outcome, 'endCode' | 'data'>): Uint8Array | null {
  if (outcome.endCode === undefined) return null;
  const data = outcome.endCode === 0 && operation ? responseDataFor(operation, outcome.data) : new Uint8Array(0);
  return buildResponse(frame, outcome.endCode, data);
}
