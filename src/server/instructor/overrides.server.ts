/**
 * What an instructor may override for a learner of their cohort, each with a reason kept in the
 * audit log in the same transaction as the change:
 * - reset an attempt: it starts again now, from nothing, with a fresh draw of questions (the
 *   candidate may have seen the old ones' keys in the review);
 * - reopen a closed attempt: back in progress with its saved answers and a fresh time limit;
 * - grant an accommodation: extra minutes or attempts, in the `accommodation` table the exam flow
 *   reads when an attempt starts (src/server/exam-flow/attempts.server.ts); or withdraw one, for
 *   attempts that start afterwards;
 * - revoke a certificate: `/verify/<code>` then says revoked, and the attempt no longer counts as
 *   a pass (the learner may sit again if attempts remain; docs/assessment.md).
 * Every function checks that the learner, attempt or certificate belongs to the cohort, so an id
 * from another class changes nothing.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { appendAudit } from '../db/audit.server.ts';
import type { Db, Executor } from '../db/database.server.ts';
import { DASHBOARD_CHANNEL, type DashboardEvent, notify } from '../db/events.server.ts';
import { accommodation, attemptResponse, certificate, cohort, cohortLearner, examAttempt } from '../db/schema.server.ts';
import { newAttemptSeed } from '../exams/attempt-seed.server.ts';
import { drawAttempt } from '../exams/draw.ts';
import type { ExamCatalog } from '../exams/item-bank.server.ts';
import { deadlineOf } from '../exams/rules.ts';

/** How an override ended: done, or refused with the field at fault and the fix. */
export type OverrideResult = { ok: true } | { ok: false; status: 404 | 409; field: string; message: string };

/** Who overrides, in which cohort, and why. */
export interface OverrideBy {
  staffId: string;
  cohortId: string;
  reason: string;
  now: Date;
}

const refused = (status: 404 | 409, field: string, message: string): OverrideResult => ({ ok: false, status, field, message });

/** Extra minutes granted to the learner for the exam and not withdrawn (they lengthen an attempt that starts or restarts). */
async function extraMinutesOf(db: Executor, examId: string, learnerId: string): Promise<{ minutes: number; reason: string }> {
  const rows = await db
    .select()
    .from(accommodation)
    .where(and(eq(accommodation.examId, examId), eq(accommodation.learnerId, learnerId), isNull(accommodation.withdrawnAt)));
  const granted = rows.filter((r) => r.extraMinutes > 0);
  return { minutes: granted.reduce((sum, r) => sum + r.extraMinutes, 0), reason: granted.map((r) => r.reason).join('; ') };
}

/**
 * Resets (`how: 'reset'`) or reopens (`how: 'reopen'`) one attempt of a learner in the cohort.
 * ASSUMPTION: an attempt that earned a certificate is neither reset nor reopened (its result
 * stands; revoke the certificate instead), and a reopened attempt gets the exam's whole time
 * limit again from now, since how much time the candidate lost is not known to the server.
 */
export async function overrideAttempt(db: Db, catalog: ExamCatalog, by: OverrideBy, attemptId: string, how: 'reset' | 'reopen'): Promise<OverrideResult> {
  return db.transaction(async (tx): Promise<OverrideResult> => {
    const [found] = await tx
      .select({ attempt: examAttempt })
      .from(examAttempt)
      .innerJoin(cohortLearner, eq(cohortLearner.id, examAttempt.learnerId))
      .where(and(eq(examAttempt.id, attemptId), eq(cohortLearner.cohortId, by.cohortId)))
      .for('update', { of: examAttempt });
    if (!found) return refused(404, 'attempt', 'Attempt: pick an attempt of this class from the list.');
    const { attempt } = found;
    const learnerId = attempt.learnerId ?? '';
    const blueprint = catalog.exams.find((e) => e.id === attempt.examId);
    if (!blueprint) return refused(409, 'attempt', 'Attempt: its exam is no longer in the catalogue, so it cannot be taken again.');
    const [cert] = await tx.select({ code: certificate.code, revokedAt: certificate.revokedAt }).from(certificate).where(eq(certificate.attemptId, attempt.id));
    // A revoked certificate stays on record against its attempt, so that attempt is not taken again either: the learner sits a new one.
    if (cert?.revokedAt) return refused(409, 'attempt', 'Attempt: its certificate was revoked, so the learner takes a new attempt instead. Grant an extra attempt if they have none left.');
    if (cert) return refused(409, 'attempt', 'Attempt: it earned a certificate, so its result stands. Revoke the certificate instead.');
    if (how === 'reopen' && attempt.status === 'in-progress') return refused(409, 'attempt', 'Attempt: it is still in progress; reset it to start it over, or wait until it is handed in.');
    const [other] = await tx
      .select({ id: examAttempt.id })
      .from(examAttempt)
      .where(and(eq(examAttempt.learnerId, learnerId), eq(examAttempt.examId, attempt.examId), eq(examAttempt.status, 'in-progress')));
    if (other && other.id !== attempt.id) return refused(409, 'attempt', 'Attempt: the learner has another attempt in progress; wait until it is handed in.');

    const extra = await extraMinutesOf(tx, attempt.examId, learnerId);
    const deadline = deadlineOf(by.now, blueprint, { extraMinutes: extra.minutes });
    const common = { status: 'in-progress' as const, submittedAt: null, score: null, maxScore: null, passed: null, deadline, extraMinutes: extra.minutes, accommodationReason: extra.minutes > 0 ? extra.reason : null };
    if (how === 'reset') {
      const { stored } = drawAttempt(catalog.bank, blueprint, newAttemptSeed(), catalog.labs);
      await tx.delete(attemptResponse).where(eq(attemptResponse.attemptId, attempt.id));
      await tx.update(examAttempt).set({ ...common, startedAt: by.now, draw: stored }).where(eq(examAttempt.id, attempt.id));
    } else {
      await tx.update(examAttempt).set(common).where(eq(examAttempt.id, attempt.id));
    }
    await appendAudit(tx, {
      actor: { kind: 'user', id: by.staffId },
      action: how === 'reset' ? 'attempt.reset' : 'attempt.reopened',
      subject: attempt.id,
      reason: by.reason,
      detail: { learnerId, examId: attempt.examId, before: { status: attempt.status, score: attempt.score, deadline: attempt.deadline.toISOString() }, deadline: deadline.toISOString() },
    });
    return { ok: true };
  });
}

