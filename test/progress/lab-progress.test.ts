import { describe, expect, it } from 'vitest';
import { grade } from '../../machines/grading/grader.ts';
import { parseProgress } from '../../src/progress/progress.ts';
import { createLabProgress, UNREADABLE_DRAFT_PREFIX } from '../../src/progress/lab-progress.ts';
import { makeDraft } from '../../src/labs/draft.ts';
import { reportForProgress } from '../../src/labs/results.ts';
import { FIXTURE_SOLUTION, fixtureLab } from '../labs/workbench/fixture-lab.ts';
import { memoryStorage } from './memory-storage.ts';

const lab = fixtureLab();
const NOW = new Date('2026-03-02T10:00:00.000Z');

function store() {
  const storage = memoryStorage();
  const notices: string[] = [];
  const progress = createLabProgress({ storage, now: () => NOW, notify: (m) => notices.push(m) });
  return { storage, notices, progress };
}

describe('lab progress in the browser', () => {
  it('saves and loads a draft', () => {
    const { progress } = store();
    expect(progress.loadDraft(lab.id)).toBeUndefined();
    progress.saveDraft(lab.id, makeDraft(7, FIXTURE_SOLUTION));
    expect(progress.loadDraft(lab.id)).toEqual(makeDraft(7, FIXTURE_SOLUTION));
    expect(progress.record(lab.id)?.draftSavedAt).toBe(NOW.toISOString());
  });

  it('keeps the best score across attempts, counts them, and writes what the strict progress schema accepts', () => {
    const { progress, storage } = store();
    const good = reportForProgress(grade(lab, FIXTURE_SOLUTION), NOW.toISOString());
    const poor = reportForProgress(grade(lab, {}), NOW.toISOString());
    progress.saveDraft(lab.id, makeDraft(7, {}));
    progress.recordResult(lab.id, good);
    progress.recordResult(lab.id, poor);
    const record = progress.record(lab.id);
    expect(record?.attempts).toBe(2);
    expect(record?.best?.score).toBe(good.score);
    expect(record?.last?.score).toBe(poor.score);
    expect(record?.draft).toEqual(makeDraft(7, {}));
    const parsed = parseProgress(JSON.parse(storage.data.get('pdl.progress') ?? 'null'), NOW.toISOString());
    expect(parsed.ok).toBe(true);
  });

  it('keeps an unreadable draft aside under its own key', () => {
    const { progress, storage } = store();
    expect(progress.keepAside(lab.id, { format: 'bad' })).toBe(true);
    expect(JSON.parse(storage.data.get(UNREADABLE_DRAFT_PREFIX + lab.id) ?? 'null')).toEqual({ format: 'bad' });
    expect(createLabProgress({ storage: undefined, now: () => NOW, notify: () => {} }).keepAside(lab.id, {})).toBe(false);
  });

  it('tells the learner, and saves nothing, when the browser refuses storage', () => {
    const notices: string[] = [];
    const progress = createLabProgress({ storage: undefined, now: () => NOW, notify: (m) => notices.push(m) });
    progress.saveDraft(lab.id, makeDraft(1, {}));
    expect(notices).toEqual([expect.stringMatching(/not saving your progress/)]);
    const nextVisit = createLabProgress({ storage: undefined, now: () => NOW, notify: () => {} });
    expect(nextVisit.loadDraft(lab.id)).toBeUndefined();
  });
});
