import { describe, expect, it } from 'vitest';
import {
  checkFtpLogin,
  checkIpFilter,
  checkOperationAuthority,
  checkPort,
  checkSecureComm,
  checkUserAuth,
  DROPPED,
} from '../../../machines/eip/eip-checks.ts';
import { CPU_WRITE_OPERATIONS } from '../../../machines/cpu/cpu-checks.ts';
import { type EipView, eipViewFromSettings, outOfBoxSettings } from '../../../machines/eip/eip21s.machine.ts';
import type { EipSettings, NetworkProtocol, Operation, OperationKind, Request, Role, UserAccount } from '../../../machines/model.ts';
import { ROLES } from '../../../machines/model.ts';
import { mayPerform, OPERATION_KINDS, RIGHTS, RIGHTS_BASIS, rightsExplanation } from '../../../machines/eip/operation-authority.ts';

const USERS: UserAccount[] = [
  { name: 'ada', role: 'administrator', password: 'Adm1n-pass' },
  { name: 'dev', role: 'designer', password: 'Des1gn-pass' },
  { name: 'max', role: 'maintainer', password: 'Ma1nt-pass' },
  { name: 'olly', role: 'operator', password: 'Op3rator-pass' },
  { name: 'oscar', role: 'observer', password: 'Obs3rver-pass' },
];
const userOf = (role: Role) => USERS.find((u) => u.role === role) as UserAccount;

function view(settings: Partial<EipSettings> = {}): EipView {
  return eipViewFromSettings({ ...outOfBoxSettings(10), users: USERS, ...settings });
}

const READ_D100: Operation = { kind: 'memory.read', area: 'D', address: 100, count: 1 };

function fromNetwork(ip: string, protocol: NetworkProtocol, extra: Partial<Request> = {}): Request {
  return { from: { via: 'network', name: 'PC', ip }, protocol, operation: READ_D100, ...extra };
}

function secure(role: Role, operation: Operation): Request {
  const u = userOf(role);
  return fromNetwork('192.168.250.2', 'secure-comm', { operation, credentials: { user: u.name, password: u.password } });
}

/** One sample operation of every kind, so the rights table can be walked through real requests. */
const SAMPLE: Record<OperationKind, Operation> = {
  'controller.read': { kind: 'controller.read' },
  'memory.read': READ_D100,
  'memory.write': { kind: 'memory.write', area: 'D', address: 100, values: [1] },
  'parameters.read': { kind: 'parameters.read' },
  'parameters.write': { kind: 'parameters.write', settings: { cycleTime: 10 } },
  'program.read': { kind: 'program.read' },
  'program.write': { kind: 'program.write', program: { tasks: [], lotGuard: null } },
  'program.editTasks': { kind: 'program.editTasks', tasks: [] },
  'mode.set': { kind: 'mode.set', mode: 'PROGRAM' },
  'memory.clearAll': { kind: 'memory.clearAll' },
  'clock.read': { kind: 'clock.read' },
  'clock.write': { kind: 'clock.write', at: '2026-03-01T08:30:00' },
  'name.read': { kind: 'name.read' },
  'errorLog.read': { kind: 'errorLog.read' },
  'users.list': { kind: 'users.list' },
  'users.manage': { kind: 'users.manage' },
  'password.changeOwn': { kind: 'password.changeOwn', newPassword: 'Fresh-pass1' },
  'log.read': { kind: 'log.read' },
  'file.read': { kind: 'file.read', path: '/MEMCARD/a.cxp' },
  'file.write': { kind: 'file.write', path: '/MEMCARD/a.cxp' },
  'snmp.get': { kind: 'snmp.get' },
  'tags.exchange': { kind: 'tags.exchange' },
  'unit.restart': { kind: 'unit.restart' },
};

/** Every write: to the CPU Unit (as its checks count them) and to the unit itself. */
const WRITES: OperationKind[] = [...CPU_WRITE_OPERATIONS, 'file.write', 'users.manage', 'unit.restart'];

const ALL_CHECKS = { checkIpFilter, checkPort, checkSecureComm, checkUserAuth, checkOperationAuthority };

