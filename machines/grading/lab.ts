/**
 * Graded labs as data (design.md "Labs are data"): a starting rack, the plant network around
 * it, what the learner may change, the traffic the plant and its attackers send, and the
 * objectives a configuration must meet. The learner's Answer is only what they changed.
 *
 * Plain types, no logic beyond small lookups: the zod schema in src/schemas/lab.ts describes
 * the same shapes for lab files, and machines/grading/grader.ts gives them meaning.
 */
import { PORT_KEYS } from '../model.ts';
import type {
  ANSWER_FORMATS,
  CpuModelId,
  DIFFICULTIES,
  FunctionId,
  INTENTS,
  LocalPort,
  MemoryArea,
  NetworkProtocol,
  Operation,
  OperationKind,
  Program,
  PortSettings,
  ProgramProtection,
  RackConfig,
  ReplyTransport,
  Role,
  StepSource,
} from '../model.ts';
import type { PlaceholderSlot, VariableSpec, VariableValues } from './variants.ts';

/** The lesson that teaches each function, so a failed objective can link to it. */
export const LESSON_FOR_FUNCTION: Readonly<Record<FunctionId, string>> = {
  'secure-comm': '05-secure-communications',
  'ip-filter': '06-ip-packet-filtering',
  ports: '07-ports',
  'user-auth': '08-user-authentication',
  'plc-name': '09-plc-names',
  'operation-authority': '10-operation-authority',
  'dip-switch': '11-dip-switch-write-protection',
  'read-protection': '12-read-protection',
  'fins-write-protection': '13-fins-write-protection',
  'lot-number': '14-lot-number-protection',
  'overwrite-time': '15-overwrite-time',
  'operation-log': '16-operation-log',
};

/** How hard a lab is. */
export type Difficulty = (typeof DIFFICULTIES)[number];

/** What the learner can do after the lab, and where the guideline says it. */
export interface LearningObjective {
  text: string;
  /** Guideline sections, e.g. ["§2-2-1"]. */
  sections: string[];
}

/**
 * A device or person around the rack. A network node has an IP address (and usually a FINS
 * node number); someone at the panel has a local port of the CPU Unit instead.
 */
export interface PlantNode {
  /** Unique name the traffic refers to: "Engineering PC 1", "Rogue laptop". */
  name: string;
  /** What it is and why it talks to the PLC, in a few words. */
  description: string;
  /** Dotted IPv4 source address, for network nodes. */
  ip?: string;
  /** FINS node number (1–254) it uses as source node, for network nodes that speak FINS. */
  finsNode?: number;
  /** The CPU Unit port its cable is plugged into, for people at the panel. */
  port?: LocalPort;
}

/**
 * A program a step carries, by reference: "project" = the program in the learner's project
 * (the starting program plus any `cpu.program` change), "running" = what the main rack's CPU
 * runs at that moment (what a thief would copy), or a key of `Lab.programs`.
 */
export type ProgramRef = string;

/** An operation as a lab file writes it: model.ts operations, with programs by reference, plus a power cycle. */
export type LabOperation =
  | Exclude<Operation, { kind: 'program.write' }>
  | { kind: 'program.write'; program: ProgramRef; protection?: ProgramProtection }
  /**
   * Someone at the panel cycles the power, optionally with a memory card holding `card`
   * inserted (§2-5-1: the card loads at power-on unless write protection is ON).
   */
  | { kind: 'power.cycle'; card?: ProgramRef };

/** Operation kinds a lab step may use: the model's plus the power cycle. */
export type LabOperationKind = OperationKind | 'power.cycle';

/**
 * Credentials a step offers: a fixed pair (an attacker's guess, a stolen password), or
 * `knowsPassword` — a legitimate user who types whatever password the configuration gives them.
 */
export type LabCredentials = { user: string; password: string } | { user: string; knowsPassword: true };

/** Whether the plant needs a step to succeed or it is an attack. */
export type Intent = (typeof INTENTS)[number];

/**
 * What must happen to a step: it gets through, it is stopped anywhere, or it is stopped by one
 * of the listed functions (or ordinary rules such as the operating mode).
 */
