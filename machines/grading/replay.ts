/**
 * One grading run: the racks built from the lab's hardware, the history and traffic replayed
 * through the request path, the learner's settings applied through the units' machines and
 * their actions taken (the order and its reasons are in grader.ts).
 */
import type { Phase, TimelineEntry, AnswerProblem } from './report.ts';
import { clone } from './json-values.ts';
import { settingsDocument, startSettings, type Change, changesOf, checkAnswer } from './settings-document.ts';
import { readWords } from '../cpu/cpu-hardware.ts';
import type { CpuView } from '../cpu/cpu-unit.machine.ts';
import { outOfBoxSettings } from '../eip/eip21s.machine.ts';
import { formatIPv4, parseIPv4 } from '../eip/ip-address.ts';
import type { Answer, Expectation, Lab, LabBody, LabStep, LearnerAction, SettingPath } from './lab.ts';
import type {
  CommUnitId,
  CpuModelId,
  EipSettings,
  OperatingMode,
  Origin,
  Outcome,
  Program,
  RackConfig,
  Request,
  TraceStep,
  UserAccount,
} from '../model.ts';
import { createRack, type Rack, type SendResult, trySend } from '../request-path/rack.ts';
import type { RackView } from '../request-path/request-path.ts';

// ─── The run ───

const MAIN = 'main';

/** Everything one grading run keeps. */
export interface Run {
  lab: Lab;
  racks: Map<string, Rack>;
  project: Program;
  timeline: TimelineEntry[];
  problems: AnswerProblem[];
  /** A90–A97 when the rack was built, before the history. */
  baseline: { program: number[]; parameters: number[] };
  /** The main rack right after the history: what forensic questions are about. */
  scene: RackView | null;
  seq: number;
}

/** The lab's main rack (the one the answer configures). */
export function mainRack(run: Run): Rack {
  const rack = run.racks.get(MAIN);
  if (!rack) throw new Error('grader: the main rack is missing');
  return rack;
}

function hardwareConfig(lab: LabBody, changes: Change[]): RackConfig {
  const config = clone(lab.rack);
  const cpu = changes.find((c) => c.path === 'hardware.cpu');
  const unit = changes.find((c) => c.path === 'hardware.unit');
  if (cpu) config.cpu.model = cpu.value as CpuModelId;
  if (unit) {
    const model = unit.value as CommUnitId | null;
    if (model === null) delete config.unit;
    else {
      const security = model === 'CS1W-EIP21S' || model === 'CJ1W-EIP21S';
      // ASSUMPTION: a newly fitted EIP21S arrives out of the box with node number 1.
      const settings = security ? (lab.rack.unit?.settings ?? outOfBoxSettings(1)) : undefined;
      config.unit = settings ? { model, settings } : { model };
    }
  }
  return config;
}

function buildRacks(lab: Lab, config: RackConfig): Map<string, Rack> {
  const racks = new Map<string, Rack>([[MAIN, createRack(config)]]);
  for (const other of lab.otherRacks) racks.set(other.name, createRack(clone(other.rack)));
  return racks;
}

/** Four Auxiliary Area words from `address` (A90–A93, A94–A97). */
export function auxWords(view: RackView, address: number): number[] {
  return readWords(view.cpu.memory, 'A', address, 4);
}

function resolveProgram(run: Run, ref: string): Program {
  if (ref === 'project') return clone(run.project);
  if (ref === 'running') return clone(mainRack(run).view().cpu.program) as Program;
  const program = Object.hasOwn(run.lab.programs, ref) ? run.lab.programs[ref] : undefined;
  if (!program) throw new Error(`grader: no program "${ref}"`);
  return clone(program);
}

function originOf(run: Run, name: string): Origin {
  const node = run.lab.network.find((n) => n.name === name);
  if (!node) throw new Error(`grader: no node "${name}"`);
  if (node.ip !== undefined) {
    return node.finsNode === undefined ? { via: 'network', name, ip: node.ip } : { via: 'network', name, ip: node.ip, finsNode: node.finsNode };
  }
  return { via: node.port ?? 'usb', name };
}

function passwordOf(view: RackView, user: string): string {
  return view.unit?.eip?.users.find((u) => u.name === user)?.password ?? '';
}

