/**
 * Per-learner lab variants. A lab file may declare variables (addresses, node numbers, user
 * names, lot numbers) and use them as `${name}` placeholders anywhere in its text; a seed draws
 * the values, so two neighbours get different rogue addresses and cannot copy answers. The same
 * seed always gives the same lab, and the grader instantiates with the learner's seed.
 *
 * Pure: a seeded PRNG (mulberry32), no Math.random, no clock.
 */

/** How a lab variable draws its value. Every kind names the default used when no seed is given. */
export type VariableSpec =
  /** One of a list of values (strings or numbers); the default is the first unless given. */
  | { oneOf: (string | number)[]; default?: string | number }
  /** A whole number in [min, max]. */
  | { int: { min: number; max: number }; default: number }
  /** An IPv4 address "prefix.N" with N in [from, to], e.g. prefix "192.168.250", from 100, to 199. */
  | { ip: { prefix: string; from: number; to: number }; default: string }
  /** A string of this many decimal digits (a production lot number, say). */
  | { digits: number; default: string };

/** The drawn value of every variable, by name. */
export type VariableValues = Record<string, string | number>;

/** A placeholder: `${name}` or `${name.host}` (the last octet of an address, as a number). */
const PLACEHOLDER = /\$\{([A-Za-z][A-Za-z0-9_]*)(?:\.(host))?\}/g;
const WHOLE_PLACEHOLDER = /^\$\{([A-Za-z][A-Za-z0-9_]*)(?:\.(host))?\}$/;

/** How many times a draw is retried to keep the variables' values distinct. */
const MAX_REDRAWS = 64;

/**
 * mulberry32: a tiny, well-mixed 32-bit PRNG. Returns a function giving floats in [0, 1).
 * Chosen because it is deterministic across engines and small enough to read.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A stable 32-bit seed from text (FNV-1a), e.g. `seedFromText(`${learnerId}:${labId}`)`, so the
 * browser and the server derive the same variant for a learner without storing it.
 */
