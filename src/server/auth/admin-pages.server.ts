/**
 * The admin's pages (`/instructor/admin` and `/instructor/admin/accounts/<id>`): list the staff
 * accounts, create an instructor, disable or enable an account, reset its password. Every change
 * goes through Better Auth's admin plugin (which checks the role again) and is appended to the
 * audit log with who did it. Only admins get in (`requireStaff`); an instructor gets a 403.
 */
import { z } from 'astro/zod';
import { APIError } from 'better-auth/api';
import { asc, eq } from 'drizzle-orm';
import { appendAudit } from '../db/audit.server.ts';
import { user } from '../db/schema.server.ts';
import { addErrors, emailField, type FormState, nameField, passwordField, passwordProblems, readForm, reasonField, refusedForm, seeOther } from './forms.server.ts';
import { newPasswordErrors, newPasswordFields } from './setup-page.server.ts';
import { type StaffServices, staffServices } from './staff-auth.server.ts';
import { requireStaff, type Staff } from './staff.server.ts';

/** The admin's list page. */
export const ADMIN_PATH = '/instructor/admin';
/** One account's page under the admin's list. */
export const accountPath = (id: string) => `${ADMIN_PATH}/accounts/${encodeURIComponent(id)}`;

/** A staff account as the admin pages show it. */
export type StaffAccount = Pick<typeof user.$inferSelect, 'id' | 'name' | 'email' | 'role' | 'banned' | 'banReason' | 'createdAt'>;

const ACCOUNT_COLUMNS = { id: true, name: true, email: true, role: true, banned: true, banReason: true, createdAt: true } as const;

/** What an admin page renders, or the response to send instead (a redirect, a refusal). */
export type AdminOutcome<Extra> = { response: Response } | ({ admin: Staff; form: FormState } & Extra);

const createForm = z.object({ name: nameField, email: emailField, password: passwordField('Initial password') });

/** The list page: every staff account, and the form that creates an instructor. */
export async function adminListPage(context: { request: Request }, services?: StaffServices): Promise<AdminOutcome<{ accounts: StaffAccount[] }>> {
  const svc = services ?? (await staffServices());
  const gate = await requireStaff(context, 'admin', { page: true, services: svc });
  if (gate instanceof Response) return { response: gate };
  const { request } = context;
  const { db } = svc.database;
  const list = () => db.query.user.findMany({ columns: ACCOUNT_COLUMNS, orderBy: [asc(user.role), asc(user.name)] });
  if (request.method !== 'POST') {
    const created = new URL(request.url).searchParams.get('created');
    const made = created ? await db.query.user.findFirst({ where: eq(user.id, created), columns: { name: true, email: true } }) : undefined;
    const notice = made ? `Account created for ${made.name} (${made.email}). Give them their initial password in person or by another channel.` : undefined;
    return { admin: gate, form: { status: 200, values: {}, errors: {}, notice }, accounts: await list() };
  }
  const form = await readForm(request, createForm, ['password']);
  if (!form.ok) return { admin: gate, form: form.state, accounts: await list() };
  const { name, email, password } = form.data;
  const problems = passwordProblems(password, email).map((p) => `Initial password: ${p}`);
  if (problems.length > 0) return { admin: gate, form: { status: 400, values: form.values, errors: addErrors({}, 'password', problems) }, accounts: await list() };
  try {
    const made = await svc.inTransaction(async (auth, tx) => {
      const { user: created } = await auth.api.createUser({ body: { name, email, password, role: 'instructor' }, headers: request.headers });
      await appendAudit(tx, { actor: { kind: 'user', id: gate.id }, action: 'instructor.created', subject: created.id, detail: { email, name } });
      return created;
    });
    return seeOther(`${ADMIN_PATH}?created=${encodeURIComponent(made.id)}`);
  } catch (error) {
    if (error instanceof APIError && error.body?.code === 'USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL') {
      return { admin: gate, form: refusedForm(400, 'E-mail: an account with this address already exists; use another.', form.values, 'email'), accounts: await list() };
    }
    throw error;
  }
}

const accountForm = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('disable'), reason: reasonField }),
  z.object({ intent: z.literal('enable') }),
  z.object({ intent: z.literal('reset-password'), ...newPasswordFields }),
]);

/** Said after each change, on the account's page. */
const DONE: Record<z.infer<typeof accountForm>['intent'], string> = {
  disable: 'The account is disabled: it cannot sign in, and its sessions were ended.',
  enable: 'The account is enabled again: it can sign in.',
  'reset-password': 'The password was reset and the account’s sessions were ended. Give the new password in person or by another channel.',
};

/** One account's page: its state, and the forms that disable or enable it and reset its password. */
export async function adminAccountPage(
  context: { request: Request; id: string },
  services?: StaffServices,
): Promise<AdminOutcome<{ account: StaffAccount | undefined }>> {
  const svc = services ?? (await staffServices());
  const gate = await requireStaff(context, 'admin', { page: true, services: svc });
  if (gate instanceof Response) return { response: gate };
  const { request, id } = context;
  const { db } = svc.database;
  const account = await db.query.user.findFirst({ where: eq(user.id, id), columns: ACCOUNT_COLUMNS });
  if (!account) return { admin: gate, form: refusedForm(404, 'There is no staff account at this address. Pick one from the list.'), account };
  if (request.method !== 'POST') {
    const done = new URL(request.url).searchParams.get('done');
    const notice = done && Object.hasOwn(DONE, done) ? DONE[done as keyof typeof DONE] : undefined;
    return { admin: gate, form: { status: 200, values: {}, errors: {}, notice }, account };
  }
  const form = await readForm(request, accountForm, ['password', 'confirm']);
  if (!form.ok) return { admin: gate, form: form.state, account };
  const change = form.data;
  const actor = { kind: 'user', id: gate.id } as const;
  const headers = request.headers;
  // Each change and its audit entry commit together or not at all (svc.inTransaction).
  if (change.intent === 'disable') {
    if (account.id === gate.id) return { admin: gate, form: refusedForm(400, 'You cannot disable your own account: ask another admin.', form.values), account };
    await svc.inTransaction(async (auth, tx) => {
      await auth.api.banUser({ body: { userId: account.id, banReason: change.reason }, headers });
      await appendAudit(tx, { actor, action: 'instructor.disabled', subject: account.id, reason: change.reason });
    });
  } else if (change.intent === 'enable') {
    await svc.inTransaction(async (auth, tx) => {
      await auth.api.unbanUser({ body: { userId: account.id }, headers });
      await appendAudit(tx, { actor, action: 'instructor.enabled', subject: account.id });
    });
  } else {
    const errors = newPasswordErrors(change.password, change.confirm, account.email);
    if (Object.keys(errors).length > 0) return { admin: gate, form: { status: 400, values: form.values, errors }, account };
    await svc.inTransaction(async (auth, tx) => {
      await auth.api.setUserPassword({ body: { userId: account.id, newPassword: change.password }, headers });
      // The old password may be what leaked: whoever holds a session opened with it is signed out.
      if (account.id !== gate.id) await auth.api.revokeUserSessions({ body: { userId: account.id }, headers });
      await appendAudit(tx, { actor, action: 'instructor.password-reset', subject: account.id });
    });
  }
  return seeOther(`${accountPath(account.id)}?done=${change.intent}`);
}