export type Expectation = 'allowed' | 'blocked' | { blockedBy: StepSource[] };

/** One request (or physical act) in a lab's history, the learner's actions or its traffic suite. */
export interface LabStep {
  /** Unique within the lab; objectives refer to it. */
  id: string;
  /** What happens, for the timeline: "HMI reads the tank level (D100)". */
  label: string;
  /** Name of the sending node in `Lab.network`. */
  from: string;
  /** Name of the rack in `Lab.otherRacks` it goes to; the main rack when absent. */
  to?: string;
  /** Network protocol; absent for a local port. */
  protocol?: NetworkProtocol;
  /** Set when the packet answers the unit's own client request (§2-2-1 stateful inspection). */
  replyTo?: ReplyTransport;
  operation: LabOperation;
  credentials?: LabCredentials;
  /** The PLC name of the project the sender's Support Software has open (§2-3-2). */
  projectPlcName?: string;
  /** A read-protection password offered (§2-5-2). */
  protectionPassword?: string;
  /** SNMP community name (§2-2-2 note). */
  community?: string;
  intent: Intent;
  /** What must happen; absent for steps nobody grades (history, an attacker's preparation). */
  expect?: Expectation;
  /** Seconds the CPU clock runs before this step (spaces out a history). */
  wait?: number;
}

/** A rack besides the main one, e.g. a second CPU a copied program is loaded into. */
export interface OtherRack {
  /** Unique name steps use in `to`. */
  name: string;
  description: string;
  rack: RackConfig;
}

/**
 * Where a setting lives. `hardware.*` chooses the CPU model and communication unit; `cpu.*`
 * are CpuSettings fields; `eip.*` are EipSettings fields of the EIP21S.
 */
export type SettingPath = (typeof SETTING_PATHS)[number];

/**
 * Every setting a learner can be allowed to change, at its finest grain. A lab's `editable`
 * entry may name one of these or a parent of some of them ("eip.ports" covers every port).
 * The unit's own IP address and node number are not here: they are the plant's, not the
 * learner's. `cpu.program.*` and the read-protection fields live in the project and reach the
 * CPU only with a transfer or Set Password (§2-5-1 note).
 */
export const SETTING_PATHS = [
  'hardware.cpu',
  'hardware.unit',
  'cpu.plcName',
  'cpu.dipWriteProtect',
  'cpu.memoryCardAutoLoad',
  'cpu.umPassword',
  'cpu.taskPasswords',
  'cpu.prohibitOverwrite',
  'cpu.finsWriteProtection.enabled',
  'cpu.finsWriteProtection.excludedNodes',
  'cpu.program.tasks',
  'cpu.program.lotGuard',
  'cpu.mode',
  'eip.users',
  'eip.filter.enabled',
  'eip.filter.rules',
  ...PORT_KEYS.map((key) => `eip.ports.${key}` as const),
  'eip.snmpCommunity',
] as const;

/** The finest setting paths an `editable` entry covers: itself and everything under it. */
export function settingPathsUnder(entry: string): SettingPath[] {
  return SETTING_PATHS.filter((p) => p === entry || p.startsWith(`${entry}.`));
}

/**
 * Things the learner does online or at the panel after changing settings, from their
 * workstation (`Lab.workstation`), in the order listed:
 * - `program.transfer`: Transfer To PLC of the project program with the project's protection
 *   (switching to PROGRAM mode and back, as the transfer dialog does);
 * - `protection.setPassword`: Protection – Set Password, making the project's read protection
 *   effective without a transfer (§2-5-1 note);
 * - `memory.clearAll`: Clear All Memory with Initialize (§4-1-1);
 * - `unit.restartOutOfBox`: Restart Unit, returning the EIP21S to its out-of-box configuration (§4-1-2).
 */
export const LEARNER_ACTIONS = ['program.transfer', 'protection.setPassword', 'memory.clearAll', 'unit.restartOutOfBox'] as const;

/** One thing the learner does (see LEARNER_ACTIONS). */
export type LearnerAction = (typeof LEARNER_ACTIONS)[number];

