import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createProgressStore, parseProgress } from '../../src/progress/progress.ts';
import {
  BACKUP_PREFIX,
  emptyProgress,
  PROGRESS_KEY,
  PROGRESS_VERSION,
  parseProgressLoosely,
  resumeLesson,
  withCompleted,
  withVisited,
} from '../../src/progress/progress-doc.ts';
import { type KeyValueStore, loadProgress } from '../../src/progress/progress-storage.ts';
import { labStatus } from '../../src/labs/results.ts';
import { progressV3 } from '../../src/progress/progress-schema.ts';
import { fullStorage, memoryStorage } from './memory-storage.ts';

/** A clock that moves one minute per reading, so every write has its own time. */
function steppingClock(start = Date.UTC(2026, 0, 31, 12, 0, 0)) {
  let t = start;
  return () => {
    const d = new Date(t);
    t += 60_000;
    return d;
  };
}

function setup(initial?: Record<string, string>) {
  const storage = memoryStorage(initial);
  const notices: string[] = [];
  const store = createProgressStore({ storage, now: steppingClock(), notify: (m) => notices.push(m) });
  return { storage, notices, store };
}

describe('progress schema', () => {
  it('accepts an empty current document and refuses unknown fields', () => {
    expect(progressV3.safeParse(emptyProgress()).success).toBe(true);
    const result = parseProgress({ ...emptyProgress(), extra: 1 }, '2026-01-31T12:00:00.000Z');
    expect(result).toEqual({ ok: false, error: expect.stringContaining('extra') });
  });

  it('sets a damaged record aside alone, naming the field and what was expected', () => {
    const good = { visitedAt: '2026-01-30T12:00:00.000Z' };
    const doc = { ...emptyProgress(), lessons: { '01-defense-in-depth': { completedAt: 'yesterday' }, '02-threats': good } };
    const result = parseProgress(doc, '2026-01-31T12:00:00.000Z');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.progress.lessons).toEqual({ '02-threats': good });
    expect(result.bad?.bad.lessons).toEqual({ '01-defense-in-depth': { completedAt: 'yesterday' } });
    expect(result.bad?.problems).toEqual([
      { part: 'lessons', id: '01-defense-in-depth', problem: expect.stringMatching(/^completedAt: expected a date and time like "2026-01-31T12:00:00.000Z"/) },
    ]);
  });

  it('reads ids named like Object.prototype members as plain ids, and names an empty id', () => {
    const at = '2026-01-30T12:00:00.000Z';
    const raw = `{"version": 3, "lessons": {"__proto__": {"visitedAt": "${at}"}, "constructor": {"visitedAt": "${at}"}, "": {}}, "quizzes": {}, "labs": {}}`;
    const result = parseProgress(JSON.parse(raw), at);
    if (!result.ok) throw new Error(result.error);
    expect(Object.keys(result.progress.lessons).sort()).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(result.progress.lessons)).toBe(Object.prototype);
    expect(result.bad?.problems).toEqual([{ part: 'lessons', id: '', problem: 'an id must not be empty: give the record its id' }]);
  });

  it('still refuses a document whose frame is wrong', () => {
    const result = parseProgress({ ...emptyProgress(), lessons: [] }, '2026-01-31T12:00:00.000Z');
    expect(result).toEqual({ ok: false, error: expect.stringContaining('lessons') });
  });
});

describe('migration v1 → v2', () => {
  it('turns v1 id lists into per-lesson records and saves the result', () => {
    const v1 = { version: 1, completed: ['01-defense-in-depth'], visited: ['02-threats-and-attack-vectors'] };
    const { storage, store, notices } = setup({ [PROGRESS_KEY]: JSON.stringify(v1) });

    const progress = store.getProgress();

    expect(progress.version).toBe(PROGRESS_VERSION);
    expect(progress.lessons['01-defense-in-depth']).toEqual({
      visitedAt: '2026-01-31T12:00:00.000Z',
      completedAt: '2026-01-31T12:00:00.000Z',
    });
    expect(progress.lessons['02-threats-and-attack-vectors']).toEqual({ visitedAt: '2026-01-31T12:00:00.000Z' });
    expect(JSON.parse(storage.data.get(PROGRESS_KEY) ?? '')).toEqual(progress);
    expect(notices).toEqual([]);
  });

  it('the light guard and the zod schema migrate v1 the same way', () => {
    const v1 = { version: 1, completed: ['a', 'b'] };
    expect(parseProgressLoosely(v1, '2026-01-31T12:00:00.000Z')).toEqual(parseProgress(v1, '2026-01-31T12:00:00.000Z'));
  });
});

