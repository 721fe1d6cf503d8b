/**
 * Events for the live dashboard go through the database (LISTEN/NOTIFY): a listener hears what
 * any instance sends, only once the sending transaction commits, and stops when asked.
 */
import { sql } from 'drizzle-orm';
import { expect, it, vi } from 'vitest';
import { listen, MAX_PAYLOAD_BYTES, notify } from '../../../src/server/db/events.server.ts';
import { freshDatabase, freshPostgresUrl, onEachDriver, onPostgres, openForTest } from './databases.ts';

/** Waits, without a fixed sleep, until `heard` holds `count` payloads. */
function heardAtLeast(heard: unknown[], count: number) {
  return vi.waitFor(() => expect(heard.length).toBeGreaterThanOrEqual(count), { timeout: 30_000, interval: 20 });
}

onEachDriver((driver) => {
  it('delivers JSON payloads to a listener, in the order they were sent', async () => {
    const database = await freshDatabase(driver);
    const heard: unknown[] = [];
    await listen(database, 'cohort_events', (payload) => heard.push(payload));
    await notify(database.db, 'cohort_events', { kind: 'lab.submitted', learner: 'l1', score: 7 });
    await notify(database.db, 'cohort_events', { kind: 'hint.revealed', learner: 'l2' });
    await heardAtLeast(heard, 2);
    expect(heard).toEqual([
      { kind: 'lab.submitted', learner: 'l1', score: 7 },
      { kind: 'hint.revealed', learner: 'l2' },
    ]);
  });

  it('announces a change only when its transaction commits', async () => {
    const database = await freshDatabase(driver);
    const heard: unknown[] = [];
    await listen(database, 'cohort_events', (payload) => heard.push(payload));
    await database.db
      .transaction(async (tx) => {
        await notify(tx, 'cohort_events', { kind: 'rolled back' });
        throw new Error('the save failed');
      })
      .catch(() => undefined);
    await database.db.transaction(async (tx) => {
      await notify(tx, 'cohort_events', { kind: 'committed' });
    });
    await heardAtLeast(heard, 1);
    expect(heard).toEqual([{ kind: 'committed' }]);
  });

  it('stops delivering once the listener is stopped, while other listeners carry on', async () => {
    const database = await freshDatabase(driver);
    const stopped: unknown[] = [];
    const still: unknown[] = [];
    const stop = await listen(database, 'dashboard_a', (payload) => stopped.push(payload));
    await listen(database, 'dashboard_b', (payload) => still.push(payload));
    await notify(database.db, 'dashboard_a', 1);
    await heardAtLeast(stopped, 1);
    await stop();
    await notify(database.db, 'dashboard_a', 2);
    // Notifications arrive in the order sent, so once b hears this, a's second one has had its chance.
    await notify(database.db, 'dashboard_b', 'after');
    await heardAtLeast(still, 1);
    expect(stopped).toEqual([1]);
  });

  it('keeps listening when a handler throws or a payload is not JSON', async () => {
    const database = await freshDatabase(driver);
    const heard: unknown[] = [];
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await listen(database, 'cohort_events', (payload) => {
      if (payload === 'boom') throw new Error('handler bug');
      heard.push(payload);
    });
    await database.db.execute(sql`select pg_notify('cohort_events', 'not json {')`);
    await notify(database.db, 'cohort_events', 'boom');
    await notify(database.db, 'cohort_events', 'fine');
    await heardAtLeast(heard, 1);
    expect(heard).toEqual(['fine']);
    expect(errors).toHaveBeenCalledWith(expect.stringContaining('cohort_events'), expect.any(Error));
    errors.mockRestore();
  });

  it('refuses a channel name or payload PostgreSQL would not take, saying what to do', async () => {
    const database = await freshDatabase(driver);
    await expect(notify(database.db, 'Cohort-Events', {})).rejects.toThrow(/channel "Cohort-Events" is not a valid channel name: use lower-case letters/);
    await expect(listen(database, 'x; drop table user', () => undefined)).rejects.toThrow(/not a valid channel name/);
    await expect(notify(database.db, 'cohort_events', 'x'.repeat(MAX_PAYLOAD_BYTES))).rejects.toThrow(/bytes; PostgreSQL takes at most 7999\. Send an id/);
    await expect(notify(database.db, 'cohort_events', undefined)).rejects.toThrow(/cannot be written as JSON/);
  });
});

onPostgres('several instances', () => {
  it('reaches a listener on another app instance', async () => {
    const url = await freshPostgresUrl();
    const [dashboardInstance, submitInstance] = await Promise.all([openForTest({ url }), openForTest({ url })]);
    if (!dashboardInstance || !submitInstance) throw new Error('two instances should have opened');
    const heard: unknown[] = [];
    await listen(dashboardInstance, 'cohort_events', (payload) => heard.push(payload));
    await notify(submitInstance.db, 'cohort_events', { kind: 'lab.submitted', learner: 'l1' });
    await heardAtLeast(heard, 1);
    expect(heard).toEqual([{ kind: 'lab.submitted', learner: 'l1' }]);
  });
});