/** A check over the final state (see grader.ts `stateDocument` for what paths can read). */
export type ConfigCheck =
  /** The value at `path` deep-equals `value`. */
  | { op: 'equals'; path: string; value: unknown; says?: string }
  /** The value at `path` differs from `value`. */
  | { op: 'notEquals'; path: string; value: unknown; says?: string }
  /** The list at `path` contains `value`. */
  | { op: 'includes'; path: string; value: unknown; says?: string }
  /** The list at `path` does not contain `value`. */
  | { op: 'excludes'; path: string; value: unknown; says?: string }
  /** Some element of the list at `path` has every field of `match`. */
  | { op: 'some'; path: string; match: Record<string, unknown>; says?: string }
  /** No element of the list at `path` has every field of `match`. */
  | { op: 'none'; path: string; match: Record<string, unknown>; says?: string }
  /** The list, object or text at `path` is empty (or null). */
  | { op: 'empty'; path: string; says?: string }
  /** The list, object or text at `path` is not empty (nor null). */
  | { op: 'notEmpty'; path: string; says?: string }
  /**
   * Every password at `path` meets the §1-6 policy: a user list (each user's password, not
   * containing their name), a record of passwords, or one password (null counts as missing).
   */
  | { op: 'strongPasswords'; path: string; says?: string }
  /** The final hardware offers every listed function (tables §1-5-1, §1-5-2). */
  | { op: 'offers'; functions: FunctionId[]; says?: string }
  /**
   * Posture (posture.ts), least privilege (§2-3-1, §2-4-1): every account of the EIP21S is one
   * the briefing names, and none holds a role above the one listed for it.
   */
  | { op: 'onlyAccounts'; accounts: { name: string; role: Role }[]; says?: string }
  /**
   * Posture: no account's password is one attackers know: those listed (leaked, factory
   * defaults) and every password a hostile step of the lab offers.
   */
  | { op: 'noKnownPasswords'; passwords: string[]; says?: string }
  /**
   * Posture, filter minimality (§2-2-1): the IP packet filter is in use and every source address
   * its rules admit lies inside one of the `allowed` blocks (computed exactly from the masks).
   */
  | { op: 'filterAdmitsOnly'; allowed: { ip: string; mask: string }[]; says?: string }
  /** Posture, unused services closed (§2-2-2): every port not listed in `needed` is set to Not use. */
  | { op: 'onlyServices'; needed: (keyof PortSettings)[]; says?: string }
  /** Posture (§2-5-3): FINS write protection excludes no node beyond the listed node numbers. */
  | { op: 'onlyExcludedNodes'; nodes: number[]; says?: string };

/** The ops of the posture checks: computed over the final state, never by replaying traffic. */
export const POSTURE_OPS = ['onlyAccounts', 'noKnownPasswords', 'filterAdmitsOnly', 'onlyServices', 'onlyExcludedNodes'] as const;

/** How a question's expected answer is worked out from the replay, so it never goes stale. */
export type Derivation =
  /**
   * The operation log (§2-6-1): entries matching `where`, then the first or last one's field
   * (`node` = the name of the network node with that IP), or how many match.
   */
  | {
      from: 'log';
      where?: { operation?: string; result?: 'success' | 'failure'; user?: string; ip?: string };
      pick: 'first' | 'last' | 'count';
      field?: 'at' | 'ip' | 'user' | 'operation' | 'node';
      /** Minutes added to a time, e.g. to turn a wrong CPU clock's reading into real time. */
      shiftMinutes?: number;
    }
  /** The overwrite time the Auxiliary Area shows (A90–A93 program, A94–A97 parameters, §2-5-5). */
  | { from: 'overwriteTime'; which: 'program' | 'parameters'; shiftMinutes?: number }
  /** One I/O memory word, as hex ("0x1408") or decimal. */
  | { from: 'memory'; area: MemoryArea; address: number; format: 'hex' | 'decimal' }
  /** "yes" when the overwrite time moved since the rack was built (before the history), else "no". */
  | { from: 'tamper'; which: 'program' | 'parameters' }
  /** A node's address or FINS node number (handy when a variant draws it). */
  | { from: 'node'; name: string; field: 'ip' | 'finsNode' }
  /** The source (function) of the step that stopped a traffic step, or "allowed". */
  | { from: 'outcome'; step: string }
  /** Functions of a CPU model by availability (tables §1-5-1, §1-5-2). */
  | { from: 'catalog'; cpu: CpuModelId; availability: 'cpu-only' | 'with-eip21s' | 'none' };

