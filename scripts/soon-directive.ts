/**
 * Registers `client:soon` (src/blocks/soon-directive.ts, which says when it hydrates and why) and,
 * after the build, preloads the code of islands that are on screen as their page opens
 * (src/server/soon-preload.server.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import type { SoonOptions } from '../src/blocks/soon-directive.ts';
import { preloadSoonIslands, staticImports } from '../src/server/soon-preload.server.ts';
import { rewriteBuiltPages } from './built-pages.ts';

export function soonDirective(): AstroIntegration {
  return {
    name: 'plc-defense-lab:soon-directive',
    hooks: {
      'astro:config:setup': ({ addClientDirective }) => {
        addClientDirective({ name: 'soon', entrypoint: fileURLToPath(new URL('../src/blocks/soon-directive.ts', import.meta.url)) });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const importsOf = (url: string) => {
          const file = join(root, url);
          return existsSync(file) ? staticImports(url, readFileSync(file, 'utf8')) : [];
        };
        const pages = await rewriteBuiltPages(root, (html) => preloadSoonIslands(html, importsOf));
        logger.info(`client:soon island code preloaded on ${pages} page(s)`);
      },
    },
  };
}

declare module 'astro' {
  interface AstroClientDirectives {
    /** Hydrate at once when on screen as the page opens, else when idle after load or when near: src/blocks/soon-directive.ts. */
    'client:soon'?: boolean | SoonOptions;
  }
}
