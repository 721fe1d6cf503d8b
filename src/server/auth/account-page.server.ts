/**
 * The signed-in person's own page (`/instructor/account`): who they are, and the form that
 * changes their password — under the course's password rule, and ending their other sessions.
 */
import { z } from 'astro/zod';
import { APIError } from 'better-auth/api';
import { type FormState, passwordField, readForm } from './forms.server.ts';
import { newPasswordErrors, newPasswordFields } from './setup-page.server.ts';
import { type StaffServices, staffServices } from './staff-auth.server.ts';
import { requireStaff, type Staff } from './staff.server.ts';
import { seeOther } from './forms.server.ts';
import { appendAudit } from '../db/audit.server.ts';
import { USER_ROLES } from '../db/values.server.ts';

/** The account page. */
export const ACCOUNT_PATH = '/instructor/account';

const changeForm = z.object({ currentPassword: passwordField('Current password'), ...newPasswordFields });

/** The account page: GET shows it; POST changes the password, keeping this session and ending the others. */
export async function accountPage(context: { request: Request }, services?: StaffServices): Promise<{ response: Response } | { staff: Staff; form: FormState }> {
  const svc = services ?? (await staffServices());
  const gate = await requireStaff(context, USER_ROLES, { page: true, services: svc });
  if (gate instanceof Response) return { response: gate };
  const { request } = context;
  if (request.method !== 'POST') {
    const notice = new URL(request.url).searchParams.has('changed') ? 'Your password is changed; your other sessions were signed out.' : undefined;
    return { staff: gate, form: { status: 200, values: {}, errors: {}, notice } };
  }
  const form = await readForm(request, changeForm, ['currentPassword', 'password', 'confirm']);
  if (!form.ok) return { staff: gate, form: form.state };
  const { currentPassword, password, confirm } = form.data;
  const errors = newPasswordErrors(password, confirm, gate.email);
  if (Object.keys(errors).length > 0) return { staff: gate, form: { status: 400, values: {}, errors } };
  try {
    // The change and its audit entry commit together (record 012).
    const { headers } = await svc.inTransaction(async (auth, tx) => {
      const changed = await auth.api.changePassword({
        body: { currentPassword, newPassword: password, revokeOtherSessions: true },
        headers: request.headers,
        returnHeaders: true,
      });
      await appendAudit(tx, { actor: { kind: 'user', id: gate.id }, action: 'instructor.password-changed', subject: gate.id });
      return changed;
    });
    return seeOther(`${ACCOUNT_PATH}?changed`, headers.getSetCookie());
  } catch (error) {
    if (error instanceof APIError && error.body?.code === 'INVALID_PASSWORD') {
      return { staff: gate, form: { status: 400, values: {}, errors: { currentPassword: ['Current password: that is not your password; type the one you sign in with.'] } } };
    }
    throw error;
  }
}
