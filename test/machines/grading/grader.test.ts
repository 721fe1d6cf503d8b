import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkAnswer, deepEqual, grade, startingState, valueAt } from '../../../machines/grading/grader.ts';
import { type Lab, LESSON_FOR_FUNCTION } from '../../../machines/grading/lab.ts';
import { FUNCTION_IDS } from '../../../machines/model.ts';
import { labReport } from '../../../src/progress/progress-schema.ts';
import { fixture, labById } from '../../labs/lab-fixtures.ts';

let users: Lab;
let filter: Lab;
let dip: Lab;
let lot: Lab;
let task: Lab;
let forensics: Lab;
let tamper: Lab;
let decommission: Lab;
let hardware: Lab;
beforeAll(async () => {
  users = await labById('01-users-and-roles');
  filter = await labById('02-filter-blocks');
  dip = await labById('03-dip-write-protection');
  lot = await labById('04-lot-number-lock');
  task = await labById('07-task-read-protection');
  forensics = await labById('09-operation-log-forensics');
  tamper = await labById('10-tamper-detection');
  decommission = await labById('12-decommissioning');
  hardware = await labById('11-choosing-hardware');
});

const failedIds = (r: ReturnType<typeof grade>) => r.objectives.filter((o) => !o.passed).map((o) => o.id);

describe('grading both ways', () => {
  it('§2-2-1 a filter that blocks everything stops the attacks but fails the plant', () => {
    const report = grade(filter, { settings: { 'eip.filter.enabled': true }, answers: { 'why-sntp-passes': 'client-exempt' } });
    const failed = failedIds(report);
    expect(failed).toEqual(['engineering-works', 'hmis-work', 'scada-not-locked-out']);
    expect(report.objectives.find((o) => o.id === 'rogue-blocked')?.passed).toBe(true);
    expect(report.passed).toBe(false);
  });

  it('an empty answer passes none of the attack objectives of the filter lab', () => {
    const failed = failedIds(grade(filter, {}));
    expect(failed).toEqual(expect.arrayContaining(['rogue-blocked', 'unlisted-blocked', 'why-sntp-passes']));
  });

  it('is deterministic: the same answer gives the same report', () => {
    const answer = fixture('09-operation-log-forensics', 'reference.json');
    expect(grade(forensics, answer, 7)).toEqual(grade(forensics, answer, 7));
  });
});

describe('the learner may change only what the lab allows', () => {
  it('a change to a locked setting is refused, naming the path, and not applied', () => {
    const report = grade(dip, { settings: { 'cpu.dipWriteProtect': true, 'cpu.memoryCardAutoLoad': false } });
    expect(report.problems).toEqual([
      {
        kind: 'locked',
        field: 'settings["cpu.memoryCardAutoLoad"]',
        message: 'cpu.memoryCardAutoLoad is locked in this lab and cannot be changed; you may change: cpu.dipWriteProtect',
      },
    ]);
    expect(report.passed).toBe(false);
    // Auto-load stayed ON: the swapped card is held back by write protection, not by the pin.
    const swap = report.timeline.find((t) => t.id === 'card-swap');
    expect(swap?.outcome.blockedBy?.reason).toMatch(/write protection is ON/);
  });

  it('a parent path is checked leaf by leaf: only locked leaves that change are refused', () => {
    const lab = users;
    const same = checkAnswer(lab, { settings: { eip: { ports: { finsUdp: true }, users: lab.rack.unit?.settings?.users } } });
    expect(same).toEqual([]);
    const changed = checkAnswer(lab, { settings: { eip: { ports: { finsUdp: false } } } });
    expect(changed.map((p) => [p.kind, p.message.split(' ')[0]])).toEqual([['locked', 'eip.ports.finsUdp']]);
  });

  it('an unknown setting, a value of the wrong type, an action, question or hint the lab lacks', () => {
    const problems = checkAnswer(dip, {
      settings: { 'cpu.dipSwitch': true, 'cpu.dipWriteProtect': 'on' },
      actions: ['memory.clearAll'],
      answers: { nope: 'x' },
      hintsUsed: ['nope'],
    });
    expect(problems.map((p) => [p.kind, p.field])).toEqual([
      ['unknown', 'settings["cpu.dipSwitch"]'],
      ['invalid', 'settings["cpu.dipWriteProtect"]'],
      ['locked', 'actions[0]'],
      ['unknown', 'answers["nope"]'],
      ['unknown', 'hintsUsed'],
    ]);
  });

  it('when an answer gives a setting twice, the later key wins, even when it puts the setting back', async () => {
    const ports = await labById('05-close-unused-ports');
    const closed = { cipMessageServer: false, finsUdp: false, finsTcp: false, ftpServer: false, snmp: false };
    const reopened = grade(ports, { settings: { 'eip.ports': closed, 'eip.ports.ftpServer': true } });
    expect(failedIds(reopened)).toEqual(['ftp-closed', 'only-secure-comm']);
    const closedLast = grade(ports, { settings: { 'eip.ports.ftpServer': true, 'eip.ports': closed } });
    expect(closedLast.passed).toBe(true);
  });

  it('§2-3-1 a weak password is refused by the unit and reported, not silently dropped', () => {
    const admin = { name: 'plant-admin', role: 'administrator', password: 'Adm1n#Line4' };
    const report = grade(users, { settings: { 'eip.users': [admin, { name: 'k.tanaka', role: 'designer', password: 'tanaka' }] } });
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]?.kind).toBe('refused-by-unit');
    expect(report.problems[0]?.field).toBe('settings["eip.users"]');
    expect(report.problems[0]?.message).toMatch(/too short/);
    expect(report.passed).toBe(false);
  });
});

