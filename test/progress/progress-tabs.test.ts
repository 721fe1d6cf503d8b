import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLabProgress } from '../../src/progress/lab-progress.ts';
import { createProgressStore } from '../../src/progress/progress.ts';
import { emptyProgress, mergeLesson, PROGRESS_KEY } from '../../src/progress/progress-doc.ts';
import { mergeProgress } from '../../src/progress/progress-records.ts';
import type { KeyValueStore } from '../../src/progress/progress-storage.ts';
import { createActor } from 'xstate';
import { makeDraft } from '../../src/labs/draft.ts';
import { draftOf, workbenchMachine } from '../../src/labs/workbench.machine.ts';
import type { LessonRecord } from '../../src/progress/progress-schema.ts';
import { FIXTURE_SOLUTION, fixtureLab } from '../labs/workbench/fixture-lab.ts';

/**
 * Tabs of one browser as Chromium runs them: each tab reads its own copy of localStorage, and
 * another tab's write reaches it later (then its `storage` event fires). Until `settle()`
 * delivers the writes, a tab reads stale data — which is how two clicks at once lost one
 * completion before every write merged.
 */
function browser() {
  const shared = new Map<string, string>();
  type Tab = { cache: Map<string, string>; listeners: ((event: { key: string | null }) => void)[]; inbox: string[] };
  const tabs: Tab[] = [];
  let opening: Tab | undefined;
  vi.stubGlobal('addEventListener', (type: string, listener: Tab['listeners'][number]) => {
    if (type === 'storage') opening?.listeners.push(listener);
  });

  /** Opens a tab and builds `make` (a progress store) on its storage. */
  function open<T>(make: (storage: KeyValueStore) => T): T {
    const tab: Tab = { cache: new Map(shared), listeners: [], inbox: [] };
    const storage: KeyValueStore = {
      getItem: (key) => tab.cache.get(key) ?? null,
      setItem(key, value) {
        tab.cache.set(key, value);
        shared.set(key, value);
        for (const other of tabs) if (other !== tab) other.inbox.push(key);
      },
      removeItem(key) {
        tab.cache.delete(key);
        shared.delete(key);
        for (const other of tabs) if (other !== tab) other.inbox.push(key);
      },
      get length() {
        return tab.cache.size;
      },
      key: (index) => [...tab.cache.keys()][index] ?? null,
    };
    opening = tab;
    const made = make(storage);
    opening = undefined;
    tabs.push(tab);
    return made;
  }

  /** Delivers pending writes to `tab` (or every tab) until no tab has anything left; returns the rounds it took. */
  function settle(only?: number): number {
    for (let round = 0; round < 50; round++) {
      const busy = tabs.filter((t, i) => t.inbox.length > 0 && (only === undefined || i === only));
      if (busy.length === 0) return round;
      for (const tab of busy) {
        const keys = new Set(tab.inbox.splice(0));
        tab.cache = new Map(shared);
        for (const key of keys) for (const listener of tab.listeners) listener({ key });
      }
      if (only !== undefined) return round + 1;
    }
    throw new Error('the tabs kept writing to each other and never settled');
  }

  const stored = () => JSON.parse(shared.get(PROGRESS_KEY) ?? 'null');
  return { open, settle, stored };
}

