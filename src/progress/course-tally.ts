/**
 * The course as a whole: what counts as done, and where "Resume where you left off" leads. Pure
 * functions over the progress document, read by the home and Progress pages (kept out of the
 * progress marker's chunk, which every lesson page loads within its 2 KB budget).
 *
 * The rule, as the pages state it: a lesson counts once it is marked complete, a quiz once every
 * question of it has been checked (a result is recorded only then), a lab once a graded run passes.
 */
import { resumeLesson } from './progress-doc.ts';
import type { Progress } from './progress-schema.ts';

/** The ids of everything the course counts, in course order. */
export interface CourseItems {
  lessons: readonly string[];
  quizzes: readonly string[];
  labs: readonly string[];
}

/** How many of each kind are done, and of how many. */
export interface CourseTally {
  lessons: { done: number; total: number };
  quizzes: { done: number; total: number };
  labs: { done: number; total: number };
  /** All three together: what the course progress bar shows. */
  done: number;
  total: number;
}

/** The rule the tally follows, in the words the pages show under the bar. */
export const COURSE_RULE = 'A lesson counts once you mark it complete, a quiz once you have checked every question, a lab once a graded run passes.';

const own = <T>(map: Record<string, T>, id: string) => (Object.hasOwn(map, id) ? map[id] : undefined);

/** Counts what is done under the rule above; ids that are not in the course are ignored. */
export function courseTally(doc: Progress, items: CourseItems): CourseTally {
  const count = (ids: readonly string[], isDone: (id: string) => boolean) => ({ done: ids.filter(isDone).length, total: ids.length });
  const lessons = count(items.lessons, (id) => Boolean(own(doc.lessons, id)?.completedAt));
  const quizzes = count(items.quizzes, (id) => own(doc.quizzes, id) !== undefined);
  const labs = count(items.labs, (id) => own(doc.labs, id)?.best?.passed === true);
  return { lessons, quizzes, labs, done: lessons.done + quizzes.done + labs.done, total: lessons.total + quizzes.total + labs.total };
}

const plural = (n: number, one: string, many: string) => (new Intl.PluralRules('en').select(n) === 'one' ? one : many);

/** The tally in words: "5 of 52 done: 3 of 19 lessons complete, 1 of 19 quizzes taken, 1 of 14 labs passed". */
export function tallyText(t: CourseTally): string {
  return (
    `${t.done} of ${t.total} done: ${t.lessons.done} of ${t.lessons.total} ${plural(t.lessons.total, 'lesson', 'lessons')} complete, ` +
    `${t.quizzes.done} of ${t.quizzes.total} ${plural(t.quizzes.total, 'quiz', 'quizzes')} taken, ` +
    `${t.labs.done} of ${t.labs.total} ${plural(t.labs.total, 'lab', 'labs')} passed`
  );
}

/** Where the learner resumes: a lesson or a lab, by id. */
export interface ResumePlace {
  kind: 'lesson' | 'lab';
  id: string;
}

/** The latest of some ISO times ('' when there is none). */
const latest = (times: readonly unknown[]) => times.filter((t): t is string => typeof t === 'string').sort().at(-1) ?? '';

/** When the learner last worked in a lab: its latest saved draft or graded run ('' when never). */
function labActivity(doc: Progress, id: string): string {
  const record = own(doc.labs, id);
  return latest([record?.draftSavedAt, record?.last?.at]);
}

/**
 * Where "Resume where you left off" leads: the lab the learner last worked in, when that is
 * their latest activity and the lab has not passed yet; otherwise the lesson resumeLesson picks.
 */
export function resumePlace(doc: Progress, items: CourseItems): ResumePlace | undefined {
  const lastLessonVisit = latest(items.lessons.map((id) => own(doc.lessons, id)?.visitedAt));
  let lab: string | undefined;
  let labAt = '';
  for (const id of items.labs) {
    const at = labActivity(doc, id);
    if (at > labAt) [lab, labAt] = [id, at];
  }
  if (lab && labAt > lastLessonVisit && own(doc.labs, lab)?.best?.passed !== true) return { kind: 'lab', id: lab };
  const lesson = resumeLesson(doc, items.lessons);
  return lesson ? { kind: 'lesson', id: lesson } : undefined;
}
