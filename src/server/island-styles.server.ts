/**
 * Astro writes one `<style>` for its island wrappers (astro-island, astro-slot: display contents)
 * just before the first island of a page, which puts it in `<body>`: invalid HTML (the Nu HTML
 * Checker reports it on every page with a widget). This module moves it into `<head>`, unchanged,
 * so the page's Content-Security-Policy hash of it still holds: built pages are rewritten after the
 * build (scripts/island-styles-in-head.ts), pages the served course renders on request by its
 * middleware (rendered-pages.server.ts).
 */

/** The exact tag Astro emits (astro/dist/runtime/server/astro-island-styles.js). */
export const ISLAND_STYLE_TAG = '<style>astro-island,astro-slot,astro-static-slot{display:contents}</style>';

/** The page with the island rule moved from the body to the end of the head; any other text unchanged. */
export function moveIslandStyleToHead(html: string): string {
  const head = html.indexOf('</head>');
  const at = html.indexOf(ISLAND_STYLE_TAG);
  if (head < 0 || at < head) return html;
  const body = html.slice(0, at) + html.slice(at + ISLAND_STYLE_TAG.length);
  return body.slice(0, head) + ISLAND_STYLE_TAG + body.slice(head);
}
