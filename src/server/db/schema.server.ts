/**
 * The served mode's one database schema (Drizzle, PostgreSQL dialect). PGlite and PostgreSQL run
 * the same tables and the same migrations, generated from this file by `npm run db:generate`
 * into `drizzle/` (record 010). A test fails when this file and the migrations disagree.
 *
 * Conventions: tables and columns in snake_case; every time is a `timestamptz`; lists of values
 * come from `values.server.ts` and are held by CHECK constraints; ids the browser sees (cohorts,
 * learners, attempts) are opaque random text, internal rows count up.
 */
import { type SQL, sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { Answer } from '../../../machines/grading/lab.ts';
import type { StoredAttempt } from '../exams/draw.ts';
import { newId } from './ids.server.ts';
import { ACTOR_KINDS, ATTEMPT_STATUSES, AUDIT_ACTIONS, type ActorKind, type AttemptStatus, USER_ROLES } from './values.server.ts';

/** A point in time, with its zone, read as a `Date`. */
const moment = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
/** The time a row was written, set by the database. */
const createdNow = (name: string) => moment(name).notNull().defaultNow();
/** When a row was made and last changed (Better Auth's `createdAt` / `updatedAt`). */
const rowTimes = () => ({ createdAt: createdNow('created_at'), updatedAt: createdNow('updated_at').$onUpdate(() => new Date()) });
/** The account a row belongs to; the row goes when the account does. */
const ownedByAccount = () =>
  text('user_id')
    .notNull()
    .references((): AnyPgColumn => user.id, { onDelete: 'cascade' });
/** An internal row id that counts up. */
const serialId = () => bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity();

/** One of our own constants as an SQL literal, for DDL (CHECK bodies, index predicates), which takes no parameters. */
function literal(value: string): SQL {
  return sql.raw(`'${value.replaceAll("'", "''")}'`);
}

/** SQL that holds `column` to one of `values` (a CHECK body). */
function oneOf(column: AnyPgColumn, values: readonly string[]): SQL {
  return sql`${column} in (${sql.join(values.map(literal), sql`, `)})`;
}

/** The status of an attempt still being taken. */
const IN_PROGRESS: AttemptStatus = 'in-progress';
/** The status of an attempt the candidate handed in. */
const SUBMITTED: AttemptStatus = 'submitted';
/** The actor kind that has no id. */
const SYSTEM: ActorKind = 'system';

// ── Better Auth (1.7, Drizzle adapter) ───────────────────────────────────────────────────────
// The export names and property names are the adapter's model and field names (it reads this
// object, not the database): user, session, account, verification, rateLimit.

/** An account that signs in: an admin or an instructor (Better Auth's `user`, plus `role`). */
export const user = pgTable(
  'user',
  {
    id: text('id').primaryKey(),
    /** The name shown to other staff. */
    name: text('name').notNull(),
    /** The sign-in address, unique. */
    email: text('email').notNull().unique(),
    emailVerified: boolean('email_verified').notNull().default(false),
    image: text('image'),
    ...rowTimes(),
    /** What the account may do (USER_ROLES); the admin plugin's `role`. */
    role: text('role', { enum: USER_ROLES }).notNull().default('instructor'),
    /** A disabled account (the admin plugin's `banned`): it cannot sign in and its sessions are gone. */
    banned: boolean('banned').notNull().default(false),
    /** Why the account was disabled, as the admin gave it. */
    banReason: text('ban_reason'),
    /** When a disable ends by itself; null while it lasts until an admin enables the account. */
    banExpires: moment('ban_expires'),
  },
  (t) => [check('user_role_known', oneOf(t.role, USER_ROLES))],
);

/** A signed-in session; its token rides in an HttpOnly cookie (Better Auth's `session`). */
export const session = pgTable(
  'session',
  {
    id: text('id').primaryKey(),
    expiresAt: moment('expires_at').notNull(),
    token: text('token').notNull().unique(),
    ...rowTimes(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    /** The admin plugin's `impersonatedBy`: always null here (the course never impersonates), but the plugin reads it. */
    impersonatedBy: text('impersonated_by'),
    userId: ownedByAccount(),
  },
  (t) => [index('session_user_id_idx').on(t.userId)],
);

/** How an account signs in: for e-mail and password, the password hash (Better Auth's `account`). */
export const account = pgTable(
  'account',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    providerId: text('provider_id').notNull(),
    userId: ownedByAccount(),
    accessToken: text('access_token'),
    refreshToken: text('refresh_token'),
    idToken: text('id_token'),
    accessTokenExpiresAt: moment('access_token_expires_at'),
    refreshTokenExpiresAt: moment('refresh_token_expires_at'),
    scope: text('scope'),
    password: text('password'),
    ...rowTimes(),
  },
  (t) => [index('account_user_id_idx').on(t.userId)],
);

/** Short-lived tokens: the first admin's one-time setup link, password resets (Better Auth's `verification`). */
export const verification = pgTable(
  'verification',
  {
    id: text('id').primaryKey(),
    identifier: text('identifier').notNull(),
    value: text('value').notNull(),
    expiresAt: moment('expires_at').notNull(),
    ...rowTimes(),
  },
  (t) => [index('verification_identifier_idx').on(t.identifier)],
);

/**
 * Request counts per client and path, so rate limits hold across every app instance
 * (Better Auth's `rateLimit`, used with `rateLimit.storage: 'database'`).
 */
export const rateLimit = pgTable('rate_limit', {
  id: text('id').primaryKey(),
  /** The client and path being counted. */
  key: text('key').notNull().unique(),
  count: integer('count').notNull(),
  /** Milliseconds since the epoch of the last counted request. */
  lastRequest: bigint('last_request', { mode: 'number' }).notNull(),
});

/**
 * Failed sign-ins per account, for lockout with backoff: Better Auth's rate limit counts
 * requests per client, not failures per account, and a lockout must hold on every instance.
 */
export const loginThrottle = pgTable(
  'login_throttle',
  {
    /** The account being guessed at, e.g. its e-mail address in lower case. */
    key: text('key').primaryKey(),
    /** Failures since the last successful sign-in. */
    failures: integer('failures').notNull().default(0),
    lastFailureAt: moment('last_failure_at'),
    /** No sign-in for this key is tried before this time. */
    lockedUntil: moment('locked_until'),
  },
  (t) => [check('login_throttle_failures_count', sql`${t.failures} >= 0`)],
);

// ── Cohorts and labs ─────────────────────────────────────────────────────────────────────────

/** An instructor-led class: which labs and exam it takes, when it is open, how many seats. */
export const cohort = pgTable(
  'cohort',
  {
    id: text('id').primaryKey().$defaultFn(newId),
    name: text('name').notNull(),
    /** The instructor who runs it, and the only one who sees it; an account with cohorts cannot be deleted. */
    instructorId: text('instructor_id')
      .notNull()
      .references(() => user.id, { onDelete: 'restrict' }),
    /** The labs learners work through, by lab id, in order. */
    labIds: jsonb('lab_ids').$type<string[]>().notNull().default([]),
    /** The exam the cohort sits (an id from content/exams), if any. */
    examId: text('exam_id'),
    opensAt: moment('opens_at').notNull(),
    closesAt: moment('closes_at').notNull(),
    /** Most learners who may join. */
    seatCap: integer('seat_cap').notNull(),
    /** The code learners type to join; unique across cohorts. */
    classCode: text('class_code').notNull().unique(),
    createdAt: createdNow('created_at'),
  },
  (t) => [
    index('cohort_instructor_id_idx').on(t.instructorId),
    check('cohort_dates_in_order', sql`${t.closesAt} > ${t.opensAt}`),
    check('cohort_seat_cap_positive', sql`${t.seatCap} > 0`),
  ],
);

/** A learner who joined a cohort with its class code and a display name; no account, no e-mail. */
export const cohortLearner = pgTable(
  'cohort_learner',
  {
    id: text('id').primaryKey().$defaultFn(newId),
    cohortId: text('cohort_id')
      .notNull()
      .references(() => cohort.id, { onDelete: 'cascade' }),
    displayName: text('display_name').notNull(),
    /** SHA-256 (hex) of the token in the learner's session cookie; the token itself is never stored. */
    tokenHash: text('token_hash').notNull().unique(),
    joinedAt: createdNow('joined_at'),
  },
  (t) => [index('cohort_learner_cohort_id_idx').on(t.cohortId)],
);

/** A lab answer a learner submitted, and the score the server's grader gave it (never the browser's). */
export const labSubmission = pgTable(
  'lab_submission',
  {
    id: serialId(),
    learnerId: text('learner_id')
      .notNull()
      .references(() => cohortLearner.id, { onDelete: 'cascade' }),
    labId: text('lab_id').notNull(),
    /** The learner's variant seed (an unsigned 32-bit number), so the grade can be replayed. */
    seed: bigint('seed', { mode: 'number' }).notNull(),
    /** The answer as posted: only what the learner changed. */
    answer: jsonb('answer').$type<Answer>().notNull(),
    score: integer('score').notNull(),
    maxScore: integer('max_score').notNull(),
    passed: boolean('passed').notNull(),
    hintsUsed: integer('hints_used').notNull().default(0),
    submittedAt: createdNow('submitted_at'),
  },
  (t) => [
    index('lab_submission_learner_lab_idx').on(t.learnerId, t.labId),
    check('lab_submission_score_in_range', sql`${t.score} between 0 and ${t.maxScore}`),
    check('lab_submission_seed_unsigned', sql`${t.seed} between 0 and 4294967295`),
  ],
);

/** A hint the server revealed to a learner, with the points it costs; each hint counts once. */
export const hintReveal = pgTable(
  'hint_reveal',
  {
    id: serialId(),
    learnerId: text('learner_id')
      .notNull()
      .references(() => cohortLearner.id, { onDelete: 'cascade' }),
    labId: text('lab_id').notNull(),
    /** The hint's id in the lab file (the same ids an answer's `hintsUsed` lists). */
    hintId: text('hint_id').notNull(),
    cost: integer('cost').notNull(),
    revealedAt: createdNow('revealed_at'),
  },
  (t) => [
    uniqueIndex('hint_reveal_once_idx').on(t.learnerId, t.labId, t.hintId),
    check('hint_reveal_cost_not_negative', sql`${t.cost} >= 0`),
  ],
);

// ── Exams and certificates ───────────────────────────────────────────────────────────────────

/** Extra time and attempts granted to one candidate for one exam, with the reason and who granted it — and, once withdrawn, when, by whom and why. */
export const accommodation = pgTable(
  'accommodation',
  {
    id: serialId(),
    examId: text('exam_id').notNull(),
    /** The candidate, when a cohort learner. */
    learnerId: text('learner_id').references(() => cohortLearner.id, { onDelete: 'cascade' }),
    /** The candidate, when an account. */
    userId: text('user_id').references(() => user.id, { onDelete: 'cascade' }),
    extraMinutes: integer('extra_minutes').notNull().default(0),
    extraAttempts: integer('extra_attempts').notNull().default(0),
    reason: text('reason').notNull(),
    grantedBy: text('granted_by')
      .notNull()
      .references(() => user.id, { onDelete: 'restrict' }),
    grantedAt: createdNow('granted_at'),
    /** When an instructor withdrew the grant (null while it stands); it then counts for attempts that start afterwards no more. */
    withdrawnAt: moment('withdrawn_at'),
    /** Who withdrew it. */
    withdrawnBy: text('withdrawn_by').references(() => user.id, { onDelete: 'restrict' }),
    /** Why it was withdrawn (required with `withdrawnAt`). */
    withdrawReason: text('withdraw_reason'),
  },
  (t) => [
    index('accommodation_exam_learner_idx').on(t.examId, t.learnerId),
    check(
      'accommodation_withdrawal_complete',
      sql`(${t.withdrawnAt} is null and ${t.withdrawnBy} is null and ${t.withdrawReason} is null) or (${t.withdrawnAt} is not null and ${t.withdrawnBy} is not null and length(trim(${t.withdrawReason})) > 0)`,
    ),
    index('accommodation_exam_user_idx').on(t.examId, t.userId),
    check('accommodation_one_candidate', sql`num_nonnulls(${t.learnerId}, ${t.userId}) = 1`),
    check('accommodation_grants_something', sql`${t.extraMinutes} >= 0 and ${t.extraAttempts} >= 0 and ${t.extraMinutes} + ${t.extraAttempts} > 0`),
    check('accommodation_reason_given', sql`length(trim(${t.reason})) > 0`),
  ],
);

/**
 * One sitting of an exam by one candidate. The server keeps the draw and the deadline; the
 * browser only sees opaque item ids and a clock that displays the deadline. At most one
 * attempt per candidate and exam is in progress, so a second start (another tab, another
 * instance) finds and resumes the first.
 */
export const examAttempt = pgTable(
  'exam_attempt',
  {
    id: text('id').primaryKey().$defaultFn(newId),
    examId: text('exam_id').notNull(),
    /** The candidate, when a cohort learner. */
    learnerId: text('learner_id').references(() => cohortLearner.id, { onDelete: 'restrict' }),
    /** The candidate, when an account. */
    userId: text('user_id').references(() => user.id, { onDelete: 'restrict' }),
    status: text('status', { enum: ATTEMPT_STATUSES }).notNull().default(IN_PROGRESS),
    startedAt: createdNow('started_at'),
    /** When the server stops taking answers, extra minutes included. */
    deadline: moment('deadline').notNull(),
    submittedAt: moment('submitted_at'),
    score: integer('score'),
    maxScore: integer('max_score'),
    passed: boolean('passed'),
    /** Extra minutes from an accommodation, already counted in `deadline`. */
    extraMinutes: integer('extra_minutes').notNull().default(0),
    /** Why the extra minutes were granted (required when there are any). */
    accommodationReason: text('accommodation_reason'),
    /**
     * What `drawAttempt` stored for this attempt (src/server/exams/draw.ts): the secret seed, the
     * pass mark, and each drawn item as it was at the draw with its opaque ids and orders — all
     * that `scoreAttempt` needs, so a later edit of the bank never re-scores a started attempt.
     * Never sent to the browser.
     */
    draw: jsonb('draw').$type<StoredAttempt>().notNull(),
  },
  (t) => [
    index('exam_attempt_exam_learner_idx').on(t.examId, t.learnerId),
    index('exam_attempt_exam_user_idx').on(t.examId, t.userId),
    uniqueIndex('exam_attempt_one_open_learner_idx')
      .on(t.examId, t.learnerId)
      .where(sql`${t.status} = ${literal(IN_PROGRESS)} and ${t.learnerId} is not null`),
    uniqueIndex('exam_attempt_one_open_user_idx')
      .on(t.examId, t.userId)
      .where(sql`${t.status} = ${literal(IN_PROGRESS)} and ${t.userId} is not null`),
    check('exam_attempt_one_candidate', sql`num_nonnulls(${t.learnerId}, ${t.userId}) = 1`),
    check('exam_attempt_status_known', oneOf(t.status, ATTEMPT_STATUSES)),
    check('exam_attempt_deadline_after_start', sql`${t.deadline} > ${t.startedAt}`),
    check('exam_attempt_extra_minutes_reasoned', sql`${t.extraMinutes} = 0 or ${t.accommodationReason} is not null`),
    check('exam_attempt_extra_minutes_not_negative', sql`${t.extraMinutes} >= 0`),
    check('exam_attempt_score_in_range', sql`${t.score} is null or ${t.score} between 0 and ${t.maxScore}`),
    check('exam_attempt_submitted_has_time', sql`${t.status} <> ${literal(SUBMITTED)} or ${t.submittedAt} is not null`),
  ],
);

/** The candidate's latest response to one item of an attempt; autosave upserts the one row. */
export const attemptResponse = pgTable(
  'attempt_response',
  {
    attemptId: text('attempt_id')
      .notNull()
      .references(() => examAttempt.id, { onDelete: 'cascade' }),
    /** The item's opaque id within the attempt (StoredSlot.token). */
    itemId: text('item_id').notNull(),
    /** The response as the item type shapes it (chosen options, an order, pairs, a rack configuration). */
    response: jsonb('response').$type<unknown>().notNull(),
    savedAt: createdNow('saved_at'),
  },
  (t) => [primaryKey({ name: 'attempt_response_pk', columns: [t.attemptId, t.itemId] })],
);

/** A certificate for a passed attempt; `/verify/<code>` reads it and says valid, revoked or unknown. */
export const certificate = pgTable(
  'certificate',
  {
    /** The verification code printed on the certificate and in its QR link. */
    code: text('code').primaryKey(),
    attemptId: text('attempt_id')
      .notNull()
      .unique()
      .references(() => examAttempt.id, { onDelete: 'restrict' }),
    /** The name as printed. */
    name: text('name').notNull(),
    examId: text('exam_id').notNull(),
    score: integer('score').notNull(),
    maxScore: integer('max_score').notNull(),
    issuedAt: createdNow('issued_at'),
    revokedAt: moment('revoked_at'),
    revokeReason: text('revoke_reason'),
  },
  (t) => [
    check('certificate_revocation_reasoned', sql`(${t.revokedAt} is null) = (${t.revokeReason} is null)`),
    check('certificate_score_in_range', sql`${t.score} between 0 and ${t.maxScore}`),
  ],
);

// ── Audit ────────────────────────────────────────────────────────────────────────────────────

/**
 * Who did what, when and why. Append-only: a trigger (migration 0001) refuses UPDATE, DELETE
 * and TRUNCATE, so not even the app can rewrite history. No foreign keys, so deleting a cohort
 * or an account never takes its history with it.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: serialId(),
    at: createdNow('at'),
    actorKind: text('actor_kind', { enum: ACTOR_KINDS }).notNull(),
    /** The account or learner id; null for the system. */
    actorId: text('actor_id'),
    action: text('action', { enum: AUDIT_ACTIONS }).notNull(),
    /** What it was done to, e.g. an attempt, cohort or certificate id. */
    subject: text('subject').notNull(),
    /** Why, in the actor's words (required by the routes for overrides). */
    reason: text('reason'),
    /** Anything else worth keeping, e.g. the item saved or the old and new deadline. */
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    index('audit_log_subject_idx').on(t.subject),
    index('audit_log_at_idx').on(t.at),
    check('audit_log_actor_kind_known', oneOf(t.actorKind, ACTOR_KINDS)),
    check('audit_log_action_known', oneOf(t.action, AUDIT_ACTIONS)),
    check('audit_log_actor_present', sql`(${t.actorKind} = ${literal(SYSTEM)}) = (${t.actorId} is null)`),
  ],
);
