/**
 * The shared vocabulary of the simulators: who sends a request, how, what it asks for, and
 * how each layer of the defense answers. Every machine and the request path speak these types;
 * nothing here knows about React, Astro or the DOM.
 */

/** A place inside a value: keys and list indexes, outermost first. */
export type FieldPath = (string | number)[];

/**
 * One thing wrong with an input: where (empty: the input as a whole) and what to do about it.
 * Validators return these; each caller names the field in its own terms (a lab file's line, an
 * answer's setting), so no message is ever taken apart again.
 */
export interface FieldProblem {
  path: FieldPath;
  message: string;
}

/**
 * A field path as messages write it: `settings.program.tasks[0].id`. `nested` starts it with a
 * dot (".enabled", "[0].name") for appending to a field name already written.
 */
export function pathText(path: readonly (string | number)[], nested = false): string {
  return path
    .map((key, i) => {
      if (typeof key === 'number' || /^\d+$/.test(key)) return `[${key}]`;
      if (/^[A-Za-z_$][\w$.]*$/.test(key)) return i === 0 && !nested ? key : `.${key}`;
      return `[${JSON.stringify(key)}]`;
    })
    .join('');
}

/** A list of choices in words for a message: "PROGRAM, MONITOR or RUN". */
export function alternatives(values: readonly string[]): string {
  return values.length <= 1 ? (values[0] ?? '') : `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;
}

/** English plural categories: the course is written in English, so its counts follow its rules. */
const PLURALS = new Intl.PluralRules('en');

/**
 * A count with its noun in the right number, by Intl.PluralRules: counted(1, 'step') is "1 step",
 * counted(2, 'attempt') "2 attempts", counted(3, 'address', 'addresses') "3 addresses".
 */
export function counted(count: number, one: string, other = `${one}s`): string {
  return `${count} ${PLURALS.select(count) === 'one' ? one : other}`;
}

/** The noun alone in the number a count asks for: plural(2, 'node') is "nodes". */
export function plural(count: number, one: string, other = `${one}s`): string {
  return PLURALS.select(count) === 'one' ? one : other;
}

/** The defense-in-depth layers a unit's functions live in (§1-3). "common" = all layers. */
export const LAYERS = ['network', 'device', 'function', 'asset', 'common'] as const;

/** A defense-in-depth layer (§1-3), or "common" for a function of every layer. */
export type Layer = (typeof LAYERS)[number];

/** The layers a request is evaluated through, in order (§1-3). */
export const REQUEST_LAYERS = ['network', 'device', 'function', 'asset'] as const;

/** The twelve security functions of the guideline (§1-3 table), by stable id. */
export const FUNCTION_IDS = [
  'secure-comm', // §2-1-1
  'ip-filter', // §2-2-1
  'ports', // §2-2-2
  'user-auth', // §2-3-1
  'plc-name', // §2-3-2
  'operation-authority', // §2-4-1
  'dip-switch', // §2-5-1
  'read-protection', // §2-5-2 (with the overwrite prohibition of §2-5-1 note)
  'fins-write-protection', // §2-5-3
  'lot-number', // §2-5-4
  'overwrite-time', // §2-5-5
  'operation-log', // §2-6-1
] as const;

/** One of the guideline's security functions. */
export type FunctionId = (typeof FUNCTION_IDS)[number];

/**
 * The unit's ordinary rules that also refuse requests, beside the security functions: the
 * operating mode, whether a route to the unit exists at all, whether the protocol offers the
 * operation and its data fits ('command'), and the FTP server's own login ('ftp-login', which
 * §1-6 names in its network-layer advice).
 */
export const UNIT_RULE_SOURCES = ['operating-mode', 'route', 'command', 'ftp-login'] as const;

/** Everything a trace step can consult: a security function or one of the unit's ordinary rules. */
export const STEP_SOURCES = [...FUNCTION_IDS, ...UNIT_RULE_SOURCES] as const;

/** What a trace step consulted (and what a lab may expect to stop a request). */
export type StepSource = (typeof STEP_SOURCES)[number];

/** CPU Unit operating modes, in the order the Support Software lists them. */
export const OPERATING_MODES = ['PROGRAM', 'MONITOR', 'RUN'] as const;

/** A CPU Unit operating mode. */
export type OperatingMode = (typeof OPERATING_MODES)[number];

/** Operation authorities of EIP21S users (§2-3-1, §2-4-1), in descending order of power. */
export const ROLES = ['administrator', 'designer', 'maintainer', 'operator', 'observer'] as const;

/** Operation authority of an EIP21S user (§2-3-1, §2-4-1). */
export type Role = (typeof ROLES)[number];

/** How the tools name each operation authority, for learners. */
export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  administrator: 'Administrator',
  designer: 'Designer',
  maintainer: 'Maintainer',
  operator: 'Operator',
  observer: 'Observer',
};

/** The local ports of a CPU Unit: a cable at the panel, never through the EtherNet/IP unit. */
export const LOCAL_PORTS = ['usb', 'peripheral', 'serial'] as const;

/** A local port of the CPU Unit. */
export type LocalPort = (typeof LOCAL_PORTS)[number];

/** Network protocols the EIP21S carries (§2-2-2) plus Secure Comm (§2-1-1). */
export const NETWORK_PROTOCOLS = [
  'fins-udp',
  'fins-tcp',
  'cip', // CIP explicit messages (TCP 44818)
  'cip-io', // tag data links (UDP 2222) — need the CIP message server (§2-2-2)
  'ftp',
  'snmp',
  'secure-comm',
  'dns', // client replies, exempt from the IP filter (§2-2-1 note)
  'sntp',
] as const;

/** A network protocol a request arrives by. */
export type NetworkProtocol = (typeof NETWORK_PROTOCOLS)[number];

/**
 * Where the unit listens for each protocol, by default (facts: Wireshark and OMRON's public
 * manuals). Secure Comm's port is not public; DNS and SNTP are the unit's own client requests.
 */
export const PROTOCOL_PORTS = {
  'fins-udp': { transport: 'UDP', port: 9600 },
  'fins-tcp': { transport: 'TCP', port: 9600 },
  cip: { transport: 'TCP', port: 44818 },
  'cip-io': { transport: 'UDP', port: 2222 },
  ftp: { transport: 'TCP', port: 21 },
  snmp: { transport: 'UDP', port: 161 },
} as const satisfies Partial<Record<NetworkProtocol, { transport: 'TCP' | 'UDP'; port: number }>>;

/**
 * The network protocols that carry FINS commands: plain FINS, and (ASSUMPTION) Secure Comm,
 * which wraps the Support Software's FINS commands in its encryption (§2-1-1).
 */
export const FINS_CARRIERS = ['fins-udp', 'fins-tcp', 'secure-comm'] as const satisfies readonly NetworkProtocol[];

/** Transports of the unit's own client requests, whose replies pass the filter (§2-2-1 stateful inspection). */
export const REPLY_TRANSPORTS = ['tcp', 'udp', 'icmp'] as const;

/** The transport a reply answers. */
export type ReplyTransport = (typeof REPLY_TRANSPORTS)[number];

/**
 * FINS node numbers a network node can use (facts: the node number is one byte; 0 and 255 are
 * the local-node and broadcast addresses, never a sender).
 */
export const FINS_NODE_RANGE = { min: 1, max: 254 } as const;

/** Whether `value` is a FINS node number a sender can have (FINS_NODE_RANGE). */
export function isFinsNode(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= FINS_NODE_RANGE.min && (value as number) <= FINS_NODE_RANGE.max;
}

/** ASSUMPTION: up to 32 FINS nodes can be excluded from FINS write protection (§2-5-3 gives no limit). */
export const MAX_EXCLUDED_NODES = 32;

/** ASSUMPTION: task numbers 0–127 (a CJ2 has 128 cyclic tasks). */
export const MAX_TASK_ID = 127;

/** ASSUMPTION: an EIP21S user name (§2-3-1) has at most 32 characters; the guideline gives no limit. */
export const USER_NAME_MAX = 32;

/** ASSUMPTION: an SNMP community name (§2-2-2 note) has at most 32 characters. */
export const COMMUNITY_MAX = 32;

/** ASSUMPTION: a PLC name (§2-3-2) has at most 16 characters; the guideline gives no format. */
export const PLC_NAME_MAX = 16;

/** ASSUMPTION: PLC names are 1–PLC_NAME_MAX printable ASCII characters with no space at either end. */
export const PLC_NAME_PATTERN = new RegExp(`^[\\x21-\\x7e](?:[\\x20-\\x7e]{0,${PLC_NAME_MAX - 2}}[\\x21-\\x7e])?$`);

/**
 * ASSUMPTION: UM and task read-protection passwords (§2-5-2) have at most 16 characters; the
 * guideline only asks for eight or more characters of several kinds (§1-6), which the course
 * teaches separately.
 */
export const PROTECTION_PASSWORD_MAX = 16;

/** ASSUMPTION: read-protection passwords are 1–PROTECTION_PASSWORD_MAX printable ASCII characters without spaces. */
export const PROTECTION_PASSWORD_PATTERN = new RegExp(`^[\\x21-\\x7e]{1,${PROTECTION_PASSWORD_MAX}}$`);

/** Where a request comes from. */
export type Origin =
  | {
      via: 'network';
      /** A human name for the node: "Engineering PC", "Rogue laptop". */
      name: string;
      /** Dotted IPv4 source address. */
      ip: string;
      /** FINS node number (1–254) the node uses as its source node address. */
      finsNode?: number;
    }
  | { via: LocalPort; name: string };

/** I/O memory areas the simulator models. */
export const MEMORY_AREAS = ['CIO', 'W', 'H', 'D', 'A'] as const;

/** An I/O memory area. */
export type MemoryArea = (typeof MEMORY_AREAS)[number];

/** How hard a graded lab is. */
export const DIFFICULTIES = ['introductory', 'intermediate', 'advanced'] as const;

/** Whether the plant needs a lab step to succeed, or it is an attack. */
export const INTENTS = ['legitimate', 'hostile'] as const;

/**
 * How a lab question's answer is typed and compared (machines/lab.ts AnswerFormat says how
 * each one compares).
 */
export const ANSWER_FORMATS = ['text', 'ip', 'datetime', 'number', 'hex', 'choice', 'choices'] as const;

/** The parts of a learner's lab answer (machines/lab.ts Answer), each optional. */
export const ANSWER_PARTS = ['settings', 'actions', 'answers', 'hintsUsed'] as const;

/** A user program: tasks, each with its code and an optional lot-number guard. */
export interface Task {
  /** Cyclic task number (0 is the first). */
  id: number;
  name: string;
  /** The task's ladder/ST as text; the simulator only compares and copies it. */
  code: string;
}

/** A whole user program as transferred by the Support Software. */
export interface Program {
  tasks: Task[];
  /**
   * §2-5-4: the program compares the Auxiliary Area lot number with this constant and only
   * then runs its control logic. Null when the program has no such guard.
   */
  lotGuard: string | null;
}

/** Read protection a project carries into the CPU (§2-5-2) with the overwrite prohibition (§2-5-1 note). */
export interface ProgramProtection {
  /** UM read protection password; null when not set. */
  umPassword: string | null;
  /** Task read protection passwords by task id. */
  taskPasswords: Record<number, string>;
  /** "Prohibit overwriting a protected program". */
  prohibitOverwrite: boolean;
}

/** Every operation a request can ask for, with the data it carries. */
export type Operation =
  | { kind: 'controller.read' }
  | { kind: 'memory.read'; area: MemoryArea; address: number; count: number }
  | { kind: 'memory.write'; area: MemoryArea; address: number; values: number[] }
  | { kind: 'parameters.read' }
  | { kind: 'parameters.write'; settings: Record<string, string | number | boolean> }
  /** Upload (read) the program, or only the listed tasks. */
  | { kind: 'program.read'; taskIds?: number[] }
  /**
   * Download the whole program. `protection` is the project's read-protection settings sent
   * with it (§2-5-2, §2-5-1 note); when absent the CPU takes the project settings it was last
   * given.
   */
  | { kind: 'program.write'; program: Program; protection?: ProgramProtection }
  /** Task download or online edit: replace the listed tasks only. */
  | { kind: 'program.editTasks'; tasks: Task[] }
  | { kind: 'mode.set'; mode: OperatingMode }
  /** Memory All Clear with Initialize (§4-1-1). */
  | { kind: 'memory.clearAll' }
  | { kind: 'clock.read' }
  | { kind: 'clock.write'; at: string }
  | { kind: 'name.read' }
  | { kind: 'errorLog.read' }
  | { kind: 'users.list' }
  /** User Management Tool changes (§2-3-1); `change` says which, when the request carries one. */
  | { kind: 'users.manage'; change?: UserChange }
  | { kind: 'password.changeOwn'; newPassword: string }
  | { kind: 'log.read' }
  | { kind: 'file.read'; path: string }
  | { kind: 'file.write'; path: string }
  | { kind: 'snmp.get' }
  | { kind: 'tags.exchange' }
  /** Restart Unit, returning the EIP21S to its out-of-box configuration (§4-1-2). */
  | { kind: 'unit.restart' };

/** The kind names of every operation. */
export type OperationKind = Operation['kind'];

/** A request (or packet) arriving at the rack. */
export interface Request {
  from: Origin;
  /** Network protocol; absent for local ports. */
  protocol?: NetworkProtocol;
  /**
   * §2-2-1 stateful inspection: set when this packet answers a request the EIP21S itself made
   * as a client, over the given transport.
   */
  replyTo?: ReplyTransport;
  operation: Operation;
  /** User name and password typed at the Support Software (§2-3-1). */
  credentials?: { user: string; password: string };
  /** The PLC name stored in the project the Support Software has open (§2-3-2). */
  projectPlcName?: string;
  /** A read-protection password offered to read or overwrite a protected program (§2-5-2). */
  protectionPassword?: string;
  /** SNMP community name (§2-2-2 note). */
  community?: string;
}

/** A layer's possible answers to a request. */
export const VERDICTS = ['pass', 'block', 'n/a'] as const;

/** A layer's answer to a request. */
export type Verdict = (typeof VERDICTS)[number];

/** One line of a request's trace. */
export interface TraceStep {
  layer: Layer;
  source: StepSource;
  verdict: Verdict;
  /** The reason in plain words, e.g. "192.168.250.77 matches no rule". */
  reason: string;
  /** Guideline section, e.g. "§2-2-1". */
  section: string;
  /** FINS end code (e.g. 0x2102) a refusal carries on the wire, when the protocol is FINS. */
  endCode?: number;
}

/** The result of evaluating a request through every layer. */
export interface Outcome {
  allowed: boolean;
  /** The step that blocked it, when one did. */
  blockedBy?: TraceStep;
  trace: TraceStep[];
  /**
   * FINS end code of the response: 0x0000 when allowed. Absent when nothing answers — a packet
   * dropped by the IP filter or a closed port gets no response at all.
   */
  endCode?: number;
  /** Data a read returned, when it was allowed. */
  data?: unknown;
}

/** CPU models the course covers (§1-5). "-EIP" = the CJ2 variants with a built-in EtherNet/IP port. */
export type CpuModelId =
  | 'CS1G/H'
  | 'CS1D'
  | 'CJ2H'
  | 'CJ2H-EIP' // CJ2H-CPU6□-EIP
  | 'CJ2M'
  | 'CJ2M-EIP' // CJ2M-CPU3□
  | 'CP1H'
  | 'CP1L'
  | 'CP1E'
  | 'CP2E';

/** Communication units and option boards (§1-4). */
export type CommUnitId = 'CS1W-EIP21S' | 'CJ1W-EIP21S' | 'CS1W-EIP21' | 'CJ1W-EIP21' | 'CP1W-CIF41';

/** A user registered in the EIP21S with the User Management Tool (§2-3-1). */
export interface UserAccount {
  name: string;
  role: Role;
  password: string;
}

/** One change an administrator makes with the EIP21S User Management Tool (§2-3-1, §2-4-1). */
export type UserChange =
  | { action: 'add'; user: UserAccount }
  | { action: 'remove'; name: string }
  | { action: 'setRole'; name: string; role: Role };

/** One IP packet filter rule: a source address and mask (§2-2-1). */
export interface FilterRule {
  ip: string;
  mask: string;
}

/** The TCP/IP functions that can each be set to Use / Not use (§2-2-2), as the settings name them. */
export const PORT_KEYS = ['cipMessageServer', 'finsUdp', 'finsTcp', 'ftpServer', 'snmp'] as const;

/** One of the TCP/IP functions of §2-2-2. */
export type PortKey = (typeof PORT_KEYS)[number];

/** Use (true) / Not use (false) for each TCP/IP function (§2-2-2). */
export type PortSettings = Record<PortKey, boolean>;

/** Settings of the CPU Unit a lab starts from or a learner changes. */
export interface CpuSettings {
  /** §2-3-2: the name registered in the CPU Unit (CJ series only); null when none. */
  plcName: string | null;
  /** §2-5-1: DIP switch write protection of the user program and parameters. */
  dipWriteProtect: boolean;
  /** DIP switch for loading the memory card into the CPU at power-on (blocked by write protection). */
  memoryCardAutoLoad: boolean;
  /** §2-5-2: UM read protection password; null when not set. */
  umPassword: string | null;
  /** §2-5-2: task read protection passwords by task id. */
  taskPasswords: Record<number, string>;
  /** §2-5-1 note: "prohibit overwriting a protected program". */
  prohibitOverwrite: boolean;
  /** §2-5-3: FINS write protection and the FINS nodes excluded from it. */
  finsWriteProtection: { enabled: boolean; excludedNodes: number[] };
  program: Program;
  mode: OperatingMode;
}

/** The FTP server's login name and password (§1-6 network layer: FTP has no password lock). */
export interface FtpLogin {
  user: string;
  password: string;
}

/** Settings of an EIP21S (ignored for units without security functions). */
export interface EipSettings {
  /** The unit's own IP address and FINS node number. */
  ip: string;
  finsNode: number;
  users: UserAccount[];
  filter: { enabled: boolean; rules: FilterRule[] };
  ports: PortSettings;
  /** §2-2-2 note: SNMP community name. */
  snmpCommunity: string;
  /**
   * The FTP server's own login, separate from the Secure Comm users; absent means the unit still
   * has its factory login (FACTORY_FTP_LOGIN in eip21s.machine.ts).
   */
  ftpLogin?: FtpLogin;
}

/** A CPU Unit and its communication unit, as a lab or a widget builds it. */
export interface RackConfig {
  cpu: {
    model: CpuModelId;
    /** §2-5-4: set at manufacture, read-only. */
    lotNumber: string;
    /** ISO date-time the CPU clock shows when the rack is built. */
    clock: string;
    settings: CpuSettings;
  };
  /** The EtherNet/IP unit or option board, if any. */
  unit?: { model: CommUnitId; settings?: EipSettings };
}
