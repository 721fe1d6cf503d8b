import fc from 'fast-check';
import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { eipEventsFor } from '../../../machines/eip/eip-effects.ts';
import {
  clockCorrection,
  type Eip21sEvent,
  eip21sMachine,
  eipView,
  eipViewFromSettings,
  FACTORY_FTP_LOGIN,
  FILTER_TABLE_SIZE,
  filterVerdict,
  LOG_CAPACITY,
  lockoutWarning,
  type OperationLogEntry,
  outOfBoxSettings,
  settingsOf,
  validateEipSettings,
} from '../../../machines/eip/eip21s.machine.ts';
import { formatIPv4 } from '../../../machines/eip/ip-address.ts';
import type { EipSettings, FilterRule, Request, UserAccount } from '../../../machines/model.ts';

const ADA: UserAccount = { name: 'ada', role: 'administrator', password: 'Adm1n-pass' };
const DEV: UserAccount = { name: 'dev', role: 'designer', password: 'Des1gn-pass' };
const OLLY: UserAccount = { name: 'olly', role: 'operator', password: 'Op3rator-pass' };
const NOW = '2026-03-01T08:30:00';

function start(settings: Partial<EipSettings> = {}) {
  return createActor(eip21sMachine, { input: { model: 'CJ1W-EIP21S', settings: { ...outOfBoxSettings(10), ...settings } } }).start();
}

type Actor = ReturnType<typeof start>;

/** Sends an event that must be refused: only `lastError` may change. */
function expectRefused(actor: Actor, event: Eip21sEvent, reason: RegExp) {
  const before = actor.getSnapshot();
  actor.send(event);
  const after = actor.getSnapshot();
  expect(after.context.lastError).toMatch(reason);
  expect(after.value).toEqual(before.value);
  expect({ ...after.context, lastError: null }).toEqual({ ...before.context, lastError: null });
}

const entry = (n: number): OperationLogEntry => ({
  at: `2026-03-01T08:${String(n % 60).padStart(2, '0')}:00`,
  ip: '192.168.250.2',
  user: 'ada',
  operation: 'memory.read',
  result: 'success',
  detail: `#${n}`,
});

