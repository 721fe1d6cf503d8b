/** What the served browser tests' seeded class is (seed-class.ts writes it; the specs join it). */

/** The class code the served specs join with. */
export const E2E_CLASS_CODE = 'E2E-NIGHT-SHIFT';

/** The exam the class sits: the short one of content/exams/blueprints.yaml. */
export const E2E_EXAM_ID = 'plc-security-foundations';

/** The labs the class works through (graded on the server): the class lab spec solves the first. */
export const E2E_LAB_IDS = ['03-dip-write-protection', '06-fins-write-protection'];