describe('every EIP21S check', () => {
  it.each(Object.entries(ALL_CHECKS))('%s is n/a for a local port: USB never passes through the unit', (_, check) => {
    const step = check(view({ filter: { enabled: true, rules: [] } }), { from: { via: 'usb', name: 'Laptop' }, operation: READ_D100 });
    expect(step.verdict).toBe('n/a');
    expect(step.reason).toMatch(/USB port, which never passes through the EtherNet\/IP Unit/);
  });

  it.each(Object.entries(ALL_CHECKS))('%s is n/a when the rack has no EIP21S', (_, check) => {
    const step = check(null, fromNetwork('192.168.250.77', 'fins-udp'));
    expect(step.verdict).toBe('n/a');
    expect(step.reason).toMatch(/no CS1W\/CJ1W-EIP21S/);
  });
});

describe('checkIpFilter (§2-2-1)', () => {
  const filtered = view({ filter: { enabled: true, rules: [{ ip: '192.168.250.2', mask: '255.255.255.255' }] } });

  it('§2-2-1 drops a packet from an unregistered source without any response', () => {
    const step = checkIpFilter(filtered, fromNetwork('192.168.250.77', 'fins-udp'));
    expect(step).toEqual({
      layer: 'network',
      source: 'ip-filter',
      verdict: 'block',
      section: '§2-2-1',
      reason: `192.168.250.77 matches no rule of the IP packet filter — ${DROPPED}.`,
    });
    expect(step.endCode).toBeUndefined();
  });

  it('§2-2-1 passes a registered source and names the rule', () => {
    const step = checkIpFilter(filtered, fromNetwork('192.168.250.2', 'fins-udp'));
    expect(step.verdict).toBe('pass');
    expect(step.reason).toMatch(/matches rule 1 \(192\.168\.250\.2 \/ 255\.255\.255\.255\)/);
  });

  it('§2-2-1 passes replies to the unit’s own requests and DNS answers', () => {
    expect(checkIpFilter(filtered, fromNetwork('10.9.9.9', 'fins-udp', { replyTo: 'udp' })).verdict).toBe('pass');
    expect(checkIpFilter(filtered, fromNetwork('10.9.9.53', 'dns')).verdict).toBe('pass');
  });

  it('§2-2-1 passes everything when the filter is set to Not use', () => {
    const off = view({ filter: { enabled: false, rules: [{ ip: '192.168.250.2', mask: '255.255.255.255' }] } });
    expect(checkIpFilter(off, fromNetwork('192.168.250.77', 'fins-udp')).verdict).toBe('pass');
  });
});

describe('checkPort (§2-2-2)', () => {
  it.each([
    ['fins-udp', 'finsUdp', /FINS\/UDP is set to Not use/],
    ['fins-tcp', 'finsTcp', /FINS\/TCP is set to Not use/],
    ['cip', 'cipMessageServer', /CIP message server is set to Not use/],
    ['ftp', 'ftpServer', /FTP server is set to Not use/],
    ['snmp', 'snmp', /SNMP is set to Not use/],
  ] as const)('§2-2-2 drops %s when its function is set to Not use', (protocol, port, reason) => {
    const closed = view({ ports: { ...outOfBoxSettings(10).ports, [port]: false } });
    const step = checkPort(closed, fromNetwork('192.168.250.2', protocol, { community: 'public' }));
    expect(step.verdict).toBe('block');
    expect(step.reason).toMatch(reason);
    expect(step.reason).toContain(DROPPED);
    expect(step.endCode).toBeUndefined();
    // Opening it again lets the same request through.
    expect(checkPort(view(), fromNetwork('192.168.250.2', protocol, { community: 'public' })).verdict).toBe('pass');
  });

  it('§2-2-2 closing the CIP message server also stops tag data links', () => {
    const closed = view({ ports: { ...outOfBoxSettings(10).ports, cipMessageServer: false } });
    const step = checkPort(closed, fromNetwork('192.168.250.20', 'cip-io', { operation: { kind: 'tags.exchange' } }));
    expect(step.verdict).toBe('block');
    expect(step.reason).toMatch(/Tag data links stop because the CIP message server is set to Not use/);
  });

  it('§2-2-2 SNMP answers only the right community name', () => {
    const unit = view({ snmpCommunity: 'plant-ro' });
    const ask = (community?: string) =>
      checkPort(unit, fromNetwork('192.168.250.30', 'snmp', { operation: { kind: 'snmp.get' }, ...(community ? { community } : {}) }));
    expect(ask('plant-ro').verdict).toBe('pass');
    expect(ask('public')).toMatchObject({ verdict: 'block', reason: expect.stringMatching(/community name "public", which does not match/) });
    expect(ask()).toMatchObject({ verdict: 'block', reason: expect.stringMatching(/no community name/) });
  });

  it('§2-2-2 application example: every function Not use still leaves Secure Comm reachable', () => {
    const locked = view({ ports: { cipMessageServer: false, finsUdp: false, finsTcp: false, ftpServer: false, snmp: false } });
    expect(checkPort(locked, secure('designer', READ_D100)).verdict).toBe('n/a');
    expect(checkPort(locked, fromNetwork('192.168.250.2', 'fins-tcp')).verdict).toBe('block');
  });
});

