import { describe, expect, it } from 'vitest';
import { DIFFICULTY_LABELS, labFunctions, labHref, labsForLesson } from '../../../src/labs/catalogue.ts';

const lessons = { '06-ip-packet-filtering': { title: 'Lesson 6: IP packet filtering', href: '/lessons/06-ip-packet-filtering/' } };

describe('the labs catalogue', () => {
  it('§2-2-1 links each function a lab practises to its lesson, when the lesson exists', () => {
    expect(labFunctions({ functions: ['ip-filter', 'dip-switch'] }, lessons)).toEqual([
      { id: 'ip-filter', title: 'IP packet filtering', section: '§2-2-1', href: '/lessons/06-ip-packet-filtering/' },
      { id: 'dip-switch', title: 'Write protection using the DIP switch', section: '§2-5-1', href: null },
    ]);
  });

  it('finds the labs that practise a lesson', () => {
    const labs = [
      { id: 'a', functions: ['ip-filter' as const] },
      { id: 'b', functions: ['dip-switch' as const] },
      { id: 'c', functions: ['ports' as const, 'ip-filter' as const] },
    ];
    expect(labsForLesson(labs, '06-ip-packet-filtering').map((l) => l.id)).toEqual(['a', 'c']);
    expect(labsForLesson(labs, '20-glossary')).toEqual([]);
  });

  it('names difficulties and lab pages', () => {
    expect(DIFFICULTY_LABELS.advanced).toBe('Advanced');
    expect(labHref('02-filter-blocks')).toBe('/labs/02-filter-blocks/');
  });
});
