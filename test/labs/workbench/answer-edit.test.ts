import { describe, expect, it } from 'vitest';
import { grade, startingState } from '../../../machines/grading/grader.ts';
import {
  changedPaths,
  editablePaths,
  hintPenalty,
  leafSettings,
  nextHint,
  openedHints,
  settingValue,
  withActionAdded,
  withActionRemoved,
  withNextHint,
  withQuestionAnswer,
  withSetting,
} from '../../../src/labs/answer-edit.ts';
import { fixtureLab } from './fixture-lab.ts';

const lab = fixtureLab();
const { settings: start } = startingState(lab);
const hmiRule = { ip: '192.168.250.20', mask: '255.255.255.255' };

describe('editing an answer', () => {
  it('expands the lab’s editable entries to the finest settings', () => {
    expect([...editablePaths(lab)].sort()).toEqual(['cpu.dipWriteProtect', 'eip.filter.enabled', 'eip.filter.rules']);
  });

  it('keeps only what differs from the start, so setting a value back removes the change', () => {
    const on = withSetting({}, start, 'eip.filter.enabled', true);
    expect(on.settings).toEqual({ 'eip.filter.enabled': true });
    const back = withSetting(on, start, 'eip.filter.enabled', false);
    expect(back).toEqual({});
  });

  it('copies the value, so later edits of the caller’s list cannot reach the answer', () => {
    const rules = [hmiRule];
    const answer = withSetting({}, start, 'eip.filter.rules', rules);
    rules.push({ ip: '10.0.0.1', mask: '255.255.255.255' });
    expect(answer.settings?.['eip.filter.rules']).toEqual([hmiRule]);
  });

  it('splits a parent entry (as the CLI writes answers) into its finest settings', () => {
    const leaves = leafSettings({ 'eip.filter': { enabled: true, rules: [hmiRule] }, 'cpu.dipWriteProtect': true });
    expect(leaves).toEqual({ 'eip.filter.enabled': true, 'eip.filter.rules': [hmiRule], 'cpu.dipWriteProtect': true });
  });

  it('reads a setting from the learner’s change, a parent entry, or the start', () => {
    expect(settingValue(start, {}, 'eip.filter.enabled')).toBe(false);
    expect(settingValue(start, { settings: { 'eip.filter': { enabled: true } } }, 'eip.filter.enabled')).toBe(true);
    expect(settingValue(start, { settings: { 'eip.filter.rules': [hmiRule] } }, 'eip.filter.rules')).toEqual([hmiRule]);
  });

  it('lists the changed settings', () => {
    const answer = withSetting(withSetting({}, start, 'cpu.dipWriteProtect', true), start, 'eip.filter.enabled', true);
    expect(changedPaths(answer)).toEqual(['cpu.dipWriteProtect', 'eip.filter.enabled']);
  });

  it('appends actions in order and removes one by its position', () => {
    const two = withActionAdded(withActionAdded({}, 'program.transfer'), 'program.transfer');
    expect(two.actions).toHaveLength(2);
    expect(withActionRemoved(two, 0).actions).toEqual(['program.transfer']);
    expect(withActionRemoved(withActionRemoved(two, 0), 0)).toEqual({});
    expect(withActionRemoved(two, 5)).toBe(two);
  });

  it('stores a question’s answer and removes a blank one', () => {
    const answered = withQuestionAnswer({}, 'which-function', 'filter');
    expect(answered.answers).toEqual({ 'which-function': 'filter' });
    expect(withQuestionAnswer(answered, 'which-function', '  ')).toEqual({});
    expect(withQuestionAnswer({}, 'q', []).answers).toBeUndefined();
  });

  it('opens hints one by one, gentle first, and sums their cost', () => {
    expect(nextHint(lab, {})?.id).toBe('nudge');
    const one = withNextHint(lab, {});
    const two = withNextHint(lab, one);
    expect(openedHints(lab, two).map((h) => h.id)).toEqual(['nudge', 'walkthrough']);
    expect(hintPenalty(lab, two)).toBe(3);
    expect(withNextHint(lab, two)).toBe(two);
    expect(nextHint(lab, two)).toBeUndefined();
  });

  it('§2-2-1 an answer built with these edits is what the grader grades: the rogue laptop is stopped by the filter', () => {
    let answer = withSetting({}, start, 'eip.filter.rules', [hmiRule]);
    answer = withSetting(answer, start, 'eip.filter.enabled', true);
    answer = withQuestionAnswer(answer, 'which-function', 'filter');
    const report = grade(lab, answer);
    expect(report.problems).toEqual([]);
    expect(report.score).toBe(report.max);
    const rogue = report.timeline.find((t) => t.id === 'rogue-reads');
    expect(rogue?.outcome.blockedBy?.source).toBe('ip-filter');
  });
});
