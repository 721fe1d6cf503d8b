/**
 * Why the EIP21S refuses an event: its limits and name patterns, the
 * FTP login's rules, log-ins (`authenticate`), and `eventProblem`, the one answer to "may this
 * event happen?" that the machine's guard and `validateEipSettings` share.
 */
import { isIsoDateTime } from '../cpu/clock.ts';
import { parseIPv4 } from './ip-address.ts';
import { COMMUNITY_MAX, type FtpLogin, ROLES, type UserAccount, USER_NAME_MAX } from '../model.ts';
import { checkPassword } from './password-policy.ts';
import { PORT_LABELS } from './eip-labels.ts';
import { parseRule, findRule } from './eip-filter.ts';
import type { Eip21sContext, Eip21sEvent } from './eip21s.machine.ts';

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

// ——— pure rules, shared by the machine, the checks and the effects ———

/** True for a user with administrator authority. */
export const isAdministrator = (u: UserAccount): boolean => u.role === 'administrator';

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