describe('user authentication settings (§2-3-1)', () => {
  it('§2-1-1 out of the box no users are stored, so Secure Comm is unavailable', () => {
    const view = eipView(start().getSnapshot());
    expect(view.userAuth).toBe('noUsers');
    expect(view.secureCommAvailable).toBe(false);
  });

  it('§2-3-1 the first user must be an administrator', () => {
    const unit = start();
    expectRefused(unit, { type: 'users.added', user: OLLY }, /first user .* administrator/);
    unit.send({ type: 'users.added', user: ADA });
    const view = eipView(unit.getSnapshot());
    expect(view.userAuth).toBe('administered');
    expect(view.secureCommAvailable).toBe(true);
    expect(view.lastError).toBeNull();
  });

  it('§1-6 a short password is refused with the fix, and nothing changes', () => {
    const unit = start({ users: [ADA] });
    expectRefused(unit, { type: 'users.added', user: { name: 'eve', role: 'operator', password: 'Ab1!' } }, /too short \(4 characters\): use at least 8/);
  });

  it('§2-3-1 a duplicate user name is refused', () => {
    const unit = start({ users: [ADA] });
    expectRefused(unit, { type: 'users.added', user: { ...OLLY, name: 'ADA' } }, /"ADA" is already registered/);
  });

  it('§2-3-1 removing, re-roling or re-passwording an unknown user is refused', () => {
    const unit = start({ users: [ADA] });
    expectRefused(unit, { type: 'users.removed', name: 'ghost' }, /No user named "ghost".*registered: ada/);
    expectRefused(unit, { type: 'users.roleChanged', name: 'ghost', role: 'designer' }, /No user named "ghost"/);
    expectRefused(unit, { type: 'users.passwordChanged', name: 'ghost', password: 'Fresh-pass1' }, /No user named "ghost"/);
  });

  it('§2-3-1 a user name with spaces is refused', () => {
    const unit = start({ users: [ADA] });
    expectRefused(unit, { type: 'users.added', user: { ...OLLY, name: 'olly smith' } }, /not allowed: use 1–32 letters/);
  });

  it('§2-3-1 a weak new password is refused; a strong one is stored', () => {
    const unit = start({ users: [ADA, OLLY] });
    expectRefused(unit, { type: 'users.passwordChanged', name: 'olly', password: 'password' }, /too few kinds/);
    unit.send({ type: 'users.passwordChanged', name: 'olly', password: 'N3w-secret' });
    expect(unit.getSnapshot().context.users.find((u) => u.name === 'olly')?.password).toBe('N3w-secret');
  });

  it('§2-3-1 authentication succeeds with the right password and opens a session for that IP with the role', () => {
    const unit = start({ users: [ADA, DEV] });
    unit.send({ type: 'auth.attempted', ip: '192.168.250.2', user: 'dev', password: 'Des1gn-pass', at: NOW });
    const view = eipView(unit.getSnapshot());
    expect(view.lastAuth).toEqual({ ok: true, ip: '192.168.250.2', user: 'dev', role: 'designer', at: NOW });
    expect(view.sessions['192.168.250.2']).toEqual({ user: 'dev', role: 'designer', openedAt: NOW });
  });

  it('§2-3-1 a wrong password or unknown user is an authentication failure and opens nothing', () => {
    const unit = start({ users: [ADA] });
    unit.send({ type: 'auth.attempted', ip: '192.168.250.77', user: 'ada', password: 'guess', at: NOW });
    expect(unit.getSnapshot().context.lastAuth).toMatchObject({ ok: false, reason: 'authentication failure: wrong password for "ada"' });
    unit.send({ type: 'auth.attempted', ip: '192.168.250.77', user: 'mallory', password: 'guess', at: NOW });
    expect(unit.getSnapshot().context.lastAuth).toMatchObject({ ok: false, reason: expect.stringMatching(/no user named "mallory"/) });
    expect(unit.getSnapshot().context.sessions).toEqual({});
  });

  it('§2-1-1 with no users stored an authentication attempt fails', () => {
    const unit = start();
    unit.send({ type: 'auth.attempted', ip: '192.168.250.2', user: 'ada', password: 'Adm1n-pass', at: NOW });
    expect(unit.getSnapshot().context.lastAuth).toMatchObject({ ok: false, reason: expect.stringMatching(/no user authentication settings/) });
  });

  it('§2-3-1 removing a user closes their sessions; changing a role makes them log in again', () => {
    const unit = start({ users: [ADA, DEV, OLLY] });
    unit.send({ type: 'auth.attempted', ip: '192.168.250.3', user: 'dev', password: 'Des1gn-pass', at: NOW });
    unit.send({ type: 'auth.attempted', ip: '192.168.250.4', user: 'olly', password: 'Op3rator-pass', at: NOW });
    unit.send({ type: 'users.roleChanged', name: 'dev', role: 'observer' });
    expect(Object.keys(unit.getSnapshot().context.sessions)).toEqual(['192.168.250.4']);
    unit.send({ type: 'users.removed', name: 'olly' });
    expect(unit.getSnapshot().context.sessions).toEqual({});
    expect(unit.getSnapshot().context.users.map((u) => `${u.name}:${u.role}`)).toEqual(['ada:administrator', 'dev:observer']);
  });

  it('§2-3-1 removing one of two administrators keeps user management possible', () => {
    const unit = start({ users: [ADA, { ...DEV, role: 'administrator' }] });
    unit.send({ type: 'users.removed', name: 'ada' });
    expect(eipView(unit.getSnapshot()).userAuth).toBe('administered');
  });

  it('§2-3-1 when the last administrator is removed, user management is impossible until Restart Unit to out-of-box', () => {
    const unit = start({ users: [ADA, DEV, OLLY] });
    unit.send({ type: 'users.removed', name: 'ada' });
    expect(eipView(unit.getSnapshot()).userAuth).toBe('noAdministrator');

    expectRefused(unit, { type: 'users.added', user: { ...ADA, name: 'ada2' } }, /No user has administrator authority.*Restart Unit/);
    expectRefused(unit, { type: 'users.roleChanged', name: 'dev', role: 'administrator' }, /No user has administrator authority/);
    expectRefused(unit, { type: 'users.removed', name: 'olly' }, /No user has administrator authority/);

    // Remaining users still log in over Secure Comm and may change their own password.
    unit.send({ type: 'auth.attempted', ip: '192.168.250.3', user: 'dev', password: 'Des1gn-pass', at: NOW });
    expect(unit.getSnapshot().context.lastAuth?.ok).toBe(true);
    unit.send({ type: 'users.passwordChanged', name: 'dev', password: 'Fresh-Des1gn' });
    expect(unit.getSnapshot().context.lastError).toBeNull();

    // Cycling power does not bring an administrator back.
    unit.send({ type: 'unit.restarted', outOfBox: false });
    expect(eipView(unit.getSnapshot()).userAuth).toBe('noAdministrator');

    // §4-1-2: only the out-of-box restart recovers, and it erases every user.
    unit.send({ type: 'unit.restarted', outOfBox: true });
    const view = eipView(unit.getSnapshot());
    expect(view.userAuth).toBe('noUsers');
    expect(view.users).toEqual([]);
    unit.send({ type: 'users.added', user: ADA });
    expect(eipView(unit.getSnapshot()).userAuth).toBe('administered');
  });

  it('§2-3-1 demoting the last administrator also locks user management', () => {
    const unit = start({ users: [ADA, DEV] });
    unit.send({ type: 'users.roleChanged', name: 'ada', role: 'designer' });
    expect(eipView(unit.getSnapshot()).userAuth).toBe('noAdministrator');
  });

  it('§2-3-1 deleting the only user does not return the unit to out-of-box: a plain restart stays locked', () => {
    const unit = start({ users: [ADA] });
    unit.send({ type: 'users.removed', name: 'ada' });
    unit.send({ type: 'unit.restarted', outOfBox: false });
    const view = eipView(unit.getSnapshot());
    expect(view.userAuth).toBe('noAdministrator');
    expect(view.secureCommAvailable).toBe(false);
  });

  it('§2-3-1 a unit configured without an administrator starts locked', () => {
    expect(eipViewFromSettings({ ...outOfBoxSettings(10), users: [DEV] }).userAuth).toBe('noAdministrator');
  });
});

