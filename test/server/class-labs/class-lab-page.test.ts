/**
 * Who gets a class lab page, and what it holds: nobody without a learner cookie, nobody whose
 * class lacks the lab (an unknown lab looks the same), and for a learner of the class their own
 * variant — the one the server grades — with a hint's words only once they have opened it, and
 * the grade of their latest submission (not their best) for the score beside the workbench.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import type { Lab } from '../../../machines/grading/lab.ts';
import { classLabList, classLabPage } from '../../../src/server/class-labs-page/class-lab-page.server.ts';
import { classLab } from '../../../src/server/class-labs-page/class-lab.server.ts';
import { labSeedFor, revealHint, submitLab } from '../../../src/server/cohort-labs/cohort-labs.server.ts';
import { hashToken, LEARNER_COOKIE } from '../../../src/server/cohorts/learner-session.server.ts';
import { cohortLearner } from '../../../src/server/db/schema.server.ts';
import { labCatalog, seedClass } from '../cohort-fixtures.ts';
import { freshDatabase, onEachDriver } from '../db/databases.ts';

const LAB = '03-dip-write-protection';
const TOKEN = 'class-lab-page-test-token-0001';
let labs: Map<string, Lab>;
beforeAll(async () => {
  labs = await labCatalog();
});

const request = (token?: string) => new Request('http://localhost/class/labs/x', token ? { headers: { cookie: `${LEARNER_COOKIE}=${token}` } } : {});

onEachDriver((driver) => {
  it('refuses a visitor with no learner cookie, and a lab the class does not have (or nobody has)', async () => {
    const { db } = await freshDatabase(driver);
    const { learnerIds } = await seedClass(db, [LAB], ['Lee']);
    await db.update(cohortLearner).set({ tokenHash: hashToken(TOKEN) }).where(eq(cohortLearner.id, learnerIds[0] ?? ''));
    expect((await classLabPage(request(), db, labs, LAB)).kind).toBe('not-joined');
    expect((await classLabPage(request('not-a-token-the-server-issued-00'), db, labs, LAB)).kind).toBe('not-joined');
    expect((await classLabPage(request(TOKEN), db, labs, '01-users-and-roles')).kind).toBe('not-found');
    expect((await classLabPage(request(TOKEN), db, labs, 'no-such-lab')).kind).toBe('not-found');
  });

  it('gives a learner of the class their own variant, and a hint’s words only after they opened it', async () => {
    const { db } = await freshDatabase(driver);
    const { cohortId, learnerIds } = await seedClass(db, [LAB], ['Lee']);
    const lee = learnerIds[0] ?? '';
    await db.update(cohortLearner).set({ tokenHash: hashToken(TOKEN) }).where(eq(cohortLearner.id, lee));
    const lab = labs.get(LAB) as Lab;
    const [first, second] = lab.hints;

    const before = await classLabPage(request(TOKEN), db, labs, LAB);
    if (before.kind !== 'ok') throw new Error(before.kind);
    expect(before.props.lab).toEqual(classLab(lab, labSeedFor(lee, LAB)));
    expect(before.props.classMode.opened).toEqual([]);
    expect(before.props.classMode.submitUrl).toBe(`/api/class/labs/${LAB}/submit`);

    const revealed = await revealHint(db, labs, { learnerId: lee, labId: LAB, hintId: first?.id ?? '' });
    expect(revealed.ok).toBe(true);
    const after = await classLabPage(request(TOKEN), db, labs, LAB);
    if (after.kind !== 'ok') throw new Error(after.kind);
    expect(after.props.classMode.opened).toEqual([{ id: first?.id, cost: first?.cost, text: first?.text }]);
    expect(JSON.stringify(after.props).includes(second?.text ?? '∅')).toBe(false);

    expect(await classLabList(db, labs, cohortId)).toEqual([{ id: LAB, title: lab.title, href: `/class/labs/${LAB}` }]);
  });

  it('says which grade the server gave the learner’s latest submission, none before the first', async () => {
    const { db } = await freshDatabase(driver);
    const { learnerIds } = await seedClass(db, [LAB], ['Lee']);
    const lee = learnerIds[0] ?? '';
    await db.update(cohortLearner).set({ tokenHash: hashToken(TOKEN) }).where(eq(cohortLearner.id, lee));
    const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../../fixtures/labs', LAB, `${name}.json`), 'utf8');
    const latest = async () => {
      const page = await classLabPage(request(TOKEN), db, labs, LAB);
      if (page.kind !== 'ok') throw new Error(page.kind);
      return page.latest;
    };

    expect(await latest()).toBeNull();
    const right = await submitLab(db, labs, { learnerId: lee, labId: LAB, answerText: fixture('reference') });
    if (!right.ok) throw new Error(right.message);
    expect(await latest()).toEqual({ score: right.report.max, max: right.report.max, passed: true });
    // A worse answer afterwards: the side shows that one, as the workbench would after submitting it.
    const wrong = await submitLab(db, labs, { learnerId: lee, labId: LAB, answerText: fixture('wrong-nothing-changed') });
    if (!wrong.ok) throw new Error(wrong.message);
    expect(wrong.report.score).toBeLessThan(right.report.score);
    expect(await latest()).toEqual({ score: wrong.report.score, max: wrong.report.max, passed: false });
  });
});
