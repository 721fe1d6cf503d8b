/**
 * The CPU Unit simulator: operating modes, the user program, the parameter area (PLC Setup),
 * I/O memory with its Auxiliary Area words, the clock, and the CPU's own security functions
 * (§2-3-2, §2-5-1 … §2-5-5, the §2-6-1 note on histories, §4-1-1 Memory All Clear).
 *
 * The machine applies every event that is valid and refuses bad input with a reason in
 * `context.lastError`, leaving everything else as it was. Whether a *remote* request may cause
 * an event is decided beforehand by the pure checks in cpu-checks.ts, so the request path can
 * trace each refusal. Local settings events (dip.set, plcName.set …) are the learner's hands on
 * the unit and need no such check. Deterministic: the clock only moves by events.
 */
import { assertEvent, assign, setup } from 'xstate';
import type { SnapshotFrom } from 'xstate';
import { encodeTimestamp, formatClock, parseClock, type TimestampWords } from './bcd.ts';
import {
  AUX,
  cpuSeries,
  lotNumberWords,
  protectionFlagsWord,
  readWords,
  type CpuSeries,
  type IoMemory,
  type WritableArea,
} from './cpu-hardware.ts';
import { cpuInputProblem, problemWith } from './cpu-validation.ts';
import { type CpuModelId, type CpuSettings, type MemoryArea, OPERATING_MODES, type OperatingMode, type Program, type ProgramProtection, type Task } from './model.ts';

// ─── Context, input, events ───

/** A PLC Setup value in the parameter area. */
export type ParameterValue = string | number | boolean;

/** What a memory card (SD card / memory cassette) holds for loading at power-on (§2-5-1). */
export interface MemoryCardContents {
  program?: Program;
  parameters?: Record<string, ParameterValue>;
  memory?: Partial<Record<WritableArea, Record<number, number>>>;
}

/** The DIP switch pins the simulator models (§2-5-1). */
export interface DipSwitches {
  /** Write protection of the user program and parameter area. */
  writeProtect: boolean;
  /** Load the memory card into the CPU at power-on. */
  memoryCardAutoLoad: boolean;
}

/** §2-5-3: FINS write protection and the FINS nodes excluded from it. */
export interface FinsWriteProtection {
  enabled: boolean;
  excludedNodes: number[];
}

/** One power-on recorded in the Auxiliary Area history (§2-6-1 note). */
export interface PowerOnEntry {
  /** CPU clock at power-on. */
  at: string;
  /** What happened to the memory card: loaded, held back by the DIP switch (§2-5-1), or nothing to load. */
  card: 'loaded' | 'blocked-by-dip' | 'none';
}

/** One error recorded in the error history (§2-6-1 note). */
export interface ErrorEntry {
  at: string;
  /** CPU error code, e.g. 0x80F1. */
  code: number;
  message: string;
}

/** Everything the CPU Unit holds. The operating mode is the machine's state, not context. */
export interface CpuUnitContext {
  model: CpuModelId;
  series: CpuSeries;
  /** §2-5-4: set at manufacture, never changed. */
  lotNumber: string;
  /** CPU clock, wall-clock ISO ("2026-03-01T10:00:00Z"). */
  clock: string;
  /** §2-3-2: registered PLC name (CJ only). */
  plcName: string | null;
  dip: DipSwitches;
  /**
   * §2-5-2 / §2-5-1 note: `pending` is what the project in the Support Software is set to;
   * `effective` is what the CPU enforces. A program transfer makes all of pending effective;
   * "Set Password" only the passwords, since the overwrite setting waits for a transfer.
   */
  protection: { pending: ProgramProtection; effective: ProgramProtection };
  finsProtection: FinsWriteProtection;
  program: Program;
  /** The parameter area: PLC Setup values by name. */
  parameters: Record<string, ParameterValue>;
  memory: IoMemory;
  /** The inserted memory card, or null. */
  card: MemoryCardContents | null;
  powerOnHistory: PowerOnEntry[];
  errorHistory: ErrorEntry[];
  /** Why the last event was refused; null after an accepted one. */
  lastError: string | null;
  /** The mode the unit was built in (input settings.mode); the `starting` state reads it once. */
  startMode: OperatingMode;
}

