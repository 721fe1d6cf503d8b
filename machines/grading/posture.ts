/**
 * Posture checks: what the final configuration leaves open, judged from the state alone.
 * Traffic replay only sees the requests a lab thought of; these see the rest — an account
 * nobody named, a role above the job, a leaked password kept, a filter rule wider than the
 * plant needs, a service left in use, a FINS node excluded from write protection.
 *
 * Every failure reason is plain words a learner acts on: the extra account, the addresses
 * outside the list and how many, the open service, the extra node.
 */
import { plural } from '../model.ts';
import { type Cube, cubeOf, describeCube, difference, lowest, sizeOf } from './address-set.ts';
import { PORT_LABELS } from '../eip/eip21s.machine.ts';
import { formatIPv4, parseIPv4 } from '../eip/ip-address.ts';
import type { ConfigCheck, PlantNode } from './lab.ts';
import { type FilterRule, type PortSettings, type Role, ROLES, type UserAccount } from '../model.ts';

/** A posture check (the ConfigCheck ops listed in lab.ts POSTURE_OPS). */
export type PostureCheck = Extract<ConfigCheck, { op: 'onlyAccounts' | 'noKnownPasswords' | 'filterAdmitsOnly' | 'onlyServices' | 'onlyExcludedNodes' }>;

/** What posture checks know of the lab besides the final state. */
export interface PostureContext {
  /** The plant's nodes, to name a device by its address or FINS node. */
  network: readonly PlantNode[];
  /** Passwords attackers know from the lab itself (lab.ts `hostilePasswords`). */
  knownPasswords: readonly string[];
}

/** The result of one check: whether it holds and why, in one or more sentences. */
export interface CheckOutcome {
  ok: boolean;
  reason: string;
}

/**
 * How much authority a role holds: ROLES lists them from most to least powerful, as the
 * §2-4-1 table does, so a smaller index is a higher role. ASSUMPTION: the rights nest (each
 * role may do everything the one below it may, see operation-authority.ts RIGHTS), so one rank
 * compares any two roles; test/machines/grading/posture.test.ts checks the nesting.
 */
export function roleRank(role: Role): number {
  return ROLES.length - ROLES.indexOf(role);
}

// Made on first use, not when the module loads: building a NumberFormat costs a cold page tens of
// milliseconds (bench/alive.ts), and only a failed posture check needs one.
let count: Intl.NumberFormat | undefined;
function addresses(n: number): string {
  count ??= new Intl.NumberFormat('en');
  return `${count.format(n)} ${plural(n, 'address', 'addresses')}`;
}

/** The EIP21S part of the final state, or null without an EIP21S. */
interface EipState {
  users: UserAccount[];
  filter: { enabled: boolean; rules: FilterRule[] };
  ports: PortSettings;
  ftpLogin?: { user: string; password: string };
}

function eipOf(state: Record<string, unknown>): EipState | null {
  const eip = state.eip;
  return eip && typeof eip === 'object' ? (eip as EipState) : null;
}

function finsOf(state: Record<string, unknown>): { enabled: boolean; excludedNodes: number[] } {
  const cpu = state.cpu as { finsWriteProtection?: { enabled: boolean; excludedNodes: number[] } } | undefined;
  return cpu?.finsWriteProtection ?? { enabled: false, excludedNodes: [] };
}

function verdict(check: PostureCheck, failures: string[], passed: string): CheckOutcome {
  if (failures.length === 0) return { ok: true, reason: check.says ?? passed };
  return { ok: false, reason: `${check.says ? `${check.says}: ` : ''}${failures.join(' ')}` };
}

/** §2-3-1, §2-4-1: only the named accounts, none above the role listed for it. */
function onlyAccounts(check: Extract<PostureCheck, { op: 'onlyAccounts' }>, eip: EipState | null): CheckOutcome {
  const failures: string[] = [];
  for (const user of eip?.users ?? []) {
    const allowed = check.accounts.find((a) => a.name === user.name);
    if (!allowed) {
      failures.push(`The unit holds an account nobody asked for: "${user.name}" (${user.role}). Remove it.`);
    } else if (roleRank(user.role) > roleRank(allowed.role)) {
      failures.push(`"${user.name}" has ${user.role} authority, more than the job needs: ${allowed.role} is enough (§2-4-1).`);
    }
  }
  return verdict(check, failures, 'Only the named accounts exist, none with more authority than its job needs.');
}

/** No account keeps a password attackers know. The password itself is never shown. */
function noKnownPasswords(check: Extract<PostureCheck, { op: 'noKnownPasswords' }>, eip: EipState | null, alsoKnown: readonly string[]): CheckOutcome {
  const known = new Set([...check.passwords, ...alsoKnown]);
  const failures = (eip?.users ?? [])
    .filter((u) => known.has(u.password))
    .map((u) => `"${u.name}" uses a password attackers already know (leaked or tried against this unit): give it a new one.`);
  // The FTP login counts only while the FTP server is in use, and compares without case
  // (ftpLoginCheck). The factory's empty password counts only when the lab's attacker tries it:
  // a lab whose briefing says nothing of FTP must not fail on it.
  const ftp = eip?.ports.ftpServer ? eip.ftpLogin : undefined;
  const knownLower = new Set([...known].map((p) => p.toLowerCase()));
  if (ftp && knownLower.has(ftp.password.toLowerCase())) {
    failures.push(
      ftp.password === ''
        ? `The FTP server is in use and its login "${ftp.user}" still has no password, as it left the factory: set one, or set the FTP server to Not use (§1-6).`
        : `The FTP login "${ftp.user}" uses a password attackers already know: give it a new one, or set the FTP server to Not use (§1-6).`,
    );
  }
  return verdict(check, failures, 'No account uses a password attackers know.');
}

