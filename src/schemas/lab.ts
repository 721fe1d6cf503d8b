import { z } from 'astro/zod';
import { CPU_MODEL_IDS, checkCombination, COMM_UNIT_IDS, COMM_UNITS } from '../../machines/catalog/catalog.ts';
import { ClockError, parseClock } from '../../machines/cpu/clock.ts';
import { AREA_SIZES, WORD_MAX } from '../../machines/cpu/cpu-hardware.ts';
import { cpuInputIssue } from '../../machines/cpu/cpu-validation.ts';
import { validateEipSettings } from '../../machines/eip/eip21s.machine.ts';
import { parseIPv4, parseMask } from '../../machines/eip/ip-address.ts';
import {
  type Answer,
  type LabFile,
  type LabStep,
  LEARNER_ACTIONS,
  MUTATION_KINDS,
  type Objective,
  SETTING_PATHS,
  settingPathsUnder,
} from '../../machines/grading/lab.ts';
import {
  ANSWER_FORMATS,
  DIFFICULTIES,
  FINS_NODE_RANGE,
  type FilterRule,
  FUNCTION_IDS,
  INTENTS,
  LOCAL_PORTS,
  MEMORY_AREAS,
  NETWORK_PROTOCOLS,
  OPERATING_MODES,
  PORT_KEYS,
  type PortSettings,
  REPLY_TRANSPORTS,
  ROLES,
  STEP_SOURCES,
  UNIT_RULE_SOURCES,
  type UserAccount,
} from '../../machines/model.ts';
import { OPERATION_KINDS } from '../../machines/eip/operation-authority.ts';
import { FINS_MAX_READ_WORDS, FINS_MAX_WRITE_WORDS } from '../../machines/request-path/request-path.ts';
import { isSettingKey, settingValueProblems } from '../../machines/grading/setting-values.ts';
import { sharedRangeProblems, type VariableSpec, variableSpecProblem } from '../../machines/grading/variants.ts';
import { guidelineSection } from './lesson.ts';

/**
 * Graded lab files: content/labs/<id>.yaml, one lab each, its id the file name. The shapes are
 * machines/grading/lab.ts's types (each schema `satisfies` its type); rules zod's shapes cannot say —
 * names that must refer to something, unique ids, a rack the machines can build — are the
 * `superRefine` at the end, each message naming the field and the fix. src/server/lab-files.server.ts
 * adds the file and line.
 */

const ID_FORMAT = /^[a-z0-9][a-z0-9-]*$/;

/** A kebab-case id, stable so stored answers keep their meaning. */
const localId = z
  .string({ error: 'give a kebab-case id such as "rogue-write"' })
  .regex(ID_FORMAT, 'use a kebab-case id of lower-case letters, digits and hyphens, e.g. "rogue-write"');

const text = (what: string, min = 1) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? `required: write ${what}` : `give ${what} as text`) })
    .min(min, `write ${what} (at least ${min} characters)`);

const ipv4 = z.string({ error: 'give a dotted IPv4 address such as 192.168.250.2' }).superRefine((value, ctx) => {
  const parsed = parseIPv4(value);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.error });
});

/**
 * The address of one device that can send: not a network or broadcast address (ending in .0 or
 * .255), not multicast, loopback or reserved. ASSUMPTION: the plant networks are /24 or wider
 * with the unit's usual layout, so .0 and .255 are never a host; FINS also derives the node
 * number 1–254 from the last byte.
 */
const hostAddress = ipv4.superRefine((value, ctx) => {
  const parsed = parseIPv4(value);
  if (!parsed.ok) return;
  const first = parsed.value >>> 24;
  const last = parsed.value & 0xff;
  const why =
    first === 0 ? 'addresses starting 0. name no device'
    : first === 127 ? 'it is a loopback address, never on the plant network'
    : first >= 224 && first <= 239 ? 'it is a multicast address, which no single device owns'
    : first >= 240 ? 'it is a reserved or broadcast address'
    : last === 0 ? 'it ends in .0, the address of the network itself'
    : last === 255 ? 'it ends in .255, the broadcast address'
    : null;
  if (why) ctx.addIssue({ code: 'custom', message: `${value} cannot be a sender: ${why}; give the device's own address (last part 1–254)` });
});

const mask = z.string({ error: 'give a subnet mask such as 255.255.255.0' }).superRefine((value, ctx) => {
  const parsed = parseMask(value);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.error });
});

const NODES = `${FINS_NODE_RANGE.min}–${FINS_NODE_RANGE.max}`;
const finsNode = z
  .number({ error: `give a FINS node number ${NODES}` })
  .int(`a FINS node number is a whole number ${NODES}`)
  .min(FINS_NODE_RANGE.min, `FINS node numbers run from ${FINS_NODE_RANGE.min} to ${FINS_NODE_RANGE.max}`)
  .max(FINS_NODE_RANGE.max, `FINS node numbers run from ${FINS_NODE_RANGE.min} to ${FINS_NODE_RANGE.max}`);

