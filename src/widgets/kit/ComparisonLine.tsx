import type { ComparisonRow } from './compare.ts';
import { TONE_MARKS } from './trace.ts';

/**
 * One line of a "who gets through" list: the sender, what the request path answers, and — where
 * the sender's intent is known — whether that is good or bad for the plant, in a mark and words.
 */
export default function ComparisonLine({ row }: { row: ComparisonRow }) {
  return (
    <li className={`sim-compare tone-${row.tone}`} data-tone={row.tone} data-allowed={row.outcome.allowed}>
      {TONE_MARKS[row.tone] && <span aria-hidden="true">{TONE_MARKS[row.tone]} </span>}
      <strong>{row.who}:</strong> {row.summary}
      {row.tone !== 'neutral' && <span> ({row.tone === 'good' ? 'good' : 'bad'} for the plant)</span>}
    </li>
  );
}
