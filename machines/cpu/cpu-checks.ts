/**
 * The CPU Unit's checks on the request path: pure functions of (CpuView, Request) that answer
 * pass / block / n/a with the reason, the guideline section and, for a block, the FINS end code
 * the CPU would send (facts file). The request path (request-path.ts) calls them in layer order.
 *
 * End codes ⚠: the facts file lists the codes but not which refusal sends which. Our choices:
 * 2101 (area read-only) for the DIP switch, FINS write protection and Auxiliary Area writes,
 * 2102 (data protected) for read protection and the overwrite prohibition, 2602 (wrong
 * password) when a wrong protection password is offered, 2205/2206 for the wrong mode.
 */
import { hasDipWriteProtection, hasFinsWriteProtection, hasPlcName, lotNumberAddress } from './cpu-hardware.ts';
import type { CpuView } from './cpu-unit.machine.ts';
import { FINS_CARRIERS, type NetworkProtocol, type Operation, type OperationKind, plural, type Request, type StepSource, type TraceStep } from '../model.ts';

/** FINS end codes the CPU checks use (facts file). */
export const END_CODES = {
  areaReadOnly: 0x2101,
  dataProtected: 0x2102,
  wrongPassword: 0x2602,
  notInMonitorMode: 0x2205,
  notInRunMode: 0x2206,
} as const;

/** Operations that write to the CPU Unit or change how it operates (§2-5-3). */
export const CPU_WRITE_OPERATIONS: ReadonlySet<OperationKind> = new Set<OperationKind>([
  'memory.write',
  'parameters.write',
  'program.write',
  'program.editTasks',
  'mode.set',
  'memory.clearAll',
  'clock.write',
]);

/** Operations that only read from the CPU Unit. */
export const CPU_READ_OPERATIONS: ReadonlySet<OperationKind> = new Set<OperationKind>([
  'controller.read',
  'memory.read',
  'parameters.read',
  'program.read',
  'clock.read',
  'name.read',
  'errorLog.read',
]);

const OPERATION_WORDS: Partial<Record<OperationKind, string>> = {
  'controller.read': 'reading the controller data',
  'memory.read': 'reading I/O memory',
  'memory.write': 'writing I/O memory',
  'parameters.read': 'reading the parameter area',
  'parameters.write': 'overwriting the parameter area (PLC Setup)',
  'program.read': 'uploading the user program',
  'program.write': 'downloading the user program',
  'program.editTasks': 'online editing / task download',
  'mode.set': 'changing the operating mode',
  'memory.clearAll': 'Memory All Clear',
  'clock.read': 'reading the clock',
  'clock.write': 'setting the clock',
  'name.read': 'reading the PLC name',
  'errorLog.read': 'reading the error log',
};

/** Plain words for what an operation does ("downloading the user program"). */
export function describeOperation(operation: Operation): string {
  return OPERATION_WORDS[operation.kind] ?? operation.kind;
}

type Base = Pick<TraceStep, 'layer' | 'source' | 'section'>;

function step(base: Base, verdict: TraceStep['verdict'], reason: string, endCode?: number): TraceStep {
  const result: TraceStep = { ...base, verdict, reason };
  if (endCode !== undefined) result.endCode = endCode;
  return result;
}

function base(source: StepSource, section: string): Base {
  return { layer: 'asset', source, section };
}

const PORT_NAMES = { usb: 'USB', peripheral: 'peripheral', serial: 'serial' } as const;

// ─── §2-3-2 PLC names ───

/**
 * §2-3-2: when the Support Software goes online it compares the project's PLC name with the
 * one registered in a CJ-series CPU Unit; a mismatch stops the connection.
 */
export function checkPlcName(cpu: CpuView, request: Request): TraceStep {
  const b: Base = { layer: 'device', source: 'plc-name', section: '§2-3-2' };
  if (request.projectPlcName === undefined) {
    return step(b, 'n/a', 'No project PLC name comes with this request: only the Support Software compares PLC names when it goes online.');
  }
  if (!hasPlcName(cpu.model)) {
    return step(b, 'n/a', `The PLC name function is CJ-series only; a ${cpu.model} stores no name to compare.`);
  }
  if (cpu.plcName === null) {
    // ASSUMPTION: with no name registered there is nothing to compare, so the connection goes ahead.
    return step(b, 'pass', 'No PLC name is registered in this CPU Unit, so there is nothing to compare the project with.');
  }
  if (cpu.plcName === request.projectPlcName) {
    return step(b, 'pass', `The project's PLC name "${request.projectPlcName}" matches the name registered in the CPU Unit.`);
  }
  // No FINS end code: the Support Software itself declines to go online. ASSUMPTION: §2-3-2 says
  // the tool checks the names to help prevent incorrect connections, not that it refuses; we refuse.
  return step(
    b,
    'block',
    `The project is for PLC "${request.projectPlcName}" but this CPU Unit is registered as "${cpu.plcName}": the Support Software will not go online, which guards against connecting to the wrong PLC.`,
  );
}

