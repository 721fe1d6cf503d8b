/**
 * The instructor's dashboard of a cohort: learners × labs from what the server graded and
 * revealed, live after each change, and a CSV export a spreadsheet cannot be tricked by.
 */
import Papa from 'papaparse';
import { beforeAll, expect, it } from 'vitest';
import type { Lab } from '../../../machines/grading/lab.ts';
import { revealHint, submitLab } from '../../../src/server/cohort-labs/cohort-labs.server.ts';
import { eq } from 'drizzle-orm';
import { type CohortDashboard, cohortDashboard, dashboardCsv, examCell, followDashboard } from '../../../src/server/dashboard/cohort-dashboard.server.ts';
import type { Db } from '../../../src/server/db/database.server.ts';
import { certificate, cohort, examAttempt } from '../../../src/server/db/schema.server.ts';
import type { StoredAttempt } from '../../../src/server/exams/draw.ts';
import { startAttempt, submitAttempt } from '../../../src/server/exam-flow/attempts.server.ts';
import { revokeCertificate } from '../../../src/server/instructor/overrides.server.ts';
import { SHORT_EXAM, testCatalog } from '../exam-flow/flow-fixtures.ts';
import { labCatalog, referenceAnswer, seedClass } from '../cohort-fixtures.ts';
import { freshDatabase, onEachDriver } from '../db/databases.ts';

const DIP = '03-dip-write-protection';
const PORTS = '05-close-unused-ports';
const reference = referenceAnswer(DIP);

let labs: Map<string, Lab>;
beforeAll(async () => {
  labs = await labCatalog();
});

/** A cohort taking labs 03 and 05, with one learner per name. */
function seedDashboardClass(db: Db, names: string[]) {
  return seedClass(db, [DIP, PORTS], names).then(({ cohortId, learnerIds }) => ({ cohortId, ids: learnerIds }));
}

it('reads a learner’s exam from their attempts: a pass whose certificate was revoked does not count', () => {
  const at = new Date('2026-03-02T09:00:00Z');
  const passed = { status: 'submitted', score: 80, passed: true, revokedAt: null };
  const failed = { status: 'submitted', score: 40, passed: false, revokedAt: null };
  expect(examCell([])).toMatchObject({ status: 'not-started', bestScore: null, attempts: 0 });
  expect(examCell([failed])).toMatchObject({ status: 'not-passed', bestScore: 40, maxScore: 100 });
  expect(examCell([failed, passed])).toMatchObject({ status: 'passed', bestScore: 80, attempts: 2 });
  expect(examCell([{ ...passed, revokedAt: at }])).toMatchObject({ status: 'revoked', bestScore: 80 });
  expect(examCell([{ ...passed, revokedAt: at }, failed])).toMatchObject({ status: 'revoked', attempts: 2 });
  expect(examCell([{ ...passed, revokedAt: at }, { status: 'in-progress', score: null, passed: null, revokedAt: null }])).toMatchObject({ status: 'in-progress' });
});

