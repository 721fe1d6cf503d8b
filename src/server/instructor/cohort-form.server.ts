/**
 * The form that creates a cohort: name, labs, exam, dates, seat cap. Checked with zod against the
 * course's catalogues, every problem tied to its field and naming the fix. The class code is not
 * a field: the server draws it.
 */
import { z } from 'astro/zod';
import { type FieldErrors, fieldErrors, type FormState, refusedForm } from '../auth/forms.server.ts';

/** Most seats one cohort may have. ASSUMPTION: a class larger than this is a mistake in typing, not a class. */
export const SEAT_CAP_MAX = 500;

/**
 * A date and time typed in a `datetime-local` field ("2026-12-03T09:00"), read as UTC.
 * ASSUMPTION: staff type class times in UTC (the labels say so), as every staff page shows them,
 * rather than in a time zone the server would have to guess.
 */
function utcMoment(label: string) {
  return z
    .string({ error: `${label}: fill it in.` })
    .trim()
    .min(1, `${label}: fill it in.`)
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, `${label}: give a date and time such as 2026-12-03T09:00 (UTC).`)
    .transform((text, ctx) => {
      const at = new Date(`${text.length === 16 ? `${text}:00` : text}Z`);
      if (Number.isNaN(at.getTime())) {
        ctx.addIssue({ code: 'custom', message: `${label}: ${text} is not a real date; give one such as 2026-12-03T09:00 (UTC).` });
        return z.NEVER;
      }
      return at;
    });
}

/** The create-cohort form's schema, for the labs and exams the course has. */
export function cohortFormSchema(labIds: readonly string[], examIds: readonly string[]) {
  return z
    .object({
      name: z.string({ error: 'Name: fill it in.' }).trim().min(1, 'Name: fill it in.').max(100, 'Name: use at most 100 characters.'),
      labs: z
        .array(z.string())
        .max(labIds.length, 'Labs: pick each lab at most once.')
        .refine((ids) => ids.every((id) => labIds.includes(id)), 'Labs: pick labs from the list.')
        .refine((ids) => new Set(ids).size === ids.length, 'Labs: pick each lab at most once.'),
      exam: z
        .string()
        .trim()
        .refine((id) => id === '' || examIds.includes(id), 'Exam: pick an exam from the list, or none.'),
      opensAt: utcMoment('Opens'),
      closesAt: utcMoment('Closes'),
      seatCap: z
        .string({ error: 'Seats: fill it in.' })
        .trim()
        .regex(/^\d{1,6}$/, `Seats: give a whole number from 1 to ${SEAT_CAP_MAX}.`)
        .transform(Number)
        .refine((n) => n >= 1 && n <= SEAT_CAP_MAX, `Seats: give a whole number from 1 to ${SEAT_CAP_MAX}.`),
    })
    .superRefine((form, ctx) => {
      // zod runs this even when a field above failed; compare the dates only when both parsed.
      if (form.opensAt instanceof Date && form.closesAt instanceof Date && form.closesAt.getTime() <= form.opensAt.getTime()) ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'Closes: choose a time after the class opens.' });
      if (Array.isArray(form.labs) && form.labs.length === 0 && form.exam === '') ctx.addIssue({ code: 'custom', path: ['labs'], message: 'Labs: pick at least one lab, or an exam.' });
    });
}

/** A valid create-cohort form. */
export type CohortForm = z.output<ReturnType<typeof cohortFormSchema>>;

/** Fields a form posts once; `labs` may come many times (one per ticked box). */
const SINGLE_FIELDS = ['name', 'exam', 'opensAt', 'closesAt', 'seatCap'] as const;

/**
 * Reads the create-cohort form: the valid form, or a 400 with every problem at its field and what
 * was typed (ticked labs as a comma-separated list in `values.labs`, for showing the form again).
 */
export async function readCohortForm(
  request: Request,
  schema: ReturnType<typeof cohortFormSchema>,
  /** Fields the form does not offer, with the values to check it with (editing keeps the exam). */
  fixed: Record<string, string> = {},
): Promise<{ ok: true; data: CohortForm } | { ok: false; state: FormState }> {
  const type = request.headers.get('content-type') ?? '';
  let data: FormData | undefined;
  if (/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type)) data = await request.formData().catch(() => undefined);
  if (!data) return { ok: false, state: refusedForm(400, 'Send this as a web form (the page’s own form), not as another kind of request.') };
  const values: Record<string, string> = {};
  const fields: Record<string, unknown> = {};
  for (const name of SINGLE_FIELDS) {
    const all = data.getAll(name);
    const value = all.length === 1 && typeof all[0] === 'string' ? all[0] : undefined;
    if (value !== undefined) values[name] = value;
    // A field sent twice or as a file is as wrong as a missing one.
    fields[name] = all.length === 0 ? undefined : value === undefined ? { invalid: true } : value;
  }
  fields.exam ??= '';
  Object.assign(fields, fixed);
  const labs = data.getAll('labs').filter((v): v is string => typeof v === 'string');
  fields.labs = labs;
  values.labs = labs.join(',');
  const parsed = schema.safeParse(fields);
  if (!parsed.success) return { ok: false, state: { status: 400, values, errors: fieldErrors(parsed.error) as FieldErrors } };
  return { ok: true, data: parsed.data };
}