describe('a stored value that cannot be read', () => {
  it.each([
    ['not JSON', '{"version": 2, "less', 'not valid JSON'],
    ['damaged', JSON.stringify({ version: 2, lessons: [], quizzes: {}, labs: {} }), 'damaged'],
    ['not an object', '"hello"', 'not a progress document of a version this course knows'],
  ])('is kept aside when it is %s, and the learner is told', (_name, raw, reason) => {
    const storage = memoryStorage({ [PROGRESS_KEY]: raw });

    const loaded = loadProgress(storage, parseProgressLoosely, '2026-01-31T12:00:00.000Z');

    const backupKey = `${BACKUP_PREFIX}2026-01-31T12:00:00.000Z`;
    expect(loaded.progress).toEqual(emptyProgress());
    expect(storage.data.get(backupKey)).toBe(raw);
    expect(JSON.parse(storage.data.get(PROGRESS_KEY) ?? '')).toEqual(emptyProgress());
    expect(loaded.notice).toContain(reason);
    expect(loaded.notice).toContain('it is kept as a backup');
    expect(loaded.writable).toBe(true);
  });

  it('of an unknown version is kept aside, not guessed at', () => {
    const future = JSON.stringify({ version: 4, lessons: {}, quizzes: {}, labs: {} });
    const { storage, store, notices } = setup({ [PROGRESS_KEY]: future });

    expect(store.getProgress()).toEqual(emptyProgress());
    expect(store.listBackups()).toHaveLength(1);
    expect(store.readBackup(store.listBackups()[0]?.key ?? '')).toBe(future);
    expect(notices[0]).toMatch(/not a progress document of a version this course knows \(1 to 3\)/);
    expect(storage.data.get(PROGRESS_KEY)).toBe(JSON.stringify(emptyProgress()));
  });

  it('that zod rejects but the light guard accepts is set aside by the full store, record by record', () => {
    const lesson = { visitedAt: '2026-01-30T12:00:00.000Z' };
    const odd = { ...emptyProgress(), lessons: { '02-threats': lesson }, quizzes: { q1: { score: 'ten' } } };
    expect(parseProgressLoosely(odd, 'now').ok).toBe(true);
    const { store, notices, storage } = setup({ [PROGRESS_KEY]: JSON.stringify(odd) });

    store.markVisited('01-defense-in-depth');

    expect(notices).toEqual(['One record of your saved progress could not be read and was set aside (a copy is kept as a backup); everything else loaded. Open Your progress to see what to fix.']);
    const backup = JSON.parse(store.readBackup(store.listBackups()[0]?.key ?? '') ?? '');
    expect(backup).toEqual({ ...emptyProgress(), quizzes: { q1: { score: 'ten' } } });
    const stored = JSON.parse(storage.data.get(PROGRESS_KEY) ?? '');
    expect(stored.lessons['02-threats']).toEqual(lesson);
    expect(stored.lessons['01-defense-in-depth'].visitedAt).toBeDefined();
    // Left as it was in the stored document (other tabs still read it), and out of the store's view.
    expect(stored.quizzes).toEqual({ q1: { score: 'ten' } });
    expect(store.getProgress().quizzes).toEqual({});
    store.markVisited('02-threats');
    expect(store.listBackups()).toHaveLength(1);
    expect(notices).toHaveLength(1);
  });

  it('does not break anything when the browser refuses storage', () => {
    const refusing: KeyValueStore = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('SecurityError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
      length: 0,
      key: () => null,
    };
    const notices: string[] = [];
    const store = createProgressStore({ storage: refusing, notify: (m) => notices.push(m) });

    expect(() => store.markCompleted('01-defense-in-depth')).not.toThrow();
    expect(notices).toEqual([expect.stringMatching(/not saving your progress/)]);
    // The page keeps working from its own copy until the learner leaves; nothing was stored.
    expect(store.getProgress().lessons['01-defense-in-depth']?.completedAt).toBeDefined();
    expect(createProgressStore({ storage: refusing, notify: () => {} }).getProgress()).toEqual(emptyProgress());
  });
});

