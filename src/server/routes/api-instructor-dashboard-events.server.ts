import type { APIRoute } from 'astro';
import { staffFrom } from '../auth/staff.server.ts';
import { classLabDeps } from '../cohort-labs/deps.server.ts';
import { handleDashboardEvents } from '../cohort-labs/handlers.server.ts';

/** GET /api/instructor/cohorts/<id>/dashboard/events: the cohort's dashboard as Server-Sent Events, for its instructor or an admin. */
export const GET: APIRoute = async ({ request, params }) => handleDashboardEvents(request, await classLabDeps(), await staffFrom(request), params.cohortId ?? '');
