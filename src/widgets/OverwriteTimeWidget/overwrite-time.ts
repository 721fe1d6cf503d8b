/**
 * Lesson 15 (user data overwrite time, §2-5-5): the rack, the changes the learner makes, and
 * the A90–A97 words shown in hex and decoded field by field. The CPU machine stamps the words
 * and compares them with a baseline (cpu-unit.machine.ts overwriteBaseline, tamperSince); this
 * module only reads and names them.
 */
import { decodeTimestamp, fromBcd } from '../../../machines/cpu/bcd.ts';
import { AUX, readWords } from '../../../machines/cpu/cpu-hardware.ts';
import type { CpuUnitEvent, CpuView, TamperReport } from '../../../machines/cpu/cpu-unit.machine.ts';
import type { RackConfig, Request } from '../../../machines/model.ts';
import { CHANGED_PROGRAM, OPERATION_PRESETS } from '../kit/requests.ts';
import { cpuLessonRack, fromEngineeringPc, fromRogueLaptop } from '../kit/cpu-scenarios.ts';

/** The rack: the scenario CJ2H in PROGRAM mode, so downloads and PLC Setup writes can land. */
export const OVERWRITE_RACK: RackConfig = cpuLessonRack({}, { mode: 'PROGRAM' });

/** The changes the learner can make, each a request from the network. */
export type OverwriteActionId = 'download' | 'write-setup' | 'write-d100' | 'forge-a90';

/** The buttons, in order. */
export const OVERWRITE_ACTIONS: readonly { id: OverwriteActionId; label: string }[] = [
  { id: 'download', label: 'Download a changed program' },
  { id: 'write-setup', label: 'Write a PLC Setup value' },
  { id: 'write-d100', label: 'Write D100 (a data word)' },
  { id: 'forge-a90', label: 'Forge A90 (write the Auxiliary Area)' },
];

/** The request behind each change: engineering PC for the legitimate ones, the rogue laptop for the forgery. */
export function overwriteRequest(action: OverwriteActionId): Request {
  switch (action) {
    case 'download':
      return fromEngineeringPc({ kind: 'program.write', program: CHANGED_PROGRAM });
    case 'write-setup':
      return fromEngineeringPc(OPERATION_PRESETS.writeParameters.operation);
    case 'write-d100':
      return fromEngineeringPc(OPERATION_PRESETS.writeD100.operation);
    case 'forge-a90':
      return fromRogueLaptop({ kind: 'memory.write', area: 'A', address: AUX.programOverwriteTime, values: [0x0000] });
  }
}

/**
 * Seconds the CPU clock moves before each change, for the time the engineer takes to make it.
 * Without it a change made in the same second as the baseline would leave A90–A97 as they were
 * (the words count whole seconds), which is true but would hide the point of the lesson.
 */
export const CHANGE_TAKES_SECONDS = 67;

/** The CPU event that lets the time of one change pass. */
export function changeTakesTimeEvent(): Extract<CpuUnitEvent, { type: 'clock.advanced' }> {
  return { type: 'clock.advanced', seconds: CHANGE_TAKES_SECONDS };
}

/** How far the "let time pass" button moves the CPU clock: 1 h 23 min 45 s, so every field changes. */
export const TIME_STEP_SECONDS = 3600 + 23 * 60 + 45;

/** The CPU event for "let time pass". */
export function timePassesEvent(): Extract<CpuUnitEvent, { type: 'clock.advanced' }> {
  return { type: 'clock.advanced', seconds: TIME_STEP_SECONDS };
}

/** One byte of a timestamp word, named. */
export interface TimestampByte {
  field: string;
  /** The BCD byte as two hex digits ("26"). */
  hex: string;
  /** Its decimal value. */
  value: number;
}

/** One Auxiliary Area word of a timestamp. */
export interface TimestampWord {
  /** "A90". */
  address: string;
  /** "0x1530". */
  hex: string;
  high: TimestampByte;
  low: TimestampByte;
}

/** One overwrite-time record (§2-5-5). */
export interface TimestampRecord {
  id: 'program' | 'parameters';
  /** "User program (A90–A93)". */
  label: string;
  words: TimestampWord[];
  /** "Mon 2026-03-02 09:00:00", or why the words do not decode. */
  decoded: string;
}

const FIELDS: readonly [string, string][] = [
  ['minute', 'second'],
  ['day', 'hour'],
  ['year', 'month'],
  ['(not described; 00 here)', 'day of week'],
];

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function byte(field: string, b: number): TimestampByte {
  return { field, hex: b.toString(16).toUpperCase().padStart(2, '0'), value: fromBcd(b) };
}

function record(cpu: CpuView, id: TimestampRecord['id'], first: number, what: string): TimestampRecord {
  const raw = readWords(cpu.memory, 'A', first, 4);
  const words = raw.map((w, i) => {
    const [highField, lowField] = FIELDS[i] ?? ['?', '?'];
    return {
      address: `A${first + i}`,
      hex: `0x${w.toString(16).toUpperCase().padStart(4, '0')}`,
      high: byte(highField, w >> 8),
      low: byte(lowField, w & 0xff),
    };
  });
  let decoded: string;
  try {
    const iso = decodeTimestamp(raw);
    const day = DAYS[new Date(iso).getUTCDay()] ?? '';
    decoded = `${day} ${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  } catch (error) {
    decoded = `does not decode: ${(error as Error).message}`;
  }
  return { id, label: `${what} (A${first}–A${first + 3})`, words, decoded };
}

/** Both records, program first, read from the CPU's Auxiliary Area. */
export function timestampRecords(cpu: CpuView): TimestampRecord[] {
  return [
    record(cpu, 'program', AUX.programOverwriteTime, 'User program'),
    record(cpu, 'parameters', AUX.parameterOverwriteTime, 'Parameter area'),
  ];
}

/** The CPU clock as the widget shows it. */
export function clockText(cpu: CpuView): string {
  const day = DAYS[new Date(cpu.clock).getUTCDay()] ?? '';
  return `${day} ${cpu.clock.slice(0, 10)} ${cpu.clock.slice(11, 19)}`;
}

/** The comparison with the baseline in one sentence. */
export function tamperText(report: TamperReport): string {
  if (!report.tampered) return 'No change since the baseline: A90–A97 hold the same values.';
  const what = [report.program ? 'the user program (A90–A93)' : null, report.parameters ? 'the parameter area (A94–A97)' : null]
    .filter((x) => x !== null)
    .join(' and ');
  return `Changed since the baseline: ${what} was overwritten. Raise the alarm unless this was a planned change.`;
}
