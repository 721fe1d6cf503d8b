/**
 * The lab grader: `grade(lab, answer, seed)` builds the lab's rack for the learner's variant,
 * replays the history, applies the learner's changes through the units' machines, replays the
 * traffic suite through the request path (`rack.send`), and checks every objective — both
 * ways: attacks must be stopped and the plant's own work must still get through.
 *
 * Pure and deterministic (no clock, no randomness beyond the seeded variant), shared by the
 * browser workbench, the CLI (`npm run lab`) and the server.
 *
 * Order of a grading run, and why:
 * 1. hardware (`hardware.*`) chooses the racks' parts, so it comes first;
 * 2. the history happened before the learner arrived;
 * 3. settings, through the machines' events (users added one by one, filter rules, ports…);
 *    project settings (`cpu.program.*`, read protection) only reach the CPU with an action;
 * 4. the learner's actions, in order, from their workstation at a local port;
 * 5. ASSUMPTION: the DIP switch is flipped like a careful engineer would — write protection
 *    turned OFF before the actions (so a transfer or a clear can happen), turned ON after them;
 * 6. the traffic suite; then the objectives on the final state. Questions about what happened
 *    (the log, the overwrite times) are answered from the state right after the history, so the
 *    learner's own repairs never change the expected answer.
 */
import { AVAILABILITY, functionsOffered } from './catalog.ts';
import { decodeTimestamp } from './bcd.ts';
import { readWords } from './cpu-hardware.ts';
import type { CpuView } from './cpu-unit.machine.ts';
import { outOfBoxSettings, settingsOf, type EipView } from './eip21s.machine.ts';
import { formatIPv4, parseIPv4 } from './ip-address.ts';
import {
  type Answer,
  type ConfigCheck,
  type Derivation,
  type Expectation,
  hostilePasswords,
  type Lab,
  type LabBody,
  type LabStep,
  type LearnerAction,
  lessonsFor,
  maxPoints,
  type Objective,
  POSTURE_OPS,
  type QuestionObjective,
  type SettingPath,
  settingPathsUnder,
  stepsOf,
} from './lab.ts';
import {
  type CommUnitId,
  type CpuModelId,
  type EipSettings,
  FUNCTION_IDS,
  type OperatingMode,
  type Origin,
  type Outcome,
  pathText,
  type Program,
  type RackConfig,
  type Request,
  type TraceStep,
  type UserAccount,
} from './model.ts';
import { checkPassword } from './password-policy.ts';
import { type PostureCheck, type PostureContext, runPostureCheck } from './posture.ts';
import { createRack, type Rack } from './rack.ts';
import type { RackView } from './request-path.ts';
import { settingValueProblems } from './setting-values.ts';
import { instantiate } from './variants.ts';

// ─── Report ───

/** When in the run a timeline entry happened (the history is replayed but not reported). */
export type Phase = 'history' | 'action' | 'traffic';

/** One request (or physical act) of the run and what became of it. */
export interface TimelineEntry {
  phase: Phase;
  /** The lab step id, or a generated one for actions and settings ("action-1"). */
  id: string;
  label: string;
  /** Name of the sender. */
  from: string;
  /** The rack it went to: "main" or an `otherRacks` name. */
  to: string;
  /** The request as sent; absent for a power cycle and for direct events such as Set Password. */
  request?: Request;
  intent?: LabStep['intent'];
  expect?: Expectation;
  outcome: Outcome;
  /** Whether the outcome met the expectation; absent when nothing was expected. */
  met?: boolean;
  /** The CPU clock of the target rack when it happened. */
  clock: string;
}

/** A problem with the answer itself: a setting that may not or cannot be changed. */
export interface AnswerProblem {
  /**
   * - locked: the lab does not let the learner change this;
   * - unknown: no such setting, question or hint;
   * - invalid: the value has the wrong type;
   * - refused-by-unit: the unit refused the change (a weak password, a duplicate rule…).
   */
  kind: 'locked' | 'unknown' | 'invalid' | 'refused-by-unit';
  /** The answer field, e.g. settings["eip.ports.finsUdp"]. */
  field: string;
  message: string;
}

