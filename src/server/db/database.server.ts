/**
 * The one way the served mode opens its database (record 010). With `DATABASE_URL` set it talks
 * to PostgreSQL through postgres.js; without it, it runs PGlite (PostgreSQL compiled to
 * WebAssembly, no native addon) on files under `./data`. Same schema, same Drizzle queries,
 * and the migrations in `drizzle/` run on open, so a first start needs no setup step.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as schema from './schema.server.ts';

/** Every table of the served mode, as Drizzle sees them. */
export type Schema = typeof schema;

/** Drizzle over either driver: what routes and services query with. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

/** A transaction opened with `db.transaction(...)`. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Anything that runs a query: the database or a transaction inside it. */
export type Executor = Db | Tx;

/** The two engines the same schema runs on. */
export type Driver = 'pglite' | 'postgres';

/** An open database: the Drizzle handle, the raw notification channel under it, and how to close it. */
export interface Database {
  /** Drizzle over the schema; the same queries work on both drivers. */
  readonly db: Db;
  /** Which engine is underneath. */
  readonly driver: Driver;
  /** Where the data lives, for logs: a directory, `memory`, or a PostgreSQL host and database (never the password). */
  readonly location: string;
  /**
   * Runs `onPayload` for every notification on `channel` (PostgreSQL LISTEN) until the returned
   * function is called. Use `listen` from events.server.ts, which adds JSON and checks.
   */
  subscribe(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  /** Closes the connections (and, for PGlite, flushes and releases the directory). */
  close(): Promise<void>;
}

/** How to open the database; every field falls back to the environment, then to the default. */
export interface OpenOptions {
  /** A `postgres://` URL; default `DATABASE_URL`. When there is none, PGlite is used. */
  url?: string | undefined;
  /** PGlite's directory, or `memory://` for a throwaway database; default `PGLITE_DIR`, then `./data/pglite`. */
  dir?: string | undefined;
  /** The folder of generated migrations; default `./drizzle` under the working directory. */
  migrationsFolder?: string | undefined;
  /** A PGlite data dump to start from instead of an empty directory (tests start from a migrated copy). */
  pgliteFrom?: Blob | undefined;
}

/** Where PGlite keeps its files when neither the caller nor `PGLITE_DIR` says. */
export const DEFAULT_PGLITE_DIR = 'data/pglite';

/**
 * A fixed key for `pg_advisory_lock`: instances starting together against one PostgreSQL take
 * turns running the migrations instead of racing to create the same tables.
 */
const MIGRATION_LOCK_KEY = 1_000_010;

/** The options with the environment and defaults filled in, checked, with an error that names the setting. */
function settle(options: OpenOptions) {
  const url = options.url ?? nonEmpty(process.env.DATABASE_URL);
  if (url !== undefined && !/^postgres(ql)?:\/\//.test(url)) {
    throw new Error(
      `DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@host:5432/database (got a "${url.split(':')[0]}:" URL); unset it to use the embedded database under ./data.`,
    );
  }
  const migrationsFolder = resolve(options.migrationsFolder ?? 'drizzle');
  if (!existsSync(resolve(migrationsFolder, 'meta/_journal.json'))) {
    throw new Error(`No migrations at ${migrationsFolder}: start the server from the project folder (the one holding drizzle/), or pass migrationsFolder.`);
  }
  const dir = options.dir ?? nonEmpty(process.env.PGLITE_DIR) ?? DEFAULT_PGLITE_DIR;
  return { url, dir, migrationsFolder };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/**
 * Opens the database and brings its tables up to date. PostgreSQL when there is a URL (from
 * `options.url` or `DATABASE_URL`), otherwise PGlite under `options.dir`, `PGLITE_DIR` or
 * `./data/pglite` (created when missing). Close it with `close()`.
 */
export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
  const { url, dir, migrationsFolder } = settle(options);
  return url === undefined ? openPglite(dir, migrationsFolder, options.pgliteFrom) : openPostgres(url, migrationsFolder);
}

/**
 * Runs raw SQL and returns its rows, the same on both drivers (`db.execute` gives postgres.js's
 * array of rows but PGlite's `{ rows }`). Prefer the query builder; this is for what it cannot say.
 */
export async function selectRows<Row>(executor: Executor, query: SQL): Promise<Row[]> {
  const result: unknown = await executor.execute(query);
  return (Array.isArray(result) ? result : (result as { rows: Row[] }).rows) as Row[];
}

/** `close` that may be called more than once (a test's cleanup after the code under test closed it). */
function once(close: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => {
    closing ??= close();
    return closing;
  };
}

/**
 * What this process holds, kept on `globalThis` so a module reloaded by the dev server (which
 * gets fresh module variables) still sees it: the PGlite directories it has open (a lock naming
 * our pid but not listed is a previous run's), and the shared database.
 */
interface ProcessState {
  openDirectories: Set<string>;
  shared: Promise<Database> | undefined;
}
const STATE_KEY = Symbol.for('plc-defense-lab.database');
const holder = globalThis as { [STATE_KEY]?: ProcessState };
holder[STATE_KEY] ??= { openDirectories: new Set<string>(), shared: undefined };
const processState: ProcessState = holder[STATE_KEY];
const { openDirectories } = processState;

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Claims a PGlite directory for this process. PGlite is one process's database and does not
 * guard its files: a second process writing the same directory would corrupt it. A lock file
 * beside the directory names the holder; one left by a process that died (kill -9, a crash) is
 * taken over. Returns the release.
 */
function claimDirectory(dir: string): () => void {
  const lock = `${dir}.lock`;
  for (;;) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      openDirectories.add(dir);
      return () => {
        openDirectories.delete(dir);
        rmSync(lock, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number(readFileSync(lock, 'utf8'));
    const held = holder === process.pid ? openDirectories.has(dir) : Number.isInteger(holder) && holder > 0 && isRunning(holder);
    if (held) {
      throw new Error(
        `The embedded database at ${dir} is already open in process ${holder}; PGlite serves one process. Stop that process, or set DATABASE_URL to a PostgreSQL that several instances can share. (If no such process uses it, delete ${lock}.)`,
      );
    }
    rmSync(lock, { force: true });
  }
}

async function openPglite(dir: string, migrationsFolder: string, from: Blob | undefined): Promise<Database> {
  const inMemory = dir.startsWith('memory://');
  const where = inMemory ? dir : resolve(dir);
  if (!inMemory) mkdirSync(where, { recursive: true });
  const release = inMemory ? () => {} : claimDirectory(where);
  let client: PGlite;
  try {
    client = await PGlite.create({ dataDir: where, ...(from ? { loadDataDir: from } : {}) });
  } catch (error) {
    release();
    throw error;
  }
  try {
    const db = drizzlePglite({ client, schema });
    await migratePglite(db, { migrationsFolder });
    return {
      db,
      driver: 'pglite',
      location: inMemory ? 'memory' : where,
      subscribe: async (channel, onPayload) => {
        const stop = await client.listen(channel, onPayload);
        return () => stop();
      },
      close: once(async () => {
        await client.close();
        release();
      }),
    };
  } catch (error) {
    await client.close();
    release();
    throw error;
  }
}

async function openPostgres(url: string, migrationsFolder: string): Promise<Database> {
  // CREATE … IF NOT EXISTS in the migrator raises notices; they are not news to anybody.
  const quiet = { onnotice: () => {} };
  // One connection, so the advisory lock, the migrations and the unlock share a session.
  const migrator = postgres(url, { ...quiet, max: 1 });
  const where = new URL(url);
  const location = `${where.hostname}:${where.port || '5432'}${where.pathname}`;
  try {
    await migrator`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`.catch((error: Error) => {
      throw new Error(`Cannot reach PostgreSQL at ${location} (DATABASE_URL): ${error.message}. Start it, or fix DATABASE_URL.`, { cause: error });
    });
    await migratePostgres(drizzlePostgres({ client: migrator }), { migrationsFolder });
  } finally {
    // Ending the session releases the lock, whether the migrations ran or threw.
    await migrator.end();
  }
  const client = postgres(url, quiet);
  return {
    db: drizzlePostgres({ client, schema }),
    driver: 'postgres',
    location,
    subscribe: async (channel, onPayload) => {
      const { unlisten } = await client.listen(channel, onPayload);
      return () => unlisten();
    },
    close: once(() => client.end({ timeout: 5 })),
  };
}

/**
 * The process's database, opened from the environment on first use and shared after that.
 * Holds only connections: every fact lives in the database, so any instance may serve any request.
 */
export function getDatabase(): Promise<Database> {
  if (!processState.shared) {
    const opening = openDatabase();
    processState.shared = opening;
    // A failed open is not cached: the next request tries again (e.g. once PostgreSQL is up).
    opening.catch(() => {
      if (processState.shared === opening) processState.shared = undefined;
    });
  }
  return processState.shared;
}

/** Closes the process's shared database (on shutdown, so PGlite flushes and frees its directory); the next `getDatabase()` opens it again. */
export async function closeSharedDatabase(): Promise<void> {
  const current = processState.shared;
  processState.shared = undefined;
  const database = await current?.catch(() => undefined);
  await database?.close();
}
