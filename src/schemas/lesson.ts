import { z } from 'astro/zod';

import { guidelineSection } from './guideline-section.ts';

export { guidelineSection };

/** Frontmatter every lesson MDX file must carry. */
export const lessonFrontmatter = z.strictObject({
  /** Title shown in the outline and as the page heading. */
  title: z.string().min(3, 'Give the lesson a title of at least 3 characters.'),
  /** Guideline sections the lesson teaches, in the order it teaches them. */
  sections: z.array(guidelineSection).min(1, 'Cite at least one guideline section, e.g. ["§1-1"].'),
  /** Position in the course; the outline sorts by this. */
  order: z.number().int().positive('order must be a positive whole number.'),
  /** What the learner can do after the lesson. */
  objectives: z.array(z.string().min(5)).min(1, 'List at least one learning objective.'),
  /** Estimated minutes to complete. */
  minutes: z.number().int().min(1).max(240),
  /** Lesson ids (file names without .mdx) to take first. */
  prerequisites: z.array(z.string()).default([]),
});

/** Lesson frontmatter after validation. */
export type LessonFrontmatter = z.infer<typeof lessonFrontmatter>;
