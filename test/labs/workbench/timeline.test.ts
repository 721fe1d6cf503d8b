import { describe, expect, it } from 'vitest';
import { grade } from '../../../machines/grading/grader.ts';
import { finsDestination, timelineRows, timelineTally } from '../../../src/labs/timeline.ts';
import { FIXTURE_SOLUTION, fixtureLab } from './fixture-lab.ts';

const lab = fixtureLab();

describe('the replay as a timeline', () => {
  it('§2-2-1 shows the rogue request getting through when the filter is off, against what the plant needs', () => {
    const rows = timelineRows(grade(lab, {}));
    const rogue = rows.find((r) => r.entry.id === 'rogue-reads');
    expect(rogue).toMatchObject({ verdict: 'Got through', expectation: 'not met', phaseLabel: 'Traffic' });
    expect(rogue?.needed).toBe('must be stopped by IP packet filtering');
    expect(rogue?.entry.from).toBe('Rogue laptop');
  });

  it('§2-2-1 says where the rogue request was stopped and why, once the filter is used', () => {
    const report = grade(lab, FIXTURE_SOLUTION);
    const rogue = timelineRows(report).find((r) => r.entry.id === 'rogue-reads');
    expect(rogue?.verdict).toBe('Stopped at IP packet filtering (§2-2-1)');
    expect(rogue?.because).toMatch(/matches no rule/);
    expect(rogue?.expectation).toBe('met');
    expect(timelineTally(report)).toEqual({ graded: 2, met: 2 });
  });

  it('sends FINS frames to the EIP21S’s node number', () => {
    expect(finsDestination(lab)).toEqual({ node: 1, unit: 0 });
  });
});
