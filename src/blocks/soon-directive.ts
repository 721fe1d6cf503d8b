import type { ClientDirective } from 'astro';
import { HYDRATE_AHEAD } from './hydration.ts';

/** The options `client:soon` takes. */
export interface SoonOptions {
  /** Where this media query matches, the island is on the first screen: its code is preloaded with the page and run at once. */
  preloadWhen?: string;
}

/**
 * `client:soon` (registered by scripts/soon-directive.ts): hydrates an island that is on screen
 * as the page opens at its first layout, and any other one in the browser's first idle moment
 * after the page has loaded — or earlier, once it comes as near as lessons' islands start (HYDRATE_AHEAD).
 * Why not `client:load`: it fetches the island's code while the HTML is still being parsed,
 * which delays painting the text above it on a phone (Lighthouse's Largest Contentful Paint);
 * `client:visible` would leave a lab's workbench dead until the learner scrolls to it.
 *
 * With `{ preloadWhen: '<media query>' }` (src/server/soon-preload.server.ts), where the query
 * matches the island is on the first screen: its code, preloaded with the page, is also run as soon
 * as it arrives, so only the hydration itself is left for after the first paint.
 */
const soon: ClientDirective = (load, options, el) => {
  let loading: ReturnType<typeof load> | undefined;
  const loadOnce = () => {
    loading ??= load();
    return loading;
  };
  const media = (options.value as SoonOptions | undefined)?.preloadWhen;
  if (media && matchMedia(media).matches) void loadOnce();
  let started = false;
  const start = async () => {
    if (started) return;
    started = true;
    onScreen.disconnect();
    near.disconnect();
    const hydrate = await loadOnce();
    await hydrate();
  };
  const startWhenSeen: IntersectionObserverCallback = (entries) => {
    if (entries.some((e) => e.isIntersecting)) void start();
  };
  const onScreen = new IntersectionObserver(startWhenSeen);
  // Watched only after the page has loaded, so an island just below a phone's first screen does
  // not fetch its code before that screen is painted.
  const near = new IntersectionObserver(startWhenSeen, HYDRATE_AHEAD);
  for (const child of el.children) onScreen.observe(child);
  const afterLoad = () => {
    for (const child of el.children) near.observe(child);
    if ('requestIdleCallback' in window) requestIdleCallback(() => void start(), { timeout: 1000 });
    else setTimeout(() => void start(), 200);
  };
  if (document.readyState === 'complete') afterLoad();
  else addEventListener('load', afterLoad, { once: true });
};

export default soon;
