import { z } from 'zod/mini';
import { PROGRESS_VERSION } from './progress-doc.ts';

// The progress document a learner's browser keeps (and exports to a file). Strict objects: a
// field this build does not know is more likely a damaged or foreign file than data to keep.
// zod/mini, not astro/zod: these schemas run in the browser (Progress page, quizzes), where
// the full zod API would cost about 26 KB gzipped and mini's tree-shaken core about 8 KB.
// Messages for the shapes (a missing field, an unknown one) come from describeIssues in
// src/progress/schema-issues.ts, which the callers pass when parsing.

const isoTime = z.iso.datetime({ error: 'expected a date and time like "2026-01-31T12:00:00.000Z"' });
const id = z.string().check(z.minLength(1, 'an id must not be empty'));
const count = z
  .int({ error: (issue) => (issue.expected === 'int' ? 'expected a whole number' : 'expected a number') })
  .check(z.nonnegative('expected 0 or more'));
const scoreAtMostMax = z.refine<{ score: number; max: number }>((r) => r.score <= r.max, {
  error: 'score must not be more than max',
  path: ['score'],
});

/** What the learner did with one lesson. */
export const lessonRecord = z.strictObject({
  /** Last time the lesson page was opened. */
  visitedAt: z.optional(isoTime),
  /** When the learner marked the lesson complete; absent while it is not complete. */
  completedAt: z.optional(isoTime),
  /** When the learner last marked it not complete, so a merge with an older copy keeps it so. */
  reopenedAt: z.optional(isoTime),
});

/** True on a result that came from a loaded file: the learner's word, not this browser's grading. */
const imported = z.optional(z.literal(true, { error: 'expected true (or leave the field out)' }));

/** One quiz attempt as the quiz reported it. */
export const quizAttempt = z
  .strictObject({
    /** Points scored. */
    score: count,
    /** Points available. */
    max: count,
    /** The learner's answers, keyed by question id; the quiz decides their shape. */
    answers: z.record(z.string(), z.unknown()),
    /** When the attempt was recorded. */
    at: isoTime,
    /** Loaded from a file (shown as self-reported). */
    imported,
  })
  .check(scoreAtMostMax);

/** A quiz's latest and best attempt. */
export const quizRecord = z.strictObject({
  /** The most recent attempt. */
  last: quizAttempt,
  /** The attempt with the highest score share. */
  best: quizAttempt,
  /** How many attempts were recorded. */
  attempts: count,
});

/** A grader's report on one lab attempt. */
export const labReport = z
  .strictObject({
    /** Points scored. */
    score: count,
    /** Points available. */
    max: count,
    /** Whether the lab's pass rule was met. */
    passed: z.boolean({ error: 'expected true or false' }),
    /** When the attempt was graded. */
    at: isoTime,
    /** Grader details (objective results); the grader decides their shape. */
    details: z.optional(z.unknown()),
    /** Loaded from a file (shown as self-reported). */
    imported,
  })
  .check(scoreAtMostMax);

/** A lab's best and latest report plus the learner's saved draft. */
export const labRecord = z.strictObject({
  /** The report with the highest score share. */
  best: z.optional(labReport),
  /** The most recent report. */
  last: z.optional(labReport),
  /** How many reports were recorded. */
  attempts: count,
  /** The learner's unfinished answer (the configuration they changed); the lab decides its shape. */
  draft: z.optional(z.unknown()),
  /** When the draft was saved. */
  draftSavedAt: z.optional(isoTime),
});

/**
 * The document's frame: the version and the three maps of records, each record (and its id)
 * unchecked. The readers check every record on its own (progress.ts), so one bad record is set
 * aside alone — the frame accepts whatever the light guard accepts, or tabs reading with each
 * would keep undoing each other.
 */
export const progressFrame = z.strictObject({
  /** Document version; readers migrate older ones. */
  version: z.literal(PROGRESS_VERSION),
  /** Lesson records by lesson id. */
  lessons: z.record(z.string(), z.unknown()),
  /** Quiz records by quiz id. */
  quizzes: z.record(z.string(), z.unknown()),
  /** Lab records by lab id. */
  labs: z.record(z.string(), z.unknown()),
});

/**
 * Version 3, the current document: one record per lesson, quiz and lab, keyed by id. (Version 2
 * had the same shape without `reopenedAt` and `imported`; it is read as version 3.)
 */
export const progressV3 = z.strictObject({
  /** Document version; readers migrate older ones. */
  version: z.literal(PROGRESS_VERSION),
  /** Lesson records by lesson id (the MDX file name). */
  lessons: z.record(id, lessonRecord),
  /** Quiz records by quiz id. */
  quizzes: z.record(id, quizRecord),
  /** Lab records by lab id. */
  labs: z.record(id, labRecord),
});

/** Version 1 (before per-lesson records): completed and visited lessons as arrays of ids. */
export const progressV1 = z.strictObject({
  /** Document version. */
  version: z.literal(1),
  /** Ids of completed lessons. */
  completed: z.array(id),
  /** Ids of visited lessons. */
  visited: z.optional(z.array(id)),
});

/** The current progress document. */
export type Progress = z.infer<typeof progressV3>;
/** A version 1 document, read only to migrate it. */
export type ProgressV1 = z.infer<typeof progressV1>;
/** One lesson's record. */
export type LessonRecord = z.infer<typeof lessonRecord>;
/** One quiz attempt. */
export type QuizAttempt = z.infer<typeof quizAttempt>;
/** One quiz's record. */
export type QuizRecord = z.infer<typeof quizRecord>;
/** A grader's report on a lab attempt. */
export type LabReport = z.infer<typeof labReport>;
/** One lab's record. */
export type LabRecord = z.infer<typeof labRecord>;
