import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grade } from '../../machines/grading/grader.ts';
import type { Answer, Lab } from '../../machines/grading/lab.ts';
import { MUTATION_KINDS } from '../../machines/grading/lab.ts';
import { type MutationReport, mutantsOf, mutationReport } from '../../machines/grading/mutations.ts';
import { allLabs, fixture, labById } from './lab-fixtures.ts';

/**
 * Mutation testing of the grader: every weakened copy of every reference answer must fail,
 * except those the lab declares equivalent (with a reason). A survivor means a requirement of
 * the briefing goes ungraded — the fix is an objective in the lab, not a declaration.
 */
let labs: Lab[] = [];
const reports: MutationReport[] = [];

beforeAll(async () => {
  labs = await allLabs();
  for (const lab of labs) reports.push(mutationReport(lab, fixture(lab.id, 'reference.json')));
});

afterAll(() => {
  const lines = reports.map((r) => {
    const counted = r.mutants.filter((m) => !m.equivalent);
    const killed = counted.filter((m) => m.killed).length;
    return `  ${r.labId.padEnd(28)} ${killed}/${counted.length} — ${(r.score * 100).toFixed(1)} %`;
  });
  const all = reports.flatMap((r) => r.mutants.filter((m) => !m.equivalent));
  const killed = all.filter((m) => m.killed).length;
  console.log(`Mutation score per lab:\n${lines.join('\n')}\n  overall ${killed}/${all.length} — ${((killed / all.length) * 100).toFixed(1)} %`);
});

describe('mutation score of the grader', () => {
  it('every lab has mutants, and every mutant fails unless the lab declares it equivalent', () => {
    expect(reports.length).toBe(labs.length);
    for (const r of reports) {
      expect(r.mutants.length, r.labId).toBeGreaterThan(0);
      expect(
        r.survivors.map((m) => `${m.id}: ${m.description}`),
        `${r.labId}: these weakened answers pass`,
      ).toEqual([]);
      expect(r.score, r.labId).toBe(1);
    }
  });

  it('declared equivalents name real mutants that the grader indeed passes', () => {
    for (const r of reports) {
      expect(r.unknownDeclarations, r.labId).toEqual([]);
      expect(r.staleDeclarations, r.labId).toEqual([]);
    }
  });

  it('mutant ids are unique, stable and of a known kind', () => {
    for (const lab of labs) {
      const ids = mutantsOf(lab, fixture(lab.id, 'reference.json')).map((m) => m.id);
      expect(new Set(ids).size, lab.id).toBe(ids.length);
      for (const id of ids) expect((MUTATION_KINDS as readonly string[]).includes(id.split(':')[0] ?? ''), id).toBe(true);
      expect(mutantsOf(lab, fixture(lab.id, 'reference.json')).map((m) => m.id)).toEqual(ids);
    }
  });

  it('covers every class of weakening the issue names', () => {
    const kinds = new Set(reports.flatMap((r) => r.mutants.map((m) => m.mutant.kind)));
    expect([...kinds].sort()).toEqual([...MUTATION_KINDS].sort());
  });

  it('the reference answers themselves still pass (a mutant fails for its mutation, not for the base)', () => {
    for (const lab of labs) expect(grade(lab, fixture(lab.id, 'reference.json')).passed, lab.id).toBe(true);
  });
});

describe('the mutations themselves', () => {
  it('widen a rule by exactly one bit, and add a rule for each address the filter leaves out', async () => {
    const lab = await labById('02-filter-blocks');
    const byId = new Map(mutantsOf(lab, fixture(lab.id, 'reference.json')).map((m) => [m.id, m]));
    const rules = (id: string) => (byId.get(id)?.answer.settings?.['eip.filter.rules'] as { ip: string; mask: string }[]) ?? [];
    expect(rules('widen-mask:192.168.251.0/255.255.255.0')).toContainEqual({ ip: '192.168.251.0', mask: '255.255.254.0' });
    expect(rules('widen-mask:192.168.250.11/255.255.255.255')).toContainEqual({ ip: '192.168.250.11', mask: '255.255.255.254' });
    // The rogue and service laptops are outside the reference filter; the HMI panels are not.
    expect([...byId.keys()].filter((id) => id.startsWith('add-rule:')).sort()).toEqual(
      ['add-rule:10.0.0.5', 'add-rule:192.168.250.147', 'add-rule:192.168.250.77', 'add-rule:203.0.113.7'].sort(),
    );
  });

  it('reuse the passwords hostile steps offered, and leave the reference untouched', async () => {
    const lab = await labById('13-capstone-multi-stage');
    const reference = fixture(lab.id, 'reference.json');
    const before = JSON.stringify(reference);
    const ids = mutantsOf(lab, reference).map((m) => m.id);
    expect(ids).toContain('reuse-password:plant-admin:Oper#Shift12');
    expect(ids).toContain('reuse-password:r.okoro:Admin#2026');
    expect(ids).toContain('exclude-node:150');
    expect(ids).toContain('open-port:ftpServer');
    expect(ids).not.toContain('open-port:finsTcp'); // already in use in the reference
    expect(JSON.stringify(reference)).toBe(before);
  });

  it('skip settings whose drop changes nothing, and drop or swap actions', async () => {
    const lab = await labById('12-decommissioning');
    const ids = mutantsOf(lab, fixture(lab.id, 'reference.json')).map((m) => m.id);
    expect(ids.sort()).toEqual(
      ['drop-action:memory.clearAll', 'drop-action:unit.restartOutOfBox', 'drop-setting:cpu.dipWriteProtect', 'swap-actions:memory.clearAll,unit.restartOutOfBox'].sort(),
    );
    // Lab 13's reference sets FINS/TCP to Use, as it starts: no drop-setting mutant for it.
    const capstone = await labById('13-capstone-multi-stage');
    expect(mutantsOf(capstone, fixture(capstone.id, 'reference.json')).map((m) => m.id)).not.toContain('drop-setting:eip.ports.finsTcp');
  });
});

