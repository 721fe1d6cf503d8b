/**
 * Refusals the learner routes send: each names the field and the fix, as JSON for scripts and as
 * words on the pages. One shape for every route, so a form can put each message by its field.
 */
import type { z } from 'astro/zod';

/** One thing wrong with a request: the field (dotted path) and what to do. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** Zod's issues as field problems (the root of the body is called "body"). */
export function problemsOf(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.map(String).join('.') : 'body',
    message: issue.code === 'unrecognized_keys' ? `remove the unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}` : issue.message,
  }));
}

/** Headers every learner route's answer carries: never cached, since each is one learner's. */
export const PRIVATE = { 'Cache-Control': 'no-store' } as const;

/** A 400 (or another refusal status) naming each field and its fix. */
export function refusal(problems: readonly FieldProblem[], status = 400): Response {
  const first = problems[0];
  return Response.json({ error: first ? `${first.field}: ${first.message}` : 'the request was refused', problems }, { status, headers: PRIVATE });
}

/**
 * The body of a request as a plain value: JSON, or form fields (a field sent twice becomes a
 * list); `{ value: undefined }` for an empty body. Undefined when it cannot be read (bad JSON,
 * another content type).
 */
export async function readBody(request: Request): Promise<{ value: unknown } | undefined> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  try {
    if (type === 'application/json' || type === '') {
      const text = await request.text();
      if (text.trim() === '') return { value: undefined };
      return type === '' ? undefined : { value: JSON.parse(text) };
    }
    if (type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data') {
      const form = await request.formData();
      const fields: Record<string, string | string[]> = {};
      for (const [name, value] of form.entries()) {
        if (typeof value !== 'string') continue;
        const before = fields[name];
        fields[name] = before === undefined ? value : Array.isArray(before) ? [...before, value] : [before, value];
      }
      return { value: fields };
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/** A 400 for a body that is not JSON or form fields. */
export function unreadable(): Response {
  return refusal([{ field: 'body', message: 'send JSON (Content-Type: application/json) or form fields' }]);
}
