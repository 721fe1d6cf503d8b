/**
 * A rack: a CPU Unit and, if mounted, its communication unit, built from a RackConfig. The one
 * place where a request is evaluated (request-path.ts) and, when allowed, turned into the
 * units' events — so timestamps, modes and the operation log change in one way only.
 */
import { type ActorRefFrom, createActor, transition } from 'xstate';
import { checkCombination, COMM_UNITS, CPU_MODEL_IDS, CPU_MODELS } from '../catalog/catalog.ts';
import { cpuEventsFor } from '../cpu/cpu-effects.ts';
import { type CpuUnitSnapshot, type CpuView, cpuUnitMachine, cpuView } from '../cpu/cpu-unit.machine.ts';
import { cpuInputIssue } from '../cpu/cpu-validation.ts';
import { eipEventsFor } from '../eip/eip-effects.ts';
import {
  clockCorrection,
  type Eip21sEvent,
  type Eip21sSnapshot,
  eip21sMachine,
  type EipView,
  eipView,
  validateEipSettings,
} from '../eip/eip21s.machine.ts';
import { type Outcome, pathText, type RackConfig, type Request, type TraceStep } from '../model.ts';
import { evaluate, isOwnKey, isReplyToUnit, shown, PARAMETER_ERROR, type RackView, refused } from './request-path.ts';

/** A running rack. */
export interface Rack {
  /** The configuration the rack was built from (a copy: later changes to the caller's object do not reach it). */
  readonly config: RackConfig;
  /**
   * A plain, read-only picture of both units for the request path and the UI. The same object
   * is returned until either unit changes, so it can feed `useSyncExternalStore` directly.
   */
  view(): RackView;
  /**
   * Evaluates the request through the layers and, when allowed, applies its effects. Secure
   * Comm requests are logged either way. Throws an Error naming the field for a malformed request.
   */
  send(request: Request): Outcome;
  /** The learner's hands on the CPU Unit (DIP switch, settings…), as the machine's typed events. */
  readonly cpu: ActorRefFrom<typeof cpuUnitMachine>;
  /** The EIP21S, or null when the rack has none (or a unit without security functions). */
  readonly eip: ActorRefFrom<typeof eip21sMachine> | null;
  /** Calls `listener` after every change of either unit; returns the function that stops it. */
  subscribe(listener: () => void): () => void;
  /** Stops both actors. */
  stop(): void;
}

/** What a unit made of one event: taken, or refused with the unit's reason (its `lastError`). */
export type SendResult = { ok: true } | { ok: false; reason: string };

/** Either unit's actor, as far as sending and reading a refusal go. */
interface RefusingUnit {
  send(event: never): void;
  getSnapshot(): { context: { lastError: string | null } };
}

/**
 * The one way to send a unit an event and learn whether it refused: both machines keep their
 * snapshot as it was on a refusal and say why in `lastError`, which an accepted event clears.
 */
