/**
 * The audit trail is append-only: entries are added with who, when and why, and the database
 * refuses to change or remove them, whatever the app asks.
 */
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { appendAudit, auditTrail } from '../../../src/server/db/audit.server.ts';
import type { Db } from '../../../src/server/db/database.server.ts';
import { auditLog } from '../../../src/server/db/schema.server.ts';
import { freshDatabase, onEachDriver, refusalOf } from './databases.ts';

/** The error the database raised for a statement (the test fails if there was none). */
function refusal(db: Db, statement: ReturnType<typeof sql>) {
  return refusalOf(db.execute(statement), 'the audit log should refuse this');
}

onEachDriver((driver) => {
  it('records who did what to which subject, when and why, in order', async () => {
    const { db } = await freshDatabase(driver);
    const before = Date.now();
    await appendAudit(db, { actor: { kind: 'learner', id: 'l1' }, action: 'exam.started', subject: 'att-1' });
    const reset = await appendAudit(db, {
      actor: { kind: 'user', id: 'u1' },
      action: 'attempt.reset',
      subject: 'att-1',
      reason: '  Fire alarm during the exam  ',
      detail: { previousStatus: 'in-progress' },
    });
    await appendAudit(db, { actor: { kind: 'system' }, action: 'exam.expired', subject: 'att-2' });

    expect(reset.at.getTime()).toBeGreaterThanOrEqual(before - 60_000);
    const trail = await auditTrail(db, 'att-1');
    expect(trail.map((e) => [e.actorKind, e.actorId, e.action, e.reason])).toEqual([
      ['learner', 'l1', 'exam.started', null],
      ['user', 'u1', 'attempt.reset', 'Fire alarm during the exam'],
    ]);
    expect(trail[1]?.detail).toEqual({ previousStatus: 'in-progress' });
    expect((await auditTrail(db, 'att-2'))[0]?.actorId).toBeNull();
  });

  it('refuses to update, delete or truncate an entry, and the entry stays as written', async () => {
    const { db } = await freshDatabase(driver);
    const entry = await appendAudit(db, { actor: { kind: 'user', id: 'u1' }, action: 'certificate.revoked', subject: 'CERT-1', reason: 'Identity could not be confirmed' });

    for (const statement of [
      sql`update audit_log set reason = 'Typo' where id = ${entry.id}`,
      sql`delete from audit_log where id = ${entry.id}`,
      sql`truncate audit_log`,
    ]) {
      const error = await refusal(db, statement);
      expect(error.message).toMatch(/audit_log is append-only: (UPDATE|DELETE|TRUNCATE) refused/);
    }
    // Through the query builder too, as a route would try it.
    await expect(db.update(auditLog).set({ subject: 'CERT-2' })).rejects.toThrow();
    await expect(db.delete(auditLog)).rejects.toThrow();

    expect(await auditTrail(db, 'CERT-1')).toEqual([entry]);
  });

  it('refuses an entry that leaves out what an auditor needs, naming the field, and stores nothing', async () => {
    const { db } = await freshDatabase(driver);
    await expect(appendAudit(db, { actor: { kind: 'user', id: 'u1' }, action: 'attempt.reopened', subject: 'att-1', reason: '   ' })).rejects.toThrow(
      /reason is required for attempt\.reopened/,
    );
    await expect(appendAudit(db, { actor: { kind: 'user', id: '' }, action: 'exam.saved', subject: 'att-1' })).rejects.toThrow(/actor\.id is empty/);
    await expect(appendAudit(db, { actor: { kind: 'learner', id: 'l1' }, action: 'exam.saved', subject: ' ' })).rejects.toThrow(/subject is empty/);
    await expect(appendAudit(db, { actor: { kind: 'system' }, action: 'exam.peeked' as 'exam.saved', subject: 'att-1' })).rejects.toThrow(
      /action "exam\.peeked" is not one the audit log records/,
    );
    // The database holds the same line for callers that skip appendAudit.
    const error = await refusal(db, sql`insert into audit_log (actor_kind, action, subject) values ('user', 'exam.saved', 'att-1')`);
    expect(error.code).toBe('23514');
    expect(await db.$count(auditLog)).toBe(0);
  });

  it('keeps an entry only if the change it records commits', async () => {
    const { db } = await freshDatabase(driver);
    await db
      .transaction(async (tx) => {
        await appendAudit(tx, { actor: { kind: 'user', id: 'u1' }, action: 'certificate.issued', subject: 'CERT-9' });
        throw new Error('issuing failed after the entry was written');
      })
      .catch(() => undefined);
    await db.transaction(async (tx) => {
      await appendAudit(tx, { actor: { kind: 'user', id: 'u1' }, action: 'certificate.issued', subject: 'CERT-10' });
    });
    expect((await db.select({ subject: auditLog.subject }).from(auditLog)).map((r) => r.subject)).toEqual(['CERT-10']);
  });
});