/**
 * How a question's answer is typed and compared: text ignores case and spacing; ip compares
 * addresses; datetime compares to the minute; number compares values ("0x" allowed); hex reads
 * "1309", "0x1309" and "1309h" alike; choice and choices compare option ids.
 */
export type AnswerFormat = (typeof ANSWER_FORMATS)[number];

/** Fields every objective carries. */
export interface ObjectiveBase {
  /** Unique within the lab; the report and answers use it. */
  id: string;
  /** What must be true, in one line. */
  title: string;
  /** Points for meeting it. */
  points: number;
  /** The functions it exercises: the report links their lessons. */
  functions: FunctionId[];
  /** What to look at when it fails (shown with the reason). */
  hint?: string;
}

/** Named steps must have their expected outcomes: attacks stopped and the plant's work done. */
export interface TrafficObjective extends ObjectiveBase {
  kind: 'traffic';
  /** Step ids, or every graded step of one intent. */
  steps: string[] | 'hostile' | 'legitimate';
}

/** Every check holds on the final state. */
export interface ConfigObjective extends ObjectiveBase {
  kind: 'config';
  checks: ConfigCheck[];
}

/** A question the learner answers from what they see (forensics, hardware choice). */
export interface QuestionObjective extends ObjectiveBase {
  kind: 'question';
  prompt: string;
  format: AnswerFormat;
  /** The options, for `choice` and `choices`. */
  options?: { id: string; text: string }[];
  /** The expected answer when it is fixed (placeholders allowed). Exactly one of expected / derive. */
  expected?: string | number | string[];
  /** How to derive the expected answer from the replay. */
  derive?: Derivation;
}

/** One objective of a lab. */
export type Objective = TrafficObjective | ConfigObjective | QuestionObjective;

/** A hint; a lab lists them from a gentle nudge to a full walkthrough. */
export interface Hint {
  id: string;
  text: string;
  /** Points taken off the score when the learner opens it. */
  cost: number;
}

/**
 * One requirement the briefing states, in the learner's words, and the objectives that grade
 * it. `npm run lab -- validate` refuses a lab with a requirement no objective grades.
 */
export interface Requirement {
  /** The requirement as the briefing puts it: "Anybody else is turned away at the login". */
  text: string;
  /** Ids of the objectives that fail when the requirement is not met (at least one). */
  objectives: string[];
}

/**
 * A weakened answer (mutations.ts) the lab declares harmless: the plant stays exactly as safe,
 * so the grader is right to pass it. The reason says why.
 */
export interface EquivalentMutation {
  /** The mutation id, e.g. "swap-actions:0". */
  mutation: string;
  /** Why the mutated answer leaves the plant as safe as the reference. */
  reason: string;
}

/**
 * The kinds of weakened answer mutations.ts derives from a reference answer; a mutation id is
 * "<kind>:<what>", e.g. "drop-setting:eip.filter.enabled" or "raise-role:s.ito".
 */
export const MUTATION_KINDS = [
  'add-account',
  'raise-role',
  'reuse-password',
  'widen-mask',
  'add-rule',
  'drop-setting',
  'open-port',
  'exclude-node',
  'drop-action',
  'swap-actions',
] as const;

/** One kind of mutation (see MUTATION_KINDS). */
export type MutationKind = (typeof MUTATION_KINDS)[number];

