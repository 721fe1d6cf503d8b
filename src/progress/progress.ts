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
  isRecord,
  type ParseResult,
  PROGRESS_KEY,
  parseByVersion,
  withCompleted,
  withVisited,
} from './progress-doc.ts';
import { mergeProgress, withImported, withLabDraft, withLabResult, withQuizResult } from './progress-records.ts';
import { browserStorage, type KeyValueStore, saveProgress, setAside, showNotice, syncProgress } from './progress-storage.ts';
import {
  labRecord,
  labReport,
  lessonRecord,
  type LabReport,
  type Progress,
  progressFrame,
  progressV1,
  type QuizAttempt,
  quizAttempt,
  quizRecord,
} from './progress-schema.ts';
import { checked } from './schema-issues.ts';

/**
 * Largest progress file importProgress accepts, in characters: more than any browser keeps for a
 * site (about 5 MB), so every file this course exports, and every backup, can be loaded again.
 */
export const MAX_IMPORT_CHARS = 10_000_000;

/** The three parts of the document that hold records. */
export const RECORD_PARTS = ['lessons', 'quizzes', 'labs'] as const;
/** One of RECORD_PARTS. */
export type RecordPart = (typeof RECORD_PARTS)[number];

const RECORD_SCHEMAS = { lessons: lessonRecord, quizzes: quizRecord, labs: labRecord } as const;

/** A record that was not loaded, and why: `part` and `id` find it, `problem` names the field and the fix. */
export interface RecordProblem {
  part: RecordPart;
  id: string;
  problem: string;
}

/** Records read from a document, the good ones apart from the bad. */
export interface CheckedRecords {
  /** The document with only the records that passed. */
  progress: Progress;
  /** The records that did not pass, as they were (a document of the same version with only them). */
  bad: Progress;
  /** What is wrong with each bad record. */
  problems: RecordProblem[];
}

/** A parse of stored progress or a file: the document (good records only) and any records set aside. */
export type CheckedParse = (ParseResult & { ok: true; bad?: CheckedRecords }) | (ParseResult & { ok: false });

/**
 * Reads a parsed JSON value as progress with the strict schema, migrating older versions. The
 * frame (version, the three maps) must pass for anything to load; each record is then checked
 * on its own, and a bad one is left out and returned in `bad` (with the field and the fix),
 * so one wrong time cannot cost the learner the rest of their progress.
 */
export function parseProgress(value: unknown, now: string): CheckedParse {
  let bad: CheckedRecords | undefined;
  const result = parseByVersion(value, now, {
    v1: (doc) => checked(progressV1, doc),
    current(doc) {
      const frame = checked(progressFrame, doc);
      if (typeof frame === 'string') return frame;
      // The records are read from `doc`, not zod's copy, which drops an id such as "__proto__".
      const records = checkRecords(doc as Progress);
      if (records.problems.length > 0) bad = records;
      return records.progress;
    },
  });
  return result.ok && bad ? { ...result, bad } : result;
}

/**
 * Checks each record of a document (frame already checked): the good ones, the bad ones, and
 * why. `extra` may refuse a record the schema accepts (an import's limits), with the reason.
 */
export function checkRecords(
  doc: Progress,
  extra?: (part: RecordPart, id: string, record: unknown) => string | undefined,
): CheckedRecords {
  const progress = emptyProgress();
  const bad = emptyProgress();
  const problems: RecordProblem[] = [];
  for (const part of RECORD_PARTS) {
    for (const [id, record] of Object.entries(doc[part]) as [string, unknown][]) {
      // A checked record is an object, so a string is always a problem.
      const value = id === '' ? 'an id must not be empty: give the record its id' : checked(RECORD_SCHEMAS[part] as z.core.$ZodType, record);
      const problem = typeof value === 'string' ? value : extra?.(part, id, value);
      if (problem === undefined) setOwn(progress[part], id, value);
      else {
        setOwn(bad[part], id, record);
        problems.push({ part, id, problem });
      }
    }
  }
  return { progress, bad, problems };
}

