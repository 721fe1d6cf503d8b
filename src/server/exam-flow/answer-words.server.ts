/**
 * A saved response in words, for the review-before-submit page: the texts the candidate chose,
 * from the public item only (it knows nothing of the key).
 */
import type { PublicItem } from '../exams/draw.ts';

/** What the candidate answered to `item`, in words; undefined when nothing is saved. */
export function answerInWords(item: PublicItem, response: unknown): string | undefined {
  if (response === undefined || response === null) return undefined;
  const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : [String(value)]);
  switch (item.type) {
    case 'single':
    case 'multiple':
      return list(response)
        .map((id) => item.options.find((o) => o.id === id)?.text ?? '?')
        .join('; ');
    case 'ordering':
      return list(response)
        .map((id, i) => `${i + 1}. ${item.steps.find((s) => s.id === id)?.text ?? '?'}`)
        .join(' ');
    case 'matching': {
      const pairs = Object.entries(response as Record<string, string>);
      return `${pairs.length} of ${item.prompts.length} statements matched`;
    }
    case 'performance':
      return 'a lab answer is saved';
  }
}
