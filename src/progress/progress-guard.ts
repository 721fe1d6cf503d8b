/**
 * A small hand-written reader of the progress document for the marker on prose pages, which
 * must stay far below the size of zod. It checks the document's frame (version, the three
 * record maps, v1's id lists) and tolerates odd values inside records — the marker only reads
 * them through optional chaining, so they cannot break a page, and it keeps them as stored.
 * The zod schema on the Progress page is the strict gate.
 */
import { isRecord, type ParseResult, parseByVersion } from './progress-doc.ts';
import type { Progress, ProgressV1 } from '../progress/progress-schema.ts';

const DAMAGED = 'its records are damaged';
const idList = (value: unknown) => Array.isArray(value) && value.every((x) => typeof x === 'string');

/** Reads a parsed JSON value as progress with light checks (see parseByVersion). */
export function parseProgressLoosely(value: unknown, now: string): ParseResult {
  return parseByVersion(value, now, {
    v1: (doc) => (idList(doc.completed) && (doc.visited === undefined || idList(doc.visited)) ? (doc as ProgressV1) : DAMAGED),
    current: (doc) => ([doc.lessons, doc.quizzes, doc.labs].every(isRecord) ? (doc as Progress) : DAMAGED),
  });
}