function cubesOf(rules: readonly { ip: string; mask: string }[]): Cube[] {
  return rules.flatMap((r) => {
    // Masks are parsed as plain addresses so that a non-contiguous mask is still judged exactly.
    const ip = parseIPv4(r.ip);
    const mask = parseIPv4(r.mask);
    return ip.ok && mask.ok ? [cubeOf(ip.value, mask.value)] : [];
  });
}

/** The name of the plant node at an address, when there is one. */
function nodeAt(network: readonly PlantNode[], address: number): string | undefined {
  const ip = formatIPv4(address);
  return network.find((n) => n.ip === ip)?.name;
}

/** §2-2-1: the filter is in use and admits nothing outside the allowed blocks. */
function filterAdmitsOnly(check: Extract<PostureCheck, { op: 'filterAdmitsOnly' }>, eip: EipState | null, network: readonly PlantNode[]): CheckOutcome {
  if (!eip) return verdict(check, ['There is no EtherNet/IP Unit with an IP packet filter, so every address gets through.'], '');
  if (!eip.filter.enabled) {
    return verdict(check, [`The IP packet filter is set to Not use, so it admits every address (${addresses(2 ** 32)}).`], '');
  }
  const allowed = cubesOf(check.allowed);
  const failures: string[] = [];
  for (const [i, rule] of eip.filter.rules.entries()) {
    const [cube] = cubesOf([rule]);
    if (!cube) continue;
    const outside = difference([cube], allowed);
    const size = sizeOf(outside);
    if (size === 0) continue;
    const first = Math.min(...outside.map(lowest));
    const who = nodeAt(network, first);
    const example = `${formatIPv4(first)}${who ? ` (${who})` : ''}`;
    const what = `Rule ${i + 1} (${rule.ip}, mask ${rule.mask})`;
    if (size === 1) {
      failures.push(`${what} lets in ${example}, an address the plant does not need.`);
      continue;
    }
    const range = describeCube(cube);
    const where = size === sizeOf([cube]) ? `: ${range}` : `, within ${range}`;
    failures.push(`${what} lets in ${addresses(size)} the plant does not need${where}, for example ${example}.`);
  }
  return verdict(check, failures, 'The filter admits only the addresses the plant needs.');
}

/** §2-2-2: every service nobody needs is set to Not use. */
function onlyServices(check: Extract<PostureCheck, { op: 'onlyServices' }>, eip: EipState | null): CheckOutcome {
  if (!eip) return verdict(check, ['There is no EtherNet/IP Unit whose services can be set to Not use, so every service stays open.'], '');
  const needed = new Set<string>(check.needed);
  const open = (Object.keys(PORT_LABELS) as (keyof PortSettings)[]).filter((p) => eip.ports[p] && !needed.has(p));
  const failures = open.map((p) => `${PORT_LABELS[p]} is still set to Use, but nothing in the plant needs it: set it to Not use.`);
  return verdict(check, failures, 'Every service the plant does not use is set to Not use.');
}

/** §2-5-3: no FINS node is excluded from write protection beyond the named ones. */
function onlyExcludedNodes(check: Extract<PostureCheck, { op: 'onlyExcludedNodes' }>, state: Record<string, unknown>, network: readonly PlantNode[]): CheckOutcome {
  const named = new Set(check.nodes);
  const failures = finsOf(state)
    .excludedNodes.filter((n) => !named.has(n))
    .map((n) => {
      const who = network.filter((x) => x.finsNode === n).map((x) => x.name);
      return `FINS node ${n}${who.length ? ` (${who.join(', ')})` : ''} is excluded from FINS write protection, so it may write; only ${plural(check.nodes.length, 'node')} ${check.nodes.join(', ') || 'none'} should be.`;
    });
  return verdict(check, failures, 'Only the named FINS nodes are excluded from write protection.');
}

/** Runs one posture check over the final state, with what it needs to know of the lab. */
export function runPostureCheck(check: PostureCheck, state: Record<string, unknown>, context: PostureContext = { network: [], knownPasswords: [] }): CheckOutcome {
  const { network } = context;
  const eip = eipOf(state);
  switch (check.op) {
    case 'onlyAccounts':
      return onlyAccounts(check, eip);
    case 'noKnownPasswords':
      return noKnownPasswords(check, eip, context.knownPasswords);
    case 'filterAdmitsOnly':
      return filterAdmitsOnly(check, eip, network);
    case 'onlyServices':
      return onlyServices(check, eip);
    case 'onlyExcludedNodes':
      return onlyExcludedNodes(check, state, network);
  }
}
