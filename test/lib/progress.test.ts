import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createProgressStore, parseProgress } from '../../src/lib/progress.ts';
import {
  BACKUP_PREFIX,
  emptyProgress,
  PROGRESS_KEY,
  PROGRESS_VERSION,
  resumeLesson,
  withCompleted,
  withVisited,
} from '../../src/lib/progress-doc.ts';
import { parseProgressLoosely } from '../../src/lib/progress-guard.ts';
import { type KeyValueStore, loadProgress } from '../../src/lib/progress-storage.ts';
import { progressV2 } from '../../src/schemas/progress.ts';

/** A Map-backed stand-in for localStorage. */
function memoryStorage(initial: Record<string, string> = {}): KeyValueStore & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    get length() {
      return data.size;
    },
    key: (index) => [...data.keys()][index] ?? null,
  };
}

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
    expect(progressV2.safeParse(emptyProgress()).success).toBe(true);
    const result = parseProgress({ ...emptyProgress(), extra: 1 }, '2026-01-31T12:00:00.000Z');
    expect(result).toEqual({ ok: false, error: expect.stringContaining('extra') });
  });

  it('names the field and what was expected when a record is damaged', () => {
    const doc = { ...emptyProgress(), lessons: { '01-defense-in-depth': { completedAt: 'yesterday' } } };
    const result = parseProgress(doc, '2026-01-31T12:00:00.000Z');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toContain('lessons["01-defense-in-depth"].completedAt');
      expect(result.error).toContain('2026-01-31T12:00:00.000Z');
    }
  });
});

describe('migration v1 → v2', () => {
  it('turns v1 id lists into per-lesson records and saves the result', () => {
    const v1 = { version: 1, completed: ['01-defense-in-depth'], visited: ['02-threats-and-attack-vectors'] };
    const { storage, store, notices } = setup({ [PROGRESS_KEY]: JSON.stringify(v1) });

    const progress = store.getProgress();

    expect(progress.version).toBe(2);
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
    ['not an object', '"hello"', 'not a progress document'],
  ])('is kept aside when it is %s, and the learner is told', (_name, raw, reason) => {
    const storage = memoryStorage({ [PROGRESS_KEY]: raw });

    const loaded = loadProgress(storage, parseProgressLoosely, '2026-01-31T12:00:00.000Z');

    const backupKey = `${BACKUP_PREFIX}2026-01-31T12:00:00.000Z`;
    expect(loaded.progress).toEqual(emptyProgress());
    expect(storage.data.get(backupKey)).toBe(raw);
    expect(JSON.parse(storage.data.get(PROGRESS_KEY) ?? '')).toEqual(emptyProgress());
    expect(loaded.notice).toContain(reason);
    expect(loaded.notice).toContain(backupKey);
  });

  it('of an unknown version is kept aside, not guessed at', () => {
    const future = JSON.stringify({ version: 3, lessons: {}, quizzes: {}, labs: {} });
    const { storage, store, notices } = setup({ [PROGRESS_KEY]: future });

    expect(store.getProgress()).toEqual(emptyProgress());
    expect(store.listBackups()).toHaveLength(1);
    expect(store.readBackup(store.listBackups()[0] ?? '')).toBe(future);
    expect(notices[0]).toMatch(/version 3 is unknown/);
    expect(storage.data.get(PROGRESS_KEY)).toBe(JSON.stringify(emptyProgress()));
  });

  it('that zod rejects but the light guard accepts is kept aside by the full store', () => {
    const odd = { ...emptyProgress(), quizzes: { q1: { score: 'ten' } } };
    const raw = JSON.stringify(odd);
    expect(parseProgressLoosely(odd, 'now').ok).toBe(true);
    const { store, notices } = setup({ [PROGRESS_KEY]: raw });

    store.markVisited('01-defense-in-depth');

    expect(notices[0]).toContain('quizzes.q1');
    expect(store.readBackup(store.listBackups()[0] ?? '')).toBe(raw);
    expect(store.getProgress().lessons['01-defense-in-depth']?.visitedAt).toBeDefined();
  });

  it('does not break anything when the browser refuses storage', () => {
    const refusing: KeyValueStore = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('SecurityError');
      },
      length: 0,
      key: () => null,
    };
    const notices: string[] = [];
    const store = createProgressStore({ storage: refusing, notify: (m) => notices.push(m) });

    expect(() => store.markCompleted('01-defense-in-depth')).not.toThrow();
    expect(store.getProgress()).toEqual(emptyProgress());
    expect(notices[0]).toMatch(/not saving your progress/);
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
    expect(b.store.importProgress(file)).toEqual({ ok: true });
    expect(b.store.getProgress()).toEqual(a.store.getProgress());
  });

  it('keeps the progress it replaces as a backup', () => {
    const { store } = setup();
    store.markCompleted('02-threats-and-attack-vectors');
    const before = store.exportProgress();

    store.importProgress(JSON.stringify({ version: 1, completed: ['01-defense-in-depth'] }));

    expect(store.getProgress().lessons['01-defense-in-depth']?.completedAt).toBeDefined();
    expect(JSON.parse(store.readBackup(store.listBackups()[0] ?? '') ?? '')).toEqual(JSON.parse(before));
  });

  it.each([
    ['text that is not JSON', 'progress!', /The file is not JSON/],
    ['JSON that is not a progress document', '[1, 2, 3]', /not a progress document/],
    ['an unknown version', '{"version": 9}', /version 9 is unknown/],
    ['a damaged field', '{"version": 2, "lessons": {"x": {"visitedAt": 5}}, "quizzes": {}, "labs": {}}', /lessons\.x\.visitedAt/],
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
