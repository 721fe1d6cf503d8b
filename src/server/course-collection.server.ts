/**
 * The course as Astro pages read it: the lessons collection, checked and ordered.
 * Astro-only (imports astro:content); the rules live in course.ts.
 */
import { getCollection } from 'astro:content';
import { buildCourse, type CourseLesson } from '../course/course.ts';

/** Every lesson in outline order; a broken outline fails the build with the file and field named. */
export async function getCourse(): Promise<CourseLesson[]> {
  return buildCourse(await getCollection('lessons'));
}
