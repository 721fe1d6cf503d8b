/**
 * The progress marker: the one script on prose pages (budget 2 KB gzipped, see bench/site.ts).
 * It records the visit to the current lesson, shows each lesson's state in outlines and lists,
 * and wires "Mark as complete". The course progress bar and the resume link, on the home and
 * Progress pages only, are filled by course-summary.ts (they count quizzes and labs too). No zod here: it
 * reads the document with the light guard parseProgressLoosely (progress-doc.ts); the Progress
 * page validates fully.
 *
 * Bundling: astro.config.mjs puts this module and the zod-free progress modules it imports
 * (progress-doc, progress-storage) in one "progress-core" chunk. Left to the
 * bundler, the other scripts that share those modules (Progress page, labs, quizzes) cut them
 * into several small chunks, and small files gzip badly: the marker grew past its budget that
 * way. Everything here is a function, so importing the chunk elsewhere runs nothing.
 */
import { joinRecords, mergeLesson, parseProgressLoosely, withCompleted, withVisited } from './progress-doc.ts';
import { browserStorage, showNotice, syncProgress } from './progress-storage.ts';
import type { Progress } from './progress-schema.ts';

/**
 * The marker's merge: it only changes lessons, so it joins those and takes quizzes and labs as
 * stored (the pages that change them merge them back if this write missed one; see
 * syncProgress). The full merge lives in progress-records.ts, outside this page-wide bundle.
 */
const mergeLessons = (stored: Progress, mine: Progress): Progress => ({
  ...stored,
  lessons: joinRecords(stored.lessons, mine.lessons, mergeLesson),
});

/** Marks the lesson in `body[data-current-lesson]` visited and brings the page's progress UI up to date. */
export function startProgressMarker(): void {
  const sync = syncProgress(browserStorage(), {
    parse: parseProgressLoosely,
    merge: mergeLessons,
    notify: showNotice,
    onChange: (next) => {
      doc = next;
      render();
    },
  });
  const all = <T extends Element>(selector: string) => [...document.querySelectorAll<T>(selector)];

  const current = document.body.dataset.currentLesson;
  let doc = current ? sync.update((d, at) => withVisited(d, current, at)) : sync.read();

  const button = document.querySelector<HTMLButtonElement>('[data-mark-complete]');
  const status = document.querySelector('[data-complete-status]');

  function render(): void {
    for (const el of all<HTMLElement>('[data-lesson-id]')) {
      const record = doc.lessons[el.dataset.lessonId ?? ''];
      const state = record?.completedAt ? 'completed' : record?.visitedAt ? 'visited' : '';
      el.dataset.state = state;
      const label = el.querySelector('[data-state-label]');
      if (label) label.textContent = state && ` (${state})`;
    }
    if (button && current) {
      const complete = Boolean(doc.lessons[current]?.completedAt);
      button.hidden = false;
      button.setAttribute('aria-pressed', String(complete));
    }
  }

  button?.addEventListener('click', () => {
    if (!current) return;
    const complete = button.getAttribute('aria-pressed') !== 'true';
    doc = sync.update((d, at) => withCompleted(d, current, complete, at));
    render();
    if (status) status.textContent = `Lesson marked ${complete ? '' : 'not '}complete.`;
  });
  render();
}
