/**
 * What /class/labs/<labId> shows, decided on the server: who the learner is (their cookie), whether
 * their class includes the lab, and the island's props — the learner's variant without its key
 * (class-lab.server.ts), the hints as ids and costs, and the words of the hints this learner has
 * already opened (paid for, so theirs to see again).
 */
import { and, desc, eq } from 'drizzle-orm';
import type { Lab } from '../../../machines/grading/lab.ts';
import type { ClassMode } from '../../labs/class-mode.ts';
import { labSeedFor } from '../cohort-labs/cohort-labs.server.ts';
import { type Learner, learnerFrom } from '../cohorts/learner-session.server.ts';
import type { Executor } from '../db/database.server.ts';
import { cohort, hintReveal, labSubmission } from '../db/schema.server.ts';
import { classHints, classLab } from './class-lab.server.ts';

/** The props the class lab page gives the Workbench island. */
export interface ClassLabProps {
  lab: Lab;
  classMode: ClassMode;
}

/** The island's props for a learner: their variant (`seed`), the hint ids and costs, the hints already opened. */
export function classLabProps(lab: Lab, seed: number, className: string, opened: readonly { hintId: string }[]): ClassLabProps {
  const ids = new Set(opened.map((o) => o.hintId));
  return {
    lab: classLab(lab, seed),
    classMode: {
      className,
      hints: classHints(lab),
      opened: lab.hints.filter((h) => ids.has(h.id)).map((h) => ({ id: h.id, cost: h.cost, text: h.text })),
      submitUrl: `/api/class/labs/${encodeURIComponent(lab.id)}/submit`,
      hintsUrl: `/api/class/labs/${encodeURIComponent(lab.id)}/hints`,
    },
  };
}

/** The learner's latest graded submission of a lab, as the page's side shows it before the island is live. */
export interface LatestGrade {
  score: number;
  max: number;
  passed: boolean;
}

/** The page's outcome: the props, or why there is no page (no learner cookie: 401; not a lab of the class: 404). */
export type ClassLabPage =
  | { kind: 'ok'; learner: Learner; props: ClassLabProps; latest: LatestGrade | null }
  | { kind: 'not-joined' }
  | { kind: 'not-found' };

/** The class lab page for a request: the learner's class must list the lab. */
export async function classLabPage(request: Request, executor: Executor, labs: ReadonlyMap<string, Lab>, labId: string): Promise<ClassLabPage> {
  const learner = await learnerFrom(request, executor);
  if (!learner) return { kind: 'not-joined' };
  const lab = labs.get(labId);
  if (!lab) return { kind: 'not-found' };
  const [row] = await executor.select({ labIds: cohort.labIds }).from(cohort).where(eq(cohort.id, learner.cohortId));
  // A lab another class has and an unknown one look alike.
  if (!row?.labIds.includes(labId)) return { kind: 'not-found' };
  const opened = await executor
    .select({ hintId: hintReveal.hintId })
    .from(hintReveal)
    .where(and(eq(hintReveal.learnerId, learner.id), eq(hintReveal.labId, labId)));
  const [latest] = await executor
    .select({ score: labSubmission.score, max: labSubmission.maxScore, passed: labSubmission.passed })
    .from(labSubmission)
    .where(and(eq(labSubmission.learnerId, learner.id), eq(labSubmission.labId, labId)))
    .orderBy(desc(labSubmission.submittedAt), desc(labSubmission.id))
    .limit(1);
  return { kind: 'ok', learner, props: classLabProps(lab, labSeedFor(learner.id, labId), learner.cohortName, opened), latest: latest ?? null };
}

/** The labs of the learner's class, in the class's order, with their titles (unknown ids are left out). */
export async function classLabList(executor: Executor, labs: ReadonlyMap<string, Lab>, cohortId: string): Promise<{ id: string; title: string; href: string }[]> {
  const [row] = await executor.select({ labIds: cohort.labIds }).from(cohort).where(eq(cohort.id, cohortId));
  return (row?.labIds ?? []).flatMap((id) => {
    const lab = labs.get(id);
    return lab ? [{ id, title: lab.title, href: `/class/labs/${encodeURIComponent(id)}` }] : [];
  });
}
