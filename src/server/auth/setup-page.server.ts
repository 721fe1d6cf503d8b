/**
 * The first admin's setup page (`/setup/<token>`): the one-time link printed at the first start
 * leads here. The person chooses their name, e-mail and password (under the course's password
 * rule); the account is made with the admin role, the token is spent, and the link never works
 * again — nor does any other setup link, once an admin exists.
 */
import { z } from 'astro/zod';
import { appendAudit } from '../db/audit.server.ts';
import { consumeSetupToken, setupTokenUsable } from './first-admin.server.ts';
import { addErrors, emailField, type FormState, nameField, type PageOutcome, passwordField, passwordProblems, readForm, refusedForm, seeOther } from './forms.server.ts';
import { type StaffServices, staffServices } from './staff-auth.server.ts';
import { SIGN_IN_PATH } from './staff.server.ts';

/** Said for any link that does not work, so a forged token learns nothing a used one would not. */
export const SETUP_LINK_REFUSED =
  'This setup link does not work: it was already used, it expired, or it was never issued. If no admin account exists yet, restart the server to print a new link.';

/** Fields of the form that sets a new password, with a second copy to catch typing mistakes. */
export const newPasswordFields = {
  password: passwordField('Password'),
  confirm: z.string({ error: 'Password again: type the password a second time.' }),
};

/** The problems with a new password for `email`: the course's rule, and the two copies agreeing. */
export function newPasswordErrors(password: string, confirm: string, email: string): FormState['errors'] {
  let errors = addErrors({}, 'password', passwordProblems(password, email));
  if (confirm !== password) errors = addErrors(errors, 'confirm', ['Password again: it does not match the password; type the same one twice.']);
  return errors;
}

const setupForm = z.object({ name: nameField, email: emailField, ...newPasswordFields });

/** The setup page: GET shows the form while the link works; POST makes the first admin and sends them to sign in. */
export async function setupPage(context: { request: Request; token: string }, services?: StaffServices): Promise<PageOutcome> {
  const svc = services ?? (await staffServices());
  const { request, token } = context;
  const { db } = svc.database;
  if (!(await setupTokenUsable(db, token, svc.now()))) return refusedForm(404, SETUP_LINK_REFUSED);
  if (request.method !== 'POST') return { status: 200, values: {}, errors: {} };
  const form = await readForm(request, setupForm, ['password', 'confirm']);
  if (!form.ok) return form.state;
  const { name, email, password, confirm } = form.data;
  const errors = newPasswordErrors(password, confirm, email);
  if (Object.keys(errors).length > 0) return { status: 400, values: form.values, errors };
  // Everything is checked before the token is spent, so a typing mistake never burns the link; the
  // spend, the account and its audit entry commit together, so a failure leaves the link usable.
  const made = await svc.inTransaction(async (auth, tx) => {
    if (!(await consumeSetupToken(tx, token, svc.now()))) return false;
    const { user } = await auth.api.createUser({ body: { name, email, password, role: 'admin' } });
    await appendAudit(tx, { actor: { kind: 'user', id: user.id }, action: 'admin.setup', subject: user.id, detail: { email } });
    return true;
  });
  if (!made) return refusedForm(404, SETUP_LINK_REFUSED);
  return seeOther(`${SIGN_IN_PATH}?ready`);
}
