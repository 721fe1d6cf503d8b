/**
 * The staff forms' one way to read a POST: plain HTML forms (they work without JavaScript),
 * validated with zod, every problem tied to the field it is about and naming the fix. Passwords
 * are checked against the course's one password rule (§1-6, machines/eip/password-policy.ts),
 * and never echoed back into a page.
 */
import { z } from 'astro/zod';
import { checkPassword, PASSWORD_POLICY_TEXT } from '../../../machines/eip/password-policy.ts';
import { PASSWORD_MAX_LENGTH } from './limits.server.ts';

/** Problems per field name; `form` holds those about the whole form. */
export type FieldErrors = Partial<Record<string, string[]>>;

/** A form to show (again): its HTTP status, what was typed (never passwords), the problems and a notice. */
export interface FormState {
  status: number;
  values: Record<string, string>;
  errors: FieldErrors;
  /** A sentence shown above the form (success, or why nothing happened). */
  notice?: string | undefined;
}

/** What a staff page handler decides: a response to send as is (a redirect, a refusal), or a form to render. */
export type PageOutcome = { response: Response } | FormState;

/** An empty form, as a page first shows it. */
export function blankForm(notice?: string): FormState {
  return { status: 200, values: {}, errors: {}, notice };
}

/** A form refused with one problem about the whole form (or a field). */
export function refusedForm(status: number, message: string, values: Record<string, string> = {}, field = 'form'): FormState {
  return { status, values, errors: { [field]: [message] } };
}

/** A 303 to `location` (the answer to a successful POST), with any cookies to set. */
export function seeOther(location: string, setCookies: readonly string[] = []): { response: Response } {
  const headers = new Headers({ location, 'cache-control': 'no-store' });
  for (const cookie of setCookies) headers.append('set-cookie', cookie);
  return { response: new Response(null, { status: 303, headers }) };
}

/** An e-mail address field: trimmed, lower case, a real address. */
export const emailField = z
  .string({ error: 'E-mail: fill it in.' })
  .trim()
  .min(1, 'E-mail: fill it in.')
  .max(254, 'E-mail: use at most 254 characters.')
  .pipe(z.email({ error: 'E-mail: enter an address such as name@example.org.' }))
  .transform((email) => email.toLowerCase());

/** A person's name as other staff see it. */
export const nameField = z
  .string({ error: 'Name: fill it in.' })
  .trim()
  .min(1, 'Name: fill it in.')
  .max(100, 'Name: use at most 100 characters.');

/** A password as typed (its strength is checked by `passwordProblems`, which names every rule broken). */
export function passwordField(label: string) {
  return z
    .string({ error: `${label}: fill it in.` })
    .min(1, `${label}: fill it in.`)
    .max(PASSWORD_MAX_LENGTH, `${label}: use at most ${PASSWORD_MAX_LENGTH} characters.`);
}

/** A reason an admin gives, kept in the audit log. */
export const reasonField = z
  .string({ error: 'Reason: say why, in a few words.' })
  .trim()
  .min(1, 'Reason: say why, in a few words.')
  .max(500, 'Reason: use at most 500 characters.');

/** The hint under every new-password field: the course's rule (§1-6), in words. */
export const NEW_PASSWORD_HINT = `${PASSWORD_POLICY_TEXT} The user name is the part of the e-mail address before the @.`;

/**
 * What the course's password rule says is wrong with `password` for the account `email`, each
 * problem naming the fix; [] when it passes. The rule's "user name" is the part of the e-mail
 * address before the @ (what the person signs in as), when it is long enough to mean something.
 */
export function passwordProblems(password: string, email: string): string[] {
  const local = email.split('@')[0] ?? '';
  // ASSUMPTION: a sign-in name shorter than 3 characters is too short to forbid inside a password.
  const result = checkPassword(password, local.length >= 3 ? { userName: local } : {});
  return result.ok ? [] : result.problems;
}

/** The form's fields as strings; a file where text belongs is kept as a marker the schema refuses. */
async function formFields(request: Request): Promise<Record<string, unknown> | undefined> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type)) return undefined;
  try {
    const data = await request.formData();
    const fields: Record<string, unknown> = {};
    for (const [name, value] of data) fields[name] = typeof value === 'string' ? value : { file: true };
    return fields;
  } catch {
    return undefined;
  }
}

/** Problems from a zod error, by the field each is about. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = typeof issue.path[0] === 'string' ? issue.path[0] : 'form';
    errors[field] = [...(errors[field] ?? []), issue.message];
  }
  return errors;
}

/** Adds problems to a field's list. */
export function addErrors(errors: FieldErrors, field: string, problems: readonly string[]): FieldErrors {
  if (problems.length === 0) return errors;
  return { ...errors, [field]: [...(errors[field] ?? []), ...problems] };
}

/**
 * Reads and validates a POSTed form. On success the parsed data and the typed values (for
 * showing the form again); otherwise a 400 form naming every field at fault. Fields listed in
 * `secret` (passwords) are never copied into the values.
 */
export async function readForm<S extends z.ZodType<Record<string, unknown>>>(
  request: Request,
  schema: S,
  secret: readonly string[] = [],
): Promise<{ ok: true; data: z.output<S>; values: Record<string, string> } | { ok: false; state: FormState }> {
  const fields = await formFields(request);
  if (!fields) {
    return { ok: false, state: refusedForm(400, 'Send this as a web form (the page’s own form), not as another kind of request.') };
  }
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value === 'string' && !secret.includes(name)) values[name] = value;
  }
  const parsed = schema.safeParse(fields);
  if (!parsed.success) return { ok: false, state: { status: 400, values, errors: fieldErrors(parsed.error) } };
  return { ok: true, data: parsed.data, values };
}
