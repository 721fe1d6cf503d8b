import type { APIRoute } from 'astro';
import { servedDeps } from '../exam-flow/deps.server.ts';
import { handleVerify } from '../exam-flow/handlers.server.ts';
import { clientAddressOf } from '../limits/client-address.server.ts';
import { limited, VERIFY_LIMIT } from '../limits/rate-limit.server.ts';

/** GET /api/verify/<code>: valid, revoked or unknown, as JSON; unknown codes are limited per address (429). */
export const GET: APIRoute = async ({ params, request, clientAddress }) => {
  const deps = await servedDeps();
  const found = async (response: Response) => ((await response.clone().json()) as { status?: string }).status !== 'unknown';
  return limited(deps.db, VERIFY_LIMIT, clientAddressOf(request, clientAddress), deps.now(), () => handleVerify(deps, params.code ?? ''), found);
};