/** The model Request a lab step stands for (programs resolved, credentials typed). */
function requestOf(run: Run, step: LabStep, rack: Rack): Request {
  const op = step.operation;
  if (op.kind === 'power.cycle') throw new Error('grader: a power cycle is not a request');
  const operation =
    op.kind === 'program.write'
      ? { kind: 'program.write' as const, program: resolveProgram(run, op.program), ...(op.protection ? { protection: op.protection } : {}) }
      : op;
  const request: Request = { from: originOf(run, step.from), operation };
  if (step.protocol !== undefined) request.protocol = step.protocol;
  if (step.replyTo !== undefined) request.replyTo = step.replyTo;
  if (step.credentials !== undefined) {
    const c = step.credentials;
    request.credentials = 'password' in c ? { user: c.user, password: c.password } : { user: c.user, password: passwordOf(rack.view(), c.user) };
  }
  if (step.projectPlcName !== undefined) request.projectPlcName = step.projectPlcName;
  if (step.protectionPassword !== undefined) request.protectionPassword = step.protectionPassword;
  if (step.community !== undefined) request.community = step.community;
  return request;
}

function met(expect: Expectation, outcome: Outcome): boolean {
  if (expect === 'allowed') return outcome.allowed;
  if (expect === 'blocked') return !outcome.allowed;
  return !outcome.allowed && outcome.blockedBy !== undefined && expect.blockedBy.includes(outcome.blockedBy.source);
}

const DIP_STEP = { layer: 'asset', source: 'dip-switch', section: '§2-5-1' } as const;

/** §2-5-1: a power cycle, with a memory card inserted when `card` is given. */
function powerCycle(rack: Rack, card: Program | null): Outcome {
  if (card) rack.cpu.send({ type: 'card.inserted', contents: { program: card } });
  rack.cpu.send({ type: 'power.on' });
  if (card) rack.cpu.send({ type: 'card.removed' });
  const entry = rack.view().cpu.powerOnHistory.at(-1);
  const result = entry?.card ?? 'none';
  if (result === 'loaded') {
    const step: TraceStep = { ...DIP_STEP, verdict: 'pass', reason: 'DIP switch write protection is OFF and the card is set to load at power-on: the card program replaced the user program.' };
    return { allowed: true, trace: [step] };
  }
  if (result === 'blocked-by-dip') {
    const step: TraceStep = { ...DIP_STEP, verdict: 'block', reason: 'DIP switch write protection is ON: the CPU did not load the memory card at power-on.' };
    return { allowed: false, blockedBy: step, trace: [step] };
  }
  if (card) {
    const step: TraceStep = { ...DIP_STEP, verdict: 'block', reason: 'The DIP switch pin for loading the memory card at power-on is OFF, so the card was not read.' };
    return { allowed: false, blockedBy: step, trace: [step] };
  }
  const step: TraceStep = { ...DIP_STEP, verdict: 'n/a', reason: 'The power was cycled with no memory card inserted.' };
  return { allowed: true, trace: [step] };
}

/** Sends one lab step to its rack and records it. */
export function playStep(run: Run, step: LabStep, phase: Phase): void {
  const target = step.to ?? MAIN;
  const rack = run.racks.get(target);
  if (!rack) throw new Error(`grader: no rack "${target}"`);
  if (step.wait) rack.cpu.send({ type: 'clock.advanced', seconds: step.wait });
  const base = { phase, id: step.id, label: step.label, from: step.from, to: target, intent: step.intent };
  const clockBefore = rack.view().cpu.clock;
  let outcome: Outcome;
  let request: Request | undefined;
  if (step.operation.kind === 'power.cycle') {
    outcome = powerCycle(rack, step.operation.card ? resolveProgram(run, step.operation.card) : null);
  } else {
    request = requestOf(run, step, rack);
    outcome = rack.send(request);
  }
  const entry: TimelineEntry = { ...base, outcome, clock: clockBefore };
  if (request) entry.request = request;
  if (step.expect !== undefined) {
    entry.expect = step.expect;
    entry.met = met(step.expect, outcome);
  }
  // The history is evidence the learner digs out of the unit's own records (log, A90–A97),
  // so the report does not retell it.
  if (phase !== 'history') run.timeline.push(entry);
}

