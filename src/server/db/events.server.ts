/**
 * Events between app instances over PostgreSQL LISTEN/NOTIFY (record 010): a learner's submit on
 * one instance reaches the live dashboard served by another. Nothing is kept in one process's
 * memory; PGlite runs the same SQL, for the single instance it serves.
 *
 * A notification sent inside a transaction is delivered only if the transaction commits, so a
 * dashboard never hears of a row that was rolled back. Payloads are small JSON (an id, a kind);
 * listeners read the rows they need.
 */
import { sql } from 'drizzle-orm';
import type { Database, Executor } from './database.server.ts';

/** The channel a cohort's live dashboard listens on, on every instance. */
export const DASHBOARD_CHANNEL = 'cohort_dashboard';

/**
 * What the dashboard hears: which cohort changed, and what happened (a lab submitted or a hint
 * opened, an exam attempt started or closed, a certificate revoked). Listeners re-read the rows.
 */
export interface DashboardEvent {
  cohortId: string;
  kind: 'submitted' | 'hint' | 'exam-started' | 'exam-closed' | 'certificate-revoked';
  learnerId?: string;
  labId?: string;
}

/** A channel name: lower case, digits and `_`, starting with a letter (the same unquoted identifier on both drivers). */
export const CHANNEL_PATTERN = /^[a-z][a-z0-9_]{0,62}$/;

/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more. */
export const MAX_PAYLOAD_BYTES = 7999;

function checkChannel(channel: string): void {
  if (!CHANNEL_PATTERN.test(channel)) {
    throw new Error(`channel "${channel}" is not a valid channel name: use lower-case letters, digits and _ (up to 63), starting with a letter.`);
  }
}

/**
 * Sends `payload` (as JSON) to every listener of `channel`, on every instance. Pass a
 * transaction to send only if it commits.
 */
export async function notify(executor: Executor, channel: string, payload: unknown): Promise<void> {
  checkChannel(channel);
  const text = JSON.stringify(payload);
  if (text === undefined) throw new Error(`payload for channel "${channel}" cannot be written as JSON (got ${typeof payload}).`);
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_PAYLOAD_BYTES) {
    throw new Error(
      `payload for channel "${channel}" is ${bytes} bytes; PostgreSQL takes at most ${MAX_PAYLOAD_BYTES}. Send an id and let listeners read the row.`,
    );
  }
  await executor.execute(sql`select pg_notify(${channel}, ${text})`);
}

/**
 * Calls `handler` with each payload sent to `channel` (parsed from JSON) until the returned
 * function is called. A payload that is not JSON (someone else's NOTIFY) is skipped, and a
 * handler that throws is reported without stopping the others.
 */
export async function listen(database: Database, channel: string, handler: (payload: unknown) => void): Promise<() => Promise<void>> {
  checkChannel(channel);
  return database.subscribe(channel, (text) => {
    let payload: unknown;
    try {
      payload = JSON.parse(text);
    } catch {
      return;
    }
    try {
      handler(payload);
    } catch (error) {
      console.error(`A listener on channel "${channel}" failed:`, error);
    }
  });
}