/** The reference answer of a lab with `settings` replacing or adding setting paths. */
function withSettings(labId: string, settings: Record<string, unknown>): Answer {
  const reference = fixture(labId, 'reference.json');
  return { ...reference, settings: { ...reference.settings, ...settings } };
}

function failures(lab: Lab, answer: Answer): { ids: string[]; reasons: string } {
  const report = grade(lab, answer);
  const failed = report.objectives.filter((o) => !o.passed);
  expect(report.problems).toEqual([]);
  expect(report.passed).toBe(false);
  return { ids: failed.map((o) => o.id), reasons: failed.flatMap((o) => o.details).join('\n') };
}

describe('the weakened answers the issue reported now fail', () => {
  it('lab 01: the reference plus an administrator account "backdoor"', async () => {
    const lab = await labById('01-users-and-roles');
    const users = (fixture(lab.id, 'reference.json').settings?.['eip.users'] as object[]) ?? [];
    const { ids, reasons } = failures(lab, withSettings(lab.id, { 'eip.users': [...users, { name: 'backdoor', role: 'administrator', password: 'B4ck#Door!x' }] }));
    expect(ids).toEqual(['least-privilege']);
    expect(reasons).toMatch(/account nobody asked for: "backdoor" \(administrator\)/);
  });

  it('lab 02: rules for 192.168.250.0/255.255.255.192 and 172.16.0.0/255.255.0.0', async () => {
    const lab = await labById('02-filter-blocks');
    const rules = [
      { ip: '192.168.250.0', mask: '255.255.255.192' },
      { ip: '192.168.251.0', mask: '255.255.255.0' },
      { ip: '172.16.0.0', mask: '255.255.0.0' },
    ];
    const { ids, reasons } = failures(lab, withSettings(lab.id, { 'eip.filter': { enabled: true, rules } }));
    // Every traffic step still has its outcome: only the posture check sees the hole.
    expect(ids).toEqual(['nothing-beyond-the-list']);
    expect(reasons).toMatch(/Rule 1 \(192\.168\.250\.0, mask 255\.255\.255\.192\) lets in 62 addresses the plant does not need, within 192\.168\.250\.0 to 192\.168\.250\.63/);
    expect(reasons).toMatch(/Rule 3 \(172\.16\.0\.0, mask 255\.255\.0\.0\) lets in 65,535 addresses/);
  });

  it('lab 13: a service the briefing says nothing uses, left open', async () => {
    const lab = await labById('13-capstone-multi-stage');
    const { ids, reasons } = failures(lab, withSettings(lab.id, { 'eip.ports.ftpServer': true }));
    // The attacker in lab 13 tries the factory FTP login, so an open FTP server with its empty
    // factory password is also a known password on the accounts objective.
    expect(ids).toEqual(['accounts', 'only-fins-tcp']);
    expect(reasons).toMatch(/FTP server is still set to Use/);
    expect(reasons).toMatch(/FTP server is in use and its login "CONFIDENTIAL" still has no password/);
  });

  it('lab 13: a filter rule that explicitly admits the attacker', async () => {
    const lab = await labById('13-capstone-multi-stage');
    const reference = fixture(lab.id, 'reference.json').settings?.['eip.filter'] as { enabled: boolean; rules: object[] };
    const rules = [...reference.rules, { ip: '192.168.250.150', mask: '255.255.255.255' }];
    const { ids, reasons } = failures(lab, withSettings(lab.id, { 'eip.filter': { enabled: true, rules } }));
    expect(ids).toContain('three-devices-only');
    expect(reasons).toMatch(/Rule 4 \(192\.168\.250\.150, mask 255\.255\.255\.255\) lets in 192\.168\.250\.150 \(Rogue laptop\), an address the plant does not need/);
  });

  it('lab 13: the leaked password kept on another account', async () => {
    const lab = await labById('13-capstone-multi-stage');
    const users = [
      { name: 'plant-admin', role: 'administrator', password: 'Oper#Shift12' },
      { name: 'n.haddad', role: 'designer', password: 'Proj#Design55' },
      { name: 'r.okoro', role: 'operator', password: 'Rot4ted#Op2026' },
    ];
    const { ids, reasons } = failures(lab, withSettings(lab.id, { 'eip.users': users }));
    expect(ids).toEqual(['accounts']);
    expect(reasons).toMatch(/"plant-admin" uses a password attackers already know/);
    expect(reasons).not.toMatch(/Oper#Shift12/);
  });

  it('lab 13: a hostile node added to the FINS write-protection exclusions', async () => {
    const lab = await labById('13-capstone-multi-stage');
    const { ids, reasons } = failures(lab, withSettings(lab.id, { 'cpu.finsWriteProtection': { enabled: true, excludedNodes: [21, 150] } }));
    expect(ids).toEqual(['only-hmi-excluded']);
    expect(reasons).toMatch(/FINS node 150 \(Rogue laptop\) is excluded from FINS write protection/);
  });
});
