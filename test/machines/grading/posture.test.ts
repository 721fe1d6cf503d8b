import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { filterVerdict } from '../../../machines/eip/eip21s.machine.ts';
import { formatIPv4, matchesRule, parseIPv4 } from '../../../machines/eip/ip-address.ts';
import type { PlantNode } from '../../../machines/grading/lab.ts';
import { ROLES } from '../../../machines/model.ts';
import { RIGHTS } from '../../../machines/eip/operation-authority.ts';
import { type PostureCheck, roleRank, runPostureCheck } from '../../../machines/grading/posture.ts';

const NETWORK: PlantNode[] = [
  { name: 'HMI', description: 'panel', ip: '192.168.250.21', finsNode: 21 },
  { name: 'Rogue laptop', description: 'attacker', ip: '192.168.250.150', finsNode: 150 },
];

/** A final state as grader.ts stateDocument builds it, with only what posture checks read. */
function state(eip: Record<string, unknown> | null, excludedNodes: number[] = []): Record<string, unknown> {
  return { cpu: { finsWriteProtection: { enabled: true, excludedNodes } }, eip };
}

const users = [
  { name: 'plant-admin', role: 'administrator', password: 'Adm1n#Line4' },
  { name: 'k.tanaka', role: 'designer', password: 'Ladder#Design7' },
];
const ports = { cipMessageServer: false, finsUdp: false, finsTcp: true, ftpServer: false, snmp: false };
const filter = (enabled: boolean, rules: { ip: string; mask: string }[]) => ({ users, ports, filter: { enabled, rules } });
const run = (check: PostureCheck, s: Record<string, unknown>) => runPostureCheck(check, s, { network: NETWORK, knownPasswords: ['Guest#2026'] });

describe('least privilege (§2-3-1, §2-4-1)', () => {
  const check: PostureCheck = {
    op: 'onlyAccounts',
    accounts: [
      { name: 'plant-admin', role: 'administrator' },
      { name: 'k.tanaka', role: 'designer' },
    ],
  };

  it('roles rank as the §2-4-1 table lists them, administrator highest', () => {
    const ranks = ROLES.map(roleRank);
    expect([...ranks].sort((a, b) => b - a)).toEqual(ranks);
    expect(roleRank('administrator')).toBeGreaterThan(roleRank('observer'));
  });

  it('each role may do everything the role below it may, so a rank compares any two roles', () => {
    for (const [i, role] of ROLES.entries()) {
      const lower = ROLES[i + 1];
      if (!lower) continue;
      for (const op of RIGHTS[lower]) expect(RIGHTS[role].has(op), `${role} may ${op}, as ${lower} may`).toBe(true);
    }
  });

  it('passes the named accounts, and a role below the one allowed', () => {
    expect(run(check, state(filter(false, []))).ok).toBe(true);
    const lower = [users[0], { ...users[1], role: 'operator' }];
    expect(run(check, state({ users: lower, ports, filter: { enabled: false, rules: [] } })).ok).toBe(true);
  });

  it('names an account nobody asked for, and a role above the job', () => {
    const extra = [...users, { name: 'backdoor', role: 'observer', password: 'x' }];
    expect(run(check, state({ users: extra, ports, filter: { enabled: false, rules: [] } })).reason).toMatch(/account nobody asked for: "backdoor" \(observer\)/);
    const raised = [users[0], { ...users[1], role: 'administrator' }];
    expect(run(check, state({ users: raised, ports, filter: { enabled: false, rules: [] } })).reason).toMatch(/"k\.tanaka" has administrator authority, more than the job needs: designer is enough/);
  });

  it('a known password fails without the password being shown', () => {
    const r = run({ op: 'noKnownPasswords', passwords: ['Ladder#Design7'] }, state(filter(false, [])));
    expect(r.ok).toBe(false);
    expect(r.reason).toMatch(/"k\.tanaka" uses a password attackers already know/);
    expect(r.reason).not.toMatch(/Ladder/);
    expect(run({ op: 'noKnownPasswords', passwords: ['Other#Pass1'] }, state(filter(false, []))).ok).toBe(true);
    // A password a hostile step of the lab offers is known without being listed.
    const tried = [users[0], { ...users[1], password: 'Guest#2026' }];
    expect(run({ op: 'noKnownPasswords', passwords: [] }, state({ users: tried, ports, filter: { enabled: false, rules: [] } })).reason).toMatch(/"k\.tanaka" uses a password attackers already know/);
  });
  it('an FTP server in use with a known password fails (the empty factory one when the attacker tries it); closed, its login does not count', () => {
    const check: PostureCheck = { op: 'noKnownPasswords', passwords: ['ladder7', ''] };
    const withFtp = (ftpServer: boolean, password: string) =>
      state({ users, ports: { ...ports, ftpServer }, ftpLogin: { user: 'CONFIDENTIAL', password }, filter: { enabled: false, rules: [] } });
    expect(run(check, withFtp(true, '')).reason).toMatch(/FTP server is in use and its login "CONFIDENTIAL" still has no password/);
    // FTP compares passwords without case, so a known one in other case is still known.
    expect(run(check, withFtp(true, 'LADDER7')).reason).toMatch(/FTP login "CONFIDENTIAL" uses a password attackers already know/);
    expect(run(check, withFtp(true, 'Qx7-frm2')).ok).toBe(true);
    expect(run(check, withFtp(false, '')).ok).toBe(true);
    // Nobody in the lab tries the factory login: a briefing silent on FTP is not graded on it.
    expect(run({ op: 'noKnownPasswords', passwords: ['ladder7'] }, withFtp(true, '')).ok).toBe(true);
  });
});

