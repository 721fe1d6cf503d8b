import type { APIRoute } from 'astro';
import { servedDeps } from '../exam-flow/deps.server.ts';
import { handleSave } from '../exam-flow/handlers.server.ts';

/** POST /api/exam/save: autosave of responses (JSON, or the exam page's form). */
export const POST: APIRoute = async ({ request }) => handleSave(request, await servedDeps());