const enumOf = <T extends string>(values: readonly T[], what: string) =>
  z.enum(values as [T, ...T[]], {
    error: (issue) => `${JSON.stringify(issue.input)} is not ${what}: use one of ${values.join(', ')}`,
  });

/** One of the guideline's twelve functions. */
export const functionId = enumOf(FUNCTION_IDS, 'a security function id');

/** What a trace step consulted: a function or one of the unit's own rules (model.ts STEP_SOURCES). */
export const stepSource = enumOf(STEP_SOURCES, `a function id or one of the unit's own rules (${UNIT_RULE_SOURCES.join(', ')})`);

/** An EIP21S user's operation authority. */
export const role = enumOf(ROLES, 'an operation authority');
/** An I/O memory area. */
export const memoryArea = enumOf(MEMORY_AREAS, 'a memory area');
/** A CPU Unit operating mode. */
export const operatingMode = enumOf(OPERATING_MODES, 'an operating mode');
/** A local port of the CPU Unit. */
export const localPort = enumOf(LOCAL_PORTS, 'a local port');
/** A network protocol. */
export const networkProtocol = enumOf(NETWORK_PROTOCOLS, 'a network protocol');
/** The transport a reply answers (§2-2-1 stateful inspection). */
export const replyTransport = enumOf(REPLY_TRANSPORTS, 'a transport');
/** Whether the plant needs a step or it is an attack. */
export const intent = enumOf(INTENTS, 'an intent');
/** How hard a lab is. */
export const difficulty = enumOf(DIFFICULTIES, 'a difficulty');
/** How a question's answer is typed and compared. */
export const answerFormat = enumOf(ANSWER_FORMATS, 'an answer format');

/**
 * A setting's value checked by the answer contract (machines/grading/setting-values.ts) — the rules the
 * browser and the grader apply — typed as the machines' type.
 */
function fromContract<T>(path: string) {
  return z.custom<T>(() => true).superRefine((value, ctx) => {
    for (const p of settingValueProblems(path, value) ?? []) ctx.addIssue({ code: 'custom', path: p.path, message: p.message });
  });
}

/** A date-time the CPU clock can show (machines/cpu/clock.ts parseClock says why not). */
const clockText = (what: string) =>
  text(what).superRefine((value, ctx) => {
    try {
      parseClock(value);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: error instanceof ClockError ? error.problem : (error as Error).message });
    }
  });

// ─── Rack configuration (model.ts RackConfig) ───

const task = z.strictObject({
  /** Cyclic task number. */
  id: z.number({ error: 'give the task number' }).int().min(0),
  name: text('the task name'),
  /** Ladder/ST as text; the simulator only compares and copies it. */
  code: z.string({ error: 'give the task code as text' }),
});

/** A user program. */
export const program = z.strictObject({
  tasks: z.array(task, { error: 'give the program tasks as a list' }),
  /** §2-5-4: the lot number the program checks before running, or null. */
  lotGuard: z.string({ error: 'give null or the lot number as text, e.g. "080620"' }).nullable().default(null),
});

const protection = z.strictObject({
  umPassword: z.string().nullable(),
  taskPasswords: fromContract<Record<number, string>>('cpu.taskPasswords'),
  prohibitOverwrite: z.boolean(),
});

/** CPU Unit settings; everything but the program has a safe default. */
export const cpuSettings = z.strictObject({
  plcName: z.string().nullable().default(null),
  dipWriteProtect: z.boolean({ error: 'give true (ON) or false (OFF)' }).default(false),
  memoryCardAutoLoad: z.boolean({ error: 'give true (ON) or false (OFF)' }).default(false),
  umPassword: z.string().nullable().default(null),
  taskPasswords: fromContract<Record<number, string>>('cpu.taskPasswords').default({}),
  prohibitOverwrite: z.boolean().default(false),
  finsWriteProtection: z
    .strictObject({ enabled: z.boolean().default(false), excludedNodes: fromContract<number[]>('cpu.finsWriteProtection.excludedNodes').default([]) })
    .default({ enabled: false, excludedNodes: [] }),
  program,
  mode: operatingMode.default('RUN'),
});

const user = z.strictObject({ name: text('the user name'), role, password: text('the password') });

/** Each TCP/IP function Use (true) / Not use (false), Use when not given (§2-2-2). */
const ports = z.strictObject(Object.fromEntries(PORT_KEYS.map((k) => [k, z.boolean().default(true)])) as Record<keyof PortSettings, z.ZodDefault<z.ZodBoolean>>);

/** The unit's user table (at most MAX_USERS accounts), as the answer contract checks it. */
const userList = fromContract<UserAccount[]>('eip.users');
/** The unit's IP packet filter table (at most FILTER_TABLE_SIZE rules, §2-2-1), as the answer contract checks it. */
const ruleList = fromContract<FilterRule[]>('eip.filter.rules');

