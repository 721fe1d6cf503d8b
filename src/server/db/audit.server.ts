/**
 * The audit trail: who did what, when and why. Entries are only ever added — the database
 * itself refuses to change or remove them (the trigger in drizzle/0001_audit_append_only.sql).
 * Write the entry in the same transaction as the change it records, so both or neither persist.
 */
import { asc, eq } from 'drizzle-orm';
import type { Executor } from './database.server.ts';
import { auditLog } from './schema.server.ts';
import { AUDIT_ACTIONS, type AuditAction } from './values.server.ts';

/** Who acted: an account or a cohort learner by id, or the server itself (e.g. a deadline passing). */
export type Actor = { kind: 'user' | 'learner'; id: string } | { kind: 'system' };

/** One event to record. */
export interface AuditEntry {
  actor: Actor;
  action: AuditAction;
  /** What it was done to: an attempt, cohort, certificate or account id. */
  subject: string;
  /** Why, in the actor's words; overrides, resets and revocations must give one. */
  reason?: string | undefined;
  /** Anything else worth keeping (small JSON). */
  detail?: Record<string, unknown> | undefined;
}

/** A recorded entry, as read back. */
export type AuditRecord = typeof auditLog.$inferSelect;

/** Actions that override a result or someone's standing, and so must say why. */
export const ACTIONS_NEEDING_REASON: readonly AuditAction[] = [
  'attempt.reset',
  'attempt.reopened',
  'accommodation.granted',
  'accommodation.withdrawn',
  'certificate.revoked',
  'instructor.disabled',
];

/** Why `entry` cannot be recorded, naming the field and the fix; undefined when it can. */
export function auditEntryProblem(entry: AuditEntry): string | undefined {
  if (!AUDIT_ACTIONS.includes(entry.action)) return `action "${entry.action}" is not one the audit log records; use one of ${AUDIT_ACTIONS.join(', ')}.`;
  if (entry.actor.kind !== 'system' && entry.actor.id.trim() === '') return `actor.id is empty: name the ${entry.actor.kind} who acted.`;
  if (entry.subject.trim() === '') return 'subject is empty: name what the action was done to (an attempt, cohort, certificate or account id).';
  if (ACTIONS_NEEDING_REASON.includes(entry.action) && (entry.reason ?? '').trim() === '') {
    return `reason is required for ${entry.action}: say why, in a few words.`;
  }
  return undefined;
}

/** Adds one entry to the audit log and returns it as stored (with its id and time). Throws, naming the field, on a bad entry. */
export async function appendAudit(executor: Executor, entry: AuditEntry): Promise<AuditRecord> {
  const problem = auditEntryProblem(entry);
  if (problem) throw new Error(`Audit entry refused: ${problem}`);
  const [row] = await executor
    .insert(auditLog)
    .values({
      actorKind: entry.actor.kind,
      actorId: entry.actor.kind === 'system' ? null : entry.actor.id,
      action: entry.action,
      subject: entry.subject,
      reason: entry.reason?.trim() || null,
      detail: entry.detail ?? {},
    })
    .returning();
  if (!row) throw new Error('The audit log returned no row for an insert.');
  return row;
}

/** Every entry about one subject, oldest first. */
export function auditTrail(executor: Executor, subject: string): Promise<AuditRecord[]> {
  return executor.select().from(auditLog).where(eq(auditLog.subject, subject)).orderBy(asc(auditLog.id));
}
