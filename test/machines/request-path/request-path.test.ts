/**
 * The request path as a learner replays traffic: requests go through `createRack(...).send(...)`
 * and the tests look at what comes back (allowed, where it stopped, the end code, the data) and
 * at what changed in the units. Each guideline behaviour names its section.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeTimestamp } from '../../../machines/cpu/bcd.ts';
import { readWords } from '../../../machines/cpu/cpu-hardware.ts';
import type { MemoryReadResult } from '../../../machines/cpu/cpu-effects.ts';
import { formatIPv4 } from '../../../machines/eip/ip-address.ts';
import { type FilterRule, type Operation, type Outcome, REQUEST_LAYERS, type Request } from '../../../machines/model.ts';
import { evaluate, REQUEST_PATH } from '../../../machines/request-path/request-path.ts';
import type { Rack } from '../../../machines/request-path/rack.ts';
import {
  ADA,
  DEV,
  editedProgram,
  ENGINEERING_PC,
  fins,
  LOT,
  OLLY,
  OPERATOR_PC,
  PROGRAM,
  READ_D100,
  ROGUE_LAPTOP,
  rack as buildRack,
  SCADA,
  secure,
  START_CLOCK,
  USB_CABLE,
  WRITE_D100,
} from '../rack-fixtures.ts';
import { stoppedAfterEach } from '../stopped-after-each.ts';

/** A rack that is stopped after the test. */
const rack = stoppedAfterEach(buildRack);

const DOWNLOAD: Operation = { kind: 'program.write', program: editedProgram() };
const UPLOAD: Operation = { kind: 'program.read' };
const ONLY_LISTED: FilterRule[] = [
  { ip: '192.168.250.2', mask: '255.255.255.255' },
  { ip: '192.168.250.10', mask: '255.255.255.255' },
];

describe('the FTP server login through the rack (§1-6)', () => {
  const FILE: Operation = { kind: 'file.read', path: '/MEMCARD/RECIPE.CSV' };
  const ftp = (password: string): Request => ({ from: ROGUE_LAPTOP, protocol: 'ftp', operation: FILE, credentials: { user: 'CONFIDENTIAL', password } });

  it('§1-6 a wrong password is refused at the FTP login; no FINS end code travels back', () => {
    const outcome = rack({ eip: { ftpLogin: { user: 'CONFIDENTIAL', password: 'mixer2' } } }).send(ftp('admin'));
    expect(outcome.allowed).toBe(false);
    expect(outcome.blockedBy).toMatchObject({ source: 'ftp-login', layer: 'network', section: '§1-6' });
    expect(outcome.blockedBy?.reason).toMatch(/wrong password for "CONFIDENTIAL"/);
    expect(outcome.endCode).toBeUndefined();
  });

  it('§1-6 no lockout: after 50 wrong passwords the right one still gets in', () => {
    const r = rack({ eip: { ftpLogin: { user: 'CONFIDENTIAL', password: 'mixer2' } } });
    for (let i = 0; i < 50; i++) expect(r.send(ftp(`guess${i}`)).blockedBy?.source).toBe('ftp-login');
    const found = r.send(ftp('mixer2'));
    expect(found.allowed).toBe(true);
    expect(stepOf(found, 'ftp-login')?.verdict).toBe('pass');
    // §2-6-1: the operation log covers Secure Comm only, so the whole attack leaves no entry.
    expect(r.view().unit?.eip?.log).toEqual([]);
  });

  it('§1-6 §2-2-2 with the FTP server set to Not use, no password is ever checked', () => {
    const outcome = rack({ eip: { ports: { cipMessageServer: true, finsUdp: true, finsTcp: true, ftpServer: false, snmp: true } } }).send(ftp(''));
    expect(outcome.blockedBy?.source).toBe('ports');
    expect(stepOf(outcome, 'ftp-login')).toBeUndefined();
  });

  it('§1-6 a unit with the factory FTP login lets in anyone who sends the factory name', () => {
    expect(rack().send(ftp('')).allowed).toBe(true);
  });
});

function stepOf(outcome: Outcome, source: string) {
  return outcome.trace.find((s) => s.source === source);
}

function words(outcome: Outcome): number[] {
  const data = outcome.data as MemoryReadResult;
  if (!data || !('words' in data)) throw new Error(`no words read: ${JSON.stringify(outcome)}`);
  return data.words;
}