describe('IP packet filter (§2-2-1)', () => {
  const NODE_A = { ip: '192.168.250.2', mask: '255.255.255.255' };
  const NODE_B = { ip: '192.168.250.3', mask: '255.255.255.255' };

  it('§2-2-1 switching the filter off and on keeps the rule table', () => {
    const unit = start();
    unit.send({ type: 'filter.ruleAdded', rule: NODE_A });
    unit.send({ type: 'filter.ruleAdded', rule: NODE_B });
    unit.send({ type: 'filter.enabled' });
    expect(unit.getSnapshot().value).toMatchObject({ filter: 'used' });
    unit.send({ type: 'filter.disabled' });
    expect(unit.getSnapshot().value).toMatchObject({ filter: 'notUsed' });
    expect(unit.getSnapshot().context.filter).toEqual({ enabled: false, rules: [NODE_A, NODE_B] });
    unit.send({ type: 'filter.enabled' });
    expect(unit.getSnapshot().context.filter).toEqual({ enabled: true, rules: [NODE_A, NODE_B] });
  });

  it('§2-2-1 property: any sequence of Not use / Use leaves the exact rule table in place', () => {
    const ruleArb = fc
      .tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 8, max: 32 }))
      .map(([ip, len]): FilterRule => {
        const mask = (0xffffffff << (32 - len)) >>> 0;
        return { ip: formatIPv4((ip & mask) >>> 0), mask: formatIPv4(mask) };
      });
    const tableArb = fc.uniqueArray(ruleArb, { maxLength: FILTER_TABLE_SIZE, selector: (r) => `${r.ip}/${r.mask}` });
    fc.assert(
      fc.property(tableArb, fc.array(fc.boolean(), { maxLength: 8 }), (rules, toggles) => {
        const unit = start();
        for (const rule of rules) unit.send({ type: 'filter.ruleAdded', rule });
        expect(unit.getSnapshot().context.filter.rules).toEqual(rules);
        for (const on of toggles) unit.send({ type: on ? 'filter.enabled' : 'filter.disabled' });
        unit.send({ type: 'filter.disabled' });
        unit.send({ type: 'filter.enabled' });
        expect(unit.getSnapshot().context.filter).toEqual({ enabled: true, rules });
        unit.stop();
      }),
      { numRuns: 50 },
    );
  });

  it('§2-2-1 an invalid address, a non-contiguous mask, a duplicate or a missing rule is refused', () => {
    const unit = start({ filter: { enabled: true, rules: [{ ip: '192.168.250.0', mask: '255.255.255.0' }] } });
    expectRefused(unit, { type: 'filter.ruleAdded', rule: { ip: '192.168.250.300', mask: '255.255.255.255' } }, /^Filter rule IP address .*0–255/);
    expectRefused(unit, { type: 'filter.ruleAdded', rule: { ip: '192.168.250.2', mask: '255.0.255.0' } }, /^Filter rule mask .*not contiguous/);
    expectRefused(unit, { type: 'filter.ruleAdded', rule: { ip: '192.168.250.0', mask: '255.255.255.0' } }, /Rule 1 .* already admits/);
    // Same network written with a host part: it admits the same addresses, so it is a duplicate too.
    expectRefused(unit, { type: 'filter.ruleAdded', rule: { ip: '192.168.250.9', mask: '255.255.255.0' } }, /Rule 1/);
    expectRefused(unit, { type: 'filter.ruleRemoved', rule: NODE_A }, /No rule 192\.168\.250\.2 \/ 255\.255\.255\.255/);
  });

  it(`§2-2-1 the table holds ${FILTER_TABLE_SIZE} rules (ASSUMPTION) and says so when full`, () => {
    const rules = Array.from({ length: FILTER_TABLE_SIZE }, (_, i) => ({ ip: `10.0.0.${i + 1}`, mask: '255.255.255.255' }));
    const unit = start({ filter: { enabled: false, rules } });
    expectRefused(unit, { type: 'filter.ruleAdded', rule: NODE_A }, /table is full/);
  });

  it('§2-2-1 removing a rule leaves the others in order', () => {
    const unit = start({ filter: { enabled: true, rules: [NODE_A, NODE_B] } });
    unit.send({ type: 'filter.ruleRemoved', rule: NODE_A });
    expect(unit.getSnapshot().context.filter.rules).toEqual([NODE_B]);
  });

  it('§2-2-1 with the filter on, only registered sources pass; the reason names the rule', () => {
    const view = eipViewFromSettings({ ...outOfBoxSettings(10), filter: { enabled: true, rules: [NODE_A, NODE_B] } });
    expect(filterVerdict(view, '192.168.250.3')).toMatchObject({ verdict: 'pass', basis: 'rule', ruleIndex: 1 });
    const blocked = filterVerdict(view, '192.168.250.77', { protocol: 'fins-udp' });
    expect(blocked).toMatchObject({ verdict: 'block', basis: 'no-rule' });
    expect(blocked.reason).toBe('192.168.250.77 matches no rule of the IP packet filter.');
  });

  it('§2-2-1 with the filter off, everything passes whatever the table holds', () => {
    const view = eipViewFromSettings({ ...outOfBoxSettings(10), filter: { enabled: false, rules: [NODE_A] } });
    expect(filterVerdict(view, '192.168.250.77').verdict).toBe('pass');
  });

  it('§2-2-1 stateful inspection lets replies to the unit’s own TCP, UDP and ICMP requests in without a rule', () => {
    const view = eipViewFromSettings({ ...outOfBoxSettings(10), filter: { enabled: true, rules: [NODE_A] } });
    for (const replyTo of ['tcp', 'udp', 'icmp'] as const) {
      expect(filterVerdict(view, '10.1.1.1', { replyTo })).toMatchObject({ verdict: 'pass', basis: 'stateful-reply' });
    }
    expect(filterVerdict(view, '10.1.1.1', { protocol: 'fins-tcp' }).verdict).toBe('block');
  });

  it('§2-2-1 DNS and SNTP client traffic is exempt from the filter', () => {
    const view = eipViewFromSettings({ ...outOfBoxSettings(10), filter: { enabled: true, rules: [] } });
    expect(filterVerdict(view, '10.1.1.53', { protocol: 'dns' })).toMatchObject({ verdict: 'pass', basis: 'client-exempt' });
    expect(filterVerdict(view, '10.1.1.123', { protocol: 'sntp' })).toMatchObject({ verdict: 'pass', basis: 'client-exempt' });
    expect(filterVerdict(view, '10.1.1.123', { protocol: 'snmp' }).verdict).toBe('block');
  });

  it('§2-2-1 warns before enabling a filter that would lock out the engineering PCs', () => {
    const settings = { filter: { enabled: false, rules: [NODE_A] } };
    const warning = lockoutWarning(settings, ['192.168.250.2', '192.168.250.10']);
    expect(warning?.blocked).toEqual(['192.168.250.10']);
    expect(warning?.message).toMatch(/cut off 192\.168\.250\.10: add a rule/);
    expect(lockoutWarning(settings, ['192.168.250.2'])).toBeNull();
    expect(lockoutWarning({ filter: { enabled: false, rules: [] } }, ['192.168.250.2'])?.message).toMatch(/table is empty/);
  });
});

