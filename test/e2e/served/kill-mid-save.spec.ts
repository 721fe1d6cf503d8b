/**
 * A kill -9 of the served course in the middle of an exam loses nothing it had acknowledged. The
 * spec starts its own built server (`node scripts/serve.ts`, as `npm start` runs it) on a port and
 * embedded database of its own, joins the class and starts an attempt over HTTP, keeps two streams
 * of autosaves going, and kills the process with SIGKILL while saves are in flight. Restarted on
 * the same data directory, the attempt resumes with every save that got a 2xx answer; the only
 * answers that may differ are the ones whose request had no answer when the process died.
 *
 * No fixed sleeps: the spec waits for the health check, for a number of acknowledged saves, and
 * for the process to exit — each with a generous bound for a busy 2-core machine.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { E2E_PORTS } from '../ports.ts';
import { E2E_CLASS_CODE } from './seed-class-values.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const PORT = E2E_PORTS.killMidSave;
const ORIGIN = `http://127.0.0.1:${PORT}`;
/** Saves acknowledged before the kill: enough that it lands in a busy stream of commits. */
const ACKED_BEFORE_KILL = 16;

/** The public view of an item, as much as this spec reads. */
interface Item {
  id: string;
  type: string;
  options?: { id: string }[];
}

/** One save's outcome: the item, the response sent, and whether the server answered 2xx. */
interface Save {
  itemId: string;
  response: unknown;
  acked: boolean;
}

/** Starts the built served course on PORT over `dataDir`; resolves once /api/health answers. */
async function startServer(dataDir: string, tmp: string): Promise<{ child: ChildProcess; exited: Promise<NodeJS.Signals | number | null>; output: () => string }> {
  const child = spawn(process.execPath, [join(ROOT, 'scripts/serve.ts'), '--port', String(PORT)], {
    cwd: ROOT,
    env: {
      ...process.env,
      PGLITE_DIR: dataDir,
      BETTER_AUTH_URL: ORIGIN,
      // Never the shared served server's setup-link file.
      SETUP_LINK_FILE: join(tmp, 'setup-link.txt'),
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<NodeJS.Signals | number | null>((done) => child.on('exit', (code, signal) => done(signal ?? code)));
  await expect
    .poll(
      async () => {
        if (child.exitCode !== null) throw new Error(`the server stopped while starting:\n${output}`);
        return fetch(`${ORIGIN}/api/health`).then(
          (r) => r.status,
          () => 0,
        );
      },
      { timeout: 90_000, intervals: [250, 500, 1000] },
    )
    .toBe(200);
  return { child, exited, output: () => output };
}

/** A JSON POST as the learner's browser sends it. */
function post(path: string, cookie: string, body: unknown): Promise<Response> {
  return fetch(`${ORIGIN}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ORIGIN, ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
}

/** The n-th response this spec sends to an item: the options taken in turn, so every save changes the answer. */
function responseFor(item: Item, n: number): unknown {
  const options = item.options ?? [];
  const option = options[n % options.length]?.id;
  return item.type === 'single' ? option : [option];
}

test('a kill -9 mid-save loses no acknowledged save: the attempt resumes with every one after a restart', async () => {
  test.setTimeout(300_000);
  const tmp = mkdtempSync(join(tmpdir(), 'plc-kill-served-'));
  // The seeding script only empties a directory named for a throwaway test database.
  const dataDir = join(tmp, `plc-defense-lab-served-e2e-${PORT}`);
  const running: ChildProcess[] = [];
  try {
    execFileSync(process.execPath, [join(ROOT, 'test/e2e/served/seed-class.ts')], { cwd: ROOT, env: { ...process.env, PGLITE_DIR: dataDir }, stdio: 'pipe' });
    const first = await startServer(dataDir, tmp);
    running.push(first.child);

    const joined = await post('/api/class/join', '', { classCode: E2E_CLASS_CODE, displayName: 'Kim Killed' });
    expect(joined.status).toBe(201);
    const cookie = (joined.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const started = await post('/api/exam/start', cookie, {});
    expect(started.status).toBe(201);
    const attempt = (await started.json()) as { attemptId: string; items: Item[] };
    const choiceItems = attempt.items.filter((i) => (i.type === 'single' || i.type === 'multiple') && (i.options?.length ?? 0) > 1);
    expect(choiceItems.length).toBeGreaterThanOrEqual(4);

    // Two streams, each saving its own items one after another: the last answer an item got is then well defined.
    const saves: Save[] = [];
    let acked = 0;
    let killed = false;
    const stream = async (items: Item[]) => {
      for (let n = 0; !killed; n++) {
        const item = items[n % items.length] as Item;
        const save: Save = { itemId: item.id, response: responseFor(item, Math.floor(n / items.length)), acked: false };
        saves.push(save);
        const request = post('/api/exam/save', cookie, { responses: { [item.id]: save.response } });
        if (acked >= ACKED_BEFORE_KILL && !killed) {
          // This save is on its way (and the other stream's most likely too): kill the server now.
          killed = true;
          first.child.kill('SIGKILL');
        }
        const answer = await request.catch(() => undefined);
        if (answer?.ok) {
          save.acked = true;
          acked++;
        } else if (answer && !killed) {
          throw new Error(`a save was refused before the kill: ${answer.status} ${await answer.text()}`);
        }
      }
    };
    const half = Math.ceil(choiceItems.length / 2);
    await Promise.all([stream(choiceItems.slice(0, half)), stream(choiceItems.slice(half))]);
    expect(await first.exited, `the server should have been killed:\n${first.output()}`).toBe('SIGKILL');
    expect(acked).toBeGreaterThanOrEqual(ACKED_BEFORE_KILL);

    // Restarted on the same directory (the dead process's lock is taken over), the attempt resumes.
    const second = await startServer(dataDir, tmp);
    running.push(second.child);
    const resumed = await fetch(`${ORIGIN}/api/exam/attempt`, { headers: { cookie } });
    expect(resumed.status).toBe(200);
    const view = (await resumed.json()) as { attemptId: string; responses: Record<string, unknown> };
    expect(view.attemptId).toBe(attempt.attemptId);

    // Per item: the answer of its last acknowledged save, or of a later save that was in flight at the kill.
    let lostOrLanded = 0;
    for (const item of choiceItems) {
      const mine = saves.filter((s) => s.itemId === item.id);
      const lastAcked = mine.map((s) => s.acked).lastIndexOf(true);
      const allowed = [lastAcked >= 0 ? mine[lastAcked]?.response : undefined, ...mine.slice(lastAcked + 1).map((s) => s.response)];
      expect(allowed, `item ${item.id}: the saved answer is neither its last acknowledged one nor one in flight`).toContainEqual(view.responses[item.id]);
      if (lastAcked >= 0 && JSON.stringify(view.responses[item.id]) !== JSON.stringify(mine[lastAcked]?.response)) lostOrLanded++;
    }
    // Only saves without an answer can differ: at most one per stream was in flight.
    expect(saves.filter((s) => !s.acked).length).toBeLessThanOrEqual(2);
    expect(lostOrLanded).toBeLessThanOrEqual(2);

    // And the resumed attempt takes new saves.
    const first0 = choiceItems[0] as Item;
    expect((await post('/api/exam/save', cookie, { responses: { [first0.id]: responseFor(first0, 1) } })).status).toBe(200);
    second.child.kill('SIGTERM');
    await second.exited;
  } finally {
    for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(tmp, { recursive: true, force: true });
  }
});
