import { describe, expect, it } from 'vitest';
import { grade } from '../../../machines/grading/grader.ts';
import { labStatus, reportForProgress } from '../../../src/labs/results.ts';
import { labReport } from '../../../src/progress/progress-schema.ts';
import { FIXTURE_SOLUTION, fixtureLab } from './fixture-lab.ts';

const lab = fixtureLab();
const AT = '2026-03-02T10:00:00.000Z';

describe('lab results in progress', () => {
  it('stores the score after hint penalties, and passes the progress schema', () => {
    const report = grade(lab, { ...FIXTURE_SOLUTION, hintsUsed: ['nudge'] });
    const stored = reportForProgress(report, AT);
    expect(stored).toMatchObject({ score: report.max - 1, max: report.max, passed: true, at: AT });
    expect(stored.details.penalty).toBe(1);
    expect(stored.details.objectives.every((o) => o.passed)).toBe(true);
    expect(labReport.safeParse(stored).success).toBe(true);
  });

  it('reads a record as the index’s status and best score', () => {
    expect(labStatus(undefined)).toEqual({ status: 'not-started', label: 'Not started', best: '' });
    expect(labStatus({ attempts: 0, draft: { format: 1 } }).status).toBe('in-progress');
    const best = { score: 4, max: 6, passed: false, at: AT };
    expect(labStatus({ attempts: 2, best })).toEqual({ status: 'attempted', label: 'Attempted', best: 'Best 4 of 6 (2 attempts)' });
    expect(labStatus({ attempts: 1, best: { ...best, score: 6, passed: true } }).label).toBe('Passed');
  });
});
