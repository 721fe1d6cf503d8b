import type { APIRoute } from 'astro';
import { servedDeps } from '../exam-flow/deps.server.ts';
import { handleVerify } from '../exam-flow/handlers.server.ts';

/** GET /api/verify/<code>: valid, revoked or unknown, as JSON. */
export const GET: APIRoute = async ({ params }) => handleVerify(await servedDeps(), params.code ?? '');
