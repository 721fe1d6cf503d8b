/**
 * A small hand-written reader of the progress document for the marker on prose pages, which
 * must stay far below the size of zod. It checks only what the marker relies on (lesson records)
 * and keeps the rest as stored; the zod schema on the Progress page is the strict gate.
 */
import { isRecord, type ParseResult, parseByVersion } from './progress-doc.ts';
import type { Progress, ProgressV1 } from '../schemas/progress.ts';

const optionalString = (value: unknown) => value === undefined || typeof value === 'string';
const stringList = (value: unknown) => Array.isArray(value) && value.every((x) => typeof x === 'string');

/** Reads a parsed JSON value as progress with light checks (see parseByVersion). */
export function parseProgressLoosely(value: unknown, now: string): ParseResult {
  return parseByVersion(value, now, {
    v1: (doc) =>
      stringList(doc.completed) && (doc.visited === undefined || stringList(doc.visited))
        ? (doc as ProgressV1)
        : 'its lists of lessons are damaged',
    v2: (doc) =>
      isRecord(doc.lessons) &&
      isRecord(doc.quizzes) &&
      isRecord(doc.labs) &&
      Object.values(doc.lessons).every((r) => isRecord(r) && optionalString(r.visitedAt) && optionalString(r.completedAt))
        ? (doc as Progress)
        : 'its lesson, quiz or lab records are damaged',
  });
}
