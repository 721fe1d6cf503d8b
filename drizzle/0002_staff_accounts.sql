ALTER TABLE "audit_log" DROP CONSTRAINT "audit_log_action_known";--> statement-breakpoint
ALTER TABLE "session" ADD COLUMN "impersonated_by" text;--> statement-breakpoint
ALTER TABLE "user" ADD COLUMN "banned" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "user" ADD COLUMN "ban_reason" text;--> statement-breakpoint
ALTER TABLE "user" ADD COLUMN "ban_expires" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_action_known" CHECK ("audit_log"."action" in ('admin.setup', 'instructor.created', 'instructor.disabled', 'instructor.enabled', 'instructor.password-reset', 'login.locked', 'cohort.created', 'cohort.updated', 'learner.joined', 'lab.submitted', 'hint.revealed', 'exam.started', 'exam.saved', 'exam.submitted', 'exam.expired', 'attempt.reset', 'attempt.reopened', 'accommodation.granted', 'certificate.issued', 'certificate.revoked'));