/** Sets `records[id]` as an own property, even for ids such as "__proto__". */
function setOwn(records: object, id: string, value: unknown): void {
  Object.defineProperty(records, id, { value, enumerable: true, writable: true, configurable: true });
}

/** A quiz result as a quiz reports it (the store stamps the time). */
export type QuizResultInput = Pick<QuizAttempt, 'score' | 'max' | 'answers'>;

/** A lab report as the grader produces it (src/labs/results.ts reportForProgress). */
export type LabReportInput = Omit<LabReport, 'imported'>;

/** Result of importing a progress file: what was loaded, and the records left out and why. */
export type ImportResult = { ok: true; skipped: RecordProblem[] } | { ok: false; error: string };

/**
 * What an imported file is checked against, built from the course at build time: each lab's
 * points, objective and hint ids, each quiz's points. No answers and no hint texts.
 */
export interface CourseLimits {
  /** Lab limits by lab id. */
  labs: Record<string, { max: number; objectives: string[]; hints: string[] }>;
  /** Quiz limits by quiz id. */
  quizzes: Record<string, { max: number }>;
}

/** A backup kept in this browser. */
export interface BackupInfo {
  /** Its storage key. */
  key: string;
  /** When it was kept (ISO time). */
  at: string;
  /** Its size in characters. */
  size: number;
}

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
  /**
   * Merges a file's progress into this browser's (the newer of each record wins; results from the
   * file are marked as self-reported). Records that fail their checks — or, given `limits`, claim
   * more than the course's labs and quizzes allow — are left out and listed. The progress before
   * is kept as a backup. A file that cannot be read at all changes nothing and says why.
   */
  importProgress(json: string, limits?: CourseLimits): ImportResult;
  /** Backups kept in this browser (unreadable documents, records set aside, progress before an import), oldest first. */
  listBackups(): BackupInfo[];
  /** The raw text kept under a backup key, or undefined. */
  readBackup(key: string): string | undefined;
  /** Deletes a backup; works however full the storage is. False when the browser refused. */
  deleteBackup(key: string): boolean;
  /** The stored text when it cannot be read and there was no room to set it aside (saving waits); else undefined. */
  unreadableText(): string | undefined;
  /** Moves an unreadable stored document (see unreadableText) to a backup and starts afresh; false when there is no room. */
  startFresh(): boolean;
}

/** How a store reaches the outside world; every part has a browser default. */
export interface ProgressStoreOptions {
  /** Where the document lives (default: localStorage, or nothing when the browser refuses). */
  storage?: KeyValueStore | undefined;
  /** The clock (default: the system clock). */
  now?: () => Date;
  /** Tells the learner something went wrong (default: the page's live region). */
  notify?: (message: string) => void;
  /** Runs when another tab's change reached this one (to refresh the page). */
  onChange?: (progress: Progress) => void;
}

/** Said when records of the stored progress were set aside on reading. */
export function setAsideNotice(count: number): string {
  const records = count === 1 ? 'One record' : `${count} records`;
  return `${records} of your saved progress could not be read and ${count === 1 ? 'was' : 'were'} set aside (a copy is kept as a backup); everything else loaded. Open Your progress to see what to fix.`;
}