let clock = Date.UTC(2026, 2, 1, 9, 0, 0);
const now = () => {
  clock += 1000;
  return new Date(clock);
};
const progressTab = (storage: KeyValueStore) => createProgressStore({ storage, now, notify: () => {} });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('two tabs of one browser', () => {
  it('"Mark as complete" clicked in both at once keeps both completions', () => {
    const { open, settle, stored } = browser();
    const a = open(progressTab);
    const b = open(progressTab);

    a.markCompleted('01-defense-in-depth');
    b.markCompleted('02-threats-and-attack-vectors'); // b has not seen a's write yet
    settle();

    expect(Object.keys(stored().lessons).sort()).toEqual(['01-defense-in-depth', '02-threats-and-attack-vectors']);
    for (const tab of [a, b]) {
      expect(tab.getProgress().lessons['01-defense-in-depth']?.completedAt).toBeDefined();
      expect(tab.getProgress().lessons['02-threats-and-attack-vectors']?.completedAt).toBeDefined();
    }
  });

  it('keeps every completion whatever the order of clicks and deliveries, and the tabs stop writing', () => {
    const lessons = ['a', 'b', 'c', 'd'];
    fc.assert(
      fc.property(
        fc.array(fc.record({ tab: fc.nat(2), lesson: fc.constantFrom(...lessons), deliver: fc.option(fc.nat(2)) }), { maxLength: 12 }),
        (steps) => {
          const { open, settle, stored } = browser();
          const tabs = [open(progressTab), open(progressTab), open(progressTab)];
          for (const step of steps) {
            tabs[step.tab]?.markCompleted(step.lesson);
            if (step.deliver !== null) settle(step.deliver);
          }
          expect(settle()).toBeLessThan(50);
          const done = Object.keys(stored()?.lessons ?? {}).filter((id) => stored().lessons[id].completedAt);
          expect(done.sort()).toEqual([...new Set(steps.map((s) => s.lesson))].sort());
          vi.unstubAllGlobals();
        },
      ),
      { numRuns: 60 },
    );
  });

  it('a lesson marked not complete in one tab stays so after another tab with the older copy writes', () => {
    const { open, settle, stored } = browser();
    const a = open(progressTab);
    a.markCompleted('01-defense-in-depth');
    const b = open(progressTab); // b opens with the lesson complete
    settle();

    a.markCompleted('01-defense-in-depth', false);
    b.markVisited('02-threats-and-attack-vectors'); // stale: b still holds the completion
    settle();

    expect(stored().lessons['01-defense-in-depth'].completedAt).toBeUndefined();
    expect(stored().lessons['02-threats-and-attack-vectors'].visitedAt).toBeDefined();
    expect(b.getProgress().lessons['01-defense-in-depth']?.completedAt).toBeUndefined();
  });

  it('quiz and lab results recorded in both at once are both kept', () => {
    const { open, settle, stored } = browser();
    const a = open(progressTab);
    const b = open(progressTab);
    a.recordQuizResult('layers', { score: 4, max: 5, answers: { q1: 'a' } });
    b.recordLabResult('02-filter-blocks', { score: 9, max: 12, passed: false, at: '2026-03-01T09:00:00.000Z' });
    settle();
    expect(stored().quizzes.layers.best.score).toBe(4);
    expect(stored().labs['02-filter-blocks'].best.score).toBe(9);
  });
});

describe('two tabs on one lab', () => {
  const labTab = (storage: KeyValueStore) => createLabProgress({ storage, now, notify: () => {} });
  const LAB = '02-filter-blocks';
  const draft = (seed: number) => ({ format: 1, seed, answer: { settings: { 'eip.filter.enabled': true } } });

  it('never overwrite each other silently: the second tab is told and chooses', () => {
    const { open, settle, stored } = browser();
    const a = open(labTab);
    const b = open(labTab);
    a.loadDraft(LAB);
    b.loadDraft(LAB);
    const told = vi.fn();
    a.onDraftConflict(LAB, told);

    expect(b.saveDraft(LAB, draft(2))).toBe(true);
    settle();
    expect(told).toHaveBeenCalledTimes(1); // at once, through the storage event

    // This tab's own change is not written over the other tab's.
    expect(a.saveDraft(LAB, draft(1))).toBe(false);
    expect(stored().labs[LAB].draft).toEqual(draft(2));

    a.keepMine(LAB, draft(1));
    expect(stored().labs[LAB].draft).toEqual(draft(1));
    expect(a.saveDraft(LAB, draft(3))).toBe(true);
  });

  it('"keep theirs" hands over the other tab\'s draft and saving goes on from it', () => {
    const { open, settle, stored } = browser();
    const a = open(labTab);
    const b = open(labTab);
    a.loadDraft(LAB);
    b.loadDraft(LAB);
    b.saveDraft(LAB, draft(2));
    settle();

    expect(a.keepTheirs(LAB)).toEqual(draft(2));
    expect(a.saveDraft(LAB, draft(4))).toBe(true);
    expect(stored().labs[LAB].draft).toEqual(draft(4));
  });

  it('saving the same work as the other tab is no conflict', () => {
    const { open, settle } = browser();
    const a = open(labTab);
    const b = open(labTab);
    a.loadDraft(LAB);
    b.loadDraft(LAB);
    b.saveDraft(LAB, draft(2));
    settle();
    const told = vi.fn();
    a.onDraftConflict(LAB, told);
    expect(a.saveDraft(LAB, draft(2))).toBe(true);
    expect(told).not.toHaveBeenCalled();
  });
});

