/**
 * The CS1W/CJ1W-EIP21S EtherNet/IP Unit: users and their authority, Secure Comm sessions, the IP
 * packet filter, the TCP/IP port switches, the operation log, automatic clock adjustment and
 * Restart Unit to the out-of-box configuration.
 *
 * ASSUMPTION: the user authentication settings live in this unit. §2-1-1 (condition 3) and the
 * §2-3-1 advice on a lost administrator (initialising the EtherNet/IP Unit loses them) put them
 * here, while the §2-3-1 description says they are saved in the CPU Unit. We keep them here, so a
 * Memory All Clear leaves them and only Restart Unit erases them.
 *
 * Two parallel regions carry what a learner sees change:
 * - `userAuth`: `noUsers` (out-of-box: no user authentication settings, so no Secure Comm),
 *   `administered` (users stored, at least one administrator) and `noAdministrator` (users
 *   stored but nobody may manage them: only Restart Unit to out-of-box recovers, §2-3-1).
 * - `filter`: `notUsed` / `used` (§2-2-1); the rule table is kept in both.
 *
 * Every event that would break a rule is refused: the snapshot stays as it was except
 * `lastError`, which says what was wrong and how to fix it. An accepted change clears it.
 * Deterministic: every time comes in with an event (the CPU clock), nothing reads the host clock.
 */
import { assign, initialTransition, type SnapshotFrom, setup } from 'xstate';
import { formatIPv4, matchesRule, parseIPv4, parseMask } from './ip-address.ts';
import {
  type EipSettings,
  COMMUNITY_MAX,
  FINS_NODE_RANGE,
  type FilterRule,
  type FtpLogin,
  isFinsNode,
  type NetworkProtocol,
  type OperationKind,
  type PortSettings,
  ROLES,
  type Role,
  type UserAccount,
  USER_NAME_MAX,
} from './model.ts';
import { checkPassword } from './password-policy.ts';

/** The two EtherNet/IP Units with security functions. */
export type Eip21sModel = 'CS1W-EIP21S' | 'CJ1W-EIP21S';

/** What the machine starts from. */
export interface Eip21sInput {
  model: Eip21sModel;
  /** Settings as stored in the unit; validate them first with `validateEipSettings`. */
  settings: EipSettings;
}

/** ASSUMPTION (not public, see facts): the operation log keeps this many entries, dropping the oldest. */
export const LOG_CAPACITY = 1000;

/** ASSUMPTION (not public): the IP packet filter table holds this many rules. */
export const FILTER_TABLE_SIZE = 32;

/** ASSUMPTION (not public): how many users the unit stores. */
export const MAX_USERS = 32;

/** ASSUMPTION: user names are 1–USER_NAME_MAX letters, digits, dots, hyphens or underscores. */
export const USER_NAME_PATTERN = new RegExp(`^[A-Za-z0-9_.-]{1,${USER_NAME_MAX}}$`);

/** ASSUMPTION: an SNMP community name is 1–COMMUNITY_MAX printable ASCII characters without spaces. */
export const COMMUNITY_PATTERN = new RegExp(`^[!-~]{1,${COMMUNITY_MAX}}$`);

/**
 * ASSUMPTION (the guideline only says FTP has no password lock, §1-6): the FTP server has one
 * login of its own, set in the unit's settings apart from the Secure Comm users, and leaves the
 * factory with the login name "CONFIDENTIAL" and no password. The Ethernet Unit CJ1W-ETN21's
 * manual documents exactly that; we assume the EIP21S does the same. Anyone who knows the
 * factory name gets in until the password is set.
 */
export const FACTORY_FTP_LOGIN: Readonly<FtpLogin> = { user: 'CONFIDENTIAL', password: '' };

/** ASSUMPTION (as documented for the CJ1W-ETN21): an FTP login name is 1–12 letters, digits, hyphens or underscores. */
export const FTP_USER_PATTERN = /^[A-Za-z0-9_-]{1,12}$/;

/** ASSUMPTION (as documented for the CJ1W-ETN21): an FTP password is up to 8 letters, digits, hyphens or underscores. */
export const FTP_PASSWORD_PATTERN = /^[A-Za-z0-9_-]{0,8}$/;

/**
 * §1-6: "FTP does not have password lock functionality". The FTP server answers every login
 * attempt however many wrong passwords came before; this sentence is what a trace shows.
 */
export const FTP_NO_LOCKOUT = 'The FTP server has no password lock: it never locks the login, however many wrong passwords arrive (§1-6).';

/** What is wrong with an FTP login setting, naming the field and the fix; null when it is fine. */
export function ftpLoginProblem(login: FtpLogin): string | null {
  if (typeof login?.user !== 'string' || !FTP_USER_PATTERN.test(login.user)) {
    return `FTP login name "${String(login?.user)}" is not allowed: use 1–12 letters, digits, hyphens or underscores.`;
  }
  if (typeof login.password !== 'string' || !FTP_PASSWORD_PATTERN.test(login.password)) {
    return 'FTP password is not allowed: use at most 8 letters, digits, hyphens or underscores.';
  }
  return null;
}