/** EIP21S settings. */
export const eipSettings = z.strictObject({
  ip: ipv4,
  finsNode,
  users: userList.default([]),
  filter: z
    .strictObject({ enabled: z.boolean().default(false), rules: ruleList.default([]) })
    .default({ enabled: false, rules: [] }),
  ports: ports.default(Object.fromEntries(PORT_KEYS.map((k) => [k, true])) as PortSettings),
  snmpCommunity: z.string().default('public'),
});

/** A CPU Unit and its communication unit (model.ts RackConfig). */
export const rackConfig = z.strictObject({
  cpu: z.strictObject({
    model: enumOf(CPU_MODEL_IDS, 'a CPU model'),
    /** §2-5-4: set at manufacture. */
    lotNumber: z.string({ error: 'give the lot number as quoted text, e.g. "080620"' }),
    /** What the CPU clock shows when the lab starts (ISO, e.g. 2026-03-02T08:00:00Z). */
    clock: z.string({ error: 'give the CPU clock as an ISO date-time, e.g. 2026-03-02T08:00:00Z' }),
    settings: cpuSettings,
  }),
  unit: z.strictObject({ model: enumOf(COMM_UNIT_IDS, 'a communication unit'), settings: eipSettings.optional() }).optional(),
});

// ─── Operations and steps ───

/** A word's address: FINS carries it in one word; `checkStep` also keeps it inside its area. */
const wordAddress = z.number({ error: 'give the word address as a number' }).int('a word address is a whole number').min(0, 'word addresses start at 0').max(WORD_MAX, `a word address fits in 16 bits (0–${WORD_MAX})`);
/** A word's value (0–65535). */
const wordValue = z.number({ error: 'give each word as a number' }).int('a word holds a whole number').min(0, `a word holds 0–${WORD_MAX}`).max(WORD_MAX, `a word holds 0–${WORD_MAX} (0xFFFF)`);


const op = <K extends string, S extends z.ZodRawShape>(kind: K, shape: S) => z.strictObject({ kind: z.literal(kind), ...shape });

const operation = z.discriminatedUnion(
  'kind',
  [
    op('controller.read', {}),
    op('memory.read', { area: memoryArea, address: wordAddress, count: z.number().int('a count is a whole number').min(1, 'read at least one word').max(FINS_MAX_READ_WORDS, `one FINS response carries at most ${FINS_MAX_READ_WORDS} words`) }),
    op('memory.write', { area: memoryArea, address: wordAddress, values: z.array(wordValue).min(1, 'write at least one word').max(FINS_MAX_WRITE_WORDS, `one FINS frame carries at most ${FINS_MAX_WRITE_WORDS} words`) }),
    op('parameters.read', {}),
    op('parameters.write', { settings: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])) }),
    op('program.read', { taskIds: z.array(z.number().int().min(0)).optional() }),
    op('program.write', { program: text('the program: "project", "running" or a key of programs'), protection: protection.optional() }),
    op('program.editTasks', { tasks: z.array(task).min(1, 'list at least one task to write') }),
    op('mode.set', { mode: operatingMode }),
    op('memory.clearAll', {}),
    op('clock.read', {}),
    op('clock.write', { at: clockText('the time to set') }),
    op('name.read', {}),
    op('errorLog.read', {}),
    op('users.list', {}),
    op('users.manage', {
      change: z
        .discriminatedUnion('action', [
          z.strictObject({ action: z.literal('add'), user }),
          z.strictObject({ action: z.literal('remove'), name: text('the user name') }),
          z.strictObject({ action: z.literal('setRole'), name: text('the user name'), role }),
        ])
        .optional(),
    }),
    op('password.changeOwn', { newPassword: text('the new password') }),
    op('log.read', {}),
    op('file.read', { path: text('the file path') }),
    op('file.write', { path: text('the file path') }),
    op('snmp.get', {}),
    op('tags.exchange', {}),
    op('unit.restart', {}),
    op('power.cycle', { card: text('the program on the memory card').optional() }),
  ],
  {
    error: (issue) =>
      issue.code === 'invalid_union'
        ? `operation.kind must be one of ${[...OPERATION_KINDS, 'power.cycle'].join(', ')}`
        : undefined,
  },
);

const credentials = z
  .strictObject({
    user: text('the user name'),
    password: z.string().optional(),
    /** A legitimate user types whatever password the learner's configuration gives them. */
    knowsPassword: z.literal(true, { error: 'knowsPassword can only be true (omit it otherwise)' }).optional(),
  })
  .superRefine((c, ctx) => {
    if ((c.password === undefined) === (c.knowsPassword === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'give either password (a fixed guess) or knowsPassword: true (the configured one), not both or neither' });
    }
  })
  .transform((c) => (c.password === undefined ? { user: c.user, knowsPassword: true as const } : { user: c.user, password: c.password }));

