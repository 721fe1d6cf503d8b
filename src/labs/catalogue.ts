/**
 * The labs as the index and the lesson pages list them: difficulty in words, the functions a
 * lab exercises with the lesson that teaches each, and which labs practise a given lesson.
 * Pure: the Astro pages pass in the collection's labs and the course's lessons.
 */
import { type Difficulty, LESSON_FOR_FUNCTION, type LabBody } from '../../machines/grading/lab.ts';
import type { FunctionId } from '../../machines/model.ts';
import { FUNCTIONS } from '../../machines/catalog/threats.ts';

/** A lesson page as links need it. */
export interface LessonLink {
  title: string;
  href: string;
}

/** Difficulty as the index says it. */
export const DIFFICULTY_LABELS: Readonly<Record<Difficulty, string>> = {
  introductory: 'Introductory',
  intermediate: 'Intermediate',
  advanced: 'Advanced',
};

/** The page of a lab. */
export function labHref(id: string): string {
  return `/labs/${id}/`;
}

/** A function a lab exercises, with its section and the lesson teaching it (null while that lesson is not written). */
export interface FunctionLink {
  id: FunctionId;
  title: string;
  section: string;
  href: string | null;
}

/** The functions a lab exercises, in the lab's order, each linked to its lesson when the lesson exists. */
export function labFunctions(lab: Pick<LabBody, 'functions'>, lessons: Readonly<Record<string, LessonLink>>): FunctionLink[] {
  return lab.functions.map((id) => ({
    id,
    title: FUNCTIONS[id].title,
    section: FUNCTIONS[id].section,
    href: lessons[LESSON_FOR_FUNCTION[id]]?.href ?? null,
  }));
}

/** The labs that practise a lesson: those exercising a function the lesson teaches, in lab order. */
export function labsForLesson<L extends Pick<LabBody, 'functions'> & { id: string }>(labs: readonly L[], lessonId: string): L[] {
  return labs.filter((lab) => lab.functions.some((f) => LESSON_FOR_FUNCTION[f] === lessonId));
}