/**
 * Checks the user name and password an FTP client sends against the FTP login. ASSUMPTION (as
 * documented for the CJ1W-ETN21): names and passwords are compared without regard to case.
 */
export function ftpLoginCheck(
  login: FtpLogin,
  credentials: { user: string; password: string } | undefined,
): { ok: true } | { ok: false; reason: string } {
  if (!credentials || credentials.user === '') return { ok: false, reason: 'the client sent no login name' };
  if (credentials.user.toLowerCase() !== login.user.toLowerCase()) return { ok: false, reason: `"${credentials.user}" is not the FTP login name` };
  if (credentials.password.toLowerCase() !== login.password.toLowerCase()) return { ok: false, reason: `wrong password for "${login.user}"` };
  return { ok: true };
}

/** Plain names of the TCP/IP functions that can be set to Use / Not use (§2-2-2). */
export const PORT_LABELS: Readonly<Record<keyof PortSettings, string>> = {
  cipMessageServer: 'CIP message server',
  finsUdp: 'FINS/UDP',
  finsTcp: 'FINS/TCP',
  ftpServer: 'FTP server',
  snmp: 'SNMP',
};

/** Plain names of the network protocols. */
export const PROTOCOL_LABELS: Readonly<Record<NetworkProtocol, string>> = {
  'fins-udp': 'FINS/UDP',
  'fins-tcp': 'FINS/TCP',
  cip: 'CIP message',
  'cip-io': 'tag data link',
  ftp: 'FTP',
  snmp: 'SNMP',
  'secure-comm': 'Secure Comm',
  dns: 'DNS',
  sntp: 'SNTP',
};

/**
 * ASSUMPTION (the guideline gives no defaults): the out-of-box configuration — no users, the
 * filter not used with an empty table, every port set to Use, SNMP community "public", the
 * factory FTP login, and the
 * IP address 192.168.250.<node number> (the node number comes from the unit's rotary switches,
 * so a restart keeps it).
 */
export function outOfBoxSettings(finsNode: number): EipSettings {
  return {
    ip: `192.168.250.${finsNode}`,
    finsNode,
    users: [],
    filter: { enabled: false, rules: [] },
    ports: { cipMessageServer: true, finsUdp: true, finsTcp: true, ftpServer: true, snmp: true },
    snmpCommunity: 'public',
    ftpLogin: { ...FACTORY_FTP_LOGIN },
  };
}

/** One line of the operation log (§2-6-1). */
export interface OperationLogEntry {
  /** ISO date-time from the CPU Unit's clock (§2-6-1: the log takes its time from the CPU). */
  at: string;
  /** Source IP address of the Support Software's PC. */
  ip: string;
  /** User name given; null when the connection offered none. */
  user: string | null;
  /** What was attempted; 'authentication' for a failed log-in (ASSUMPTION: failures are logged). */
  operation: OperationKind | 'authentication';
  result: 'success' | 'failure';
  /** Why it failed, or what was changed. */
  detail?: string;
}

/** A Secure Comm session opened by a successful authentication (§2-1-1, §2-3-1). */
export interface Session {
  user: string;
  role: Role;
  /** CPU clock time the session was opened. */
  openedAt: string;
}

/** The outcome of the last authentication attempt. */
export type AuthResult =
  | { ok: true; ip: string; user: string; role: Role; at: string }
  | { ok: false; ip: string; user: string; reason: string; at: string };

/** §2-6-1 "things that you should do": the unit sets the CPU clock from an SNTP server. */
export interface ClockAutoAdjust {
  enabled: boolean;
  /** SNTP server address; '' when not set. */
  server: string;
  /** The last corrected time for the CPU, numbered so the rack forwards each one once. */
  correction: { at: string; seq: number } | null;
}

/** The machine's context. */
export interface Eip21sContext {
  model: Eip21sModel;
  ip: string;
  finsNode: number;
  users: UserAccount[];
  filter: { enabled: boolean; rules: FilterRule[] };
  ports: PortSettings;
  snmpCommunity: string;
  /** The FTP server's login (FACTORY_FTP_LOGIN until changed). */
  ftpLogin: FtpLogin;
  /**
   * User authentication settings have been written to the unit since it left the factory. Stays
   * true when the last user is deleted: only the out-of-box restart clears it (§2-3-1, §4-1-2).
   */
  userSettingsStored: boolean;
  /** Open Secure Comm sessions keyed by the PC's source IP address. */
  sessions: Record<string, Session>;
  /** §2-6-1: oldest first, at most LOG_CAPACITY entries. */
  log: OperationLogEntry[];
  clock: ClockAutoAdjust;
  lastAuth: AuthResult | null;
  /** Why the last refused event was refused; null after an accepted change. */
  lastError: string | null;
}