describe('lessons', () => {
  it('keep their first completion time and can be marked not complete', () => {
    const { store } = setup();
    store.markCompleted('01-defense-in-depth');
    const first = store.getProgress().lessons['01-defense-in-depth']?.completedAt;
    store.markCompleted('01-defense-in-depth');
    expect(store.getProgress().lessons['01-defense-in-depth']?.completedAt).toBe(first);

    store.markCompleted('01-defense-in-depth', false);

    const record = store.getProgress().lessons['01-defense-in-depth'];
    expect(record?.completedAt).toBeUndefined();
    expect(record?.visitedAt).toBeDefined();
  });

  it('resume at the last visited lesson, or the next incomplete one after it', () => {
    const ids = ['a', 'b', 'c'];
    let doc = emptyProgress();
    expect(resumeLesson(doc, ids)).toBeUndefined();
    doc = withVisited(doc, 'b', '2026-01-01T00:00:00.000Z');
    doc = withVisited(doc, 'a', '2026-01-02T00:00:00.000Z');
    expect(resumeLesson(doc, ids)).toBe('a');
    doc = withCompleted(doc, 'a', true, '2026-01-02T00:10:00.000Z');
    expect(resumeLesson(doc, ids)).toBe('b');
    doc = withCompleted(doc, 'b', true, '2026-01-02T00:20:00.000Z');
    doc = withCompleted(doc, 'c', true, '2026-01-02T00:30:00.000Z');
    expect(resumeLesson(doc, ids)).toBeUndefined();
  });
});

describe('quizzes and labs', () => {
  it('keep the best lab score while recording the latest report', () => {
    const { store } = setup();
    store.recordLabResult('ip-filter', { score: 6, max: 10, passed: false, at: '2026-01-31T10:00:00.000Z' });
    store.recordLabResult('ip-filter', { score: 9, max: 10, passed: true, at: '2026-01-31T11:00:00.000Z' });
    store.recordLabResult('ip-filter', { score: 4, max: 10, passed: false, at: '2026-01-31T12:00:00.000Z' });

    const lab = store.getProgress().labs['ip-filter'];
    expect(lab?.best?.score).toBe(9);
    expect(lab?.last?.score).toBe(4);
    expect(lab?.attempts).toBe(3);
  });

  it('keep the best quiz attempt with its answers', () => {
    const { store } = setup();
    store.recordQuizResult('layers', { score: 2, max: 5, answers: { q1: 'b' } });
    store.recordQuizResult('layers', { score: 5, max: 5, answers: { q1: 'a' } });
    store.recordQuizResult('layers', { score: 1, max: 5, answers: { q1: 'c' } });

    const quiz = store.getProgress().quizzes.layers;
    expect(quiz?.best.answers).toEqual({ q1: 'a' });
    expect(quiz?.last.score).toBe(1);
    expect(quiz?.attempts).toBe(3);
  });

  it('refuse a malformed result with the field named, changing nothing', () => {
    const { store } = setup();
    expect(() => store.recordLabResult('ip-filter', { score: 11, max: 10, passed: true, at: '2026-01-31T10:00:00.000Z' })).toThrow(
      /recordLabResult: score: score must not be more than max/,
    );
    expect(() => store.recordQuizResult('', { score: 1, max: 1, answers: {} })).toThrow(/non-empty/);
    expect(store.getProgress()).toEqual(emptyProgress());
  });

  it('save and load a lab draft, refusing one that is not JSON data', () => {
    const { store } = setup();
    store.saveLabDraft('ip-filter', { rules: [{ ip: '192.168.250.10' }] });
    expect(store.loadLabDraft('ip-filter')).toEqual({ rules: [{ ip: '192.168.250.10' }] });
    expect(store.loadLabDraft('other')).toBeUndefined();

    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => store.saveLabDraft('ip-filter', cyclic)).toThrow(/saveLabDraft: the draft must be plain JSON data/);
    expect(store.loadLabDraft('ip-filter')).toEqual({ rules: [{ ip: '192.168.250.10' }] });
  });

  it('a draft survives recording a result', () => {
    const { store } = setup();
    store.saveLabDraft('ports', { closed: [21] });
    store.recordLabResult('ports', { score: 1, max: 1, passed: true, at: '2026-01-31T10:00:00.000Z' });
    expect(store.loadLabDraft('ports')).toEqual({ closed: [21] });
  });
});

