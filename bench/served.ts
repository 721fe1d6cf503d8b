/**
 * Served-mode load benchmark (a benchmark, not a test): the served build on loopback, a class of
 * learners with their cookies, posting lab answers that the server grades and stores, then exam
 * answers that it checks and saves (autosave) — at rising numbers of concurrent learners, on
 * PGlite and, when one is reachable (the tests' cluster from scripts/ensure-postgres.mjs, or
 * TEST_DATABASE_URL), on PostgreSQL. The load itself comes from ./load.ts.
 *
 * A learner is one connection sending LEARNER_RATE requests a second on average, at random
 * moments, whatever the server's speed: a person at the keyboard does not send the next save the
 * instant the last one returns. ASSUMPTION: one request a second is far more than a candidate
 * makes (the exam page saves once per changed answer, a lab is submitted a few times an hour), so
 * the figures are pessimistic. The levels rise until the p99 target breaks, and a last run per
 * database sends flat out (every learner posts again as soon as it has its answer) to show the
 * most one instance can take.
 * Target on this 2-core machine: p99 under 100 ms at 100 concurrent learners.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { answers } from '../scripts/postgres-probe.mjs';
import { TEST_DATABASE_URL_FILE } from '../scripts/test-database-location.mjs';
import { hashToken } from '../src/server/cohorts/learner-session.server.ts';
import { openDatabase } from '../src/server/db/database.server.ts';
import { cohort, cohortLearner, user } from '../src/server/db/schema.server.ts';
import { flatOut, paced } from './load.ts';
import type { BenchSection, BenchTable } from './section.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const LAB = '03-dip-write-protection';
const EXAM = 'plc-security-practitioner';
const ANSWER = readFileSync(join(ROOT, 'test/fixtures/labs', LAB, 'reference.json'), 'utf8');
/** Concurrent learners per run; the target is read at 100. */
const LEVELS = [50, 100, 200, 400, 800];
/** Requests a second each learner sends (see the ASSUMPTION above). */
const LEARNER_RATE = 1;
/** Connections of the flat-out run, which measures throughput, not a class. */
const FLAT_OUT = 100;
const SECONDS = 10;
/** An unrecorded run first: a fresh server's first seconds are JIT compiling and cold caches, not what a class meets. */
const WARM_UP_SECONDS = 3;
const TARGET_LEARNERS = 100;
const TARGET_P99_MS = 100;
const PORT = 4377;

/** A learner's cookie token (base64url, as the join route makes them). */
const tokenOf = (i: number) => `bench_learner_token_${String(i).padStart(6, '0')}_xxxxxxxx`;

/** A class of `count` learners taking lab 03, written straight into the database. */
async function seed(options: { dir?: string; url?: string }, count: number): Promise<void> {
  const database = await openDatabase(options);
  await database.db.insert(user).values({ id: 'bench-instructor', name: 'Bench', email: 'bench@example.org' });
  const [made] = await database.db
    .insert(cohort)
    .values({ name: 'Bench', instructorId: 'bench-instructor', labIds: [LAB], examId: EXAM, opensAt: new Date(), closesAt: new Date(Date.now() + 86_400_000), seatCap: count, classCode: 'BENCH' })
    .returning();
  await database.db.insert(cohortLearner).values(Array.from({ length: count }, (_, i) => ({ cohortId: made?.id ?? '', displayName: `Learner ${i}`, tokenHash: hashToken(tokenOf(i)) })));
  await database.close();
}

async function startServer(env: Record<string, string>): Promise<ChildProcess> {
  const server = spawn(process.execPath, ['scripts/serve.ts', '--port', String(PORT)], { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/api/health`)).ok) return server;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  server.kill();
  throw new Error('the served course did not start');
}

const cookieOf = (i: number) => `pdl_learner=${tokenOf(i)}`;

/** How a run drives its learners: each at a learner's pace, or flat out. */
type Pace = 'learners' | 'flat out';

/**
 * One run: `learners` learners, each on its own connection with its own cookie, posting to
 * `path` the body `bodyOf` gives that learner, for `seconds`.
 */
function load(learners: number, pace: Pace, path: string, bodyOf: (learner: number) => string, seconds = SECONDS) {
  const options = {
    url: `http://127.0.0.1:${PORT}`,
    learners,
    seconds,
    requestOf: (i: number) => ({ path, headers: { 'content-type': 'application/json', cookie: cookieOf(i) }, body: bodyOf(i) }),
  };
  return pace === 'learners' ? paced({ ...options, rate: LEARNER_RATE }) : flatOut(options);
}

/** Starts every learner's exam attempt; returns, per learner, a save body answering its first one-choice question. */
async function startAttempts(count: number): Promise<string[]> {
  const bodies: string[] = [];
  for (let i = 0; i < count; i++) {
    const response = await fetch(`http://127.0.0.1:${PORT}/api/exam/start`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: cookieOf(i) }, body: '{}' });
    const view = (await response.json()) as { items?: { id: string; type: string; options?: { id: string }[] }[] };
    const item = view.items?.find((it) => it.type === 'single');
    if (!item?.options?.[0]) throw new Error(`learner ${i}: the exam did not start (${response.status})`);
    bodies.push(JSON.stringify({ responses: { [item.id]: item.options[0].id } }));
  }
  return bodies;
}

