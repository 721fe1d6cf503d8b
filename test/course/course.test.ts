import { describe, expect, it } from 'vitest';
import { buildCourse, CourseOutlineError, type LessonEntry, neighbours, tableOfContents, teachingLesson } from '../../src/course/course.ts';

function entry(id: string, order: number, prerequisites: string[] = []): LessonEntry {
  return {
    id,
    filePath: `content/lessons/${id}.mdx`,
    data: { title: `Lesson ${id}`, sections: ['§1-1'], order, objectives: ['Do a thing'], minutes: 5, prerequisites },
  };
}

function problemsOf(entries: LessonEntry[]): readonly string[] {
  try {
    buildCourse(entries);
  } catch (error) {
    if (error instanceof CourseOutlineError) return error.problems;
    throw error;
  }
  return [];
}

describe('course outline', () => {
  it('orders lessons by order, numbers them and links them', () => {
    const course = buildCourse([entry('b', 20), entry('a', 10)]);
    expect(course.map((l) => [l.id, l.number, l.href])).toEqual([
      ['a', 1, '/lessons/a/'],
      ['b', 2, '/lessons/b/'],
    ]);
    expect(neighbours(course, 'a')).toEqual({ previous: undefined, next: course[1] });
    expect(neighbours(course, 'b')).toEqual({ previous: course[0], next: undefined });
  });

  it('refuses two lessons with the same order, naming both files and the field', () => {
    const [problem] = problemsOf([entry('01-a', 1), entry('02-b', 1)]);
    expect(problem).toContain('content/lessons/01-a.mdx and content/lessons/02-b.mdx');
    expect(problem).toContain('field "order"');
  });

  it('refuses a prerequisite that is not a lesson', () => {
    const [problem] = problemsOf([entry('01-a', 1), entry('02-b', 2, ['01-typo'])]);
    expect(problem).toMatch(/^content\/lessons\/02-b\.mdx: field "prerequisites" names "01-typo", which is not a lesson/);
  });

  it('refuses a prerequisite that comes later, and the lesson itself', () => {
    const problems = problemsOf([entry('01-a', 1, ['02-b']), entry('02-b', 2, ['02-b'])]);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('comes later in the outline');
    expect(problems[1]).toContain('names the lesson itself');
  });

  it('builds "on this page" from h2s with their h3s', () => {
    const toc = tableOfContents([
      { depth: 3, slug: 'orphan', text: 'Orphan' },
      { depth: 2, slug: 'a', text: 'A' },
      { depth: 3, slug: 'a1', text: 'A1' },
      { depth: 4, slug: 'deep', text: 'Deep' },
      { depth: 2, slug: 'b', text: 'B' },
    ]);
    expect(toc.map((e) => [e.heading.slug, e.children.map((c) => c.slug)])).toEqual([
      ['a', ['a1']],
      ['b', []],
    ]);
  });
});

describe('teachingLesson', () => {
  const refs = [
    { id: '03-threat-table', order: 3, sections: ['§1-3', '§2'] },
    { id: '06-ip-packet-filtering', order: 6, sections: ['§2-2-1'] },
    { id: '07-ports', order: 7, sections: ['§2-2-2', '§2-2-1'] },
  ];
  it('links a section to the lesson that lists it among the fewest sections', () => {
    expect(teachingLesson(refs, '§2-2-1')).toBe('06-ip-packet-filtering');
  });
  it('falls back to the parent section when no lesson lists the section itself', () => {
    expect(teachingLesson(refs, '§2-5-3')).toBe('03-threat-table');
  });
  it('gives nothing when no lesson teaches the section or a parent', () => {
    expect(teachingLesson(refs, '§4-1')).toBeUndefined();
  });
});