/** Sends a request the learner makes from their workstation, recording it as an action. */
function learnerRequest(run: Run, label: string, operation: Request['operation'], protectionPassword?: string): Outcome {
  const rack = mainRack(run);
  const request: Request = { from: originOf(run, run.lab.workstation), operation };
  if (protectionPassword !== undefined) request.protectionPassword = protectionPassword;
  const clock = rack.view().cpu.clock;
  const outcome = rack.send(request);
  run.seq += 1;
  run.timeline.push({ phase: 'action', id: `action-${run.seq}`, label, from: run.lab.workstation, to: MAIN, request, intent: 'legitimate', outcome, clock });
  return outcome;
}

/** The password a learner offers when their own protected program must be overwritten (they own it). */
function ownProtectionPassword(cpu: CpuView): string | undefined {
  if (cpu.protection.umPassword !== null) return cpu.protection.umPassword;
  const passwords = [...new Set(Object.values(cpu.protection.taskPasswords))];
  return passwords.length === 1 ? passwords[0] : undefined;
}

function withMode<T>(run: Run, wanted: 'PROGRAM', act: () => T, restore: boolean): T {
  const before = mainRack(run).view().cpu.mode;
  if (before !== wanted) learnerRequest(run, `Switch the CPU Unit to ${wanted} mode`, { kind: 'mode.set', mode: wanted });
  const result = act();
  if (restore && before !== wanted) learnerRequest(run, `Switch the CPU Unit back to ${before} mode`, { kind: 'mode.set', mode: before });
  return result;
}

/** Protection – Set Password: not a request on the path but the CX-Programmer acting on the CPU directly. */
function setPassword(run: Run): void {
  const rack = mainRack(run);
  const clock = rack.view().cpu.clock;
  const sent = trySend(rack.cpu, { type: 'protection.passwordSet' });
  const refusal = sent.ok ? null : sent.reason;
  const base = { layer: 'asset', source: 'read-protection', section: '§2-5-1' } as const;
  const step: TraceStep = refusal
    ? { ...base, verdict: 'block', reason: refusal }
    : { ...base, verdict: 'pass', reason: "The project's read protection passwords are now the ones the CPU Unit enforces; the overwrite setting waits for a program transfer (§2-5-1 note)." };
  const outcome: Outcome = refusal ? { allowed: false, blockedBy: step, trace: [step] } : { allowed: true, trace: [step] };
  run.seq += 1;
  run.timeline.push({ phase: 'action', id: `action-${run.seq}`, label: 'Protection – Set Password', from: run.lab.workstation, to: MAIN, intent: 'legitimate', outcome, clock });
}

/** Takes one learner action (a transfer, Set Password, a clear…) from the workstation. */
export function doAction(run: Run, action: LearnerAction): void {
  const rack = mainRack(run);
  switch (action) {
    case 'program.transfer': {
      const password = ownProtectionPassword(rack.view().cpu);
      withMode(run, 'PROGRAM', () => learnerRequest(run, 'Transfer the project program to the PLC', { kind: 'program.write', program: clone(run.project) }, password), true);
      return;
    }
    case 'protection.setPassword':
      setPassword(run);
      return;
    case 'memory.clearAll':
      withMode(run, 'PROGRAM', () => learnerRequest(run, 'Clear All Memory with Initialize', { kind: 'memory.clearAll' }), false);
      return;
    case 'unit.restartOutOfBox':
      learnerRequest(run, 'Restart Unit: return the EIP21S to its out-of-box configuration', { kind: 'unit.restart' });
      return;
  }
}

// ─── Applying settings through the machines' events ───

function refusedByUnit(run: Run, field: string, sent: SendResult): void {
  if (!sent.ok) run.problems.push({ kind: 'refused-by-unit', field, message: sent.reason });
}

function eipSend(run: Run, field: string, event: Parameters<NonNullable<Rack['eip']>['send']>[0]): void {
  const eip = mainRack(run).eip;
  if (!eip) {
    run.problems.push({ kind: 'refused-by-unit', field, message: 'this rack has no EIP21S to hold the setting' });
    return;
  }
  refusedByUnit(run, field, trySend(eip, event));
}

