/**
 * How the EIP21S's settings change: out-of-box settings, the pure step an accepted event takes,
 * and `validateEipSettings`, which checks a whole settings document by applying it step by step.
 */

import { formatIPv4, parseIPv4 } from './ip-address.ts';
import { type EipSettings, FINS_NODE_RANGE, type FilterRule, isFinsNode } from '../model.ts';
import { toUtcSeconds } from '../cpu/clock.ts';
import { eventProblem, FACTORY_FTP_LOGIN, ftpLoginProblem, LOG_CAPACITY } from './eip-validation.ts';
import { parseRule, findRule } from './eip-filter.ts';
import type { Eip21sModel, Session, Eip21sContext, Eip21sEvent, EipView } from './eip21s.machine.ts';

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

function canonicalRule(rule: FilterRule): FilterRule {
  const parsed = parseRule(rule);
  return parsed.ok ? { ip: formatIPv4(parsed.value.ip), mask: formatIPv4(parsed.value.mask) } : rule;
}

function withoutSessionsOf(sessions: Record<string, Session>, user: string): Record<string, Session> {
  return Object.fromEntries(Object.entries(sessions).filter(([, s]) => s.user !== user));
}

/** Applies an event already found valid. Pure: returns a new context. */
export function applyEvent(ctx: Eip21sContext, event: Eip21sEvent): Eip21sContext {
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

/** The settings currently stored in the unit, in the shape labs and answers use (a deep copy). */
export function settingsOf(unit: Pick<EipView, keyof EipSettings>): Required<EipSettings> {
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

/** A unit's context built from a settings document. */
export function contextFrom(model: Eip21sModel, settings: EipSettings): Eip21sContext {
  return {
    model,
    ...settingsOf({ ...settings, ftpLogin: settings.ftpLogin ?? FACTORY_FTP_LOGIN }),
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
