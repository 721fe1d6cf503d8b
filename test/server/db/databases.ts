/**
 * Fresh databases for the data tests: every test gets its own, on PGlite always and on
 * PostgreSQL when one answers (TEST_DATABASE_URL, or the URL scripts/ensure-postgres.mjs left).
 * Without PostgreSQL those suites are reported skipped, and their name says why.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import postgres from 'postgres';
import { describe, expect, onTestFinished } from 'vitest';
import { TEST_DATABASE_URL_FILE } from '../../../scripts/test-database-location.mjs';
import { type Database, type Driver, openDatabase } from '../../../src/server/db/database.server.ts';

/** The project folder, where drizzle/ lives. */
export const ROOT = resolve(import.meta.dirname, '../../..');
/** The generated migrations. */
export const MIGRATIONS = resolve(ROOT, 'drizzle');

/** Generous: PGlite starts a whole PostgreSQL in WebAssembly, and the machine may be busy. */
export const DATABASE_TEST_TIMEOUT = 120_000;

const quiet = { onnotice: () => {} };

/** The PostgreSQL to test against, or why there is none. */
async function findPostgres(): Promise<{ url: string } | { reason: string }> {
  const fromFile = existsSync(TEST_DATABASE_URL_FILE) ? readFileSync(TEST_DATABASE_URL_FILE, 'utf8').trim() : undefined;
  const url = process.env.TEST_DATABASE_URL || fromFile;
  if (!url) return { reason: 'set TEST_DATABASE_URL, or run node scripts/ensure-postgres.mjs' };
  const sql = postgres(url, { ...quiet, max: 1, connect_timeout: 10 });
  try {
    await sql`select 1`;
    return { url };
  } catch (error) {
    return { reason: `no answer at the test URL (${(error as Error).message}); run node scripts/ensure-postgres.mjs or set TEST_DATABASE_URL` };
  } finally {
    await sql.end({ timeout: 1 });
  }
}

/** The PostgreSQL the tests may use, found once per test file. */
export const postgresTarget = await findPostgres();

let template: Promise<Blob> | undefined;

/** A dump of a freshly migrated PGlite, made once per test file: loading it is far quicker than starting from nothing. */
export function pgliteTemplate(): Promise<Blob> {
  template ??= (async () => {
    const database = await openDatabase({ dir: 'memory://', migrationsFolder: MIGRATIONS });
    const { $client } = database.db as unknown as { $client: { dumpDataDir(compression: 'none'): Promise<Blob> } };
    const dump = await $client.dumpDataDir('none');
    await database.close();
    return dump;
  })();
  return template;
}

/** An empty PostgreSQL database of its own for this test, dropped when the test ends; returns its URL. */
export async function freshPostgresUrl(): Promise<string> {
  if (!('url' in postgresTarget)) throw new Error(`PostgreSQL is not available: ${postgresTarget.reason}`);
  const name = `plc_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(postgresTarget.url, { ...quiet, max: 1 });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  onTestFinished(async () => {
    const dropper = postgres(postgresTarget.url, { ...quiet, max: 1 });
    await dropper.unsafe(`drop database if exists ${name} with (force)`);
    await dropper.end();
  }, DATABASE_TEST_TIMEOUT);
  const url = new URL(postgresTarget.url);
  url.pathname = `/${name}`;
  return url.href;
}

/** Opens a database and closes it when the test ends. */
export async function openForTest(options: Parameters<typeof openDatabase>[0]): Promise<Database> {
  const database = await openDatabase({ migrationsFolder: MIGRATIONS, ...options });
  // Closing flushes PGlite to disk, which can take a while on a busy machine.
  onTestFinished(() => database.close(), DATABASE_TEST_TIMEOUT);
  return database;
}

/** A fresh, migrated database on `driver`, closed (and on PostgreSQL dropped) when the test ends. */
export async function freshDatabase(driver: Driver): Promise<Database> {
  if (driver === 'pglite') return openForTest({ dir: 'memory://', pgliteFrom: await pgliteTemplate() });
  return openForTest({ url: await freshPostgresUrl() });
}

/**
 * Declares the same tests for PGlite and for PostgreSQL. The PostgreSQL suite is skipped, with
 * the reason in its name, when no server answers.
 */
export function onEachDriver(body: (driver: Driver) => void): void {
  describe('on PGlite', { timeout: DATABASE_TEST_TIMEOUT }, () => body('pglite'));
  onPostgres('', () => body('postgres'));
}

/**
 * Declares tests that need PostgreSQL itself (several instances on one database). Skipped, with
 * the reason in the suite's name, when no server answers.
 */
export function onPostgres(what: string, body: () => void): void {
  const title = what ? `on PostgreSQL, ${what}` : 'on PostgreSQL';
  const name = 'url' in postgresTarget ? title : `${title} (not running: ${postgresTarget.reason})`;
  describe.skipIf(!('url' in postgresTarget))(name, { timeout: DATABASE_TEST_TIMEOUT }, body);
}

/** The database error behind a Drizzle query error (Drizzle wraps it as `cause`). */
export function databaseError(error: unknown): { message: string; code?: string } {
  const cause = (error as { cause?: unknown }).cause ?? error;
  return cause as { message: string; code?: string };
}

/** The error the database raised for `query` (the test fails, saying `why`, if there was none). */
export async function refusalOf(query: PromiseLike<unknown>, why = 'the database should have refused this'): Promise<{ message: string; code?: string }> {
  const outcome = await Promise.resolve(query).then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(outcome, why).toBeDefined();
  return databaseError(outcome);
}
