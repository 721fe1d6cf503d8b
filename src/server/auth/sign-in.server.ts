/**
 * Signing staff in and out. A sign-in passes three gates, each holding across instances because
 * each lives in the database: the per-account lockout (lockout.server.ts), Better Auth's rate
 * limit per client address, then the password itself. Every refusal says when to try again and
 * none says whether the address has an account.
 */
import { z } from 'astro/zod';
import { clearFailures, lockedUntil, recordFailure } from './lockout.server.ts';
import { authRequest, type StaffServices, staffServices } from './staff-auth.server.ts';
import { blankForm, emailField, type PageOutcome, passwordField, readForm, refusedForm, seeOther } from './forms.server.ts';
import { SIGN_IN_PATH, staffFrom } from './staff.server.ts';

/** Where staff land after signing in when no page asked for it. */
export const STAFF_HOME = '/instructor';
/** Where an admin lands after signing in when no page asked for it. */
export const ADMIN_HOME = '/instructor/admin';

/** How a sign-in attempt ended. */
export type SignInResult =
  | { ok: true; setCookies: string[] }
  | { ok: false; reason: 'wrong-password'; lockedUntil?: Date | undefined }
  | { ok: false; reason: 'locked'; until: Date }
  | { ok: false; reason: 'rate-limited'; retryAfterSeconds: number }
  | { ok: false; reason: 'disabled' };

/** Signs in with e-mail and password from `clientAddress`; on success, the session cookies to set. */
export async function signInWithPassword(services: StaffServices, email: string, password: string, clientAddress: string): Promise<SignInResult> {
  const { database, auth } = services;
  const now = services.now();
  const until = await lockedUntil(database.db, email, now);
  if (until) return { ok: false, reason: 'locked', until };
  const response = await auth.handler(authRequest(services.baseUrl, '/sign-in/email', { email, password, rememberMe: true }, clientAddress));
  if (response.ok) {
    await clearFailures(database.db, email);
    return { ok: true, setCookies: response.headers.getSetCookie() };
  }
  if (response.status === 429) {
    return { ok: false, reason: 'rate-limited', retryAfterSeconds: Number(response.headers.get('x-retry-after')) || 60 };
  }
  const body = (await response.json().catch(() => ({}))) as { code?: string };
  if (response.status === 403 && body.code === 'BANNED_USER') return { ok: false, reason: 'disabled' };
  if (response.status === 401) return { ok: false, reason: 'wrong-password', lockedUntil: await recordFailure(database.db, email, now) };
  throw new Error(`Sign-in answered ${response.status} ${body.code ?? ''}: not an outcome the sign-in page knows.`);
}

/** "06:42:10 UTC (in 2 minutes)": when a lock or limit ends, for people. */
export function whenAgain(until: Date, now: Date): string {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  const unit = new Intl.PluralRules('en').select(minutes) === 'one' ? 'minute' : 'minutes';
  return `${until.toISOString().slice(11, 19)} UTC (in ${minutes} ${unit})`;
}

/** The message for a refused sign-in, and its HTTP status. Never says whether the address has an account. */
export function signInRefusal(result: Exclude<SignInResult, { ok: true }>, now: Date): { status: number; message: string } {
  switch (result.reason) {
    case 'wrong-password':
      return result.lockedUntil
        ? { status: 401, message: `The e-mail address or the password is wrong, and that was one failure too many: try again after ${whenAgain(result.lockedUntil, now)}.` }
        : { status: 401, message: 'The e-mail address or the password is wrong. Check both and try again.' };
    case 'locked':
      return { status: 429, message: `Too many failed sign-ins for this e-mail address: try again after ${whenAgain(result.until, now)}.` };
    case 'rate-limited':
      return {
        status: 429,
        message: `Too many sign-in attempts from your network: try again after ${whenAgain(new Date(now.getTime() + result.retryAfterSeconds * 1000), now)}.`,
      };
    case 'disabled':
      return { status: 403, message: 'This account is disabled. Ask an administrator to enable it.' };
  }
}

/** A page to return to after signing in: a path on this site, never another site. */
export function safeNext(next: string | undefined | null): string | undefined {
  if (!next?.startsWith('/') || next.startsWith('//') || next.includes('\\')) return undefined;
  return next.startsWith(SIGN_IN_PATH) ? undefined : next;
}

const signInForm = z.object({
  email: emailField,
  password: passwordField('Password'),
  next: z.string().optional(),
});

/** The request and where it came from, as a page or endpoint sees them. */
export interface StaffRequest {
  request: Request;
  /** The client's address, for the rate limit. */
  clientAddress: string;
}

/**
 * The sign-in page (`/instructor/sign-in`). GET shows the form (or sends someone already signed
 * in on); POST signs in and goes to `next` (or the home of the account's role) with the session
 * cookie, or shows the form again with why not.
 */
export async function signInPage(context: StaffRequest, services?: StaffServices): Promise<PageOutcome> {
  const svc = services ?? (await staffServices());
  const { request } = context;
  const url = new URL(request.url);
  if (request.method !== 'POST') {
    const staff = await staffFrom(request, svc);
    if (staff) return seeOther(safeNext(url.searchParams.get('next')) ?? (staff.role === 'admin' ? ADMIN_HOME : STAFF_HOME));
    const notice = url.searchParams.has('signed-out') ? 'You are signed out.' : url.searchParams.has('ready') ? 'Your account is ready: sign in with it.' : undefined;
    return { ...blankForm(notice), values: { next: url.searchParams.get('next') ?? '' } };
  }
  const form = await readForm(request, signInForm, ['password']);
  if (!form.ok) return form.state;
  const { email, password, next } = form.data;
  const result = await signInWithPassword(svc, email, password, context.clientAddress);
  if (!result.ok) {
    const { status, message } = signInRefusal(result, svc.now());
    return refusedForm(status, message, form.values);
  }
  const target = safeNext(next);
  if (target) return seeOther(target, result.setCookies);
  const role = await svc.database.db.query.user.findFirst({ where: (u, { eq }) => eq(u.email, email), columns: { role: true } });
  return seeOther(role?.role === 'admin' ? ADMIN_HOME : STAFF_HOME, result.setCookies);
}

/** The sign-out page (`/instructor/sign-out`): GET offers the button, POST ends the session and clears the cookie. */
export async function signOutPage(context: { request: Request }, services?: StaffServices): Promise<PageOutcome> {
  const svc = services ?? (await staffServices());
  const { request } = context;
  if (request.method !== 'POST') return blankForm();
  const staff = await staffFrom(request, svc);
  if (!staff) return seeOther(`${SIGN_IN_PATH}?signed-out`);
  const { headers } = await svc.auth.api.signOut({ headers: request.headers, returnHeaders: true });
  return seeOther(`${SIGN_IN_PATH}?signed-out`, headers.getSetCookie());
}