/** What a CPU Unit is built from (a lab's `RackConfig.cpu`, plus optional extras). */
export interface CpuUnitInput {
  model: CpuModelId;
  lotNumber: string;
  /** ISO date-time the clock shows at start. */
  clock: string;
  settings: CpuSettings;
  parameters?: Record<string, ParameterValue>;
  memory?: Partial<Record<WritableArea, Record<number, number>>>;
  card?: MemoryCardContents | null;
  /** When the program / parameters were last overwritten (A90–A97). Default: the start clock. */
  overwrittenAt?: { program?: string; parameters?: string };
}

/** Every event the CPU Unit accepts. */
export type CpuUnitEvent =
  | { type: 'mode.set'; mode: OperatingMode }
  /** Whole program download; `protection` = the project's settings sent with it (else the pending ones). */
  | { type: 'program.transferred'; program: Program; protection?: ProgramProtection }
  /** Online edit or task download: replaces (or adds) the listed tasks. */
  | { type: 'program.tasksEdited'; tasks: Task[] }
  | { type: 'parameters.written'; settings: Record<string, ParameterValue> }
  | { type: 'memory.written'; area: MemoryArea; address: number; values: number[] }
  /** §4-1-1 Memory All Clear with Initialize. */
  | { type: 'memory.cleared' }
  | { type: 'clock.set'; at: string }
  | { type: 'clock.advanced'; seconds: number }
  | { type: 'power.on' }
  | { type: 'card.inserted'; contents: MemoryCardContents }
  | { type: 'card.removed' }
  | { type: 'dip.set'; writeProtect?: boolean; memoryCardAutoLoad?: boolean }
  /** Changes the project's protection settings (pending). */
  | { type: 'protection.configured'; umPassword?: string | null; taskPasswords?: Record<number, string>; prohibitOverwrite?: boolean }
  /**
   * "Protection – Set Password": the project's read-protection passwords become effective
   * without a transfer; the overwrite setting does not (§2-5-1 note: it needs the transfer).
   */
  | { type: 'protection.passwordSet' }
  | { type: 'finsProtection.set'; enabled: boolean; excludedNodes: number[] }
  | { type: 'plcName.set'; name: string | null }
  /** Always refused: the lot number is read-only (§2-5-4). */
  | { type: 'lotNumber.set'; lotNumber: string }
  | { type: 'error.occurred'; code: number; message: string };

// ─── Pure updates ───

const NO_PROTECTION: ProgramProtection = { umPassword: null, taskPasswords: {}, prohibitOverwrite: false };

function copyProtection(p: ProgramProtection): ProgramProtection {
  return { umPassword: p.umPassword, taskPasswords: { ...p.taskPasswords }, prohibitOverwrite: p.prohibitOverwrite };
}

function copyProgram(p: Program): Program {
  return { tasks: p.tasks.map((t) => ({ ...t })), lotGuard: p.lotGuard };
}

function withWords(memory: IoMemory, area: MemoryArea, words: Record<number, number>): IoMemory {
  return { ...memory, [area]: { ...memory[area], ...words } };
}

function timestampWords(address: number, at: string): Record<number, number> {
  const words: TimestampWords = encodeTimestamp(at);
  return { [address]: words[0], [address + 1]: words[1], [address + 2]: words[2], [address + 3]: words[3] };
}

function programWritten(context: CpuUnitContext, program: Program): { program: Program; memory: IoMemory } {
  // §2-5-5: every program overwrite stamps A90–A93 with the current clock.
  return {
    program,
    memory: withWords(context.memory, 'A', timestampWords(AUX.programOverwriteTime, context.clock)),
  };
}

function parametersWritten(memory: IoMemory, clock: string): IoMemory {
  // §2-5-5: every parameter area overwrite stamps A94–A97.
  return withWords(memory, 'A', timestampWords(AUX.parameterOverwriteTime, clock));
}

function withEffectiveProtection(memory: IoMemory, effective: ProgramProtection): IoMemory {
  return withWords(memory, 'A', { [AUX.protectionFlags]: protectionFlagsWord(effective) });
}

function emptyMemory(): IoMemory {
  return { CIO: {}, W: {}, H: {}, D: {}, A: {} };
}

function loadImage(memory: IoMemory, image: MemoryCardContents['memory']): IoMemory {
  let next = memory;
  for (const [area, words] of Object.entries(image ?? {})) {
    next = withWords(next, area as WritableArea, words as Record<number, number>);
  }
  return next;
}

function cardHasContents(card: MemoryCardContents | null): card is MemoryCardContents {
  return card !== null && (card.program !== undefined || card.parameters !== undefined || card.memory !== undefined);
}

