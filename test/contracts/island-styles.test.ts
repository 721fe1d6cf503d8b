import { describe, expect, it } from 'vitest';
import { ISLAND_STYLE_TAG, moveIslandStyleToHead } from '../../src/server/island-styles.server.ts';

describe('island style rule in <head>', () => {
  it("moves Astro's rule from the body to the end of the head, unchanged", () => {
    const page = `<html><head><title>x</title></head><body><main>${ISLAND_STYLE_TAG}<astro-island></astro-island></main></body></html>`;
    expect(moveIslandStyleToHead(page)).toBe(`<html><head><title>x</title>${ISLAND_STYLE_TAG}</head><body><main><astro-island></astro-island></main></body></html>`);
  });

  it('leaves a page without islands, or already fixed, as it is', () => {
    const plain = '<html><head></head><body><p>text</p></body></html>';
    expect(moveIslandStyleToHead(plain)).toBe(plain);
    const fixed = `<html><head>${ISLAND_STYLE_TAG}</head><body></body></html>`;
    expect(moveIslandStyleToHead(fixed)).toBe(fixed);
  });
});
