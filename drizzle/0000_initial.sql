CREATE TABLE "accommodation" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "accommodation_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"exam_id" text NOT NULL,
	"learner_id" text,
	"user_id" text,
	"extra_minutes" integer DEFAULT 0 NOT NULL,
	"extra_attempts" integer DEFAULT 0 NOT NULL,
	"reason" text NOT NULL,
	"granted_by" text NOT NULL,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accommodation_one_candidate" CHECK (num_nonnulls("accommodation"."learner_id", "accommodation"."user_id") = 1),
	CONSTRAINT "accommodation_grants_something" CHECK ("accommodation"."extra_minutes" >= 0 and "accommodation"."extra_attempts" >= 0 and "accommodation"."extra_minutes" + "accommodation"."extra_attempts" > 0),
	CONSTRAINT "accommodation_reason_given" CHECK (length(trim("accommodation"."reason")) > 0)
);
--> statement-breakpoint
CREATE TABLE "account" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"provider_id" text NOT NULL,
	"user_id" text NOT NULL,
	"access_token" text,
	"refresh_token" text,
	"id_token" text,
	"access_token_expires_at" timestamp with time zone,
	"refresh_token_expires_at" timestamp with time zone,
	"scope" text,
	"password" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "attempt_response" (
	"attempt_id" text NOT NULL,
	"item_id" text NOT NULL,
	"response" jsonb NOT NULL,
	"saved_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attempt_response_pk" PRIMARY KEY("attempt_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_id" text,
	"action" text NOT NULL,
	"subject" text NOT NULL,
	"reason" text,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "audit_log_actor_kind_known" CHECK ("audit_log"."actor_kind" in ('user', 'learner', 'system')),
	CONSTRAINT "audit_log_action_known" CHECK ("audit_log"."action" in ('admin.setup', 'instructor.created', 'instructor.disabled', 'login.locked', 'cohort.created', 'cohort.updated', 'learner.joined', 'lab.submitted', 'hint.revealed', 'exam.started', 'exam.saved', 'exam.submitted', 'exam.expired', 'attempt.reset', 'attempt.reopened', 'accommodation.granted', 'certificate.issued', 'certificate.revoked')),
	CONSTRAINT "audit_log_actor_present" CHECK (("audit_log"."actor_kind" = 'system') = ("audit_log"."actor_id" is null))
);
--> statement-breakpoint
CREATE TABLE "certificate" (
	"code" text PRIMARY KEY NOT NULL,
	"attempt_id" text NOT NULL,
	"name" text NOT NULL,
	"exam_id" text NOT NULL,
	"score" integer NOT NULL,
	"max_score" integer NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoke_reason" text,
	CONSTRAINT "certificate_attempt_id_unique" UNIQUE("attempt_id"),
	CONSTRAINT "certificate_revocation_reasoned" CHECK (("certificate"."revoked_at" is null) = ("certificate"."revoke_reason" is null)),
	CONSTRAINT "certificate_score_in_range" CHECK ("certificate"."score" between 0 and "certificate"."max_score")
);
--> statement-breakpoint
CREATE TABLE "cohort" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"instructor_id" text NOT NULL,
	"lab_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"exam_id" text,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"seat_cap" integer NOT NULL,
	"class_code" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cohort_class_code_unique" UNIQUE("class_code"),
	CONSTRAINT "cohort_dates_in_order" CHECK ("cohort"."closes_at" > "cohort"."opens_at"),
	CONSTRAINT "cohort_seat_cap_positive" CHECK ("cohort"."seat_cap" > 0)
);
--> statement-breakpoint
CREATE TABLE "cohort_learner" (
	"id" text PRIMARY KEY NOT NULL,
	"cohort_id" text NOT NULL,
	"display_name" text NOT NULL,
	"token_hash" text NOT NULL,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cohort_learner_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "exam_attempt" (
	"id" text PRIMARY KEY NOT NULL,
	"exam_id" text NOT NULL,
	"learner_id" text,
	"user_id" text,
	"status" text DEFAULT 'in-progress' NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deadline" timestamp with time zone NOT NULL,
	"submitted_at" timestamp with time zone,
	"score" integer,
	"max_score" integer,
	"passed" boolean,
	"extra_minutes" integer DEFAULT 0 NOT NULL,
	"accommodation_reason" text,
	"draw" jsonb NOT NULL,
	CONSTRAINT "exam_attempt_one_candidate" CHECK (num_nonnulls("exam_attempt"."learner_id", "exam_attempt"."user_id") = 1),
	CONSTRAINT "exam_attempt_status_known" CHECK ("exam_attempt"."status" in ('in-progress', 'submitted', 'expired')),
	CONSTRAINT "exam_attempt_deadline_after_start" CHECK ("exam_attempt"."deadline" > "exam_attempt"."started_at"),
	CONSTRAINT "exam_attempt_extra_minutes_reasoned" CHECK ("exam_attempt"."extra_minutes" = 0 or "exam_attempt"."accommodation_reason" is not null),
	CONSTRAINT "exam_attempt_extra_minutes_not_negative" CHECK ("exam_attempt"."extra_minutes" >= 0),
	CONSTRAINT "exam_attempt_score_in_range" CHECK ("exam_attempt"."score" is null or "exam_attempt"."score" between 0 and "exam_attempt"."max_score"),
	CONSTRAINT "exam_attempt_submitted_has_time" CHECK ("exam_attempt"."status" <> 'submitted' or "exam_attempt"."submitted_at" is not null)
);
--> statement-breakpoint
CREATE TABLE "hint_reveal" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "hint_reveal_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"learner_id" text NOT NULL,
	"lab_id" text NOT NULL,
	"hint_id" text NOT NULL,
	"cost" integer NOT NULL,
	"revealed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hint_reveal_cost_not_negative" CHECK ("hint_reveal"."cost" >= 0)
);
--> statement-breakpoint
CREATE TABLE "lab_submission" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "lab_submission_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"learner_id" text NOT NULL,
	"lab_id" text NOT NULL,
	"seed" bigint NOT NULL,
	"answer" jsonb NOT NULL,
	"score" integer NOT NULL,
	"max_score" integer NOT NULL,
	"passed" boolean NOT NULL,
	"hints_used" integer DEFAULT 0 NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lab_submission_score_in_range" CHECK ("lab_submission"."score" between 0 and "lab_submission"."max_score"),
	CONSTRAINT "lab_submission_seed_unsigned" CHECK ("lab_submission"."seed" between 0 and 4294967295)
);
--> statement-breakpoint
CREATE TABLE "login_throttle" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"last_failure_at" timestamp with time zone,
	"locked_until" timestamp with time zone,
	CONSTRAINT "login_throttle_failures_count" CHECK ("login_throttle"."failures" >= 0)
);
--> statement-breakpoint
CREATE TABLE "rate_limit" (
	"id" text PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"count" integer NOT NULL,
	"last_request" bigint NOT NULL,
	CONSTRAINT "rate_limit_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "session" (
	"id" text PRIMARY KEY NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ip_address" text,
	"user_agent" text,
	"user_id" text NOT NULL,
	CONSTRAINT "session_token_unique" UNIQUE("token")
);
--> statement-breakpoint
CREATE TABLE "user" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"email_verified" boolean DEFAULT false NOT NULL,
	"image" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"role" text DEFAULT 'instructor' NOT NULL,
	CONSTRAINT "user_email_unique" UNIQUE("email"),
	CONSTRAINT "user_role_known" CHECK ("user"."role" in ('admin', 'instructor'))
);
--> statement-breakpoint
CREATE TABLE "verification" (
	"id" text PRIMARY KEY NOT NULL,
	"identifier" text NOT NULL,
	"value" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "accommodation" ADD CONSTRAINT "accommodation_learner_id_cohort_learner_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."cohort_learner"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accommodation" ADD CONSTRAINT "accommodation_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accommodation" ADD CONSTRAINT "accommodation_granted_by_user_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."user"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account" ADD CONSTRAINT "account_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attempt_response" ADD CONSTRAINT "attempt_response_attempt_id_exam_attempt_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."exam_attempt"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate" ADD CONSTRAINT "certificate_attempt_id_exam_attempt_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."exam_attempt"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort" ADD CONSTRAINT "cohort_instructor_id_user_id_fk" FOREIGN KEY ("instructor_id") REFERENCES "public"."user"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_learner" ADD CONSTRAINT "cohort_learner_cohort_id_cohort_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohort"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_attempt" ADD CONSTRAINT "exam_attempt_learner_id_cohort_learner_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."cohort_learner"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_attempt" ADD CONSTRAINT "exam_attempt_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hint_reveal" ADD CONSTRAINT "hint_reveal_learner_id_cohort_learner_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."cohort_learner"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_submission" ADD CONSTRAINT "lab_submission_learner_id_cohort_learner_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."cohort_learner"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session" ADD CONSTRAINT "session_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "accommodation_exam_learner_idx" ON "accommodation" USING btree ("exam_id","learner_id");--> statement-breakpoint
CREATE INDEX "accommodation_exam_user_idx" ON "accommodation" USING btree ("exam_id","user_id");--> statement-breakpoint
CREATE INDEX "account_user_id_idx" ON "account" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "audit_log_subject_idx" ON "audit_log" USING btree ("subject");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "cohort_instructor_id_idx" ON "cohort" USING btree ("instructor_id");--> statement-breakpoint
CREATE INDEX "cohort_learner_cohort_id_idx" ON "cohort_learner" USING btree ("cohort_id");--> statement-breakpoint
CREATE INDEX "exam_attempt_exam_learner_idx" ON "exam_attempt" USING btree ("exam_id","learner_id");--> statement-breakpoint
CREATE INDEX "exam_attempt_exam_user_idx" ON "exam_attempt" USING btree ("exam_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "exam_attempt_one_open_learner_idx" ON "exam_attempt" USING btree ("exam_id","learner_id") WHERE "exam_attempt"."status" = 'in-progress' and "exam_attempt"."learner_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "exam_attempt_one_open_user_idx" ON "exam_attempt" USING btree ("exam_id","user_id") WHERE "exam_attempt"."status" = 'in-progress' and "exam_attempt"."user_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "hint_reveal_once_idx" ON "hint_reveal" USING btree ("learner_id","lab_id","hint_id");--> statement-breakpoint
CREATE INDEX "lab_submission_learner_lab_idx" ON "lab_submission" USING btree ("learner_id","lab_id");--> statement-breakpoint
CREATE INDEX "session_user_id_idx" ON "session" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "verification_identifier_idx" ON "verification" USING btree ("identifier");