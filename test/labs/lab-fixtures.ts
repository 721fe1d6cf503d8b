/** Shared by the lab tests: the labs as the site loads them, and the answer fixtures. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Answer, Lab } from '../../machines/grading/lab.ts';
import { loadLabs } from '../../src/server/lab-files.server.ts';

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
