/**
 * Lab files that try to exhaust the loader: a YAML alias bomb ("billion laughs") and an
 * oversized file. Each gets one file:line field: message problem naming the file, and the other
 * labs of the folder still load.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { capRepeated, formatProblem, LABS_DIR, labsLoader, loadLabs, MAX_LAB_CHARS, parseLabSource } from '../../src/server/lab-files.server.ts';

const ROOT = join(import.meta.dirname, '..', '..');

/** Nine levels of nine aliases each: 9^9 (387 million) strings once expanded. */
const BOMB = [
  'title: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
  ...'bcdefghi'.split('').map((name, i) => {
    const prev = 'abcdefghi'[i];
    return `${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`;
  }),
].join('\n');

/** A folder with two real labs and one bad file. */
function folderWith(name: string, source: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'lab-hostile-'));
  for (const lab of ['02-filter-blocks.yaml', '05-close-unused-ports.yaml']) copyFileSync(join(ROOT, LABS_DIR, lab), join(dir, lab));
  writeFileSync(join(dir, name), source);
  return dir;
}

describe('hostile lab files', () => {
  it('an alias bomb is one problem naming the file and the line of the first alias', () => {
    const result = parseLabSource(BOMB, 'content/labs/99-bomb.yaml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map(formatProblem)).toEqual([expect.stringMatching(/^content\/labs\/99-bomb\.yaml:2 \(yaml\): .*alias.*write the values out instead$/)]);
  });

  it('the other labs of the folder still load beside an alias bomb', async () => {
    const dir = folderWith('99-bomb.yaml', BOMB);
    const { labs, problems } = await loadLabs(dir, dir);
    expect(labs.map((l) => l.id)).toEqual(['02-filter-blocks', '05-close-unused-ports']);
    expect(problems.map((p) => p.file)).toEqual(['99-bomb.yaml']);
  });

  it('an oversized file is refused with its size, and the other labs load', async () => {
    const dir = folderWith('98-huge.yaml', `title: "${'x'.repeat(MAX_LAB_CHARS)}"\n`);
    const { labs, problems } = await loadLabs(dir, dir);
    expect(labs).toHaveLength(2);
    expect(problems.map(formatProblem)).toEqual([expect.stringMatching(/^98-huge\.yaml:1 \(file\): the file is [\d,]+ characters long; a lab file is at most 200,000/)]);
  });
});

describe('capRepeated', () => {
  it('keeps the first five of a kind, says how many more, and keeps other kinds in order', () => {
    const lines = [
      ...Array.from({ length: 8 }, (_, i) => `  rules[${i}].ip: part 1 is 999`),
      '  hintsUsed: no hint "x"',
    ];
    expect(capRepeated(lines)).toEqual([...lines.slice(0, 5), '  … and 3 more of the same kind', '  hintsUsed: no hint "x"']);
  });

  it('leaves short lists alone', () => {
    const lines = ['a.yaml:1 title: required', 'a.yaml:2 title: required'];
    expect(capRepeated(lines)).toEqual(lines);
  });
});

describe('names in a lab file that every object inherits', () => {
  const source = readFileSync(join(ROOT, LABS_DIR, '01-users-and-roles.yaml'), 'utf8');
  const problems = (text: string) => {
    const result = parseLabSource(text, 'content/labs/01-users-and-roles.yaml');
    return result.ok ? [] : result.problems.map(formatProblem);
  };

  it.each(['constructor', 'toString', 'hasOwnProperty'])('a program named %s that is not in programs', (name) => {
    const found = problems(source.replace('operation: { kind: program.write, program: project }', `operation: { kind: program.write, program: ${name} }`));
    expect(found).toEqual([expect.stringMatching(new RegExp(`traffic\\[0\\]\\.operation\\.program: "${name}" is not "project", "running" or a key of programs`))]);
  });

  it.each(['constructor', 'valueOf'])('a placeholder ${%s} that is no declared variable', (name) => {
    const found = problems(source.replace('label: The designer downloads', `label: \${${name}} downloads`));
    expect(found).toEqual([expect.stringMatching(new RegExp(`traffic\\[0\\]\\.label: unknown variable "\\$\\{${name}\\}": declare it under "variables" or fix the spelling`))]);
  });
});

describe('the site build with an alias bomb', () => {
  it('fails naming the file and the line of the first alias', async () => {
    const root = mkdtempSync(join(tmpdir(), 'site-bomb-'));
    mkdirSync(join(root, 'content', 'labs'), { recursive: true });
    copyFileSync(join(ROOT, LABS_DIR, '02-filter-blocks.yaml'), join(root, 'content', 'labs', '02-filter-blocks.yaml'));
    writeFileSync(join(root, 'content', 'labs', '99-bomb.yaml'), BOMB);
    const context = {
      store: { clear: () => {}, set: () => {} },
      logger: { info: () => {} },
      generateDigest: () => '',
      config: { root: pathToFileURL(`${root}/`) },
    } as unknown as Parameters<ReturnType<typeof labsLoader>['load']>[0];
    await expect(labsLoader().load(context)).rejects.toThrow(/^Invalid lab files:\ncontent\/labs\/99-bomb\.yaml:2 \(yaml\): .*alias/);
  });
});

