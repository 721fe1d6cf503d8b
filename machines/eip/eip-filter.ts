/** The IP packet filter as pure functions (§2-2-1): rules parsed and compared, a packet's verdict, the lock-out warning. */
import { matchesRule, parseIPv4, parseMask } from './ip-address.ts';
import type { FilterRule, NetworkProtocol } from '../model.ts';
import { PROTOCOL_LABELS } from './eip-labels.ts';

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

/** The index of the rule covering exactly `wanted`, or -1. */
export function findRule(rules: readonly FilterRule[], wanted: { ip: number; mask: number }): number {
  return rules.findIndex((r) => {
    const parsed = parseRule(r);
    return parsed.ok && sameRange(parsed.value, wanted);
  });
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
