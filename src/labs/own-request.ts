/**
 * "Send your own request": the learner picks a sender from the lab's network, a protocol and an
 * operation, and sees how the rack — as their answer configures it — answers. A small pure
 * adapter over the grader: the request becomes the only traffic step of a copy of the lab, so
 * it meets exactly the rack the traffic suite meets (history replayed, settings applied through
 * the machines, actions taken), and nothing else in the lab changes.
 */
import { grade, type TimelineEntry } from '../../machines/grading/grader.ts';
import type { Answer, Lab, LabOperation, LabStep, PlantNode } from '../../machines/grading/lab.ts';
import type { Request } from '../../machines/model.ts';
import { instantiate } from '../../machines/grading/variants.ts';
import type { SimNode } from '../widgets/kit/nodes.ts';
import { OPERATION_PRESETS, type OperationPreset } from '../widgets/kit/requests.ts';

/** The step id an own request gets in the replay. */
export const OWN_STEP_ID = 'own-request';
const OWN_PROGRAM = 'own-request-program';

/** A lab's network nodes as the shared RequestSender lists them (src/widgets/kit/nodes.ts). */
export function senderNodes(network: readonly PlantNode[]): SimNode[] {
  return network.map((n, i) => ({
    id: `node-${i}`,
    name: n.name,
    description: n.description,
    origin:
      n.ip !== undefined
        ? { via: 'network', name: n.name, ip: n.ip, ...(n.finsNode !== undefined ? { finsNode: n.finsNode } : {}) }
        : { via: n.port ?? 'usb', name: n.name },
  }));
}

/**
 * The operations a learner may send in a lab: the shared presets, with "download a program"
 * carrying the lab's own program with one task altered (what an intruder would push).
 */
export function ownRequestPresets(lab: Pick<Lab, 'rack'>): OperationPreset[] {
  const program = lab.rack.cpu.settings.program;
  const [first, ...rest] = program.tasks;
  const altered = first ? [{ ...first, code: `${first.code}; LD P_On; OUT W0.00` }, ...rest] : [];
  const p = OPERATION_PRESETS;
  const presets: OperationPreset[] = [
    p.readController,
    p.readD100,
    p.writeD100,
    p.uploadProgram,
    { id: 'download-altered', label: 'Download an altered copy of the program', operation: { kind: 'program.write', program: { ...program, tasks: altered } } },
    p.stopCpu,
    p.runCpu,
    p.readClock,
    p.readParameters,
    p.writeParameters,
    p.listUsers,
    p.readLog,
    p.readFile,
    p.snmpGet,
    p.tagData,
  ];
  if (first) {
    presets.splice(5, 0, { id: 'edit-task', label: `Edit task ${first.id} (${first.name}) online`, operation: { kind: 'program.editTasks', tasks: [altered[0] ?? first] } });
  }
  return presets;
}

function stepOf(request: Request, label: string): LabStep {
  const op = request.operation;
  const operation: LabOperation = op.kind === 'program.write' ? { kind: 'program.write', program: OWN_PROGRAM, ...(op.protection ? { protection: op.protection } : {}) } : op;
  const step: LabStep = { id: OWN_STEP_ID, label, from: request.from.name, operation, intent: 'hostile' };
  if (request.protocol !== undefined) step.protocol = request.protocol;
  if (request.replyTo !== undefined) step.replyTo = request.replyTo;
  if (request.credentials !== undefined) step.credentials = { ...request.credentials };
  if (request.projectPlcName !== undefined) step.projectPlcName = request.projectPlcName;
  if (request.protectionPassword !== undefined) step.protectionPassword = request.protectionPassword;
  if (request.community !== undefined) step.community = request.community;
  return step;
}

/**
 * What happens to `request` when it reaches the lab's rack as `answer` leaves it (for the
 * variant `seed`), after the history, the learner's settings and actions — instead of the
 * traffic suite. The sender must be a node of the lab's network (by name).
 */
export function sendOwnRequest(lab: Lab, seed: number | null, answer: Answer, request: Request, label: string): TimelineEntry {
  const variant = seed === null ? lab : instantiate(lab, seed);
  if (!variant.network.some((n) => n.name === request.from.name)) {
    throw new Error(`sendOwnRequest: "${request.from.name}" is not a node of this lab's network`);
  }
  const step = stepOf(request, label);
  const programs = { ...variant.programs };
  if (request.operation.kind === 'program.write') programs[OWN_PROGRAM] = request.operation.program;
  const probe: Lab = { ...variant, traffic: [step], programs };
  const report = grade(probe, answer);
  const entry = report.timeline.find((t) => t.phase === 'traffic' && t.id === OWN_STEP_ID);
  if (!entry) throw new Error('sendOwnRequest: the replay lost the request');
  return entry;
}
