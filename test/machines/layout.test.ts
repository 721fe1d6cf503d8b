/**
 * machines/README.md promises a one-way layout: the domain imports only `xstate` and itself, and
 * each folder imports only the folders listed above it. This reads every file's imports and
 * holds the code to that map, so a new file in the wrong place fails here with the fix.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../machines/', import.meta.url));

/** Each folder and the folders it may import (besides itself and model.ts). */
const MAY_IMPORT: Readonly<Record<string, readonly string[]>> = {
  catalog: [],
  cpu: [],
  eip: ['cpu'],
  wire: ['catalog', 'cpu'],
  'request-path': ['catalog', 'cpu', 'eip', 'wire'],
  grading: ['catalog', 'cpu', 'eip', 'wire', 'request-path'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const IMPORT = /^\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'|^\s*import\s+'([^']+)'/gm;

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? '');
}

const files = sourceFiles(ROOT).map((path) => ({ path, name: relative(ROOT, path) }));

describe('the machines/ layout (machines/README.md)', () => {
  it('has a folder for every file but the shared vocabulary', () => {
    const loose = files.filter((f) => !f.name.includes('/') && f.name !== 'model.ts').map((f) => f.name);
    expect(loose, 'put these files in the folder of their concept').toEqual([]);
    const folders = new Set(files.filter((f) => f.name.includes('/')).map((f) => f.name.split('/')[0]));
    expect([...folders].sort()).toEqual(Object.keys(MAY_IMPORT).sort());
  });

  it('imports nothing but xstate from outside machines/', () => {
    const outside = files.flatMap((f) =>
      importsOf(f.path)
        .filter((spec) => !spec.startsWith('.') && spec !== 'xstate')
        .map((spec) => `${f.name} imports ${spec}`),
    );
    expect(outside, 'machines/ is pure TypeScript + xstate: move this code to src/').toEqual([]);
  });

  it('points its dependencies one way: a folder imports only the folders above it', () => {
    const wrong = files.flatMap((f) => {
      const folder = f.name.includes('/') ? (f.name.split('/')[0] ?? null) : null;
      return importsOf(f.path)
        .filter((spec) => spec.startsWith('.'))
        .flatMap((spec) => {
          const target = relative(ROOT, normalize(join(dirname(f.path), spec)));
          if (target.startsWith('..')) return [`${f.name} imports ${spec}, outside machines/`];
          const to = target.includes('/') ? (target.split('/')[0] ?? null) : null;
          if (to === null || to === folder) return [];
          if (folder === null) return [`model.ts imports ${target}: the vocabulary imports nothing`];
          const allowed = MAY_IMPORT[folder] ?? [];
          return allowed.includes(to) ? [] : [`${f.name} imports ${target}, but ${folder}/ may import only ${allowed.join(', ') || 'model.ts'}`];
        });
    });
    expect(wrong).toEqual([]);
  });
});
