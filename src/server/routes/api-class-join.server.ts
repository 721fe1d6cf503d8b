import type { APIRoute } from 'astro';
import { servedDeps } from '../exam-flow/deps.server.ts';
import { handleJoin } from '../exam-flow/handlers.server.ts';

/** POST /api/class/join: a learner joins a class with its code and a display name. */
export const POST: APIRoute = async ({ request }) => handleJoin(request, await servedDeps());
