/**
 * The authorization helper every staff route uses (record 012): who is signed in, and a gate that
 * turns away anonymous visitors (401, or a redirect to the sign-in page for pages) and the wrong
 * role (403). The session is Better Auth's, read from its HttpOnly cookie and checked against the
 * database on every request, so disabling an account takes effect at once on every instance.
 */
import type { UserRole } from '../db/values.server.ts';
import { USER_ROLES } from '../db/values.server.ts';
import { type StaffServices, staffServices } from './staff-auth.server.ts';

/** A signed-in staff account, as routes need it. */
export interface Staff {
  id: string;
  name: string;
  email: string;
  role: UserRole;
}

/** The staff sign-in page. */
export const SIGN_IN_PATH = '/instructor/sign-in';

/** The signed-in account and its role, or null for anyone else (no cookie, an expired or revoked session, a disabled account). */
export async function staffFrom(request: Request, services?: StaffServices): Promise<Staff | null> {
  const { auth } = services ?? (await staffServices());
  const found = await auth.api.getSession({ headers: request.headers, query: { disableCookieCache: true } });
  if (!found) return null;
  const { id, name, email, role, banned } = found.user;
  const known = USER_ROLES.find((r) => r === role);
  if (banned || !known) return null;
  return { id, name, email, role: known };
}

/** Options of `requireStaff`. */
export interface RequireStaffOptions {
  /** For pages: send an anonymous visitor to the sign-in page (and back afterwards) instead of a 401. */
  page?: boolean;
  /** The services to use (tests); the process's shared ones by default. */
  services?: StaffServices;
}

/**
 * The signed-in account when its role is one of `roles`; otherwise the response to send: 401 for
 * nobody signed in (a 303 to the sign-in page when `page`), 403 for the wrong role. Admins do not
 * pass an instructor-only gate by default: name both roles where both may enter.
 */
export async function requireStaff(
  context: { request: Request },
  roles: UserRole | readonly UserRole[],
  options: RequireStaffOptions = {},
): Promise<Staff | Response> {
  const staff = await staffFrom(context.request, options.services);
  const allowed: readonly UserRole[] = typeof roles === 'string' ? [roles] : roles;
  const noStore = { 'cache-control': 'no-store' };
  if (!staff) {
    if (options.page) {
      const url = new URL(context.request.url);
      const next = encodeURIComponent(url.pathname + url.search);
      return new Response(null, { status: 303, headers: { ...noStore, location: `${SIGN_IN_PATH}?next=${next}` } });
    }
    return Response.json({ error: 'Sign in with a staff account first.' }, { status: 401, headers: noStore });
  }
  if (!allowed.includes(staff.role)) {
    return Response.json({ error: `This needs a ${allowed.join(' or ')} account; you are signed in as ${staff.role}.` }, { status: 403, headers: noStore });
  }
  return staff;
}
