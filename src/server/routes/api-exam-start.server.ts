import type { APIRoute } from 'astro';
import { servedDeps } from '../exam-flow/deps.server.ts';
import { handleStart } from '../exam-flow/handlers.server.ts';

/** POST /api/exam/start: starts the learner's next attempt or resumes the open one. */
export const POST: APIRoute = async ({ request }) => handleStart(request, await servedDeps());
