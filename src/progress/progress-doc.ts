/**
 * The learner's progress document: its storage key, its version, the pure changes made to it and
 * the migrations from older versions, and the light reader (parseProgressLoosely). Nothing here
 * imports zod, so the small progress marker on prose pages can use it; the strict zod schema in
 * progress-schema.ts describes the same shape and is the gate for imported files.
 */
import type { LessonRecord, Progress, ProgressV1 } from './progress-schema.ts';

/** localStorage key holding the one progress document. */
export const PROGRESS_KEY = 'pdl.progress';

/** Prefix of the keys where unreadable documents are kept aside; the ISO time of the move follows. */
export const BACKUP_PREFIX = 'pdl.progress.backup-';

/** The version this build writes. Readers accept this and every older version (see parseByVersion). */
export const PROGRESS_VERSION = 3;

/** A stored or imported value read as progress: the current document, or what is wrong with it. */
export type ParseResult = { ok: true; progress: Progress; migratedFrom?: number } | { ok: false; error: string };

/**
 * Checks a value of one known version: returns it typed, or a sentence saying what is wrong.
 * The progress marker passes small hand-written guards; the Progress page passes zod.
 */
export interface VersionCheckers {
  /** Checks a version 1 document. */
  v1(value: Record<string, unknown>): ProgressV1 | string;
  /** Checks a current (version 3) document; version 2 documents are checked as version 3 (see parseByVersion). */
  current(value: Record<string, unknown>): Progress | string;
}

/**
 * Reads any version this build knows, checking it with `check` and migrating it to the current
 * version; `now` stamps migrations. Unknown versions are refused, never guessed at.
 */
export function parseByVersion(value: unknown, now: string, check: VersionCheckers): ParseResult {
  const version = isRecord(value) ? value.version : undefined;
  // v2 → v3 only added optional fields (reopenedAt, imported): a v2 document is read as v3 (and
  // written as v3 by the next change).
  if (version === PROGRESS_VERSION || version === 2) return result(check.current({ ...(value as object), version: PROGRESS_VERSION }));
  if (version === 1) {
    const v1 = check.v1(value as Record<string, unknown>);
    return typeof v1 === 'string' ? result(v1) : { ok: true, progress: migrateV1toV2(v1, now), migratedFrom: 1 };
  }
  return { ok: false, error: `it is not a progress document of a version this course knows (1 to ${PROGRESS_VERSION})` };
}

const DAMAGED = 'its records are damaged';
const idList = (value: unknown) => Array.isArray(value) && value.every((x) => typeof x === 'string');

/**
 * Reads a parsed JSON value as progress with light, hand-written checks (see parseByVersion),
 * for the marker on prose pages and the lab page, which must stay far below the size of zod. It
 * checks the document's frame (version, the three record maps, v1's id lists) and tolerates odd
 * values inside records — readers go through optional chaining, so they cannot break a page, and
 * they are kept as stored. The zod schema on the Progress page is the strict gate (progress.ts).
 */
export function parseProgressLoosely(value: unknown, now: string): ParseResult {
  return parseByVersion(value, now, {
    v1: (doc) => (idList(doc.completed) && (doc.visited === undefined || idList(doc.visited)) ? (doc as ProgressV1) : DAMAGED),
    current: (doc) => ([doc.lessons, doc.quizzes, doc.labs].every(isRecord) ? (doc as Progress) : DAMAGED),
  });
}

/** True for a plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function result(checked: Progress | string): ParseResult {
  return typeof checked === 'string' ? { ok: false, error: checked } : { ok: true, progress: checked };
}

/** An empty document of the current version. */
export function emptyProgress(): Progress {
  return { version: PROGRESS_VERSION, lessons: {}, quizzes: {}, labs: {} };
}

/**
 * v1 → v2. v1 kept completed (and visited) lessons as bare arrays of ids, so the course could not
 * tell which lesson the learner was last on; v2 keeps one record per lesson with visitedAt and
 * completedAt, which "Resume where you left off" needs. v1 had no times, so the migration stamps
 * the time it runs (ASSUMPTION: better than inventing an order the learner never made).
 */