describe('the walk', () => {
  it('§1-3 an allowed request visits every stop in layer order network → device → function → asset', () => {
    const outcome = rack().send(fins(SCADA, READ_D100));
    expect(outcome.allowed).toBe(true);
    expect(outcome.trace.map((s) => s.source)).toEqual(REQUEST_PATH.map((s) => s.source));
    const layerIndex = outcome.trace.map((s) => REQUEST_LAYERS.indexOf(s.layer as (typeof REQUEST_LAYERS)[number]));
    expect(layerIndex.every((i) => i >= 0)).toBe(true);
    expect(layerIndex).toEqual([...layerIndex].sort((a, b) => a - b));
    expect(outcome.trace.map((s) => s.layer)).toEqual(REQUEST_PATH.map((s) => s.layer));
    expect(new Set(outcome.trace.map((s) => s.layer))).toEqual(new Set(REQUEST_LAYERS));
  });

  it('§1-3 the first block ends the walk: later defenses are not consulted', () => {
    const r = rack({ cpu: { dipWriteProtect: true }, eip: { filter: { enabled: true, rules: ONLY_LISTED } } });
    const outcome = r.send(fins(ROGUE_LAPTOP, DOWNLOAD));
    expect(outcome.allowed).toBe(false);
    expect(outcome.blockedBy?.source).toBe('ip-filter');
    expect(outcome.trace.at(-1)).toEqual(outcome.blockedBy);
    expect(outcome.trace.map((s) => s.source)).toEqual(['route', 'ip-filter']);
    expect(stepOf(outcome, 'dip-switch')).toBeUndefined();
  });

  it('every refusal trace is a prefix of the path ending at the blocking step', () => {
    const r = rack({ cpu: { dipWriteProtect: true, plcName: 'LINE1' }, eip: { ports: { cipMessageServer: true, finsUdp: false, finsTcp: true, ftpServer: true, snmp: true } } });
    const requests: Request[] = [
      fins(ROGUE_LAPTOP, READ_D100),
      secure(ENGINEERING_PC, DEV, READ_D100, 'wrong-Pass1'),
      { ...secure(ENGINEERING_PC, DEV, READ_D100), projectPlcName: 'LINE2' },
      secure(OPERATOR_PC, OLLY, DOWNLOAD),
      fins(USB_CABLE, DOWNLOAD),
    ];
    const blockers = requests.map((request) => {
      const outcome = r.send(request);
      expect(outcome.allowed).toBe(false);
      const sources = outcome.trace.map((s) => s.source);
      expect(sources).toEqual(REQUEST_PATH.slice(0, sources.length).map((s) => s.source));
      expect(outcome.trace.filter((s) => s.verdict === 'block')).toEqual([outcome.blockedBy]);
      return outcome.blockedBy?.source;
    });
    expect(blockers).toEqual(['ports', 'user-auth', 'plc-name', 'operation-authority', 'dip-switch']);
  });
});

describe('§2-2-1 IP packet filtering', () => {
  it('§2-2-1 the filter drops the rogue laptop with no response, while a listed PC is served', () => {
    const r = rack({ eip: { filter: { enabled: true, rules: ONLY_LISTED } } });
    const rogue = r.send(fins(ROGUE_LAPTOP, READ_D100));
    expect(rogue.allowed).toBe(false);
    expect(rogue.blockedBy).toMatchObject({ layer: 'network', source: 'ip-filter', section: '§2-2-1' });
    expect(rogue.blockedBy?.reason).toMatch(/192\.168\.250\.77 matches no rule/);
    expect(rogue.endCode).toBeUndefined();
    expect(rogue.data).toBeUndefined();

    const listed = r.send(fins(ENGINEERING_PC, READ_D100));
    expect(listed.allowed).toBe(true);
    expect(stepOf(listed, 'ip-filter')?.verdict).toBe('pass');
    expect(listed.endCode).toBe(0x0000);
    expect(words(listed)).toEqual([0, 0]);
  });

  it('§2-2-1 a rogue write dropped by the filter changes nothing in the CPU', () => {
    const r = rack({ eip: { filter: { enabled: true, rules: ONLY_LISTED } } });
    const before = r.view().cpu;
    expect(r.send(fins(ROGUE_LAPTOP, WRITE_D100)).allowed).toBe(false);
    expect(r.view().cpu.memory).toEqual(before.memory);
    expect(r.send(fins(SCADA, WRITE_D100)).allowed).toBe(true);
    expect(readWords(r.view().cpu.memory, 'D', 100, 2)).toEqual([1234, 42]);
  });

  it('§2-2-1 a reply to the unit’s own request passes by stateful inspection without a rule', () => {
    const r = rack({ eip: { filter: { enabled: true, rules: ONLY_LISTED } } });
    const server: Request['from'] = { via: 'network', name: 'Remote PLC', ip: '10.20.30.40' };
    const reply = r.send({ from: server, protocol: 'fins-udp', replyTo: 'udp', operation: WRITE_D100 });
    expect(reply.allowed).toBe(true);
    expect(stepOf(reply, 'ip-filter')?.reason).toMatch(/stateful inspection/);
    // The reply is taken by the unit; it does not command the CPU.
    expect(readWords(r.view().cpu.memory, 'D', 100, 2)).toEqual([0, 0]);
    const request = r.send({ from: server, protocol: 'fins-udp', operation: WRITE_D100 });
    expect(request.blockedBy?.source).toBe('ip-filter');
  });

  it('§2-2-1 note: DNS and SNTP replies are not filtered', () => {
    const r = rack({ eip: { filter: { enabled: true, rules: [] } } });
    const ntp: Request['from'] = { via: 'network', name: 'Time server', ip: '10.0.0.123' };
    const outcome = r.send({ from: ntp, protocol: 'sntp', operation: { kind: 'controller.read' } });
    expect(outcome.allowed).toBe(true);
    expect(stepOf(outcome, 'ip-filter')?.reason).toMatch(/does not apply/);
  });

  it('§2-2-1 with the filter set to Not use every node passes, and the table is kept for later', () => {
    const r = rack({ eip: { filter: { enabled: true, rules: ONLY_LISTED } } });
    r.eip?.send({ type: 'filter.disabled' });
    const rogue = r.send(fins(ROGUE_LAPTOP, READ_D100));
    expect(rogue.allowed).toBe(true);
    expect(stepOf(rogue, 'ip-filter')?.reason).toMatch(/Not use/);
    expect(r.view().unit?.eip?.filter.rules).toEqual(ONLY_LISTED);
    r.eip?.send({ type: 'filter.enabled' });
    expect(r.send(fins(ROGUE_LAPTOP, READ_D100)).blockedBy?.source).toBe('ip-filter');
    expect(r.send(fins(SCADA, READ_D100)).allowed).toBe(true);
  });
});