export function seedFromText(text: string): number {
  let h = 0x811c9dc5;
  for (const ch of text) {
    h ^= ch.codePointAt(0) ?? 0;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * Why a variable cannot give learners different values, naming the part and the fix; null when
 * it can. An inverted or one-value range, a list of one value (or the same value twice) would
 * hand every learner the same variant, and a default outside the range is a value no seed draws.
 */
export function variableSpecProblem(spec: VariableSpec): string | null {
  if ('oneOf' in spec) {
    const distinct = new Set(spec.oneOf);
    if (distinct.size < spec.oneOf.length) return `oneOf lists a value twice: list each value once`;
    if (distinct.size < 2) return `oneOf needs at least two values, or every learner gets the same one: list more, or write the value itself instead of a variable`;
    if (spec.default !== undefined && !distinct.has(spec.default)) return `default ${JSON.stringify(spec.default)} is not one of the listed values`;
    return null;
  }
  if ('int' in spec) {
    const { min, max } = spec.int;
    if (min > max) return `int.min ${min} is above int.max ${max}: swap them`;
    if (min === max) return `int.min and int.max are both ${min}, so every learner gets ${min}: widen the range, or write the value itself`;
    if (spec.default < min || spec.default > max) return `default ${spec.default} is outside int.min ${min} … int.max ${max}`;
    return null;
  }
  if ('ip' in spec) {
    const { prefix, from, to } = spec.ip;
    if (from > to) return `ip.from ${from} is above ip.to ${to}: swap them`;
    if (from === to) return `ip.from and ip.to are both ${from}, so every learner gets ${prefix}.${from}: widen the range, or write the address itself`;
    const host = Number(spec.default.slice(prefix.length + 1));
    if (!spec.default.startsWith(`${prefix}.`) || !Number.isInteger(host) || host < from || host > to) {
      return `default ${spec.default} is not an address from ${prefix}.${from} to ${prefix}.${to}`;
    }
    return null;
  }
  if (spec.default.length !== spec.digits) return `default "${spec.default}" has ${spec.default.length} digit(s), not the ${spec.digits} of digits`;
  return null;
}

/** The values a variable can take, when there are few enough to list (keys tell 12 from "12"). */
function valueKeys(spec: VariableSpec, limit = 4096): Set<string> | null {
  const key = (v: string | number) => `${typeof v}:${v}`;
  const range = (from: number, to: number, make: (n: number) => string | number) =>
    to - from + 1 > limit ? null : new Set(Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => key(make(from + i))));
  if ('oneOf' in spec) return new Set(spec.oneOf.map(key));
  if ('int' in spec) return range(spec.int.min, spec.int.max, (n) => n);
  if ('ip' in spec) return range(spec.ip.from, spec.ip.to, (n) => `${spec.ip.prefix}.${n}`);
  return null; // digits: 10^n values, plenty for any lab
}

/**
 * Variables that must differ (`drawValues` keeps values distinct) but whose shared values are
 * fewer than the variables drawing from them: some seed must give two of them the same value.
 * One sentence per such group, naming the variables and the fix.
 */
export function sharedRangeProblems(variables: Readonly<Record<string, VariableSpec>>): string[] {
  const sets = Object.entries(variables).flatMap(([name, spec]) => {
    // A spec with its own problem is reported as such, not again here.
    const values = variableSpecProblem(spec) === null ? valueKeys(spec) : null;
    return values ? [{ names: [name], values }] : [];
  });
  // Merge variables whose values overlap into groups, until no two groups overlap.
  const groups: { names: string[]; values: Set<string> }[] = [];
  for (const set of sets) {
    let merged = set;
    for (let i = groups.length - 1; i >= 0; i--) {
      const g = groups[i];
      if (g && [...merged.values].some((v) => g.values.has(v))) {
        merged = { names: [...g.names, ...merged.names], values: new Set([...g.values, ...merged.values]) };
        groups.splice(i, 1);
      }
    }
    groups.push(merged);
  }
  return groups
    .filter((g) => g.values.size < g.names.length)
    .map((g) => `${g.names.join(', ')} must all differ but share only ${g.values.size} value(s): widen their ranges or make them disjoint`);
}

/** The value a variable takes when no seed is given. */
export function defaultValue(spec: VariableSpec): string | number {
  if ('oneOf' in spec) {
    const first = spec.oneOf[0];
    if (spec.default !== undefined) return spec.default;
    if (first === undefined) throw new Error('a oneOf variable needs at least one value');
    return first;
  }
  return spec.default;
}

function drawOne(spec: VariableSpec, random: () => number): string | number {
  const pick = (n: number) => Math.min(n - 1, Math.floor(random() * n));
  if ('oneOf' in spec) return spec.oneOf[pick(spec.oneOf.length)] ?? defaultValue(spec);
  if ('int' in spec) return spec.int.min + pick(spec.int.max - spec.int.min + 1);
  if ('ip' in spec) return `${spec.ip.prefix}.${spec.ip.from + pick(spec.ip.to - spec.ip.from + 1)}`;
  let digits = '';
  for (let i = 0; i < spec.digits; i++) digits += String(pick(10));
  return digits;
}

/**
 * Draws every variable for a seed, in declaration order. Values are kept distinct from one
 * another (a rogue laptop must never share the engineering PC's address); when a variable's
 * range is too small for that, the last draw stands and the lab validator reports the clash.
 * Without a seed every variable takes its default.
 */
export function drawValues(variables: Readonly<Record<string, VariableSpec>>, seed?: number): VariableValues {
  const values: VariableValues = {};
  if (seed === undefined) {
    for (const [name, spec] of Object.entries(variables)) values[name] = defaultValue(spec);
    return values;
  }
  const random = mulberry32(seed);
  const taken = new Set<string | number>();
  for (const [name, spec] of Object.entries(variables)) {
    let value = drawOne(spec, random);
    for (let i = 0; i < MAX_REDRAWS && taken.has(value); i++) value = drawOne(spec, random);
    taken.add(value);
    values[name] = value;
  }
  return values;
}

/** Names of the values that are equal although the lab needs them distinct. */
export function clashes(values: VariableValues): string[] {
  const seen = new Map<string | number, string>();
  const out: string[] = [];
  for (const [name, value] of Object.entries(values)) {
    const other = seen.get(value);
    if (other !== undefined) out.push(`${other} and ${name} are both ${JSON.stringify(value)}`);
    else seen.set(value, name);
  }
  return out;
}

function resolve(values: VariableValues, name: string, accessor: string | undefined): string | number {
  // An own key only: `${constructor}` must not find what every object inherits.
  const value = Object.hasOwn(values, name) ? values[name] : undefined;
  if (value === undefined) {
    throw new Error(`unknown variable "\${${name}}": declare it under "variables" or fix the spelling`);
  }
  if (accessor === 'host') {
    const host = Number(String(value).split('.')[3]);
    if (!Number.isInteger(host)) throw new Error(`"\${${name}.host}": ${name} is not an IPv4 address`);
    return host;
  }
  return value;
}

/**
 * Fills every `${name}` placeholder in a JSON-like value. A string that is exactly one
 * placeholder becomes the variable's value itself (so `finsNode: ${scadaNode}` stays a number);
 * placeholders inside longer text are interpolated. Throws naming an unknown variable.
 */
export function substitute<T>(template: T, values: VariableValues): T {
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') {
      const whole = WHOLE_PLACEHOLDER.exec(node);
      if (whole?.[1]) return resolve(values, whole[1], whole[2]);
      return node.replace(PLACEHOLDER, (_m, name: string, accessor: string | undefined) => String(resolve(values, name, accessor)));
    }
    if (Array.isArray(node)) return node.map(walk);
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v)]));
    }
    return node;
  };
  return walk(template) as T;
}

