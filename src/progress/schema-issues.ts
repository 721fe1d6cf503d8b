/**
 * Plain-language zod issues for data a learner brings (stored progress, an imported file). The
 * schemas in src/schemas/ use zod/mini in the browser, which has no built-in English messages,
 * so the shape problems the schemas leave unworded (a missing field, an unknown one, the wrong
 * kind of value) are worded here — naming what to fix — and a parse passes `issueMessage` as
 * its error map. Messages a schema sets itself win over these.
 */
import { z } from 'zod/mini';

const KINDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  record: 'an object',
};

/** What a JSON value is, in words ("a list", "text", "null"). */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return KINDS[typeof value] ?? typeof value;
}

/** A zod error map: a sentence for the shape issues, undefined to keep zod's own message. */
export function issueMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type': {
      const expected = KINDS[issue.expected] ?? issue.expected;
      return issue.input === undefined
        ? `this field is missing: add it (${expected})`
        : `expected ${expected}, not ${kindOf(issue.input)}`;
    }
    case 'unrecognized_keys': {
      const many = issue.keys.length > 1;
      return `unknown field${many ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}: remove ${many ? 'them' : 'it'}`;
    }
    case 'invalid_value':
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}`;
    default:
      return undefined;
  }
}

/** The first few issues as one sentence: `lessons["01-intro"].completedAt: expected a date…`. */
export function describeIssues(error: z.core.$ZodError): string {
  const shown = error.issues.slice(0, 3).map((issue) => {
    const path = issue.path
      .map((key, i) =>
        typeof key === 'number'
          ? `[${key}]`
          : /^[A-Za-z_$][\w$]*$/.test(String(key))
            ? `${i ? '.' : ''}${String(key)}`
            : `[${JSON.stringify(String(key))}]`,
      )
      .join('');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  const more = error.issues.length > 3 ? ` (and ${error.issues.length - 3} more problems)` : '';
  return shown.join('; ') + more;
}

/** Checks `value` against `schema`: the typed value, or a sentence naming each problem. */
export function checked<T>(schema: z.core.$ZodType<T>, value: unknown): T | string {
  const result = z.safeParse(schema, value, { error: issueMessage });
  return result.success ? result.data : describeIssues(result.error);
}
