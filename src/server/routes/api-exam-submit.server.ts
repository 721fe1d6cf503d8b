import type { APIRoute } from 'astro';
import { servedDeps } from '../exam-flow/deps.server.ts';
import { handleSubmit } from '../exam-flow/handlers.server.ts';

/** POST /api/exam/submit: hands in the open attempt, scored on the server. */
export const POST: APIRoute = async ({ request }) => handleSubmit(request, await servedDeps());
