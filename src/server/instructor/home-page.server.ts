/**
 * `/instructor`: the signed-in instructor's cohorts (an admin sees everyone's), and the form that
 * creates one. The class code is drawn by the server and shown once the cohort exists; creating
 * a cohort is in the audit log with who did it.
 */
import { asc, count, eq } from 'drizzle-orm';
import { blankForm, type FormState, seeOther } from '../auth/forms.server.ts';
import { requireStaff, type Staff } from '../auth/staff.server.ts';
import { appendAudit } from '../db/audit.server.ts';
import type { Db } from '../db/database.server.ts';
import { cohort, cohortLearner, user } from '../db/schema.server.ts';
import { newClassCode } from './class-code.server.ts';
import { cohortFormSchema, readCohortForm } from './cohort-form.server.ts';
import type { InstructorDeps } from './deps.server.ts';

/** The instructor's home page. */
export const INSTRUCTOR_HOME = '/instructor';
/** One cohort's page. */
export const cohortPath = (id: string) => `${INSTRUCTOR_HOME}/cohorts/${encodeURIComponent(id)}`;

/** A cohort as the list shows it. */
export interface CohortSummary {
  id: string;
  name: string;
  instructorName: string;
  classCode: string;
  opensAt: Date;
  closesAt: Date;
  seatCap: number;
  learners: number;
  labIds: string[];
  examId: string | null;
}

/** What the home page renders, or the response to send instead. */
export type HomeOutcome = { response: Response } | { staff: Staff; form: FormState; cohorts: CohortSummary[]; created?: CohortSummary | undefined };

/** The cohorts `staff` may see: their own, or every cohort for an admin; newest first. */
export async function cohortsOf(db: Db, staff: Pick<Staff, 'id' | 'role'>): Promise<CohortSummary[]> {
  const rows = await db
    .select({
      id: cohort.id,
      name: cohort.name,
      instructorName: user.name,
      classCode: cohort.classCode,
      opensAt: cohort.opensAt,
      closesAt: cohort.closesAt,
      seatCap: cohort.seatCap,
      labIds: cohort.labIds,
      examId: cohort.examId,
      learners: count(cohortLearner.id),
    })
    .from(cohort)
    .innerJoin(user, eq(user.id, cohort.instructorId))
    .leftJoin(cohortLearner, eq(cohortLearner.cohortId, cohort.id))
    .where(staff.role === 'admin' ? undefined : eq(cohort.instructorId, staff.id))
    .groupBy(cohort.id, user.name)
    .orderBy(asc(cohort.opensAt), asc(cohort.name));
  return rows.map((r) => ({ ...r, learners: Number(r.learners) }));
}

/** Whether a database error is a unique-constraint clash (a class code drawn twice). */
function isUniqueViolation(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } }).cause ?? (error as { code?: string });
  return cause?.code === '23505';
}

/** The home page: GET lists, POST creates a cohort (then 303 back here, naming it). */
export async function instructorHomePage(context: { request: Request }, deps: InstructorDeps): Promise<HomeOutcome> {
  const gate = await requireStaff(context, ['instructor', 'admin'], { page: true, services: deps.services });
  if (gate instanceof Response) return { response: gate };
  const { request } = context;
  const { db } = deps.services.database;
  if (request.method !== 'POST') {
    const cohorts = await cohortsOf(db, gate);
    const createdId = new URL(request.url).searchParams.get('created');
    const created = cohorts.find((c) => c.id === createdId);
    const notice = created ? `Class “${created.name}” created. Its class code is ${created.classCode}: give it to your learners.` : undefined;
    return { staff: gate, form: blankForm(notice), cohorts, created };
  }
  const schema = cohortFormSchema([...deps.labs.keys()], deps.catalog.exams.map((e) => e.id));
  const form = await readCohortForm(request, schema);
  if (!form.ok) return { staff: gate, form: form.state, cohorts: await cohortsOf(db, gate) };
  const { name, labs, exam, opensAt, closesAt, seatCap } = form.data;
  for (let tries = 0; ; tries++) {
    const classCode = newClassCode();
    try {
      const id = await db.transaction(async (tx) => {
        const [made] = await tx
          .insert(cohort)
          .values({ name, instructorId: gate.id, labIds: labs, examId: exam === '' ? null : exam, opensAt, closesAt, seatCap, classCode })
          .returning({ id: cohort.id });
        if (!made) throw new Error('The database returned no row for a new cohort.');
        await appendAudit(tx, {
          actor: { kind: 'user', id: gate.id },
          action: 'cohort.created',
          subject: made.id,
          detail: { name, labIds: labs, examId: exam || null, opensAt: opensAt.toISOString(), closesAt: closesAt.toISOString(), seatCap },
        });
        return made.id;
      });
      return seeOther(`${INSTRUCTOR_HOME}?created=${encodeURIComponent(id)}`);
    } catch (error) {
      // 72 random bits make a clash all but impossible; draw again rather than fail the form.
      if (!isUniqueViolation(error) || tries >= 2) throw error;
    }
  }
}