/** A lab file's content (content/labs/<id>.yaml), with `${placeholders}` filled. */
export interface LabBody {
  title: string;
  /** The situation, in Markdown. */
  briefing: string;
  learningObjectives: LearningObjective[];
  difficulty: Difficulty;
  /** Estimated minutes. */
  minutes: number;
  /** Functions the lab exercises. */
  functions: FunctionId[];
  /** The rack as the learner finds it. */
  rack: RackConfig;
  /** Further racks, e.g. the CPU a thief loads a copied program into. */
  otherRacks: OtherRack[];
  /** Everything that talks to the rack. */
  network: PlantNode[];
  /** The node the learner works from for actions (a laptop on the USB port, typically). */
  workstation: string;
  /** Setting paths the learner may change (entries of SETTING_PATHS or their parents). */
  editable: string[];
  /** Actions the learner may take. */
  actions: LearnerAction[];
  /** Programs steps and memory cards refer to by name. */
  programs: Record<string, Program>;
  /** What happened before the learner arrived, replayed first (forensics). */
  history: LabStep[];
  objectives: Objective[];
  /** Every requirement the briefing states, each graded by at least one objective. */
  requirements: Requirement[];
  /** Mutations of the reference answer that leave the plant as safe (see mutations.ts). */
  equivalentMutations: EquivalentMutation[];
  /** The traffic suite, replayed after the learner's changes. */
  traffic: LabStep[];
  hints: Hint[];
}

/** What a lab file holds: its content plus the variables its placeholders draw. */
export interface LabFile extends LabBody {
  /** Variables for per-learner variants, by name (see variants.ts). */
  variables: Record<string, VariableSpec>;
}

/** A lab ready to grade: one variant's content, and what it was made from. */
export interface Lab extends LabFile {
  /** The file name without extension. */
  id: string;
  /** Where the file's `${placeholders}` sit; `instantiate` refills them for a seed. */
  slots: PlaceholderSlot[];
  /** The values filled in. */
  values: VariableValues;
  /** The seed the values were drawn with; null for the default variant. */
  seed: number | null;
}

/** A question's answer: text, or option ids for `choices`. */
export type QuestionAnswer = string | string[];

/**
 * A learner's answer: only what they changed (setting path → new value), the actions they
 * took, their answers to questions and the hints they opened. Small and serialisable, so it
 * can be saved on every change and posted to a server.
 */
export interface Answer {
  settings?: Record<string, unknown>;
  actions?: LearnerAction[];
  answers?: Record<string, QuestionAnswer>;
  hintsUsed?: string[];
}

/** Finds a node by name. */
export function nodeNamed(lab: LabBody, name: string): PlantNode | undefined {
  return lab.network.find((n) => n.name === name);
}

/** The steps a traffic objective grades. */
export function stepsOf(lab: LabBody, objective: TrafficObjective): LabStep[] {
  if (Array.isArray(objective.steps)) {
    return objective.steps.flatMap((id) => lab.traffic.filter((s) => s.id === id));
  }
  return lab.traffic.filter((s) => s.intent === objective.steps && s.expect !== undefined);
}

/** Lesson ids for a list of functions, without repeats. */
export function lessonsFor(functions: readonly FunctionId[]): string[] {
  return [...new Set(functions.map((f) => LESSON_FOR_FUNCTION[f]))];
}

/** Every fixed password a hostile step of the lab offers (guessed, stolen, replayed): attackers know them. */
export function hostilePasswords(lab: LabBody): string[] {
  const offered = [...lab.history, ...lab.traffic].flatMap((s) => (s.intent === 'hostile' && s.credentials && 'password' in s.credentials ? [s.credentials.password] : []));
  return [...new Set(offered)];
}

/** Whether each requirement of the briefing is met: all of its objectives passed. */
export function requirementsMet(lab: LabBody, results: readonly { id: string; passed: boolean }[]): { text: string; met: boolean; failed: string[] }[] {
  return lab.requirements.map((r) => {
    const failed = r.objectives.filter((id) => results.find((o) => o.id === id)?.passed !== true);
    return { text: r.text, met: failed.length === 0, failed };
  });
}

/** The total points of a lab's objectives. */
export function maxPoints(lab: LabBody): number {
  return lab.objectives.reduce((sum, o) => sum + o.points, 0);
}
