import { mkdtemp, mkdir, copyFile, readdir, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newAttemptSeed } from '../../../src/server/exams/attempt-seed.server.ts';
import { drawAttempt } from '../../../src/server/exams/draw.ts';
import { EXAMS_DIR, loadExamCatalog } from '../../../src/server/exams/item-bank.server.ts';
import { reviewAttempt } from '../../../src/server/exams/review.ts';
import { scoreAttempt } from '../../../src/server/exams/score.ts';
import { keyResponse } from './exam-fixtures.ts';

/** A copy of content/labs and content/exams in a temporary project root. */
async function copyOfContent(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'exam-root-'));
  for (const dir of ['content/labs', EXAMS_DIR]) {
    await mkdir(join(root, dir), { recursive: true });
    for (const name of await readdir(dir)) await copyFile(join(dir, name), join(root, dir, name));
  }
  return root;
}

describe('the exam catalogue the server loads at start-up', () => {
  it('loads the real content and runs a whole attempt: draw, score, review', async () => {
    const catalog = await loadExamCatalog();
    const exam = catalog.exams.find((e) => e.id === 'plc-security-practitioner');
    if (!exam) throw new Error('no practitioner exam');
    const seed = newAttemptSeed();
    const { stored } = drawAttempt(catalog.bank, exam, seed, catalog.labs);
    // Every choice item right; every performance item answered by changing nothing.
    const responses = Object.fromEntries(stored.slots.map((s) => [s.token, s.item.type === 'performance' ? {} : keyResponse(s)]));
    const scored = scoreAttempt(stored, responses, catalog.labs);
    const review = reviewAttempt(stored, scored);
    expect(review).toHaveLength(stored.slots.length);
    // After submission the review carries the rationale and marks the key the candidate chose.
    for (const [i, item] of review.entries()) {
      expect(item.rationale).toBe(stored.slots[i]?.item.rationale);
      if (item.type === 'single') expect(item.parts.filter((p) => p.key === true && p.chosen === true)).toHaveLength(1);
      if (item.type === 'performance') expect(item.objectives?.length).toBeGreaterThan(0);
    }
  });

  it('refuses to start with a broken bank, listing the file, item and field', async () => {
    const root = await copyOfContent();
    const file = join(root, EXAMS_DIR, '02-network.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('lab: 02-filter-blocks', 'lab: 02-filter-block'));
    await expect(loadExamCatalog(root)).rejects.toThrow(/content\/exams\/02-network\.yaml:\d+ item "perf-filter" lab: no lab "02-filter-block" in content\/labs/);
  });
});

describe('attempt seeds', () => {
  it('are 128 random bits as 32 hex digits, never the same twice', () => {
    const seeds = Array.from({ length: 100 }, newAttemptSeed);
    for (const s of seeds) expect(s).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(seeds).size).toBe(100);
  });
});