export function migrateV1toV2(v1: ProgressV1, migratedAt: string): Progress {
  const next = emptyProgress();
  for (const id of v1.visited ?? []) next.lessons[id] = { visitedAt: migratedAt };
  for (const id of v1.completed) next.lessons[id] = { visitedAt: migratedAt, completedAt: migratedAt };
  return next;
}

/** Marks a lesson visited now (the last visit wins: it drives "Resume where you left off"). */
export function withVisited(doc: Progress, lessonId: string, at: string): Progress {
  const lessons = { ...doc.lessons, [lessonId]: { ...doc.lessons[lessonId], visitedAt: at } };
  return { ...doc, lessons };
}

/**
 * Marks a lesson complete (keeping the first completion time) or, with `completed` false, not
 * complete — remembered as `reopenedAt`, so merging with another tab's older copy, where the
 * lesson is still complete, does not bring the completion back (see mergeLessons).
 */
export function withCompleted(doc: Progress, lessonId: string, completed: boolean, at: string): Progress {
  const { completedAt, ...rest } = doc.lessons[lessonId] ?? {};
  const record = completed
    ? { ...rest, visitedAt: rest.visitedAt ?? at, completedAt: completedAt ?? at }
    : { ...rest, reopenedAt: at };
  return { ...doc, lessons: { ...doc.lessons, [lessonId]: record } };
}

// Of two ISO times (or none), the later.
const later = (a?: string, b?: string) => ((a ?? '') < (b ?? '') ? b : a);

/**
 * Joins two maps of records by id: a record only one side has is kept as it is, equal records
 * once, and two different ones go through `join`. The first map's ids and records come first and
 * win ties, so merging a stored document with a copy that adds nothing returns it unchanged.
 */
export function joinRecords<T>(a: Record<string, T>, b: Record<string, T>, join: (x: T, y: T) => T): Record<string, T> {
  // Object.hasOwn, spread and fromEntries, never `in` or assignment: ids such as "constructor"
  // or "__proto__" are plain keys here.
  return Object.fromEntries(
    Object.keys({ ...a, ...b }).map((id) => {
      const x = (Object.hasOwn(a, id) ? a : b)[id] as T;
      const y = Object.hasOwn(b, id) ? (b[id] as T) : x;
      return [id, JSON.stringify(x) === JSON.stringify(y) ? x : join(x, y)];
    }),
  );
}

/**
 * One lesson as two tabs (or a file and this browser) recorded it: the latest visit, and the
 * latest of "marked complete" and "marked not complete" — a completion on either side counts
 * unless the lesson was marked not complete after it. Commutative and idempotent, so tabs that
 * keep merging each other's writes agree and stop writing.
 */
export function mergeLesson(a: LessonRecord, b: LessonRecord): LessonRecord {
  const reopenedAt = later(a?.reopenedAt, b?.reopenedAt);
  const done = later(a?.completedAt, b?.completedAt);
  return { visitedAt: later(a?.visitedAt, b?.visitedAt), completedAt: later(reopenedAt, done) === done ? done : undefined, reopenedAt };
}

/** Ids of completed lessons among `lessonIds`. */
export function completedLessons(doc: Progress, lessonIds: readonly string[]): string[] {
  return lessonIds.filter((id) => doc.lessons[id]?.completedAt);
}

/**
 * Where "Resume where you left off" leads: the lesson visited last, or — when that one is
 * complete — the first incomplete lesson after it (wrapping round). Undefined when nothing was
 * visited yet or everything is complete.
 */
export function resumeLesson(doc: Progress, lessonIds: readonly string[]): string | undefined {
  let last: string | undefined;
  let lastAt = '';
  for (const id of lessonIds) {
    const at = doc.lessons[id]?.visitedAt;
    if (at && at > lastAt) [last, lastAt] = [id, at];
  }
  if (last === undefined) return undefined;
  const start = lessonIds.indexOf(last);
  for (let i = 0; i < lessonIds.length; i++) {
    const id = lessonIds[(start + i) % lessonIds.length] as string;
    if (!doc.lessons[id]?.completedAt) return id;
  }
  return undefined;
}