/** A place in a lab where the file has text with placeholders: its path and the text as written. */
export interface PlaceholderSlot {
  path: (string | number)[];
  text: string;
}

/** Every string in a JSON-like value that holds a placeholder, with its path. */
export function findSlots(value: unknown): PlaceholderSlot[] {
  const slots: PlaceholderSlot[] = [];
  const walk = (node: unknown, path: (string | number)[]): void => {
    if (typeof node === 'string') {
      if (new RegExp(PLACEHOLDER.source).test(node)) slots.push({ path, text: node });
    } else if (Array.isArray(node)) {
      for (const [i, v] of node.entries()) walk(v, [...path, i]);
    } else if (node !== null && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) walk(v, [...path, k]);
    }
  };
  walk(value, []);
  return slots;
}

function setAt(root: unknown, path: readonly (string | number)[], value: unknown): void {
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (next === null || typeof next !== 'object') throw new Error(`no value at ${path.join('.')} to fill`);
    node = next as Record<string | number, unknown>;
  }
  const last = path[path.length - 1];
  if (last === undefined) throw new Error('a placeholder slot needs a path');
  node[last] = value;
}

/**
 * The lab for a seed: every variable drawn with the seed (defaults without one) and every
 * placeholder slot refilled. Same seed, same lab; pure.
 */
export function instantiate<L extends { variables: Record<string, VariableSpec>; slots: PlaceholderSlot[] }>(
  lab: L,
  seed?: number,
): L & { values: VariableValues; seed: number | null } {
  const values = drawValues(lab.variables, seed);
  const copy = JSON.parse(JSON.stringify(lab)) as L;
  for (const slot of lab.slots) setAt(copy, slot.path, substitute(slot.text, values));
  return { ...copy, values, seed: seed ?? null };
}

/**
 * The lab with every slot's text as the file wrote it, placeholders unfilled: for a page that
 * renders the lab once for every learner and marks where each learner's values go.
 */
export function template<L extends { slots: PlaceholderSlot[] }>(lab: L): L {
  const copy = JSON.parse(JSON.stringify(lab)) as L;
  for (const slot of lab.slots) setAt(copy, slot.path, slot.text);
  return copy;
}

/** A text cut at its placeholders: plain runs as strings, each placeholder as `{ placeholder }` (its text, `${name}`). */
export function splitPlaceholders(text: string): (string | { placeholder: string })[] {
  const parts: (string | { placeholder: string })[] = [];
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    const at = m.index ?? 0;
    if (at > last) parts.push(text.slice(last, at));
    parts.push({ placeholder: m[0] });
    last = at + m[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/** The names of the variables a value's placeholders use, for the validator's "declared but unused" check. */
export function placeholdersIn(value: unknown): Set<string> {
  const names = new Set<string>();
  const walk = (node: unknown): void => {
    if (typeof node === 'string') {
      for (const m of node.matchAll(PLACEHOLDER)) if (m[1]) names.add(m[1]);
    } else if (Array.isArray(node)) {
      for (const v of node) walk(v);
    } else if (node !== null && typeof node === 'object') {
      for (const v of Object.values(node)) walk(v);
    }
  };
  walk(value);
  return names;
}