describe('§2-2-2 opening and closing the port', () => {
  const finsUdpClosed = { cipMessageServer: true, finsUdp: false, finsTcp: true, ftpServer: true, snmp: true };

  it('§2-2-2 a closed FINS/UDP port drops FINS/UDP, while FINS/TCP still answers', () => {
    const r = rack({ eip: { ports: finsUdpClosed } });
    const udp = r.send(fins(SCADA, READ_D100));
    expect(udp.allowed).toBe(false);
    expect(udp.blockedBy).toMatchObject({ source: 'ports', section: '§2-2-2' });
    expect(udp.blockedBy?.reason).toMatch(/FINS\/UDP is set to Not use/);
    expect(udp.endCode).toBeUndefined();
    const tcp = r.send(fins(SCADA, READ_D100, { protocol: 'fins-tcp' }));
    expect(tcp.allowed).toBe(true);
    expect(tcp.endCode).toBe(0);
  });

  it('§2-2-2 setting the CIP message server to Not use stops tag data links', () => {
    const r = rack();
    const tags: Request = { from: SCADA, protocol: 'cip-io', operation: { kind: 'tags.exchange' } };
    expect(r.send(tags).allowed).toBe(true);
    r.eip?.send({ type: 'ports.set', port: 'cipMessageServer', use: false });
    const stopped = r.send(tags);
    expect(stopped.blockedBy?.source).toBe('ports');
    expect(stopped.blockedBy?.reason).toMatch(/Tag data links stop/);
  });

  it('§2-2-2 note: SNMP answers only the right community name', () => {
    const r = rack();
    const get = (community?: string): Outcome =>
      r.send({ from: SCADA, protocol: 'snmp', operation: { kind: 'snmp.get' }, ...(community ? { community } : {}) });
    expect(get('public').blockedBy?.source).toBe('ports');
    expect(get().blockedBy?.source).toBe('ports');
    expect(get('plant-ro').allowed).toBe(true);
  });
});

describe('§2-1-1 secure communications', () => {
  it('§2-1-1 Secure Comm is refused while no user authentication settings are stored in the unit', () => {
    const r = rack({ eip: { users: [] } });
    const outcome = r.send(secure(ENGINEERING_PC, ADA, READ_D100));
    expect(outcome.allowed).toBe(false);
    expect(outcome.blockedBy).toMatchObject({ source: 'secure-comm', section: '§2-1-1' });
    expect(outcome.blockedBy?.reason).toMatch(/no(ne are)?/);
    expect(r.view().unit?.eip?.log).toEqual([]);
  });

  it('§2-1-1 d Secure Comm is impossible with a CJ1W-EIP21S on a CP1H, though its filter works', () => {
    const r = rack({ model: 'CP1H', eip: { filter: { enabled: true, rules: ONLY_LISTED } } });
    const outcome = r.send(secure(ENGINEERING_PC, DEV, READ_D100));
    expect(outcome.blockedBy).toMatchObject({ source: 'secure-comm', section: '§2-1-1' });
    expect(outcome.blockedBy?.reason).toMatch(/CP1H/);
    // §1-5-2: IP filtering is available on a CP1H with the CJ1W-EIP21S.
    expect(r.send(fins(ROGUE_LAPTOP, READ_D100)).blockedBy?.source).toBe('ip-filter');
    expect(r.send(fins(ENGINEERING_PC, READ_D100)).allowed).toBe(true);
  });

  it('§2-1-1 c Secure Comm is impossible through the USB port of the CPU Unit', () => {
    const r = rack();
    const outcome = r.send({ ...secure(ENGINEERING_PC, ADA, READ_D100), from: USB_CABLE });
    expect(outcome.blockedBy).toMatchObject({ layer: 'network', source: 'secure-comm', section: '§2-1-1' });
    expect(outcome.blockedBy?.reason).toMatch(/USB port connection cannot use it/);
    expect(outcome.endCode).toBeUndefined();
    expect(() => r.send({ from: USB_CABLE, protocol: 'fins-udp', operation: READ_D100 })).toThrow(/request\.protocol/);
  });
});

describe('§2-3-1 user authentication', () => {
  it('§2-3-1 a wrong password is an authentication failure and nothing is done', () => {
    const r = rack();
    const outcome = r.send(secure(ENGINEERING_PC, DEV, DOWNLOAD, 'Guess-1234'));
    expect(outcome.allowed).toBe(false);
    expect(outcome.blockedBy).toMatchObject({ layer: 'device', source: 'user-auth', section: '§2-3-1' });
    expect(outcome.blockedBy?.reason).toMatch(/Authentication failure: wrong password for "dev"/);
    expect(r.view().cpu.program).toEqual(PROGRAM);
    expect(r.view().unit?.eip?.lastAuth).toMatchObject({ ok: false, user: 'dev', ip: '192.168.250.2' });
  });

  it('§2-3-1 an unknown user name is refused too', () => {
    const outcome = rack().send(secure(ROGUE_LAPTOP, { name: 'guest', role: 'designer', password: 'Guest#2026' }, UPLOAD));
    expect(outcome.blockedBy?.reason).toMatch(/no user named "guest"/);
  });

  it('§2-3-1 plain FINS is not authenticated: the trace says n/a and the rogue laptop is served', () => {
    const outcome = rack().send(fins(ROGUE_LAPTOP, UPLOAD));
    expect(outcome.allowed).toBe(true);
    expect(stepOf(outcome, 'user-auth')).toMatchObject({ verdict: 'n/a' });
    expect(stepOf(outcome, 'user-auth')?.reason).toMatch(/no user name or password/);
    expect(stepOf(outcome, 'secure-comm')?.reason).toMatch(/plain text/);
    expect(stepOf(outcome, 'operation-authority')?.verdict).toBe('n/a');
    expect(outcome.data).toMatchObject({ tasks: PROGRAM.tasks });
  });
});

