import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from './lab-fixtures.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const TMP = mkdtempSync(join(tmpdir(), 'lab-cli-'));

/** Runs `node scripts/lab.ts …` as `npm run lab -- …` does. */
function lab(...args: string[]) {
  const r = spawnSync(process.execPath, ['scripts/lab.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function answerFile(name: string, content: string): string {
  const path = join(TMP, name);
  writeFileSync(path, content);
  return path;
}

const ref = (id: string, file = 'reference.json') => join(FIXTURES, id, file);

describe('npm run lab -- grade', () => {
  it('prints the objectives and exits 0 for a passing answer', () => {
    const r = lab('grade', '02-filter-blocks', ref('02-filter-blocks'));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/✓ rogue-blocked +3\/3/);
    expect(r.out).toMatch(/Score 14\/14 — PASSED/);
  });

  it('exits 1 for a failing answer, with the reason and the lesson to review', () => {
    const r = lab('grade', '02-filter-blocks', ref('02-filter-blocks', 'wrong-scada-forgotten.json'));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/✗ scada-not-locked-out +0\/2/);
    // The briefing's requirements, each marked, the unmet one pointing at its objectives.
    expect(r.out).toMatch(/What the briefing asks:\n/);
    expect(r.out).toMatch(/ {2}✓ The two engineering PCs get in\n/);
    expect(r.out).toMatch(/ {2}✗ The SCADA server gets in through the plant firewall \(see scada-not-locked-out\)\n/);
    expect(r.out).toMatch(/stopped by IP packet filtering/);
    expect(r.out).toMatch(/review: 06-ip-packet-filtering/);
    expect(r.out).toMatch(/FAILED/);
  });

  it('--seed grades the learner’s variant: the default answer fails elsewhere', () => {
    const r = lab('grade', '06-fins-write-protection', ref('06-fins-write-protection'), '--seed', '3');
    expect(r.out).toMatch(/variant for seed 3/);
    expect(r.code).toBe(1);
  });

  it('--json prints the whole report', () => {
    const r = lab('grade', '12-decommissioning', ref('12-decommissioning'), '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as { labId: string; passed: boolean; timeline: unknown[] };
    expect(report.labId).toBe('12-decommissioning');
    expect(report.passed).toBe(true);
  });

  it('exits 2 for an unknown lab, listing the labs', () => {
    const r = lab('grade', '99-nope', ref('02-filter-blocks'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown lab "99-nope": the labs are 01-users-and-roles, 02-filter-blocks/);
  });

  it('exits 2 for an unreadable answer file', () => {
    const r = lab('grade', '02-filter-blocks', join(TMP, 'missing.json'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cannot read the answer file .*missing\.json/);
  });

  it('exits 2 for an answer that is not JSON', () => {
    const r = lab('grade', '02-filter-blocks', answerFile('bad.json', '{ "settings": '));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/is not valid JSON/);
  });

  it('exits 2 for a value of the wrong type, naming the field', () => {
    const r = lab('grade', '03-dip-write-protection', answerFile('type.json', '{ "settings": { "cpu.dipWriteProtect": "yes" } }'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/settings\["cpu\.dipWriteProtect"\]: give true \(ON\) or false \(OFF\)/);
  });

  it('exits 2 for a change to a locked setting, naming the path', () => {
    const r = lab('grade', '03-dip-write-protection', answerFile('locked.json', '{ "settings": { "cpu.memoryCardAutoLoad": false } }'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cpu\.memoryCardAutoLoad is locked in this lab/);
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'])('exits 2 for a setting or question named %s, naming it', (key) => {
    const r = lab('grade', '02-filter-blocks', answerFile(`proto-${key}.json`, `{ "settings": { "${key}": 1 }, "answers": { "${key}": "x" } }`));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`settings(\\["${key}"\\]|\\.${key}): "${key}" is not a`));
    expect(r.err).not.toMatch(/TypeError/);
  });

  it('exits 2 for an answer that is not a JSON object, or too large to be one', () => {
    const list = lab('grade', '02-filter-blocks', answerFile('list.json', '[1, 2]'));
    expect(list.code).toBe(2);
    expect(list.err).toMatch(/\(file\): an answer is a JSON object .* not a list/);
    const huge = lab('grade', '02-filter-blocks', answerFile('huge.json', `{ "hintsUsed": [${'"x",'.repeat(1_100_000)}"x"] }`));
    expect(huge.code).toBe(2);
    expect(huge.err).toMatch(/an answer is at most 1,000,000 characters/);
  });

  it('prints the first few problems of a kind and how many more, not one line each', () => {
    const hints = Array.from({ length: 60_000 }, (_, i) => `"nope${i}"`).join(',');
    const r = lab('grade', '02-filter-blocks', answerFile('hints.json', `{ "hintsUsed": [${hints}] }`));
    expect(r.code).toBe(2);
    expect(r.err.split('\n').filter((l) => l.includes('no hint'))).toHaveLength(5);
    expect(r.err).toContain('  … and 59,995 more of the same kind');
    expect(r.err.length).toBeLessThan(2_000);
  });

  it('exits 2 for more filter rules than the unit holds, in one line', () => {
    const rules = Array.from({ length: 5_000 }, (_, i) => `{ "ip": "10.0.${i >> 8}.${i & 255}", "mask": "255.255.255.255" }`).join(',');
    const r = lab('grade', '02-filter-blocks', answerFile('rules.json', `{ "settings": { "eip.filter.rules": [${rules}] } }`));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/settings\["eip\.filter\.rules"\]: the IP packet filter holds at most 32 rules/);
    expect(r.err.length).toBeLessThan(500);
  });

  it('exits 2 for a bad --seed or missing arguments', () => {
    expect(lab('grade', '02-filter-blocks', ref('02-filter-blocks'), '--seed', 'x').code).toBe(2);
    const r = lab('grade', '02-filter-blocks');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Usage:/);
  });
});

