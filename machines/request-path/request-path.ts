/**
 * The request path (design.md "the heart"): a request is walked through the layers of the
 * defense — network → device → function → asset — one small check per function. The first
 * block ends the walk; the trace keeps every step so a lesson can say where and why.
 *
 * `evaluate` is pure: it reads views of the units and returns an Outcome. Applying an allowed
 * request's effects is the rack's job (machines/request-path/rack.ts), through the units' machines.
 * docs/decisions/002-request-path.md records why it is built this way.
 */
import * as cpuChecks from '../cpu/cpu-checks.ts';
import { readData } from '../cpu/cpu-effects.ts';
import type { CpuView } from '../cpu/cpu-unit.machine.ts';
import { checkFtpLogin, checkIpFilter, checkOperationAuthority, checkPort, checkUserAuth } from '../eip/eip-checks.ts';
import type { EipView } from '../eip/eip21s.machine.ts';
import { END_CODE } from '../wire/fins-codes.ts';
import type { CommUnitId, Outcome, Request, StepSource, TraceStep } from '../model.ts';
import { OPERATION_LABELS } from '../eip/operation-authority.ts';
import { carriesFinsEndCode, isReplyToUnit, requestProblem, withFinsNode } from './request-problem.ts';
import {
  checkRoute,
  checkSecureCommPossible,
  PARAMETER_ERROR,
  commandStep,
  checkCommand,
  unitData,
  isDataError,
  capitalise,
} from './rack-checks.ts';

// The request path's surface in one place; request-problem.ts and rack-checks.ts are its parts.
export { carriesFinsEndCode, isOwnKey, isReplyToUnit, requestProblem, shown } from './request-problem.ts';
export { FINS_MAX_READ_WORDS, FINS_MAX_WRITE_WORDS, PARAMETER_ERROR } from './rack-checks.ts';

/** What the path needs to know about a rack: the CPU and, if mounted, its communication unit. */
export interface RackView {
  cpu: CpuView;
  /** The communication unit; `eip` is null for units without security functions. */
  unit: { model: CommUnitId; eip: EipView | null } | null;
}

/** A layer a request is walked through (every Layer but 'common'). */
export type PathLayer = 'network' | 'device' | 'function' | 'asset';

/** One stop on the request path: what it consults and in which layer. */
export interface PathStop {
  source: StepSource;
  layer: PathLayer;
}

type Check = (rack: RackView, request: Request) => TraceStep;

const onEip =
  (check: (eip: EipView | null, request: Request) => TraceStep): Check =>
  (rack, request) =>
    check(rack.unit?.eip ?? null, request);
const onCpu =
  (check: (cpu: CpuView, request: Request) => TraceStep): Check =>
  (rack, request) =>
    check(rack.cpu, request);

/**
 * The walk, in layer order (§1-3 table). Route first: a network request needs a port that
 * reaches the CPU at all; a unit without security functions passes packets unfiltered (§1-4).
 * The filter and the port switches come before Secure Comm because they drop packets before
 * any server on the unit reads them; the FTP server's login follows its port, in the network layer
 * where §1-6 gives its advice. 'command' is last: the CPU only looks at the command's
 * data once every defense has let it through.
 */
const WALK: readonly (PathStop & { check: Check })[] = [
  { source: 'route', layer: 'network', check: checkRoute },
  { source: 'ip-filter', layer: 'network', check: onEip(checkIpFilter) }, // §2-2-1
  { source: 'ports', layer: 'network', check: onEip(checkPort) }, // §2-2-2
  { source: 'ftp-login', layer: 'network', check: onEip(checkFtpLogin) }, // §1-6: FTP's own login, no password lock
  { source: 'secure-comm', layer: 'network', check: checkSecureCommPossible }, // §2-1-1
  { source: 'user-auth', layer: 'device', check: onEip(checkUserAuth) }, // §2-3-1
  { source: 'plc-name', layer: 'device', check: onCpu(cpuChecks.checkPlcName) }, // §2-3-2
  { source: 'operation-authority', layer: 'function', check: onEip(checkOperationAuthority) }, // §2-4-1
  { source: 'dip-switch', layer: 'asset', check: onCpu(cpuChecks.checkDipSwitch) }, // §2-5-1
  { source: 'read-protection', layer: 'asset', check: onCpu(cpuChecks.checkReadProtection) }, // §2-5-2, §2-5-1 note
  { source: 'fins-write-protection', layer: 'asset', check: onCpu(cpuChecks.checkFinsWriteProtection) }, // §2-5-3
  { source: 'overwrite-time', layer: 'asset', check: onCpu(cpuChecks.checkAuxiliaryArea) }, // §2-5-5: A-area words are read-only
  { source: 'operating-mode', layer: 'asset', check: onCpu(cpuChecks.checkOperatingMode) },
  { source: 'lot-number', layer: 'asset', check: onCpu(cpuChecks.checkLotGuard) }, // §2-5-4
  { source: 'command', layer: 'asset', check: checkCommand },
];

/** The stops of the request path in the order `evaluate` consults them (for lessons and tests). */
export const REQUEST_PATH: readonly PathStop[] = WALK.map(({ source, layer }) => ({ source, layer }));

/**
 * Evaluates a request against a rack, layer by layer. Pure: nothing is changed. Throws an Error
 * naming the field when the request itself is malformed (see `requestProblem`).
 */
export function evaluate(rack: RackView, given: Request): Outcome {
  const problem = requestProblem(given);
  if (problem) throw new Error(problem);
  const request = withFinsNode(given);
  const trace: TraceStep[] = [];
  for (const stop of WALK) {
    const step = stop.check(rack, request);
    trace.push(step);
    if (step.verdict === 'block') return refused(request, trace, step);
  }
  if (isReplyToUnit(request)) return { allowed: true, trace, endCode: END_CODE.normal };
  const data = readData(rack.cpu, request.operation) ?? unitData(rack.unit?.eip ?? null, request);
  if (isDataError(data)) {
    // The CPU had the command but could not serve it (a task that does not exist…).
    const step = commandStep('block', `${capitalise(OPERATION_LABELS[request.operation.kind])}: ${data.error}`, PARAMETER_ERROR);
    trace[trace.length - 1] = step;
    return refused(request, trace, step);
  }
  const outcome: Outcome = { allowed: true, trace, endCode: END_CODE.normal };
  if (data !== undefined) outcome.data = data;
  return outcome;
}

/**
 * The outcome of a request refused at `step` (the last entry of `trace`). Exported for the rack,
 * which refuses a request whose data a unit will not accept after the walk has passed.
 */
export function refused(request: Request, trace: TraceStep[], step: TraceStep): Outcome {
  const outcome: Outcome = { allowed: false, blockedBy: step, trace };
  const endCode = carriesFinsEndCode(request) ? step.endCode : undefined;
  if (endCode !== undefined) outcome.endCode = endCode;
  return outcome;
}


