import type { APIRoute } from 'astro';

/** GET /api/health: the server answers, and says which mode it runs in (for probes and the start script). */
export const GET: APIRoute = () => Response.json({ ok: true, mode: 'served' }, { headers: { 'Cache-Control': 'no-store' } });
