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
import { openDatabase } from '../../../src/server/db/database.server.ts';
import { cohort, user } from '../../../src/server/db/schema.server.ts';
import { E2E_CLASS_CODE, E2E_EXAM_ID, E2E_LAB_IDS } from './seed-class-values.ts';


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
await database.close();
console.log(`Seeded class ${E2E_CLASS_CODE} in ${dir}`);