describe('ports and SNMP (§2-2-2)', () => {
  it('§2-2-2 each TCP/IP function can be set to Not use and back', () => {
    const unit = start();
    unit.send({ type: 'ports.set', port: 'finsUdp', use: false });
    expect(unit.getSnapshot().context.ports).toEqual({ ...outOfBoxSettings(10).ports, finsUdp: false });
    unit.send({ type: 'ports.set', port: 'finsUdp', use: true });
    expect(unit.getSnapshot().context.ports.finsUdp).toBe(true);
  });

  it('§2-2-2 an unknown port is refused', () => {
    expectRefused(start(), { type: 'ports.set', port: 'telnet' as 'snmp', use: false }, /Port "telnet" does not exist/);
  });

  it('§2-2-2 the SNMP community name can be changed; an empty one is refused', () => {
    const unit = start();
    unit.send({ type: 'snmp.communitySet', community: 'plant-ro' });
    expect(unit.getSnapshot().context.snmpCommunity).toBe('plant-ro');
    expectRefused(unit, { type: 'snmp.communitySet', community: '' }, /community name must be 1–32/);
  });
});

describe('the FTP server login (§1-6)', () => {
  it('§1-6 ASSUMPTION: a unit out of the box has the factory FTP login, name "CONFIDENTIAL" and no password', () => {
    expect(FACTORY_FTP_LOGIN).toEqual({ user: 'CONFIDENTIAL', password: '' });
    expect(start().getSnapshot().context.ftpLogin).toEqual(FACTORY_FTP_LOGIN);
    const { ftpLogin: _none, ...withoutLogin } = outOfBoxSettings(10);
    expect(eipViewFromSettings(withoutLogin).ftpLogin).toEqual(FACTORY_FTP_LOGIN);
  });

  it('§1-6 the FTP login can be changed, is kept in the settings, and goes back to the factory login on an out-of-box restart', () => {
    const unit = start();
    unit.send({ type: 'ftp.loginSet', login: { user: 'line2', password: 'Mx7-rq2k' } });
    expect(unit.getSnapshot().context.lastError).toBeNull();
    expect(settingsOf(unit.getSnapshot().context).ftpLogin).toEqual({ user: 'line2', password: 'Mx7-rq2k' });
    unit.send({ type: 'unit.restarted', outOfBox: false });
    expect(unit.getSnapshot().context.ftpLogin).toEqual({ user: 'line2', password: 'Mx7-rq2k' });
    unit.send({ type: 'unit.restarted', outOfBox: true });
    expect(unit.getSnapshot().context.ftpLogin).toEqual(FACTORY_FTP_LOGIN);
  });

  it('§1-6 an FTP login the server cannot store is refused with the field and the fix', () => {
    const unit = start();
    expectRefused(unit, { type: 'ftp.loginSet', login: { user: 'CONFIDENTIAL', password: 'nine-char' } }, /FTP password is not allowed: use at most 8/);
    expectRefused(unit, { type: 'ftp.loginSet', login: { user: 'a name with spaces', password: '' } }, /FTP login name "a name with spaces" is not allowed/);
    expect(unit.getSnapshot().context.ftpLogin).toEqual(FACTORY_FTP_LOGIN);
    expect(validateEipSettings({ ...outOfBoxSettings(10), ftpLogin: { user: '', password: '' } })).toEqual([
      expect.stringMatching(/FTP login name "" is not allowed/),
    ]);
  });
});

