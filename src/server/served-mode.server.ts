/**
 * The served course as an Astro integration: the on-demand routes that exist only when the course
 * runs on its server (`npm start`), never in the static build. Course pages stay prerendered in
 * both modes; these routes hold what a browser must not decide (exams, cohorts, grading).
 */
import type { AstroIntegration } from 'astro';

/** One on-demand route: its URL pattern and the module (an endpoint, or an `.astro` page) under src/server/routes that answers it. */
interface ServedRoute {
  pattern: string;
  entrypoint: string;
}

/** Every on-demand route of the served mode, written once. */
export const SERVED_ROUTES: readonly ServedRoute[] = [
  { pattern: '/api/health', entrypoint: 'health.server.ts' },
  // Staff accounts (record 012): pages that handle their own form POSTs, so they work without JavaScript.
  { pattern: '/setup/[token]', entrypoint: 'first-admin-setup.astro' },
  { pattern: '/instructor/sign-in', entrypoint: 'staff-sign-in.astro' },
  { pattern: '/instructor/sign-out', entrypoint: 'staff-sign-out.astro' },
  { pattern: '/instructor/account', entrypoint: 'staff-account.astro' },
  { pattern: '/instructor/admin', entrypoint: 'staff-admin.astro' },
  { pattern: '/instructor/admin/accounts/[id]', entrypoint: 'staff-admin-account.astro' },
];

/** The integration astro.config.mjs adds in served mode. */
export function servedMode(): AstroIntegration {
  return {
    name: 'plc-defense-lab:served-mode',
    hooks: {
      'astro:config:setup': ({ injectRoute }) => {
        for (const route of SERVED_ROUTES) {
          injectRoute({ pattern: route.pattern, entrypoint: new URL(`./routes/${route.entrypoint}`, import.meta.url), prerender: false });
        }
      },
    },
  };
}
