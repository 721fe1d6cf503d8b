/**
 * The learner's progress, fully validated: what quizzes, labs and the Progress page use.
 * Every call reads the stored document afresh (another tab or the page's marker may have
 * changed it), applies one pure change from progress-doc.ts and writes it back. The progress
 * marker on prose pages shares the key, version and changes but reads with a lighter guard.
 */
import type { z } from 'zod/mini';
import {
  BACKUP_PREFIX,
  emptyProgress,
  type ParseResult,
  parseByVersion,
  withCompleted,
  withVisited,
} from './progress-doc.ts';
import { withLabDraft, withLabResult, withQuizResult } from './progress-records.ts';
import {
  browserStorage,
  type KeyValueStore,
  loadProgress,
  saveProgress,
  showNotice,
} from './progress-storage.ts';
import { labReport, type Progress, progressV1, progressV2, quizAttempt } from '../schemas/progress.ts';
import { checked } from './schema-issues.ts';

/** Largest progress file importProgress accepts, in characters. */
export const MAX_IMPORT_CHARS = 2_000_000;

/** Reads a parsed JSON value as progress with the strict schema, migrating older versions. */
export function parseProgress(value: unknown, now: string): ParseResult {
  return parseByVersion(value, now, {
    v1: (doc) => checked(progressV1, doc),
    v2: (doc) => checked(progressV2, doc),
  });
}

/** A quiz result as a quiz reports it. */
export interface QuizResultInput {
  /** Points scored. */
  score: number;
  /** Points available. */
  max: number;
  /** The learner's answers by question id. */
  answers: Record<string, unknown>;
}

/** A lab report as the grader produces it. */
export interface LabReportInput {
  /** Points scored. */
  score: number;
  /** Points available. */
  max: number;
  /** Whether the lab's pass rule was met. */
  passed: boolean;
  /** ISO time of grading. */
  at: string;
  /** Objective-by-objective results. */
  details?: unknown;
}

/** Result of importing a progress file. */
export type ImportResult = { ok: true } | { ok: false; error: string };

/** Progress operations bound to one storage. */
export interface ProgressStore {
  /** The current document (empty when nothing is stored or it could not be read). */
  getProgress(): Progress;
  /** Records that the learner opened a lesson. */
  markVisited(lessonId: string): void;
  /** Marks a lesson complete, or not complete with `completed` false. */
  markCompleted(lessonId: string, completed?: boolean): void;
  /** Records a quiz attempt (latest and best kept). */
  recordQuizResult(quizId: string, result: QuizResultInput): void;
  /** Records a graded lab attempt, keeping the best score. */
  recordLabResult(labId: string, report: LabReportInput): void;
  /** Saves the learner's unfinished answer to a lab (must survive JSON). */
  saveLabDraft(labId: string, draft: unknown): void;
  /** The saved draft of a lab, or undefined. */
  loadLabDraft(labId: string): unknown | undefined;
  /** The document as pretty-printed JSON, for a download. */
  exportProgress(): string;
  /** Replaces the progress with a file's content; a bad file changes nothing and says why. */
  importProgress(json: string): ImportResult;
  /** Keys under which unreadable documents were kept aside, oldest first. */
  listBackups(): string[];
  /** The raw text kept under a backup key, or undefined. */
  readBackup(key: string): string | undefined;
}

/** How a store reaches the outside world; every part has a browser default. */
export interface ProgressStoreOptions {
  /** Where the document lives (default: localStorage, or nothing when the browser refuses). */
  storage?: KeyValueStore | undefined;
  /** The clock (default: the system clock). */
  now?: () => Date;
  /** Tells the learner something went wrong (default: the page's live region). */
  notify?: (message: string) => void;
}

