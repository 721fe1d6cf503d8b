import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { lessonFrontmatter } from './schemas/lesson';

/** Lessons live in content/lessons as MDX; the frontmatter schema is the single contract. */
const lessons = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: './content/lessons' }),
  schema: lessonFrontmatter,
});

export const collections = { lessons };