describe('§2-4-1 operation authority verification', () => {
  it('§2-4-1 an operator cannot download the program; a designer can', () => {
    const r = rack();
    const operator = r.send(secure(OPERATOR_PC, OLLY, DOWNLOAD));
    expect(operator.allowed).toBe(false);
    expect(operator.blockedBy).toMatchObject({ layer: 'function', source: 'operation-authority', section: '§2-4-1' });
    expect(r.view().cpu.program).toEqual(PROGRAM);

    const designer = r.send(secure(ENGINEERING_PC, DEV, DOWNLOAD));
    expect(designer.allowed).toBe(true);
    expect(stepOf(designer, 'user-auth')?.verdict).toBe('pass');
    expect(r.view().cpu.program).toEqual(editedProgram());
  });

  it('§2-4-1 an operator may still get data from the PLC', () => {
    const outcome = rack().send(secure(OPERATOR_PC, OLLY, UPLOAD));
    expect(outcome.allowed).toBe(true);
    expect(outcome.data).toMatchObject({ tasks: PROGRAM.tasks });
  });

  it('§2-3-1 only an administrator adds users; the new user can then log in', () => {
    const r = rack();
    const maria = { name: 'maria', role: 'maintainer' as const, password: 'Ma1nt-pass' };
    const add: Operation = { kind: 'users.manage', change: { action: 'add', user: maria } };
    expect(r.send(secure(ENGINEERING_PC, DEV, add)).blockedBy?.source).toBe('operation-authority');
    expect(r.send(secure(ENGINEERING_PC, ADA, add)).allowed).toBe(true);
    expect(r.view().unit?.eip?.users.map((u) => u.name)).toContain('maria');
    expect(r.send(secure(OPERATOR_PC, maria, READ_D100)).allowed).toBe(true);
  });
});

describe('§2-3-2 PLC names', () => {
  it('§2-3-2 a project for another PLC name is refused on a CJ CPU Unit, with no FINS end code', () => {
    const r = rack({ cpu: { plcName: 'FILLER_1' } });
    const wrong = r.send(fins(ENGINEERING_PC, DOWNLOAD, { projectPlcName: 'FILLER_2' }));
    expect(wrong.allowed).toBe(false);
    expect(wrong.blockedBy).toMatchObject({ layer: 'device', source: 'plc-name', section: '§2-3-2' });
    expect(wrong.endCode).toBeUndefined();
    expect(r.view().cpu.program).toEqual(PROGRAM);
    expect(r.send(fins(ENGINEERING_PC, DOWNLOAD, { projectPlcName: 'FILLER_1' })).allowed).toBe(true);
  });

  it('§2-3-2 a CS-series CPU Unit stores no PLC name, so nothing is compared', () => {
    const outcome = rack({ model: 'CS1G/H', unit: { model: 'CS1W-EIP21S', settings: rackEip() } }).send(
      fins(ENGINEERING_PC, UPLOAD, { projectPlcName: 'ANY' }),
    );
    expect(outcome.allowed).toBe(true);
    expect(stepOf(outcome, 'plc-name')?.verdict).toBe('n/a');
  });
});

function rackEip() {
  return {
    ip: '192.168.250.1',
    finsNode: 1,
    users: [ADA],
    filter: { enabled: false, rules: [] },
    ports: { cipMessageServer: true, finsUdp: true, finsTcp: true, ftpServer: true, snmp: true },
    snmpCommunity: 'public',
  };
}

describe('§2-5-1 write protection using the DIP switch', () => {
  it('§2-5-1 the DIP switch refuses a download over the network and over USB alike', () => {
    const r = rack({ cpu: { dipWriteProtect: true } });
    for (const request of [fins(ENGINEERING_PC, DOWNLOAD), secure(ENGINEERING_PC, DEV, DOWNLOAD), fins(USB_CABLE, DOWNLOAD)]) {
      const outcome = r.send(request);
      expect(outcome.allowed).toBe(false);
      expect(outcome.blockedBy).toMatchObject({ layer: 'asset', source: 'dip-switch', section: '§2-5-1', endCode: 0x2101 });
      expect(outcome.endCode).toBe(0x2101);
    }
    expect(r.view().cpu.program).toEqual(PROGRAM);
  });

  it('§2-5-1 the DIP switch leaves I/O memory writable and lets the download through once it is OFF', () => {
    const r = rack({ cpu: { dipWriteProtect: true } });
    expect(r.send(fins(SCADA, WRITE_D100)).allowed).toBe(true);
    r.cpu.send({ type: 'dip.set', writeProtect: false });
    expect(r.send(fins(USB_CABLE, DOWNLOAD)).allowed).toBe(true);
    expect(r.view().cpu.program).toEqual(editedProgram());
  });
});

