/**
 * The texts of the item bank that must never reach a browser before submission: every rationale,
 * and every keyed option's text that is not also shown as a distractor, step, statement or choice
 * somewhere in the bank (such a text appears legitimately, so finding it proves nothing). Also the
 * bank's own field names that mark a key. Shared by the handler test and the served browser test.
 */

/** The few fields of a bank item these checks read (the bank's YAML as written). */
export interface BankItemLike {
  id: string;
  type: string;
  rationale: string;
  options?: { id: string; text: string; key?: boolean }[];
}

/**
 * What must not appear, each with what it is (for the failure message): every rationale, and every
 * item's bank id (the browser knows items only by opaque ids; a bank id next to its options would
 * let a page look the key up). Keyed options' texts are not listed: the attempt page shows every
 * option, keyed or not — the secret is which one is keyed, and that travels only as a key flag or
 * a bank id. `hints` are lab hint texts (performance items), when the caller has them.
 */
export function bankSecrets(items: readonly BankItemLike[], hints: readonly string[] = []): { text: string; what: string }[] {
  const secrets = new Map<string, string>();
  for (const item of items) {
    secrets.set(item.rationale.trim(), 'a rationale');
    secrets.set(`"${item.id}"`, 'a bank item id');
  }
  for (const hint of hints) if (hint.trim().length >= 20) secrets.set(hint.trim(), 'a lab hint');
  return [...secrets].map(([text, what]) => ({ text, what }));
}

/** JSON field names that mark a key in the bank or the stored draw; none may appear in a public answer. */
export const KEY_FIELDS = ['"key"', '"rationale"', '"match"', '"seed"', '"labSeed"', '"ids"', '"hints"', '"expected"', '"itemId"'];

/** The secrets found in `text` (HTML-escaped forms included), as "a rationale: …" lines. */
export function secretsIn(text: string, secrets: readonly { text: string; what: string }[]): string[] {
  const unescaped = text.replaceAll('&amp;', '&').replaceAll('&quot;', '"').replaceAll('&#34;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>');
  return secrets.filter((s) => text.includes(s.text) || unescaped.includes(s.text)).map((s) => `${s.what}: ${s.text.slice(0, 80)}`);
}
