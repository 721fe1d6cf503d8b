import type { ClientDirective } from 'astro';
import { HYDRATE_AHEAD } from './hydration.ts';

/**
 * `client:soon` (registered by scripts/soon-directive.ts): hydrates an island that is on screen
 * as the page opens at its first layout, and any other one in the browser's first idle moment
 * after the page has loaded — or earlier, once it comes as near as lessons' islands start (HYDRATE_AHEAD).
 * Why not `client:load`: it fetches the island's code while the HTML is still being parsed,
 * which delays painting the text above it on a phone (Lighthouse's Largest Contentful Paint);
 * `client:visible` would leave a lab's workbench dead until the learner scrolls to it.
 */
const soon: ClientDirective = (load, _options, el) => {
  let started = false;
  const start = async () => {
    if (started) return;
    started = true;
    onScreen.disconnect();
    near.disconnect();
    const hydrate = await load();
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
