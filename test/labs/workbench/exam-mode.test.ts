/**
 * The exam mode's pieces: the lab the workbench rebuilds from an item's public view starts exactly
 * where the server's grader starts (so an answer made in the browser means the same on the server),
 * the candidate's own requests meet that rack, the answer field is written and read back, and an
 * answer made through the workbench's machine earns the grader's full marks on the server.
 */
import { createActor } from 'xstate';
import { beforeAll, describe, expect, it } from 'vitest';
import { grade, startingState } from '../../../machines/grading/grader.ts';
import type { Lab } from '../../../machines/grading/lab.ts';
import { examFieldProgress, examLab, fieldText, readField } from '../../../src/labs/exam-mode.ts';
import { sendOwnRequest } from '../../../src/labs/own-request.ts';
import { draftOf, workbenchMachine } from '../../../src/labs/workbench.machine.ts';
import { publicLab } from '../../../src/server/exams/public-lab.ts';
import { allLabs, labById } from '../lab-fixtures.ts';

let labs: Lab[];
beforeAll(async () => {
  labs = await allLabs();
});

/** A stand-in for the exam page's textarea: a value, and the change events the page autosaves on. */
class FakeField extends EventTarget {
  value = '';
  changes: string[] = [];
  constructor() {
    super();
    this.addEventListener('change', () => this.changes.push(this.value));
  }
}

describe('the lab rebuilt from an item’s public view', () => {
  for (const seed of [7, 1_234_567]) {
    it(`starts every lab with the settings the server's grader starts from (variant ${seed})`, () => {
      expect(labs.length).toBeGreaterThanOrEqual(12);
      for (const lab of labs) {
        const view = publicLab(lab, seed);
        const rebuilt = examLab('item-1', view);
        expect(startingState(rebuilt).settings, lab.id).toEqual(view.settings);
        // Nothing of the key comes back: no traffic, history, hints, or expected answers.
        expect(rebuilt.traffic, lab.id).toEqual([]);
        expect(rebuilt.history, lab.id).toEqual([]);
        expect(rebuilt.hints, lab.id).toEqual([]);
        expect(rebuilt.objectives.every((o) => o.kind === 'question' && o.expected === undefined && o.derive === undefined && o.points === 0), lab.id).toBe(true);
      }
    });
  }

  it('answers the candidate’s own request from the scene the history left (the forensics lab’s operating mode and users)', async () => {
    const lab = await labById('09-operation-log-forensics');
    const view = publicLab(lab, 42);
    const rebuilt = examLab('item-2', view);
    const designer = view.network.find((n) => n.name === 'Design PC');
    if (!designer?.ip) throw new Error('the forensics lab has no Design PC');
    // The scene's mode is the one the history left, not the lab file's.
    expect(startingState(rebuilt).view.cpu.mode).toBe(view.rack.cpu.mode);
    const user = view.settings.eip?.users[0];
    if (!user) throw new Error('the forensics lab has no user');
    const entry = sendOwnRequest(
      rebuilt,
      null,
      {},
      { from: { via: 'network', name: designer.name, ip: designer.ip, finsNode: designer.finsNode ?? 10 }, protocol: 'secure-comm', credentials: { user: user.name, password: 'not-the-password' }, operation: { kind: 'controller.read' } },
      'a guess',
    );
    expect(entry.outcome.allowed).toBe(false);
  });
});

describe('the answer field', () => {
  it('holds the answer the grader takes, without hints, and nothing for an empty answer', () => {
    expect(fieldText({})).toBe('');
    expect(fieldText({ settings: {}, actions: [], answers: {}, hintsUsed: ['h1'] })).toBe('');
    expect(JSON.parse(fieldText({ settings: { 'cpu.dipWriteProtect': true }, hintsUsed: ['h1'] }))).toEqual({ settings: { 'cpu.dipWriteProtect': true } });
  });

  it('reads back what the server saved, and says why a typed text cannot be used', async () => {
    const lab = examLab('item-3', publicLab(await labById('03-dip-write-protection'), 5));
    expect(readField('', lab)).toEqual({ kind: 'none' });
    const saved = readField('{ "settings": { "cpu.dipWriteProtect": true } }', lab);
    expect(saved.kind === 'ok' && saved.draft.answer).toEqual({ settings: { 'cpu.dipWriteProtect': true } });
    expect(readField('{ "settings": ', lab)).toEqual({ kind: 'corrupt', reason: 'it is not valid JSON' });
    const stranger = readField('{ "settings": { "cpu.plcName": "LINE9" } }', lab);
    expect(stranger.kind).toBe('corrupt');
  });
});

describe('the workbench in exam mode', () => {
  it('writes each change into the answer field (one change event each), restores it after a reload, and the server grades it in full', async () => {
    const source = await labById('03-dip-write-protection');
    const seed = 99;
    const lab = examLab('item-4', publicLab(source, seed));
    const field = new FakeField();
    const progress = examFieldProgress(field);
    const open = (draft: unknown) => {
      const actor = createActor(
        workbenchMachine.provide({ actions: { saveDraft: ({ context }) => void progress.saveDraft(lab.id, draftOf(context)) } }),
        { input: { lab } },
      ).start();
      actor.send({ type: 'workbench.opened', learnerId: 'exam', learnerSeed: 0, draft });
      return actor;
    };

    const first = open(progress.loadDraft(lab.id));
    expect(first.getSnapshot().context.answer).toEqual({});
    first.send({ type: 'setting.changed', path: 'cpu.dipWriteProtect', value: true });
    expect(field.changes).toHaveLength(1);
    expect(JSON.parse(field.value)).toEqual({ settings: { 'cpu.dipWriteProtect': true } });
    // A setting the lab does not let the candidate change is refused and nothing is written.
    first.send({ type: 'setting.changed', path: 'cpu.plcName', value: 'X' });
    expect(field.changes).toHaveLength(1);

    // After a reload the page fills the field with what the server saved; the workbench picks it up.
    const again = open(progress.loadDraft(lab.id));
    expect(again.getSnapshot().context.answer).toEqual({ settings: { 'cpu.dipWriteProtect': true } });

    const report = grade(source, JSON.parse(field.value), seed);
    expect(report.score).toBe(report.max);
    // Undone, the answer empties the field: the item is saved as not answered.
    again.send({ type: 'setting.changed', path: 'cpu.dipWriteProtect', value: false });
    expect(field.value).toBe('');
  });
});