/** Creates the progress operations over one storage. */
export function createProgressStore(options: ProgressStoreOptions = {}): ProgressStore {
  const storage = 'storage' in options ? options.storage : browserStorage();
  const now = () => (options.now ?? (() => new Date()))().toISOString();
  const notify = options.notify ?? showNotice;

  // Bad records are set aside without being removed: this store leaves them out of what it
  // uses, writes them back as they were (carried, below), and keeps one copy of each distinct
  // set as a backup the learner can download, correct and load. Removing them instead would
  // not hold: another tab reading with the light guard still has them and would merge them
  // back, and the two tabs would keep undoing each other.
  let carried: Progress | undefined;
  let keptCopy = '';
  const parse = (value: unknown, at: string): ParseResult => {
    const result = parseProgress(value, at);
    carried = result.ok ? result.bad?.bad : undefined;
    if (result.ok && result.bad) {
      const text = JSON.stringify(result.bad.bad);
      if (text !== keptCopy) {
        if (storage && !backupKeys(storage).some((b) => storage.getItem(b.key) === text)) keepBackup(storage, text, at);
        notify(setAsideNotice(result.bad.problems.length));
      }
      keptCopy = text;
    }
    return result;
  };
  const view = storage && withCarried(storage, () => carried);
  const sync = syncProgress(view, {
    parse,
    merge: mergeProgress,
    notify,
    now,
    ...(options.onChange ? { onChange: options.onChange } : {}),
  });
  const update = (change: (doc: Progress, at: string) => Progress) => void sync.update(change);

  function unreadableText(): string | undefined {
    try {
      const raw = storage?.getItem(PROGRESS_KEY);
      if (raw == null) return undefined;
      return parseProgress(JSON.parse(raw), now()).ok ? undefined : raw;
    } catch {
      return storage?.getItem(PROGRESS_KEY) ?? undefined;
    }
  }

  return {
    getProgress: () => sync.read(),
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
    loadLabDraft: (labId) => own(sync.read().labs, labId)?.draft,
    exportProgress: () => JSON.stringify(sync.read(), null, 2),
    importProgress(json, limits) {
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
      const skipped = [...(parsed.bad?.problems ?? [])];
      let file = parsed.progress;
      if (limits) {
        const checkedFile = checkRecords(file, (part, id, record) => limitProblem(limits, part, id, record));
        skipped.push(...checkedFile.problems);
        file = checkedFile.progress;
      }
      if (!storage || unreadableText() !== undefined) {
        return { ok: false, error: 'This browser is not letting the course save progress (see the message above).' };
      }
      const current = sync.read();
      // Keep what is being changed, so an import by mistake can be undone from its backup.
      if (hasAnything(current) && !keepBackup(storage, JSON.stringify(current), at)) {
        return { ok: false, error: 'There is no room to keep the current progress aside, so nothing was imported. Delete a backup below and try again.' };
      }
      const notice = saveProgress(view, mergeProgress(current, withImported(file)));
      if (notice) return { ok: false, error: notice };
      sync.read();
      return { ok: true, skipped };
    },
    listBackups: () => backupKeys(storage),
    readBackup(key) {
      try {
        return storage?.getItem(key) ?? undefined;
      } catch {
        return undefined;
      }
    },
    deleteBackup(key) {
      if (!key.startsWith(BACKUP_PREFIX)) return false;
      try {
        storage?.removeItem?.(key);
        return storage?.getItem(key) === null;
      } catch {
        return false;
      }
    },
    unreadableText,
    startFresh() {
      const raw = unreadableText();
      if (raw === undefined) return true;
      const moved = storage !== undefined && setAside(storage, raw, freeBackupKey(storage, now()));
      if (moved) sync.read();
      return moved;
    },
  };
}

/**
 * The storage as this store writes it: every write of the progress document puts back the
 * records set aside on reading (unless the write holds a good record of the same id, which
 * replaces it — the backup still has the old one).
 */
function withCarried(storage: KeyValueStore, carried: () => Progress | undefined): KeyValueStore {
  return {
    getItem: (key) => storage.getItem(key),
    setItem(key, value) {
      const bad = carried();
      if (key !== PROGRESS_KEY || !bad) return storage.setItem(key, value);
      const doc = JSON.parse(value) as Progress;
      for (const part of RECORD_PARTS) {
        for (const [id, record] of Object.entries(bad[part])) {
          if (!Object.hasOwn(doc[part], id)) setOwn(doc[part], id, record);
        }
      }
      storage.setItem(key, JSON.stringify(doc));
    },
    removeItem: (key) => storage.removeItem?.(key),
    get length() {
      return storage.length;
    },
    key: (index) => storage.key(index),
  };
}

/** A record's own value by id (never one inherited from Object.prototype). */
function own<T>(records: Record<string, T>, id: string): T | undefined {
  return Object.hasOwn(records, id) ? records[id] : undefined;
}