/**
 * Builds the starting context from an input, or throws an Error naming the bad field and the
 * fix (a lab with an impossible CPU must not start). `cpuInputProblem` says the same without
 * throwing.
 */
export function initialCpuContext(input: CpuUnitInput): CpuUnitContext {
  const problem = cpuInputProblem(input);
  if (problem) throw new Error(problem);
  const { model, settings: s } = input;
  const clock = formatClock(parseClock(input.clock));

  // ASSUMPTION: a lab's starting settings describe the CPU as it stands, so the protection in
  // them was already transferred: pending and effective start equal.
  const protection: ProgramProtection = {
    umPassword: s.umPassword,
    taskPasswords: { ...s.taskPasswords },
    prohibitOverwrite: s.prohibitOverwrite,
  };
  let memory = loadImage(emptyMemory(), input.memory);
  memory = withWords(memory, 'A', {
    ...timestampWords(AUX.programOverwriteTime, input.overwrittenAt?.program ?? clock),
    ...timestampWords(AUX.parameterOverwriteTime, input.overwrittenAt?.parameters ?? clock),
    ...timestampWords(AUX.clock, clock),
    ...lotNumberWords(model, input.lotNumber),
    [AUX.protectionFlags]: protectionFlagsWord(protection),
  });
  return {
    model,
    series: cpuSeries(model),
    lotNumber: input.lotNumber,
    clock,
    plcName: s.plcName,
    dip: { writeProtect: s.dipWriteProtect, memoryCardAutoLoad: s.memoryCardAutoLoad },
    protection: { pending: copyProtection(protection), effective: protection },
    finsProtection: { enabled: s.finsWriteProtection.enabled, excludedNodes: [...s.finsWriteProtection.excludedNodes] },
    program: copyProgram(s.program),
    parameters: { ...input.parameters },
    memory,
    card: input.card ?? null,
    powerOnHistory: [],
    errorHistory: [],
    lastError: null,
    startMode: s.mode,
  };
}

// ─── The machine ───