const expectation = z.union(
  [z.literal('allowed'), z.literal('blocked'), z.strictObject({ blockedBy: z.array(stepSource).min(1, 'name at least one function') })],
  { error: 'write allowed, blocked, or { blockedBy: [ip-filter, ports] } naming the functions that may stop it' },
);

/** One request or physical act (machines/grading/lab.ts LabStep). */
export const labStep = z.strictObject({
  id: localId,
  label: text('what happens, for the timeline', 5),
  from: text('the name of the sending node'),
  to: z.string().optional(),
  protocol: networkProtocol.optional(),
  replyTo: replyTransport.optional(),
  operation,
  credentials: credentials.optional(),
  projectPlcName: z.string().optional(),
  protectionPassword: z.string().optional(),
  community: z.string().optional(),
  intent,
  expect: expectation.optional(),
  wait: z.number().int('wait is whole seconds').min(0, 'wait cannot be negative').optional(),
});

// ─── Objectives ───

const says = z.string().optional();

/** Every kind of config check, one schema each (the `op` literal tells them apart). */
const CONFIG_CHECKS = [
  z.strictObject({ op: z.literal('equals'), path: text('the state path'), value: z.unknown(), says }),
  z.strictObject({ op: z.literal('notEquals'), path: text('the state path'), value: z.unknown(), says }),
  z.strictObject({ op: z.literal('includes'), path: text('the state path'), value: z.unknown(), says }),
  z.strictObject({ op: z.literal('excludes'), path: text('the state path'), value: z.unknown(), says }),
  z.strictObject({ op: z.literal('some'), path: text('the state path'), match: z.record(z.string(), z.unknown()), says }),
  z.strictObject({ op: z.literal('none'), path: text('the state path'), match: z.record(z.string(), z.unknown()), says }),
  z.strictObject({ op: z.literal('empty'), path: text('the state path'), says }),
  z.strictObject({ op: z.literal('notEmpty'), path: text('the state path'), says }),
  z.strictObject({ op: z.literal('strongPasswords'), path: text('the state path'), says }),
  z.strictObject({ op: z.literal('offers'), functions: z.array(functionId).min(1), says }),
  // Posture checks (machines/grading/posture.ts): computed over the final state, not by replaying traffic.
  z.strictObject({
    op: z.literal('onlyAccounts'),
    /** Every account the briefing names, with the highest role its job needs. */
    accounts: z.array(z.strictObject({ name: text('the user name'), role })).min(1, 'name at least one account (the administrator, usually)'),
    says,
  }),
  z.strictObject({
    op: z.literal('noKnownPasswords'),
    /** Passwords attackers know besides those the lab's hostile steps offer (which count anyway): leaked ones, factory defaults. */
    passwords: z.array(text('a known password')).default([]),
    says,
  }),
  z.strictObject({
    op: z.literal('filterAdmitsOnly'),
    /** The addresses the plant needs, as address and mask (255.255.255.255 for one host). */
    allowed: z.array(z.strictObject({ ip: ipv4, mask })).min(1, 'list the addresses the filter must admit'),
    says,
  }),
  z.strictObject({
    op: z.literal('onlyServices'),
    /** The services the plant uses; every other one must be set to Not use. */
    needed: z.array(enumOf(PORT_KEYS, 'a service')),
    says,
  }),
  z.strictObject({
    op: z.literal('onlyExcludedNodes'),
    /** FINS node numbers the briefing allows to be excluded from write protection. */
    nodes: z.array(finsNode),
    says,
  }),
] as const;

const configCheck = z.discriminatedUnion('op', CONFIG_CHECKS, {
  error: (i) => (i.code === 'invalid_union' ? `op must be one of ${CONFIG_CHECKS.map((o) => o.shape.op.value).join(', ')}` : undefined),
});

const derivation = z.discriminatedUnion(
  'from',
  [
    z.strictObject({
      from: z.literal('log'),
      where: z
        .strictObject({
          operation: z.string().optional(),
          result: enumOf(['success', 'failure'] as const, 'a log result').optional(),
          user: z.string().optional(),
          ip: z.string().optional(),
        })
        .optional(),
      pick: enumOf(['first', 'last', 'count'] as const, 'a pick'),
      field: enumOf(['at', 'ip', 'user', 'operation', 'node'] as const, 'a log field').optional(),
      shiftMinutes: z.number().int().optional(),
    }),
    z.strictObject({ from: z.literal('overwriteTime'), which: enumOf(['program', 'parameters'] as const, 'an overwrite time'), shiftMinutes: z.number().int().optional() }),
    z.strictObject({ from: z.literal('memory'), area: memoryArea, address: z.number().int().min(0), format: enumOf(['hex', 'decimal'] as const, 'a format') }),
    z.strictObject({ from: z.literal('tamper'), which: enumOf(['program', 'parameters'] as const, 'an overwrite time') }),
    z.strictObject({ from: z.literal('node'), name: text('the node name'), field: enumOf(['ip', 'finsNode'] as const, 'a node field') }),
    z.strictObject({ from: z.literal('outcome'), step: localId }),
    z.strictObject({
      from: z.literal('catalog'),
      cpu: enumOf(CPU_MODEL_IDS, 'a CPU model'),
      availability: enumOf(['cpu-only', 'with-eip21s', 'none'] as const, 'an availability'),
    }),
  ],
  { error: (i) => (i.code === 'invalid_union' ? 'derive.from must be one of log, overwriteTime, memory, tamper, node, outcome, catalog' : undefined) },
);