describe('filter minimality (§2-2-1)', () => {
  const check: PostureCheck = { op: 'filterAdmitsOnly', allowed: [{ ip: '192.168.250.0', mask: '255.255.255.192' }] };

  it('passes rules inside the allowed block, and an enabled empty table (it admits nobody)', () => {
    expect(run(check, state(filter(true, [{ ip: '192.168.250.21', mask: '255.255.255.255' }, { ip: '192.168.250.32', mask: '255.255.255.224' }]))).ok).toBe(true);
    expect(run(check, state(filter(true, []))).ok).toBe(true);
  });

  it('a filter set to Not use admits every address', () => {
    expect(run(check, state(filter(false, []))).reason).toMatch(/Not use, so it admits every address \(4,294,967,296 addresses\)/);
  });

  it('names the rule, how many addresses it adds, and one of them', () => {
    const r = run(check, state(filter(true, [{ ip: '192.168.250.0', mask: '255.255.255.0' }])));
    expect(r.reason).toMatch(/Rule 1 \(192\.168\.250\.0, mask 255\.255\.255\.0\) lets in 192 addresses the plant does not need, within 192\.168\.250\.0 to 192\.168\.250\.255, for example 192\.168\.250\.64/);
  });

  it('is exact for a non-contiguous mask (the unit refuses them; the check still counts right)', () => {
    // 192.168.x.0 for every x: 256 addresses, one of them (192.168.250.0) inside the allowed block.
    const r = run(check, state(filter(true, [{ ip: '192.168.0.0', mask: '255.255.0.255' }])));
    expect(r.reason).toMatch(/lets in 255 addresses the plant does not need, within 192\.168\.0\.0 with mask 255\.255\.0\.255/);
  });

  it('agrees with the unit: when the check passes, every address the unit lets through is in the allowed blocks', () => {
    const prefix = (n: number) => (n === 0 ? 0 : (0xffffffff << (32 - n)) >>> 0);
    // Rules and probes near 192.168.250.0, so they overlap the allowed /26 often.
    const near = fc.nat({ max: 1023 }).map((n) => (0xc0a8f800 + n) >>> 0);
    const rule = fc.tuple(near, fc.integer({ min: 20, max: 32 })).map(([ip, len]) => ({ ip: formatIPv4(ip), mask: formatIPv4(prefix(len)) }));
    const allowed = { ip: 0xc0a8fa00, mask: prefix(26) };
    fc.assert(
      fc.property(fc.array(rule, { maxLength: 4 }), fc.array(near, { minLength: 1, maxLength: 30 }), (rules, probes) => {
        const eip = { users: [], ports, filter: { enabled: true, rules } };
        const posture = run(check, state(eip));
        const admittedOutside = probes.some((p) => filterVerdict(eip, formatIPv4(p)).verdict === 'pass' && !matchesRule(p, allowed));
        if (posture.ok) expect(admittedOutside).toBe(false);
        if (admittedOutside) expect(posture.ok).toBe(false);
        if (!posture.ok) {
          // The example a failure names is one the unit really lets in, outside the allowed block.
          const example = /(?:for example|lets in) (\d+\.\d+\.\d+\.\d+)[,. ]/.exec(posture.reason)?.[1] ?? '';
          expect(filterVerdict(eip, example).verdict).toBe('pass');
          const parsed = parseIPv4(example);
          expect(parsed.ok && !matchesRule(parsed.value, allowed)).toBe(true);
        }
      }),
    );
  });

  it('fails without an EtherNet/IP Unit', () => {
    expect(run(check, state(null)).ok).toBe(false);
  });
});

describe('unused services closed (§2-2-2) and FINS exclusions (§2-5-3)', () => {
  it('names each service left in use that the plant does not need', () => {
    expect(run({ op: 'onlyServices', needed: ['finsTcp'] }, state(filter(false, []))).ok).toBe(true);
    const r = run({ op: 'onlyServices', needed: [] }, state(filter(false, [])));
    expect(r.reason).toMatch(/FINS\/TCP is still set to Use, but nothing in the plant needs it/);
    expect(run({ op: 'onlyServices', needed: [] }, state(null)).ok).toBe(false);
  });

  it('names an extra excluded node with its device', () => {
    expect(run({ op: 'onlyExcludedNodes', nodes: [21] }, state(null, [21])).ok).toBe(true);
    expect(run({ op: 'onlyExcludedNodes', nodes: [21] }, state(null, [])).ok).toBe(true);
    const r = run({ op: 'onlyExcludedNodes', nodes: [21] }, state(null, [21, 150]));
    expect(r.reason).toMatch(/FINS node 150 \(Rogue laptop\) is excluded from FINS write protection, so it may write; only node 21 should be/);
  });

  it('a check with says leads with it', () => {
    const r = run({ op: 'onlyExcludedNodes', nodes: [], says: 'no node is excluded' }, state(null, [21]));
    expect(r.reason).toMatch(/^no node is excluded: FINS node 21 \(HMI\)/);
  });
});