/** The CPU Unit machine: states PROGRAM / MONITOR / RUN (after a transient `starting`). */
export const cpuUnitMachine = setup({
  types: {
    context: {} as CpuUnitContext,
    events: {} as CpuUnitEvent,
    input: {} as CpuUnitInput,
  },
  guards: {
    accepted: ({ context, event }) => problemWith(context, event) === null,
    modeRequested: ({ context, event }, params: { mode: OperatingMode }) =>
      event.type === 'mode.set' && event.mode === params.mode && problemWith(context, event) === null,
    startsIn: ({ context }, params: { mode: OperatingMode }) => context.startMode === params.mode,
    // §2-5-1: with auto-load set, the card is loaded at power-on unless write protection is ON.
    cardLoads: ({ context }) => cardHasContents(context.card) && context.dip.memoryCardAutoLoad && !context.dip.writeProtect,
    cardBlockedByDip: ({ context }) => cardHasContents(context.card) && context.dip.memoryCardAutoLoad && context.dip.writeProtect,
  },
  actions: {
    refuse: assign({ lastError: ({ context, event }) => problemWith(context, event) }),
    accept: assign({ lastError: null }),
    transferProgram: assign(({ context, event }) => {
      assertEvent(event, 'program.transferred');
      // §2-5-1 note: the project's protection settings take effect only with a transfer.
      const pending = event.protection ? copyProtection(event.protection) : context.protection.pending;
      const effective = copyProtection(pending);
      const written = programWritten(context, copyProgram(event.program));
      return {
        ...written,
        memory: withEffectiveProtection(written.memory, effective),
        protection: { pending: copyProtection(pending), effective },
        lastError: null,
      };
    }),
    editTasks: assign(({ context, event }) => {
      assertEvent(event, 'program.tasksEdited');
      const byId = new Map(context.program.tasks.map((t) => [t.id, t]));
      for (const task of event.tasks) byId.set(task.id, { ...task });
      const tasks = [...byId.values()].sort((a, b) => a.id - b.id);
      return { ...programWritten(context, { ...context.program, tasks }), lastError: null };
    }),
    writeParameters: assign(({ context, event }) => {
      assertEvent(event, 'parameters.written');
      return {
        parameters: { ...context.parameters, ...event.settings },
        memory: parametersWritten(context.memory, context.clock),
        lastError: null,
      };
    }),
    writeMemory: assign(({ context, event }) => {
      assertEvent(event, 'memory.written');
      const words: Record<number, number> = {};
      for (const [i, value] of event.values.entries()) words[event.address + i] = value;
      return { memory: withWords(context.memory, event.area, words), lastError: null };
    }),
    clearAll: assign(({ context }) => {
      // §4-1-1: user program, parameter area and I/O memory all go back to defaults. The
      // protection, FINS write protection (a PLC Setup item) and PLC name go with them.
      // ASSUMPTION: the lot number, clock, DIP switches and the power-on/error histories
      // are the CPU's own records and stay; the clear counts as an overwrite of both the
      // program and the parameters, so A90–A97 show when it happened.
      const memory = withWords(emptyMemory(), 'A', {
        ...timestampWords(AUX.programOverwriteTime, context.clock),
        ...timestampWords(AUX.parameterOverwriteTime, context.clock),
        ...timestampWords(AUX.clock, context.clock),
        ...lotNumberWords(context.model, context.lotNumber),
        [AUX.protectionFlags]: 0,
      });
      return {
        program: { tasks: [], lotGuard: null },
        parameters: {},
        memory,
        protection: { pending: context.protection.pending, effective: copyProtection(NO_PROTECTION) },
        finsProtection: { enabled: false, excludedNodes: [] },
        plcName: null,
        lastError: null,
      };
    }),
    setClock: assign(({ context, event }) => {
      assertEvent(event, ['clock.set', 'clock.advanced']);
      const next =
        event.type === 'clock.set'
          ? parseClock(event.at)
          : new Date(parseClock(context.clock).getTime() + event.seconds * 1000);
      const clock = formatClock(next);
      return { clock, memory: withWords(context.memory, 'A', timestampWords(AUX.clock, clock)), lastError: null };
    }),
    loadCard: assign(({ context }) => {
      // §2-5-1: program, parameters and I/O memory from the card, all at once.
      const card = context.card as MemoryCardContents;
      let { program, parameters } = context;
      let memory = loadImage(context.memory, card.memory);
      if (card.program) {
        // ASSUMPTION: loading the card's program is a program overwrite (A90–A93).
        ({ program, memory } = programWritten({ ...context, memory }, copyProgram(card.program)));
      }
      if (card.parameters) {
        parameters = { ...context.parameters, ...card.parameters };
        memory = parametersWritten(memory, context.clock);
      }
      return { program, parameters, memory };
    }),
    recordPowerOn: assign(({ context }, params: { card: PowerOnEntry['card'] }) => ({
      // §2-6-1 note: power-on times are kept as history in the Auxiliary Area.
      powerOnHistory: [...context.powerOnHistory, { at: context.clock, card: params.card }],
      lastError: null,
    })),
    insertCard: assign(({ event }) => {
      assertEvent(event, 'card.inserted');
      return { card: event.contents, lastError: null };
    }),
    removeCard: assign({ card: null, lastError: null }),
    setDip: assign(({ context, event }) => {
      assertEvent(event, 'dip.set');
      return {
        dip: {
          writeProtect: event.writeProtect ?? context.dip.writeProtect,
          memoryCardAutoLoad: event.memoryCardAutoLoad ?? context.dip.memoryCardAutoLoad,
        },
        lastError: null,
      };
    }),
    configureProtection: assign(({ context, event }) => {
      assertEvent(event, 'protection.configured');
      const pending = context.protection.pending;
      return {
        protection: {
          pending: {
            umPassword: event.umPassword === undefined ? pending.umPassword : event.umPassword,
            taskPasswords: { ...(event.taskPasswords ?? pending.taskPasswords) },
            prohibitOverwrite: event.prohibitOverwrite ?? pending.prohibitOverwrite,
          },
          effective: context.protection.effective,
        },
        lastError: null,
      };
    }),
    applyPasswords: assign(({ context }) => {
      // §2-5-1 note, operating procedure step 2: "Set Password" registers the project's
      // passwords without a transfer. The same note says the setting that prohibits or permits
      // overwriting takes effect only once the program is transferred, so it keeps its old value.
      // ASSUMPTION: the procedure offers Set Password as an alternative to the transfer; we read
      // that as applying to the passwords, and follow the note for the overwrite setting.
      const pending = context.protection.pending;
      const effective: ProgramProtection = {
        umPassword: pending.umPassword,
        taskPasswords: { ...pending.taskPasswords },
        prohibitOverwrite: context.protection.effective.prohibitOverwrite,
      };
      return {
        protection: { pending: context.protection.pending, effective },
        memory: withEffectiveProtection(context.memory, effective),
        lastError: null,
      };
    }),
    setFinsProtection: assign(({ context, event }) => {
      assertEvent(event, 'finsProtection.set');
      // FINS write protection is a PLC Setup item, so setting it overwrites the parameter area (§2-5-5).
      return {
        finsProtection: { enabled: event.enabled, excludedNodes: [...event.excludedNodes] },
        memory: parametersWritten(context.memory, context.clock),
        lastError: null,
      };
    }),
    setPlcName: assign(({ event }) => {
      assertEvent(event, 'plcName.set');
      return { plcName: event.name, lastError: null };
    }),
    recordError: assign(({ context, event }) => {
      assertEvent(event, 'error.occurred');
      // §2-6-1 note: errors are kept as history in the Auxiliary Area.
      return { errorHistory: [...context.errorHistory, { at: context.clock, code: event.code, message: event.message }], lastError: null };
    }),
  },
}).createMachine({
  id: 'cpuUnit',
  context: ({ input }) => initialCpuContext(input),
  initial: 'starting',
  states: {
    starting: {
      always: [
        { guard: { type: 'startsIn', params: { mode: 'RUN' } }, target: 'RUN' },
        { guard: { type: 'startsIn', params: { mode: 'MONITOR' } }, target: 'MONITOR' },
        { target: 'PROGRAM' },
      ],
    },
    PROGRAM: {},
    MONITOR: {},
    RUN: {},
  },
  on: {
    'mode.set': [
      { guard: { type: 'modeRequested', params: { mode: 'PROGRAM' } }, target: '.PROGRAM', actions: 'accept' },
      { guard: { type: 'modeRequested', params: { mode: 'MONITOR' } }, target: '.MONITOR', actions: 'accept' },
      { guard: { type: 'modeRequested', params: { mode: 'RUN' } }, target: '.RUN', actions: 'accept' },
      { actions: 'refuse' },
    ],
    'program.transferred': [{ guard: 'accepted', actions: 'transferProgram' }, { actions: 'refuse' }],
    'program.tasksEdited': [{ guard: 'accepted', actions: 'editTasks' }, { actions: 'refuse' }],
    'parameters.written': [{ guard: 'accepted', actions: 'writeParameters' }, { actions: 'refuse' }],
    'memory.written': [{ guard: 'accepted', actions: 'writeMemory' }, { actions: 'refuse' }],
    // §4-1-1: Memory All Clear leaves the CPU in PROGRAM mode.
    'memory.cleared': { target: '.PROGRAM', actions: 'clearAll' },
    'clock.set': [{ guard: 'accepted', actions: 'setClock' }, { actions: 'refuse' }],
    'clock.advanced': [{ guard: 'accepted', actions: 'setClock' }, { actions: 'refuse' }],
    'power.on': [
      { guard: 'cardLoads', actions: ['loadCard', { type: 'recordPowerOn', params: { card: 'loaded' } }] },
      { guard: 'cardBlockedByDip', actions: { type: 'recordPowerOn', params: { card: 'blocked-by-dip' } } },
      { actions: { type: 'recordPowerOn', params: { card: 'none' } } },
    ],
    'card.inserted': [{ guard: 'accepted', actions: 'insertCard' }, { actions: 'refuse' }],
    'card.removed': { actions: 'removeCard' },
    'dip.set': [{ guard: 'accepted', actions: 'setDip' }, { actions: 'refuse' }],
    'protection.configured': [{ guard: 'accepted', actions: 'configureProtection' }, { actions: 'refuse' }],
    'protection.passwordSet': { actions: 'applyPasswords' },
    'finsProtection.set': [{ guard: 'accepted', actions: 'setFinsProtection' }, { actions: 'refuse' }],
    'plcName.set': [{ guard: 'accepted', actions: 'setPlcName' }, { actions: 'refuse' }],
    'lotNumber.set': { actions: 'refuse' },
    'error.occurred': [{ guard: 'accepted', actions: 'recordError' }, { actions: 'refuse' }],
  },
});

