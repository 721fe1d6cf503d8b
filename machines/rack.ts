/**
 * A rack: a CPU Unit and, if mounted, its communication unit, built from a RackConfig. The one
 * place where a request is evaluated (request-path.ts) and, when allowed, turned into the
 * units' events — so timestamps, modes and the operation log change in one way only.
 */
import { type ActorRefFrom, createActor } from 'xstate';
import { COMM_UNITS } from './catalog.ts';
import { cpuEventsFor } from './cpu-effects.ts';
import { cpuUnitMachine, cpuView } from './cpu-unit.machine.ts';
import { cpuInputProblem } from './cpu-validation.ts';
import { eipEventsFor } from './eip-effects.ts';
import { clockCorrection, eip21sMachine, eipView, validateEipSettings } from './eip21s.machine.ts';
import type { Outcome, RackConfig, Request } from './model.ts';
import { evaluate, type RackView } from './request-path.ts';

/** A running rack. */
export interface Rack {
  readonly config: RackConfig;
  /** A plain, read-only picture of both units for the request path and the UI. */
  view(): RackView;
  /** Evaluates the request through the layers and, when allowed, applies its effects. Secure Comm requests are logged either way. */
  send(request: Request): Outcome;
  /** The learner's hands on the CPU Unit (DIP switch, settings…), as the machine's typed events. */
  readonly cpu: ActorRefFrom<typeof cpuUnitMachine>;
  /** The EIP21S, or null when the rack has none (or a unit without security functions). */
  readonly eip: ActorRefFrom<typeof eip21sMachine> | null;
  /** Stops both actors. */
  stop(): void;
}

/** Why a RackConfig cannot be built, naming the field; null when it can. */
export function rackConfigProblem(config: RackConfig): string | null {
  const cpuProblem = cpuInputProblem({ ...config.cpu });
  if (cpuProblem) return `cpu: ${cpuProblem}`;
  const unit = config.unit;
  if (!unit) return null;
  const info = COMM_UNITS[unit.model];
  if (!info) return `unit.model: unknown unit "${String(unit.model)}"`;
  if (info.hasSecurityFunctions) {
    if (!unit.settings) return `unit.settings: an ${unit.model} needs its settings (users, filter, ports…).`;
    const problems = validateEipSettings(unit.settings);
    if (problems.length > 0) return `unit.settings: ${problems.join('; ')}`;
  }
  return null;
}

/** Builds and starts a rack. Throws an Error naming the field when the config is invalid. */
export function createRack(config: RackConfig): Rack {
  const problem = rackConfigProblem(config);
  if (problem) throw new Error(problem);

  const cpu = createActor(cpuUnitMachine, { input: { ...config.cpu } }).start();
  const unit = config.unit;
  const eipModel = unit && COMM_UNITS[unit.model].hasSecurityFunctions ? unit.model : null;
  const eip =
    unit?.settings && (eipModel === 'CS1W-EIP21S' || eipModel === 'CJ1W-EIP21S')
      ? createActor(eip21sMachine, { input: { model: eipModel, settings: unit.settings } }).start()
      : null;

  // §2-6-1: automatic clock adjustment — the unit's corrected time is written to the CPU clock once.
  let lastCorrection = -1;
  eip?.subscribe((snapshot) => {
    const correction = clockCorrection(snapshot.context);
    if (correction && correction.seq !== lastCorrection) {
      lastCorrection = correction.seq;
      cpu.send({ type: 'clock.set', at: correction.at });
    }
  });

  const view = (): RackView => ({
    cpu: cpuView(cpu.getSnapshot()),
    unit: unit ? { model: unit.model, eip: eip ? eipView(eip.getSnapshot()) : null } : null,
  });

  return {
    config,
    cpu,
    eip,
    view,
    send(request) {
      const before = view();
      const outcome = evaluate(before, request);
      if (outcome.allowed) {
        for (const event of cpuEventsFor(request)) cpu.send(event);
      }
      if (eip) {
        // §2-6-1: the log takes its time from the CPU clock.
        const result: { allowed: boolean; blockedAt?: string } = { allowed: outcome.allowed };
        if (outcome.blockedBy) result.blockedAt = outcome.blockedBy.source;
        for (const event of eipEventsFor(request, result, before.cpu.clock)) eip.send(event);
      }
      return outcome;
    },
    stop() {
      cpu.stop();
      eip?.stop();
    },
  };
}