describe('hints', () => {
  it('each hint used costs its points; the lab can still be passed', () => {
    const answer = { ...fixture('02-filter-blocks', 'reference.json'), hintsUsed: ['masks', 'walkthrough'] };
    const report = grade(filter, answer);
    expect(report.hints).toEqual({ used: ['masks', 'walkthrough'], penalty: 6 });
    expect(report.score).toBe(report.max - 6);
    expect(report.passed).toBe(true);
  });

  it('a hint opened twice costs once, and the score never drops below zero', () => {
    const report = grade(filter, { hintsUsed: ['walkthrough', 'walkthrough', 'count', 'masks'] });
    expect(report.hints.penalty).toBe(8);
    expect(report.score).toBeGreaterThanOrEqual(0);
    expect(report.score).toBe(Math.max(0, report.objectives.reduce((s, o) => s + o.earned, 0) - 8));
  });
});

describe('settings that are behaviour go through the machines', () => {
  it('§2-5-1 note: read protection set in the project does nothing until Set Password or a transfer', () => {
    const pending = grade(task, fixture('07-task-read-protection', 'wrong-not-applied.json'));
    expect(pending.notes.join(' ')).toMatch(/transfer the program or use Set Password/);
    const transferred = grade(task, { ...fixture('07-task-read-protection', 'wrong-not-applied.json'), actions: ['program.transfer'] });
    expect(failedIds(transferred)).toEqual([]);
  });

  it('§2-5-4 a program transfer passes through PROGRAM mode and back, as the transfer dialog does', () => {
    const report = grade(lot, fixture('04-lot-number-lock', 'reference.json'));
    const actions = report.timeline.filter((t) => t.phase === 'action').map((t) => t.request?.operation.kind);
    expect(actions).toEqual(['mode.set', 'program.write', 'mode.set']);
  });

  it('§2-5-1 DIP switch protection goes OFF before the actions and ON after them', () => {
    const report = grade(decommission, fixture('12-decommissioning', 'reference.json'));
    const clear = report.timeline.find((t) => t.request?.operation.kind === 'memory.clearAll');
    expect(clear?.outcome.allowed).toBe(true);
  });

  it('§4-1 Memory All Clear leaves the EtherNet/IP Unit untouched; Restart Unit empties it', () => {
    const cpuOnly = grade(decommission, fixture('12-decommissioning', 'wrong-cpu-only.json'));
    expect(cpuOnly.objectives.find((o) => o.id === 'cpu-cleared')?.passed).toBe(true);
    expect(cpuOnly.objectives.find((o) => o.id === 'unit-restored')?.passed).toBe(false);
  });

  it('§1-5-2 hardware choices rebuild the rack: a CP1H with a CJ1W-EIP21S offers the filter', () => {
    const report = grade(hardware, fixture('11-choosing-hardware', 'reference.json'));
    expect(report.objectives.find((o) => o.id === 'hardware-offers')?.passed).toBe(true);
    const impossible = grade(hardware, { settings: { 'hardware.unit': 'CS1W-EIP21S' } });
    expect(impossible.problems[0]?.kind).toBe('refused-by-unit');
    expect(impossible.problems[0]?.message).toMatch(/cannot be mounted/);
  });
});