/** How one objective went. */
export interface ObjectiveResult {
  id: string;
  title: string;
  kind: Objective['kind'];
  passed: boolean;
  points: number;
  earned: number;
  /** Why it passed or failed, in one sentence. */
  reason: string;
  /** Each failing step or check, when there are several. */
  details: string[];
  /** Lesson ids to review (the objective's functions, and the function that blocked a step). */
  lessons: string[];
  /** The lab's hint for this objective, shown when it fails. */
  hint?: string;
}

/** The grader's report. */
export interface Report {
  labId: string;
  /** The seed of the variant graded; null for the default variant. */
  seed: number | null;
  objectives: ObjectiveResult[];
  timeline: TimelineEntry[];
  problems: AnswerProblem[];
  /** Things worth knowing that are not failures (a protection left pending…). */
  notes: string[];
  hints: { used: string[]; penalty: number };
  /** Points earned minus the hint penalty, never below 0. */
  score: number;
  max: number;
  /** Every objective met and the answer free of problems. */
  passed: boolean;
}

// ─── Small pure helpers ───

/** Structural equality of JSON-like values (key order ignored). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  const ka = Object.keys(a as object).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b as object).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** The value at a dotted path ("eip.ports.finsUdp", "eip.users.0.name"); undefined when absent. */
export function valueAt(root: unknown, path: string): unknown {
  let node = root;
  for (const key of path.split('.')) {
    // Own keys only: "constructor" or "toString" in a path must not find what every object inherits.
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const json = JSON.stringify(value);
  return json.length > 120 ? `${json.slice(0, 117)}…` : json;
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

// ─── The settings document the answer edits ───

/** The learner-editable settings as one document: what `Answer.settings` paths point into. */
export interface SettingsDocument {
  hardware: { cpu: CpuModelId; unit: CommUnitId | null };
  /** CPU settings; the read-protection fields and the program are the project's (pending). */
  cpu: Record<string, unknown>;
  /** EIP21S settings, or null without an EIP21S. */
  eip: EipSettings | null;
}

function settingsDocument(view: RackView, project: Program): SettingsDocument {
  const cpu = view.cpu;
  return {
    hardware: { cpu: cpu.model, unit: view.unit?.model ?? null },
    cpu: {
      ...clone(cpu.settings),
      umPassword: cpu.pendingProtection.umPassword,
      taskPasswords: { ...cpu.pendingProtection.taskPasswords },
      prohibitOverwrite: cpu.pendingProtection.prohibitOverwrite,
      program: clone(project),
    },
    eip: view.unit?.eip ? settingsOf(view.unit.eip) : null,
  };
}

/** The settings document a lab starts from, before any history (for the CLI and editors). */
export function startSettings(lab: LabBody): SettingsDocument {
  const unit = lab.rack.unit;
  return {
    hardware: { cpu: lab.rack.cpu.model, unit: unit?.model ?? null },
    cpu: clone(lab.rack.cpu.settings) as unknown as Record<string, unknown>,
    eip: unit?.settings ? clone(unit.settings) : null,
  };
}

/** A finest setting whose value the answer changes. */
interface Change {
  path: SettingPath;
  value: unknown;
  /** The answer field it came from. */
  field: string;
}

/** The answer's changes at the finest grain, compared with `current`; problems for the rest. */
function changesOf(lab: LabBody, answer: Answer, current: SettingsDocument): { changes: Change[]; problems: AnswerProblem[] } {
  const changes = new Map<SettingPath, Change>();
  const problems: AnswerProblem[] = [];
  const editable = new Set(lab.editable.flatMap(settingPathsUnder));
  for (const [path, value] of Object.entries(answer.settings ?? {})) {
    const field = `settings["${path}"]`;
    const leaves = settingPathsUnder(path);
    if (leaves.length === 0) {
      problems.push({ kind: 'unknown', field, message: `"${path}" is not a setting: use one of ${lab.editable.join(', ') || 'nothing (this lab has no settings to change)'}` });
      continue;
    }
    // The answer contract (setting-values.ts): a value of the wrong kind is named, never applied.
    const wrong = value === undefined ? [] : (settingValueProblems(path, value) ?? []);
    for (const p of wrong) problems.push({ kind: 'invalid', field: `${field}${pathText(p.path, true)}`, message: p.message });
    if (wrong.length > 0) continue;
    for (const leaf of leaves) {
      const sub = leaf === path ? value : valueAt(value, leaf.slice(path.length + 1));
      if (sub === undefined) continue;
      const before = valueAt(current, leaf);
      if (deepEqual(before, sub)) {
        // A later key that puts a setting back (e.g. "eip.ports.ftpServer" after "eip.ports") wins.
        changes.delete(leaf);
        continue;
      }
      if (!editable.has(leaf)) {
        problems.push({
          kind: 'locked',
          field,
          message: `${leaf} is locked in this lab and cannot be changed${lab.editable.length ? `; you may change: ${lab.editable.join(', ')}` : ''}`,
        });
        continue;
      }
      changes.set(leaf, { path: leaf, value: sub, field });
    }
  }
  return { changes: [...changes.values()], problems };
}

/**
 * Checks an answer against a lab without replaying it: only editable settings changed (compared
 * with `current`, the lab's starting settings unless given), values of the right type, actions
 * the lab offers, questions and hints that exist. The same check runs inside `grade`.
 */
export function checkAnswer(lab: LabBody, answer: Answer, current: SettingsDocument = startSettings(lab)): AnswerProblem[] {
  const { problems } = changesOf(lab, answer, current);
  for (const [i, action] of (answer.actions ?? []).entries()) {
    if (!lab.actions.includes(action)) {
      problems.push({
        kind: 'locked',
        field: `actions[${i}]`,
        message: `this lab does not let you ${action}${lab.actions.length ? `; available: ${lab.actions.join(', ')}` : ' (it offers no actions)'}`,
      });
    }
  }
  const questions = lab.objectives.filter((o) => o.kind === 'question').map((o) => o.id);
  for (const id of Object.keys(answer.answers ?? {})) {
    if (!questions.includes(id)) {
      problems.push({ kind: 'unknown', field: `answers["${id}"]`, message: `no question "${id}" in this lab${questions.length ? `: the questions are ${questions.join(', ')}` : ' (it asks none)'}` });
    }
  }
  for (const id of answer.hintsUsed ?? []) {
    if (!lab.hints.some((h) => h.id === id)) {
      problems.push({ kind: 'unknown', field: 'hintsUsed', message: `no hint "${id}" in this lab: the hints are ${lab.hints.map((h) => h.id).join(', ') || 'none'}` });
    }
  }
  return problems;
}

// ─── The run ───

const MAIN = 'main';

/** Everything one grading run keeps. */
interface Run {
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

function mainRack(run: Run): Rack {
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

function auxWords(view: RackView, address: number): number[] {
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
function playStep(run: Run, step: LabStep, phase: Phase): void {
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
  rack.cpu.send({ type: 'protection.passwordSet' });
  const refusal = rack.cpu.getSnapshot().context.lastError;
  const base = { layer: 'asset', source: 'read-protection', section: '§2-5-1' } as const;
  const step: TraceStep = refusal
    ? { ...base, verdict: 'block', reason: refusal }
    : { ...base, verdict: 'pass', reason: "The project's read-protection passwords are now the ones the CPU Unit enforces; the overwrite setting waits for a program transfer (§2-5-1 note)." };
  const outcome: Outcome = refusal ? { allowed: false, blockedBy: step, trace: [step] } : { allowed: true, trace: [step] };
  run.seq += 1;
  run.timeline.push({ phase: 'action', id: `action-${run.seq}`, label: 'Protection – Set Password', from: run.lab.workstation, to: MAIN, intent: 'legitimate', outcome, clock });
}

function doAction(run: Run, action: LearnerAction): void {
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

function refusedByUnit(run: Run, field: string, error: string | null): void {
  if (error) run.problems.push({ kind: 'refused-by-unit', field, message: error });
}

function eipSend(run: Run, field: string, event: Parameters<NonNullable<Rack['eip']>['send']>[0]): void {
  const eip = mainRack(run).eip;
  if (!eip) {
    run.problems.push({ kind: 'refused-by-unit', field, message: 'this rack has no EIP21S to hold the setting' });
    return;
  }
  eip.send(event);
  refusedByUnit(run, field, eip.getSnapshot().context.lastError);
}

function cpuSend(run: Run, field: string, event: Parameters<Rack['cpu']['send']>[0]): void {
  const cpu = mainRack(run).cpu;
  cpu.send(event);
  refusedByUnit(run, field, cpu.getSnapshot().context.lastError);
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

function applySettings(run: Run, changes: Change[]): { dipOn: Change[] } {
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

function applyDipAfter(run: Run, changes: Change[]): void {
  for (const change of changes) {
    if (change.path === 'cpu.dipWriteProtect') cpuSend(run, change.field, { type: 'dip.set', writeProtect: change.value as boolean });
    else cpuSend(run, change.field, { type: 'dip.set', memoryCardAutoLoad: change.value as boolean });
  }
}

// ─── The state objectives read ───

/**
 * The final state as one JSON document for config checks:
 * - `hardware.cpu`, `hardware.unit`;
 * - `cpu.*`: the CpuSettings the CPU enforces, plus `lotNumber`, `clock`, `mode`,
 *   `controlRunning`, `pendingProtection`, `parameters`, `powerOnHistory`, `errorHistory`;
 * - `eip.*`: the EipSettings stored in the unit, plus `userAuth`, `secureCommAvailable`, `log`
 *   (null without an EIP21S);
 * - `project.program`: the program in the learner's project.
 */
export function stateDocument(view: RackView, project: Program): Record<string, unknown> {
  const cpu = view.cpu;
  const eip: EipView | null = view.unit?.eip ?? null;
  return clone({
    hardware: { cpu: cpu.model, unit: view.unit?.model ?? null },
    cpu: {
      ...cpu.settings,
      lotNumber: cpu.lotNumber,
      clock: cpu.clock,
      controlRunning: cpu.controlRunning,
      pendingProtection: cpu.pendingProtection,
      parameters: cpu.parameters,
      powerOnHistory: cpu.powerOnHistory,
      errorHistory: cpu.errorHistory,
    },
    eip: eip ? { ...settingsOf(eip), userAuth: eip.userAuth, secureCommAvailable: eip.secureCommAvailable, log: eip.log } : null,
    project: { program: project },
  });
}

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

function matches(element: unknown, match: Record<string, unknown>): boolean {
  return Object.entries(match).every(([k, v]) => deepEqual(valueAt(element, k), v));
}

function weakPasswords(value: unknown): string[] {
  if (value === null || value === undefined) return ['no password is set'];
  if (typeof value === 'string') {
    const c = checkPassword(value);
    return c.ok ? [] : c.problems;
  }
  if (Array.isArray(value)) {
    return value.flatMap((u) => {
      const user = u as { name?: string; password?: string };
      const c = checkPassword(user.password ?? '', user.name ? { userName: user.name } : {});
      return c.ok ? [] : [`${user.name ?? 'a user'}: ${c.problems.join(' ')}`];
    });
  }
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, pw]) => {
      const c = checkPassword(String(pw));
      return c.ok ? [] : [`${k}: ${c.problems.join(' ')}`];
    });
  }
  return ['not a password'];
}

function isPosture(check: ConfigCheck): check is PostureCheck {
  return (POSTURE_OPS as readonly string[]).includes(check.op);
}

function runCheck(check: ConfigCheck, state: Record<string, unknown>, context: PostureContext): { ok: boolean; reason: string } {
  if (isPosture(check)) return runPostureCheck(check, state, context);
  if (check.op === 'offers') {
    const hardware = state.hardware as { cpu: CpuModelId; unit: CommUnitId | null };
    const offered = functionsOffered(hardware.cpu, hardware.unit ?? undefined);
    const missing = check.functions.filter((f) => offered[f].offered !== true);
    const ok = missing.length === 0;
    const what = `${hardware.cpu}${hardware.unit ? ` + ${hardware.unit}` : ''}`;
    return {
      ok,
      reason: ok
        ? (check.says ?? `${what} offers ${check.functions.join(', ')}`)
        : `${check.says ? `${check.says}: ` : ''}${what} lacks ${missing.map((f) => `${f} (${offered[f].reason})`).join('; ')}`,
    };
  }
  const actual = valueAt(state, check.path);
  const label = check.says ?? check.path;
  const fail = (why: string) => ({ ok: false, reason: `${label}: ${why}` });
  const pass = { ok: true, reason: label };
  switch (check.op) {
    case 'equals':
      return deepEqual(actual, check.value) ? pass : fail(`${check.path} is ${show(actual)}, it must be ${show(check.value)}`);
    case 'notEquals':
      return !deepEqual(actual, check.value) ? pass : fail(`${check.path} must not be ${show(check.value)}`);
    case 'includes':
      return Array.isArray(actual) && actual.some((v) => deepEqual(v, check.value)) ? pass : fail(`${check.path} (${show(actual)}) does not contain ${show(check.value)}`);
    case 'excludes':
      return !(Array.isArray(actual) && actual.some((v) => deepEqual(v, check.value))) ? pass : fail(`${check.path} still contains ${show(check.value)}`);
    case 'some':
      return Array.isArray(actual) && actual.some((e) => matches(e, check.match)) ? pass : fail(`nothing in ${check.path} has ${show(check.match)}`);
    case 'none': {
      const found = Array.isArray(actual) ? actual.find((e) => matches(e, check.match)) : undefined;
      return found === undefined ? pass : fail(`${check.path} still has ${show(found)}`);
    }
    case 'empty':
      return isEmpty(actual) ? pass : fail(`${check.path} is not empty: ${show(actual)}`);
    case 'notEmpty':
      return !isEmpty(actual) ? pass : fail(`${check.path} is empty`);
    case 'strongPasswords': {
      const weak = weakPasswords(actual);
      return weak.length === 0 ? pass : fail(`weak password(s) (§1-6): ${weak.join(' ')}`);
    }
  }
}

// ─── Questions ───

function normalise(format: QuestionObjective['format'], value: unknown): string | string[] | null {
  if (value === undefined || value === null) return null;
  if (format === 'choices') {
    const list = Array.isArray(value) ? value : [value];
    return [...new Set(list.map((v) => String(v).trim().toLowerCase()))].sort();
  }
  const text = String(Array.isArray(value) ? value.join(',') : value).trim();
  switch (format) {
    case 'ip': {
      const parsed = parseIPv4(text);
      return parsed.ok ? formatIPv4(parsed.value) : text;
    }
    case 'number': {
      const n = /^0x[0-9a-f]+$/i.test(text) ? Number.parseInt(text, 16) : Number(text);
      return Number.isFinite(n) ? String(n) : text;
    }
    case 'hex': {
      const digits = text.replace(/^0x/i, '').replace(/h$/i, '');
      return /^[0-9a-f]+$/i.test(digits) ? String(Number.parseInt(digits, 16)) : text;
    }
    case 'datetime': {
      // Compared to the minute, as a wall clock: "2026-03-02 14:05", "2026-03-02T14:05:00Z".
      const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})/.exec(text);
      return m ? `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}` : text;
    }
    default:
      return text.replace(/\s+/g, ' ').toLowerCase();
  }
}

function shift(iso: string, minutes: number | undefined): string {
  if (!minutes) return iso;
  const ms = Date.parse(iso.endsWith('Z') ? iso : `${iso}Z`) + minutes * 60_000;
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

function derive(run: Run, d: Derivation, scene: RackView): unknown {
  switch (d.from) {
    case 'log': {
      const log = scene.unit?.eip?.log ?? [];
      const w = d.where ?? {};
      const hits = log.filter(
        (e) =>
          (w.operation === undefined || e.operation === w.operation) &&
          (w.result === undefined || e.result === w.result) &&
          (w.user === undefined || e.user === w.user) &&
          (w.ip === undefined || e.ip === w.ip),
      );
      if (d.pick === 'count') return hits.length;
      const hit = d.pick === 'first' ? hits[0] : hits.at(-1);
      if (!hit) return undefined;
      const field = d.field ?? 'user';
      if (field === 'node') return run.lab.network.find((n) => n.ip === hit.ip)?.name ?? hit.ip;
      if (field === 'at') return shift(hit.at, d.shiftMinutes);
      return hit[field];
    }
    case 'overwriteTime':
      return shift(decodeTimestamp(auxWords(scene, d.which === 'program' ? 90 : 94)), d.shiftMinutes);
    case 'memory': {
      const word = readWords(scene.cpu.memory, d.area, d.address, 1)[0] ?? 0;
      return d.format === 'hex' ? `0x${word.toString(16).toUpperCase().padStart(4, '0')}` : String(word);
    }
    case 'tamper': {
      const now = auxWords(scene, d.which === 'program' ? 90 : 94);
      return deepEqual(now, run.baseline[d.which]) ? 'no' : 'yes';
    }
    case 'node': {
      const node = run.lab.network.find((n) => n.name === d.name);
      return node?.[d.field];
    }
    case 'outcome': {
      const entry = run.timeline.find((t) => t.phase === 'traffic' && t.id === d.step);
      if (!entry) return undefined;
      return entry.outcome.allowed ? 'allowed' : entry.outcome.blockedBy?.source;
    }
    case 'catalog':
      return FUNCTION_IDS.filter((f) => AVAILABILITY[d.cpu][f] === d.availability);
  }
}

/** The expected answer of a question for a lab run (derived or fixed), as the learner would write it. */
function expectedAnswer(run: Run, q: QuestionObjective): unknown {
  if (q.derive) return derive(run, q.derive, run.scene ?? mainRack(run).view());
  return q.expected;
}

// ─── Objectives ───

function describeOutcome(outcome: Outcome): string {
  if (outcome.allowed) return 'it was allowed';
  const b = outcome.blockedBy;
  return b ? `it was stopped by ${b.source} (${b.section}): ${b.reason}` : 'it was refused';
}

function describeExpect(expect: Expectation): string {
  if (expect === 'allowed') return 'it must get through';
  if (expect === 'blocked') return 'it must be stopped';
  return `it must be stopped by ${expect.blockedBy.join(' or ')}`;
}

function gradeObjective(run: Run, o: Objective, answer: Answer, state: Record<string, unknown>): ObjectiveResult {
  const base = { id: o.id, title: o.title, kind: o.kind, points: o.points, ...(o.hint ? { hint: o.hint } : {}) };
  const result = (passed: boolean, reason: string, details: string[] = [], extraLessons: string[] = []): ObjectiveResult => ({
    ...base,
    passed,
    earned: passed ? o.points : 0,
    reason,
    details,
    lessons: [...new Set([...lessonsFor(o.functions), ...extraLessons])],
  });

  if (o.kind === 'traffic') {
    const steps = stepsOf(run.lab, o);
    const failures: string[] = [];
    const lessons: string[] = [];
    for (const step of steps) {
      const entry = run.timeline.find((t) => t.phase === 'traffic' && t.id === step.id);
      if (entry?.met !== false) continue;
      failures.push(`${step.label} (${step.intent}, from ${step.from}): ${describeExpect(step.expect ?? 'allowed')}, but ${describeOutcome(entry.outcome)}`);
      const source = entry.outcome.blockedBy?.source;
      if (source && (FUNCTION_IDS as readonly string[]).includes(source)) lessons.push(...lessonsFor([source as (typeof FUNCTION_IDS)[number]]));
    }
    if (failures.length === 0) return result(true, `All ${steps.length} step(s) had the outcome they needed.`);
    return result(false, failures[0] ?? 'a step went wrong', failures, lessons);
  }

  if (o.kind === 'config') {
    const context: PostureContext = { network: run.lab.network, knownPasswords: hostilePasswords(run.lab) };
    const outcomes = o.checks.map((c) => runCheck(c, state, context));
    const failed = outcomes.filter((c) => !c.ok).map((c) => c.reason);
    if (failed.length === 0) return result(true, outcomes.map((c) => c.reason).join('; '));
    return result(false, failed[0] ?? 'a check failed', failed);
  }

  const given = answer.answers && Object.hasOwn(answer.answers, o.id) ? answer.answers[o.id] : undefined;
  if (given === undefined || (typeof given === 'string' && given.trim() === '')) return result(false, 'Not answered.');
  const expected = expectedAnswer(run, o);
  if (expected === undefined) return result(false, 'The replay gives no answer to this question (the lab expects an event that did not happen).');
  const ok = deepEqual(normalise(o.format, given), normalise(o.format, expected));
  // The reason never reveals the expected answer, so a report cannot be copied.
  return ok ? result(true, 'Correct.') : result(false, `"${Array.isArray(given) ? given.join(', ') : given}" is not right.`);
}

// ─── grade ───

function prepare(lab: Lab, answer: Answer): { run: Run; changes: Change[] } {
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

/** What the learner finds when they start: the settings they edit and the unit's state. */
export interface StartingState {
  /** The lab's variant for the seed. */
  lab: Lab;
  /** The settings as the learner finds them (after the history). */
  settings: SettingsDocument;
  /** The main rack after the history: its operation log, Auxiliary Area and so on. */
  view: RackView;
}

/**
 * The lab's rack after its history, for the workbench's forms and evidence panels. Same seed,
 * same values as `grade` uses.
 */
export function startingState(lab: Lab, seed?: number): StartingState {
  const concrete = seed === undefined ? lab : instantiate(lab, seed);
  const { run } = prepare(concrete, {});
  const view = mainRack(run).view();
  for (const rack of run.racks.values()) rack.stop();
  return { lab: concrete, settings: settingsDocument(view, run.project), view: clone(view) };
}

/**
 * Grades an answer: the lab's variant for `seed` (the lab as given without one), rebuilt from
 * its start, the history and the learner's changes, replayed, every objective checked.
 */
export function grade(lab: Lab, answer: Answer, seed?: number): Report {
  const concrete = seed === undefined ? lab : instantiate(lab, seed);
  const { run, changes } = prepare(concrete, answer);

  const { dipOn } = applySettings(run, changes);
  for (const action of answer.actions ?? []) if (concrete.actions.includes(action)) doAction(run, action);
  applyDipAfter(run, dipOn);
  for (const step of concrete.traffic) playStep(run, step, 'traffic');

  const view = mainRack(run).view();
  for (const rack of run.racks.values()) rack.stop();
  const state = stateDocument(view, run.project);
  const objectives = concrete.objectives.map((o) => gradeObjective(run, o, answer, state));

  const notes: string[] = [];
  const changedProtection = changes.some((c) => ['cpu.umPassword', 'cpu.taskPasswords', 'cpu.prohibitOverwrite'].includes(c.path));
  if (changedProtection && !deepEqual(view.cpu.pendingProtection, view.cpu.protection)) {
    const onlyOverwrite = deepEqual({ ...view.cpu.pendingProtection, prohibitOverwrite: view.cpu.protection.prohibitOverwrite }, view.cpu.protection);
    notes.push(
      onlyOverwrite
        ? 'The overwrite setting in your project is not yet in force: it takes effect only when the program is transferred; Set Password does not apply it (§2-5-1 note).'
        : 'The read protection in your project differs from what the CPU Unit enforces: transfer the program or use Set Password to make it effective (§2-5-1 note).',
    );
  }
  if (!deepEqual(run.project, view.cpu.program) && changes.some((c) => c.path.startsWith('cpu.program'))) {
    notes.push('The program in your project never reached the CPU Unit: transfer it (the CPU still runs the old one).');
  }

  const used = [...new Set(answer.hintsUsed ?? [])];
  const penalty = used.reduce((sum, id) => sum + (concrete.hints.find((h) => h.id === id)?.cost ?? 0), 0);
  const earned = objectives.reduce((sum, o) => sum + o.earned, 0);
  const max = maxPoints(concrete);
  return {
    labId: concrete.id,
    seed: concrete.seed,
    objectives,
    timeline: run.timeline,
    problems: run.problems,
    notes,
    hints: { used, penalty },
    score: Math.max(0, earned - penalty),
    max,
    passed: objectives.every((o) => o.passed) && run.problems.length === 0,
  };
}
