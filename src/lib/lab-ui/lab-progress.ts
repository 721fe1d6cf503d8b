/**
 * Where the workbench keeps its state in the browser: the lab's draft and graded results in
 * the learner's progress document, and an unreadable draft kept aside under its own key so
 * recovering from it never destroys it.
 *
 * Why not src/lib/progress.ts (recordLabResult, saveLabDraft): it reads the document with zod,
 * which alone would add about 25 KB of gzipped script to the lab page and break its 120 KB
 * budget (bench/lab.ts). This store does the same thing with the same pieces — the storage
 * adapter, the light guard the progress marker uses, and the pure record changes of
 * progress-records.ts (`withLabResult` keeps the best score, `withLabDraft` replaces the
 * draft) — and the values it writes are built by the grader and reportForProgress, so they
 * meet the strict schema the Progress page applies (test/lib/lab-ui/lab-progress.test.ts).
 */
import { parseProgressLoosely } from '../progress-guard.ts';
import { withLabDraft, withLabResult } from '../progress-records.ts';
import { browserStorage, type KeyValueStore, loadProgress, saveProgress, showNotice } from '../progress-storage.ts';
import type { LabRecord, LabReport, Progress } from '../../schemas/progress.ts';

/** Prefix of the keys under which unreadable lab drafts are kept (one per lab, the latest). */
export const UNREADABLE_DRAFT_PREFIX = 'pdl.lab-draft-unreadable.';

/** The progress operations the workbench uses. */
export interface LabProgress {
  /** The lab's saved draft, or undefined. */
  loadDraft(labId: string): unknown;
  /** Saves the lab's draft (replacing the previous one). */
  saveDraft(labId: string, draft: unknown): void;
  /** Records a graded run; the best score (by share of the maximum) is kept. */
  recordResult(labId: string, report: LabReport): void;
  /** The lab's record (best and latest report, attempts, draft), or undefined. */
  record(labId: string): Partial<LabRecord> | undefined;
  /** Keeps an unreadable draft as JSON under UNREADABLE_DRAFT_PREFIX + labId; false when the browser refuses. */
  keepAside(labId: string, draft: unknown): boolean;
}

/** Options of createLabProgress: where the document lives, the clock, how to tell the learner. */
export interface LabProgressOptions {
  storage: KeyValueStore | undefined;
  now: () => Date;
  notify: (message: string) => void;
}

/** The lab progress operations over one storage (localStorage in the browser, a fake in tests). */
export function createLabProgress({ storage, now, notify }: LabProgressOptions): LabProgress {
  const load = () => {
    const loaded = loadProgress(storage, parseProgressLoosely, now().toISOString());
    if (loaded.notice) notify(loaded.notice);
    return loaded;
  };
  const update = (change: (doc: Progress, at: string) => Progress) => {
    const loaded = load();
    if (!loaded.writable) return;
    const notice = saveProgress(storage, change(loaded.progress, now().toISOString()));
    if (notice) notify(notice);
  };
  return {
    loadDraft: (labId) => load().progress.labs[labId]?.draft,
    saveDraft: (labId, draft) => update((doc, at) => withLabDraft(doc, labId, JSON.parse(JSON.stringify(draft)), at)),
    recordResult: (labId, report) => update((doc) => withLabResult(doc, labId, report)),
    record: (labId) => load().progress.labs[labId],
    keepAside(labId, draft) {
      try {
        if (!storage) return false;
        storage.setItem(UNREADABLE_DRAFT_PREFIX + labId, JSON.stringify(draft));
        return true;
      } catch {
        return false;
      }
    },
  };
}

let browserStore: LabProgress | undefined;

/** The browser's lab progress: localStorage, the system clock, the page's notice region (made on first use). */
export function browserLabProgress(): LabProgress {
  browserStore ??= createLabProgress({ storage: browserStorage(), now: () => new Date(), notify: showNotice });
  return browserStore;
}
