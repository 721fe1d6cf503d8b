import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { labsLoader } from './server/lab-files.server.ts';
import { lessonFrontmatter } from './schemas/lesson';
import { quizSchema } from './schemas/quiz.ts';

/** Lessons live in content/lessons as MDX; the frontmatter schema is the single contract. */
const lessons = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: './content/lessons' }),
  schema: lessonFrontmatter,
});

/** Formative checks: content/quizzes/<lesson-id>.yaml, one quiz per lesson (src/schemas/quiz.ts). */
const quizzes = defineCollection({
  loader: glob({ pattern: '*.yaml', base: './content/quizzes' }),
  schema: quizSchema,
});

/** Graded labs: content/labs/<id>.yaml, validated and replayed by the loader (src/server/lab-files.server.ts). */
const labs = defineCollection({ loader: labsLoader() });

export const collections = { lessons, quizzes, labs };
