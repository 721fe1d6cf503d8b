import { z } from 'zod/mini';

/**
 * A guideline section reference such as "§2-2-1", "§1-5" or "§A-1". zod/mini, so the browser
 * can check it (checklists validate their list when they hydrate) without the full zod API;
 * the build-time content schemas (astro/zod) embed it as it is — both share zod's core.
 */
export const guidelineSection = z
  .string()
  .check(z.regex(/^§(\d+|A)(-\d+){0,2}$/, 'Write a guideline section as "§2-2-1" (section, subsection, item).'));