describe('operation log and clock (§2-6-1)', () => {
  it(`§2-6-1 the log keeps the newest ${LOG_CAPACITY} entries (ASSUMPTION)`, () => {
    const unit = start({ users: [ADA] });
    for (let n = 1; n <= LOG_CAPACITY + 1; n++) unit.send({ type: 'log.recorded', entry: entry(n) });
    const log = unit.getSnapshot().context.log;
    expect(log).toHaveLength(LOG_CAPACITY);
    expect(log[0]?.detail).toBe('#2');
    expect(log.at(-1)?.detail).toBe(`#${LOG_CAPACITY + 1}`);
  });

  it('§2-6-1 a log entry without a valid time or address is refused', () => {
    const unit = start({ users: [ADA] });
    expectRefused(unit, { type: 'log.recorded', entry: { ...entry(1), at: 'yesterday' } }, /not an ISO date-time/);
    expectRefused(unit, { type: 'log.recorded', entry: { ...entry(1), ip: '300.1.1.1' } }, /Log entry IP address/);
  });

  it('§2-6-1 automatic clock adjustment hands the CPU the SNTP time, once per answer', () => {
    const unit = start();
    expectRefused(unit, { type: 'clock.sntpReplied', serverTime: NOW }, /not used: enable it/);
    expectRefused(unit, { type: 'clock.autoAdjustSet', enabled: true, server: 'ntp.plant' }, /SNTP server address/);
    unit.send({ type: 'clock.autoAdjustSet', enabled: true, server: '192.168.250.123' });
    expect(clockCorrection(eipView(unit.getSnapshot()))).toBeNull();
    unit.send({ type: 'clock.sntpReplied', serverTime: NOW });
    expect(clockCorrection(eipView(unit.getSnapshot()))).toEqual({ at: `${NOW}Z`, seq: 1 });
    unit.send({ type: 'clock.sntpReplied', serverTime: '2026-03-01T09:00:00' });
    expect(clockCorrection(unit.getSnapshot().context)).toEqual({ at: '2026-03-01T09:00:00Z', seq: 2 });
    unit.send({ type: 'clock.autoAdjustSet', enabled: false, server: '' });
    expect(clockCorrection(unit.getSnapshot().context)).toBeNull();
  });
});