const objectiveBase = {
  id: localId,
  title: text('the objective as one line', 5),
  points: z.number().int('points are whole numbers').min(1, 'an objective is worth at least 1 point').default(1),
  functions: z.array(functionId).min(1, 'name the functions this objective exercises, for the lesson links'),
  hint: z.string().optional(),
};

const objective = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      ...objectiveBase,
      kind: z.literal('traffic'),
      steps: z.union([z.array(localId).min(1), z.literal('hostile'), z.literal('legitimate')], {
        error: 'list traffic step ids, or write hostile or legitimate for every graded step of that intent',
      }),
    }),
    z.strictObject({ ...objectiveBase, kind: z.literal('config'), checks: z.array(configCheck).min(1, 'give at least one check') }),
    z.strictObject({
      ...objectiveBase,
      kind: z.literal('question'),
      prompt: text('the question', 10),
      format: answerFormat,
      options: z.array(z.strictObject({ id: localId, text: text('the option') })).optional(),
      expected: z.union([z.string(), z.number(), z.array(z.string())]).optional(),
      derive: derivation.optional(),
    }),
  ],
  { error: (i) => (i.code === 'invalid_union' ? 'kind must be traffic, config or question' : undefined) },
);

const hint = z.strictObject({
  id: localId,
  text: text('the hint', 10),
  cost: z.number().int('a hint costs whole points').min(0, 'a hint cannot cost less than 0'),
});

// ─── Variables (machines/grading/variants.ts) ───

const variableSpec = z.union(
  [
    z.strictObject({ oneOf: z.array(z.union([z.string(), z.number()])).min(1, 'list at least one value'), default: z.union([z.string(), z.number()]).optional() }),
    z.strictObject({ int: z.strictObject({ min: z.number().int(), max: z.number().int() }), default: z.number().int() }),
    z.strictObject({
      ip: z.strictObject({
        prefix: z.string().regex(/^\d{1,3}\.\d{1,3}\.\d{1,3}$/, 'prefix is the first three parts of an address, e.g. 192.168.250'),
        // The last byte of a host address, which FINS also takes as the node number.
        from: z.number().int().min(FINS_NODE_RANGE.min).max(FINS_NODE_RANGE.max),
        to: z.number().int().min(FINS_NODE_RANGE.min).max(FINS_NODE_RANGE.max),
      }),
      default: ipv4,
    }),
    z.strictObject({ digits: z.number().int().min(1).max(12), default: z.string().regex(/^\d+$/, 'give the default as digits only') }),
  ],
  {
    error:
      'a variable is one of: { oneOf: [values], default? }, { int: { min, max }, default }, { ip: { prefix, from, to }, default }, { digits: n, default }',
  },
) satisfies z.ZodType<VariableSpec>;

/** A lab's variables by name (machines/grading/variants.ts). */
export const labVariables = z.record(
  z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'variable names are letters, digits and _, starting with a letter'),
  variableSpec.superRefine((spec, ctx) => {
    const why = variableSpecProblem(spec as VariableSpec);
    if (why) ctx.addIssue({ code: 'custom', message: why });
  }),
).superRefine((variables, ctx) => {
  for (const message of sharedRangeProblems(variables as Record<string, VariableSpec>)) ctx.addIssue({ code: 'custom', message });
});

// ─── The lab file ───

const learningObjective = z.strictObject({ text: text('the learning objective', 5), sections: z.array(guidelineSection).min(1, 'cite at least one section, e.g. ["§2-2-1"]') });

const node = z.strictObject({
  name: text('the node name'),
  description: text('what the node is', 3),
  ip: hostAddress.optional(),
  finsNode: finsNode.optional(),
  port: localPort.optional(),
});

/** One requirement the briefing states, and the objectives that grade it (machines/grading/lab.ts Requirement). */
const requirement = z.strictObject({
  text: text('the requirement as the briefing states it', 5),
  objectives: z
    .array(localId, { error: 'list the ids of the objectives that grade this requirement, e.g. [strangers-refused]' })
    .min(1, 'name at least one objective that grades this requirement (add an objective if none does)'),
});

