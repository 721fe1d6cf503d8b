/**
 * The course outline built from lesson frontmatter: lessons in guideline order, each lesson's
 * neighbours, and the rules zod cannot check one file at a time (unique order, prerequisites
 * that exist and come earlier). Pure: the Astro side passes in the collection's entries.
 */
import type { LessonFrontmatter } from '../schemas/lesson.ts';

/** A lesson as the outline and pages use it. */
export interface CourseLesson extends LessonFrontmatter {
  /** Lesson id: the MDX file name without `.mdx`; also the URL segment. */
  id: string;
  /** Where the lesson lives, for error messages (e.g. "content/lessons/01-intro.mdx"). */
  file: string;
  /** 1-based position in the outline. */
  number: number;
  /** The lesson's page. */
  href: string;
}

/** A collection entry as Astro's content layer gives it. */
export interface LessonEntry {
  /** Entry id (file name without extension). */
  id: string;
  /** Source file path relative to the project, when known. */
  filePath?: string | undefined;
  /** Validated frontmatter. */
  data: LessonFrontmatter;
}

/** Thrown when the lessons, taken together, do not make a course; the message lists every problem. */
export class CourseOutlineError extends Error {
  /** One line per problem, each naming the file, the field and the fix. */
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`The course outline has ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'CourseOutlineError';
    this.problems = problems;
  }
}

/** The page of a lesson. */
export function lessonHref(id: string): string {
  return `/lessons/${id}/`;
}

/**
 * Sorts lessons by `order` and checks the cross-file rules: every `order` unique, every
 * prerequisite an existing lesson placed earlier in the outline. Throws CourseOutlineError.
 */
export function buildCourse(entries: readonly LessonEntry[]): CourseLesson[] {
  const file = (e: LessonEntry) => e.filePath ?? `content/lessons/${e.id}.mdx`;
  const sorted = [...entries].sort((a, b) => a.data.order - b.data.order || a.id.localeCompare(b.id));
  const byId = new Map(sorted.map((e) => [e.id, e]));
  const problems: string[] = [];

  const byOrder = new Map<number, LessonEntry[]>();
  for (const e of sorted) byOrder.set(e.data.order, [...(byOrder.get(e.data.order) ?? []), e]);
  for (const [order, same] of byOrder) {
    if (same.length > 1) {
      problems.push(
        `${same.map(file).join(' and ')}: field "order" is ${order} in each; give every lesson its own order.`,
      );
    }
  }
  for (const e of sorted) {
    for (const pre of e.data.prerequisites) {
      const target = byId.get(pre);
      if (!target) {
        problems.push(
          `${file(e)}: field "prerequisites" names "${pre}", which is not a lesson; use a lesson id (a file name without .mdx) such as "${sorted[0]?.id ?? '01-defense-in-depth'}".`,
        );
      } else if (pre === e.id) {
        problems.push(`${file(e)}: field "prerequisites" names the lesson itself; remove "${pre}".`);
      } else if (target.data.order > e.data.order) {
        problems.push(
          `${file(e)}: field "prerequisites" names "${pre}", which comes later in the outline (order ${target.data.order} > ${e.data.order}); move one of them.`,
        );
      }
    }
  }
  if (problems.length > 0) throw new CourseOutlineError(problems);

  return sorted.map((e, index) => ({ ...e.data, id: e.id, file: file(e), number: index + 1, href: lessonHref(e.id) }));
}

/** The lessons before and after `id` in the outline. */
export function neighbours(
  course: readonly CourseLesson[],
  id: string,
): { previous: CourseLesson | undefined; next: CourseLesson | undefined } {
  const index = course.findIndex((l) => l.id === id);
  return { previous: index > 0 ? course[index - 1] : undefined, next: index >= 0 ? course[index + 1] : undefined };
}

/** A heading as MDX rendering reports it. */
export interface Heading {
  /** 1–6. */
  depth: number;
  /** The id given to the heading element. */
  slug: string;
  /** Its text. */
  text: string;
}

/** A table-of-contents entry: an h2 with the h3s under it. */
export interface TocEntry {
  /** The h2's id and text. */
  heading: Heading;
  /** The h3s that follow it. */
  children: Heading[];
}

/** "On this page" entries from a lesson's headings: h2s, each with the h3s under it. */
export function tableOfContents(headings: readonly Heading[]): TocEntry[] {
  const toc: TocEntry[] = [];
  for (const heading of headings) {
    if (heading.depth === 2) toc.push({ heading, children: [] });
    else if (heading.depth === 3) toc.at(-1)?.children.push(heading);
  }
  return toc;
}

/** A lesson as far as section links care: its id, order and the sections it teaches. */
export interface LessonRef {
  id: string;
  order: number;
  sections: readonly string[];
}

/**
 * Links each guideline section to the lesson that teaches it most directly: among lessons other
 * than `exclude` listing the section, the one listing the fewest sections, then the earliest.
 * Sections no lesson lists get no link.
 */
export function sectionLinks(lessons: readonly LessonRef[], exclude?: string, base = '/lessons/'): Record<string, string> {
  const best = new Map<string, LessonRef>();
  for (const lesson of lessons) {
    if (lesson.id === exclude) continue;
    for (const section of lesson.sections) {
      const current = best.get(section);
      const better =
        current === undefined ||
        lesson.sections.length < current.sections.length ||
        (lesson.sections.length === current.sections.length && lesson.order < current.order);
      if (better) best.set(section, lesson);
    }
  }
  return Object.fromEntries([...best].map(([section, lesson]) => [section, `${base}${lesson.id}/`]));
}

/**
 * The lesson that teaches `section` most directly (same rule as `sectionLinks`), falling back to
 * the parent section when no lesson lists it (§2-2-1 → §2-2 → §2). Undefined when none does.
 */
export function teachingLesson(lessons: readonly LessonRef[], section: string, exclude?: string): string | undefined {
  const links = sectionLinks(lessons, exclude, '');
  for (let s: string | undefined = section; s; s = s.includes('-') ? s.slice(0, s.lastIndexOf('-')) : undefined) {
    const href = links[s];
    if (href) return href.replace(/\/$/, '');
  }
  return undefined;
}
