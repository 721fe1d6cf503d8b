/**
 * Where the workbench keeps its state in the browser: the lab's draft and graded results in
 * the learner's progress document, and an unreadable draft kept aside under its own key so
 * recovering from it never destroys it.
 *
 * Two tabs on one lab: every write merges with what other tabs wrote (syncProgress), and a
 * draft another tab saved since this tab loaded its own is never overwritten silently — the
 * workbench asks the learner which to keep (saveDraft, keepMine, keepTheirs).
 *
 * What the lab page writes lab records with. Not the store in progress.ts (the Progress page's
 * and the quizzes'): that one reads the document with zod, which alone would add about 25 KB of
 * gzipped script to the lab page and break its 120 KB budget (bench/lab.ts). This view is built
 * of the same pieces — the storage adapter and syncProgress, the light guard, and the pure record
 * changes of progress-records.ts (`withLabResult` keeps the best score, `withLabDraft` replaces
 * the draft) — and the values it writes are built by the grader and reportForProgress, so they
 * meet the strict schema the Progress page applies (test/progress/lab-progress.test.ts).
 */
import { parseProgressLoosely } from './progress-doc.ts';
import { mergeProgress, withLabDraft, withLabResult } from './progress-records.ts';
import { browserStorage, type KeyValueStore, showNotice, syncProgress } from './progress-storage.ts';
import type { LabRecord, LabReport, Progress } from './progress-schema.ts';

/** Prefix of the keys under which unreadable lab drafts are kept (one per lab, the latest). */
export const UNREADABLE_DRAFT_PREFIX = 'pdl.lab-draft-unreadable.';

/** The progress operations the workbench uses. */
export interface LabProgress {
  /** The lab's saved draft, or undefined; this tab now works from it. */
  loadDraft(labId: string): unknown;
  /**
   * Saves the lab's draft (replacing the previous one) — unless another tab saved a different
   * draft of this lab since this tab loaded or saved its own: then nothing is written, the
   * draft-conflict listener is told, and the result is false until the learner chooses
   * (keepMine or keepTheirs).
   */
  saveDraft(labId: string, draft: unknown): boolean;
  /** The learner chose this tab's draft: saves it over the other tab's. */
  keepMine(labId: string, draft: unknown): void;
  /** The learner chose the other tab's draft: returns it, and this tab works from it. */
  keepTheirs(labId: string): unknown;
  /** Calls `listener` when another tab saved a different draft of the lab (at once, through the `storage` event). */
  onDraftConflict(labId: string, listener: () => void): void;
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
  /** Per lab: the draft this tab last loaded or saved, and when it was saved. */
  const mine = new Map<string, { draft: string; at: string | undefined }>();
  const listeners = new Map<string, () => void>();
  const sync = syncProgress(storage, {
    parse: parseProgressLoosely,
    merge: mergeProgress,
    notify,
    now: () => now().toISOString(),
    onChange: (doc) => {
      for (const [labId, listener] of listeners) if (conflicts(doc, labId)) listener();
    },
  });
  const stored = (doc: Progress, labId: string) => (Object.hasOwn(doc.labs, labId) ? doc.labs[labId] : undefined);
  const remember = (labId: string, record: Partial<LabRecord> | undefined) =>
    mine.set(labId, { draft: JSON.stringify(record?.draft) ?? '', at: record?.draftSavedAt });
  // Another tab saved a draft this tab has not seen, and it differs from this tab's own.
  function conflicts(doc: Progress, labId: string, draft?: string): boolean {
    const seen = mine.get(labId);
    const record = stored(doc, labId);
    if (!seen || record?.draftSavedAt === seen.at) return false;
    const theirs = JSON.stringify(record?.draft) ?? '';
    return theirs !== (draft ?? seen.draft);
  }
  function write(labId: string, text: string) {
    const doc = sync.update((d, at) => withLabDraft(d, labId, JSON.parse(text), at));
    remember(labId, stored(doc, labId));
  }
  return {
    loadDraft(labId) {
      const record = stored(sync.read(), labId);
      remember(labId, record);
      return record?.draft;
    },
    saveDraft(labId, draft) {
      const text = JSON.stringify(draft);
      if (conflicts(sync.read(), labId, text)) {
        listeners.get(labId)?.();
        return false;
      }
      write(labId, text);
      return true;
    },
    keepMine: (labId, draft) => write(labId, JSON.stringify(draft)),
    keepTheirs(labId) {
      const record = stored(sync.read(), labId);
      remember(labId, record);
      return record?.draft;
    },
    onDraftConflict: (labId, listener) => void listeners.set(labId, listener),
    recordResult: (labId, report) => void sync.update((doc) => withLabResult(doc, labId, report)),
    record: (labId) => stored(sync.read(), labId),
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
