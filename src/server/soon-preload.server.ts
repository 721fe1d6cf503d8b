/**
 * An island hydrated `client:soon={{ preloadWhen: '<media query>' }}` (src/blocks/soon-directive.ts)
 * is on screen as the page opens wherever that query matches. There its code is needed at once,
 * but the browser only learns of each chunk's imports after fetching the one before — a chain
 * that was half the wait on a desktop lab page. This module lists the island's whole static
 * module graph in the head as `<link rel="modulepreload" media="…">`, so the browser fetches it
 * all while it parses the page; where the query does not match (a phone, where the island is
 * further down), the links are skipped and nothing is fetched early. Built pages are rewritten
 * after the build (scripts/soon-directive.ts), pages the served course renders on request (a
 * class lab) by its middleware (rendered-pages.server.ts).
 */
import { decodeHTMLAttribute, escapeAttribute } from 'entities';
import type { SoonOptions } from '../blocks/soon-directive.ts';

const attribute = (tag: string, name: string) => {
  const found = new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
  return found === undefined ? undefined : decodeHTMLAttribute(found);
};

/** The chunks a built module imports statically (`import … from "./x.js"`, `import "./x.js"`), as URLs beside it. */
export function staticImports(url: string, source: string): string[] {
  const dir = url.slice(0, url.lastIndexOf('/') + 1);
  return [...source.matchAll(/(?:\bimport|\bfrom)\s*["'](\.\/[^"']+\.js)["']/g)].map((m) => dir + (m[1] ?? '').slice(2));
}

/**
 * The page with a modulepreload link, carrying the island's `preloadWhen` as its media, for each
 * module of every such island (component and renderer, with all they import), once each, at the
 * end of the head; running it again changes nothing. `importsOf(url)` gives the static imports of a built chunk.
 */
export function preloadSoonIslands(html: string, importsOf: (url: string) => string[]): string {
  const head = html.indexOf('</head>');
  if (head < 0) return html;
  // Links already there are kept, not repeated, so a page that passes through twice is unchanged.
  const linked = new Set([...html.slice(0, head).matchAll(/<link rel="modulepreload" href="([^"]*)"/g)].map((m) => decodeHTMLAttribute(m[1] ?? '')));
  const links: string[] = [];
  for (const [tag] of html.matchAll(/<astro-island\b[^>]*>/g)) {
    if (attribute(tag, 'client') !== 'soon') continue;
    const options = JSON.parse(attribute(tag, 'opts') ?? '{}') as { value?: SoonOptions };
    const media = options.value?.preloadWhen;
    if (!media) continue;
    const walk = (url: string | undefined) => {
      if (!url || linked.has(url)) return;
      linked.add(url);
      links.push(`<link rel="modulepreload" href="${escapeAttribute(url)}" media="${escapeAttribute(media)}">`);
      for (const imported of importsOf(url)) walk(imported);
    };
    walk(attribute(tag, 'component-url'));
    walk(attribute(tag, 'renderer-url'));
  }
  return links.length ? html.slice(0, head) + links.join('') + html.slice(head) : html;
}
