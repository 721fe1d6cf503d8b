/**
 * Nothing acknowledged is lost when the server dies: a process autosaving an exam attempt to a
 * PGlite directory is killed with SIGKILL mid-way; reopened, the directory holds every save it
 * had reported as done, the attempt is still in progress, and the database takes new saves.
 * While it ran, no other process could open the directory.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { eq } from 'drizzle-orm';
import { describe, expect, it, onTestFinished } from 'vitest';
import { attemptResponse, auditLog, examAttempt } from '../../../src/server/db/schema.server.ts';
import { DATABASE_TEST_TIMEOUT, MIGRATIONS, openForTest, ROOT } from './databases.ts';

/** Enough saves that the kill lands in the middle of a busy stream of commits. */
const SAVES_BEFORE_KILL = 40;

describe('on PGlite, a kill -9 mid-save', { timeout: DATABASE_TEST_TIMEOUT }, () => {
  it('keeps every save that was acknowledged, and the attempt resumes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plc-kill-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));

    const child = spawn(process.execPath, [join(ROOT, 'test/server/db/fixtures/save-until-killed.ts'), dir, MIGRATIONS], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const acknowledged: string[] = [];
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    for await (const line of createInterface({ input: child.stdout })) {
      const saved = /^saved (q\d+)$/.exec(line);
      if (!saved?.[1]) continue;
      acknowledged.push(saved[1]);
      if (acknowledged.length === 1) {
        // While the writer runs, nobody else may open its directory.
        await expect(openForTest({ dir })).rejects.toThrow(`already open in process ${child.pid}`);
      }
      if (acknowledged.length === SAVES_BEFORE_KILL) child.kill('SIGKILL');
    }
    expect(await exited, `the writer should have been killed, not have stopped by itself:\n${stderr}`).toBe('SIGKILL');
    expect(acknowledged.length).toBeGreaterThanOrEqual(SAVES_BEFORE_KILL);

    const reopened = await openForTest({ dir });
    const { db } = reopened;
    const saved = await db.select().from(attemptResponse).where(eq(attemptResponse.attemptId, 'attempt-1'));
    const byItem = new Map(saved.map((row) => [row.itemId, row.response]));
    for (const itemId of acknowledged) {
      const i = Number(itemId.slice(1));
      expect(byItem.get(itemId), `save ${itemId} was acknowledged before the kill`).toEqual({ choice: [i % 4], note: 'x'.repeat(i % 200) });
    }
    // At most the save in flight when the process died is extra (committed, not yet reported).
    expect(saved.length - acknowledged.length).toBeLessThanOrEqual(1);
    // Each save committed with its audit entry, or neither did.
    expect(await db.$count(auditLog)).toBe(saved.length);

    const [attempt] = await db.select().from(examAttempt);
    expect(attempt?.status).toBe('in-progress');
    await db
      .insert(attemptResponse)
      .values({ attemptId: 'attempt-1', itemId: 'after-restart', response: { choice: [1] } });
    expect(await db.$count(attemptResponse)).toBe(saved.length + 1);
  });
});