describe('Restart Unit (§4-1-2)', () => {
  it('§4-1-2 restarting to the out-of-box configuration erases users, filter, ports, log and sessions', () => {
    const unit = start({
      ip: '10.0.0.5',
      users: [ADA, OLLY],
      filter: { enabled: true, rules: [{ ip: '10.0.0.0', mask: '255.0.0.0' }] },
      ports: { cipMessageServer: false, finsUdp: false, finsTcp: false, ftpServer: false, snmp: false },
      snmpCommunity: 'secret-ro',
    });
    unit.send({ type: 'auth.attempted', ip: '10.0.0.2', user: 'ada', password: 'Adm1n-pass', at: NOW });
    unit.send({ type: 'log.recorded', entry: entry(1) });
    unit.send({ type: 'clock.autoAdjustSet', enabled: true, server: '10.0.0.123' });
    unit.send({ type: 'unit.restarted', outOfBox: true });
    const snapshot = unit.getSnapshot();
    expect(snapshot.value).toEqual({ userAuth: 'noUsers', filter: 'notUsed' });
    expect(settingsOf(snapshot.context)).toEqual(outOfBoxSettings(10));
    expect(snapshot.context.log).toEqual([]);
    expect(snapshot.context.sessions).toEqual({});
    expect(snapshot.context.clock.enabled).toBe(false);
  });

  it('§4-1-2 a plain restart keeps every setting and the log but ends the sessions', () => {
    const settings = { ...outOfBoxSettings(10), users: [ADA], filter: { enabled: true, rules: [{ ip: '10.0.0.0', mask: '255.0.0.0' }] } };
    const unit = start(settings);
    unit.send({ type: 'auth.attempted', ip: '10.0.0.2', user: 'ada', password: 'Adm1n-pass', at: NOW });
    unit.send({ type: 'log.recorded', entry: entry(1) });
    unit.send({ type: 'unit.restarted', outOfBox: false });
    const snapshot = unit.getSnapshot();
    expect(snapshot.value).toEqual({ userAuth: 'administered', filter: 'used' });
    expect(settingsOf(snapshot.context)).toEqual(settings);
    expect(snapshot.context.log).toHaveLength(1);
    expect(snapshot.context.sessions).toEqual({});
  });
});