describe('export and import', () => {
  it('round-trips through a file into another browser', () => {
    const a = setup();
    a.store.markCompleted('01-defense-in-depth');
    a.store.recordLabResult('ip-filter', { score: 3, max: 4, passed: true, at: '2026-01-31T10:00:00.000Z' });
    const file = a.store.exportProgress();

    const b = setup();
    expect(b.store.importProgress(file)).toEqual({ ok: true, skipped: [] });
    const { labs, ...rest } = b.store.getProgress();
    const { labs: labsA, ...restA } = a.store.getProgress();
    expect(rest).toEqual(restA);
    expect(labs['ip-filter']?.best).toEqual({ ...labsA['ip-filter']?.best, imported: true });
  });

  it('keeps the progress it replaces as a backup', () => {
    const { store } = setup();
    store.markCompleted('02-threats-and-attack-vectors');
    const before = store.exportProgress();

    store.importProgress(JSON.stringify({ version: 1, completed: ['01-defense-in-depth'] }));

    expect(store.getProgress().lessons['01-defense-in-depth']?.completedAt).toBeDefined();
    expect(JSON.parse(store.readBackup(store.listBackups()[0]?.key ?? '') ?? '')).toEqual(JSON.parse(before));
  });

  it.each([
    ['text that is not JSON', 'progress!', /The file is not JSON/],
    ['JSON that is not a progress document', '[1, 2, 3]', /not a progress document/],
    ['an unknown version', '{"version": 9}', /of a version this course knows/],
    ['a missing field', '{"version": 2, "lessons": {}, "quizzes": {}}', /labs/],
    ['a v1 file with a bad list', '{"version": 1, "completed": "01"}', /completed/],
  ])('refuses %s with a clear error and changes nothing', (_name, file, message) => {
    const { store, storage } = setup();
    store.markCompleted('01-defense-in-depth');
    const before = new Map(storage.data);

    const result = store.importProgress(file);

    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
    expect(storage.data).toEqual(before);
  });
});

describe('the light guard and the zod schema agree', () => {
  const isoDate = fc
    .date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString());
  const lessonRecord = fc.record({ visitedAt: isoDate, completedAt: isoDate }, { requiredKeys: [] });
  const attempt = fc
    .record({ max: fc.nat(100), score: fc.nat(100), answers: fc.dictionary(fc.string(), fc.jsonValue()), at: isoDate })
    .map((a) => ({ ...a, score: Math.min(a.score, a.max) }));
  const validDoc = fc.record({
    version: fc.constant(PROGRESS_VERSION),
    lessons: fc.dictionary(fc.string({ minLength: 1 }), lessonRecord),
    quizzes: fc.dictionary(fc.string({ minLength: 1 }), fc.record({ last: attempt, best: attempt, attempts: fc.nat() })),
    labs: fc.constant({}),
  });

  it('on every valid document', () => {
    fc.assert(
      fc.property(validDoc, (doc) => {
        const strict = parseProgress(doc, 'now');
        expect(strict.ok).toBe(true);
        expect(parseProgressLoosely(doc, 'now')).toEqual({ ok: true, progress: doc });
      }),
    );
  });

  it('the guard never refuses what the schema accepts', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), validDoc), (value) => {
        if (parseProgress(value, '2026-01-31T12:00:00.000Z').ok) {
          expect(parseProgressLoosely(value, '2026-01-31T12:00:00.000Z').ok).toBe(true);
        }
      }),
    );
  });
});

describe('a stored document too large to copy', () => {
  const unreadable = `{"version": 2, "lessons": {"${'x'.repeat(700)}`;

  it('is moved aside whole, and saving goes on', () => {
    const storage = fullStorage(1000, { [PROGRESS_KEY]: unreadable });
    const notices: string[] = [];
    const store = createProgressStore({ storage, now: steppingClock(), notify: (m) => notices.push(m) });

    store.markCompleted('01-defense-in-depth');

    expect(store.listBackups()).toHaveLength(1);
    expect(store.readBackup(store.listBackups()[0]?.key ?? '')).toBe(unreadable);
    expect(JSON.parse(storage.data.get(PROGRESS_KEY) ?? '').lessons['01-defense-in-depth'].completedAt).toBeDefined();
    expect(notices).toEqual([expect.stringContaining('it is kept as a backup and a fresh record started')]);
  });

  it('with no room even to move it: left untouched, with a way out that loses nothing', () => {
    const oldBackup = `${BACKUP_PREFIX}2026-01-01T00:00:00.000Z`;
    const initial = { [PROGRESS_KEY]: unreadable, [oldBackup]: 'y'.repeat(300) };
    const total = Object.entries(initial).reduce((n, [k, v]) => n + k.length + v.length, 0);
    const storage = fullStorage(total + 10, initial);
    const notices: string[] = [];
    const store = createProgressStore({ storage, now: steppingClock(), notify: (m) => notices.push(m) });

    store.markCompleted('01-defense-in-depth');

    // Nothing was written over it, and the learner is told where to go.
    expect(storage.data.get(PROGRESS_KEY)).toBe(unreadable);
    expect(notices).toEqual([expect.stringMatching(/no room to keep a copy, so nothing new is saved\. See Your progress\.$/)]);
    expect(store.unreadableText()).toBe(unreadable);
    expect(store.startFresh()).toBe(false);
    expect(storage.data.get(PROGRESS_KEY)).toBe(unreadable);

    // The way out: delete a backup (works however full the storage is), then start fresh.
    expect(store.listBackups()).toEqual([{ key: oldBackup, at: '2026-01-01T00:00:00.000Z', size: 300 }]);
    expect(store.deleteBackup(oldBackup)).toBe(true);
    expect(store.startFresh()).toBe(true);
    expect(store.unreadableText()).toBeUndefined();
    expect(store.readBackup(store.listBackups()[0]?.key ?? '')).toBe(unreadable);

    store.markCompleted('01-defense-in-depth');
    expect(store.getProgress().lessons['01-defense-in-depth']?.completedAt).toBeDefined();
  });
});