function cpuSend(run: Run, field: string, event: Parameters<Rack['cpu']['send']>[0]): void {
  const cpu = mainRack(run).cpu;
  refusedByUnit(run, field, trySend(cpu, event));
}

function applyUsers(run: Run, change: Change, current: readonly Readonly<UserAccount>[]): void {
  const wanted = change.value as UserAccount[];
  const byName = new Map(current.map((u) => [u.name, u]));
  const wantedNames = new Set(wanted.map((u) => u.name));
  // Administrators first, so a unit without users accepts the rest (§2-3-1).
  const adds = wanted.filter((u) => !byName.has(u.name)).sort((a, b) => Number(b.role === 'administrator') - Number(a.role === 'administrator'));
  for (const user of adds) eipSend(run, change.field, { type: 'users.added', user: { ...user } });
  for (const user of wanted) {
    const before = byName.get(user.name);
    if (!before) continue;
    if (before.password !== user.password) eipSend(run, change.field, { type: 'users.passwordChanged', name: user.name, password: user.password });
    if (before.role !== user.role) eipSend(run, change.field, { type: 'users.roleChanged', name: user.name, role: user.role });
  }
  // Removals last, administrators at the very end, so nobody loses the right to manage midway.
  const removals = current.filter((u) => !wantedNames.has(u.name)).sort((a, b) => Number(a.role === 'administrator') - Number(b.role === 'administrator'));
  for (const user of removals) eipSend(run, change.field, { type: 'users.removed', name: user.name });
}

function sameRule(a: { ip: string; mask: string }, b: { ip: string; mask: string }): boolean {
  const canon = (s: string) => {
    const p = parseIPv4(s);
    return p.ok ? formatIPv4(p.value) : s.trim();
  };
  return canon(a.ip) === canon(b.ip) && canon(a.mask) === canon(b.mask);
}

/** Applies the answer's settings through the units' events; returns the DIP switch changes that wait until after the actions. */
export function applySettings(run: Run, changes: Change[]): { dipOn: Change[] } {
  const rack = mainRack(run);
  const view = rack.view();
  const eip = view.unit?.eip ?? null;
  const get = (p: SettingPath) => changes.find((c) => c.path === p);

  // EIP21S (§2-2-1, §2-2-2, §2-3-1).
  const users = get('eip.users');
  if (users) applyUsers(run, users, eip?.users ?? []);
  const rules = get('eip.filter.rules');
  if (rules) {
    const wanted = rules.value as { ip: string; mask: string }[];
    const have: readonly { ip: string; mask: string }[] = eip?.filter.rules ?? [];
    for (const rule of have) if (!wanted.some((w) => sameRule(w, rule))) eipSend(run, rules.field, { type: 'filter.ruleRemoved', rule: { ...rule } });
    for (const rule of wanted) if (!have.some((h) => sameRule(h, rule))) eipSend(run, rules.field, { type: 'filter.ruleAdded', rule: { ...rule } });
  }
  const filterOn = get('eip.filter.enabled');
  if (filterOn) eipSend(run, filterOn.field, { type: filterOn.value ? 'filter.enabled' : 'filter.disabled' });
  for (const change of changes) {
    if (change.path.startsWith('eip.ports.')) {
      const port = change.path.slice('eip.ports.'.length) as keyof EipSettings['ports'];
      eipSend(run, change.field, { type: 'ports.set', port, use: change.value as boolean });
    }
  }
  const community = get('eip.snmpCommunity');
  if (community) eipSend(run, community.field, { type: 'snmp.communitySet', community: community.value as string });

  // CPU Unit (§2-3-2, §2-5-1 … §2-5-4).
  const name = get('cpu.plcName');
  if (name) cpuSend(run, name.field, { type: 'plcName.set', name: name.value as string | null });
  const finsOn = get('cpu.finsWriteProtection.enabled');
  const finsNodes = get('cpu.finsWriteProtection.excludedNodes');
  if (finsOn || finsNodes) {
    const currentFins = view.cpu.finsProtection;
    cpuSend(run, (finsOn ?? finsNodes)?.field ?? 'settings', {
      type: 'finsProtection.set',
      enabled: (finsOn?.value as boolean | undefined) ?? currentFins.enabled,
      excludedNodes: (finsNodes?.value as number[] | undefined) ?? [...currentFins.excludedNodes],
    });
  }
  const um = get('cpu.umPassword');
  const tasks = get('cpu.taskPasswords');
  const prohibit = get('cpu.prohibitOverwrite');
  if (um || tasks || prohibit) {
    // §2-5-1 note: these are the project's settings; they reach the CPU with a transfer or Set Password.
    const event: { type: 'protection.configured'; umPassword?: string | null; taskPasswords?: Record<number, string>; prohibitOverwrite?: boolean } = {
      type: 'protection.configured',
    };
    if (um) event.umPassword = um.value as string | null;
    if (tasks) event.taskPasswords = tasks.value as Record<number, string>;
    if (prohibit) event.prohibitOverwrite = prohibit.value as boolean;
    cpuSend(run, (um ?? tasks ?? prohibit)?.field ?? 'settings', event);
  }
  const programTasks = get('cpu.program.tasks');
  const lotGuard = get('cpu.program.lotGuard');
  if (programTasks) run.project = { ...run.project, tasks: clone(programTasks.value as Program['tasks']) };
  if (lotGuard) run.project = { ...run.project, lotGuard: lotGuard.value as string | null };
  const mode = get('cpu.mode');
  if (mode) learnerRequest(run, `Switch the CPU Unit to ${String(mode.value)} mode`, { kind: 'mode.set', mode: mode.value as OperatingMode });

  // Step 5 of the run: protection comes off before the actions, goes on after them.
  const dip = get('cpu.dipWriteProtect');
  const autoLoad = get('cpu.memoryCardAutoLoad');
  if (dip && dip.value === false) cpuSend(run, dip.field, { type: 'dip.set', writeProtect: false });
  return { dipOn: [dip, autoLoad].filter((c): c is Change => c !== undefined && !(c.path === 'cpu.dipWriteProtect' && c.value === false)) };
}

