/**
 * Where a lab page shows the split view (briefing beside the workbench, which is then on screen
 * as the page opens): the media query of `.lab-split` in workbench.css, which CSS cannot import;
 * test/contracts/soon-preload.test.ts checks the two agree.
 */
export const SPLIT_VIEW_MEDIA = '(min-width: 68.75rem)';