describe('backups', () => {
  it('can be deleted when storage is full, and only backups can be', () => {
    const key = `${BACKUP_PREFIX}2026-01-01T00:00:00.000Z`;
    const storage = fullStorage(0, { [key]: 'old', [PROGRESS_KEY]: JSON.stringify(emptyProgress()) });
    const store = createProgressStore({ storage, notify: () => {} });
    expect(store.deleteBackup(PROGRESS_KEY)).toBe(false);
    expect(store.deleteBackup(key)).toBe(true);
    expect(store.listBackups()).toEqual([]);
  });

  it('kept in the same millisecond do not overwrite each other', () => {
    const at = new Date(Date.UTC(2026, 0, 31, 12));
    const storage = memoryStorage();
    const store = createProgressStore({ storage, now: () => at, notify: () => {} });
    store.markCompleted('a');
    store.importProgress(JSON.stringify({ version: 1, completed: ['b'] }));
    store.importProgress(JSON.stringify({ version: 1, completed: ['c'] }));
    expect(store.listBackups().map((b) => b.key)).toEqual([`${BACKUP_PREFIX}${at.toISOString()}`, `${BACKUP_PREFIX}${at.toISOString()}~2`]);
  });
});

describe('one bad record', () => {
  const good = { visitedAt: '2026-01-30T12:00:00.000Z', completedAt: '2026-01-30T12:10:00.000Z' };
  const stored = {
    version: 2,
    lessons: { '01-defense-in-depth': good, '02-threats': { visitedAt: '2026-01-30T12:00:00.000Z', completedAt: 'yesterday' } },
    quizzes: {},
    labs: { '02-filter-blocks': { attempts: 1, best: { score: 9, max: 12, passed: false, at: '2026-01-30T12:20:00.000Z' } } },
  };

  it('is set aside alone: the rest loads, and the learner is told', () => {
    const { store, notices, storage } = setup({ [PROGRESS_KEY]: JSON.stringify(stored) });

    const progress = store.getProgress();

    expect(progress.lessons).toEqual({ '01-defense-in-depth': good });
    expect(progress.labs['02-filter-blocks']?.best?.score).toBe(9);
    expect(notices).toEqual([expect.stringMatching(/^One record of your saved progress could not be read/)]);
    const backup = JSON.parse(store.readBackup(store.listBackups()[0]?.key ?? '') ?? '');
    expect(backup.lessons).toEqual({ '02-threats': stored.lessons['02-threats'] });
    // Set aside, not dropped: it stays in the stored document as it was until a good record replaces it.
    expect(JSON.parse(storage.data.get(PROGRESS_KEY) ?? '').lessons['02-threats']).toEqual(stored.lessons['02-threats']);
  });

  it('its backup can be loaded back: as it is (the record is named with the fix), or corrected', () => {
    const { store, storage } = setup({ [PROGRESS_KEY]: JSON.stringify(stored) });
    store.getProgress();
    const backup = store.readBackup(store.listBackups()[0]?.key ?? '') ?? '';

    const asItIs = store.importProgress(backup);
    expect(asItIs).toEqual({
      ok: true,
      skipped: [{ part: 'lessons', id: '02-threats', problem: expect.stringMatching(/^completedAt: expected a date and time like "2026-01-31T12:00:00.000Z"/) }],
    });
    expect(store.getProgress().lessons['01-defense-in-depth']).toEqual(good);

    const corrected = store.importProgress(backup.replace('"yesterday"', '"2026-01-29T08:00:00.000Z"'));
    expect(corrected).toEqual({ ok: true, skipped: [] });
    expect(JSON.parse(storage.data.get(PROGRESS_KEY) ?? '').lessons['02-threats'].completedAt).toBe('2026-01-29T08:00:00.000Z');
    expect(store.getProgress().lessons['02-threats']?.completedAt).toBe('2026-01-29T08:00:00.000Z');
    expect(store.getProgress().lessons['01-defense-in-depth']).toEqual(good);
  });

  it('in a whole document kept aside by an older build does not stop that backup loading', () => {
    const { store } = setup();
    const result = store.importProgress(JSON.stringify(stored));
    expect(result.ok && result.skipped.map((s) => s.id)).toEqual(['02-threats']);
    expect(store.getProgress().labs['02-filter-blocks']?.best?.score).toBe(9);
  });
});

