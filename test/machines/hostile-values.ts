/**
 * Hostile JSON for property tests: values whose keys and strings favour the names every plain
 * object inherits (`constructor`, `toString`, `__proto__`…), odd numbers (NaN, Infinity, -0,
 * beyond 16 bits), and `spoiled(arb)`, which damages a well-formed value at any depth.
 */
import fc from 'fast-check';

/** Names every plain object inherits: a lookup by `in` or `obj[key]` finds them. */
export const PROTOTYPE_KEYS = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', 'toLocaleString'] as const;

/** Strings a hostile sender would try: prototype names, empty text, real names. */
export const nastyString = fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), fc.constantFrom('', ' ', 'D', 'CIO', 'usb', 'network', 'fins-udp'), fc.string({ maxLength: 8 }));
export const nastyNumber = fc.oneof(
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, -1, 0.5, 65535, 65536, 2 ** 32, Number.MAX_SAFE_INTEGER + 2),
  fc.integer({ min: -10, max: 70_000 }),
);

/** An object whose own keys include prototype names (made with defineProperty, as JSON.parse does). */
export function withKeys(entries: [string, unknown][]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}

/** Arbitrary JSON-like values whose keys and strings favour prototype names. */
export const nastyValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    nastyString,
    nastyNumber,
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.array(fc.tuple(fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), fc.string({ maxLength: 5 })), tie('value')), { maxLength: 3 }).map(withKeys),
  ),
})).value;

/** Every place in a JSON-like value: the containers (to add keys to) and the leaves (to replace). */
function places(node: unknown, path: string[] = []): string[][] {
  if (node === null || typeof node !== 'object') return [path];
  return [path, ...Object.entries(node).flatMap(([k, v]) => places(v, [...path, k]))];
}

/** Replaces the value at `path` (or, for the root, returns the replacement). */
function replaceAt(root: unknown, path: string[], value: unknown): unknown {
  if (path.length === 0) return value;
  let node = root as Record<string, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  Object.defineProperty(node, path[path.length - 1] as string, { value, enumerable: true, writable: true, configurable: true });
  return root;
}

/** A deep copy keeping own keys named `__proto__` (generated values must not be mutated in place). */
function copy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copy);
  if (value === null || typeof value !== 'object') return value;
  return withKeys(Object.entries(value).map(([k, v]) => [k, copy(v)]));
}

/** A mutation: at some place, replace the value with a nasty one, or add a prototype-named key beside it. */
const mutation = fc.record({ at: fc.nat(), addKey: fc.boolean(), key: fc.constantFrom(...PROTOTYPE_KEYS), value: nastyValue });

/** A well-formed value spoiled by one to three mutations anywhere, at any depth. */
export function spoiled(base: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.tuple(base, fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([value, mutations]) => {
    let root: unknown = copy(value);
    for (const m of mutations) {
      const all = places(root);
      const path = all[m.at % all.length] ?? [];
      const target = path.reduce<unknown>((node, k) => (node as Record<string, unknown>)[k], root);
      // JSON gives keys to objects only, never to lists.
      if (m.addKey && target !== null && typeof target === 'object' && !Array.isArray(target)) replaceAt(root, [...path, m.key], copy(m.value));
      else root = replaceAt(root, path, copy(m.value));
    }
    return root;
  });
}
