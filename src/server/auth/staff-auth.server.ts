/**
 * Staff accounts through Better Auth (record 012): e-mail and password on our own tables through
 * its Drizzle adapter, sessions in the database behind an HttpOnly, SameSite=Lax cookie (Secure
 * when the course is served over https), sign-up by the public closed, accounts made by an admin
 * with the admin plugin (roles `admin` and `instructor`, disable = the plugin's ban), and the
 * sign-in rate limit counted in the database so it holds on every instance.
 *
 * Better Auth's own HTTP routes are not exposed: our forms call it on the server, and the one
 * request that must pass through its handler (sign-in, for the rate limit) is built here, with
 * the client's address in a header only this module sets.
 */
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { admin } from 'better-auth/plugins/admin';
import { adminAc, userAc } from 'better-auth/plugins/admin/access';
import { PASSWORD_MIN_LENGTH } from '../../../machines/eip/password-policy.ts';
import { type Database, type Executor, getDatabase, type Tx } from '../db/database.server.ts';
import * as schema from '../db/schema.server.ts';
import type { UserRole } from '../db/values.server.ts';
import { IPV6_SUBNET, PASSWORD_MAX_LENGTH, SIGN_IN_RATE_LIMIT, STAFF_SESSION } from './limits.server.ts';
import { staffBaseUrl, staffSecret } from './settings.server.ts';

/**
 * The header that carries the client's address into Better Auth's rate limiter. Only requests this
 * module builds reach Better Auth's handler, so a browser cannot set it.
 */
export const CLIENT_ADDRESS_HEADER = 'x-plc-client-address';

/** Where Better Auth's routes would live; used only for the requests built here. */
const AUTH_BASE_PATH = '/api/auth';

/**
 * What each role may do through the admin plugin: an admin everything it offers on accounts and
 * sessions; an instructor nothing (their powers are over their own cohorts, checked by our routes).
 */
const ROLES = { admin: adminAc, instructor: userAc } satisfies Record<UserRole, unknown>;

function buildAuth(db: Executor, secret: string, baseUrl: URL) {
  return betterAuth({
    appName: 'PLC Defense Lab',
    baseURL: baseUrl.origin,
    basePath: AUTH_BASE_PATH,
    secret,
    database: drizzleAdapter(db, { provider: 'pg', schema }),
    emailAndPassword: {
      enabled: true,
      // Accounts are made by an admin (or the first-admin setup link), never by the public.
      disableSignUp: true,
      // The course's policy (machines/eip/password-policy.ts) is checked by our forms; these bounds only agree with it.
      minPasswordLength: PASSWORD_MIN_LENGTH,
      maxPasswordLength: PASSWORD_MAX_LENGTH,
    },
    session: { expiresIn: STAFF_SESSION.expiresInSeconds, updateAge: STAFF_SESSION.updateAgeSeconds },
    rateLimit: {
      enabled: true,
      storage: 'database',
      window: SIGN_IN_RATE_LIMIT.windowSeconds,
      max: 100,
      customRules: { '/sign-in/email': { window: SIGN_IN_RATE_LIMIT.windowSeconds, max: SIGN_IN_RATE_LIMIT.max } },
    },
    advanced: {
      cookiePrefix: 'plc-staff',
      useSecureCookies: baseUrl.protocol === 'https:',
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax' },
      // The one header Better Auth reads the client from is ours, carrying the address the limits
      // resolved (limits/client-address.server.ts: the socket's, or read through TRUSTED_PROXY_HOPS);
      // no trustedProxies, so it never walks an X-Forwarded-For chain of its own, and the same
      // IPv6 network size as our limits.
      ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER], ipv6Subnet: IPV6_SUBNET },
    },
    plugins: [admin({ roles: ROLES, defaultRole: 'instructor', adminRoles: ['admin'] })],
    // Failed sign-ins are expected traffic; the lockout and the audit log record what matters.
    logger: { level: 'error' },
  });
}

/** Better Auth configured for the course's staff. */
export type StaffAuth = ReturnType<typeof buildAuth>;

/** What the staff routes work with: the database, Better Auth over it, and the clock. */
export interface StaffServices {
  database: Database;
  auth: StaffAuth;
  /** The address the course is served at (BETTER_AUTH_URL or loopback). */
  baseUrl: URL;
  /** The current time; tests pass their own to step past a lock. */
  now: () => Date;
  /**
   * Runs `change` in one database transaction, with a Better Auth whose adapter works on that
   * transaction: what the admin plugin writes and the audit entry written on `tx` commit together
   * or not at all (record 012, "Audit entries and the plugin's changes").
   */
  inTransaction<T>(change: (auth: StaffAuth, tx: Tx) => Promise<T>): Promise<T>;
}

/** Better Auth over `database`, with the secret and address from the environment (or the database and loopback). */
export async function createStaffAuth(database: Database, env: NodeJS.ProcessEnv = process.env): Promise<StaffAuth> {
  return buildAuth(database.db, await staffSecret(database.db, env), staffBaseUrl(env));
}

/** Services for `database`; one Better Auth per database (tests make their own). */
export async function createStaffServices(database: Database, env: NodeJS.ProcessEnv = process.env): Promise<StaffServices> {
  const secret = await staffSecret(database.db, env);
  const baseUrl = staffBaseUrl(env);
  return {
    database,
    auth: buildAuth(database.db, secret, baseUrl),
    baseUrl,
    now: () => new Date(),
    // A Better Auth over the transaction itself, so that every query the plugin runs (the admin's
    // session included) goes through it: on PGlite's one connection, a query outside it would wait
    // for the transaction forever. Built per change: staff changes are rare, and it costs milliseconds.
    inTransaction: (change) => database.db.transaction((tx) => change(buildAuth(tx, secret, baseUrl), tx)),
  };
}

const SHARED_KEY = Symbol.for('plc-defense-lab.staff-services');
const holder = globalThis as { [SHARED_KEY]?: Promise<StaffServices> };

/** The process's staff services over the shared database, made on first use. */
export function staffServices(): Promise<StaffServices> {
  if (!holder[SHARED_KEY]) {
    const making = getDatabase().then((database) => createStaffServices(database));
    holder[SHARED_KEY] = making;
    making.catch(() => {
      if (holder[SHARED_KEY] === making) holder[SHARED_KEY] = undefined;
    });
  }
  return holder[SHARED_KEY];
}

/**
 * A request to Better Auth's own handler at `path` (e.g. `/sign-in/email`), built on the server:
 * JSON body, the configured origin (so its origin check passes only for requests we build), and
 * the client's address for the rate limit.
 */
export function authRequest(baseUrl: URL, path: string, body: unknown, clientAddress: string): Request {
  const { origin } = baseUrl;
  return new Request(`${origin}${AUTH_BASE_PATH}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin, [CLIENT_ADDRESS_HEADER]: clientAddress },
    body: JSON.stringify(body),
  });
}