describe('§2-5-2 read protection using a password', () => {
  it('§2-5-2 an upload of a read-protected program needs the password', () => {
    const r = rack({ cpu: { umPassword: 'Um-Secret1' } });
    const without = r.send(fins(ROGUE_LAPTOP, UPLOAD));
    expect(without.blockedBy).toMatchObject({ source: 'read-protection', section: '§2-5-2' });
    expect(without.endCode).toBe(0x2102);
    expect(without.data).toBeUndefined();
    expect(r.send(fins(ROGUE_LAPTOP, UPLOAD, { protectionPassword: 'guess' })).endCode).toBe(0x2602);
    const withPassword = r.send(fins(ENGINEERING_PC, UPLOAD, { protectionPassword: 'Um-Secret1' }));
    expect(withPassword.allowed).toBe(true);
    expect(withPassword.data).toMatchObject({ tasks: PROGRAM.tasks });
  });

  it('§2-5-1 note: read protection alone does not stop a download; with "prohibit overwriting" it does', () => {
    const open = rack({ cpu: { umPassword: 'Um-Secret1' } });
    expect(open.send(fins(ROGUE_LAPTOP, DOWNLOAD)).allowed).toBe(true);

    const locked = rack({ cpu: { umPassword: 'Um-Secret1', prohibitOverwrite: true } });
    const outcome = locked.send(fins(ROGUE_LAPTOP, DOWNLOAD));
    expect(outcome.blockedBy).toMatchObject({ source: 'read-protection', section: '§2-5-1', endCode: 0x2102 });
    expect(locked.view().cpu.program).toEqual(PROGRAM);
  });
});

describe('§2-5-3 FINS write protection', () => {
  const protectedRack = () => rack({ cpu: { finsWriteProtection: { enabled: true, excludedNodes: [10] } } });

  it('§2-5-3 a rogue write over the network is refused with end code 2101 while reads still work', () => {
    const r = protectedRack();
    const write = r.send(fins(ROGUE_LAPTOP, WRITE_D100));
    expect(write.allowed).toBe(false);
    expect(write.blockedBy).toMatchObject({ layer: 'asset', source: 'fins-write-protection', section: '§2-5-3' });
    expect(write.endCode).toBe(0x2101);
    expect(readWords(r.view().cpu.memory, 'D', 100, 2)).toEqual([0, 0]);
    const read = r.send(fins(ROGUE_LAPTOP, READ_D100));
    expect(read.allowed).toBe(true);
    expect(stepOf(read, 'fins-write-protection')?.verdict).toBe('pass');
  });

  it('§2-5-3 mode changes and downloads from the network are writes too', () => {
    const r = protectedRack();
    expect(r.send(fins(ROGUE_LAPTOP, { kind: 'mode.set', mode: 'RUN' })).blockedBy?.source).toBe('fins-write-protection');
    expect(r.send(fins(ROGUE_LAPTOP, DOWNLOAD, { protocol: 'fins-tcp' })).blockedBy?.source).toBe('fins-write-protection');
    expect(r.view().cpu.mode).toBe('PROGRAM');
  });

  it('§2-5-3 a write from the USB port is not affected', () => {
    const r = protectedRack();
    expect(r.send(fins(USB_CABLE, WRITE_D100)).allowed).toBe(true);
    expect(readWords(r.view().cpu.memory, 'D', 100, 2)).toEqual([1234, 42]);
  });

  it('§2-5-3 an excluded node is known by the FINS node its frames carry, even when only its IP is given', () => {
    const r = protectedRack();
    const scadaByIp: Request['from'] = { via: 'network', name: 'SCADA', ip: '192.168.250.10' };
    expect(r.send(fins(scadaByIp, WRITE_D100)).allowed).toBe(true);
    const rogueByIp: Request['from'] = { via: 'network', name: 'Rogue laptop', ip: '192.168.250.77' };
    expect(r.send(fins(rogueByIp, WRITE_D100)).blockedBy?.source).toBe('fins-write-protection');
  });

  it('§2-5-3 the excluded SCADA node may still write', () => {
    const r = protectedRack();
    const outcome = r.send(fins(SCADA, { kind: 'memory.write', area: 'D', address: 200, values: [950] }));
    expect(outcome.allowed).toBe(true);
    expect(stepOf(outcome, 'fins-write-protection')?.reason).toMatch(/node 10 is excluded/);
    expect(readWords(r.view().cpu.memory, 'D', 200, 1)).toEqual([950]);
  });
});

