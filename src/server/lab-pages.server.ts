/**
 * Build-time data of the lab pages: the labs collection in file order, and the course's
 * lesson pages for links. Astro-only (astro:content); the rules live in src/labs/.
 */
import { getCollection } from 'astro:content';
import type { Lab } from '../../machines/grading/lab.ts';
import { getCourse } from './course-collection.server.ts';
import type { LessonLink } from '../labs/catalogue.ts';

/** Every lab, sorted by id (the numeric prefixes order them). */
export async function getLabs(): Promise<Lab[]> {
  const entries = await getCollection('labs');
  return entries.map((e) => e.data as Lab).sort((a, b) => a.id.localeCompare(b.id));
}

/** Every lesson page of the course, by lesson id. */
export async function getLessonLinks(): Promise<Record<string, LessonLink>> {
  const course = await getCourse();
  return Object.fromEntries(course.map((l) => [l.id, { title: `Lesson ${l.number}: ${l.title}`, href: l.href }]));
}