describe('validateEipSettings', () => {
  it('lists every problem of imported settings, naming the item', () => {
    const problems = validateEipSettings({
      ...outOfBoxSettings(10),
      ip: '192.168.250',
      users: [ADA, { ...OLLY, password: 'short' }, { ...DEV, name: 'ada' }],
      filter: { enabled: true, rules: [{ ip: '10.0.0.1', mask: '255.255.0.255' }] },
    });
    expect(problems).toEqual([
      expect.stringMatching(/^Unit IP address/),
      expect.stringMatching(/^User 2: Password is too short/),
      expect.stringMatching(/^User 3: User name "ada" is already registered/),
      expect.stringMatching(/^Filter rule 1: Filter rule mask .* not contiguous/),
    ]);
    expect(validateEipSettings({ ...outOfBoxSettings(10), users: [ADA] })).toEqual([]);
  });
});

describe('effects of requests on the unit (§2-6-1, §2-3-1, §4-1-2)', () => {
  const PC = { via: 'network', name: 'Engineering PC', ip: '192.168.250.2' } as const;
  const secure = (user: UserAccount | { name: string; password: string }, operation: Request['operation']): Request => ({
    from: PC,
    protocol: 'secure-comm',
    operation,
    credentials: { user: user.name, password: user.password },
  });
  const apply = (unit: Actor, events: Eip21sEvent[]) => {
    for (const e of events) unit.send(e);
  };

  it('§2-6-1 an allowed Secure Comm operation is logged with the CPU time, IP, user, operation and result', () => {
    const unit = start({ users: [ADA, OLLY] });
    const events = eipEventsFor(secure(OLLY, { kind: 'memory.read', area: 'D', address: 100, count: 1 }), { allowed: true }, NOW);
    apply(unit, events);
    expect(unit.getSnapshot().context.log).toEqual([
      { at: NOW, ip: '192.168.250.2', user: 'olly', operation: 'memory.read', result: 'success' },
    ]);
    expect(unit.getSnapshot().context.sessions['192.168.250.2']?.role).toBe('operator');
  });

  it('§2-6-1 a refused operation is logged as a failure with the reason', () => {
    const unit = start({ users: [ADA, OLLY] });
    const request = secure(OLLY, { kind: 'memory.write', area: 'D', address: 100, values: [1] });
    apply(unit, eipEventsFor(request, { allowed: false, blockedAt: 'operation-authority' }, NOW));
    expect(unit.getSnapshot().context.log).toEqual([
      { at: NOW, ip: '192.168.250.2', user: 'olly', operation: 'memory.write', result: 'failure', detail: 'write I/O memory: no operation authority' },
    ]);
  });

  it('§2-6-1 a failed log-in is logged (ASSUMPTION) and opens no session', () => {
    const unit = start({ users: [ADA] });
    const request = secure({ name: 'ada', password: 'guess' }, { kind: 'program.read' });
    apply(unit, eipEventsFor(request, { allowed: false, blockedAt: 'user-auth' }, NOW));
    const c = unit.getSnapshot().context;
    expect(c.log).toEqual([
      { at: NOW, ip: '192.168.250.2', user: 'ada', operation: 'authentication', result: 'failure', detail: 'authentication failure' },
    ]);
    expect(c.sessions).toEqual({});
  });

  it('§2-6-1 plain FINS and packets dropped before the unit leave no log entry', () => {
    const fins: Request = { from: PC, protocol: 'fins-udp', operation: { kind: 'memory.write', area: 'D', address: 0, values: [1] } };
    expect(eipEventsFor(fins, { allowed: true }, NOW)).toEqual([]);
    const dropped = secure(ADA, { kind: 'program.read' });
    expect(eipEventsFor(dropped, { allowed: false, blockedAt: 'ip-filter' }, NOW)).toEqual([]);
    expect(eipEventsFor(dropped, { allowed: false, blockedAt: 'secure-comm' }, NOW)).toEqual([]);
  });

  it('§2-3-1 an administrator adds a user with the User Management Tool; the log says who was added', () => {
    const unit = start({ users: [ADA] });
    const request = secure(ADA, { kind: 'users.manage', change: { action: 'add', user: DEV } });
    apply(unit, eipEventsFor(request, { allowed: true }, NOW));
    const c = unit.getSnapshot().context;
    expect(c.users.map((u) => u.name)).toEqual(['ada', 'dev']);
    expect(c.log.at(-1)).toMatchObject({ operation: 'users.manage', result: 'success', detail: 'add user "dev" as designer' });
  });

  it('§1-6 a weak new own password is logged as a failure and not stored', () => {
    const unit = start({ users: [ADA, OLLY] });
    apply(unit, eipEventsFor(secure(OLLY, { kind: 'password.changeOwn', newPassword: 'abc' }), { allowed: true }, NOW));
    const c = unit.getSnapshot().context;
    expect(c.users.find((u) => u.name === 'olly')?.password).toBe(OLLY.password);
    expect(c.log.at(-1)).toMatchObject({ operation: 'password.changeOwn', result: 'failure', detail: expect.stringMatching(/too short/) });
    apply(unit, eipEventsFor(secure(OLLY, { kind: 'password.changeOwn', newPassword: 'Better-pass9' }), { allowed: true }, NOW));
    expect(unit.getSnapshot().context.users.find((u) => u.name === 'olly')?.password).toBe('Better-pass9');
  });

  it('§4-1-2 Restart Unit from the CPU Unit’s USB port returns the unit to out-of-box', () => {
    const unit = start({ users: [ADA] });
    const request: Request = { from: { via: 'usb', name: 'Laptop on USB' }, operation: { kind: 'unit.restart' } };
    const events = eipEventsFor(request, { allowed: true }, NOW);
    expect(events).toEqual([{ type: 'unit.restarted', outOfBox: true }]);
    apply(unit, events);
    expect(eipView(unit.getSnapshot()).userAuth).toBe('noUsers');
  });
});