describe('§2-5-4 operation protection using the production lot number', () => {
  const guarded = editedProgram('LD A100_match\nOUT 100.00', LOT);

  it('§2-5-4 a program guarded by lot number runs on its own unit but not when copied to another rack', () => {
    const own = rack();
    expect(own.send(fins(ENGINEERING_PC, { kind: 'program.write', program: guarded })).allowed).toBe(true);
    expect(own.send(fins(ENGINEERING_PC, { kind: 'mode.set', mode: 'RUN' })).allowed).toBe(true);
    expect(own.view().cpu.controlRunning).toBe(true);

    const other = rack({ lotNumber: '091130' });
    const copy = other.send(fins(ROGUE_LAPTOP, { kind: 'program.write', program: guarded }));
    expect(copy.allowed).toBe(true);
    expect(stepOf(copy, 'lot-number')).toMatchObject({ verdict: 'n/a', section: '§2-5-4' });
    expect(other.view().cpu.program).toEqual(guarded);

    const run = other.send(fins(ROGUE_LAPTOP, { kind: 'mode.set', mode: 'RUN' }));
    expect(run.allowed).toBe(false);
    expect(run.blockedBy).toMatchObject({ layer: 'asset', source: 'lot-number', section: '§2-5-4' });
    expect(run.blockedBy?.reason).toMatch(/080620 ≠ 091130/);
    expect(run.endCode).toBeUndefined();
    expect(other.view().cpu.controlRunning).toBe(false);
  });

  it('§2-5-4 a copied program loaded another way still cannot be set to run', () => {
    const other = rack({ lotNumber: '091130', cpu: { memoryCardAutoLoad: true } });
    other.cpu.send({ type: 'card.inserted', contents: { program: guarded } });
    other.cpu.send({ type: 'power.on' });
    expect(other.view().cpu.program).toEqual(guarded);
    const run = other.send(fins(ROGUE_LAPTOP, { kind: 'mode.set', mode: 'RUN' }));
    expect(run.blockedBy?.source).toBe('lot-number');
    expect(other.view().cpu.controlRunning).toBe(false);
  });

  it('§2-5-4 the lot number words cannot be overwritten over the network', () => {
    // The refusal names the function that protects these words (§2-5-4), not the overwrite times.
    const outcome = rack().send(fins(ROGUE_LAPTOP, { kind: 'memory.write', area: 'A', address: 100, values: [0x1130] }));
    expect(outcome.blockedBy).toMatchObject({ source: 'lot-number', section: '§2-5-4' });
    expect(outcome.endCode).toBe(0x2101);
  });

  it('§2-5-5 a write that reaches past the lot-number words is refused as the read-only Auxiliary Area', () => {
    const outcome = rack().send(fins(ROGUE_LAPTOP, { kind: 'memory.write', area: 'A', address: 99, values: [0, 0x1130] }));
    expect(outcome.blockedBy?.source).toBe('overwrite-time');
    expect(outcome.endCode).toBe(0x2101);
  });
});

describe('§2-5-5 user data overwrite time', () => {
  it('§2-5-5 after an allowed download A90–A93 hold the CPU clock in BCD', () => {
    const r = rack();
    r.cpu.send({ type: 'clock.set', at: '2026-03-14T15:09:26' });
    expect(r.send(fins(ENGINEERING_PC, DOWNLOAD)).allowed).toBe(true);
    const read = r.send(fins(SCADA, { kind: 'memory.read', area: 'A', address: 90, count: 4 }));
    // minute 09 second 26 | day 14 hour 15 | year 26 month 03 | Saturday (06)
    expect(words(read)).toEqual([0x0926, 0x1415, 0x2603, 0x0006]);
    expect(decodeTimestamp(words(read))).toBe('2026-03-14T15:09:26Z');
  });

  it('§2-5-5 a refused download leaves the overwrite time as it was', () => {
    const r = rack({ cpu: { dipWriteProtect: true } });
    r.cpu.send({ type: 'clock.set', at: '2026-03-14T15:09:26' });
    expect(r.send(fins(ENGINEERING_PC, DOWNLOAD)).allowed).toBe(false);
    expect(decodeTimestamp(readWords(r.view().cpu.memory, 'A', 90, 4))).toBe(START_CLOCK);
  });

  it('§2-5-5 the overwrite time cannot be forged by a memory write', () => {
    const r = rack();
    const outcome = r.send(fins(ROGUE_LAPTOP, { kind: 'memory.write', area: 'A', address: 90, values: [0, 0, 0, 0] }));
    expect(outcome.blockedBy).toMatchObject({ source: 'overwrite-time', section: '§2-5-5', endCode: 0x2101 });
    expect(decodeTimestamp(readWords(r.view().cpu.memory, 'A', 90, 4))).toBe(START_CLOCK);
  });
});

describe('§2-6-1 operation log', () => {
  it('§2-6-1 Secure Comm operations are logged with CPU clock time, IP address, user, operation and result', () => {
    const r = rack({ clock: '2026-03-02T08:00:00Z' });
    r.send(secure(ENGINEERING_PC, DEV, READ_D100));
    r.cpu.send({ type: 'clock.advanced', seconds: 90 });
    r.send(secure(OPERATOR_PC, OLLY, DOWNLOAD));
    r.send(secure(ROGUE_LAPTOP, ADA, UPLOAD, 'admin1234'));
    r.send(fins(ROGUE_LAPTOP, WRITE_D100)); // plain FINS: not logged
    const log = r.view().unit?.eip?.log ?? [];
    expect(log.map(({ at, ip, user, operation, result }) => ({ at, ip, user, operation, result }))).toEqual([
      { at: '2026-03-02T08:00:00Z', ip: '192.168.250.2', user: 'dev', operation: 'memory.read', result: 'success' },
      { at: '2026-03-02T08:01:30Z', ip: '192.168.250.20', user: 'olly', operation: 'program.write', result: 'failure' },
      { at: '2026-03-02T08:01:30Z', ip: '192.168.250.77', user: 'ada', operation: 'authentication', result: 'failure' },
    ]);
    expect(log[1]?.detail).toMatch(/no operation authority/);
  });

  it('§2-6-1 the log takes its time from the CPU clock, so a wrong clock shows in it until it is adjusted', () => {
    const r = rack();
    r.cpu.send({ type: 'clock.set', at: '2020-01-01T00:00:00' });
    r.send(secure(ENGINEERING_PC, DEV, UPLOAD));
    expect(r.view().unit?.eip?.log.at(-1)?.at).toBe('2020-01-01T00:00:00Z');
    // Automatic clock adjustment through the EtherNet/IP Unit corrects the CPU clock.
    r.eip?.send({ type: 'clock.autoAdjustSet', enabled: true, server: '192.168.250.250' });
    r.eip?.send({ type: 'clock.sntpReplied', serverTime: '2026-03-02T09:15:00Z' });
    expect(r.view().cpu.clock).toBe('2026-03-02T09:15:00Z');
    r.send(secure(ENGINEERING_PC, DEV, UPLOAD));
    expect(r.view().unit?.eip?.log.at(-1)?.at).toBe('2026-03-02T09:15:00Z');
  });

  it('§2-6-1 an SNTP time with a UTC offset still sets the CPU clock (folded to UTC)', () => {
    const r = rack();
    r.eip?.send({ type: 'clock.autoAdjustSet', enabled: true, server: '192.168.250.250' });
    r.eip?.send({ type: 'clock.sntpReplied', serverTime: '2026-03-02T09:15:00+09:00' });
    expect(r.view().cpu.clock).toBe('2026-03-02T00:15:00Z');
  });

  it('§2-6-1 the log can be read back over Secure Comm by a maintainer or above, never over FINS', () => {
    const r = rack();
    r.send(secure(ENGINEERING_PC, DEV, UPLOAD));
    const read = r.send(secure(ENGINEERING_PC, DEV, { kind: 'log.read' }));
    expect(read.allowed).toBe(true);
    expect(read.data).toEqual([expect.objectContaining({ user: 'dev', operation: 'program.read' })]);
    const overFins = r.send(fins(ENGINEERING_PC, { kind: 'log.read' }));
    expect(overFins.blockedBy).toMatchObject({ source: 'command', section: '§2-6-1' });
  });
});

