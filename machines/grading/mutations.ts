/**
 * Mutation testing of the grader: weakened answers derived automatically from a lab's
 * reference answer. Each mutant leaves the plant less safe than the reference — an extra
 * account, a raised role, a leaked password reused, a wider filter rule, a rule for an outside
 * address, a setting dropped, a port opened, another FINS node excluded, an action dropped or
 * moved — so the grader must fail it. A mutant that passes means a requirement of the briefing
 * goes ungraded; the fix is an objective, not a declaration. Only a mutant that truly leaves
 * the plant as safe may be declared equivalent in the lab file (`equivalentMutations`).
 *
 * Pure: the grader is the only thing it runs.
 */
import { deepEqual, grade, startingState, valueAt } from './grader.ts';
import { formatIPv4, matchesRule, parseIPv4 } from '../eip/ip-address.ts';
import { type Answer, hostilePasswords, type Lab, type LearnerAction, type MutationKind, type SettingPath, settingPathsUnder } from './lab.ts';
import { type FilterRule, type PortSettings, type Role, ROLES, type UserAccount } from '../model.ts';

/** One weakened answer. */
export interface Mutant {
  /** Stable id "<kind>:<what>", e.g. "drop-setting:eip.filter.enabled"; labs declare equivalents by it. */
  id: string;
  kind: MutationKind;
  /** What the mutation does, in words. */
  description: string;
  answer: Answer;
}

/** A password every mutant account gets: it meets the unit's policy, so the unit accepts it. */
const MUTANT_PASSWORD = 'Mut4nt#Acc9';

/**
 * An address outside every plant network (TEST-NET-3, RFC 5737), for the "rule for an outside
 * address" mutation when the lab's network gives none.
 */
const OUTSIDE_ADDRESS = '203.0.113.7';

function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** The answer's settings at the finest grain: "eip.filter" → "eip.filter.enabled", "eip.filter.rules". */
export function leafSettings(answer: Answer): Map<SettingPath, unknown> {
  const leaves = new Map<SettingPath, unknown>();
  for (const [path, value] of Object.entries(answer.settings ?? {})) {
    for (const leaf of settingPathsUnder(path)) {
      const sub = leaf === path ? value : valueAt(value, leaf.slice(path.length + 1));
      if (sub !== undefined) leaves.set(leaf, clone(sub));
    }
  }
  return leaves;
}

/**
 * Passwords attackers know in a lab: every fixed password a hostile step offers (guessed or
 * stolen), and those its posture checks list as leaked.
 */
export function knownPasswords(lab: Lab): string[] {
  const listed = lab.objectives.flatMap((o) => (o.kind === 'config' ? o.checks.flatMap((c) => (c.op === 'noKnownPasswords' ? c.passwords : [])) : []));
  return [...new Set([...hostilePasswords(lab), ...listed])];
}