onEachDriver((driver) => {
  it('shows every learner × lab with the server’s best score, submissions and hints', async () => {
    const { db } = await freshDatabase(driver);
    const { cohortId, ids } = await seedDashboardClass(db, ['Lee', 'Kim']);
    const [lee = '', kim = ''] = ids;
    const hint = labs.get(DIP)?.hints[0];
    if (!hint) throw new Error('lab 03 has no hint');
    await submitLab(db, labs, { learnerId: lee, labId: DIP, answerText: '{ "settings": {} }' });
    await submitLab(db, labs, { learnerId: lee, labId: DIP, answerText: reference });
    await revealHint(db, labs, { learnerId: kim, labId: DIP, hintId: hint.id });

    const dashboard = await cohortDashboard(db, cohortId);
    expect(dashboard?.labIds).toEqual([DIP, PORTS]);
    expect(dashboard?.learners.map((l) => l.displayName)).toEqual(['Lee', 'Kim']);
    const [leeRow, kimRow] = dashboard?.learners ?? [];
    expect(leeRow?.labs[0]).toMatchObject({ status: 'passed', submissions: 2, hintsUsed: 0 });
    expect(leeRow?.labs[0]?.bestScore).toBe(leeRow?.labs[0]?.maxScore);
    expect(leeRow?.labs[1]).toMatchObject({ status: 'not-started', bestScore: null, submissions: 0 });
    expect(kimRow?.labs[0]).toMatchObject({ status: 'hints-only', hintsUsed: 1, hintCost: hint.cost, submissions: 0 });
    expect(await cohortDashboard(db, 'no-such-cohort')).toBeNull();
  });

  it('pushes the dashboard again when a learner submits, on any instance', async () => {
    const database = await freshDatabase(driver);
    const { cohortId, ids } = await seedDashboardClass(database.db, ['Lee']);
    const seen: CohortDashboard[] = [];
    const stop = await followDashboard(database, cohortId, (d) => seen.push(d));
    await expect.poll(() => seen.length).toBe(1);
    expect(seen[0]?.learners[0]?.labs[0]?.status).toBe('not-started');
    await submitLab(database.db, labs, { learnerId: ids[0] ?? '', labId: DIP, answerText: reference });
    await expect.poll(() => seen.at(-1)?.learners[0]?.labs[0]?.status).toBe('passed');
    await stop();
  });

  it('pushes the dashboard again when a learner starts and hands in the exam', async () => {
    const database = await freshDatabase(driver);
    const { db } = database;
    const { cohortId, ids } = await seedDashboardClass(db, ['Lee']);
    await db.update(cohort).set({ examId: SHORT_EXAM.id }).where(eq(cohort.id, cohortId));
    const learner = { id: ids[0] ?? '', displayName: 'Lee', cohortId, cohortName: 'Night shift', examId: SHORT_EXAM.id };
    const deps = { db, catalog: await testCatalog(), now: () => new Date() };
    const seen: CohortDashboard[] = [];
    const stop = await followDashboard(database, cohortId, (d) => seen.push(d));
    await expect.poll(() => seen.at(-1)?.learners[0]?.exam?.status).toBe('not-started');
    expect((await startAttempt(deps, learner)).ok).toBe(true);
    await expect.poll(() => seen.at(-1)?.learners[0]?.exam?.status).toBe('in-progress');
    expect((await submitAttempt(deps, learner)).ok).toBe(true);
    // Nothing was answered, so the hand-in fails the exam; the dashboard hears of it unreloaded.
    await expect.poll(() => seen.at(-1)?.learners[0]?.exam?.status).toBe('not-passed');
    await stop();
  });

  it('shows each learner’s exam, a revoked certificate included, live on the dashboard and in the CSV', async () => {
    const database = await freshDatabase(driver);
    const { db } = database;
    const { cohortId, ids } = await seedDashboardClass(db, ['Lee', 'Kim', 'Max']);
    await db.update(cohort).set({ examId: 'exam-1' }).where(eq(cohort.id, cohortId));
    const startedAt = new Date('2026-03-02T09:00:00Z');
    const attempt = async (learnerId: string, score: number, passed: boolean) => {
      const [row] = await db
        .insert(examAttempt)
        .values({ examId: 'exam-1', learnerId, status: 'submitted', startedAt, deadline: new Date(startedAt.getTime() + 3_600_000), submittedAt: startedAt, score, maxScore: 100, passed, draw: {} as StoredAttempt })
        .returning();
      return row?.id ?? '';
    };
    const [lee = '', kim = ''] = ids;
    const leeAttempt = await attempt(lee, 90, true);
    await attempt(kim, 30, false);
    await db.insert(certificate).values({ code: 'AAAAA', attemptId: leeAttempt, name: 'Lee', examId: 'exam-1', score: 90, maxScore: 100 });

    // The live dashboard hears of the revocation and shows it.
    const seen: CohortDashboard[] = [];
    const stop = await followDashboard(database, cohortId, (d) => seen.push(d));
    await expect.poll(() => seen.at(-1)?.learners[0]?.exam?.status).toBe('passed');
    const revoked = await revokeCertificate(db, { staffId: 'u1', cohortId, reason: 'copied', now: startedAt }, 'AAAAA');
    expect(revoked).toEqual({ ok: true });
    await expect.poll(() => seen.at(-1)?.learners[0]?.exam?.status).toBe('revoked');
    await stop();

    const dashboard = await cohortDashboard(db, cohortId);
    if (!dashboard) throw new Error('no dashboard');
    expect(dashboard.learners.map((l) => l.exam?.status)).toEqual(['revoked', 'not-passed', 'not-started']);
    const rows = Papa.parse<string[]>(dashboardCsv(dashboard, (id) => id, 'Unit security').trim()).data;
    const examRows = rows.filter((r) => r[1] === 'Exam: Unit security');
    expect(examRows.map((r) => [r[0], r[2], r[3], r[5]])).toEqual([
      ['Lee', 'Passed, certificate revoked', '90', '1'],
      ['Kim', 'Not passed', '30', '1'],
      ['Max', 'Not started', '', '0'],
    ]);
  });

  it('exports CSV in which a learner-typed name cannot become a formula', async () => {
    const { db } = await freshDatabase(driver);
    const { cohortId } = await seedDashboardClass(db, ['=HYPERLINK("http://evil.example","x")', '+1+1', 'Ann, "the" tester']);
    const dashboard = await cohortDashboard(db, cohortId);
    if (!dashboard) throw new Error('no dashboard');
    const csv = dashboardCsv(dashboard, (id) => labs.get(id)?.title ?? id);
    const parsed = Papa.parse<string[]>(csv.trim()).data;
    expect(parsed[0]).toEqual(['Learner', 'Lab', 'Status', 'Best score', 'Out of', 'Submissions', 'Hints opened', 'Points lost to hints']);
    expect(parsed).toHaveLength(1 + 3 * 2);
    const names = parsed.slice(1).map((r) => r[0]);
    expect(names).toContain(`'=HYPERLINK("http://evil.example","x")`);
    expect(names).toContain("'+1+1");
    expect(names).toContain('Ann, "the" tester');
    expect(names.every((n) => !/^[=+\-@\t\r]/.test(n ?? ''))).toBe(true);
    expect(parsed[1]?.[1]).toBe(labs.get(DIP)?.title);
  });
});
