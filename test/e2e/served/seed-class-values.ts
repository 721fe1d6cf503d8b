/** What the served browser tests' seeded class is (seed-class.ts writes it; the specs join it). */

/** The class code the served specs join with. */
export const E2E_CLASS_CODE = 'E2E-NIGHT-SHIFT';

/** The exam the class sits: the short one of content/exams/blueprints.yaml. */
export const E2E_EXAM_ID = 'plc-security-foundations';

/** The labs the class works through (graded on the server): the class lab spec solves the first. */
export const E2E_LAB_IDS = ['03-dip-write-protection', '06-fins-write-protection'];

/**
 * A second class whose one learner already has an exam attempt with a known draw: the two
 * performance items below, each configured in the lab workbench by exam-workbench.spec.ts. The
 * learner is signed in by the cookie token (test-only; the database holds only its hash).
 */
export const E2E_EXAM_LAB = {
  className: 'Exam lab room',
  classCode: 'E2E-EXAM-LAB',
  learnerName: 'Wren Workbench',
  token: 'e2e-exam-workbench-learner-token-0123456789',
  /** The practitioner exam: performance items are drawn there. */
  examId: 'plc-security-practitioner',
  /** Bank ids of the drawn items, in the order they are drawn. */
  items: ['perf-dip', 'perf-fins-wp'],
  /** The attempt's seed: it fixes the order, the opaque ids and the lab variants. */
  drawSeed: 'e2e-exam-workbench-draw',
} as const;