describe('checkFtpLogin (§1-6)', () => {
  const FILE: Operation = { kind: 'file.read', path: '/MEMCARD/RECIPE.CSV' };
  const ftp = (user: string, password: string) => fromNetwork('192.168.250.77', 'ftp', { operation: FILE, credentials: { user, password } });
  const unit = view({ ftpLogin: { user: 'CONFIDENTIAL', password: 'mixer2' } });

  it('§1-6 a wrong FTP password is refused in plain words, with no lock and no FINS end code', () => {
    const step = checkFtpLogin(unit, ftp('CONFIDENTIAL', 'guess'));
    expect(step).toMatchObject({ layer: 'network', source: 'ftp-login', verdict: 'block', section: '§1-6' });
    expect(step.reason).toMatch(/The FTP server refuses the login: wrong password for "CONFIDENTIAL"/);
    expect(step.reason).toMatch(/no password lock/);
    expect(step.endCode).toBeUndefined();
  });

  it('§1-6 the right login passes (names and passwords compared without case, an ASSUMPTION)', () => {
    expect(checkFtpLogin(unit, ftp('CONFIDENTIAL', 'mixer2')).verdict).toBe('pass');
    expect(checkFtpLogin(unit, ftp('confidential', 'MIXER2')).verdict).toBe('pass');
    expect(checkFtpLogin(unit, ftp('admin', 'mixer2')).reason).toMatch(/"admin" is not the FTP login name/);
    expect(checkFtpLogin(unit, fromNetwork('192.168.250.77', 'ftp', { operation: FILE })).reason).toMatch(/sent no login name/);
  });

  it('§1-6 the factory login needs no password: the name alone gets in', () => {
    const step = checkFtpLogin(view(), ftp('CONFIDENTIAL', ''));
    expect(step.verdict).toBe('pass');
    expect(step.reason).toMatch(/no password, as it left the factory/);
  });

  it('§1-6 other protocols and local ports do not meet the FTP login', () => {
    expect(checkFtpLogin(unit, fromNetwork('192.168.250.2', 'fins-udp')).verdict).toBe('n/a');
    expect(checkFtpLogin(unit, { from: { via: 'usb', name: 'Laptop' }, operation: FILE }).verdict).toBe('n/a');
    expect(checkFtpLogin(null, ftp('CONFIDENTIAL', 'mixer2')).verdict).toBe('n/a');
  });
});

describe('checkSecureComm (§2-1-1)', () => {
  it('§2-1-1 Secure Comm needs user authentication settings stored in the unit', () => {
    const empty = view({ users: [] });
    const step = checkSecureComm(empty, secure('designer', READ_D100));
    expect(step.verdict).toBe('block');
    expect(step.reason).toMatch(/needs user authentication settings stored in the unit/);
    expect(checkSecureComm(view(), secure('designer', READ_D100)).verdict).toBe('pass');
  });

  it('§2-1-1 FINS is not Secure Comm: the step says it travels in plain text', () => {
    const step = checkSecureComm(view(), fromNetwork('192.168.250.2', 'fins-udp'));
    expect(step.verdict).toBe('n/a');
    expect(step.reason).toMatch(/FINS\/UDP traffic is not Secure Comm: it travels in plain text/);
  });
});

describe('checkUserAuth (§2-3-1)', () => {
  it('§2-3-1 a registered user with the right password is authenticated with their role', () => {
    expect(checkUserAuth(view(), secure('maintainer', READ_D100))).toMatchObject({
      layer: 'device',
      verdict: 'pass',
      reason: 'Authentication OK: "max" is logged in as maintainer.',
    });
  });

  it('§2-3-1 an unknown user or wrong password is an authentication failure', () => {
    const unknown = fromNetwork('192.168.250.77', 'secure-comm', { credentials: { user: 'mallory', password: 'Adm1n-pass' } });
    expect(checkUserAuth(view(), unknown)).toMatchObject({ verdict: 'block', reason: expect.stringMatching(/^Authentication failure: no user named "mallory"/) });
    const wrong = fromNetwork('192.168.250.77', 'secure-comm', { credentials: { user: 'ada', password: 'Adm1n-pas' } });
    expect(checkUserAuth(view(), wrong)).toMatchObject({ verdict: 'block', reason: expect.stringMatching(/^Authentication failure: wrong password/) });
    const none = fromNetwork('192.168.250.77', 'secure-comm');
    expect(checkUserAuth(view(), none).verdict).toBe('block');
  });

  it('§2-3-1 plain FINS carries no user name, so nobody is authenticated — the request is not checked', () => {
    const step = checkUserAuth(view(), fromNetwork('192.168.250.77', 'fins-tcp', { operation: SAMPLE['program.write'] }));
    expect(step.verdict).toBe('n/a');
    expect(step.reason).toMatch(/FINS\/TCP carries no user name or password/);
  });
});