// ─── §2-5-1 DIP switch ───

const DIP_PROTECTED: Partial<Record<OperationKind, string>> = {
  'program.write': 'the user program cannot be overwritten',
  'program.editTasks': 'the user program cannot be overwritten, not even one task',
  'parameters.write': 'the parameter area (PLC Setup, I/O tables) cannot be overwritten',
  // ASSUMPTION: Memory All Clear overwrites the program and parameters, so the switch stops it too.
  'memory.clearAll': 'Memory All Clear cannot erase the user program and parameters',
};

/**
 * §2-5-1: with DIP switch write protection ON, nothing overwrites the user program or the
 * parameter area, whichever port the request comes from; I/O memory writes are unaffected.
 * ASSUMPTION: §2-5-1 names the CX-Programmer; the switch is in the CPU Unit, so we apply it to
 * every sender and every port alike.
 */
export function checkDipSwitch(cpu: CpuView, request: Request): TraceStep {
  const b = base('dip-switch', '§2-5-1');
  if (!hasDipWriteProtection(cpu.model)) {
    return step(b, 'n/a', `A ${cpu.model} has no DIP switch write protection.`);
  }
  const what = DIP_PROTECTED[request.operation.kind];
  if (what === undefined) {
    return step(b, 'n/a', `The DIP switch protects only the user program and parameter area, not ${describeOperation(request.operation)}.`);
  }
  if (!cpu.dip.writeProtect) {
    return step(b, 'pass', 'DIP switch write protection is OFF.');
  }
  return step(b, 'block', `DIP switch write protection is ON: ${what}, from any port or network.`, END_CODES.areaReadOnly);
}

// ─── §2-5-2 read protection, §2-5-1 note overwrite prohibition ───

function protectedTaskIds(cpu: CpuView): number[] {
  return Object.keys(cpu.protection.taskPasswords)
    .map(Number)
    .sort((a, b) => a - b);
}

/** Tasks among `ids` whose password the request did not give. */
function lockedTasks(cpu: CpuView, ids: number[], password: string | undefined): number[] {
  return ids.filter((id) => {
    const required = cpu.protection.taskPasswords[id];
    return required !== undefined && required !== password;
  });
}

function taskList(ids: number[]): string {
  return ids.length === 1 ? `task ${ids[0]}` : `tasks ${ids.join(', ')}`;
}

function refusal(request: Request): number {
  return request.protectionPassword === undefined ? END_CODES.dataProtected : END_CODES.wrongPassword;
}

/**
 * §2-5-2: reading a protected program (or protected tasks) needs the password.
 * §2-5-1 note: with "prohibit overwriting" in effect, a protected program cannot be
 * overwritten; with task protection only the protected tasks are locked. Without the
 * prohibition, read protection alone does not stop a download (facts: 0307).
 * ASSUMPTION: offering the right password releases the protection for that request.
 */
export function checkReadProtection(cpu: CpuView, request: Request): TraceStep {
  const op = request.operation;
  const password = request.protectionPassword;
  const p = cpu.protection;
  const um = p.umPassword;

  if (op.kind === 'program.read') {
    const b = base('read-protection', '§2-5-2');
    if (um !== null) {
      if (password === um) return step(b, 'pass', 'The UM read protection password was given, so the program can be read.');
      return step(b, 'block', `The user program is read-protected (UM read protection) and ${password === undefined ? 'no password was given' : 'the password is wrong'}.`, refusal(request));
    }
    const asked = op.taskIds ?? cpu.program.tasks.map((t) => t.id);
    const locked = lockedTasks(cpu, asked, password);
    if (locked.length > 0) {
      return step(
        b,
        'block',
        `${capitalise(taskList(locked))} ${plural(locked.length, 'is', 'are')} read-protected and ${password === undefined ? 'no password was given' : 'the password does not match'}; the other tasks can be read by naming them.`,
        refusal(request),
      );
    }
    return protectedTaskIds(cpu).length > 0
      ? step(b, 'pass', 'None of the requested tasks is locked for this request.')
      : step(b, 'pass', 'The user program has no read protection.');
  }

  if (op.kind === 'program.write' || op.kind === 'program.editTasks') {
    const b = base('read-protection', '§2-5-1');
    const tasks = protectedTaskIds(cpu);
    if (!p.prohibitOverwrite || (um === null && tasks.length === 0)) {
      return step(
        b,
        'pass',
        um !== null || tasks.length > 0
          ? 'The program is read-protected but overwriting is not prohibited, so it can be overwritten.'
          : 'No read protection password is set, so every task can be overwritten.',
      );
    }
    if (um !== null) {
      if (password === um) return step(b, 'pass', 'The UM password was given, which releases the overwrite prohibition for this request.');
      return step(b, 'block', 'Overwriting the protected program is prohibited (UM read protection with "prohibit overwriting").', refusal(request));
    }
    const targets = op.kind === 'program.write' ? tasks : op.tasks.map((t) => t.id);
    const locked = lockedTasks(cpu, targets, password);
    if (locked.length > 0) {
      return step(
        b,
        'block',
        `Overwriting protected tasks is prohibited: ${taskList(locked)} ${plural(locked.length, 'is', 'are')} protected${op.kind === 'program.write' ? ' and a whole-program download replaces every task' : ''}.`,
        refusal(request),
      );
    }
    const touchesProtected = targets.some((id) => p.taskPasswords[id] !== undefined);
    return step(
      b,
      'pass',
      touchesProtected
        ? 'The password for the protected tasks was given, which releases the overwrite prohibition for this request.'
        : `Only ${taskList(tasks)} ${plural(tasks.length, 'is', 'are')} protected; the tasks being written are not, so they can be overwritten.`,
    );
  }

  return step(base('read-protection', '§2-5-2'), 'n/a', `Read protection covers the user program only, not ${describeOperation(op)}.`);
}

