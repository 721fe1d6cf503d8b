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
  // Learners: join a class, take its exam, see results and certificates (src/server/exam-flow/).
  { pattern: '/class', entrypoint: 'class-page.astro' },
  { pattern: '/exam', entrypoint: 'exam-page.astro' },
  { pattern: '/exam/attempt', entrypoint: 'exam-attempt-page.astro' },
  { pattern: '/exam/review', entrypoint: 'exam-review-page.astro' },
  { pattern: '/exam/result/[attempt]', entrypoint: 'exam-result-page.astro' },
  { pattern: '/exam/certificate/[attempt]', entrypoint: 'exam-certificate-page.astro' },
  { pattern: '/verify', entrypoint: 'verify-form-page.astro' },
  { pattern: '/verify/[code]', entrypoint: 'verify-page.astro' },
  { pattern: '/api/class/join', entrypoint: 'api-class-join.server.ts' },
  { pattern: '/api/exam/start', entrypoint: 'api-exam-start.server.ts' },
  { pattern: '/api/exam/attempt', entrypoint: 'api-exam-attempt.server.ts' },
  { pattern: '/api/exam/save', entrypoint: 'api-exam-save.server.ts' },
  { pattern: '/api/exam/submit', entrypoint: 'api-exam-submit.server.ts' },
  { pattern: '/api/exam/result/[attempt]', entrypoint: 'api-exam-result.server.ts' },
  { pattern: '/api/verify/[code]', entrypoint: 'api-verify.server.ts' },
  // Learners in a class: labs graded on the server, hints charged once (src/server/cohort-labs/).
  { pattern: '/api/class/labs/[labId]/submit', entrypoint: 'api-class-lab-submit.server.ts' },
  { pattern: '/api/class/labs/[labId]/hints/[hintId]', entrypoint: 'api-class-lab-hint.server.ts' },
  // The class's labs in the learner's variant, with no key in the page (src/server/class-labs-page/).
  { pattern: '/class/labs/[labId]', entrypoint: 'class-lab-page.astro' },
  // Staff accounts (record 012): pages that handle their own form POSTs, so they work without JavaScript.
  { pattern: '/setup/[token]', entrypoint: 'first-admin-setup.astro' },
  { pattern: '/instructor/sign-in', entrypoint: 'staff-sign-in.astro' },
  { pattern: '/instructor/sign-out', entrypoint: 'staff-sign-out.astro' },
  { pattern: '/instructor/account', entrypoint: 'staff-account.astro' },
  { pattern: '/instructor/admin', entrypoint: 'staff-admin.astro' },
  { pattern: '/instructor/admin/accounts/[id]', entrypoint: 'staff-admin-account.astro' },
  // Instructors: their classes, each class's live dashboard and overrides (src/server/instructor/).
  { pattern: '/instructor', entrypoint: 'instructor-home.astro' },
  { pattern: '/instructor/cohorts/[cohortId]', entrypoint: 'instructor-cohort.astro' },
  { pattern: '/api/instructor/cohorts/[cohortId]/dashboard.csv', entrypoint: 'api-instructor-dashboard-csv.server.ts' },
  { pattern: '/api/instructor/cohorts/[cohortId]/dashboard/events', entrypoint: 'api-instructor-dashboard-events.server.ts' },
];

/** The integration astro.config.mjs adds in served mode. */
export function servedMode(): AstroIntegration {
  return {
    name: 'plc-defense-lab:served-mode',
    hooks: {
      'astro:config:setup': ({ injectRoute, addMiddleware }) => {
        for (const route of SERVED_ROUTES) {
          injectRoute({ pattern: route.pattern, entrypoint: new URL(`./routes/${route.entrypoint}`, import.meta.url), prerender: false });
        }
        // Pages rendered on request get the rewrites built pages get after the build.
        addMiddleware({ entrypoint: new URL('./rendered-pages.server.ts', import.meta.url), order: 'post' });
      },
    },
  };
}
