/**
 * openDatabase: the first start creates every table with no setup, a restart keeps the data and
 * runs no migration twice, and the schema's rules hold on both drivers.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getTableName, is, sql } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { closeSharedDatabase, type Db, getDatabase, selectRows } from '../../../src/server/db/database.server.ts';
import * as schema from '../../../src/server/db/schema.server.ts';
import type { StoredAttempt } from '../../../src/server/exams/draw.ts';
import { attemptResponse, cohort, cohortLearner, examAttempt, hintReveal, user } from '../../../src/server/db/schema.server.ts';
import { DATABASE_TEST_TIMEOUT, freshDatabase, freshPostgresUrl, MIGRATIONS, onEachDriver, onPostgres, openForTest, pgliteTemplate, refusalOf } from './databases.ts';

const TABLES = Object.values(schema)
  .filter((value) => is(value, PgTable))
  .map((table) => getTableName(table as PgTable))
  .sort();

const HOUR = 3_600_000;

/** An attempt's stored draw with no items: these tests are about rows, not exams. */
const NO_ITEMS: StoredAttempt = { examId: 'foundation', seed: '0'.repeat(32), passMarkPercent: 70, areas: [], slots: [] };

/** An instructor, a cohort and one learner in it: what most rows hang from. */
async function seedCohort(db: Db, suffix = '') {
  await db.insert(user).values({ id: `u1${suffix}`, name: 'Ines Instructor', email: `ines${suffix}@example.org` });
  const [made] = await db
    .insert(cohort)
    .values({ name: 'Night shift', instructorId: `u1${suffix}`, labIds: ['ip-filter'], opensAt: new Date(), closesAt: new Date(Date.now() + HOUR), seatCap: 20, classCode: `CODE${suffix}` })
    .returning();
  const [learner] = await db.insert(cohortLearner).values({ cohortId: made?.id ?? '', displayName: 'Lee', tokenHash: `hash${suffix}` }).returning();
  return { cohortId: made?.id ?? '', learnerId: learner?.id ?? '' };
}