/** Everything the unit reacts to. */
export type Eip21sEvent =
  | { type: 'users.added'; user: UserAccount }
  | { type: 'users.removed'; name: string }
  | { type: 'users.roleChanged'; name: string; role: Role }
  | { type: 'users.passwordChanged'; name: string; password: string }
  /** A PC tries to go online over Secure Comm (§2-3-1); `at` is the CPU clock. */
  | { type: 'auth.attempted'; ip: string; user: string; password: string; at: string }
  | { type: 'session.closed'; ip: string }
  | { type: 'filter.ruleAdded'; rule: FilterRule }
  | { type: 'filter.ruleRemoved'; rule: FilterRule }
  | { type: 'filter.enabled' }
  | { type: 'filter.disabled' }
  | { type: 'ports.set'; port: keyof PortSettings; use: boolean }
  | { type: 'snmp.communitySet'; community: string }
  /** Sets the FTP server's login name and password (stored in the unit's settings). */
  | { type: 'ftp.loginSet'; login: FtpLogin }
  | { type: 'log.recorded'; entry: OperationLogEntry }
  | { type: 'clock.autoAdjustSet'; enabled: boolean; server: string }
  /** The SNTP server answered the unit's time request with `serverTime`. */
  | { type: 'clock.sntpReplied'; serverTime: string }
  /** §4-1-2: Restart Unit; `outOfBox` returns every setting to the defaults first. */
  | { type: 'unit.restarted'; outOfBox: boolean };

/** The top-level states of the user-authentication region. */
export type UserAuthState = 'noUsers' | 'administered' | 'noAdministrator';

/** A read-only picture of the unit for the request checks and the views. */
export interface EipView {
  readonly model: Eip21sModel;
  readonly ip: string;
  readonly finsNode: number;
  readonly userAuth: UserAuthState;
  readonly users: readonly Readonly<UserAccount>[];
  readonly filter: { readonly enabled: boolean; readonly rules: readonly Readonly<FilterRule>[] };
  readonly ports: Readonly<PortSettings>;
  readonly snmpCommunity: string;
  readonly ftpLogin: Readonly<FtpLogin>;
  /** §2-1-1 condition 3: user authentication settings are stored in the unit. */
  readonly secureCommAvailable: boolean;
  readonly sessions: Readonly<Record<string, Readonly<Session>>>;
  readonly log: readonly Readonly<OperationLogEntry>[];
  readonly clock: Readonly<ClockAutoAdjust>;
  readonly lastAuth: Readonly<AuthResult> | null;
  readonly lastError: string | null;
}

// ——— pure rules, shared by the machine, the checks and the effects ———

const isAdministrator = (u: UserAccount): boolean => u.role === 'administrator';

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;

/** True for an ISO 8601 date-time such as 2026-03-01T08:30:00 (with or without a zone). */
export function isIsoDateTime(s: string): boolean {
  return ISO_DATE_TIME.test(s) && !Number.isNaN(Date.parse(s));
}

