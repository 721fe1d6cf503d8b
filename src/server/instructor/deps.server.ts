/** What the instructor's pages need: staff sign-in, the database, the labs and exams a cohort may take, and a clock. */
import type { Lab } from '../../../machines/grading/lab.ts';
import { type StaffServices, staffServices } from '../auth/staff-auth.server.ts';
import { classLabDeps } from '../cohort-labs/deps.server.ts';
import { servedDeps } from '../exam-flow/deps.server.ts';
import type { ExamCatalog } from '../exams/item-bank.server.ts';

/** The instructor pages' dependencies; tests pass their own database, catalogue and clock. */
export interface InstructorDeps {
  /** Staff sign-in and the database. */
  services: StaffServices;
  /** The course's labs by id (the class lab catalogue). */
  labs: ReadonlyMap<string, Lab>;
  /** The exams and their item bank. */
  catalog: ExamCatalog;
  /** The server's clock. */
  now(): Date;
}

/** The instructor pages' dependencies in the running server. */
export async function instructorDeps(): Promise<InstructorDeps> {
  const [services, labDeps, examDeps] = await Promise.all([staffServices(), classLabDeps(), servedDeps()]);
  return { services, labs: labDeps.labs, catalog: examDeps.catalog, now: () => new Date() };
}