/** Why an imported record claims more than the course allows, or undefined when it does not. */
export function limitProblem(limits: CourseLimits, part: RecordPart, id: string, record: unknown): string | undefined {
  if (part === 'lessons') return undefined;
  const rec = record as { best?: { max: number; details?: unknown }; last?: { max: number; details?: unknown } };
  if (part === 'quizzes') {
    const quiz = own(limits.quizzes, id);
    if (!quiz) return 'this course has no such quiz: remove the record';
    for (const key of ['best', 'last'] as const) {
      const max = rec[key]?.max;
      if (max !== undefined && max !== quiz.max) return `${key}.max: this quiz has ${quiz.max} points, not ${max}: set it to ${quiz.max}`;
    }
    return undefined;
  }
  const lab = own(limits.labs, id);
  if (!lab) return 'this course has no such lab: remove the record';
  for (const key of ['best', 'last'] as const) {
    const report = rec[key];
    if (!report) continue;
    if (report.max !== lab.max) return `${key}.max: this lab has ${lab.max} points, not ${report.max}: set it to ${lab.max}`;
    const problem = report.details === undefined ? undefined : detailsProblem(report.details, lab);
    if (problem) return `${key}.details${problem}`;
  }
  return undefined;
}

function detailsProblem(details: unknown, lab: CourseLimits['labs'][string]): string | undefined {
  if (!isRecord(details)) return ': expected the grader\'s details (an object): remove the field';
  const { objectives, hintsUsed } = details;
  if (objectives !== undefined) {
    if (!Array.isArray(objectives)) return '.objectives: expected a list';
    for (const [i, o] of objectives.entries()) {
      if (!isRecord(o) || typeof o.id !== 'string' || !lab.objectives.includes(o.id)) {
        return `.objectives[${i}]: this lab has no such objective (it has ${lab.objectives.join(', ')}): remove it`;
      }
    }
  }
  if (hintsUsed !== undefined) {
    if (!Array.isArray(hintsUsed)) return '.hintsUsed: expected a list';
    const unknown = hintsUsed.find((h) => typeof h !== 'string' || !lab.hints.includes(h));
    if (unknown !== undefined) return `.hintsUsed: this lab has no hint ${JSON.stringify(unknown)}: remove it`;
  }
  return undefined;
}

/** Stores `text` under a new backup key for time `at`; the key, or undefined when the browser refused. */
function keepBackup(storage: KeyValueStore, text: string, at: string): string | undefined {
  const key = freeBackupKey(storage, at);
  try {
    storage.setItem(key, text);
    return key;
  } catch {
    return undefined;
  }
}

/** A backup key for time `at` that is not taken yet (two backups may be kept in one millisecond). */
function freeBackupKey(storage: KeyValueStore, at: string): string {
  let key = BACKUP_PREFIX + at;
  for (let n = 2; storage.getItem(key) !== null; n++) key = `${BACKUP_PREFIX}${at}~${n}`;
  return key;
}

let defaultStore: ProgressStore | undefined;
const store = () => {
  defaultStore ??= createProgressStore();
  return defaultStore;
};

/** The learner's progress document in this browser (the quiz reads its last attempt from it). */
export const getProgress = (): Progress => store().getProgress();
/** Records a quiz attempt: the latest and the best (by score share) are kept. Throws on a malformed result. */
export const recordQuizResult = (quizId: string, result: QuizResultInput): void => store().recordQuizResult(quizId, result);

function backupKeys(store: KeyValueStore | undefined): BackupInfo[] {
  const backups: BackupInfo[] = [];
  try {
    for (let i = 0; store && i < store.length; i++) {
      const key = store.key(i);
      if (key?.startsWith(BACKUP_PREFIX)) {
        backups.push({ key, at: key.slice(BACKUP_PREFIX.length).replace(/~\d+$/, ''), size: store.getItem(key)?.length ?? 0 });
      }
    }
  } catch {
    // Storage unavailable: there are no backups to list.
  }
  return backups.sort((a, b) => (a.key < b.key ? -1 : 1));
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
