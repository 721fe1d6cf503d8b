/**
 * The request path (design.md "the heart"): a request is walked through the layers of the
 * defense — network → device → function → asset — one small check per function. The first
 * block ends the walk; the trace keeps every step so a lesson can say where and why.
 *
 * `evaluate` is pure: it reads views of the units and returns an Outcome. Applying an allowed
 * request's effects is the rack's job (machines/rack.ts), through the units' machines.
 */
import { COMM_UNITS, secureCommPossibility } from './catalog.ts';
import {
  checkAuxiliaryArea,
  checkDipSwitch,
  checkFinsWriteProtection,
  checkLotGuard,
  checkOperatingMode,
  checkPlcName,
  checkReadProtection,
} from './cpu-checks.ts';
import { readData } from './cpu-effects.ts';
import type { CpuView } from './cpu-unit.machine.ts';
import {
  checkIpFilter,
  checkOperationAuthority,
  checkPort,
  checkSecureComm,
  checkUserAuth,
} from './eip-checks.ts';
import type { EipView } from './eip21s.machine.ts';
import type { CommUnitId, Outcome, Request, TraceStep } from './model.ts';

/** What the path needs to know about a rack: the CPU and, if mounted, its communication unit. */
export interface RackView {
  cpu: CpuView;
  /** The communication unit; `eip` is null for units without security functions. */
  unit: { model: CommUnitId; eip: EipView | null } | null;
}

const FINS_PROTOCOLS = new Set(['fins-udp', 'fins-tcp']);

/** Checks that need only the request and one unit's view, in the order the walk consults them. */
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
 */
const WALK: readonly Check[] = [
  checkRoute,
  onEip(checkIpFilter), // §2-2-1
  onEip(checkPort), // §2-2-2
  checkSecureCommPossible, // §2-1-1
  onEip(checkUserAuth), // §2-3-1
  onCpu(checkPlcName), // §2-3-2
  onEip(checkOperationAuthority), // §2-4-1
  onCpu(checkDipSwitch), // §2-5-1
  onCpu(checkReadProtection), // §2-5-2, §2-5-1 note
  onCpu(checkFinsWriteProtection), // §2-5-3
  onCpu(checkAuxiliaryArea), // A-area words are read-only
  onCpu(checkOperatingMode),
  onCpu(checkLotGuard), // §2-5-4
];

/** Evaluates a request against a rack, layer by layer. Pure: nothing is changed. */
export function evaluate(rack: RackView, request: Request): Outcome {
  const trace: TraceStep[] = [];
  for (const check of WALK) {
    const step = check(rack, request);
    trace.push(step);
    if (step.verdict === 'block') {
      const outcome: Outcome = { allowed: false, blockedBy: step, trace };
      const endCode = refusalEndCode(request, step);
      if (endCode !== undefined) outcome.endCode = endCode;
      return outcome;
    }
  }
  const outcome: Outcome = { allowed: true, trace, endCode: 0x0000 };
  const data = readData(rack.cpu, request.operation);
  if (data !== undefined) outcome.data = data;
  return outcome;
}

/** A FINS refusal carries its end code; a dropped packet or a non-FINS refusal has none on the wire. */
function refusalEndCode(request: Request, step: TraceStep): number | undefined {
  const overFins = request.from.via !== 'network' || FINS_PROTOCOLS.has(request.protocol ?? '');
  return overFins ? step.endCode : undefined;
}

/** Is there any way for this request to reach the CPU? */
function checkRoute(rack: RackView, request: Request): TraceStep {
  const base = { layer: 'network', source: 'route', section: '§1-4' } as const;
  if (request.from.via !== 'network') {
    if (request.operation.kind === 'unit.restart' && !rack.unit?.eip) {
      return { ...base, section: '§4-1-2', verdict: 'block', reason: 'There is no EIP21S on this rack to restore to its out-of-box configuration.' };
    }
    return { ...base, verdict: 'pass', reason: `A cable on the CPU Unit's ${portName(request.from.via)} port reaches the CPU directly, without passing through the EtherNet/IP unit.` };
  }
  if (request.operation.kind === 'unit.restart') {
    // §4-1-2: restoring the unit's defaults is done from a cable on the CPU Unit, never over the network.
    return { ...base, section: '§4-1-2', verdict: 'block', reason: 'Restart Unit to the out-of-box configuration is only done from the USB, peripheral or serial port of the CPU Unit, not over the network.' };
  }
  const builtIn = rack.cpu.model.endsWith('-EIP');
  if (!rack.unit && !builtIn) {
    return { ...base, verdict: 'block', reason: 'This rack has no Ethernet port: nothing on the network can reach the CPU.' };
  }
  if (!rack.unit) {
    return { ...base, verdict: 'pass', reason: "The CPU's built-in EtherNet/IP port accepts the packet; that port has no security functions (§1-4)." };
  }
  const info = COMM_UNITS[rack.unit.model];
  return {
    ...base,
    verdict: 'pass',
    reason: info.hasSecurityFunctions
      ? `The ${info.label} receives the packet.`
      : `The ${info.label} receives the packet; this unit has no security functions, so nothing filters it (§1-4).`,
  };
}

/** §2-1-1: Secure Comm needs an EIP21S on a CS/CJ CPU and a network connection; the unit's own rules follow. */
function checkSecureCommPossible(rack: RackView, request: Request): TraceStep {
  if (request.protocol === 'secure-comm' && request.from.via === 'network') {
    const possible = secureCommPossibility(rack.cpu.model, rack.unit?.model, 'network');
    if (!possible.possible) {
      return { layer: 'network', source: 'secure-comm', verdict: 'block', reason: possible.reason, section: '§2-1-1' };
    }
  }
  return checkSecureComm(rack.unit?.eip ?? null, request);
}

function portName(port: 'usb' | 'peripheral' | 'serial'): string {
  return port === 'usb' ? 'USB' : port;
}
