/**
 * Arrangements shared by the served-mode tests: the course's labs as the server loads them, a
 * lab's reference answer, and a class (an instructor, a cohort, its learners) written straight
 * into a test database.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { Lab } from '../../machines/grading/lab.ts';
import type { Db } from '../../src/server/db/database.server.ts';
import { cohort, cohortLearner, user } from '../../src/server/db/schema.server.ts';
import { loadLabs } from '../../src/server/lab-files.server.ts';

const HOUR = 3_600_000;

/** Every lab of the course by id, as the server loads them (the test fails on a broken lab). */
export async function labCatalog(): Promise<Map<string, Lab>> {
  const loaded = await loadLabs();
  expect(loaded.problems).toEqual([]);
  return new Map(loaded.labs.map((l) => [l.id, l]));
}

/** The reference answer of a lab, as the text a learner would post. */
export function referenceAnswer(labId: string): string {
  return readFileSync(new URL(`../fixtures/labs/${labId}/reference.json`, import.meta.url), 'utf8');
}

/** An instructor, a cohort open for the next hour taking `labIds`, and one learner per name, joined in order. */
export async function seedClass(db: Db, labIds: string[], names: string[]): Promise<{ cohortId: string; learnerIds: string[] }> {
  await db.insert(user).values({ id: 'u1', name: 'Ines Instructor', email: 'ines@example.org' });
  const [made] = await db
    .insert(cohort)
    .values({ name: 'Night shift', instructorId: 'u1', labIds, opensAt: new Date(), closesAt: new Date(Date.now() + HOUR), seatCap: 20, classCode: 'NIGHT-1' })
    .returning();
  const cohortId = made?.id ?? '';
  const learnerIds: string[] = [];
  for (const [i, displayName] of names.entries()) {
    const [row] = await db.insert(cohortLearner).values({ cohortId, displayName, tokenHash: `hash-${i}`, joinedAt: new Date(Date.now() + i) }).returning();
    learnerIds.push(row?.id ?? '');
  }
  return { cohortId, learnerIds };
}
