import type { APIRoute } from 'astro';
import { classLabDeps } from '../cohort-labs/deps.server.ts';
import { handleLabSubmit } from '../cohort-labs/handlers.server.ts';

/** POST /api/class/labs/<labId>/submit: a learner's answer, graded on the server. */
export const POST: APIRoute = async ({ request, params }) => handleLabSubmit(request, await classLabDeps(), params.labId ?? '');
