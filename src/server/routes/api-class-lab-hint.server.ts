import type { APIRoute } from 'astro';
import { classLabDeps } from '../cohort-labs/deps.server.ts';
import { handleHint } from '../cohort-labs/handlers.server.ts';

/** POST /api/class/labs/<labId>/hints/<hintId>: reveals a hint to the learner and records its cost. */
export const POST: APIRoute = async ({ request, params }) => handleHint(request, await classLabDeps(), params.labId ?? '', params.hintId ?? '');
