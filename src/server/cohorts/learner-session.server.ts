/**
 * A cohort learner's session: no account and no password, only a random token the server hands
 * out when the learner joins. The browser keeps the token in an HttpOnly cookie; the database
 * keeps only its SHA-256, so a copy of the database lets nobody act as a learner.
 */
import { createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Executor } from '../db/database.server.ts';
import { cohort, cohortLearner } from '../db/schema.server.ts';

/** The cookie that carries a learner's token. */
export const LEARNER_COOKIE = 'pdl_learner';

/**
 * How long the browser keeps the cookie (seconds). ASSUMPTION: 120 days covers a course and a
 * resit after the waiting period; a learner who loses it joins again under a new name.
 */
export const LEARNER_COOKIE_MAX_AGE = 120 * 24 * 60 * 60;

/** A new learner token: 256 random bits, URL-safe. */
export function newLearnerToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The SHA-256 (hex) of a token: what `cohort_learner.token_hash` holds. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The cookie's attributes: HttpOnly, SameSite=Lax, whole site, Secure when the site is served over https. */
export function learnerCookieOptions(url: URL) {
  return { httpOnly: true, sameSite: 'lax', path: '/', secure: url.protocol === 'https:', maxAge: LEARNER_COOKIE_MAX_AGE } as const;
}

/** The `Set-Cookie` header value that hands `token` to the browser. */
export function learnerCookieHeader(token: string, url: URL): string {
  const options = learnerCookieOptions(url);
  return [`${LEARNER_COOKIE}=${token}`, `Path=${options.path}`, `Max-Age=${options.maxAge}`, 'HttpOnly', 'SameSite=Lax', ...(options.secure ? ['Secure'] : [])].join('; ');
}

/** The learner token in a request's Cookie header, if any. */
export function tokenFrom(request: Request): string | undefined {
  const header = request.headers.get('cookie') ?? '';
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === LEARNER_COOKIE) {
      const value = rest.join('=');
      // Tokens are base64url; anything else is not one of ours and is not looked up.
      return /^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : undefined;
    }
  }
  return undefined;
}

/** The learner a request comes from, with the cohort they joined. */
export interface Learner {
  id: string;
  displayName: string;
  cohortId: string;
  cohortName: string;
  /** The exam the cohort sits, if any. */
  examId: string | null;
}

/** The learner whose token the request's cookie carries, or undefined (no cookie, or a token the server never issued). */
export async function learnerFrom(request: Request, executor: Executor): Promise<Learner | undefined> {
  const token = tokenFrom(request);
  if (token === undefined) return undefined;
  const [row] = await executor
    .select({ id: cohortLearner.id, displayName: cohortLearner.displayName, cohortId: cohort.id, cohortName: cohort.name, examId: cohort.examId })
    .from(cohortLearner)
    .innerJoin(cohort, eq(cohort.id, cohortLearner.cohortId))
    .where(eq(cohortLearner.tokenHash, hashToken(token)));
  return row;
}