const MUTATION_ID = new RegExp(`^(${MUTATION_KINDS.join('|')}):.+$`);

/** A mutation of the reference answer the lab declares harmless (machines/grading/lab.ts EquivalentMutation). */
const equivalentMutation = z.strictObject({
  mutation: z
    .string({ error: 'give the mutation id, e.g. "swap-actions:memory.clearAll,unit.restartOutOfBox"' })
    .regex(MUTATION_ID, `a mutation id is <kind>:<what>, the kind one of ${MUTATION_KINDS.join(', ')} (npm run lab -- mutate lists them)`),
  reason: text('why the mutated answer leaves the plant exactly as safe', 20),
});

/** The fields of a lab file, before the cross-field rules. */
const labFileShape = z.strictObject({
  title: text('the lab title', 3),
  briefing: text('the briefing', 40),
  learningObjectives: z.array(learningObjective).min(1, 'list at least one learning objective'),
  difficulty,
  minutes: z.number().int().min(5, 'a lab takes at least 5 minutes').max(240, 'a lab takes at most 240 minutes'),
  functions: z.array(functionId).min(1, 'list the functions the lab exercises'),
  rack: rackConfig,
  otherRacks: z.array(z.strictObject({ name: text('the rack name'), description: text('what the rack is', 3), rack: rackConfig })).default([]),
  network: z.array(node).min(1, 'list the nodes of the plant network'),
  workstation: text('the name of the node the learner works from'),
  editable: z.array(z.string()).default([]),
  actions: z.array(enumOf(LEARNER_ACTIONS, 'a learner action')).default([]),
  programs: z.record(localId, program).default({}),
  history: z.array(labStep).default([]),
  objectives: z.array(objective).min(1, 'give at least one objective'),
  requirements: z
    .array(requirement, {
      error: (i) =>
        i.input === undefined
          ? 'required: list every requirement the briefing states, each with the objectives that grade it ({ text, objectives: [ids] })'
          : 'give the requirements as a list of { text, objectives: [ids] }',
    })
    .min(1, 'list every requirement the briefing states, each with the objectives that grade it'),
  equivalentMutations: z.array(equivalentMutation).default([]),
  traffic: z.array(labStep).default([]),
  hints: z.array(hint).default([]),
  variables: labVariables.default({}),
});

type Ctx = z.core.$RefinementCtx<z.output<typeof labFileShape>>;

function problem(ctx: Ctx, path: (string | number)[], message: string): void {
  ctx.addIssue({ code: 'custom', path, message });
}

function duplicates(values: string[]): string[] {
  return values.filter((v, i) => values.indexOf(v) !== i);
}

function checkRack(rack: LabFile['rack'], at: (string | number)[], ctx: Ctx): void {
  const combination = checkCombination(rack.cpu.model, rack.unit?.model);
  if (!combination.ok) problem(ctx, [...at, 'unit', 'model'], combination.reason);
  const cpuProblem = cpuInputIssue({ model: rack.cpu.model, lotNumber: rack.cpu.lotNumber, clock: rack.cpu.clock, settings: rack.cpu.settings });
  if (cpuProblem) problem(ctx, [...at, 'cpu', ...cpuProblem.path], cpuProblem.message);
  const unit = rack.unit;
  if (unit && COMM_UNITS[unit.model].hasSecurityFunctions) {
    if (!unit.settings) problem(ctx, [...at, 'unit', 'settings'], `an ${unit.model} needs its settings: at least ip and finsNode`);
    else for (const p of validateEipSettings(unit.settings)) problem(ctx, [...at, 'unit', 'settings'], p);
  } else if (unit?.settings) {
    problem(ctx, [...at, 'unit', 'settings'], `the ${unit.model} has no security settings: remove settings`);
  }
}

