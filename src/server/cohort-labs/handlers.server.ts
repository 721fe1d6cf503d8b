/**
 * The HTTP routes of labs in a class, as functions of a Request and their dependencies (tests
 * call them with Request objects): a learner submits an answer and opens hints; the cohort's
 * instructor (or an admin) follows the dashboard live and exports it. Refusals have one shape
 * (exam-flow/problems.server.ts): each names the field and the fix.
 */
import { eq } from 'drizzle-orm';
import type { Lab } from '../../../machines/grading/lab.ts';
import { learnerFrom } from '../cohorts/learner-session.server.ts';
import { type CohortDashboard, cohortDashboard, dashboardCsv, followDashboard } from '../dashboard/cohort-dashboard.server.ts';
import type { Database } from '../db/database.server.ts';
import { cohort } from '../db/schema.server.ts';
import { notJoined } from '../exam-flow/handlers.server.ts';
import { PRIVATE, refusal } from '../exam-flow/problems.server.ts';
import type { Staff } from '../auth/staff.server.ts';
import { MAX_ANSWER_CHARS } from '../lab-files.server.ts';
import { revealHint, submitLab } from './cohort-labs.server.ts';

/** What the class lab routes need: the database and the course's labs by id. */
export interface ClassLabDeps {
  database: Database;
  labs: ReadonlyMap<string, Lab>;
}

/** A signed-in member of staff, as far as these routes need one (auth's Staff). */
export type StaffMember = Pick<Staff, 'id' | 'role'>;

/** POST /api/class/labs/<labId>/submit with the answer as JSON: the server's grade, or a refusal. */
export async function handleLabSubmit(request: Request, deps: ClassLabDeps, labId: string): Promise<Response> {
  const learner = await learnerFrom(request, deps.database.db);
  if (!learner) return notJoined();
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_ANSWER_CHARS) return refusal([{ field: 'answer', message: `an answer is at most ${MAX_ANSWER_CHARS.toLocaleString('en')} characters` }], 413);
  const answerText = await request.text();
  const result = await submitLab(deps.database.db, deps.labs, { learnerId: learner.id, labId, answerText });
  if (!result.ok) return refusal([{ field: result.field, message: result.message }], result.status);
  const { report } = result;
  return Response.json(
    {
      score: report.score,
      max: report.max,
      passed: report.passed,
      hints: report.hints,
      objectives: report.objectives.map((o) => ({ id: o.id, title: o.title, passed: o.passed, earned: o.earned, points: o.points, reason: o.reason })),
      notes: report.notes,
    },
    { status: 201, headers: PRIVATE },
  );
}

/** POST /api/class/labs/<labId>/hints/<hintId>: the hint's words, charged once. */
export async function handleHint(request: Request, deps: ClassLabDeps, labId: string, hintId: string): Promise<Response> {
  const learner = await learnerFrom(request, deps.database.db);
  if (!learner) return notJoined();
  const result = await revealHint(deps.database.db, deps.labs, { learnerId: learner.id, labId, hintId });
  if (!result.ok) return refusal([{ field: result.field, message: result.message }], result.status);
  return Response.json({ hint: result.hint, alreadyRevealed: result.alreadyRevealed }, { headers: PRIVATE });
}

/** The cohort, when `staff` may see it: its own instructor, or an admin. Otherwise the refusal. */
async function cohortFor(deps: ClassLabDeps, staff: StaffMember | null, cohortId: string): Promise<Response | null> {
  if (!staff) return refusal([{ field: 'staff', message: 'sign in as the class’s instructor' }], 401);
  const [row] = await deps.database.db.select({ instructorId: cohort.instructorId }).from(cohort).where(eq(cohort.id, cohortId));
  // Another instructor's cohort and a missing one look alike: nobody learns which ids exist.
  if (!row || (staff.role !== 'admin' && row.instructorId !== staff.id)) {
    return refusal([{ field: 'cohortId', message: 'no class of yours has this id' }], 404);
  }
  return null;
}

/** GET /api/class/<cohortId>/dashboard.csv: the dashboard as CSV, for the cohort's instructor. */
export async function handleDashboardCsv(deps: ClassLabDeps, staff: StaffMember | null, cohortId: string): Promise<Response> {
  const refused = await cohortFor(deps, staff, cohortId);
  if (refused) return refused;
  const dashboard = (await cohortDashboard(deps.database.db, cohortId)) as CohortDashboard;
  const csv = dashboardCsv(dashboard, (id) => deps.labs.get(id)?.title ?? id);
  return new Response(csv, {
    headers: { ...PRIVATE, 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="class-${cohortId}.csv"` },
  });
}

/**
 * GET /api/class/<cohortId>/dashboard/events: Server-Sent Events, one `dashboard` event with the
 * whole table now and after every change on any instance, until the browser goes away.
 */
export async function handleDashboardEvents(request: Request, deps: ClassLabDeps, staff: StaffMember | null, cohortId: string): Promise<Response> {
  const refused = await cohortFor(deps, staff, cohortId);
  if (refused) return refused;
  const encoder = new TextEncoder();
  let stop: (() => Promise<void>) | undefined;
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const push = (dashboard: CohortDashboard) => {
        try {
          controller.enqueue(encoder.encode(`event: dashboard\ndata: ${JSON.stringify(dashboard)}\n\n`));
        } catch {
          // The browser has gone; the abort handler below stops listening.
        }
      };
      stop = await followDashboard(deps.database, cohortId, push);
      request.signal.addEventListener('abort', () => {
        void stop?.();
        try {
          controller.close();
        } catch {
          // Already closed.
        }
      });
    },
    async cancel() {
      await stop?.();
    },
  });
  return new Response(stream, { headers: { ...PRIVATE, 'Content-Type': 'text/event-stream', Connection: 'keep-alive' } });
}