/** Creates the progress operations over one storage. */
export function createProgressStore(options: ProgressStoreOptions = {}): ProgressStore {
  const storage = 'storage' in options ? options.storage : browserStorage();
  const now = () => (options.now ?? (() => new Date()))().toISOString();
  const notify = options.notify ?? showNotice;

  function load() {
    const loaded = loadProgress(storage, parseProgress, now());
    if (loaded.notice) notify(loaded.notice);
    return loaded;
  }
  function update(change: (doc: Progress, at: string) => Progress): void {
    const loaded = load();
    if (!loaded.writable) return;
    const notice = saveProgress(storage, change(loaded.progress, now()));
    if (notice) notify(notice);
  }

  return {
    getProgress: () => load().progress,
    markVisited: (lessonId) => update((doc, at) => withVisited(doc, requireId('markVisited', lessonId), at)),
    markCompleted: (lessonId, completed = true) =>
      update((doc, at) => withCompleted(doc, requireId('markCompleted', lessonId), completed, at)),
    recordQuizResult(quizId, result) {
      requireId('recordQuizResult', quizId);
      update((doc, at) => withQuizResult(doc, quizId, valid('recordQuizResult', quizAttempt, { ...result, at })));
    },
    recordLabResult(labId, report) {
      requireId('recordLabResult', labId);
      update((doc) => withLabResult(doc, labId, valid('recordLabResult', labReport, report)));
    },
    saveLabDraft(labId, draft) {
      requireId('saveLabDraft', labId);
      const stored = jsonRoundTrip('saveLabDraft', draft);
      update((doc, at) => withLabDraft(doc, labId, stored, at));
    },
    loadLabDraft: (labId) => load().progress.labs[labId]?.draft,
    exportProgress: () => JSON.stringify(load().progress, null, 2),
    importProgress(json) {
      if (json.length > MAX_IMPORT_CHARS) {
        return { ok: false, error: `The file is too large for a progress file (over ${MAX_IMPORT_CHARS} characters).` };
      }
      let value: unknown;
      try {
        value = JSON.parse(json);
      } catch (error) {
        return { ok: false, error: `The file is not JSON: ${(error as Error).message}.` };
      }
      const at = now();
      const parsed = parseProgress(value, at);
      if (!parsed.ok) return { ok: false, error: `The file is not a progress file this course can read: ${parsed.error}.` };
      const current = load();
      if (!current.writable || !storage) return { ok: false, error: 'This browser is not letting the course save progress.' };
      // Keep what is being replaced, so an import by mistake can be undone from its backup.
      try {
        if (hasAnything(current.progress)) storage.setItem(BACKUP_PREFIX + at, JSON.stringify(current.progress));
      } catch {
        return { ok: false, error: 'There is no room to keep the current progress aside, so nothing was imported.' };
      }
      const notice = saveProgress(storage, parsed.progress);
      return notice ? { ok: false, error: notice } : { ok: true };
    },
    listBackups: () => backupKeys(storage),
    readBackup(key) {
      try {
        return storage?.getItem(key) ?? undefined;
      } catch {
        return undefined;
      }
    },
  };
}

let defaultStore: ProgressStore | undefined;
const store = () => {
  defaultStore ??= createProgressStore();
  return defaultStore;
};

/** The learner's progress document in this browser. */
export const getProgress = (): Progress => store().getProgress();
/** Records that the learner opened a lesson (by lesson id, the MDX file name). */
export const markVisited = (lessonId: string): void => store().markVisited(lessonId);
/** Marks a lesson complete, or not complete with `completed` false. */
export const markCompleted = (lessonId: string, completed = true): void => store().markCompleted(lessonId, completed);
/** Records a quiz attempt: the latest and the best (by score share) are kept. Throws on a malformed result. */
export const recordQuizResult = (
  quizId: string,
  result: { score: number; max: number; answers: Record<string, unknown> },
): void => store().recordQuizResult(quizId, result);
/** Records a graded lab attempt, keeping the best score and the latest report. Throws on a malformed report. */
export const recordLabResult = (
  labId: string,
  report: { score: number; max: number; passed: boolean; at: string; details?: unknown },
): void => store().recordLabResult(labId, report);
/** Saves the learner's unfinished lab answer; it must be JSON-serialisable. */
export const saveLabDraft = (labId: string, draft: unknown): void => store().saveLabDraft(labId, draft);
/** The saved draft of a lab, or undefined when there is none. */
export const loadLabDraft = (labId: string): unknown | undefined => store().loadLabDraft(labId);
/** The progress document as JSON text, for a download. */
export const exportProgress = (): string => store().exportProgress();
/** Replaces the progress with an exported file's text; a bad file changes nothing and the error says why. */
export const importProgress = (json: string): ImportResult => store().importProgress(json);

function backupKeys(store: KeyValueStore | undefined): string[] {
  const keys: string[] = [];
  try {
    for (let i = 0; store && i < store.length; i++) {
      const key = store.key(i);
      if (key?.startsWith(BACKUP_PREFIX)) keys.push(key);
    }
  } catch {
    // Storage unavailable: there are no backups to list.
  }
  return keys.sort();
}

function valid<T>(operation: string, schema: z.core.$ZodType<T>, value: unknown): T {
  const result = checked(schema, value);
  if (typeof result === 'string') throw new TypeError(`${operation}: ${result}`);
  return result;
}

function requireId(operation: string, id: unknown): string {
  if (typeof id !== 'string' || id.length === 0) throw new TypeError(`${operation}: the id must be a non-empty string.`);
  return id;
}

function jsonRoundTrip(operation: string, value: unknown): unknown {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    throw new TypeError(`${operation}: the draft must be plain JSON data (${(error as Error).message}).`);
  }
  if (text === undefined) throw new TypeError(`${operation}: the draft must be plain JSON data, not ${typeof value}.`);
  return JSON.parse(text);
}

function hasAnything(doc: Progress): boolean {
  const empty = emptyProgress();
  return JSON.stringify(doc) !== JSON.stringify(empty);
}
