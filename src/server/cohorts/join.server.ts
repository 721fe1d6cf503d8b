/**
 * Joining a cohort with its class code and a display name. The form and the JSON route share one
 * zod schema; every refusal names the field and the fix. The seat cap and the cohort's dates are
 * checked in one transaction that holds the cohort's row, so two learners taking the last seat
 * on two instances cannot both get it.
 */
import { z } from 'astro/zod';
import { count, eq, sql } from 'drizzle-orm';
import { appendAudit } from '../db/audit.server.ts';
import type { Db } from '../db/database.server.ts';
import { cohort, cohortLearner } from '../db/schema.server.ts';
import { type FieldProblem, problemsOf } from '../exam-flow/problems.server.ts';
import { hashToken, newLearnerToken } from './learner-session.server.ts';

/** The longest display name kept (characters); it is printed on a certificate. */
export const DISPLAY_NAME_MAX = 60;

/** The longest class code looked up (characters). */
export const CLASS_CODE_MAX = 40;

/** What a learner types to join. */
export const joinInput = z.strictObject({
  /** The code the instructor gave out; case and surrounding spaces do not matter. */
  classCode: z
    .string({ error: 'type the class code your instructor gave you' })
    .trim()
    .min(1, 'type the class code your instructor gave you')
    .max(CLASS_CODE_MAX, `a class code is at most ${CLASS_CODE_MAX} characters: check it with your instructor`),
  /** The name the instructor sees and the certificate prints. */
  displayName: z
    .string({ error: 'type the name to show your instructor and to print on a certificate' })
    .trim()
    .min(2, 'type the name to show your instructor and to print on a certificate (at least 2 characters)')
    .max(DISPLAY_NAME_MAX, `shorten the name to at most ${DISPLAY_NAME_MAX} characters`)
    // Control characters would garble the roster, the CSV export and the certificate.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
    .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), 'use letters, digits, spaces and punctuation only'),
});

/** A valid join request. */
export type JoinInput = z.infer<typeof joinInput>;

/** The outcome of a join: the learner and the token for their cookie, or what was wrong. */
export type JoinResult = { ok: true; learnerId: string; cohortName: string; token: string } | { ok: false; problems: FieldProblem[] };

/** Checks a join request's body (form fields or JSON) without touching the database. */
export function parseJoin(body: unknown): { ok: true; input: JoinInput } | { ok: false; problems: FieldProblem[] } {
  const parsed = joinInput.safeParse(body);
  return parsed.success ? { ok: true, input: parsed.data } : { ok: false, problems: problemsOf(parsed.error) };
}

/**
 * Adds a learner to the cohort whose class code this is, if it is open at `now` and has a free
 * seat. Stores only the token's hash; returns the token once, for the cookie.
 */
export async function joinCohort(db: Db, body: unknown, now: Date): Promise<JoinResult> {
  const parsed = parseJoin(body);
  if (!parsed.ok) return parsed;
  const { classCode, displayName } = parsed.input;
  const refuse = (message: string): JoinResult => ({ ok: false, problems: [{ field: 'classCode', message }] });
  return db.transaction(async (tx) => {
    const [found] = await tx
      .select()
      .from(cohort)
      .where(sql`upper(${cohort.classCode}) = ${classCode.toUpperCase()}`)
      .for('update');
    if (!found) return refuse('no class has this code: check it with your instructor');
    if (now < found.opensAt) return refuse(`this class opens on ${found.opensAt.toUTCString()}: join then`);
    if (now >= found.closesAt) return refuse('this class has closed: ask your instructor');
    const [seats] = await tx.select({ taken: count() }).from(cohortLearner).where(eq(cohortLearner.cohortId, found.id));
    if ((seats?.taken ?? 0) >= found.seatCap) return refuse(`this class is full (all ${found.seatCap} seats are taken): ask your instructor`);
    const token = newLearnerToken();
    const [learner] = await tx.insert(cohortLearner).values({ cohortId: found.id, displayName, tokenHash: hashToken(token) }).returning({ id: cohortLearner.id });
    if (!learner) throw new Error('The database returned no row for a new learner.');
    await appendAudit(tx, { actor: { kind: 'learner', id: learner.id }, action: 'learner.joined', subject: found.id, detail: { displayName } });
    return { ok: true, learnerId: learner.id, cohortName: found.name, token };
  });
}
