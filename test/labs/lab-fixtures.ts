/** Shared by the lab tests: the labs as the site loads them, and the answer fixtures. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Answer, Lab } from '../../machines/grading/lab.ts';
import { expect } from 'vitest';
import { formatProblem, loadLabs, parseLabSource } from '../../src/server/lab-files.server.ts';

/** Folder of the answer fixtures, one subfolder per lab id. */
export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'labs');

let cache: Promise<Lab[]> | undefined;

/** Every lab in content/labs (the test fails elsewhere if any file is invalid). */
export function allLabs(): Promise<Lab[]> {
  cache ??= loadLabs().then((r) => r.labs);
  return cache;
}

/** One lab by id. */
export async function labById(id: string): Promise<Lab> {
  const lab = (await allLabs()).find((l) => l.id === id);
  if (!lab) throw new Error(`no lab ${id}`);
  return lab;
}

/** The answer fixture files of a lab. */
export function fixtureFiles(labId: string): string[] {
  try {
    return readdirSync(join(FIXTURES, labId)).filter((f) => f.endsWith('.json')).sort();
  } catch {
    return [];
  }
}

/** Reads one answer fixture. */
export function fixture(labId: string, file: string): Answer {
  return JSON.parse(readFileSync(join(FIXTURES, labId, file), 'utf8')) as Answer;
}

/** The lab the validation tests break on purpose, as `validate` names it. */
export const FILTER_LAB_FILE = 'content/labs/02-filter-blocks.yaml';

/** The text of FILTER_LAB_FILE. */
export const FILTER_LAB_SOURCE = readFileSync(join(import.meta.dirname, '..', '..', FILTER_LAB_FILE), 'utf8');

/** The problems of the filter lab with `from` replaced by `to` (which must occur), as printed. */
export function problemsAfter(from: string, to: string): string[] {
  expect(FILTER_LAB_SOURCE).toContain(from);
  const result = parseLabSource(FILTER_LAB_SOURCE.replace(from, to), FILTER_LAB_FILE);
  return result.ok ? [] : result.problems.map(formatProblem);
}

/** The 1-based line of `text` in the filter lab. */
export function lineOf(text: string): number {
  return FILTER_LAB_SOURCE.slice(0, FILTER_LAB_SOURCE.indexOf(text)).split('\n').length;
}