describe('questions', () => {
  it('§2-6-1 forensic answers are derived from the replayed log, for every variant', () => {
    const seed = 31;
    const state = startingState(forensics, seed);
    const download = state.view.unit?.eip?.log.filter((e) => e.operation === 'program.write' && e.result === 'success').at(-1);
    expect(download).toBeDefined();
    const lag = Number(state.lab.values.lag);
    const real = new Date(Date.parse(download?.at ?? '') + lag * 60_000).toISOString().slice(0, 16).replace('T', ' ');
    const answers = { who: download?.user ?? '', where: download?.ip ?? '', 'real-time': real, 'log-time': download?.at ?? '' };
    const report = grade(forensics, { answers }, seed);
    for (const id of Object.keys(answers)) expect(report.objectives.find((o) => o.id === id)?.passed, id).toBe(true);
  });

  it('accepts the usual ways of writing a time, an address, a hex word and a set of options', () => {
    const ref = fixture('10-tamper-detection', 'reference.json');
    const report = grade(tamper, { ...ref, answers: { ...ref.answers, when: '2026-03-13T09:03:45Z', a91: '0x1309' } });
    expect(report.passed).toBe(true);
    const h = grade(tamper, { ...ref, answers: { ...ref.answers, a91: '1309h' } });
    expect(h.passed).toBe(true);
    const hw = fixture('11-choosing-hardware', 'reference.json');
    const reordered = grade(hardware, { ...hw, answers: { ...hw.answers, 'cp1l-alone': ['lot-number', 'DIP-switch', 'read-protection'] } });
    expect(reordered.objectives.find((o) => o.id === 'cp1l-alone')?.passed).toBe(true);
  });

  it('a wrong answer is marked wrong without revealing the right one', () => {
    const ref = fixture('09-operation-log-forensics', 'reference.json');
    const report = grade(forensics, { ...ref, answers: { ...ref.answers, where: '192.168.250.10' } });
    const where = report.objectives.find((o) => o.id === 'where');
    expect(where?.passed).toBe(false);
    expect(JSON.stringify(where)).not.toContain('192.168.250.173');
  });

  it('an unanswered question fails with "Not answered."', () => {
    const report = grade(tamper, { settings: { 'cpu.dipWriteProtect': true } });
    expect(report.objectives.find((o) => o.id === 'when')?.reason).toBe('Not answered.');
  });
});

describe('the report', () => {
  it('has a timeline entry per traffic request with sender, request and traced outcome; the history stays out', () => {
    const report = grade(forensics, fixture('09-operation-log-forensics', 'reference.json'));
    expect(report.timeline.map((t) => t.phase)).toEqual(['traffic', 'traffic', 'traffic']);
    for (const t of report.timeline) {
      expect(t.request?.from.name).toBe(t.from);
      expect(t.outcome.trace.length).toBeGreaterThan(0);
      expect(t.met).toBe(true);
    }
  });

  it('links each failed objective to the lessons of its functions and of the function that blocked', () => {
    const report = grade(filter, fixture('02-filter-blocks', 'wrong-scada-forgotten.json'));
    const scada = report.objectives.find((o) => o.id === 'scada-not-locked-out');
    expect(scada?.lessons).toEqual(['06-ip-packet-filtering']);
    expect(scada?.reason).toMatch(/SCADA server polls .* stopped by IP packet filtering \(§2-2-1\)/);
  });

  it('maps every function to a lesson id', () => {
    expect(Object.keys(LESSON_FOR_FUNCTION).sort()).toEqual([...FUNCTION_IDS].sort());
    for (const id of Object.values(LESSON_FOR_FUNCTION)) {
      expect(id).toMatch(/^\d{2}-[a-z-]+$/);
      // A failed objective links here: the lesson must exist.
      expect(existsSync(new URL(`../../../content/lessons/${id}.mdx`, import.meta.url)), id).toBe(true);
    }
  });

  it('fits the progress document’s lab report', () => {
    const report = grade(users, fixture('01-users-and-roles', 'reference.json'));
    const stored = labReport.safeParse({ score: report.score, max: report.max, passed: report.passed, at: '2026-03-02T10:00:00.000Z', details: report });
    expect(stored.success).toBe(true);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});

describe('helpers', () => {
  it('deepEqual ignores key order and undefined fields', () => {
    expect(deepEqual({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1, d: undefined })).toBe(true);
    expect(deepEqual([1, 2], [2, 1])).toBe(false);
  });

  it('valueAt reads dotted paths through objects and lists', () => {
    expect(valueAt({ eip: { users: [{ name: 'x' }] } }, 'eip.users.0.name')).toBe('x');
    expect(valueAt({ eip: null }, 'eip.users')).toBeUndefined();
  });
});
