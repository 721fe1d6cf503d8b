import type { APIRoute } from 'astro';
import { staffFrom } from '../auth/staff.server.ts';
import { classLabDeps } from '../cohort-labs/deps.server.ts';
import { handleDashboardCsv } from '../cohort-labs/handlers.server.ts';

/** GET /api/instructor/cohorts/<id>/dashboard.csv: the cohort's dashboard as CSV, for its instructor or an admin. */
export const GET: APIRoute = async ({ request, params }) => handleDashboardCsv(await classLabDeps(), await staffFrom(request), params.cohortId ?? '');
