/**
 * The workbench edits answers at the finest setting paths; every course lab's reference answer
 * must be expressible that way and still score full marks, or a learner could not solve the
 * lab through the UI.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { grade, startingState } from '../../../machines/grading/grader.ts';
import { type Answer, settingPathsUnder } from '../../../machines/grading/lab.ts';
import { isSettingPath, leafSettings, withSetting } from '../../../src/labs/answer-edit.ts';
import { workbenchPanels } from '../../../src/labs/panels.ts';
import { loadLabs } from '../../../src/server/lab-files.server.ts';

const { labs } = await loadLabs();

describe('course labs through the workbench’s answer edits', () => {
  it('there are labs to check', () => {
    expect(labs.length).toBeGreaterThan(0);
  });

  for (const lab of labs) {
    it(`${lab.id}: the reference answer, entered setting by setting, scores full marks`, () => {
      const reference = JSON.parse(readFileSync(join('test/fixtures/labs', lab.id, 'reference.json'), 'utf8')) as Answer;
      const { settings: start } = startingState(lab);
      let answer: Answer = {};
      for (const [path, value] of Object.entries(leafSettings(reference.settings ?? {}))) {
        if (!isSettingPath(path)) throw new Error(`${path} is not a setting`);
        answer = withSetting(answer, start, path, value);
      }
      answer = { ...answer, ...(reference.actions ? { actions: reference.actions } : {}), ...(reference.answers ? { answers: reference.answers } : {}) };
      const report = grade(lab, answer);
      expect(report.problems).toEqual([]);
      expect(report.score).toBe(report.max);
    });

    it(`${lab.id}: every editable setting has a panel that lets the learner change it`, () => {
      const panels = workbenchPanels(lab, startingState(lab).view.unit?.eip != null);
      const offered = new Set(panels.flatMap((p) => p.editable));
      for (const path of lab.editable.flatMap(settingPathsUnder)) expect(offered.has(path), path).toBe(true);
    });
  }
});
