/**
 * Test-only: gives the served course of the browser tests a fresh embedded database holding one
 * open class, before the server starts (PGlite serves one process, so the seeding is done first).
 * playwright.config.ts runs it with PGLITE_DIR set to a throwaway directory whose name says so,
 * never ./data; nothing in the served build can reach it.
 *
 *   PGLITE_DIR=/tmp/plc-defense-lab-served-e2e-4399 node test/e2e/served/seed-class.ts
 */
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { hashToken } from '../../../src/server/cohorts/learner-session.server.ts';
import { openDatabase } from '../../../src/server/db/database.server.ts';
import { cohort, cohortLearner, examAttempt, user } from '../../../src/server/db/schema.server.ts';
import { drawAttempt } from '../../../src/server/exams/draw.ts';
import { loadExamCatalog } from '../../../src/server/exams/item-bank.server.ts';
import { E2E_CLASS_CODE, E2E_EXAM_ID, E2E_EXAM_LAB, E2E_LAB_IDS } from './seed-class-values.ts';


const dir = process.env.PGLITE_DIR;
if (!dir || !/plc-defense-lab-served-e2e-\d+$/.test(dir)) {
  console.error('PGLITE_DIR must be a throwaway directory named plc-defense-lab-served-e2e-<port>: this script empties it.');
  process.exit(2);
}
rmSync(resolve(dir), { recursive: true, force: true });
rmSync(`${resolve(dir)}.lock`, { force: true });
const database = await openDatabase({ dir });
const now = Date.now();
// The class's owner, distinct from the accounts the staff tests create through the pages.
await database.db.insert(user).values({ id: 'e2e-instructor', name: 'Class Owner', email: 'class-owner@example.org' });
await database.db.insert(cohort).values({
  name: 'Night shift',
  instructorId: 'e2e-instructor',
  examId: E2E_EXAM_ID,
  labIds: E2E_LAB_IDS,
  opensAt: new Date(now - 3_600_000),
  closesAt: new Date(now + 7 * 24 * 3_600_000),
  seatCap: 50,
  classCode: E2E_CLASS_CODE,
});

// The exam-workbench spec's learner, with an attempt in progress whose draw is known: only the
// performance items E2E_EXAM_LAB lists, drawn from the real bank and labs by the real draw.
const catalog = await loadExamCatalog();
const blueprint = catalog.exams.find((e) => e.id === E2E_EXAM_LAB.examId);
if (!blueprint) throw new Error(`no exam ${E2E_EXAM_LAB.examId} in content/exams`);
const items = catalog.bank.items.filter((i) => (E2E_EXAM_LAB.items as readonly string[]).includes(i.id));
const { stored } = drawAttempt(
  { ...catalog.bank, items },
  { ...blueprint, areas: [{ title: 'Configure a rack', sections: ['§2'], types: ['performance'], count: items.length }] },
  E2E_EXAM_LAB.drawSeed,
  catalog.labs,
);
const [room] = await database.db
  .insert(cohort)
  .values({
    name: E2E_EXAM_LAB.className,
    instructorId: 'e2e-instructor',
    examId: E2E_EXAM_LAB.examId,
    labIds: [],
    opensAt: new Date(now - 3_600_000),
    closesAt: new Date(now + 7 * 24 * 3_600_000),
    seatCap: 5,
    classCode: E2E_EXAM_LAB.classCode,
  })
  .returning();
if (!room) throw new Error('no row for the exam lab class');
const [candidate] = await database.db
  .insert(cohortLearner)
  .values({ cohortId: room.id, displayName: E2E_EXAM_LAB.learnerName, tokenHash: hashToken(E2E_EXAM_LAB.token) })
  .returning();
if (!candidate) throw new Error('no row for the exam lab learner');
await database.db.insert(examAttempt).values({
  examId: E2E_EXAM_LAB.examId,
  learnerId: candidate.id,
  startedAt: new Date(now),
  deadline: new Date(now + blueprint.timeLimitMinutes * 60_000),
  draw: stored,
});
await database.close();
console.log(`Seeded classes ${E2E_CLASS_CODE} and ${E2E_EXAM_LAB.classCode} (an attempt with a known draw) in ${dir}`);
