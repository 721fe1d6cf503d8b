/**
 * The course progress bar, its count in words and the "Resume where you left off" link, filled
 * from the stored progress on the pages that show them (home, Progress): CourseProgress.astro
 * writes the course's ids into the page, this module reads them and the progress document.
 */
import { type CourseItems, courseTally, resumePlace, tallyText } from './course-tally.ts';
import { PROGRESS_KEY, parseProgressLoosely } from './progress-doc.ts';
import type { Progress } from './progress-schema.ts';
import { browserStorage, loadProgress } from './progress-storage.ts';

/** What CourseProgress.astro writes into the page: the ids it counts and the labs' titles. */
export interface CourseSummaryData extends CourseItems {
  labTitles: Record<string, string>;
}

/** The id of the JSON element CourseProgress.astro writes. */
export const COURSE_ITEMS_ID = 'course-items';

function pageData(): CourseSummaryData | undefined {
  const text = document.getElementById(COURSE_ITEMS_ID)?.textContent;
  return text ? (JSON.parse(text) as CourseSummaryData) : undefined;
}

/** Shows `doc` in the page's progress bar, count and resume links. */
export function showCourseSummary(doc: Progress): void {
  const data = pageData();
  if (!data) return;
  const tally = courseTally(doc, data);
  for (const bar of document.querySelectorAll<HTMLProgressElement>('[data-course-progress]')) {
    bar.max = tally.total;
    bar.value = tally.done;
  }
  for (const text of document.querySelectorAll('[data-progress-text]')) text.textContent = tallyText(tally);
  const place = resumePlace(doc, data);
  if (!place) return;
  for (const link of document.querySelectorAll<HTMLAnchorElement>('[data-resume]')) {
    link.href = `/${place.kind === 'lab' ? 'labs' : 'lessons'}/${place.id}/`;
    const title = place.kind === 'lab' ? data.labTitles[place.id] : undefined;
    link.textContent = title ? `Resume where you left off: the lab “${title}”` : 'Resume where you left off';
  }
}

/** Reads the stored progress, shows it, and shows it again when another tab changes it. */
export function startCourseSummary(): void {
  const read = () => loadProgress(browserStorage(), parseProgressLoosely, new Date().toISOString()).progress;
  showCourseSummary(read());
  window.addEventListener('storage', (event) => {
    if (event.key === PROGRESS_KEY) showCourseSummary(read());
  });
}