describe('merging two copies', () => {
  const time = fc.date({ min: new Date('2026-01-01'), max: new Date('2026-12-31'), noInvalidDate: true }).map((d) => d.toISOString());
  const lesson = fc.record({ visitedAt: time, completedAt: time, reopenedAt: time }, { requiredKeys: [] }) as fc.Arbitrary<LessonRecord>;
  const norm = (r: LessonRecord) => JSON.parse(JSON.stringify(r));

  it('is commutative and idempotent for lessons, so tabs agree', () => {
    fc.assert(
      fc.property(lesson, lesson, lesson, (a, b, c) => {
        expect(norm(mergeLesson(a, b))).toEqual(norm(mergeLesson(b, a)));
        const ab = mergeLesson(a, b);
        expect(norm(mergeLesson(ab, ab))).toEqual(norm(ab));
        expect(norm(mergeLesson(mergeLesson(a, b), c))).toEqual(norm(mergeLesson(a, mergeLesson(b, c))));
      }),
    );
  });

  it('returns the stored copy unchanged when the other adds nothing', () => {
    const stored = { ...emptyProgress(), lessons: { x: { completedAt: '2026-01-02T00:00:00.000Z', visitedAt: '2026-01-01T00:00:00.000Z' } } };
    expect(JSON.stringify(mergeProgress(stored, stored))).toBe(JSON.stringify(stored));
    expect(JSON.stringify(mergeProgress(stored, emptyProgress()))).toBe(JSON.stringify(stored));
  });

  it('treats ids named like Object.prototype members as plain ids', () => {
    const a = { ...emptyProgress(), lessons: JSON.parse('{"constructor": {"visitedAt": "2026-01-01T00:00:00.000Z"}, "__proto__": {"visitedAt": "2026-01-01T00:00:00.000Z"}}') };
    const merged = mergeProgress(emptyProgress(), a);
    expect(Object.keys(merged.lessons).sort()).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(merged.lessons)).toBe(Object.prototype);
  });
});

describe('a bad record with a strict reader and a light one open', () => {
  it('is kept where it is, once, and the tabs do not undo each other', () => {
    const { open, settle, stored } = browser();
    const at = '2026-03-01T08:00:00.000Z';
    const doc = { version: 3, lessons: { a: { visitedAt: at }, b: { completedAt: 'yesterday' }, '': { visitedAt: at } }, quizzes: {}, labs: {} };
    const seed = open((storage) => storage);
    seed.setItem(PROGRESS_KEY, JSON.stringify(doc));
    settle();
    const strict = open(progressTab);
    const light = open((storage) => createLabProgress({ storage, now, notify: () => {} }));
    light.loadDraft('02-filter-blocks');

    strict.markCompleted('a');
    light.saveDraft('02-filter-blocks', { format: 1, seed: 1, answer: {} });
    strict.markVisited('c');
    expect(settle()).toBeLessThan(10);

    expect(stored().lessons.b).toEqual({ completedAt: 'yesterday' });
    expect(stored().lessons['']).toEqual({ visitedAt: at });
    expect(stored().lessons.a.completedAt).toBeDefined();
    expect(stored().labs['02-filter-blocks'].draft.seed).toBe(1);
    expect(strict.listBackups()).toHaveLength(1);
    expect(strict.getProgress().lessons.b).toBeUndefined();
  });
});

describe('the workbench taking the other tab\'s work', () => {
  const lab = fixtureLab();
  function opened() {
    const saved: unknown[] = [];
    const machine = workbenchMachine.provide({ actions: { saveDraft: ({ context }) => void saved.push(draftOf(context)) } });
    const actor = createActor(machine, { input: { lab } }).start();
    actor.send({ type: 'workbench.opened', learnerId: '0101-0101-0101', learnerSeed: 7, draft: undefined });
    return { actor, saved };
  }

  it('replaces this tab\'s answer with it, without saving it again', () => {
    const { actor, saved } = opened();
    actor.send({ type: 'draft.replaced', draft: makeDraft(9, FIXTURE_SOLUTION) });
    expect(draftOf(actor.getSnapshot().context)).toEqual(makeDraft(9, FIXTURE_SOLUTION));
    expect(saved).toEqual([]);
  });

  it('keeps this tab\'s work, and says why, when the other tab\'s cannot be read', () => {
    const { actor } = opened();
    const before = actor.getSnapshot().context.answer;
    actor.send({ type: 'draft.replaced', draft: { format: 'other' } });
    expect(actor.getSnapshot().context.answer).toBe(before);
    expect(actor.getSnapshot().context.notice).toMatch(/^The other tab's work on this lab could not be used \(.+\); your work here is unchanged\.$/);
  });
});