function checkStep(lab: z.output<typeof labFileShape>, step: LabStep, at: (string | number)[], ctx: Ctx): void {
  const nodeNames = lab.network.map((n) => n.name);
  const from = lab.network.find((n) => n.name === step.from);
  if (!from) {
    problem(ctx, [...at, 'from'], `"${step.from}" is not a node of the network: use one of ${nodeNames.join(', ')}`);
  } else if (from.port !== undefined && step.protocol !== undefined) {
    problem(ctx, [...at, 'protocol'], `"${step.from}" is at the ${from.port} port: remove protocol (local ports carry no network protocol)`);
  } else if (from.ip !== undefined && step.protocol === undefined) {
    problem(ctx, [...at, 'protocol'], `"${step.from}" is a network node: say which protocol the request uses, e.g. fins-udp or secure-comm`);
  }
  if (step.operation.kind === 'power.cycle' && from?.port === undefined) {
    problem(ctx, [...at, 'from'], 'only someone at the panel (a node with a port) can cycle the power');
  }
  if (step.to !== undefined && !lab.otherRacks.some((r) => r.name === step.to)) {
    problem(ctx, [...at, 'to'], `"${step.to}" is not one of otherRacks: use ${lab.otherRacks.map((r) => r.name).join(', ') || 'no to (the main rack)'}`);
  }
  const op = step.operation;
  if (op.kind === 'memory.read' || op.kind === 'memory.write') {
    const size = AREA_SIZES[op.area];
    const count = op.kind === 'memory.read' ? op.count : op.values.length;
    // Beyond 16 bits or one frame is reported on the field itself.
    if (op.address <= WORD_MAX && count <= FINS_MAX_READ_WORDS && op.address + count > size) {
      problem(ctx, [...at, 'operation', 'address'], `${op.area}${op.address} and ${count} word(s) run past ${op.area}${size - 1}, the end of the area: ${op.area} words run from 0 to ${size - 1}`);
    }
  }
  const ref = step.operation.kind === 'program.write' ? step.operation.program : step.operation.kind === 'power.cycle' ? step.operation.card : undefined;
  if (ref !== undefined && ref !== 'project' && ref !== 'running' && !Object.hasOwn(lab.programs, ref)) {
    const field = step.operation.kind === 'program.write' ? 'program' : 'card';
    problem(ctx, [...at, 'operation', field], `"${ref}" is not "project", "running" or a key of programs (${Object.keys(lab.programs).join(', ') || 'none defined'})`);
  }
}

function checkObjective(lab: z.output<typeof labFileShape>, o: Objective, at: (string | number)[], ctx: Ctx): void {
  if (o.kind === 'traffic' && Array.isArray(o.steps)) {
    for (const [i, id] of o.steps.entries()) {
      const step = lab.traffic.find((s) => s.id === id);
      if (!step) problem(ctx, [...at, 'steps', i], `"${id}" is not a traffic step id`);
      else if (step.expect === undefined) problem(ctx, [...at, 'steps', i], `traffic step "${id}" has no expect: give it one or leave it out of this objective`);
    }
  }
  if (o.kind === 'traffic' && !Array.isArray(o.steps) && !lab.traffic.some((s) => s.intent === o.steps && s.expect !== undefined)) {
    problem(ctx, [...at, 'steps'], `no graded traffic step is ${o.steps}`);
  }
  if (o.kind === 'config') {
    for (const [i, check] of o.checks.entries()) {
      if (check.op !== 'onlyAccounts') continue;
      for (const name of duplicates(check.accounts.map((a) => a.name))) {
        problem(ctx, [...at, 'checks', i, 'accounts'], `"${name}" is listed twice: give each account once, with the highest role its job needs`);
      }
    }
  }
  if (o.kind === 'question') {
    if ((o.expected === undefined) === (o.derive === undefined)) {
      problem(ctx, [...at, 'expected'], 'give exactly one of expected (a fixed answer) or derive (worked out from the replay)');
    }
    const choice = o.format === 'choice' || o.format === 'choices';
    if (choice && (o.options === undefined || o.options.length < 2)) problem(ctx, [...at, 'options'], `a ${o.format} question needs at least two options`);
    if (!choice && o.options !== undefined) problem(ctx, [...at, 'options'], `options only go with choice or choices questions, not ${o.format}`);
    if (choice && o.options && o.expected !== undefined) {
      const ids = o.options.map((x) => x.id);
      const expected = Array.isArray(o.expected) ? o.expected : [String(o.expected)];
      for (const e of expected) if (!ids.includes(e)) problem(ctx, [...at, 'expected'], `"${e}" is not an option id (${ids.join(', ')})`);
      if (o.format === 'choice' && Array.isArray(o.expected)) problem(ctx, [...at, 'expected'], 'a choice question expects one option id; use format: choices for several');
    }
    if (o.derive?.from === 'outcome' && !lab.traffic.some((s) => s.id === (o.derive as { step: string }).step)) {
      problem(ctx, [...at, 'derive', 'step'], `"${o.derive.step}" is not a traffic step id`);
    }
    if (o.derive?.from === 'node' && !lab.network.some((n) => n.name === (o.derive as { name: string }).name)) {
      problem(ctx, [...at, 'derive', 'name'], `"${o.derive.name}" is not a node of the network`);
    }
  }
}

/**
 * A lab file (machines/grading/lab.ts LabFile) with every cross-field rule: names refer to real
 * nodes, racks, programs and steps; ids are unique; the racks are buildable; editable paths
 * exist; hints go from gentle (cheap) to walkthrough (dear).
 */
