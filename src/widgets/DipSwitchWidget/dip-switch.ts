/**
 * Lesson 11 (DIP switch write protection, §2-5-1): the rack, the downloads the learner tries
 * over the network and over USB, the memory card for the power-on load, and the words the
 * widget shows for the switch and the power-on history. What the switch blocks is decided by
 * the request path and the CPU machine (machines/cpu/cpu-checks.ts checkDipSwitch, the machine's
 * power.on guards), never here.
 */
import type { MemoryCardContents, PowerOnEntry } from '../../../machines/cpu/cpu-unit.machine.ts';
import type { RackConfig, Request } from '../../../machines/model.ts';
import { CHANGED_PROGRAM } from '../kit/requests.ts';
import { cpuLessonRack, fromEngineeringPc, type KnownProgram, LINE_PROGRAM, programWith, usbRequest } from '../kit/cpu-scenarios.ts';

/** The rack: the scenario CJ2H, waiting in PROGRAM mode so a download can land when allowed. */
export const DIP_RACK: RackConfig = cpuLessonRack({}, { mode: 'PROGRAM' });

/** The program on the memory card a stranger slipped in. */
export const CARD_PROGRAM = programWith('// loaded from the memory card');

/** What the card holds: a program, a PLC Setup value and I/O memory, loaded all at once (§2-5-1). */
export const CARD_CONTENTS: MemoryCardContents = {
  program: CARD_PROGRAM,
  parameters: { startupMode: 'RUN' },
  memory: { D: { 100: 9999 } },
};

/** Programs the widget names when it shows what the CPU holds. */
export const DIP_PROGRAMS: readonly KnownProgram[] = [
  { label: "the line's own program", program: LINE_PROGRAM },
  { label: 'the changed program that was downloaded', program: CHANGED_PROGRAM },
  { label: 'the program from the memory card', program: CARD_PROGRAM },
];

/** Where a download comes from. */
export type DownloadRoute = 'network' | 'usb';

/** The download of a changed program, from the engineering PC over FINS or from the USB laptop. */
export function downloadRequest(route: DownloadRoute): Request {
  const operation = { kind: 'program.write', program: CHANGED_PROGRAM } as const;
  return route === 'network' ? fromEngineeringPc(operation) : usbRequest(operation);
}

/** "ON" / "OFF", as a switch pin reads. */
export function pinText(on: boolean): string {
  return on ? 'ON' : 'OFF';
}

const CARD_RESULT: Readonly<Record<PowerOnEntry['card'], string>> = {
  loaded: 'the memory card was loaded into the CPU (program, PLC Setup and I/O memory)',
  'blocked-by-dip': 'the DIP switch write protection held the memory card back (§2-5-1)',
  none: 'nothing was loaded (no card with contents, or the auto-load pin is OFF)',
};

/** The last power-on in words, or that the power has not been cycled yet. */
export function powerOnText(history: readonly PowerOnEntry[]): string {
  const last = history.at(-1);
  if (!last) return 'The power has not been cycled yet.';
  const time = last.at.slice(11, 19);
  return `Power-on ${history.length} at ${time}: ${CARD_RESULT[last.card]}.`;
}