/** Every mutant of a reference answer, for the lab's default variant. */
export function mutantsOf(lab: Lab, reference: Answer): Mutant[] {
  const start = startingState(lab).settings;
  const leaves = leafSettings(reference);
  const editable = new Set(lab.editable.flatMap(settingPathsUnder));
  const current = (path: SettingPath): unknown => (leaves.has(path) ? clone(leaves.get(path)) : clone(valueAt(start, path)));
  const out: Mutant[] = [];
  const withLeaf = (id: string, kind: MutationKind, description: string, path: SettingPath, value: unknown) => {
    const next = new Map(leaves);
    next.set(path, value);
    out.push({ id, kind, description, answer: { ...clone(reference), settings: Object.fromEntries(next) } });
  };

  // Accounts (§2-3-1, §2-4-1).
  if (editable.has('eip.users')) {
    const users = (current('eip.users') as UserAccount[] | null) ?? [];
    for (const role of ROLES) {
      const extra: UserAccount = { name: `extra-${role}`, role, password: MUTANT_PASSWORD };
      withLeaf(`add-account:${role}`, 'add-account', `add an account "${extra.name}" with ${role} authority`, 'eip.users', [...users, extra]);
    }
    for (const [i, user] of users.entries()) {
      const higher: Role | undefined = ROLES[ROLES.indexOf(user.role) - 1];
      if (higher) {
        const next = users.map((u, j) => (j === i ? { ...u, role: higher } : u));
        withLeaf(`raise-role:${user.name}`, 'raise-role', `raise ${user.name} from ${user.role} to ${higher}`, 'eip.users', next);
      }
      for (const password of knownPasswords(lab)) {
        if (password === user.password) continue;
        const next = users.map((u, j) => (j === i ? { ...u, password } : u));
        withLeaf(`reuse-password:${user.name}:${password}`, 'reuse-password', `give ${user.name} a password attackers know`, 'eip.users', next);
      }
    }
  }

  // IP packet filter (§2-2-1).
  if (editable.has('eip.filter.rules')) {
    const rules = (current('eip.filter.rules') as FilterRule[] | null) ?? [];
    for (const [i, rule] of rules.entries()) {
      const mask = parseIPv4(rule.mask);
      if (!mask.ok || mask.value === 0) continue;
      // Clear the lowest one-bit: the rule admits twice as many addresses.
      const wider = formatIPv4((mask.value & (mask.value - 1)) >>> 0);
      const next = rules.map((r, j) => (j === i ? { ...r, mask: wider } : r));
      withLeaf(`widen-mask:${rule.ip}/${rule.mask}`, 'widen-mask', `widen the rule for ${rule.ip} from mask ${rule.mask} to ${wider}`, 'eip.filter.rules', next);
    }
    const admitted = (ip: string) => {
      const a = parseIPv4(ip);
      return (
        a.ok &&
        rules.some((r) => {
          const rip = parseIPv4(r.ip);
          const rmask = parseIPv4(r.mask);
          return rip.ok && rmask.ok && matchesRule(a.value, { ip: rip.value, mask: rmask.value });
        })
      );
    };
    const outside = [...new Set([...lab.network.flatMap((n) => (n.ip === undefined ? [] : [n.ip])), OUTSIDE_ADDRESS])].filter((ip) => !admitted(ip));
    for (const ip of outside) {
      withLeaf(`add-rule:${ip}`, 'add-rule', `add a rule admitting ${ip}`, 'eip.filter.rules', [...rules, { ip, mask: '255.255.255.255' }]);
    }
  }

  // Every setting the reference changes, dropped in turn.
  for (const [path, value] of leaves) {
    if (deepEqual(value, valueAt(start, path))) continue; // dropping a no-op changes nothing
    const next = new Map(leaves);
    next.delete(path);
    out.push({ id: `drop-setting:${path}`, kind: 'drop-setting', description: `leave ${path} as the lab starts`, answer: { ...clone(reference), settings: Object.fromEntries(next) } });
  }

  // Ports (§2-2-2).
  for (const path of editable) {
    if (!path.startsWith('eip.ports.') || current(path) !== false) continue;
    const port = path.slice('eip.ports.'.length) as keyof PortSettings;
    withLeaf(`open-port:${port}`, 'open-port', `set ${port} to Use`, path, true);
  }

  // FINS write protection exclusions (§2-5-3).
  if (editable.has('cpu.finsWriteProtection.excludedNodes')) {
    const excluded = (current('cpu.finsWriteProtection.excludedNodes') as number[] | null) ?? [];
    const nodes = [...new Set(lab.network.flatMap((n) => (n.finsNode === undefined ? [] : [n.finsNode])))].filter((n) => !excluded.includes(n));
    for (const node of nodes) {
      withLeaf(`exclude-node:${node}`, 'exclude-node', `also exclude FINS node ${node} from write protection`, 'cpu.finsWriteProtection.excludedNodes', [...excluded, node]);
    }
  }

  // Actions: each dropped, each adjacent pair swapped.
  const actions: LearnerAction[] = reference.actions ?? [];
  for (const [i, action] of actions.entries()) {
    out.push({ id: `drop-action:${action}`, kind: 'drop-action', description: `leave out the action ${action}`, answer: { ...clone(reference), actions: actions.filter((_, j) => j !== i) } });
  }
  for (let i = 0; i + 1 < actions.length; i++) {
    const a = actions[i] as LearnerAction;
    const b = actions[i + 1] as LearnerAction;
    if (a === b) continue;
    const next = [...actions];
    next[i] = b;
    next[i + 1] = a;
    out.push({ id: `swap-actions:${a},${b}`, kind: 'swap-actions', description: `do ${b} before ${a}`, answer: { ...clone(reference), actions: next } });
  }
  return out;
}

/** What grading every mutant of a lab's reference answer found. */
export interface MutationReport {
  labId: string;
  /** Every mutant, with whether the grader failed it. */
  mutants: { mutant: Mutant; killed: boolean; equivalent: boolean; failed: string[] }[];
  /** Mutants the grader passed that the lab does not declare equivalent. */
  survivors: Mutant[];
  /** Declared equivalents no mutant has (a typo, or a reference answer that changed). */
  unknownDeclarations: string[];
  /** Declared equivalents the grader fails anyway: the declaration is stale. */
  staleDeclarations: string[];
  /** Killed mutants over non-equivalent ones (1 when there are none). */
  score: number;
}

/** Grades every mutant of `reference` and scores the grader on the lab. */
export function mutationReport(lab: Lab, reference: Answer): MutationReport {
  const declared = new Map(lab.equivalentMutations.map((m) => [m.mutation, m.reason]));
  const mutants = mutantsOf(lab, reference).map((mutant) => {
    const report = grade(lab, mutant.answer);
    const failed = [...report.objectives.filter((o) => !o.passed).map((o) => o.id), ...report.problems.map((p) => `problem: ${p.message}`)];
    return { mutant, killed: !report.passed, equivalent: declared.has(mutant.id), failed };
  });
  const ids = new Set(mutants.map((m) => m.mutant.id));
  const counted = mutants.filter((m) => !m.equivalent);
  const killed = counted.filter((m) => m.killed).length;
  return {
    labId: lab.id,
    mutants,
    survivors: counted.filter((m) => !m.killed).map((m) => m.mutant),
    unknownDeclarations: [...declared.keys()].filter((id) => !ids.has(id)),
    staleDeclarations: mutants.filter((m) => m.equivalent && m.killed).map((m) => m.mutant.id),
    score: counted.length === 0 ? 1 : killed / counted.length,
  };
}