/** A snapshot of the CPU Unit machine. */
export type CpuUnitSnapshot = SnapshotFrom<typeof cpuUnitMachine>;

// ─── Selectors ───

/** The operating mode a snapshot is in (PROGRAM while still starting). */
export function cpuMode(snapshot: CpuUnitSnapshot): OperatingMode {
  const value = snapshot.value as string;
  return OPERATING_MODES.includes(value as OperatingMode) ? (value as OperatingMode) : 'PROGRAM';
}

/**
 * §2-5-4: the control logic runs when the CPU executes its program (RUN or MONITOR) and the
 * program's lot-number guard is absent or equals this unit's lot number.
 */
export function isControlRunning(snapshot: CpuUnitSnapshot): boolean {
  const { program, lotNumber } = snapshot.context;
  const executing = cpuMode(snapshot) !== 'PROGRAM' && program.tasks.length > 0;
  return executing && (program.lotGuard === null || program.lotGuard === lotNumber);
}

/** The A90–A93 and A94–A97 words at one moment, kept to compare with later (§2-5-5). */
export interface OverwriteBaseline {
  program: TimestampWords;
  parameters: TimestampWords;
}

/** Captures the overwrite-time words now, as the program's periodic check would (§2-5-5). */
export function overwriteBaseline(snapshot: CpuUnitSnapshot): OverwriteBaseline {
  const a = snapshot.context.memory;
  return {
    program: readWords(a, 'A', AUX.programOverwriteTime, 4) as TimestampWords,
    parameters: readWords(a, 'A', AUX.parameterOverwriteTime, 4) as TimestampWords,
  };
}