async function tableNames(db: Db): Promise<string[]> {
  const rows = await selectRows<{ table_name: string }>(db, sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`);
  return rows.map((row) => row.table_name);
}

/** How many migrations the database has recorded as applied. */
async function appliedMigrations(db: Db): Promise<number | undefined> {
  const [row] = await selectRows<{ n: number }>(db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return row?.n;
}

const MIGRATION_FILES = readdirSync(MIGRATIONS).filter((f) => f.endsWith('.sql')).length;

/** SQLSTATEs for a row still referenced: restrict_violation (PostgreSQL 18 for ON DELETE RESTRICT) or foreign_key_violation. */
const STILL_REFERENCED = ['23001', '23503'];

/** The error a query fails with (the test fails if it does not). */
const failure = (query: PromiseLike<unknown>) => refusalOf(query);

onEachDriver((driver) => {
  it('creates every table of the schema on first open, with no setup step', async () => {
    const { db } = await freshDatabase(driver);
    expect(await tableNames(db)).toEqual(TABLES);
  });

  it('keeps a draft response as one row however often it is saved, and the latest wins', async () => {
    const { db } = await freshDatabase(driver);
    const { learnerId } = await seedCohort(db);
    const [attempt] = await db
      .insert(examAttempt)
      .values({ examId: 'foundation', learnerId, deadline: new Date(Date.now() + HOUR), draw: { ...NO_ITEMS, areas: ['Network layer'] } })
      .returning();
    const attemptId = attempt?.id ?? '';
    for (const choice of [[0], [1], [1, 2]]) {
      await db
        .insert(attemptResponse)
        .values({ attemptId, itemId: 'q1', response: { choice } })
        .onConflictDoUpdate({ target: [attemptResponse.attemptId, attemptResponse.itemId], set: { response: { choice }, savedAt: new Date() } });
    }
    const rows = await db.select().from(attemptResponse);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.response).toEqual({ choice: [1, 2] });
    expect(attempt?.status).toBe('in-progress');
    expect(attempt?.draw.areas).toEqual(['Network layer']);
  });

  it('lets a candidate have only one attempt in progress per exam, so a second start resumes the first', async () => {
    const { db } = await freshDatabase(driver);
    const { learnerId } = await seedCohort(db);
    const attempt = { examId: 'foundation', learnerId, deadline: new Date(Date.now() + HOUR), draw: NO_ITEMS };
    await db.insert(examAttempt).values(attempt);
    expect((await failure(db.insert(examAttempt).values(attempt))).code).toBe('23505');
    // Once submitted, the next attempt may start.
    await db.update(examAttempt).set({ status: 'submitted', submittedAt: new Date(), score: 30, maxScore: 40, passed: true });
    await db.insert(examAttempt).values(attempt);
    expect(await db.$count(examAttempt)).toBe(2);
  });

  it('refuses rows the served mode must never hold', async () => {
    const { db } = await freshDatabase(driver);
    const { learnerId } = await seedCohort(db);
    const later = new Date(Date.now() + HOUR);
    // A status outside ATTEMPT_STATUSES (a route bypassing the types).
    expect((await failure(db.execute(sql`insert into exam_attempt (id, exam_id, learner_id, status, deadline, draw) values ('x', 'e', ${learnerId}, 'paused', ${later.toISOString()}, '[]')`))).code).toBe('23514');
    // An attempt with no candidate, or with two.
    expect((await failure(db.insert(examAttempt).values({ examId: 'e', deadline: later, draw: NO_ITEMS }))).code).toBe('23514');
    expect((await failure(db.insert(examAttempt).values({ examId: 'e', learnerId, userId: 'u1', deadline: later, draw: NO_ITEMS }))).code).toBe('23514');
    // Extra time without a recorded reason.
    expect((await failure(db.insert(examAttempt).values({ examId: 'e', learnerId, deadline: later, draw: NO_ITEMS, extraMinutes: 15 }))).code).toBe('23514');
    // A cohort that closes before it opens, or has no seats.
    const base = { name: 'c', instructorId: 'u1', opensAt: later, closesAt: new Date(), seatCap: 5, classCode: 'OTHER' };
    expect((await failure(db.insert(cohort).values(base))).code).toBe('23514');
    expect((await failure(db.insert(cohort).values({ ...base, closesAt: new Date(later.getTime() + HOUR), seatCap: 0 }))).code).toBe('23514');
    // A second cohort with a class code already in use.
    expect((await failure(db.insert(cohort).values({ ...base, closesAt: new Date(later.getTime() + HOUR), classCode: 'CODE' }))).code).toBe('23505');
    // A role Better Auth's user table must not hold.
    expect((await failure(db.insert(user).values({ id: 'u9', name: 'n', email: 'n@example.org', role: 'root' as 'admin' }))).code).toBe('23514');
  });

  it('charges a hint once, however often the learner opens it', async () => {
    const { db } = await freshDatabase(driver);
    const { learnerId } = await seedCohort(db);
    const reveal = { learnerId, labId: 'ip-filter', hintId: 'nudge', cost: 2 };
    await db.insert(hintReveal).values(reveal);
    await db.insert(hintReveal).values(reveal).onConflictDoNothing();
    const rows = await db.select().from(hintReveal);
    expect(rows.map((r) => r.cost)).toEqual([2]);
  });

  it('takes a learner and their work with the cohort, but never an exam attempt', async () => {
    const { db } = await freshDatabase(driver);
    const { cohortId, learnerId } = await seedCohort(db);
    await db.insert(hintReveal).values({ learnerId, labId: 'ip-filter', hintId: 'nudge', cost: 2 });
    await db.insert(examAttempt).values({ examId: 'e', learnerId, deadline: new Date(Date.now() + HOUR), draw: NO_ITEMS });
    expect(STILL_REFERENCED).toContain((await failure(db.execute(sql`delete from cohort where id = ${cohortId}`))).code);
    await db.delete(examAttempt);
    await db.execute(sql`delete from cohort where id = ${cohortId}`);
    expect(await db.$count(cohortLearner)).toBe(0);
    expect(await db.$count(hintReveal)).toBe(0);
  });
});

describe('on PGlite, in a directory', { timeout: DATABASE_TEST_TIMEOUT }, () => {
  function tempDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'plc-db-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    return dir;
  }

  it('uses PGLITE_DIR when nothing else is given, and keeps the data across a restart without migrating twice', async () => {
    const dir = join(tempDir(), 'nested', 'pglite');
    vi.stubEnv('DATABASE_URL', '');
    vi.stubEnv('PGLITE_DIR', dir);
    onTestFinished(() => {
      vi.unstubAllEnvs();
    });
    const first = await openForTest({});
    expect(first.driver).toBe('pglite');
    expect(first.location).toBe(dir);
    await seedCohort(first.db);
    await first.close();
    expect(readdirSync(dir)).toContain('PG_VERSION');

    const second = await openForTest({});
    expect(await second.db.select({ name: cohort.name }).from(cohort)).toEqual([{ name: 'Night shift' }]);
    expect(await appliedMigrations(second.db)).toBe(MIGRATION_FILES);
  });

  it('refuses a second opener of a directory that is in use, and says what to do instead', async () => {
    const dir = join(tempDir(), 'pglite');
    const first = await openForTest({ dir, pgliteFrom: await pgliteTemplate() });
    await expect(openForTest({ dir })).rejects.toThrow(
      new RegExp(`already open in process ${process.pid}; PGlite serves one process\\. Stop that process, or set DATABASE_URL`),
    );
    // Nor through a second copy of the module, as the dev server makes when it reloads one.
    const reloadedModule = '../../../src/server/db/database.server.ts?reloaded';
    const reloaded = (await import(/* @vite-ignore */ reloadedModule)) as typeof import('../../../src/server/db/database.server.ts');
    await expect(reloaded.openDatabase({ dir, migrationsFolder: MIGRATIONS })).rejects.toThrow(`already open in process ${process.pid}`);
    // The refused opener did not disturb the first one's data.
    await seedCohort(first.db);
    await first.close();
    const again = await openForTest({ dir });
    expect(await again.db.$count(cohort)).toBe(1);
  });

  it('takes over a directory whose holder died without closing it (kill -9)', async () => {
    const dir = join(tempDir(), 'pglite');
    const gone = spawn(process.execPath, ['-e', '']);
    await new Promise((done) => gone.on('exit', done));
    writeFileSync(`${dir}.lock`, String(gone.pid));
    const database = await openForTest({ dir, pgliteFrom: await pgliteTemplate() });
    expect(await database.db.$count(cohort)).toBe(0);
  });
});

describe('the shared database', { timeout: DATABASE_TEST_TIMEOUT }, () => {
  it('is opened once per process from the environment, and a failed open is tried again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plc-shared-'));
    vi.stubEnv('PGLITE_DIR', dir);
    vi.stubEnv('DATABASE_URL', 'mysql://root@localhost/plc');
    onTestFinished(async () => {
      await closeSharedDatabase();
      vi.unstubAllEnvs();
      rmSync(dir, { recursive: true, force: true });
    }, DATABASE_TEST_TIMEOUT);
    await expect(getDatabase()).rejects.toThrow(/DATABASE_URL must be a PostgreSQL URL/);
    vi.stubEnv('DATABASE_URL', '');
    const [one, two] = await Promise.all([getDatabase(), getDatabase()]);
    expect(one).toBe(two);
    expect(one.location).toBe(dir);
    await closeSharedDatabase();
    // Closed and forgotten: the directory is free, and the next call opens it afresh.
    const reopened = await getDatabase();
    expect(reopened).not.toBe(one);
    expect(await reopened.db.$count(cohort)).toBe(0);
  });
});

describe('opening', () => {
  it('names DATABASE_URL and the fix when it is not a PostgreSQL URL', async () => {
    await expect(openForTest({ url: 'mysql://root:pw@localhost/plc' })).rejects.toThrow(/DATABASE_URL must be a PostgreSQL URL .*\(got a "mysql:" URL\); unset it to use the embedded database/);
  });

  it('names the PostgreSQL it cannot reach, without its password', async () => {
    const refused = openForTest({ url: 'postgres://plc:s3cret-pw@127.0.0.1:1/plc' });
    await expect(refused).rejects.toThrow(/^Cannot reach PostgreSQL at 127\.0\.0\.1:1\/plc \(DATABASE_URL\): .*Start it, or fix DATABASE_URL\.$/);
    await expect(refused).rejects.not.toThrow(/s3cret/);
  });

  it('says where the migrations should be when they are missing', async () => {
    await expect(openForTest({ dir: 'memory://', migrationsFolder: join(tmpdir(), 'no-such-folder') })).rejects.toThrow(/No migrations at .*no-such-folder: start the server from the project folder/);
  });
});

onPostgres('several instances', () => {
  it('lets instances that start together all open the same new database (they take turns migrating)', async () => {
    const url = await freshPostgresUrl();
    const instances = await Promise.all([1, 2, 3].map(() => openForTest({ url })));
    expect(instances.map((i) => i.driver)).toEqual(['postgres', 'postgres', 'postgres']);
    const [first, second] = instances;
    await first?.db.insert(user).values({ id: 'u1', name: 'Ines', email: 'ines@example.org' });
    expect(await second?.db.$count(user)).toBe(1);
    expect(second && (await appliedMigrations(second.db))).toBe(MIGRATION_FILES);
  });
});
