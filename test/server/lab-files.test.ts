import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Lab } from '../../machines/grading/lab.ts';
import { formatProblem, type LabProblem, labsLoader, loadLabs, parseAnswerText, parseLabSource } from '../../src/server/lab-files.server.ts';
import { labById } from '../labs/lab-fixtures.ts';

const FILE = 'content/labs/02-filter-blocks.yaml';
const SOURCE = readFileSync(join(import.meta.dirname, '..', '..', FILE), 'utf8');

/** The 1-based line of the first line containing `text`. */
function lineOf(source: string, text: string, from = 0): number {
  const at = source.indexOf(text, from);
  if (at < 0) throw new Error(`"${text}" not in source`);
  return source.slice(0, at).split('\n').length;
}

function problemsOf(source: string): LabProblem[] {
  const result = parseLabSource(source, FILE);
  if (result.ok) throw new Error('expected the lab to be refused');
  return result.problems;
}

describe('lab file validation names the file, the line and the field', () => {
  it('a step from an unknown node', () => {
    const start = SOURCE.indexOf('id: rogue-writes');
    const broken = `${SOURCE.slice(0, start)}${SOURCE.slice(start).replace('from: Rogue laptop', 'from: Rogue lapto')}`;
    const [p] = problemsOf(broken);
    expect(p?.file).toBe(FILE);
    expect(p?.field).toBe('traffic[7].from');
    expect(p?.line).toBe(lineOf(broken, 'from: Rogue lapto\n', start));
    expect(p?.message).toMatch(/"Rogue lapto" is not a node of the network: use one of .*Rogue laptop/);
    expect(formatProblem(p as LabProblem)).toBe(`${FILE}:${p?.line} traffic[7].from: ${p?.message}`);
  });

  it('a bad IP address in the network, with the fix', () => {
    const broken = SOURCE.replace('ip: 10.0.0.5', 'ip: 10.0.0.500');
    const [p] = problemsOf(broken);
    expect(p?.field).toBe('network[5].ip');
    expect(p?.line).toBe(lineOf(broken, '10.0.0.500'));
    expect(p?.message).toMatch(/part 4 is 500, but each part must be 0–255/);
  });

  it("a rack the CPU Unit refuses names the field inside the rack, not just the CPU", () => {
    const badClock = problemsOf(SOURCE.replace(/^(\s+)clock: .*$/m, '$1clock: "2026-02-30T10:00:00"'));
    expect(badClock.map((p) => [p.field, p.message])).toContainEqual(['rack.cpu.clock', expect.stringMatching(/^"2026-02-30T10:00:00" names a day or time that does not exist/)]);
    const badLot = problemsOf(SOURCE.replace('lotNumber: "250918"', 'lotNumber: "LOT-1"'));
    expect(badLot.map((p) => p.field)).toContain('rack.cpu.lotNumber');
  });

  it('a missing required field points at the enclosing line', () => {
    const broken = SOURCE.replace(/^title: .*\n/m, '');
    const problems = problemsOf(broken);
    expect(problems.map((p) => p.field)).toContain('title');
    expect(problems.find((p) => p.field === 'title')?.message).toMatch(/required/);
  });

  it('a wrong type says what was expected and what was found', () => {
    const broken = SOURCE.replace('minutes: 20', 'minutes: twenty');
    const [p] = problemsOf(broken);
    expect(p?.field).toBe('minutes');
    expect(p?.line).toBe(lineOf(broken, 'minutes: twenty'));
    expect(p?.message).toBe('expected number, got "twenty"');
  });

  it('an unknown field is named so a typo is found', () => {
    const broken = SOURCE.replace('difficulty: introductory', 'difficulty: introductory\ndificulty: hard');
    const problems = problemsOf(broken);
    expect(problems.some((p) => /unknown field "dificulty"/.test(p.message))).toBe(true);
  });

  it('a YAML syntax error gives its line', () => {
    const broken = SOURCE.replace('editable: [eip.filter]', 'editable: [eip.filter');
    const [p] = problemsOf(broken);
    expect(p?.field).toBe('(yaml)');
    expect(p?.line).toBeGreaterThanOrEqual(lineOf(broken, 'editable: [eip.filter'));
    // The line is the problem's own field, never repeated inside its message.
    expect(p?.message).not.toMatch(/line \d+|column \d+/);
  });

  it('a placeholder naming an undeclared variable', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a lab file's ${placeholder}, not a template literal
    const broken = SOURCE.replace('ip: "${rogueIp}", finsNode', 'ip: "${rogueIP}", finsNode');
    const problems = problemsOf(broken);
    expect(problems.some((p) => p.field === 'network[6].ip' && /unknown variable "\$\{rogueIP\}"/.test(p.message))).toBe(true);
  });

  it('a variable declared but never used', () => {
    const broken = SOURCE.replace('variables:\n', 'variables:\n  spare: { oneOf: [a, b] }\n');
    const [p] = problemsOf(broken);
    expect(p?.field).toBe('variables.spare');
    expect(p?.line).toBe(lineOf(broken, 'spare:'));
    expect(p?.message).toMatch(/declared but never used/);
  });

  it('a variable range that lets two addresses collide is caught for a seed', () => {
    // Two addresses drawn from two, beside a third range that overlaps them: some seed gives a clash.
    const broken = SOURCE.replace('eng2: { ip: { prefix: 192.168.250, from: 30, to: 49 }, default: 192.168.250.34 }', 'eng2: { ip: { prefix: 192.168.250, from: 11, to: 12 }, default: 192.168.250.12 }').replace(
      'rogueIp: { ip: { prefix: 192.168.250, from: 100, to: 199 }, default: 192.168.250.147 }',
      'rogueIp: { ip: { prefix: 192.168.250, from: 11, to: 12 }, default: 192.168.250.12 }',
    );
    const problems = problemsOf(broken);
    expect(problems.some((p) => p.field === 'variables' && /with seed \d+, \w+ and \w+ are both "192\.168\.250\.1[12]"/.test(p.message))).toBe(true);
  });

  it('an objective naming a step that does not exist', () => {
    const broken = SOURCE.replace('steps: [scada-polls]', 'steps: [scada-poll]');
    const [p] = problemsOf(broken);
    expect(p?.field).toBe('objectives[4].steps[0]');
    expect(p?.line).toBe(lineOf(broken, 'steps: [scada-poll]'));
    expect(p?.message).toBe('"scada-poll" is not a traffic step id');
  });

  it('an editable path that is not a setting lists the real ones', () => {
    const [p] = problemsOf(SOURCE.replace('editable: [eip.filter]', 'editable: [eip.firewall]'));
    expect(p?.field).toBe('editable[0]');
    expect(p?.message).toMatch(/"eip.firewall" is not a setting .* eip\.filter\.rules/);
  });

  it('hints must go from gentle to walkthrough', () => {
    const [p] = problemsOf(SOURCE.replace('    cost: 5\n', '    cost: 0\n'));
    expect(p?.field).toBe('hints[2].cost');
    expect(p?.message).toMatch(/costs must not fall: 0 comes after 2/);
  });

  it('a rack the machines cannot build (a unit that does not fit the CPU)', () => {
    const [p] = problemsOf(SOURCE.replace('model: CJ1W-EIP21S', 'model: CS1W-EIP21S'));
    expect(p?.field).toBe('rack.unit.model');
    expect(p?.message).toMatch(/cannot be mounted/);
  });

  it('a lab without requirements is refused, saying what to list', () => {
    const start = SOURCE.indexOf('\nrequirements:\n');
    const end = SOURCE.indexOf('\nhints:\n');
    const problems = problemsOf(`${SOURCE.slice(0, start)}${SOURCE.slice(end)}`);
    expect(problems.find((p) => p.field === 'requirements')?.message).toMatch(/required: list every requirement the briefing states, each with the objectives that grade it/);
  });

  it('a requirement that names no objective, or a missing one, is refused at its line', () => {
    const none = problemsOf(SOURCE.replace('objectives: [engineering-works]\n', 'objectives: []\n'));
    expect(none[0]?.field).toBe('requirements[0].objectives');
    expect(none[0]?.message).toMatch(/name at least one objective that grades this requirement \(add an objective if none does\)/);
    const missing = SOURCE.replace('objectives: [engineering-works]\n', 'objectives: [engineering-work]\n');
    const [p] = problemsOf(missing);
    expect(p?.field).toBe('requirements[0].objectives[0]');
    expect(p?.line).toBe(lineOf(missing, 'objectives: [engineering-work]'));
    expect(p?.message).toMatch(/"engineering-work" is not an objective of this lab: use one of rogue-blocked, .*, or add an objective that grades "The two engineering PCs get in"/);
  });

  it('a posture check that lists an account twice', () => {
    const file = 'content/labs/01-users-and-roles.yaml';
    const source = readFileSync(join(import.meta.dirname, '..', '..', file), 'utf8');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a lab file's ${placeholder}, not a template literal
    const broken = source.replace('          - { name: "${operator}", role: operator }\n', '          - { name: "${operator}", role: operator }\n          - { name: plant-admin, role: observer }\n');
    const result = parseLabSource(broken, file);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => `${p.field}: ${p.message}`)).toContain('objectives[4].checks[2].accounts: "plant-admin" is listed twice: give each account once, with the highest role its job needs');
  });

  it('an equivalent mutation needs a known kind and a reason', () => {
    const declared = (entry: string) => SOURCE.replace('\nhints:\n', `\nequivalentMutations:\n  - ${entry}\nhints:\n`);
    const [kind] = problemsOf(declared('{ mutation: "drop-everything:now", reason: "it changes nothing at all in the plant" }'));
    expect(kind?.field).toBe('equivalentMutations[0].mutation');
    expect(kind?.message).toMatch(/a mutation id is <kind>:<what>, the kind one of add-account, raise-role/);
    const [reason] = problemsOf(declared('{ mutation: "add-rule:10.0.0.5" }'));
    expect(reason?.field).toBe('equivalentMutations[0].reason');
    expect(reason?.message).toMatch(/required: write why the mutated answer leaves the plant exactly as safe/);
  });

  it('a whole folder: loadLabs reports every broken file and keeps the good ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'labs-'));
    writeFileSync(join(dir, '02-filter-blocks.yaml'), SOURCE);
    writeFileSync(join(dir, '99-broken.yaml'), SOURCE.replace('minutes: 20', 'minutes: 2'));
    const { labs, problems } = await loadLabs(dir, dir);
    expect(labs.map((l) => l.id)).toEqual(['02-filter-blocks']);
    expect(problems.map(formatProblem)).toEqual([`99-broken.yaml:${lineOf(SOURCE, 'minutes: 20')} minutes: a lab takes at least 5 minutes`]);
  });
});

