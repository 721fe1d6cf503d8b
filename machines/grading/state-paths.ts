/**
 * Paths into the state document config checks read (grader.ts `stateDocument`): is a dotted
 * path one the document has, and if not, which real paths are close? The shape is taken from a
 * real document (the lab's starting rack), so it cannot drift from what the grader builds. A
 * mistyped path would otherwise read as "nothing" — and `none`, `empty` or `notEquals` on
 * nothing always pass.
 *
 * Pure: plain data in, words out.
 */

/** Written in place of a list index in the paths shown: "eip.users.<i>.role". */
export const ANY_INDEX = '<i>';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One element with every field any element of the list has (the first value seen wins). */
function mergedElement(list: readonly unknown[]): unknown {
  const records = list.filter(isRecord);
  if (records.length === 0) return list[0];
  const merged: Record<string, unknown> = Object.create(null);
  for (const r of records) for (const [k, v] of Object.entries(r)) if (!Object.hasOwn(merged, k)) merged[k] = v;
  return merged;
}

/** An object keyed by numbers (task passwords by task number), whose keys are data, not fields. */
function isNumberKeyed(value: Record<string, unknown>): boolean {
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => /^\d+$/.test(k));
}

/**
 * Every path of the document, lists written with ANY_INDEX. A list or object that is empty in
 * the document ends its path: what it holds later cannot be known from it.
 */
export function knownPaths(doc: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown, prefix: string): void => {
    if (prefix !== '') out.push(prefix);
    const join = (key: string) => (prefix === '' ? key : `${prefix}.${key}`);
    if (Array.isArray(node)) {
      if (node.length > 0) walk(mergedElement(node), join(ANY_INDEX));
    } else if (isRecord(node)) {
      if (isNumberKeyed(node)) walk(mergedElement(Object.values(node)), join(ANY_INDEX));
      else for (const [k, v] of Object.entries(node)) walk(v, join(k));
    }
  };
  walk(doc, '');
  return out;
}

/** Levenshtein distance, for "did you mean". */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** Up to `count` known paths nearest to `path` (indices compared as ANY_INDEX). */
export function closePaths(doc: unknown, path: string, count = 3): string[] {
  const wanted = path
    .split('.')
    .map((s) => (/^\d+$/.test(s) ? ANY_INDEX : s))
    .join('.');
  return knownPaths(doc)
    .map((p) => ({ p, d: distance(wanted, p) }))
    .sort((x, y) => x.d - y.d || x.p.localeCompare(y.p))
    .slice(0, count)
    .map((x) => x.p);
}

/**
 * Why `path` is not a path of `doc`, naming the first unknown part and listing close valid
 * paths; null when it is one. A list index may be any whole number; below a list or object that
 * is empty (or null at `openWhenNull` prefixes, such as an EIP21S the learner may still fit),
 * nothing more can be checked and the path is accepted.
 */
export function statePathProblem(doc: unknown, path: string, openWhenNull: readonly string[] = []): string | null {
  const parts = path.split('.');
  let node = doc;
  for (const [i, part] of parts.entries()) {
    const here = parts.slice(0, i).join('.');
    if (node === null && openWhenNull.includes(here)) return null;
    let next: unknown;
    let found = false;
    if (Array.isArray(node)) {
      if (node.length === 0 && /^\d+$/.test(part)) return null;
      found = /^\d+$/.test(part);
      next = mergedElement(node);
    } else if (isRecord(node)) {
      if (Object.keys(node).length === 0 || (isNumberKeyed(node) && /^\d+$/.test(part))) return null;
      found = Object.hasOwn(node, part);
      next = found ? node[part] : undefined;
    }
    if (!found) {
      const what = here === '' ? 'the state' : here;
      const kind = Array.isArray(node) ? `${what} is a list: give an element number such as ${here}.0` : isRecord(node) ? `${what} has no field "${part}"` : `${what} is a single value with no fields`;
      return `"${path}" is not a path of the state the grader checks: ${kind}. Close valid paths: ${closePaths(doc, path).join(', ')}`;
    }
    node = next;
  }
  return null;
}
