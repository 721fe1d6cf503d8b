/**
 * One answer contract (machines/grading/setting-values.ts): the lab CLI's schema, the browser's draft
 * reader and the grader judge a setting's value alike, and a value of the wrong kind from any
 * caller is a problem naming the field and the fix — never a TypeError.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkAnswer, grade, startSettings } from '../../machines/grading/grader.ts';
import { type Lab, SETTING_PATHS } from '../../machines/grading/lab.ts';
import { settingValueSchema } from '../../src/schemas/lab.ts';
import { answerShapeProblem } from '../../src/labs/draft.ts';
import { nastyValue } from '../machines/hostile-values.ts';
import { labById } from '../labs/lab-fixtures.ts';

let users: Lab;
beforeAll(async () => {
  users = await labById('01-users-and-roles');
});

/** Whether each reader accepts `value` at `path`. */
function verdicts(path: string, value: unknown) {
  const invalid = checkAnswer(users, { settings: { [path]: value } }).filter((p) => p.kind === 'invalid');
  return {
    cli: settingValueSchema(path)?.safeParse(value).success,
    browser: answerShapeProblem({ settings: { [path]: value } }) === null,
    grader: invalid.length === 0,
  };
}

describe('the CLI, the browser and the grader agree on every setting value', () => {
  it('for any value at any setting or group of settings', () => {
    const paths = fc.constantFrom(...SETTING_PATHS, 'hardware', 'cpu', 'eip', 'eip.filter', 'eip.ports', 'cpu.finsWriteProtection', 'cpu.program');
    fc.assert(
      // A setting given as undefined is no change to the grader (JSON cannot carry it).
      fc.property(paths, nastyValue.filter((v) => v !== undefined), (path, value) => {
        const v = verdicts(path, value);
        expect(v.browser, JSON.stringify(value)).toBe(v.cli);
        expect(v.grader, JSON.stringify(value)).toBe(v.cli);
      }),
      { numRuns: 500 },
    );
  });

  it("each setting accepts the lab's own starting value", () => {
    const start = startSettings(users);
    for (const path of SETTING_PATHS) {
      const [group, ...rest] = path.split('.');
      let value: unknown = start[group as keyof typeof start];
      for (const key of rest) value = (value as Record<string, unknown> | null)?.[key];
      if (value === undefined) continue;
      expect(verdicts(path, value), path).toEqual({ cli: true, browser: true, grader: true });
    }
  });
});

describe('a wrong-typed setting value from any caller is a named problem', () => {
  it('a user that is null: the report names the user and what to give', () => {
    const report = grade(users, { settings: { 'eip.users': [null] } });
    expect(report.passed).toBe(false);
    expect(report.problems).toContainEqual({ kind: 'invalid', field: 'settings["eip.users"][0]', message: 'give a user as an object { name, role, password }' });
  });

  it('a user without a role, an unknown role, a rule with a bad mask: each names its own field', () => {
    const problems = checkAnswer(users, {
      settings: { 'eip.users': [{ name: 'ops', password: 'Str0ng!pass' }, { name: 'x', role: 'root', password: 'Str0ng!pass' }], 'eip.filter.rules': [{ ip: '10.0.0.1', mask: '255.0.255.0' }] },
    }).filter((p) => p.kind === 'invalid');
    expect(problems.map((p) => p.field)).toEqual(['settings["eip.users"][0].role', 'settings["eip.users"][1].role', 'settings["eip.filter.rules"][0].mask']);
    expect(problems[1]?.message).toMatch(/"root" is not an operation authority: use administrator, designer/);
  });

  it.each(SETTING_PATHS)('%s given an object where it takes something else, or the reverse', (path) => {
    const value = ['eip.users', 'eip.filter.rules', 'cpu.program.tasks', 'cpu.finsWriteProtection.excludedNodes', 'cpu.taskPasswords'].includes(path) ? 7 : { wrong: true };
    const report = grade(users, { settings: { [path]: value } });
    const problem = report.problems.find((p) => p.kind === 'invalid');
    expect(problem?.field).toBe(`settings["${path}"]`);
    expect(problem?.message).toMatch(/^(give|.+ is not)/);
  });
});
