/**
 * How one cell of the instructor's live dashboard reads, in words. Shared by the page the server
 * renders and the script that keeps it live, so the first paint and every update read alike.
 * Plain data in, a sentence out: no server or browser API.
 */

/** What a dashboard cell holds (the shape of `LabCell` in src/server/dashboard/cohort-dashboard.server.ts). */
export interface CellData {
  status: string;
  bestScore: number | null;
  maxScore: number | null;
  hintsUsed: number;
}

/** "Passed, best 90 of 100, 1 hint": the status in words, the best score and the hints used. */
export function cellText(cell: CellData, statusWords: Readonly<Record<string, string>>): string {
  const parts = [statusWords[cell.status] ?? cell.status];
  if (cell.bestScore !== null && cell.maxScore !== null) parts.push(`best ${cell.bestScore} of ${cell.maxScore}`);
  if (cell.hintsUsed > 0) parts.push(`${cell.hintsUsed} ${new Intl.PluralRules('en').select(cell.hintsUsed) === 'one' ? 'hint' : 'hints'}`);
  return parts.join(', ');
}