describe('npm run lab -- validate', () => {
  it('exits 0 when every lab file is valid', () => {
    const r = lab('validate');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\d+ lab files valid\./);
  });

  it('exits 1 and prints file:line field: message for a broken file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-dir-'));
    const source = readFileSync(join(ROOT, 'content/labs/05-close-unused-ports.yaml'), 'utf8');
    writeFileSync(join(dir, '05-close-unused-ports.yaml'), source.replace('difficulty: introductory', 'difficulty: easy'));
    const line = source.slice(0, source.indexOf('difficulty:')).split('\n').length;
    const r = lab('validate', '--dir', dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`05-close-unused-ports.yaml:${line} difficulty: "easy" is not a difficulty: use one of introductory, intermediate, advanced`);
  });
});

describe('npm run lab -- validate: declared equivalent mutations', () => {
  it('refuses an equivalent mutation no mutant of the reference answer has, at its line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-equiv-'));
    const source = readFileSync(join(ROOT, 'content/labs/12-decommissioning.yaml'), 'utf8');
    const typo = source.replace('swap-actions:memory.clearAll,unit.restartOutOfBox', 'swap-actions:memory.clearAll,unit.restart');
    writeFileSync(join(dir, '12-decommissioning.yaml'), typo);
    const line = typo.slice(0, typo.indexOf('swap-actions:memory.clearAll,unit.restart"')).split('\n').length;
    const r = lab('validate', '--dir', dir);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(new RegExp(`12-decommissioning\\.yaml:${line} equivalentMutations\\[0\\]\\.mutation: no mutant of the reference answer is "swap-actions:memory\\.clearAll,unit\\.restart": use one of .*drop-action:memory\\.clearAll`));
    expect(r.out).toMatch(/1 problem\(s\) in 1 lab file\(s\); 0 valid\./);
  });
});

describe('npm run lab -- mutate', () => {
  it('grades every weakened copy of a reference answer and exits 0 at 100 %', () => {
    const r = lab('mutate', '12-decommissioning');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/12-decommissioning +3\/3 mutants fail \(1 declared equivalent\) — 100\.0 %/);
    expect(r.out).toMatch(/Mutation score 3\/3 — 100\.0 %/);
  });

  it('prints each surviving mutant and exits 1 when a lab lacks the objective that would catch it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-mutate-'));
    const source = readFileSync(join(ROOT, 'content/labs/02-filter-blocks.yaml'), 'utf8');
    // Without the posture objective, traffic replay alone passes wider masks and extra rules.
    const start = source.indexOf('  - id: nothing-beyond-the-list');
    const end = source.indexOf('  - id: why-sntp-passes');
    const weakened = `${source.slice(0, start)}${source.slice(end)}`.replaceAll(', nothing-beyond-the-list]', ']');
    writeFileSync(join(dir, '02-filter-blocks.yaml'), weakened);
    const r = lab('mutate', '02-filter-blocks', '--dir', dir);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/✗ survives widen-mask:192\.168\.250\.11\/255\.255\.255\.255: widen the rule for 192\.168\.250\.11/);
    expect(r.out).toMatch(/✗ survives add-rule:203\.0\.113\.7/);
    expect(r.out).toMatch(/Mutation score 5\/10 — 50\.0 %/);
  });

  it('exits 2 for an unknown lab', () => {
    const r = lab('mutate', '99-nope');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown lab "99-nope"/);
  });
});