describe('§4-1 erasing the assets', () => {
  it('§4-1 Memory All Clear clears the CPU Unit but the EIP21S keeps its users until Restart Unit from a local port', () => {
    const r = rack({ cpu: { plcName: 'FILLER_1', umPassword: 'Um-Secret1' } });
    expect(r.send(fins(USB_CABLE, { kind: 'memory.clearAll' })).allowed).toBe(true);
    const cpu = r.view().cpu;
    expect(cpu.program.tasks).toEqual([]);
    expect(cpu.plcName).toBeNull();
    expect(cpu.protection.umPassword).toBeNull();
    // *1 of §4-1: the EtherNet/IP Unit is not initialised by the CPU's Memory All Clear.
    expect(r.view().unit?.eip?.users.map((u) => u.name)).toEqual(['ada', 'dev', 'olly']);
    expect(r.send(secure(ENGINEERING_PC, DEV, READ_D100)).allowed).toBe(true);

    const restart = r.send(fins(USB_CABLE, { kind: 'unit.restart' }));
    expect(restart.allowed).toBe(true);
    const eip = r.view().unit?.eip;
    expect(eip?.users).toEqual([]);
    expect(eip?.log).toEqual([]);
    expect(eip?.secureCommAvailable).toBe(false);
    expect(r.send(secure(ENGINEERING_PC, DEV, READ_D100)).blockedBy?.source).toBe('secure-comm');
  });

  it('§4-1-2 Restart Unit over the network is refused, even for an administrator', () => {
    const r = rack();
    for (const request of [secure(ENGINEERING_PC, ADA, { kind: 'unit.restart' }), fins(ROGUE_LAPTOP, { kind: 'unit.restart' })]) {
      const outcome = r.send(request);
      expect(outcome.blockedBy).toMatchObject({ layer: 'network', source: 'route', section: '§4-1-2' });
    }
    expect(r.view().unit?.eip?.users).toHaveLength(3);
  });
});

describe('§1-4 units without security functions', () => {
  it('§1-4 a CJ1W-EIP21 (no S) lets the rogue laptop through: nothing filters it', () => {
    const r = rack({ unit: { model: 'CJ1W-EIP21' } });
    expect(r.eip).toBeNull();
    const outcome = r.send(fins(ROGUE_LAPTOP, DOWNLOAD));
    expect(outcome.allowed).toBe(true);
    expect(outcome.trace[0]?.reason).toMatch(/no security functions/);
    for (const source of ['ip-filter', 'ports', 'secure-comm', 'user-auth', 'operation-authority']) {
      expect(stepOf(outcome, source)?.verdict).toBe('n/a');
    }
    expect(r.view().cpu.program).toEqual(editedProgram());
  });

  it('§1-4 the built-in EtherNet/IP port of a CJ2M-EIP has no security functions either', () => {
    const outcome = rack({ model: 'CJ2M-EIP', unit: null }).send(fins(ROGUE_LAPTOP, WRITE_D100));
    expect(outcome.allowed).toBe(true);
    expect(outcome.trace[0]?.reason).toMatch(/built-in EtherNet\/IP port/);
  });

  it('§1-4 a rack with no Ethernet at all refuses network requests without an answer; USB still works', () => {
    const r = rack({ unit: null });
    const outcome = r.send(fins(ROGUE_LAPTOP, READ_D100));
    expect(outcome.blockedBy).toMatchObject({ layer: 'network', source: 'route' });
    expect(outcome.endCode).toBeUndefined();
    expect(r.send(fins(USB_CABLE, READ_D100)).allowed).toBe(true);
  });

  it('§4-1-2 a rack without an EIP21S has nothing to restart', () => {
    expect(rack({ unit: { model: 'CJ1W-EIP21' } }).send(fins(USB_CABLE, { kind: 'unit.restart' })).blockedBy?.source).toBe('route');
  });
});

