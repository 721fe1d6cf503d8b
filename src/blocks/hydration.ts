/**
 * When the lesson islands come alive. `client:visible` alone hydrates a widget only once it is on
 * screen, and its controls then stay disabled while its code loads and runs (measured 0.5–1.2 s,
 * 1.9 s at 4× CPU slowdown). Widening the visibility test by two screen heights starts that work
 * while the learner is still reading above the widget, so it is usable when it scrolls in; pages
 * still load no widget code the learner is nowhere near. Use as `client:visible={HYDRATE_AHEAD}`.
 */
export const HYDRATE_AHEAD = { rootMargin: '200% 0px' } as const;