describe('an imported file', () => {
  const limits = {
    labs: { '12-capstone': { max: 20, objectives: ['attacker-blocked', 'scada-reads'], hints: ['hint-1'] } },
    quizzes: { layers: { max: 5 } },
  };
  const report = (extra: object) => ({ score: 20, max: 20, passed: true, at: '2026-01-30T12:00:00.000Z', ...extra });
  const file = (labs: object, quizzes: object = {}) => JSON.stringify({ version: 3, lessons: {}, quizzes, labs });

  it('claiming "capstone 99 of 99, passed" is not loaded, and the lab\'s real maximum is named', () => {
    const { store } = setup();
    const result = store.importProgress(file({ '12-capstone': { attempts: 1, best: report({ score: 99, max: 99 }) } }), limits);
    expect(result).toEqual({
      ok: true,
      skipped: [{ part: 'labs', id: '12-capstone', problem: 'best.max: this lab has 20 points, not 99: set it to 20' }],
    });
    expect(store.getProgress().labs).toEqual({});
  });

  it.each([
    ['an objective the lab does not have', { objectives: [{ id: 'all-passed', passed: true, earned: 20, points: 20 }] }, /best\.details\.objectives\[0\]: this lab has no such objective/],
    ['a hint the lab does not have', { objectives: [], hintsUsed: ['hint-9'] }, /best\.details\.hintsUsed: this lab has no hint "hint-9"/],
  ])('naming %s is not loaded', (_name, details, problem) => {
    const { store } = setup();
    const result = store.importProgress(file({ '12-capstone': { attempts: 1, best: report({ details }) } }), limits);
    expect(result.ok && result.skipped[0]?.problem).toMatch(problem);
  });

  it('for a lab or quiz the course does not have, or a quiz over its points, is not loaded', () => {
    const { store } = setup();
    const attempt = { score: 9, max: 9, answers: {}, at: '2026-01-30T12:00:00.000Z' };
    const result = store.importProgress(
      file({ '99-made-up': { attempts: 1 } }, { layers: { last: attempt, best: attempt, attempts: 1 } }),
      limits,
    );
    expect(result.ok && result.skipped.map((s) => s.problem)).toEqual([
      'best.max: this quiz has 5 points, not 9: set it to 5',
      'this course has no such lab: remove the record',
    ]);
  });

  it('within the limits is loaded and marked self-reported everywhere it is shown', () => {
    const { store } = setup();
    const details = { seed: 3, objectives: [{ id: 'attacker-blocked', passed: true, earned: 10, points: 10 }], hintsUsed: ['hint-1'], penalty: 0 };
    const result = store.importProgress(file({ '12-capstone': { attempts: 2, best: report({ details }) } }), limits);
    expect(result).toEqual({ ok: true, skipped: [] });
    const record = store.getProgress().labs['12-capstone'];
    expect(record?.best?.imported).toBe(true);
    expect(labStatus(record)).toEqual({
      status: 'passed',
      label: 'Passed (self-reported)',
      best: 'Best 20 of 20 (2 attempts) — imported, self-reported',
    });
  });

  it('does not turn a result graded here into a self-reported one', () => {
    const { store } = setup();
    store.recordLabResult('12-capstone', report({}));
    const exported = store.exportProgress();
    store.importProgress(exported, limits);
    expect(store.getProgress().labs['12-capstone']?.best?.imported).toBeUndefined();
    expect(labStatus(store.getProgress().labs['12-capstone']).label).toBe('Passed');
  });
});