/** What the periodic comparison of §2-5-5 finds. */
export interface TamperReport {
  /** True when either overwrite time moved since the baseline. */
  tampered: boolean;
  program: boolean;
  parameters: boolean;
}

/**
 * §2-5-5: compares the overwrite times with a baseline taken earlier; a change means the
 * program or the parameters were overwritten since then.
 */
export function tamperSince(snapshot: CpuUnitSnapshot, baseline: OverwriteBaseline): TamperReport {
  const now = overwriteBaseline(snapshot);
  const program = now.program.some((w, i) => w !== baseline.program[i]);
  const parameters = now.parameters.some((w, i) => w !== baseline.parameters[i]);
  return { tampered: program || parameters, program, parameters };
}

/** A plain read-only picture of the CPU Unit: everything the request path's checks need. */
export interface CpuView {
  readonly model: CpuModelId;
  readonly series: CpuSeries;
  readonly mode: OperatingMode;
  readonly lotNumber: string;
  readonly clock: string;
  readonly plcName: string | null;
  readonly dip: Readonly<DipSwitches>;
  /** The protection the CPU enforces (§2-5-2, §2-5-1 note). */
  readonly protection: Readonly<ProgramProtection>;
  /** The project's protection: its passwords reach the CPU with a transfer or Set Password, its overwrite setting only with a transfer. */
  readonly pendingProtection: Readonly<ProgramProtection>;
  readonly finsProtection: Readonly<FinsWriteProtection>;
  readonly program: Readonly<Program>;
  readonly parameters: Readonly<Record<string, ParameterValue>>;
  readonly memory: Readonly<IoMemory>;
  readonly controlRunning: boolean;
  readonly powerOnHistory: readonly PowerOnEntry[];
  readonly errorHistory: readonly ErrorEntry[];
  /** The effective settings in the shape labs use (model.ts CpuSettings). */
  readonly settings: CpuSettings;
}

/** Builds the CpuView of a snapshot. */
export function cpuView(snapshot: CpuUnitSnapshot): CpuView {
  const c = snapshot.context;
  const mode = cpuMode(snapshot);
  const effective = c.protection.effective;
  return {
    model: c.model,
    series: c.series,
    mode,
    lotNumber: c.lotNumber,
    clock: c.clock,
    plcName: c.plcName,
    dip: c.dip,
    protection: effective,
    pendingProtection: c.protection.pending,
    finsProtection: c.finsProtection,
    program: c.program,
    parameters: c.parameters,
    memory: c.memory,
    controlRunning: isControlRunning(snapshot),
    powerOnHistory: c.powerOnHistory,
    errorHistory: c.errorHistory,
    settings: {
      plcName: c.plcName,
      dipWriteProtect: c.dip.writeProtect,
      memoryCardAutoLoad: c.dip.memoryCardAutoLoad,
      umPassword: effective.umPassword,
      taskPasswords: { ...effective.taskPasswords },
      prohibitOverwrite: effective.prohibitOverwrite,
      finsWriteProtection: { enabled: c.finsProtection.enabled, excludedNodes: [...c.finsProtection.excludedNodes] },
      program: c.program,
      mode,
    },
  };
}