describe('the command step: what a protocol offers and whether the data fits', () => {
  it('§2-3-1 users cannot be managed over plain FINS: undefined command, users unchanged', () => {
    const r = rack();
    const add: Operation = { kind: 'users.manage', change: { action: 'add', user: { name: 'mallory', role: 'administrator', password: 'Ev1l-admin' } } };
    const outcome = r.send(fins(ROGUE_LAPTOP, add));
    expect(outcome.blockedBy).toMatchObject({ source: 'command', section: '§2-3-1', endCode: 0x0401 });
    expect(outcome.endCode).toBe(0x0401);
    expect(r.view().unit?.eip?.users.map((u) => u.name)).toEqual(['ada', 'dev', 'olly']);
  });

  it('a read beyond the end of an area is refused with end code 1104, an unknown address with 1103', () => {
    const r = rack();
    expect(r.send(fins(SCADA, { kind: 'memory.read', area: 'D', address: 32767, count: 2 })).endCode).toBe(0x1104);
    expect(r.send(fins(SCADA, { kind: 'memory.read', area: 'W', address: 512, count: 1 })).endCode).toBe(0x1103);
    expect(r.send(fins(SCADA, { kind: 'memory.write', area: 'D', address: 0, values: [0x10000] })).endCode).toBe(0x110c);
  });

  it('a program the CPU cannot store is refused by the CPU itself, and nothing changes', () => {
    const r = rack();
    const broken: Operation = { kind: 'program.write', program: { tasks: [...PROGRAM.tasks, ...PROGRAM.tasks], lotGuard: null } };
    expect(evaluate(r.view(), fins(ENGINEERING_PC, broken)).allowed).toBe(true);
    const outcome = r.send(fins(ENGINEERING_PC, broken));
    expect(outcome.allowed).toBe(false);
    expect(outcome.blockedBy).toMatchObject({ source: 'command', endCode: 0x110c });
    expect(outcome.blockedBy?.reason).toMatch(/task 0 appears twice/);
    expect(r.view().cpu.program).toEqual(PROGRAM);
  });

  it('§1-6 a weak password for a new user is refused by the unit and logged as a failure', () => {
    const r = rack();
    const weak: Operation = { kind: 'users.manage', change: { action: 'add', user: { name: 'temp', role: 'operator', password: 'short' } } };
    const outcome = r.send(secure(ENGINEERING_PC, ADA, weak));
    expect(outcome.allowed).toBe(false);
    expect(outcome.blockedBy?.reason).toMatch(/too short/);
    expect(r.view().unit?.eip?.users).toHaveLength(3);
    expect(r.view().unit?.eip?.log.at(-1)).toMatchObject({ operation: 'users.manage', result: 'failure', detail: expect.stringMatching(/too short/) });
  });
});

describe('properties of the IP filter on the path (§2-2-1)', () => {
  const octet = fc.integer({ min: 0, max: 255 });
  const address = fc.tuple(octet, octet, octet, octet).map((parts) => parts.join('.'));
  const rule = fc
    .tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 32 }))
    .map(([ip, prefix]) => {
      const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
      return { ip: (ip & mask) >>> 0, mask };
    });
  const table = fc.uniqueArray(rule, { maxLength: 12, selector: (r) => `${r.ip}/${r.mask}` });
  const toNumber = (ip: string) => ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
  const matches = (ip: string, rules: { ip: number; mask: number }[]) =>
    rules.some((r) => ((toNumber(ip) ^ r.ip) & r.mask) >>> 0 === 0);
  /** Runs `body` on a rack whose filter is on and holds `rules` (as dotted addresses), then stops the rack. */
  const onFilteredRack = (rules: { ip: number; mask: number }[], body: (r: Rack, filterRules: FilterRule[]) => void): void => {
    const filterRules = rules.map((r) => ({ ip: formatIPv4(r.ip), mask: formatIPv4(r.mask) }));
    const r = buildRack({ eip: { filter: { enabled: true, rules: filterRules } } });
    try {
      body(r, filterRules);
    } finally {
      r.stop();
    }
  };

  it('§2-2-1 with the filter on, the trace lets a source through exactly when some rule matches it bitwise', () => {
    fc.assert(
      fc.property(table, fc.array(address, { minLength: 1, maxLength: 8 }), (rules, sources) => {
        onFilteredRack(rules, (r, filterRules) => {
          for (const ip of [...sources, ...filterRules.map((f) => f.ip)]) {
            const outcome = r.send(fins({ via: 'network', name: 'node', ip }, { kind: 'controller.read' }));
            const verdict = outcome.trace.find((s) => s.source === 'ip-filter')?.verdict;
            expect(verdict).toBe(matches(ip, rules) ? 'pass' : 'block');
            expect(outcome.allowed).toBe(matches(ip, rules));
          }
        });
      }),
      { numRuns: 60 },
    );
  });

  it('§2-2-1 disabling and re-enabling the filter keeps the table and gives the same verdicts', () => {
    fc.assert(
      fc.property(table, fc.array(address, { minLength: 1, maxLength: 8 }), (rules, sources) => {
        onFilteredRack(rules, (r, filterRules) => {
          const verdicts = () =>
            sources.map((ip) => r.send(fins({ via: 'network', name: 'node', ip }, READ_D100)).trace.find((s) => s.source === 'ip-filter')?.verdict);
          const before = verdicts();
          r.eip?.send({ type: 'filter.disabled' });
          expect(verdicts().every((v) => v === 'pass')).toBe(true);
          expect(r.view().unit?.eip?.filter.rules).toEqual(filterRules);
          r.eip?.send({ type: 'filter.enabled' });
          expect(r.view().unit?.eip?.filter.rules).toEqual(filterRules);
          expect(verdicts()).toEqual(before);
        });
      }),
      { numRuns: 60 },
    );
  });
});