export function trySend<U extends RefusingUnit>(unit: U, event: Parameters<U['send']>[0]): SendResult {
  (unit.send as (event: Parameters<U['send']>[0]) => void)(event);
  const reason = unit.getSnapshot().context.lastError;
  return reason ? { ok: false, reason } : { ok: true };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Why a RackConfig cannot be built, naming the field and the fix; null when it can. */
export function rackConfigProblem(config: RackConfig): string | null {
  if (!isRecord(config)) return 'rack: give { cpu: { model, lotNumber, clock, settings }, unit? }.';
  const cpu = config.cpu as unknown;
  if (!isRecord(cpu)) return 'cpu: give { model, lotNumber, clock, settings }.';
  if (!isOwnKey(CPU_MODELS, cpu.model)) {
    return `cpu.model: ${shown(cpu.model)} is not a CPU model the course covers; use one of ${CPU_MODEL_IDS.join(', ')}.`;
  }
  const cpuProblem = cpuInputIssue({ ...config.cpu });
  if (cpuProblem) return `${pathText(['cpu', ...cpuProblem.path])}: ${cpuProblem.message}`;
  const unit = config.unit as unknown;
  if (unit === undefined || unit === null) return null;
  if (!isRecord(unit)) return 'unit: give { model, settings } or leave it out for a CPU alone.';
  if (!isOwnKey(COMM_UNITS, unit.model)) {
    return `unit.model: ${shown(unit.model)} is unknown; use one of ${Object.keys(COMM_UNITS).join(', ')}, or leave the unit out.`;
  }
  const model = unit.model as keyof typeof COMM_UNITS;
  const combination = checkCombination(config.cpu.model, model);
  if (!combination.ok) return `unit.model: ${combination.reason}`;
  if (COMM_UNITS[model].hasSecurityFunctions) {
    if (!isRecord(unit.settings)) return `unit.settings: an ${model} needs its settings (ip, finsNode, users, filter, ports, snmpCommunity).`;
    const problems = validateEipSettings(config.unit?.settings as NonNullable<NonNullable<RackConfig['unit']>['settings']>);
    if (problems.length > 0) return `unit.settings: ${problems.join('; ')}`;
  }
  return null;
}

/** Events that change the unit, as opposed to recording a log-in or a log entry. */
function isUnitChange(event: Eip21sEvent): boolean {
  return event.type !== 'auth.attempted' && event.type !== 'log.recorded';
}

/** The step that replaces the path's 'command' pass when a unit refuses the request's data. */
function unitRefusal(reason: string, section: string, endCode?: number): TraceStep {
  const step: TraceStep = { layer: 'asset', source: 'command', verdict: 'block', reason, section };
  if (endCode !== undefined) step.endCode = endCode;
  return step;
}

/** Builds and starts a rack. Throws an Error naming the field when the config is invalid. */
export function createRack(input: RackConfig): Rack {
  const problem = rackConfigProblem(input);
  if (problem) throw new Error(`Rack configuration: ${problem}`);
  const config = structuredClone(input);

  const cpu = createActor(cpuUnitMachine, { input: { ...config.cpu } }).start();
  const unit = config.unit ?? null;
  const eipModel = unit && COMM_UNITS[unit.model].hasSecurityFunctions ? unit.model : null;
  const eip =
    unit?.settings && (eipModel === 'CS1W-EIP21S' || eipModel === 'CJ1W-EIP21S')
      ? createActor(eip21sMachine, { input: { model: eipModel, settings: unit.settings } }).start()
      : null;

  // §2-6-1: automatic clock adjustment — the unit's corrected time is written to the CPU clock once.
  let lastCorrection = -1;
  const clockSync = eip?.subscribe((snapshot) => {
    const correction = clockCorrection(snapshot.context);
    if (correction && correction.seq !== lastCorrection) {
      lastCorrection = correction.seq;
      cpu.send({ type: 'clock.set', at: correction.at });
    }
  });

  // Views are rebuilt only for the unit whose snapshot changed: building one copies settings,
  // and an unchanged part keeps its identity for memoised UI.
  let cpuCache: { snapshot: CpuUnitSnapshot; view: CpuView } | null = null;
  let eipCache: { snapshot: Eip21sSnapshot; view: EipView } | null = null;
  let cached: RackView | null = null;
  const view = (): RackView => {
    const c = cpu.getSnapshot();
    const e = eip?.getSnapshot() ?? null;
    if (cpuCache?.snapshot !== c) cpuCache = { snapshot: c, view: cpuView(c) };
    if (e !== null && eipCache?.snapshot !== e) eipCache = { snapshot: e, view: eipView(e) };
    const cpuPart = cpuCache.view;
    const eipPart = e === null ? null : (eipCache?.view ?? null);
    if (cached && cached.cpu === cpuPart && (cached.unit?.eip ?? null) === eipPart) return cached;
    cached = { cpu: cpuPart, unit: unit ? { model: unit.model, eip: eipPart } : null };
    return cached;
  };

  /** Sends the CPU events of an allowed request; the machine's reason if it refuses one. */
  const applyToCpu = (request: Request): string | null => {
    // cpuEventsFor gives at most one event per request, so a refusal never leaves half a change.
    for (const event of cpuEventsFor(request)) {
      const sent = trySend(cpu, event);
      if (!sent.ok) return sent.reason;
    }
    return null;
  };

  /**
   * Would the EIP21S accept the changes an allowed request makes? Checked on the pure
   * `transition()` before anything is sent, so the log entry can record the real result.
   * Returns the unit's reason when it would refuse.
   */
  const eipRefusal = (request: Request, now: string): string | null => {
    if (!eip) return null;
    const events = eipEventsFor(request, { allowed: true }, now);
    const failed = events.find((e) => e.type === 'log.recorded' && e.entry.result === 'failure');
    if (failed?.type === 'log.recorded') return failed.entry.detail ?? 'refused';
    let snapshot = eip.getSnapshot();
    for (const event of events.filter(isUnitChange)) {
      [snapshot] = transition(eip21sMachine, snapshot, event);
      if (snapshot.context.lastError) return snapshot.context.lastError;
    }
    return null;
  };

  /** The EIP21S events after the walk: its log entry (§2-6-1) and, when allowed, its changes. */
  const eipEventsAfter = (request: Request, outcome: Outcome, now: string, unitReason: string | null): Eip21sEvent[] => {
    if (unitReason) {
      // The unit refused the change itself: log the attempt as a failure, change nothing.
      return eipEventsFor(request, { allowed: true }, now)
        .filter((e) => !isUnitChange(e))
        .map((e) => (e.type === 'log.recorded' ? { ...e, entry: { ...e.entry, result: 'failure', detail: unitReason } } : e));
    }
    const result: { allowed: boolean; blockedAt?: string } = { allowed: outcome.allowed };
    if (outcome.blockedBy) result.blockedAt = outcome.blockedBy.source;
    return eipEventsFor(request, result, now);
  };

  return {
    config,
    cpu,
    eip,
    view,
    send(request) {
      const before = view();
      // §2-6-1: the log takes its time from the CPU clock.
      const now = before.cpu.clock;
      let outcome = evaluate(before, request);
      let unitReason: string | null = null;
      if (outcome.allowed && !isReplyToUnit(request)) {
        unitReason = eipRefusal(request, now);
        const cpuReason = unitReason ? null : applyToCpu(request);
        if (unitReason || cpuReason) {
          const step = unitReason
            ? unitRefusal(`The EIP21S refused the change: ${unitReason}`, '§2-3-1')
            : unitRefusal(`The CPU Unit refused the command's data: ${cpuReason}`, 'CJ manual §5-3', PARAMETER_ERROR);
          outcome = refused(request, [...outcome.trace.slice(0, -1), step], step);
        }
      }
      if (eip) for (const event of eipEventsAfter(request, outcome, now, unitReason)) eip.send(event);
      return outcome;
    },
    subscribe(listener) {
      const subscriptions = [cpu.subscribe(() => listener()), eip?.subscribe(() => listener())];
      return () => {
        for (const s of subscriptions) s?.unsubscribe();
      };
    },
    stop() {
      clockSync?.unsubscribe();
      cpu.stop();
      eip?.stop();
    },
  };
}
