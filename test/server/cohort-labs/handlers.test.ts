/**
 * The class lab routes as a browser meets them: a learner's cookie decides who submits, the
 * reply is the server's grade, a hint is charged once, and only the class's own instructor (or
 * an admin) can export or follow its dashboard — another instructor gets the same answer as for
 * a class that does not exist.
 */
import { beforeAll, expect, it } from 'vitest';
import type { Lab } from '../../../machines/grading/lab.ts';
import { hashToken, LEARNER_COOKIE } from '../../../src/server/cohorts/learner-session.server.ts';
import { handleDashboardCsv, handleDashboardEvents, handleHint, handleLabSubmit, type StaffMember } from '../../../src/server/cohort-labs/handlers.server.ts';
import { cohortLearner, labSubmission } from '../../../src/server/db/schema.server.ts';
import { freshDatabase, onEachDriver } from '../db/databases.ts';
import { labCatalog, referenceAnswer, seedClass } from '../cohort-fixtures.ts';

const LAB = '03-dip-write-protection';
const TOKEN = 'a-learner-token-of-thirty-two-chars-x';
const OWNER: StaffMember = { id: 'u1', role: 'instructor' };
const OTHER: StaffMember = { id: 'u2', role: 'instructor' };
const ADMIN: StaffMember = { id: 'u3', role: 'admin' };

let labs: Map<string, Lab>;
beforeAll(async () => {
  labs = await labCatalog();
});

function post(path: string, body: string, cookie = `${LEARNER_COOKIE}=${TOKEN}`): Request {
  return new Request(`http://127.0.0.1:4321${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json', cookie } });
}

onEachDriver((driver) => {
  it('grades the learner behind the cookie, and refuses a request without one', async () => {
    const database = await freshDatabase(driver);
    const { cohortId } = await seedClass(database.db, [LAB], []);
    await database.db.insert(cohortLearner).values({ cohortId, displayName: 'Lee', tokenHash: hashToken(TOKEN) });
    const deps = { database, labs };

    const anonymous = await handleLabSubmit(post(`/api/class/labs/${LAB}/submit`, referenceAnswer(LAB), ''), deps, LAB);
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).problems[0].field).toBe('learner');

    const graded = await handleLabSubmit(post(`/api/class/labs/${LAB}/submit`, referenceAnswer(LAB)), deps, LAB);
    expect(graded.status).toBe(201);
    const body = await graded.json();
    expect(body).toMatchObject({ passed: true, hints: { penalty: 0 } });
    expect(body.score).toBe(body.max);
    expect(await database.db.$count(labSubmission)).toBe(1);

    const bad = await handleLabSubmit(post(`/api/class/labs/${LAB}/submit`, '{ "settings": '), deps, LAB);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/^answer: /);
    expect(await database.db.$count(labSubmission)).toBe(1);
  });

  it('reveals a hint with its words and cost, charged once', async () => {
    const database = await freshDatabase(driver);
    const { cohortId } = await seedClass(database.db, [LAB], []);
    await database.db.insert(cohortLearner).values({ cohortId, displayName: 'Lee', tokenHash: hashToken(TOKEN) });
    const hint = labs.get(LAB)?.hints[0];
    if (!hint) throw new Error('lab 03 has no hint');
    const first = await (await handleHint(post('/hint', ''), { database, labs }, LAB, hint.id)).json();
    const again = await (await handleHint(post('/hint', ''), { database, labs }, LAB, hint.id)).json();
    expect(first).toEqual({ hint: { id: hint.id, text: hint.text, cost: hint.cost }, alreadyRevealed: false });
    expect(again.alreadyRevealed).toBe(true);
  });

  it('lets only the class’s instructor or an admin export and follow the dashboard', async () => {
    const database = await freshDatabase(driver);
    const { cohortId } = await seedClass(database.db, [LAB], ['Lee']);
    const deps = { database, labs };
    expect((await handleDashboardCsv(deps, null, cohortId)).status).toBe(401);
    const other = await handleDashboardCsv(deps, OTHER, cohortId);
    const missing = await handleDashboardCsv(deps, OTHER, 'no-such-class');
    expect(other.status).toBe(404);
    expect(await other.json()).toEqual(await missing.json());
    for (const staff of [OWNER, ADMIN]) {
      const csv = await handleDashboardCsv(deps, staff, cohortId);
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(await csv.text()).toContain('Lee');
    }

    const aborted = new AbortController();
    const request = new Request(`http://127.0.0.1:4321/api/class/${cohortId}/dashboard/events`, { signal: aborted.signal });
    expect((await handleDashboardEvents(request, deps, OTHER, cohortId)).status).toBe(404);
    const events = await handleDashboardEvents(request, deps, OWNER, cohortId);
    expect(events.headers.get('content-type')).toBe('text/event-stream');
    const reader = events.body?.getReader();
    const first = new TextDecoder().decode((await reader?.read())?.value);
    expect(first).toMatch(/^event: dashboard\ndata: \{.*"displayName":"Lee".*\}\n\n$/s);
    aborted.abort();
    await reader?.cancel();
  });
});
