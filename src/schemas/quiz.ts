import { z } from 'astro/zod';
import { guidelineSection } from './guideline-section.ts';

/**
 * Formative checks: one YAML file per lesson in content/quizzes/<lesson-id>.yaml, validated by
 * the `quizzes` content collection at build time (Astro names the file, zod the field).
 * Rules zod's shapes cannot say (exactly one correct option, unique ids and pairs) are
 * refinements whose messages say what to fix.
 */

const ID_FORMAT = /^[a-z0-9][a-z0-9-]*$/;

/** A short kebab-case id ("stateful", "fins-tcp"), stable so stored answers keep their meaning. */
const localId = z
  .string()
  .regex(ID_FORMAT, 'Use a kebab-case id of lower-case letters, digits and hyphens, e.g. "port-9600".');

/**
 * A link to a lesson: its id (the MDX file name without .mdx), optionally with an anchor,
 * e.g. "07-ports" or "20-glossary#fins".
 */
export const lessonLink = z
  .string()
  .regex(
    /^\d{2}-[a-z0-9-]+(#[a-z0-9-]+)?$/,
    'Link a lesson by its id, optionally with an anchor: "07-ports" or "20-glossary#fins".',
  );

/** Fields every item carries, whatever its kind. */
const itemBase = {
  /** Unique within the quiz; answers are stored under it. */
  id: localId,
  /** The question, in plain text. */
  prompt: z.string().min(10, 'Write the prompt as a full question (at least 10 characters).'),
  /** Shown after "Check", right or wrong: why the answer is what it is. */
  feedback: z.string().min(20, 'Explain the answer in the feedback (at least 20 characters).'),
  /** The guideline section the answer comes from. */
  section: guidelineSection,
  /** Optional lesson (and anchor) to review. */
  lesson: lessonLink.optional(),
};

/** One option of a choice item. */
export const choiceOption = z.strictObject({
  /** Unique within the item. */
  id: localId,
  /** What the learner reads next to the radio button or checkbox. */
  text: z.string().min(1, 'Give the option some text.'),
  /** Whether picking it is right. Omit for wrong options. */
  correct: z.boolean().default(false),
});

/** Reports options whose ids repeat inside one item. */
function checkUniqueOptionIds(options: readonly { id: string }[], ctx: z.RefinementCtx): void {
  for (const id of duplicates(options.map((o) => o.id))) {
    ctx.addIssue({
      code: 'custom',
      path: ['options'],
      message: `Option id "${id}" is used twice in this item; give each option its own id.`,
    });
  }
}

/** Single choice: radio buttons, exactly one option correct. */
export const singleChoiceItem = z
  .strictObject({
    ...itemBase,
    kind: z.literal('single'),
    options: z.array(choiceOption).min(2, 'A single-choice item needs at least 2 options.'),
  })
  .superRefine((item, ctx) => {
    checkUniqueOptionIds(item.options, ctx);
    const correct = item.options.filter((o) => o.correct).length;
    if (correct !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message: `A single-choice item needs exactly one option with "correct: true"; found ${correct}. Use kind "multiple" for several right answers.`,
      });
    }
  });

/** Multiple choice: checkboxes, at least one option correct; right means exactly the correct set. */
export const multipleChoiceItem = z
  .strictObject({
    ...itemBase,
    kind: z.literal('multiple'),
    options: z.array(choiceOption).min(3, 'A multiple-choice item needs at least 3 options.'),
  })
  .superRefine((item, ctx) => {
    checkUniqueOptionIds(item.options, ctx);
    if (!item.options.some((o) => o.correct)) {
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message: 'Mark at least one option "correct: true" in a multiple-choice item.',
      });
    }
  });

/** One pair of a matching item: the learner picks `right` for `left` from a select. */
export const matchingPair = z.strictObject({
  /** Unique within the item. */
  id: localId,
  /** The fixed side, shown as the select's label. */
  left: z.string().min(1, 'Give the left side some text.'),
  /** The answer that belongs to `left`; all right sides are offered in every select. */
  right: z.string().min(1, 'Give the right side some text.'),
});

/** Matching: each left side gets one right side from a select (no drag needed). */
export const matchingItem = z
  .strictObject({
    ...itemBase,
    kind: z.literal('matching'),
    pairs: z.array(matchingPair).min(2, 'A matching item needs at least 2 pairs.'),
    /** Extra right sides that belong to no left side, to make guessing harder. */
    distractors: z.array(z.string().min(1)).default([]),
  })
  .superRefine((item, ctx) => {
    for (const id of duplicates(item.pairs.map((p) => p.id))) {
      ctx.addIssue({ code: 'custom', path: ['pairs'], message: `Pair id "${id}" is used twice; ids must be unique.` });
    }
    for (const left of duplicates(item.pairs.map((p) => p.left))) {
      ctx.addIssue({
        code: 'custom',
        path: ['pairs'],
        message: `Left side "${left}" appears twice; each left side must be unique.`,
      });
    }
    for (const right of duplicates([...item.pairs.map((p) => p.right), ...item.distractors])) {
      ctx.addIssue({
        code: 'custom',
        path: ['pairs'],
        message: `Right side "${right}" appears twice (pairs or distractors); each must be unique so only one answer fits.`,
      });
    }
  });

/** One step of an ordering item. */
export const orderingStep = z.strictObject({
  /** Unique within the item. */
  id: localId,
  /** What the learner moves up and down. */
  text: z.string().min(1, 'Give the step some text.'),
});

/** Ordering: steps listed in the correct order here; the learner sees them shuffled. */
export const orderingItem = z
  .strictObject({
    ...itemBase,
    kind: z.literal('ordering'),
    steps: z.array(orderingStep).min(3, 'An ordering item needs at least 3 steps.'),
  })
  .superRefine((item, ctx) => {
    for (const id of duplicates(item.steps.map((s) => s.id))) {
      ctx.addIssue({ code: 'custom', path: ['steps'], message: `Step id "${id}" is used twice; ids must be unique.` });
    }
  });

/** Any quiz item, told apart by `kind`. */
export const quizItem = z.discriminatedUnion('kind', [singleChoiceItem, multipleChoiceItem, matchingItem, orderingItem]);

/** A quiz file: content/quizzes/<lesson-id>.yaml. Its id is the file name. */
export const quizSchema = z
  .strictObject({
    /** Heading shown above the quiz. */
    title: z.string().min(3, 'Give the quiz a title of at least 3 characters.'),
    /** The items, in the order they are asked. */
    items: z.array(quizItem).min(1, 'A quiz needs at least one item.'),
  })
  .superRefine((quiz, ctx) => {
    for (const id of duplicates(quiz.items.map((i) => i.id))) {
      ctx.addIssue({
        code: 'custom',
        path: ['items'],
        message: `Item id "${id}" is used twice in this quiz; stored answers are keyed by it, so make it unique.`,
      });
    }
  });

/** A validated quiz. */
export type Quiz = z.infer<typeof quizSchema>;
/** A validated quiz item of any kind. */
export type QuizItem = z.infer<typeof quizItem>;
/** A validated single-choice item. */
export type SingleChoiceItem = z.infer<typeof singleChoiceItem>;
/** A validated multiple-choice item. */
export type MultipleChoiceItem = z.infer<typeof multipleChoiceItem>;
/** A validated matching item. */
export type MatchingItem = z.infer<typeof matchingItem>;
/** A validated ordering item. */
export type OrderingItem = z.infer<typeof orderingItem>;

/** Values that occur more than once, each reported once. */
function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) repeated.add(v);
    seen.add(v);
  }
  return [...repeated];
}
