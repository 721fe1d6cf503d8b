import type { APIRoute } from 'astro';
import { servedDeps } from '../exam-flow/deps.server.ts';
import { handleResult } from '../exam-flow/handlers.server.ts';

/** GET /api/exam/result/<attempt>: a closed attempt's result and review, for its candidate only. */
export const GET: APIRoute = async ({ request, params }) => handleResult(request, await servedDeps(), params.attempt ?? '');