// ─── §2-5-3 FINS write protection ───

const FINS_CARRIER_SET: ReadonlySet<NetworkProtocol> = new Set(FINS_CARRIERS);

/**
 * §2-5-3: with FINS write protection on, writes and operations arriving over the network by
 * FINS or CIP messages are refused; reads still work; local ports are not affected; FINS
 * commands from excluded nodes still write.
 * ASSUMPTION: Secure Comm carries the Support Software's FINS commands, so it is protected and
 * node exclusions apply to it; CIP messages are protected and no exclusion applies to them.
 */
export function checkFinsWriteProtection(cpu: CpuView, request: Request): TraceStep {
  const b = base('fins-write-protection', '§2-5-3');
  const op = request.operation;
  if (!hasFinsWriteProtection(cpu.model)) {
    return step(b, 'n/a', `A ${cpu.model} has no FINS write protection.`);
  }
  if (request.from.via !== 'network') {
    return step(b, 'n/a', `FINS write protection covers the network only; the ${PORT_NAMES[request.from.via]} port is not affected.`);
  }
  const protocol = request.protocol;
  if (protocol === undefined || (!FINS_CARRIER_SET.has(protocol) && protocol !== 'cip')) {
    return step(b, 'n/a', `FINS write protection covers FINS and CIP messages, not ${protocol ?? 'this traffic'}.`);
  }
  const writes = CPU_WRITE_OPERATIONS.has(op.kind);
  if (!writes && !CPU_READ_OPERATIONS.has(op.kind)) {
    return step(b, 'n/a', `${capitalise(describeOperation(op))} is not a read or write of the CPU Unit.`);
  }
  if (!cpu.finsProtection.enabled) {
    return step(b, 'pass', 'FINS write protection is off.');
  }
  if (!writes) {
    return step(b, 'pass', `FINS write protection lets reads through: ${describeOperation(op)} is allowed.`);
  }
  const node = request.from.finsNode;
  const excluded = node !== undefined && cpu.finsProtection.excludedNodes.includes(node);
  if (excluded && FINS_CARRIER_SET.has(protocol)) {
    return step(b, 'pass', `FINS node ${node} is excluded from FINS write protection, so its FINS commands may write.`);
  }
  const note = excluded ? ` Node ${node} is excluded, but exclusions apply to FINS commands only.` : '';
  return step(
    b,
    'block',
    `FINS write protection is ON: ${describeOperation(op)} from the network is refused; only reads are allowed.${note}`,
    END_CODES.areaReadOnly,
  );
}

// ─── Operating mode (facts: CJ reference manual §5-3) ───

/** The modes each mode-dependent operation needs. ASSUMPTIONS are marked. */
const MODE_RULES: Partial<Record<OperationKind, readonly string[]>> = {
  'program.write': ['PROGRAM'], // facts: 0307 PROGRAM AREA WRITE only in PROGRAM mode
  'program.editTasks': ['PROGRAM', 'MONITOR'], // ASSUMPTION: online edit / task download in PROGRAM or MONITOR
  'parameters.write': ['PROGRAM'], // ASSUMPTION: PLC Setup is written in PROGRAM mode
  'memory.clearAll': ['PROGRAM'], // ASSUMPTION: like 0308 PROGRAM AREA CLEAR, PROGRAM mode only
};