/** "2026-03-02T09:15:00+09:00" → "2026-03-02T00:15:00Z"; a time without an offset is taken as UTC. */
function toUtcSeconds(iso: string): string {
  const utc = /(Z|[+-]\d\d:?\d\d)$/.test(iso) ? iso : `${iso}Z`;
  return new Date(utc).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function registeredNames(users: readonly UserAccount[]): string {
  return users.length === 0 ? 'none are registered' : `registered: ${users.map((u) => u.name).join(', ')}`;
}

function unknownUser(users: readonly UserAccount[], name: string): string {
  return `No user named "${name}" (names are case-sensitive; ${registeredNames(users)}).`;
}

/**
 * §2-3-1: checks a user name and password against the stored users. Failure reasons are for
 * the trace; the Support Software itself only says "authentication failure".
 */
export function authenticate(
  users: readonly UserAccount[],
  credentials: { user: string; password: string } | undefined,
): { ok: true; user: UserAccount } | { ok: false; reason: string } {
  if (users.length === 0) return { ok: false, reason: 'no user authentication settings are stored in the unit' };
  if (!credentials || credentials.user === '') return { ok: false, reason: 'no user name was given' };
  const user = users.find((u) => u.name === credentials.user);
  if (!user) return { ok: false, reason: `no user named "${credentials.user}" is registered` };
  if (user.password !== credentials.password) return { ok: false, reason: `wrong password for "${user.name}"` };
  return { ok: true, user };
}

/** Parses a filter rule, naming the field at fault. */
export function parseRule(rule: FilterRule): { ok: true; value: { ip: number; mask: number } } | { ok: false; error: string } {
  // Data from outside (an answer, a stored draft) may not be the right shape.
  if (typeof rule !== 'object' || rule === null || typeof rule.ip !== 'string' || typeof rule.mask !== 'string') {
    return { ok: false, error: 'A filter rule is an IP address and a mask, both written as text, e.g. { ip: "192.168.250.10", mask: "255.255.255.255" }.' };
  }
  const ip = parseIPv4(rule.ip, 'Filter rule IP address');
  if (!ip.ok) return ip;
  const mask = parseMask(rule.mask, 'Filter rule mask');
  if (!mask.ok) return mask;
  return { ok: true, value: { ip: ip.value, mask: mask.value } };
}

/** Two rules are the same when they admit exactly the same addresses. */
function sameRange(a: { ip: number; mask: number }, b: { ip: number; mask: number }): boolean {
  return a.mask === b.mask && matchesRule(a.ip, b);
}

function findRule(rules: readonly FilterRule[], wanted: { ip: number; mask: number }): number {
  return rules.findIndex((r) => {
    const parsed = parseRule(r);
    return parsed.ok && sameRange(parsed.value, wanted);
  });
}

function userProblem(users: readonly UserAccount[], user: UserAccount): string | null {
  if (typeof user !== 'object' || user === null || typeof user.name !== 'string' || typeof user.role !== 'string' || typeof user.password !== 'string') {
    return 'A user is a name, an operation authority and a password, each written as text.';
  }
  if (!USER_NAME_PATTERN.test(user.name)) {
    return `User name "${user.name}" is not allowed: use 1–${USER_NAME_MAX} letters, digits, dots, hyphens or underscores.`;
  }
  if (users.some((u) => u.name.toLowerCase() === user.name.toLowerCase())) {
    return `User name "${user.name}" is already registered: choose another name.`;
  }
  if (!ROLES.includes(user.role)) return `Operation authority "${user.role}" does not exist: choose one of ${ROLES.join(', ')}.`;
  if (users.length >= MAX_USERS) return `The unit already holds ${MAX_USERS} users: remove one first.`;
  const pw = checkPassword(user.password, { userName: user.name });
  return pw.ok ? null : pw.problems.join(' ');
}

/**
 * What is wrong with an event's data in the current context, or null when it may be applied.
 * State-specific refusals (no administrator, first user) are the machine's, not this function's.
 */
export function eventProblem(ctx: Eip21sContext, event: Eip21sEvent): string | null {
  switch (event.type) {
    case 'users.added':
      return userProblem(ctx.users, event.user);
    case 'users.removed':
      return ctx.users.some((u) => u.name === event.name) ? null : unknownUser(ctx.users, event.name);
    case 'users.roleChanged':
      if (!ctx.users.some((u) => u.name === event.name)) return unknownUser(ctx.users, event.name);
      return ROLES.includes(event.role) ? null : `Operation authority "${event.role}" does not exist: choose one of ${ROLES.join(', ')}.`;
    case 'users.passwordChanged': {
      if (!ctx.users.some((u) => u.name === event.name)) return unknownUser(ctx.users, event.name);
      if (typeof event.password !== 'string') return 'The new password must be written as text.';
      const pw = checkPassword(event.password, { userName: event.name });
      return pw.ok ? null : pw.problems.join(' ');
    }
    case 'session.closed':
      return ctx.sessions[event.ip] ? null : `No Secure Comm session is open from ${event.ip}.`;
    case 'filter.ruleAdded': {
      const parsed = parseRule(event.rule);
      if (!parsed.ok) return parsed.error;
      const at = findRule(ctx.filter.rules, parsed.value);
      if (at >= 0) {
        const r = ctx.filter.rules[at];
        return `Rule ${at + 1} (${r?.ip} / ${r?.mask}) already admits exactly these addresses: the new rule would change nothing.`;
      }
      if (ctx.filter.rules.length >= FILTER_TABLE_SIZE) return `The filter table is full (${FILTER_TABLE_SIZE} rules): remove a rule or widen a mask.`;
      return null;
    }
    case 'filter.ruleRemoved': {
      const parsed = parseRule(event.rule);
      if (!parsed.ok) return parsed.error;
      return findRule(ctx.filter.rules, parsed.value) >= 0 ? null : `No rule ${event.rule.ip} / ${event.rule.mask} is in the filter table.`;
    }
    case 'ports.set':
      return Object.hasOwn(PORT_LABELS, event.port) ? null : `Port "${event.port}" does not exist: choose one of ${Object.keys(PORT_LABELS).join(', ')}.`;
    case 'snmp.communitySet':
      return typeof event.community === 'string' && COMMUNITY_PATTERN.test(event.community)
        ? null
        : `SNMP community name must be 1–${COMMUNITY_MAX} printable characters without spaces.`;
    case 'ftp.loginSet':
      return ftpLoginProblem(event.login);
    case 'log.recorded': {
      const e = event.entry;
      if (!isIsoDateTime(e.at)) return `Log entry time "${e.at}" is not an ISO date-time such as 2026-03-01T08:30:00.`;
      const ip = parseIPv4(e.ip, 'Log entry IP address');
      if (!ip.ok) return ip.error;
      if (e.result !== 'success' && e.result !== 'failure') return 'Log entry result must be "success" or "failure".';
      return null;
    }
    case 'clock.autoAdjustSet': {
      if (!event.enabled) return null;
      const ip = parseIPv4(event.server, 'SNTP server address');
      return ip.ok ? null : ip.error;
    }
    case 'clock.sntpReplied':
      if (!ctx.clock.enabled) return 'Automatic clock adjustment is not used: enable it before the unit asks the SNTP server for the time.';
      return isIsoDateTime(event.serverTime) ? null : `SNTP time "${event.serverTime}" is not an ISO date-time.`;
    default:
      return null;
  }
}

function canonicalRule(rule: FilterRule): FilterRule {
  const parsed = parseRule(rule);
  return parsed.ok ? { ip: formatIPv4(parsed.value.ip), mask: formatIPv4(parsed.value.mask) } : rule;
}

function withoutSessionsOf(sessions: Record<string, Session>, user: string): Record<string, Session> {
  return Object.fromEntries(Object.entries(sessions).filter(([, s]) => s.user !== user));
}

/** Applies an event already found valid. Pure: returns a new context. */
function applyEvent(ctx: Eip21sContext, event: Eip21sEvent): Eip21sContext {
  const next = { ...ctx, lastError: null };
  switch (event.type) {
    case 'users.added':
      return { ...next, users: [...ctx.users, { ...event.user }], userSettingsStored: true };
    case 'users.removed':
      // A removed user's sessions end with the account.
      return { ...next, users: ctx.users.filter((u) => u.name !== event.name), sessions: withoutSessionsOf(ctx.sessions, event.name) };
    case 'users.roleChanged':
      // ASSUMPTION: a changed authority takes effect at the next log-in, so open sessions close.
      return {
        ...next,
        users: ctx.users.map((u) => (u.name === event.name ? { ...u, role: event.role } : u)),
        sessions: withoutSessionsOf(ctx.sessions, event.name),
      };
    case 'users.passwordChanged':
      return { ...next, users: ctx.users.map((u) => (u.name === event.name ? { ...u, password: event.password } : u)) };
    case 'session.closed': {
      const { [event.ip]: _closed, ...rest } = ctx.sessions;
      return { ...next, sessions: rest };
    }
    case 'filter.ruleAdded':
      return { ...next, filter: { ...ctx.filter, rules: [...ctx.filter.rules, canonicalRule(event.rule)] } };
    case 'filter.ruleRemoved': {
      const parsed = parseRule(event.rule);
      const at = parsed.ok ? findRule(ctx.filter.rules, parsed.value) : -1;
      return { ...next, filter: { ...ctx.filter, rules: ctx.filter.rules.filter((_, i) => i !== at) } };
    }
    // §2-2-1: switching the filter on or off keeps the rule table as it is.
    case 'filter.enabled':
      return { ...next, filter: { ...ctx.filter, enabled: true } };
    case 'filter.disabled':
      return { ...next, filter: { ...ctx.filter, enabled: false } };
    case 'ports.set':
      return { ...next, ports: { ...ctx.ports, [event.port]: event.use } };
    case 'snmp.communitySet':
      return { ...next, snmpCommunity: event.community };
    case 'ftp.loginSet':
      return { ...next, ftpLogin: { user: event.login.user, password: event.login.password } };
    case 'log.recorded': {
      // §2-6-1 log; ASSUMPTION: when full, the oldest entry makes room.
      const log = [...ctx.log, { ...event.entry }];
      return { ...next, log: log.length > LOG_CAPACITY ? log.slice(log.length - LOG_CAPACITY) : log };
    }
    case 'clock.autoAdjustSet':
      return { ...next, clock: { ...ctx.clock, enabled: event.enabled, server: event.enabled ? event.server.trim() : ctx.clock.server } };
    case 'clock.sntpReplied':
      // SNTP carries UTC; the CPU clock is kept as a UTC wall clock, so an offset is folded in here.
      return { ...next, clock: { ...ctx.clock, correction: { at: toUtcSeconds(event.serverTime), seq: (ctx.clock.correction?.seq ?? 0) + 1 } } };
    default:
      return next;
  }
}

function contextFrom(model: Eip21sModel, settings: EipSettings): Eip21sContext {
  return {
    model,
    ip: settings.ip,
    finsNode: settings.finsNode,
    users: settings.users.map((u) => ({ ...u })),
    filter: { enabled: settings.filter.enabled, rules: settings.filter.rules.map((r) => ({ ...r })) },
    ports: { ...settings.ports },
    snmpCommunity: settings.snmpCommunity,
    ftpLogin: { ...(settings.ftpLogin ?? FACTORY_FTP_LOGIN) },
    userSettingsStored: settings.users.length > 0,
    sessions: {},
    log: [],
    clock: { enabled: false, server: '', correction: null },
    lastAuth: null,
    lastError: null,
  };
}

/**
 * Lists what is wrong with settings a lab or a learner supplies (invalid addresses,
 * non-contiguous masks, duplicate rules or users, weak passwords); empty when they are fine.
 */
export function validateEipSettings(settings: EipSettings): string[] {
  const problems: string[] = [];
  const unitIp = parseIPv4(settings.ip, 'Unit IP address');
  if (!unitIp.ok) problems.push(unitIp.error);
  if (!isFinsNode(settings.finsNode)) {
    problems.push(`FINS node number ${settings.finsNode} is out of range: use ${FINS_NODE_RANGE.min}–${FINS_NODE_RANGE.max}.`);
  }
  let ctx = contextFrom('CJ1W-EIP21S', { ...settings, users: [], filter: { enabled: false, rules: [] } });
  for (const [i, user] of settings.users.entries()) {
    const problem = eventProblem(ctx, { type: 'users.added', user });
    if (problem) problems.push(`User ${i + 1}: ${problem}`);
    else ctx = applyEvent(ctx, { type: 'users.added', user });
  }
  for (const [i, rule] of settings.filter.rules.entries()) {
    const problem = eventProblem(ctx, { type: 'filter.ruleAdded', rule });
    if (problem) problems.push(`Filter rule ${i + 1}: ${problem}`);
    else ctx = applyEvent(ctx, { type: 'filter.ruleAdded', rule });
  }
  const community = eventProblem(ctx, { type: 'snmp.communitySet', community: settings.snmpCommunity });
  if (community) problems.push(community);
  if (settings.ftpLogin !== undefined) {
    const ftp = ftpLoginProblem(settings.ftpLogin);
    if (ftp) problems.push(ftp);
  }
  return problems;
}

// ——— the IP packet filter as a pure function (§2-2-1) ———

/** How the filter decided. */
export type FilterBasis = 'filter-off' | 'client-exempt' | 'stateful-reply' | 'rule' | 'no-rule' | 'bad-source';

/** The IP packet filter's answer for one packet. */
export interface FilterVerdict {
  verdict: 'pass' | 'block';
  basis: FilterBasis;
  /** Plain words, e.g. "192.168.250.77 matches no rule of the IP packet filter". */
  reason: string;
  /** 0-based index of the rule that admitted the packet. */
  ruleIndex?: number;
}

// Parsing the dotted text of every rule for every packet dominated the request path's cost, so
// each rule object remembers its parse for as long as its text stays the same.
const ruleParses = new WeakMap<FilterRule, { ip: string; mask: string; parsed: ReturnType<typeof parseRule> }>();
function parsedRule(rule: FilterRule): ReturnType<typeof parseRule> {
  const known = ruleParses.get(rule);
  if (known && known.ip === rule.ip && known.mask === rule.mask) return known.parsed;
  const parsed = parseRule(rule);
  ruleParses.set(rule, { ip: rule.ip, mask: rule.mask, parsed });
  return parsed;
}

/**
 * §2-2-1: would the IP packet filter let a packet from `sourceIp` in? Off → everything passes;
 * DNS/SNTP client traffic is exempt; replies to the unit's own TCP/UDP/ICMP requests pass
 * (stateful inspection); otherwise the source must match a rule.
 */
export function filterVerdict(
  ctx: { filter: { enabled: boolean; rules: readonly FilterRule[] } },
  sourceIp: string,
  packet: { protocol?: NetworkProtocol | undefined; replyTo?: 'tcp' | 'udp' | 'icmp' | undefined } = {},
): FilterVerdict {
  if (!ctx.filter.enabled) {
    return { verdict: 'pass', basis: 'filter-off', reason: 'The IP packet filter is set to Not use: every source address passes.' };
  }
  // §2-2-1 note: DNS and SNTP are client functions that open their port only while in use.
  if (packet.protocol === 'dns' || packet.protocol === 'sntp') {
    return {
      verdict: 'pass',
      basis: 'client-exempt',
      reason: `${PROTOCOL_LABELS[packet.protocol]} is a client function of the unit: the IP packet filter does not apply to it.`,
    };
  }
  // §2-2-1: stateful inspection lets in the answer to a request the unit made itself.
  if (packet.replyTo) {
    return {
      verdict: 'pass',
      basis: 'stateful-reply',
      reason: `Reply to the unit's own ${packet.replyTo.toUpperCase()} request: stateful inspection lets it in without a rule.`,
    };
  }
  const source = parseIPv4(sourceIp, 'Source address');
  if (!source.ok) return { verdict: 'block', basis: 'bad-source', reason: source.error };
  for (const [i, rule] of ctx.filter.rules.entries()) {
    const parsed = parsedRule(rule);
    if (parsed.ok && matchesRule(source.value, parsed.value)) {
      return { verdict: 'pass', basis: 'rule', ruleIndex: i, reason: `${sourceIp} matches rule ${i + 1} (${rule.ip} / ${rule.mask}) of the IP packet filter.` };
    }
  }
  const why = ctx.filter.rules.length === 0 ? ' (the table is empty, so every node is blocked)' : '';
  return { verdict: 'block', basis: 'no-rule', reason: `${sourceIp} matches no rule of the IP packet filter${why}.` };
}

/** The nodes a filter change would cut off, and what to do about it. */
export interface LockoutWarning {
  /** The listed addresses the filter would block. */
  blocked: string[];
  message: string;
}

/**
 * §2-2-1 "be careful of the settings": would switching the filter on (with the current table)
 * block any of the listed engineering nodes? Null when all of them would still get through.
 */
export function lockoutWarning(
  settings: { filter: { enabled: boolean; rules: readonly FilterRule[] } },
  engineeringIps: readonly string[],
): LockoutWarning | null {
  const asEnabled = { filter: { enabled: true, rules: settings.filter.rules } };
  const blocked = engineeringIps.filter((ip) => filterVerdict(asEnabled, ip).verdict === 'block');
  if (blocked.length === 0) return null;
  const table = settings.filter.rules.length === 0 ? 'The filter table is empty, so using the filter' : 'Using the IP packet filter with this table';
  return {
    blocked,
    message: `${table} would cut off ${blocked.join(', ')}: add a rule for ${blocked.length === 1 ? 'it' : 'each of them'} first, or only a local port of the CPU Unit will reach the PLC.`,
  };
}

// ——— the machine ———

const NO_ADMINISTRATOR =
  'No user has administrator authority, so users can no longer be added, removed or changed (§2-3-1). Only Restart Unit to the out-of-box configuration recovers the unit, and it erases every setting.';

/** The EIP21S unit (§2-1-1 to §2-6-1, §4-1-2). */
export const eip21sMachine = setup({
  types: {
    context: {} as Eip21sContext,
    events: {} as Eip21sEvent,
    input: {} as Eip21sInput,
  },
  guards: {
    invalid: ({ context, event }) => eventProblem(context, event) !== null,
    neverConfigured: ({ context }) => !context.userSettingsStored,
    hasAdministrator: ({ context }) => context.users.some(isAdministrator),
    filterSettingOn: ({ context }) => context.filter.enabled,
    isAdministratorAdded: ({ event }) => event.type === 'users.added' && event.user.role === 'administrator',
    leavesNoAdministrator: ({ context, event }) => {
      if (event.type === 'users.removed') return !context.users.some((u) => isAdministrator(u) && u.name !== event.name);
      if (event.type === 'users.roleChanged' && event.role !== 'administrator') {
        return !context.users.some((u) => isAdministrator(u) && u.name !== event.name);
      }
      return false;
    },
    authSucceeds: ({ context, event }) =>
      event.type === 'auth.attempted' && authenticate(context.users, { user: event.user, password: event.password }).ok,
    outOfBox: ({ event }) => event.type === 'unit.restarted' && event.outOfBox,
  },
  actions: {
    apply: assign(({ context, event }) => applyEvent(context, event)),
    refuse: assign({ lastError: ({ context, event }) => eventProblem(context, event) }),
    refuseNoAdministrator: assign({ lastError: NO_ADMINISTRATOR }),
    refuseFirstUser: assign({
      lastError: 'The first user registered must have administrator authority, or nobody could manage users afterwards (§2-3-1).',
    }),
    openSession: assign(({ context, event }) => {
      if (event.type !== 'auth.attempted') return {};
      const found = authenticate(context.users, { user: event.user, password: event.password });
      if (!found.ok) return {};
      const session: Session = { user: found.user.name, role: found.user.role, openedAt: event.at };
      return {
        sessions: { ...context.sessions, [event.ip]: session },
        lastAuth: { ok: true, ip: event.ip, user: event.user, role: found.user.role, at: event.at } as const,
      };
    }),
    recordAuthFailure: assign(({ context, event }) => {
      if (event.type !== 'auth.attempted') return {};
      const found = authenticate(context.users, { user: event.user, password: event.password });
      const reason = found.ok ? 'authentication failure' : `authentication failure: ${found.reason}`;
      return { lastAuth: { ok: false, ip: event.ip, user: event.user, reason, at: event.at } as const };
    }),
    // §4-1-2: out-of-box erases users, filter, ports, log and sessions; the node number stays.
    wipe: assign(({ context }) => contextFrom(context.model, outOfBoxSettings(context.finsNode))),
    // A plain restart ends every session but keeps the stored settings and log.
    closeSessions: assign({ sessions: {}, lastError: null }),
  },
}).createMachine({
  id: 'eip21s',
  type: 'parallel',
  context: ({ input }) => contextFrom(input.model, input.settings),
  on: {
    'unit.restarted': [
      { guard: 'outOfBox', target: ['.userAuth.booting', '.filter.booting'], reenter: true, actions: 'wipe' },
      { target: ['.userAuth.booting', '.filter.booting'], reenter: true, actions: 'closeSessions' },
    ],
    'session.closed': [{ guard: 'invalid', actions: 'refuse' }, { actions: 'apply' }],
    // §2-2-2: each TCP/IP function set to Use / Not use.
    'ports.set': [{ guard: 'invalid', actions: 'refuse' }, { actions: 'apply' }],
    // §2-2-2 note: SNMP requests must carry this community name.
    'snmp.communitySet': [{ guard: 'invalid', actions: 'refuse' }, { actions: 'apply' }],
    // §1-6: the FTP server's own login; it has no password lock, so nothing counts failures.
    'ftp.loginSet': [{ guard: 'invalid', actions: 'refuse' }, { actions: 'apply' }],
    // §2-6-1: operations over Secure Comm are recorded.
    'log.recorded': [{ guard: 'invalid', actions: 'refuse' }, { actions: 'apply' }],
    // §2-6-1: the log's times come from the CPU clock, so keep it right automatically.
    'clock.autoAdjustSet': [{ guard: 'invalid', actions: 'refuse' }, { actions: 'apply' }],
    'clock.sntpReplied': [{ guard: 'invalid', actions: 'refuse' }, { actions: 'apply' }],
  },
  states: {
    userAuth: {
      initial: 'booting',
      states: {
        booting: {
          always: [
            { guard: 'neverConfigured', target: 'noUsers' },
            { guard: 'hasAdministrator', target: 'administered' },
            { target: 'noAdministrator' },
          ],
        },
        // §2-1-1 condition 3: without stored users there is no Secure Comm.
        noUsers: {
          on: {
            'users.added': [
              { guard: 'invalid', actions: 'refuse' },
              { guard: 'isAdministratorAdded', target: 'administered', actions: 'apply' },
              { actions: 'refuseFirstUser' },
            ],
            'users.removed': { actions: 'refuse' },
            'users.roleChanged': { actions: 'refuse' },
            'users.passwordChanged': { actions: 'refuse' },
            'auth.attempted': { actions: 'recordAuthFailure' },
          },
        },
        administered: {
          on: {
            'users.added': [{ guard: 'invalid', actions: 'refuse' }, { actions: 'apply' }],
            // §2-3-1: losing the last administrator is allowed, and it locks user management.
            'users.removed': [
              { guard: 'invalid', actions: 'refuse' },
              { guard: 'leavesNoAdministrator', target: 'noAdministrator', actions: 'apply' },
              { actions: 'apply' },
            ],
            'users.roleChanged': [
              { guard: 'invalid', actions: 'refuse' },
              { guard: 'leavesNoAdministrator', target: 'noAdministrator', actions: 'apply' },
              { actions: 'apply' },
            ],
            'users.passwordChanged': [{ guard: 'invalid', actions: 'refuse' }, { actions: 'apply' }],
            'auth.attempted': [{ guard: 'authSucceeds', actions: 'openSession' }, { actions: 'recordAuthFailure' }],
          },
        },
        // §2-3-1: nobody may manage users any more; existing users still log in and change
        // their own passwords (§2-4-1 gives every role that right).
        noAdministrator: {
          on: {
            'users.added': { actions: 'refuseNoAdministrator' },
            'users.removed': { actions: 'refuseNoAdministrator' },
            'users.roleChanged': { actions: 'refuseNoAdministrator' },
            'users.passwordChanged': [{ guard: 'invalid', actions: 'refuse' }, { actions: 'apply' }],
            'auth.attempted': [{ guard: 'authSucceeds', actions: 'openSession' }, { actions: 'recordAuthFailure' }],
          },
        },
      },
    },
    filter: {
      initial: 'booting',
      on: {
        'filter.ruleAdded': [{ guard: 'invalid', actions: 'refuse' }, { actions: 'apply' }],
        'filter.ruleRemoved': [{ guard: 'invalid', actions: 'refuse' }, { actions: 'apply' }],
      },
      states: {
        booting: { always: [{ guard: 'filterSettingOn', target: 'used' }, { target: 'notUsed' }] },
        notUsed: { on: { 'filter.enabled': { target: 'used', actions: 'apply' } } },
        used: { on: { 'filter.disabled': { target: 'notUsed', actions: 'apply' } } },
      },
    },
  },
});

/** A snapshot of the EIP21S machine. */
export type Eip21sSnapshot = SnapshotFrom<typeof eip21sMachine>;

function userAuthOf(snapshot: Eip21sSnapshot): UserAuthState {
  const value = (snapshot.value as { userAuth?: string }).userAuth;
  if (value === 'noUsers' || value === 'administered' || value === 'noAdministrator') return value;
  // 'booting' never lasts past a macrostep; derive it the same way for completeness.
  const c = snapshot.context;
  if (!c.userSettingsStored) return 'noUsers';
  return c.users.some(isAdministrator) ? 'administered' : 'noAdministrator';
}

/** A plain read-only view of a snapshot for the request checks (machines/eip-checks.ts). */
export function eipView(snapshot: Eip21sSnapshot): EipView {
  const c = snapshot.context;
  return {
    model: c.model,
    ip: c.ip,
    finsNode: c.finsNode,
    userAuth: userAuthOf(snapshot),
    users: c.users,
    filter: c.filter,
    ports: c.ports,
    snmpCommunity: c.snmpCommunity,
    ftpLogin: c.ftpLogin,
    secureCommAvailable: c.users.length > 0,
    sessions: c.sessions,
    log: c.log,
    clock: c.clock,
    lastAuth: c.lastAuth,
    lastError: c.lastError,
  };
}

/** The view of a unit freshly started from settings (handy for widgets and tests). */
export function eipViewFromSettings(settings: EipSettings, model: Eip21sModel = 'CJ1W-EIP21S'): EipView {
  const [snapshot] = initialTransition(eip21sMachine, { model, settings });
  return eipView(snapshot);
}

/**
 * §2-6-1: the corrected time the unit wants written to the CPU clock, numbered so the rack
 * forwards each correction once; null until the SNTP server has answered.
 */
export function clockCorrection(unit: { clock: ClockAutoAdjust }): { at: string; seq: number } | null {
  return unit.clock.enabled ? unit.clock.correction : null;
}

/** The settings currently stored in the unit, in the shape labs and answers use. */
export function settingsOf(unit: Eip21sContext | EipView): EipSettings {
  return {
    ip: unit.ip,
    finsNode: unit.finsNode,
    users: unit.users.map((u) => ({ ...u })),
    filter: { enabled: unit.filter.enabled, rules: unit.filter.rules.map((r) => ({ ...r })) },
    ports: { ...unit.ports },
    snmpCommunity: unit.snmpCommunity,
    ftpLogin: { ...unit.ftpLogin },
  };
}
