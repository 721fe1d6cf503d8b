import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SPLIT_VIEW_MEDIA } from '../../src/labs/split-view.ts';
import { preloadSoonIslands, staticImports } from '../../src/server/soon-preload.server.ts';

const island = (client: string, opts: object) =>
  `<astro-island uid="1" component-url="/_astro/Bench.A.js" renderer-url="/_astro/client.B.js" client="${client}" opts="${JSON.stringify(opts).replaceAll('"', '&quot;')}"></astro-island>`;
const page = (body: string) => `<html><head><title>x</title></head><body>${body}</body></html>`;
const graph: Record<string, string[]> = {
  '/_astro/Bench.A.js': ['/_astro/react.C.js', '/_astro/shared.D.js'],
  '/_astro/client.B.js': ['/_astro/react.C.js'],
  '/_astro/shared.D.js': ['/_astro/react.C.js'],
};
const importsOf = (url: string) => graph[url] ?? [];

describe('client:soon preloading', () => {
  it("lists an island's whole module graph once each, with its media query, at the end of the head", () => {
    const out = preloadSoonIslands(page(island('soon', { name: 'Bench', value: { preloadWhen: '(min-width: 68.75rem)' } })), importsOf);
    const links = [...out.matchAll(/<link rel="modulepreload" href="([^"]+)" media="([^"]+)">/g)];
    expect(links.map((l) => l[1])).toEqual(['/_astro/Bench.A.js', '/_astro/react.C.js', '/_astro/shared.D.js', '/_astro/client.B.js']);
    expect(new Set(links.map((l) => l[2]))).toEqual(new Set(['(min-width: 68.75rem)']));
    expect(out.indexOf('modulepreload')).toBeLessThan(out.indexOf('</head>'));
  });

  it('adds nothing the second time', () => {
    const once = preloadSoonIslands(page(island('soon', { name: 'Bench', value: { preloadWhen: '(min-width: 68.75rem)' } })), importsOf);
    expect(preloadSoonIslands(once, importsOf)).toBe(once);
  });

  it('leaves pages alone when no island asks for it', () => {
    for (const html of [page(island('soon', { name: 'Bench', value: true })), page(island('visible', { name: 'Bench', value: { preloadWhen: 'all' } })), page('<p>text</p>')]) {
      expect(preloadSoonIslands(html, importsOf)).toBe(html);
    }
  });

  it('reads static imports of a built chunk, not dynamic ones', () => {
    const source = 'import{n as e}from"./rolldown-runtime.W.js";import"./side.X.js";const l=()=>import("./lazy.Y.js");';
    expect(staticImports('/_astro/Workbench.Z.js', source)).toEqual(['/_astro/rolldown-runtime.W.js', '/_astro/side.X.js']);
  });

  it("preloads a lab's workbench exactly where the stylesheet shows the split view", () => {
    const css = readFileSync(new URL('../../src/labs/workbench.css', import.meta.url), 'utf8');
    const splitRule = /@media\s*([^{]+)\{\s*\.lab-split\s*\{/.exec(css);
    expect(splitRule?.[1]?.trim()).toBe(SPLIT_VIEW_MEDIA);
  });
});
