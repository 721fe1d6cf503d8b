/**
 * The lists of values the served mode stores, written once (records 008 and 009). The schema
 * turns each into a CHECK constraint and a column type; routes, forms and zod schemas derive
 * from the same arrays, so a value the database refuses cannot be offered anywhere else.
 */

/** What a signed-in account may do: an admin manages instructors; an instructor runs their own cohorts. */
export const USER_ROLES = ['admin', 'instructor'] as const;
/** A signed-in account's role. */
export type UserRole = (typeof USER_ROLES)[number];

/**
 * Where an exam attempt stands. `in-progress` until the candidate submits (`submitted`) or the
 * server's deadline passes first (`expired`, graded on what was saved).
 */
export const ATTEMPT_STATUSES = ['in-progress', 'submitted', 'expired'] as const;
/** An exam attempt's status. */
export type AttemptStatus = (typeof ATTEMPT_STATUSES)[number];

/** Who did something the audit log records: an account, a cohort learner, or the server itself (a deadline). */
export const ACTOR_KINDS = ['user', 'learner', 'system'] as const;
/** The kind of actor in an audit entry. */
export type ActorKind = (typeof ACTOR_KINDS)[number];

/**
 * What the audit log records, named `subject.verb`. Exam events (start, save, submit, expiry),
 * every override an instructor or admin makes (reset, reopen, accommodation granted or withdrawn), certificates
 * issued and revoked, and the account and cohort changes that decide who may see what.
 */
export const AUDIT_ACTIONS = [
  'admin.setup',
  'instructor.created',
  'instructor.disabled',
  'instructor.enabled',
  'instructor.password-reset',
  'instructor.password-changed',
  'login.locked',
  'cohort.created',
  'cohort.updated',
  'learner.joined',
  'lab.submitted',
  'hint.revealed',
  'exam.started',
  'exam.saved',
  'exam.submitted',
  'exam.expired',
  'attempt.reset',
  'attempt.reopened',
  'accommodation.granted',
  'accommodation.withdrawn',
  'certificate.issued',
  'certificate.revoked',
] as const;
/** One kind of audited event. */
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