describe('the Astro content loader', () => {
  type Context = Parameters<ReturnType<typeof labsLoader>['load']>[0];
  function fakeContext(root: string) {
    const entries = new Map<string, { id: string; data: Record<string, unknown>; filePath?: string }>();
    const context = {
      store: { clear: () => entries.clear(), set: (e: { id: string; data: Record<string, unknown>; filePath?: string }) => entries.set(e.id, e) },
      logger: { info: () => {} },
      generateDigest: (d: unknown) => String(JSON.stringify(d).length),
      config: { root: pathToFileURL(`${root}/`) },
    } as unknown as Context;
    return { context, entries };
  }

  it('stores every lab under its id, ready to grade', async () => {
    const { context, entries } = fakeContext(join(import.meta.dirname, '..', '..'));
    await labsLoader().load(context);
    expect(entries.get('02-filter-blocks')?.data.title).toBe("Let only the plant's own nodes in");
    expect(entries.get('02-filter-blocks')?.filePath).toBe('content/labs/02-filter-blocks.yaml');
    expect(entries.size).toBeGreaterThanOrEqual(12);
  });

  it('fails the build on a bad lab file, listing file:line field: message', async () => {
    const root = mkdtempSync(join(tmpdir(), 'site-'));
    mkdirSync(join(root, 'content', 'labs'), { recursive: true });
    writeFileSync(join(root, 'content', 'labs', '02-filter-blocks.yaml'), SOURCE.replace('minutes: 20', 'minutes: 2'));
    const { context } = fakeContext(root);
    await expect(labsLoader().load(context)).rejects.toThrow(`Invalid lab files:\ncontent/labs/02-filter-blocks.yaml:${lineOf(SOURCE, 'minutes: 20')} minutes: a lab takes at least 5 minutes`);
  });
});

