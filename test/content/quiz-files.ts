/** Reading the course's quiz files the way the site does, for tests that check their answers. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { type Quiz, type QuizItem, quizSchema } from '../../src/schemas/quiz.ts';

/** The quiz `content/quizzes/<id>.yaml`, parsed by the quiz schema. */
export function loadQuiz(id: string): Quiz {
  return quizSchema.parse(parse(readFileSync(new URL(`../../content/quizzes/${id}.yaml`, import.meta.url), 'utf8')));
}

/** The item with this id; a missing one fails the test by name. */
export function quizItem(items: readonly QuizItem[], id: string): QuizItem {
  const found = items.find((i) => i.id === id);
  if (!found) throw new Error(`quiz item ${id} is missing`);
  return found;
}