describe('operation authority (§2-4-1)', () => {
  it.each(ROLES)('§2-4-1 a %s is allowed exactly what the rights table grants, through the check', (role) => {
    for (const kind of OPERATION_KINDS) {
      const step = checkOperationAuthority(view(), secure(role, SAMPLE[kind]));
      expect(step.verdict, `${role} ${kind}`).toBe(mayPerform(role, kind) ? 'pass' : 'block');
      expect(step.layer).toBe('function');
      expect(step.section).toBe('§2-4-1');
    }
  });

  it('§2-4-1 an operator can read data but never write to the PLC', () => {
    for (const kind of ['controller.read', 'memory.read', 'program.read', 'clock.read'] as const) expect(mayPerform('operator', kind)).toBe(true);
    for (const kind of WRITES) expect(mayPerform('operator', kind), kind).toBe(false);
    const step = checkOperationAuthority(view(), secure('operator', SAMPLE['memory.write']));
    expect(step.reason).toMatch(/"olly" is an operator: operators may not write I\/O memory/);
  });

  it('§2-4-1 only an administrator may add and delete users or change authority', () => {
    expect(ROLES.filter((r) => mayPerform(r, 'users.manage'))).toEqual(['administrator']);
  });

  it('§2-4-1 a designer checks the user list; operators and observers cannot', () => {
    expect(ROLES.filter((r) => mayPerform(r, 'users.list'))).toEqual(['administrator', 'designer']);
  });

  it('§2-4-1 every role may change its own password (§1-6 asks all users to)', () => {
    expect(ROLES.every((r) => mayPerform(r, 'password.changeOwn'))).toBe(true);
  });

  it('§2-4-1 a designer may write the program; the administrator may do everything a designer may', () => {
    expect(mayPerform('designer', 'program.write')).toBe(true);
    for (const kind of RIGHTS.designer) expect(mayPerform('administrator', kind)).toBe(true);
  });

  it('§2-4-1 ASSUMPTION: "almost all" leaves out Restart Unit over the network for every role (§4-1-2 uses a local port)', () => {
    expect(ROLES.some((r) => mayPerform(r, 'unit.restart'))).toBe(false);
  });

  it('§2-4-1 ASSUMPTION: roles nest, each lower one a subset of the one above', () => {
    for (let i = 1; i < ROLES.length; i++) {
      const upper = RIGHTS[ROLES[i - 1] as Role];
      for (const kind of RIGHTS[ROLES[i] as Role]) expect(upper.has(kind), `${ROLES[i]} ${kind}`).toBe(true);
    }
    expect(mayPerform('maintainer', 'memory.write')).toBe(true);
    expect(mayPerform('maintainer', 'program.write')).toBe(false);
    expect(mayPerform('observer', 'program.read')).toBe(false);
  });

  it('§2-4-1 explanations say which roles are the simulator’s assumption', () => {
    for (const role of ROLES) {
      expect(rightsExplanation(role).includes('assumption')).toBe(RIGHTS_BASIS[role] === 'assumption');
    }
    expect(rightsExplanation('operator')).toMatch(/never write/);
  });

  it('§2-4-1 plain FINS requests are not checked against any role', () => {
    const step = checkOperationAuthority(view(), fromNetwork('192.168.250.77', 'fins-udp', { operation: SAMPLE['program.write'] }));
    expect(step.verdict).toBe('n/a');
    expect(step.reason).toMatch(/carry no user, so no operation authority is checked/);
  });

  it('§2-4-1 without a valid log-in there is no authority', () => {
    const request = fromNetwork('192.168.250.77', 'secure-comm', { credentials: { user: 'ada', password: 'nope' } });
    expect(checkOperationAuthority(view(), request).verdict).toBe('block');
  });
});
