import { describe, expect, it } from 'vitest';
import { courseTally, resumePlace, tallyText } from '../../src/progress/course-tally.ts';
import { emptyProgress } from '../../src/progress/progress-doc.ts';
import type { Progress } from '../../src/progress/progress-schema.ts';

const ITEMS = { lessons: ['l1', 'l2', 'l3'], quizzes: ['l1', 'l2'], labs: ['a', 'b'] };
const report = (passed: boolean, at: string) => ({ score: passed ? 5 : 1, max: 5, passed, at });
const attempt = (at: string) => ({ score: 1, max: 2, answers: {}, at });

function doc(parts: Partial<Progress>): Progress {
  return { ...emptyProgress(), ...parts };
}

describe('course tally', () => {
  it('counts lessons marked complete, quizzes with a result and labs that passed — nothing else', () => {
    const progress = doc({
      lessons: { l1: { visitedAt: 't1', completedAt: 't1' }, l2: { visitedAt: 't2' } },
      quizzes: { l2: { last: attempt('t3'), best: attempt('t3'), attempts: 1 }, gone: { last: attempt('t3'), best: attempt('t3'), attempts: 1 } },
      labs: { a: { best: report(false, 't4'), last: report(false, 't4'), attempts: 1 }, b: { best: report(true, 't5'), last: report(true, 't5'), attempts: 2 } },
    });
    const tally = courseTally(progress, ITEMS);
    expect(tally).toMatchObject({ lessons: { done: 1, total: 3 }, quizzes: { done: 1, total: 2 }, labs: { done: 1, total: 2 }, done: 3, total: 7 });
    expect(tallyText(tally)).toBe('3 of 7 done: 1 of 3 lessons complete, 1 of 2 quizzes taken, 1 of 2 labs passed');
  });

  it('says "lesson", "quiz", "lab" for a course of one each', () => {
    const tally = courseTally(emptyProgress(), { lessons: ['l'], quizzes: ['q'], labs: ['a'] });
    expect(tallyText(tally)).toBe('0 of 3 done: 0 of 1 lesson complete, 0 of 1 quiz taken, 0 of 1 lab passed');
  });
});

describe('resume place', () => {
  const lessons = { l1: { visitedAt: '2026-01-01T10:00:00.000Z' } };

  it('is the lesson when nothing happened in a lab', () => {
    expect(resumePlace(doc({ lessons }), ITEMS)).toEqual({ kind: 'lesson', id: 'l1' });
  });

  it('is the lab worked in after the last lesson visit', () => {
    const labs = { b: { attempts: 0, draft: {}, draftSavedAt: '2026-01-01T11:00:00.000Z' } };
    expect(resumePlace(doc({ lessons, labs }), ITEMS)).toEqual({ kind: 'lab', id: 'b' });
  });

  it('is the lesson again when it was visited after the lab', () => {
    const labs = { b: { attempts: 0, draft: {}, draftSavedAt: '2026-01-01T09:00:00.000Z' } };
    expect(resumePlace(doc({ lessons, labs }), ITEMS)).toEqual({ kind: 'lesson', id: 'l1' });
  });

  it('skips a lab that has passed: there is nothing left to do in it', () => {
    const labs = { a: { best: report(true, '2026-01-01T12:00:00.000Z'), last: report(true, '2026-01-01T12:00:00.000Z'), attempts: 1 } };
    expect(resumePlace(doc({ lessons, labs }), ITEMS)).toEqual({ kind: 'lesson', id: 'l1' });
  });

  it('is nothing before any activity', () => {
    expect(resumePlace(emptyProgress(), ITEMS)).toBeUndefined();
  });
});