/** Grants a learner of the cohort extra minutes and/or attempts at the cohort's exam. */
export async function grantAccommodation(db: Db, by: OverrideBy, learnerId: string, extra: { minutes: number; attempts: number }): Promise<OverrideResult> {
  return db.transaction(async (tx): Promise<OverrideResult> => {
    const [found] = await tx
      .select({ examId: cohort.examId })
      .from(cohortLearner)
      .innerJoin(cohort, eq(cohort.id, cohortLearner.cohortId))
      .where(and(eq(cohortLearner.id, learnerId), eq(cohortLearner.cohortId, by.cohortId)));
    if (!found) return refused(404, 'learner', 'Learner: pick a learner of this class from the list.');
    if (!found.examId) return refused(409, 'learner', 'Learner: this class sits no exam, so there is nothing to accommodate.');
    const [row] = await tx
      .insert(accommodation)
      .values({ examId: found.examId, learnerId, extraMinutes: extra.minutes, extraAttempts: extra.attempts, reason: by.reason, grantedBy: by.staffId })
      .returning({ id: accommodation.id });
    await appendAudit(tx, {
      actor: { kind: 'user', id: by.staffId },
      action: 'accommodation.granted',
      subject: learnerId,
      reason: by.reason,
      detail: { examId: found.examId, extraMinutes: extra.minutes, extraAttempts: extra.attempts, accommodationId: row?.id },
    });
    return { ok: true };
  });
}

/**
 * Withdraws one accommodation granted to a learner of the cohort (its extra minutes and attempts
 * together). ASSUMPTION: a withdrawal counts for attempts that start or restart afterwards; an
 * attempt already running keeps the deadline it started with, so no candidate sees their time
 * shrink mid-exam. Withdrawn extra attempts lower the attempt limit from now on (attempts already
 * made stay as they are).
 */
export async function withdrawAccommodation(db: Db, by: OverrideBy, accommodationId: number): Promise<OverrideResult> {
  return db.transaction(async (tx): Promise<OverrideResult> => {
    const [found] = await tx
      .select({ grant: accommodation })
      .from(accommodation)
      .innerJoin(cohortLearner, eq(cohortLearner.id, accommodation.learnerId))
      .where(and(eq(accommodation.id, accommodationId), eq(cohortLearner.cohortId, by.cohortId)))
      .for('update', { of: accommodation });
    if (!found) return refused(404, 'accommodation', 'Accommodation: pick one of this class from the list.');
    const { grant } = found;
    if (grant.withdrawnAt) return refused(409, 'accommodation', 'Accommodation: it is already withdrawn.');
    await tx.update(accommodation).set({ withdrawnAt: by.now, withdrawnBy: by.staffId, withdrawReason: by.reason }).where(eq(accommodation.id, grant.id));
    await appendAudit(tx, {
      actor: { kind: 'user', id: by.staffId },
      action: 'accommodation.withdrawn',
      subject: grant.learnerId ?? '',
      reason: by.reason,
      detail: { examId: grant.examId, accommodationId: grant.id, extraMinutes: grant.extraMinutes, extraAttempts: grant.extraAttempts, grantedReason: grant.reason },
    });
    return { ok: true };
  });
}

/** Revokes a certificate earned by a learner of the cohort; `/verify/<code>` says revoked from then on. */
export async function revokeCertificate(db: Db, by: OverrideBy, code: string): Promise<OverrideResult> {
  return db.transaction(async (tx): Promise<OverrideResult> => {
    const [found] = await tx
      .select({ code: certificate.code, revokedAt: certificate.revokedAt })
      .from(certificate)
      .innerJoin(examAttempt, eq(examAttempt.id, certificate.attemptId))
      .innerJoin(cohortLearner, eq(cohortLearner.id, examAttempt.learnerId))
      .where(and(eq(certificate.code, code), eq(cohortLearner.cohortId, by.cohortId)))
      .for('update', { of: certificate });
    if (!found) return refused(404, 'certificate', 'Certificate: pick a certificate of this class from the list.');
    if (found.revokedAt) return refused(409, 'certificate', 'Certificate: it is already revoked.');
    await tx
      .update(certificate)
      .set({ revokedAt: by.now, revokeReason: by.reason })
      .where(and(eq(certificate.code, code), isNull(certificate.revokedAt)));
    await appendAudit(tx, { actor: { kind: 'user', id: by.staffId }, action: 'certificate.revoked', subject: code, reason: by.reason });
    // The live dashboard shows the exam too: tell it (sent only if this transaction commits).
    await notify(tx, DASHBOARD_CHANNEL, { cohortId: by.cohortId, kind: 'certificate-revoked' } satisfies DashboardEvent);
    return { ok: true };
  });
}