async function measure(label: string, options: { dir?: string; url?: string }, env: Record<string, string>, table: BenchTable, failures: string[]) {
  const most = Math.max(...LEVELS);
  await seed(options, most);
  const server = await startServer(env);
  try {
    const bodies = await startAttempts(most);
    for (const [what, run] of [
      ['lab answers', (n: number, pace: Pace, seconds?: number) => load(n, pace, `/api/class/labs/${LAB}/submit`, () => ANSWER, seconds)],
      ['exam saves', (n: number, pace: Pace, seconds?: number) => load(n, pace, '/api/exam/save', (i) => bodies[i] ?? '{}', seconds)],
    ] as const) {
      await run(LEVELS[0] ?? 1, 'learners', WARM_UP_SECONDS);
      const row = async (learners: number, pace: Pace) => {
        const r = await run(learners, pace);
        table.rows.push([label, what, pace === 'learners' ? String(learners) : `${learners}, flat out`, r.perSecond.toFixed(0), r.p50.toFixed(1), r.p99.toFixed(1), String(r.failed)]);
        if (r.failed > 0) failures.push(`${label}, ${what}: ${r.failed} failed or refused requests at ${learners} learners (${pace}): ${JSON.stringify(r.failures)}`);
        return r.p99 < TARGET_P99_MS && r.failed === 0;
      };
      for (const learners of LEVELS) {
        const held = await row(learners, 'learners');
        if (learners === TARGET_LEARNERS && !held) failures.push(`${label}, ${what}: p99 over ${TARGET_P99_MS} ms (or failures) at ${learners} learners`);
        // Past the level where it breaks, more learners only take time.
        if (!held) break;
      }
      await row(FLAT_OUT, 'flat out');
    }
  } finally {
    server.kill();
  }
}

/** The PostgreSQL the tests use, if one answers. */
async function postgresUrl(): Promise<string | undefined> {
  const url = process.env.TEST_DATABASE_URL || (existsSync(TEST_DATABASE_URL_FILE) ? readFileSync(TEST_DATABASE_URL_FILE, 'utf8').trim() : '');
  return url && (await answers(url, 5)) ? url : undefined;
}

const section: BenchSection = {
  title: 'Served mode under load',
  async run() {
    if (!existsSync(join(ROOT, 'dist-served/server/entry.mjs'))) {
      spawnSync('npm', ['run', 'build:served'], { cwd: ROOT, stdio: 'inherit' });
    }
    const table: BenchTable = {
      caption: `Learners posting lab ${LAB} answers (graded and stored by the server) and autosaving an exam answer (checked and stored), each learner ${LEARNER_RATE} request a second on average at random moments (Poisson), ${SECONDS} s per level after a warm-up, loopback; latency counts from when a request was due; levels stop at the first whose p99 is over ${TARGET_P99_MS} ms. "Flat out": ${FLAT_OUT} learners each posting again as soon as answered.`,
      headers: ['database', 'requests', 'concurrent learners', 'requests/s', 'p50 ms', 'p99 ms', 'failed'],
      rows: [],
    };
    const failures: string[] = [];
    const dir = mkdtempSync(join(tmpdir(), 'plc-bench-'));
    try {
      await measure('PGlite', { dir: join(dir, 'pglite') }, { PGLITE_DIR: join(dir, 'pglite') }, table, failures);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const notes = [
      `Target: p99 under ${TARGET_P99_MS} ms at ${TARGET_LEARNERS} concurrent learners.`,
      'Flat out, latency is the queue: connections ÷ requests a second (Little\'s law), so the flat-out rows measure throughput, the most one instance takes.',
    ];
    const base = await postgresUrl();
    if (base) {
      const name = `plc_bench_${Date.now()}`;
      const admin = postgres(base, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database ${name}`);
      const url = new URL(base);
      url.pathname = `/${name}`;
      try {
        await measure('PostgreSQL', { url: url.href }, { DATABASE_URL: url.href }, table, failures);
      } finally {
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
      }
    } else {
      notes.push('PostgreSQL: not measured (no server answers; run scripts/ensure-postgres.mjs or set TEST_DATABASE_URL).');
    }
    return { tables: [table], notes, failures };
  },
};

export default section;