describe('answer files', () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await labById('03-dip-write-protection');
  });

  it('accepts a good answer', () => {
    expect(parseAnswerText('{ "settings": { "cpu.dipWriteProtect": true } }', lab)).toEqual({ ok: true, answer: { settings: { 'cpu.dipWriteProtect': true } } });
  });

  it('refuses text that is not JSON', () => {
    const r = parseAnswerText('{ settings: ', lab);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]).toMatch(/not valid JSON/);
  });

  it('names a value of the wrong type by its setting path', () => {
    const r = parseAnswerText('{ "settings": { "cpu.dipWriteProtect": "yes" } }', lab);
    expect(r).toEqual({ ok: false, problems: ['settings["cpu.dipWriteProtect"]: give true (ON) or false (OFF)'] });
  });

  it('names an unknown top-level field', () => {
    const r = parseAnswerText('{ "setting": {} }', lab);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]).toMatch(/unknown field "setting"/);
  });

  it('refuses a change to a locked setting, naming the path', () => {
    const r = parseAnswerText('{ "settings": { "cpu.memoryCardAutoLoad": false } }', lab);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toEqual(['settings["cpu.memoryCardAutoLoad"]: cpu.memoryCardAutoLoad is locked in this lab and cannot be changed; you may change: cpu.dipWriteProtect']);
  });
});
