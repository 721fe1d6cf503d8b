import type { APIRoute } from 'astro';
import { servedDeps } from '../exam-flow/deps.server.ts';
import { handleJoin } from '../exam-flow/handlers.server.ts';
import { clientAddressOf } from '../limits/client-address.server.ts';
import { JOIN_LIMIT, limited } from '../limits/rate-limit.server.ts';

/** POST /api/class/join: a learner joins a class with its code and a display name; wrong tries are limited per address (429). */
export const POST: APIRoute = async ({ request, clientAddress }) => {
  const deps = await servedDeps();
  return limited(deps.db, JOIN_LIMIT, clientAddressOf(request, clientAddress), deps.now(), () => handleJoin(request, deps), (response) => response.status === 201);
};
