import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { instantiate } from '../../../machines/grading/variants.ts';
import { makeDraft } from '../../../src/labs/draft.ts';
import { senderNodes } from '../../../src/labs/own-request.ts';
import { draftOf, workbenchMachine } from '../../../src/labs/workbench.machine.ts';
import { FIXTURE_SOLUTION, fixtureLab } from './fixture-lab.ts';

const lab = fixtureLab();
const AT = '2026-03-02T10:00:00.000Z';

function start(draft: unknown = undefined, learnerSeed = 7) {
  const saved: unknown[] = [];
  const recorded: unknown[] = [];
  const aside: unknown[] = [];
  const machine = workbenchMachine.provide({
    actions: {
      saveDraft: ({ context }) => void saved.push(draftOf(context)),
      recordResult: (_, params) => void recorded.push(params.graded),
      keepDraftAside: (_, params) => void (params.draft !== undefined && aside.push(params.draft)),
    },
  });
  const actor = createActor(machine, { input: { lab } }).start();
  actor.send({ type: 'workbench.opened', learnerId: '0101-0101-0101', learnerSeed, draft });
  return { actor, saved, recorded, aside, ctx: () => actor.getSnapshot().context };
}

describe('the workbench', () => {
  it('waits in loading with the default variant until the browser has read the learner and the draft', () => {
    const actor = createActor(workbenchMachine, { input: { lab } }).start();
    expect(actor.getSnapshot().value).toBe('loading');
    expect(actor.getSnapshot().context.seed).toBeNull();
    actor.send({ type: 'setting.changed', path: 'cpu.dipWriteProtect', value: true });
    expect(actor.getSnapshot().context.answer).toEqual({});
  });

  it('opens the learner’s variant when nothing is saved', () => {
    const { actor, ctx } = start();
    expect(actor.getSnapshot().value).toBe('ready');
    expect(ctx().seed).toBe(7);
    expect(ctx().variant.values).toEqual(instantiate(lab, 7).values);
    expect(ctx().notice).toBeNull();
  });

  it('resumes a saved draft, with the variant it was made for', () => {
    const { ctx } = start(makeDraft(99, FIXTURE_SOLUTION));
    expect(ctx().seed).toBe(99);
    expect(ctx().answer).toEqual(FIXTURE_SOLUTION);
  });

  it('recovers from a corrupt draft: starts from the lab’s start, says why, keeps the bad copy aside', () => {
    const corrupt = { format: 1, seed: 3, answer: { settings: { 'eip.filter.enabled': 'maybe' } } };
    const { actor, ctx, aside, saved } = start(corrupt);
    expect(actor.getSnapshot().value).toBe('ready');
    expect(ctx().answer).toEqual({});
    expect(ctx().seed).toBe(7);
    expect(ctx().notice).toMatch(/could not be read .*eip\.filter\.enabled.* starts from the beginning/);
    expect(aside).toEqual([corrupt]);
    expect(saved).toEqual([]);
    actor.send({ type: 'notice.dismissed' });
    expect(ctx().notice).toBeNull();
  });

  it('saves the draft on every change of the answer', () => {
    const { actor, saved } = start();
    actor.send({ type: 'setting.changed', path: 'eip.filter.enabled', value: true });
    actor.send({ type: 'question.answered', id: 'which-function', value: 'filter' });
    actor.send({ type: 'action.added', action: 'program.transfer' });
    actor.send({ type: 'action.removed', index: 0 });
    actor.send({ type: 'hint.revealed' });
    expect(saved).toHaveLength(5);
    expect(saved.at(-1)).toEqual(makeDraft(7, { settings: { 'eip.filter.enabled': true }, answers: { 'which-function': 'filter' }, hintsUsed: ['nudge'] }));
  });

  it('refuses a setting the lab does not let the learner change, saving nothing', () => {
    const { actor, ctx, saved } = start();
    actor.send({ type: 'setting.changed', path: 'eip.ports.finsUdp', value: false });
    expect(ctx().answer).toEqual({});
    expect(ctx().refusal?.message).toBe('FINS/UDP cannot be changed in this lab: it is shown for reference only.');
    expect(saved).toEqual([]);
    actor.send({ type: 'action.added', action: 'memory.clearAll' });
    expect(ctx().refusal?.message).toMatch(/does not offer/);
  });

  it('§2-2-1 runs the traffic suite and marks the run stale when the answer changes', () => {
    const { actor, ctx, recorded } = start();
    actor.send({ type: 'run.requested' });
    expect(ctx().report?.timeline.find((t) => t.id === 'rogue-reads')?.outcome.allowed).toBe(true);
    expect(ctx().reportRevision).toBe(ctx().revision);
    actor.send({ type: 'setting.changed', path: 'eip.filter.enabled', value: true });
    expect(ctx().reportRevision).not.toBe(ctx().revision);
    expect(recorded).toEqual([]);
  });

  it('grades with the learner’s seed, after hint penalties, and records the result', () => {
    const { actor, ctx, recorded } = start(makeDraft(7, FIXTURE_SOLUTION));
    actor.send({ type: 'hint.revealed' });
    actor.send({ type: 'grade.requested', at: AT });
    const graded = ctx().graded;
    expect(graded?.at).toBe(AT);
    expect(graded?.report.seed).toBe(7);
    expect(graded?.report.score).toBe((graded?.report.max ?? 0) - 1);
    expect(recorded).toEqual([graded]);
  });

  it('reveals hints one at a time and no further than the last', () => {
    const { actor, ctx } = start();
    for (let i = 0; i < 4; i++) actor.send({ type: 'hint.revealed' });
    expect(ctx().answer.hintsUsed).toEqual(['nudge', 'walkthrough']);
  });

  it('§2-2-1 sends the learner’s own request through the configured rack, newest first', () => {
    const { actor, ctx } = start(makeDraft(7, FIXTURE_SOLUTION));
    const rogue = senderNodes(ctx().variant.network).find((n) => n.name === 'Rogue laptop');
    if (!rogue) throw new Error('no rogue laptop');
    actor.send({ type: 'request.sent', request: { from: rogue.origin, protocol: 'fins-udp', operation: { kind: 'controller.read' } }, label: 'first' });
    actor.send({ type: 'request.sent', request: { from: rogue.origin, protocol: 'fins-tcp', operation: { kind: 'program.read' } }, label: 'second' });
    expect(ctx().ownRequests.map((r) => [r.seq, r.entry.label, r.entry.outcome.blockedBy?.source])).toEqual([
      [2, 'second', 'ip-filter'],
      [1, 'first', 'ip-filter'],
    ]);
    actor.send({ type: 'request.sent', request: { from: { via: 'usb', name: 'Nobody' }, operation: { kind: 'controller.read' } }, label: 'bad' });
    expect(ctx().refusal?.message).toMatch(/could not be sent/);
    expect(ctx().ownRequests).toHaveLength(2);
  });

  it('starts again from the lab’s start on reset, keeping the variant and the opened hints', () => {
    const { actor, ctx, saved } = start(makeDraft(7, FIXTURE_SOLUTION));
    actor.send({ type: 'grade.requested', at: AT });
    actor.send({ type: 'answer.reset' });
    expect(ctx().answer).toEqual({});
    expect(ctx().report).toBeNull();
    expect(ctx().seed).toBe(7);
    expect(saved.at(-1)).toEqual(makeDraft(7, {}));
    actor.send({ type: 'hint.revealed' });
    actor.send({ type: 'setting.changed', path: 'cpu.dipWriteProtect', value: true });
    actor.send({ type: 'answer.reset' });
    expect(ctx().answer).toEqual({ hintsUsed: ['nudge'] });
  });
});
