/**
 * Shared by the cohort and exam-flow tests: a class seeded straight into the database (staff
 * sign-in is another part's; these tests need only its rows), the exam catalog with a short exam
 * added, a clock the test moves, and Request builders with the learner's cookie.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../../src/server/db/database.server.ts';
import { cohort, examAttempt, user } from '../../../src/server/db/schema.server.ts';
import type { ExamFlowDeps } from '../../../src/server/exam-flow/attempts.server.ts';
import { type ExamCatalog, loadExamCatalog } from '../../../src/server/exams/item-bank.server.ts';
import type { Blueprint } from '../../../src/server/exams/schema.ts';

/** A short exam for the tests: one item of each kind a candidate meets, a lab included, a 20-minute limit. */
export const SHORT_EXAM: Blueprint = {
  id: 'short-test-exam',
  title: 'Short test exam',
  timeLimitMinutes: 20,
  passMarkPercent: 50,
  attemptLimit: 2,
  waitHoursBetweenAttempts: 24,
  areas: [
    { title: 'Single choice', sections: ['§1', '§2'], types: ['single'], count: 2 },
    { title: 'Multiple response', sections: ['§2'], types: ['multiple'], count: 1 },
    { title: 'Ordering', sections: ['§1', '§2', '§3', '§4'], types: ['ordering'], count: 1 },
    { title: 'Matching', sections: ['§1', '§2'], types: ['matching'], count: 1 },
    { title: 'Configure a rack', sections: ['§1', '§2', '§4'], types: ['performance'], count: 1 },
  ],
};

let catalog: Promise<ExamCatalog> | undefined;

/** The real bank and labs, with SHORT_EXAM beside the real exams (loaded once per test file). */
export function testCatalog(): Promise<ExamCatalog> {
  catalog ??= loadExamCatalog().then((c) => ({ ...c, exams: [...c.exams, SHORT_EXAM] }));
  return catalog;
}

/** The base of every request URL in the tests. */
export const ORIGIN = 'http://127.0.0.1:4321';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A clock the test sets and moves; starts at a fixed moment. */
export function testClock(start = new Date('2026-03-02T09:00:00Z')) {
  let at = start.getTime();
  return {
    now: () => new Date(at),
    advance(ms: number) {
      at += ms;
    },
  };
}

/** Minutes and hours, for moving the clock. */
export const TIME = { MINUTE, HOUR };

let instructors = 0;

/** A class, inserted directly (with its instructor), open around `now` unless the fields say otherwise. */
export async function seedClass(db: Db, now: Date, fields: Partial<typeof cohort.$inferInsert> = {}) {
  const instructorId = `instructor-${++instructors}-${Math.random().toString(36).slice(2, 8)}`;
  await db.insert(user).values({ id: instructorId, name: 'Ines Instructor', email: `${instructorId}@example.org` });
  const [made] = await db
    .insert(cohort)
    .values({
      name: 'Night shift',
      instructorId,
      examId: SHORT_EXAM.id,
      opensAt: new Date(now.getTime() - HOUR),
      closesAt: new Date(now.getTime() + 30 * 24 * HOUR),
      seatCap: 20,
      classCode: `CLASS-${Math.random().toString(36).slice(2, 8).toUpperCase()}`,
      ...fields,
    })
    .returning();
  if (!made) throw new Error('no cohort row');
  return made;
}

/** A Request to the app: JSON when `body` is given (a string is sent as is), with the learner's cookie. */
export function call(path: string, options: { method?: string; body?: unknown; cookie?: string | undefined; type?: string } = {}): Request {
  const headers = new Headers();
  if (options.cookie) headers.set('cookie', options.cookie);
  let body: string | undefined;
  if (options.body !== undefined) {
    headers.set('content-type', options.type ?? 'application/json');
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  return new Request(new URL(path, ORIGIN), { method: options.method ?? (body === undefined ? 'GET' : 'POST'), headers, ...(body === undefined ? {} : { body }) });
}

/** The `name=value` part of a Set-Cookie header, to send back as a Cookie header. */
export function cookieOf(response: Response): string {
  const set = response.headers.get('set-cookie');
  if (!set) throw new Error(`no cookie set (status ${response.status})`);
  return set.split(';')[0] ?? '';
}

/** The exam-flow dependencies for a test. */
export async function depsFor(db: Db, clock = testClock()): Promise<ExamFlowDeps & { clock: ReturnType<typeof testClock> }> {
  return { db, catalog: await testCatalog(), now: clock.now, clock };
}

/** The stored attempt row (with its draw: server-side only) by id. */
export async function attemptRow(db: Db, id: string) {
  const [row] = await db.select().from(examAttempt).where(eq(examAttempt.id, id));
  if (!row) throw new Error(`no attempt ${id}`);
  return row;
}
