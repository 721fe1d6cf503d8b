import { z } from 'astro/zod';
import { PROGRESS_VERSION } from '../lib/progress-doc.ts';

// The progress document a learner's browser keeps (and exports to a file). Strict objects: a
// field this build does not know is more likely a damaged or foreign file than data to keep.

const isoTime = z.iso.datetime({ message: 'expected a date and time like "2026-01-31T12:00:00.000Z"' });
const id = z.string().min(1, 'an id must not be empty');
const count = z.number({ message: 'expected a number' }).int('expected a whole number').nonnegative('expected 0 or more');

/** What the learner did with one lesson. */
export const lessonRecord = z.strictObject({
  /** Last time the lesson page was opened. */
  visitedAt: isoTime.optional(),
  /** When the learner marked the lesson complete; absent while it is not complete. */
  completedAt: isoTime.optional(),
});

/** One quiz attempt as the quiz reported it. */
export const quizAttempt = z.strictObject({
  /** Points scored. */
  score: count,
  /** Points available. */
  max: count,
  /** The learner's answers, keyed by question id; the quiz decides their shape. */
  answers: z.record(z.string(), z.unknown()),
  /** When the attempt was recorded. */
  at: isoTime,
}).refine((r) => r.score <= r.max, { message: 'score must not be more than max', path: ['score'] });

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
export const labReport = z.strictObject({
  /** Points scored. */
  score: count,
  /** Points available. */
  max: count,
  /** Whether the lab's pass rule was met. */
  passed: z.boolean({ message: 'expected true or false' }),
  /** When the attempt was graded. */
  at: isoTime,
  /** Grader details (objective results); the grader decides their shape. */
  details: z.unknown().optional(),
}).refine((r) => r.score <= r.max, { message: 'score must not be more than max', path: ['score'] });

/** A lab's best and latest report plus the learner's saved draft. */
export const labRecord = z.strictObject({
  /** The report with the highest score share. */
  best: labReport.optional(),
  /** The most recent report. */
  last: labReport.optional(),
  /** How many reports were recorded. */
  attempts: count,
  /** The learner's unfinished answer (the configuration they changed); the lab decides its shape. */
  draft: z.unknown().optional(),
  /** When the draft was saved. */
  draftSavedAt: isoTime.optional(),
});

/** Version 2, the current document: one record per lesson, quiz and lab, keyed by id. */
export const progressV2 = z.strictObject({
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
  visited: z.array(id).optional(),
});

/** The current progress document. */
export type Progress = z.infer<typeof progressV2>;
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