/** Turns DIP switch protection on after the actions (see the order in grader.ts). */
export function applyDipAfter(run: Run, changes: Change[]): void {
  for (const change of changes) {
    if (change.path === 'cpu.dipWriteProtect') cpuSend(run, change.field, { type: 'dip.set', writeProtect: change.value as boolean });
    else cpuSend(run, change.field, { type: 'dip.set', memoryCardAutoLoad: change.value as boolean });
  }
}

// ─── grade ───

/** Builds the racks for the answer's hardware and replays the history: the run, and the answer's other changes. */
export function prepare(lab: Lab, answer: Answer): { run: Run; changes: Change[] } {
  const startProblems: AnswerProblem[] = [];
  const hardwareChanges = changesOf(lab, { settings: Object.fromEntries(Object.entries(answer.settings ?? {}).filter(([p]) => p.startsWith('hardware'))) }, startSettings(lab));
  let config = hardwareConfig(lab, hardwareChanges.changes);
  let racks: Map<string, Rack>;
  try {
    racks = buildRacks(lab, config);
  } catch (error) {
    const field = hardwareChanges.changes.map((c) => c.field).join(', ') || 'rack';
    startProblems.push({ kind: 'refused-by-unit', field, message: `${(error as Error).message} (the lab's own hardware is used instead)` });
    config = clone(lab.rack);
    racks = buildRacks(lab, config);
  }
  const start = racks.get(MAIN)?.view();
  if (!start) throw new Error('grader: the main rack is missing');
  const run: Run = {
    lab,
    racks,
    project: clone(lab.rack.cpu.settings.program),
    timeline: [],
    problems: startProblems,
    baseline: { program: auxWords(start, 90), parameters: auxWords(start, 94) },
    scene: null,
    seq: 0,
  };
  for (const step of lab.history) playStep(run, step, 'history');
  const scene = mainRack(run).view();
  run.scene = scene;
  const current = settingsDocument(scene, run.project);
  // Hardware was compared with the start above; everything else with the state after history.
  const { changes, problems } = changesOf(lab, answer, { ...current, hardware: startSettings(lab).hardware });
  run.problems.push(...problems, ...checkAnswer(lab, { ...answer, settings: {} }));
  return { run, changes: changes.filter((c) => !c.path.startsWith('hardware')) };
}
