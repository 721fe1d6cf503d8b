/**
 * Config checks must read paths the grader's state document has: a mistyped path would read as
 * nothing, and `none`, `empty` or `notEquals` on nothing always pass. `validate` names the bad
 * path, the first unknown part, and close valid paths.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stateDocument, startingState } from '../../machines/grading/grader.ts';
import { knownPaths, statePathProblem } from '../../machines/grading/state-paths.ts';
import { formatProblem, parseLabSource } from '../../src/server/lab-files.server.ts';
import { labById } from './lab-fixtures.ts';

const FILE = 'content/labs/01-users-and-roles.yaml';
const SOURCE = readFileSync(join(import.meta.dirname, '..', '..', FILE), 'utf8');
const CHECK = '{ op: some, path: eip.users, match: { role: administrator }, says: at least one administrator is registered }';
const LINE = SOURCE.slice(0, SOURCE.indexOf(CHECK)).split('\n').length;

function problemsWith(check: string): string[] {
  expect(SOURCE).toContain(CHECK);
  const result = parseLabSource(SOURCE.replace(CHECK, check), FILE);
  return result.ok ? [] : result.problems.map(formatProblem);
}

describe('config check paths in lab files', () => {
  it('a mistyped path on a none check is refused, with the close valid paths', () => {
    expect(problemsWith('{ op: none, path: eip.user, match: { role: administrator } }')).toEqual([
      expect.stringMatching(new RegExp(`^${FILE}:${LINE} objectives\\[5\\]\\.checks\\[0\\]\\.path: "eip\\.user" is not a path of the state the grader checks: eip has no field "user"\\. Close valid paths: eip\\.users, `)),
    ]);
  });

  it.each([
    ['empty', '{ op: empty, path: eip.filter.rule }', /eip\.filter has no field "rule"\. Close valid paths: eip\.filter\.rules/],
    ['notEquals', '{ op: notEquals, path: cpu.plc_name, value: "x" }', /cpu has no field "plc_name"\. Close valid paths: cpu\.plcName/],
    ['a field below a value', '{ op: equals, path: cpu.plcName.length, value: 3 }', /cpu\.plcName is a single value with no fields/],
  ])('%s', (_name, check, message) => {
    expect(problemsWith(check)).toEqual([expect.stringMatching(message)]);
  });

  it('a match field the list elements do not have is refused', () => {
    expect(problemsWith('{ op: none, path: eip.users, match: { rol: administrator } }')).toEqual([
      expect.stringMatching(/objectives\[5\]\.checks\[0\]\.match\.rol: "eip\.users\.0\.rol" is not a path of the state the grader checks: eip\.users\.0 has no field "rol"\. Close valid paths: eip\.users\.<i>\.role, /),
    ]);
  });

  it('list element fields and indices are valid paths', () => {
    expect(problemsWith('{ op: equals, path: eip.users.0.role, value: administrator }')).toEqual([]);
  });
});

describe('the state paths come from a real state document', () => {
  it('every lab’s starting state lists list element fields as <i>', async () => {
    const lab = await labById('01-users-and-roles');
    const state = stateDocument(startingState(lab).view, lab.rack.cpu.settings.program);
    const paths = knownPaths(state);
    expect(paths).toEqual(expect.arrayContaining(['eip.users', 'eip.users.<i>.role', 'eip.ports.finsUdp', 'cpu.finsWriteProtection.excludedNodes', 'project.program.tasks.<i>.code']));
    expect(statePathProblem(state, 'eip.users.3.password')).toBeNull();
    expect(statePathProblem(state, 'eip.users.first')).toMatch(/eip\.users is a list: give an element number such as eip\.users\.0/);
  });
});
