/**
 * Who may open what: every served route (SERVED_ROUTES) × every identity — anonymous, a learner,
 * a learner of another class, the class's instructor, another instructor, an admin — answers as
 * the table below says: let in, sent to sign in / join (401 or a redirect), refused (403), or told
 * the object is not there (404, for someone else's attempt). The table is keyed by route pattern;
 * a route in SERVED_ROUTES that the table does not list fails the suite, so every new route has to
 * declare its access here.
 *
 * The route modules run for real against the process's own database (a throwaway PGlite
 * directory), as the server runs them: endpoints through their exported GET/POST, staff pages
 * through the handler the page is a thin shell around. The learner pages keep their gate in the
 * page itself; their row here runs the same functions in the same order (`learnerPages` below).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SERVED_ROUTES } from '../../src/server/served-mode.server.ts';
import { ACCESS, IDENTITIES, type Identity, type Outcome, outcomeOf, type Setup, setUpIdentities, type TableRoute } from './authorization-fixtures.ts';

// The process's database, as the routes open it: a fresh PGlite directory of this test file.
process.env.PGLITE_DIR = mkdtempSync(join(tmpdir(), 'plc-authz-'));
delete process.env.DATABASE_URL;
// Staff cookies are issued for the address the test requests use, whatever the shell has set.
process.env.BETTER_AUTH_URL = 'http://127.0.0.1:4321';
delete process.env.BETTER_AUTH_SECRET;

const { closeSharedDatabase } = await import('../../src/server/db/database.server.ts');

let setup: Setup;
beforeAll(async () => {
  setup = await setUpIdentities();
}, 300_000);
afterAll(() => closeSharedDatabase());

it('lists every served route in the access table, and nothing that is not a route', () => {
  const served = SERVED_ROUTES.map((r) => r.pattern).sort();
  expect(Object.keys(ACCESS).sort(), 'a route in SERVED_ROUTES must declare who may open it in test/server/authorization-fixtures.ts (ACCESS)').toEqual(served);
});

// Sign-out ends the staff sessions the other rows use, so it goes last.
const ordered = [...SERVED_ROUTES].sort((a, b) => Number(a.pattern.endsWith('sign-out')) - Number(b.pattern.endsWith('sign-out')));

it.each(ordered.map((r) => [r.pattern, r.entrypoint] as const))('%s answers every identity as its row says', { timeout: 300_000 }, async (pattern, entrypoint) => {
  const row: TableRoute | undefined = ACCESS[pattern];
  expect(row, `no row for ${pattern}`).toBeDefined();
  if (!row) return;
  const seen: Record<string, Outcome | string> = {};
  const wanted: Record<string, Outcome> = {};
  for (const method of row.methods) {
    for (const identity of IDENTITIES) {
      const response = await setup.call(entrypoint, pattern, method, identity as Identity);
      const key = `${method} ${identity}`;
      seen[key] = outcomeOf(response, Boolean(row.ownedObject));
      wanted[key] = row.access[identity as Identity];
    }
  }
  expect(seen).toEqual(wanted);
});
