/**
 * Starts the served course (what `npm start` runs after `COURSE_MODE=served astro build`):
 * the built Astro app on Node, on loopback by default, with the security headers of
 * src/server/security-headers.server.ts on every response.
 *
 *   node scripts/serve.ts [--host 127.0.0.1] [--port 4321]     (or HOST / PORT)
 *
 * Other settings come from the environment: DATABASE_URL or PGLITE_DIR (the database),
 * BETTER_AUTH_URL, TRUSTED_PROXY_HOPS (how many proxies in front to believe; default none).
 *
 * Listening on another address than loopback is the operator's explicit choice.
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { SECURITY_HEADERS } from '../src/server/security-headers.server.ts';

const ENTRY = fileURLToPath(new URL('../dist-served/server/entry.mjs', import.meta.url));

const { values } = parseArgs({
  options: { host: { type: 'string' }, port: { type: 'string' } },
});
const host = values.host ?? process.env.HOST ?? '127.0.0.1';
const port = Number(values.port ?? process.env.PORT ?? 4321);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`--port must be a whole number from 1 to 65535 (got ${values.port ?? process.env.PORT}).`);
  process.exit(2);
}
if (!existsSync(ENTRY)) {
  console.error('The served build is missing: run `npm start` (it builds first) or `COURSE_MODE=served npx astro build`.');
  process.exit(2);
}

// Which X-Forwarded-For entries to believe (none unless the operator says how many proxies stand
// in front: docs/deploy.md); a bad value stops the start here rather than at the first request.
try {
  const { trustedProxyHops } = await import('../src/server/limits/client-address.server.ts');
  trustedProxyHops(process.env);
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}

// Staff sign-in needs the address it is served at (cookie flags, its origin list); the operator's
// BETTER_AUTH_URL wins, e.g. the https address of a proxy in front.
process.env.BETTER_AUTH_URL ||= `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

// The adapter's own server would start on import; this script serves its handler instead.
process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const { handler } = (await import(pathToFileURL(ENTRY).href)) as {
  handler: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void;
};

const server = createServer((req, res) => {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  handler(req, res);
});
server.listen(port, host, async () => {
  console.log(`PLC Defense Lab (served) on http://${host}:${port}/`);
  // With no admin account yet, print the one-time link that creates it (record 012).
  const { announceFirstAdminSetup } = await import('../src/server/auth/first-admin.server.ts');
  const { getDatabase } = await import('../src/server/db/database.server.ts');
  await announceFirstAdminSetup(await getDatabase(), process.env.BETTER_AUTH_URL ?? '').catch((error: Error) => {
    console.error(`Could not check for an admin account (staff cannot sign in until the database answers): ${error.message}`);
  });
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