export const labFile = labFileShape.superRefine((lab, ctx) => {
  checkRack(lab.rack, ['rack'], ctx);
  for (const [i, other] of lab.otherRacks.entries()) checkRack(other.rack, ['otherRacks', i, 'rack'], ctx);

  for (const name of duplicates(lab.network.map((n) => n.name))) problem(ctx, ['network'], `two nodes are named "${name}": give each node its own name`);
  for (const [i, n] of lab.network.entries()) {
    if ((n.ip === undefined) === (n.port === undefined)) {
      problem(ctx, ['network', i], `node "${n.name}" needs exactly one of ip (a network node) or port (someone at the panel)`);
    }
    if (n.port !== undefined && n.finsNode !== undefined) problem(ctx, ['network', i, 'finsNode'], 'a node at a local port has no FINS node number on the network: remove finsNode');
  }
  const workstation = lab.network.find((n) => n.name === lab.workstation);
  if (!workstation) {
    problem(ctx, ['workstation'], `"${lab.workstation}" is not a node of the network: name the node the learner works from`);
  } else if (workstation.port === undefined) {
    // The learner's actions (transfer, clear, restart) go through a local port, as §4-1-2 asks.
    problem(ctx, ['workstation'], `"${lab.workstation}" must be at a local port of the CPU Unit (give the node a port, e.g. usb)`);
  }

  const stepIds = [...lab.history, ...lab.traffic].map((s) => s.id);
  for (const id of duplicates(stepIds)) problem(ctx, ['traffic'], `step id "${id}" is used twice (history and traffic share ids)`);
  for (const [i, step] of lab.history.entries()) checkStep(lab, step, ['history', i], ctx);
  for (const [i, step] of lab.traffic.entries()) checkStep(lab, step, ['traffic', i], ctx);

  for (const id of duplicates(lab.objectives.map((o) => o.id))) problem(ctx, ['objectives'], `objective id "${id}" is used twice`);
  for (const [i, o] of lab.objectives.entries()) checkObjective(lab, o, ['objectives', i], ctx);

  const objectiveIds = lab.objectives.map((o) => o.id);
  for (const [i, r] of lab.requirements.entries()) {
    for (const [j, id] of r.objectives.entries()) {
      if (!objectiveIds.includes(id)) {
        problem(ctx, ['requirements', i, 'objectives', j], `"${id}" is not an objective of this lab: use one of ${objectiveIds.join(', ')}, or add an objective that grades "${r.text}"`);
      }
    }
  }
  for (const id of duplicates(lab.equivalentMutations.map((m) => m.mutation))) problem(ctx, ['equivalentMutations'], `mutation "${id}" is declared twice`);

  const hasEip = lab.rack.unit !== undefined && COMM_UNITS[lab.rack.unit.model].hasSecurityFunctions;
  for (const [i, entry] of lab.editable.entries()) {
    if (settingPathsUnder(entry).length === 0) {
      problem(ctx, ['editable', i], `"${entry}" is not a setting a learner can change: use one of ${SETTING_PATHS.join(', ')} or a parent such as eip.ports`);
    } else if (entry.startsWith('eip.') && !hasEip && !lab.editable.includes('hardware.unit')) {
      problem(ctx, ['editable', i], `"${entry}" needs an EIP21S in the rack (or hardware.unit editable)`);
    }
  }
  for (const [i, action] of lab.actions.entries()) {
    if (action === 'unit.restartOutOfBox' && !hasEip) problem(ctx, ['actions', i], 'unit.restartOutOfBox needs an EIP21S in the rack');
  }

  for (const id of duplicates(lab.hints.map((h) => h.id))) problem(ctx, ['hints'], `hint id "${id}" is used twice`);
  for (const [i, h] of lab.hints.entries()) {
    const before = lab.hints[i - 1];
    if (before && h.cost < before.cost) {
      problem(ctx, ['hints', i, 'cost'], `hints go from gentle to full walkthrough, so costs must not fall: ${h.cost} comes after ${before.cost}`);
    }
  }
}) satisfies z.ZodType<LabFile>;

// ─── The learner's answer ───

/**
 * The shape of an Answer (machines/grading/lab.ts). Which settings a lab lets the learner change is
 * the grader's check (`checkAnswer`); this schema only guards the shape and the value types.
 */
export const answer = z.strictObject({
  /** Setting path → new value. */
  settings: z.record(z.string(), z.unknown()).optional(),
  actions: z.array(enumOf(LEARNER_ACTIONS, 'a learner action')).optional(),
  answers: z.record(z.string(), z.union([z.string(), z.array(z.string())], { error: 'an answer is text, or a list of option ids' })).optional(),
  hintsUsed: z.array(z.string()).optional(),
}) satisfies z.ZodType<Answer>;

/**
 * The zod schema for a setting path's value (or a group's: "eip.ports"), or undefined when the
 * path is not a setting. The rules are machines/grading/setting-values.ts's, the same the browser and
 * the grader apply; each problem keeps its place inside the value.
 */
export function settingValueSchema(path: string): z.ZodType | undefined {
  return isSettingKey(path) ? fromContract<unknown>(path) : undefined;
}