/** The CPU Unit's ordinary mode rule: downloads need PROGRAM mode, online edits PROGRAM or MONITOR. */
export function checkOperatingMode(cpu: CpuView, request: Request): TraceStep {
  const b: Base = { layer: 'asset', source: 'operating-mode', section: 'CJ manual §5-3' };
  const op = request.operation;
  const allowed = MODE_RULES[op.kind];
  if (allowed === undefined) {
    return step(b, 'n/a', `${capitalise(describeOperation(op))} works in any operating mode.`);
  }
  if (allowed.includes(cpu.mode)) {
    return step(b, 'pass', `The CPU Unit is in ${cpu.mode} mode, where ${describeOperation(op)} is allowed.`);
  }
  return step(
    b,
    'block',
    `The CPU Unit is in ${cpu.mode} mode: ${describeOperation(op)} needs ${allowed.join(' or ')} mode.`,
    cpu.mode === 'RUN' ? END_CODES.notInRunMode : END_CODES.notInMonitorMode,
  );
}

// ─── §2-5-4 production lot number ───

/**
 * §2-5-4: the lot-number guard is logic inside the program, so the CPU accepts any download;
 * the guard only decides, once the program executes, whether its control logic runs. A download
 * is therefore n/a here. A switch to RUN or MONITOR on a unit whose lot number differs from the
 * program's guard is shown as a block with no end code.
 * ASSUMPTION (our simplification): the real CPU enters RUN and only the control logic stays idle
 * (`isControlRunning` in cpu-unit.machine.ts models exactly that); the simulator reports the run
 * request as stopped here so a learner sees where and why the copy does nothing.
 */
export function checkLotGuard(cpu: CpuView, request: Request): TraceStep {
  const b = base('lot-number', '§2-5-4');
  const op = request.operation;
  if (writesOnlyLotWords(cpu, request)) {
    const at = lotNumberAddress(cpu.model);
    return step(
      b,
      'block',
      `A${at} and A${at + 1} hold the production lot number, which is set at manufacture and cannot be changed: the Auxiliary Area refuses the write, so a copy cannot be given this unit's lot number.`,
      END_CODES.areaReadOnly,
    );
  }
  if (op.kind === 'program.write') {
    return step(
      b,
      'n/a',
      "The CPU Unit accepts the download whatever lot number the program names: the program's own guard decides at run time whether its control logic runs.",
    );
  }
  if (op.kind !== 'mode.set' || op.mode === 'PROGRAM') {
    return step(b, 'n/a', 'The lot-number guard matters only when the program is set to run (RUN or MONITOR).');
  }
  const guard = cpu.program.lotGuard;
  if (guard === null) {
    return step(b, 'pass', 'The program has no lot-number guard, so it runs on any unit.');
  }
  if (guard === cpu.lotNumber) {
    return step(b, 'pass', `The program's lot-number guard matches this unit (lot ${cpu.lotNumber}).`);
  }
  return step(
    b,
    'block',
    `The program's lot-number guard keeps its control logic idle on this unit (lot ${guard} ≠ ${cpu.lotNumber}). Simplified: a real CPU enters ${op.mode} mode but the logic does nothing; the simulator shows the run request as stopped here.`,
  );
}

// ─── §2-5-4 / §2-5-5 read-only Auxiliary Area ───

/** Whether the request writes the production lot-number words and nothing else of the Auxiliary Area. */
function writesOnlyLotWords(cpu: CpuView, request: Request): boolean {
  const op = request.operation;
  if (op.kind !== 'memory.write' || op.area !== 'A') return false;
  const at = lotNumberAddress(cpu.model);
  return op.address >= at && op.address + op.values.length <= at + 2;
}

/**
 * The Auxiliary Area is read-only to memory writes, so nobody can forge the overwrite times
 * (§2-5-5), the lot number (§2-5-4), the protection flags or the clock words.
 */
export function checkAuxiliaryArea(cpu: CpuView, request: Request): TraceStep {
  const b = base('overwrite-time', '§2-5-5');
  const op = request.operation;
  if (op.kind !== 'memory.write' || op.area !== 'A') {
    return step(b, 'n/a', 'The request does not write the Auxiliary Area.');
  }
  if (writesOnlyLotWords(cpu, request)) {
    // The lot-number step refuses it, naming the function that protects those words (§2-5-4).
    return step(b, 'n/a', 'The write touches only the lot-number words, which the lot-number step answers for.');
  }
  return step(
    b,
    'block',
    `The Auxiliary Area is read-only: A${op.address} cannot be written, so the overwrite times (A90–A97), lot number and clock cannot be forged.`,
    END_CODES.areaReadOnly,
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
