/**
 * The learner's progress document: its storage key, its version, the pure changes made to it and
 * the migrations from older versions. Nothing here imports zod, so the small progress marker on
 * prose pages can use it; the strict zod schema in src/schemas/progress.ts describes the same
 * shape and is the gate for imported files.
 */
import type { Progress, ProgressV1 } from '../schemas/progress.ts';

/** localStorage key holding the one progress document. */
export const PROGRESS_KEY = 'pdl.progress';

/** Prefix of the keys where unreadable documents are kept aside; the ISO time of the move follows. */
export const BACKUP_PREFIX = 'pdl.progress.backup-';

/** The version this build writes. Readers accept this and every version in MIGRATIONS. */
export const PROGRESS_VERSION = 2;

/** A stored or imported value read as progress: the current document, or what is wrong with it. */
export type ParseResult = { ok: true; progress: Progress; migratedFrom?: number } | { ok: false; error: string };

/**
 * Checks a value of one known version: returns it typed, or a sentence saying what is wrong.
 * The progress marker passes small hand-written guards; the Progress page passes zod.
 */
export interface VersionCheckers {
  /** Checks a version 1 document. */
  v1(value: Record<string, unknown>): ProgressV1 | string;
  /** Checks a current (version 2) document. */
  v2(value: Record<string, unknown>): Progress | string;
}

/**
 * Reads any version this build knows, checking it with `check` and migrating it to the current
 * version; `now` stamps migrations. Unknown versions are refused, never guessed at.
 */
export function parseByVersion(value: unknown, now: string, check: VersionCheckers): ParseResult {
  if (!isRecord(value) || !('version' in value)) {
    return { ok: false, error: 'it is not a progress document (a JSON object with a "version")' };
  }
  const { version } = value;
  if (version === PROGRESS_VERSION) return result(check.v2(value));
  if (version === 1) {
    const v1 = check.v1(value);
    return typeof v1 === 'string' ? result(v1) : { ok: true, progress: migrateV1toV2(v1, now), migratedFrom: 1 };
  }
  return {
    ok: false,
    error: `its version ${JSON.stringify(version)} is unknown (this course reads 1 to ${PROGRESS_VERSION}; is it from a newer course?)`,
  };
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

/** Marks a lesson complete (keeping the first completion time) or, with `completed` false, not complete. */
export function withCompleted(doc: Progress, lessonId: string, completed: boolean, at: string): Progress {
  const { completedAt, ...rest } = doc.lessons[lessonId] ?? {};
  const record = completed ? { ...rest, visitedAt: rest.visitedAt ?? at, completedAt: completedAt ?? at } : rest;
  return { ...doc, lessons: { ...doc.lessons, [lessonId]: record } };
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
