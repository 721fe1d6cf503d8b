/**
 * The password rule the simulator enforces for EIP21S users (and that the server may reuse).
 *
 * §1-6 is advice to the people who set passwords: choose complex ones, at least eight characters
 * mixing several kinds of character, so brute force takes long. It is not a rule the guideline
 * says the unit enforces, and it does not say whether the EIP21S refuses a weak password at all.
 * ASSUMPTION: the simulated EIP21S refuses passwords that break the rule below, so that a lab can
 * never store a weak one. Which parts of the rule come from §1-6 and which are the course's own
 * choices is data (`PASSWORD_RULE_PARTS`), so lessons say it without retyping it:
 * - from §1-6: at least eight characters, several kinds of character;
 * - ASSUMPTION: "several" means at least 3 of the 4 kinds (lowercase, uppercase, digit, symbol);
 * - ASSUMPTION: only printable ASCII without spaces (what a Windows tool can be expected to type
 *   the same way on every keyboard layout);
 * - ASSUMPTION: the password must not contain the user name.
 */

/** §1-6: minimum length of a password. */
export const PASSWORD_MIN_LENGTH = 8;

/** ASSUMPTION (§1-6 "multiple character types"): how many kinds of character must appear. */
export const PASSWORD_MIN_CLASSES = 3;

/** A kind of character the policy counts. */
export interface CharacterClass {
  id: 'lower' | 'upper' | 'digit' | 'symbol';
  /** Plain-words name used in messages. */
  label: string;
  test: (ch: string) => boolean;
}

/** The four kinds of character, in the order messages list them. */
export const PASSWORD_CLASSES: readonly CharacterClass[] = [
  { id: 'lower', label: 'lowercase letters', test: (ch) => ch >= 'a' && ch <= 'z' },
  { id: 'upper', label: 'capital letters', test: (ch) => ch >= 'A' && ch <= 'Z' },
  { id: 'digit', label: 'digits', test: (ch) => ch >= '0' && ch <= '9' },
  { id: 'symbol', label: 'symbols such as ! # % - _', test: (ch) => ch >= '!' && ch <= '~' && !/[A-Za-z0-9]/.test(ch) },
];

/** ASSUMPTION: the characters a password may contain: printable ASCII, no space. */
export const PASSWORD_ALLOWED = /^[!-~]*$/;

/** Where one part of the simulator's password rule comes from. */
export type RuleBasis = 'guideline' | 'assumption';

/** One part of the simulator's password rule, in plain words, with where it comes from. */
export interface PasswordRulePart {
  id: 'length' | 'kinds' | 'how-many-kinds' | 'characters' | 'no-user-name';
  /** What the part asks, as a phrase for a sentence ("at least 8 characters"). */
  text: string;
  basis: RuleBasis;
}

/** The parts of the rule: what §1-6 advises, then what the course chose where it is silent. */
export const PASSWORD_RULE_PARTS: readonly PasswordRulePart[] = [
  { id: 'length', text: `at least ${PASSWORD_MIN_LENGTH} characters`, basis: 'guideline' }, // §1-6
  { id: 'kinds', text: 'a mix of several kinds of character', basis: 'guideline' }, // §1-6
  { id: 'how-many-kinds', text: `at least ${PASSWORD_MIN_CLASSES} of the 4 kinds (lowercase letters, capital letters, digits, symbols)`, basis: 'assumption' },
  { id: 'characters', text: 'only letters, digits and symbols you can type on any keyboard (no spaces)', basis: 'assumption' },
  { id: 'no-user-name', text: 'not containing the user name', basis: 'assumption' },
];

/** The parts of the rule with one basis, joined as prose ("A, B and C"). */
export function ruleParts(basis: RuleBasis): string {
  const parts = PASSWORD_RULE_PARTS.filter((p) => p.basis === basis).map((p) => p.text);
  return parts.length < 2 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** One sentence describing the policy, for forms and lessons. */
export const PASSWORD_POLICY_TEXT = `At least ${PASSWORD_MIN_LENGTH} characters using at least ${PASSWORD_MIN_CLASSES} of: lowercase letters, capital letters, digits, symbols; no spaces; not containing the user name.`;

/** The result of checking a password: ok, or each problem with its fix. */
export type PasswordCheck = { ok: true } | { ok: false; problems: string[] };

/** Which of the four kinds of character a password contains. */
export function characterClassesOf(pw: string): CharacterClass[] {
  return PASSWORD_CLASSES.filter((c) => [...pw].some((ch) => c.test(ch)));
}

/**
 * Checks a password against the simulator's rule (§1-6 advice plus the assumptions above). Every
 * problem is reported, each saying what to change; `userName`, when given, must not appear in
 * the password (case-insensitive).
 */
export function checkPassword(pw: string, options: { userName?: string } = {}): PasswordCheck {
  const problems: string[] = [];
  const length = [...pw].length;
  if (length < PASSWORD_MIN_LENGTH) {
    problems.push(`Password is too short (${length} characters): use at least ${PASSWORD_MIN_LENGTH}.`);
  }
  if (!PASSWORD_ALLOWED.test(pw)) {
    problems.push('Password contains a space or a non-ASCII character: use only letters, digits and symbols you can type on any keyboard.');
  }
  const present = characterClassesOf(pw);
  if (present.length < PASSWORD_MIN_CLASSES) {
    const missing = PASSWORD_CLASSES.filter((c) => !present.includes(c)).map((c) => c.label);
    const has = present.length === 0 ? 'none of them' : `only ${present.map((c) => c.label).join(' and ')}`;
    problems.push(
      `Password mixes too few kinds of character (${has}): add ${PASSWORD_MIN_CLASSES - present.length} more of ${missing.join(', ')}.`,
    );
  }
  const name = options.userName?.trim();
  if (name && pw.toLowerCase().includes(name.toLowerCase())) {
    problems.push(`Password contains the user name "${name}": choose one that does not.`);
  }
  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}
