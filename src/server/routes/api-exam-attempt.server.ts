import type { APIRoute } from 'astro';
import { servedDeps } from '../exam-flow/deps.server.ts';
import { handleAttempt } from '../exam-flow/handlers.server.ts';

/** GET /api/exam/attempt: the open attempt as the browser may see it. */
export const GET: APIRoute = async ({ request }) => handleAttempt(request, await servedDeps());
