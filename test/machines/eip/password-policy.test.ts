import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkPassword,
  PASSWORD_MIN_CLASSES,
  PASSWORD_MIN_LENGTH,
  PASSWORD_RULE_PARTS,
  type PasswordRulePart,
  ruleParts,
} from '../../../machines/eip/password-policy.ts';

// The test's own reading of the four kinds of character, independent of the implementation.
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = LOWER.toUpperCase();
const DIGIT = '0123456789';
const SYMBOL = Array.from({ length: 0x7e - 0x21 + 1 }, (_, i) => String.fromCharCode(0x21 + i))
  .filter((ch) => !/[A-Za-z0-9]/.test(ch))
  .join('');
const KINDS = [LOWER, UPPER, DIGIT, SYMBOL];
const ANY = KINDS.join('');

const charOf = (set: string) => fc.constantFrom(...set.split(''));

/** A password of ≥ 8 printable characters that uses at least three kinds for sure. */
const strongPassword = fc
  .tuple(
    fc.subarray([0, 1, 2, 3], { minLength: 3, maxLength: 4 }),
    fc.array(charOf(ANY), { minLength: 5, maxLength: 24 }),
    fc.array(fc.nat(), { minLength: 4, maxLength: 4 }),
  )
  .chain(([kinds, rest, spots]) =>
    fc.tuple(...kinds.map((k) => charOf(KINDS[k] ?? ANY))).map((required) => {
      const chars = [...rest];
      required.forEach((ch, i) => {
        chars.splice((spots[i] ?? 0) % (chars.length + 1), 0, ch);
      });
      return chars.join('');
    }),
  );

describe('§1-6 password policy', () => {
  it('§1-6 accepts a long password mixing kinds of character', () => {
    expect(checkPassword('Plant-2026')).toEqual({ ok: true });
    expect(checkPassword('line3!valve')).toEqual({ ok: true });
  });

  it('§1-6 refuses a short password and says how long it must be', () => {
    const r = checkPassword('Ab1!');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.join(' ')).toMatch(/too short \(4 characters\): use at least 8/);
  });

  it('§1-6 refuses a password of one kind of character and names what to add', () => {
    const r = checkPassword('longbutlowercase');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.join(' ')).toMatch(/only lowercase letters\): add 2 more of capital letters, digits, symbols/);
  });

  it('refuses a password containing the user name, whatever the case', () => {
    const r = checkPassword('Alice-2026!', { userName: 'alice' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.join(' ')).toMatch(/contains the user name "alice"/);
    expect(checkPassword('Alice-2026!', { userName: 'bob' }).ok).toBe(true);
  });

  it('refuses spaces and characters outside printable ASCII', () => {
    expect(checkPassword('Plant 2026!').ok).toBe(false);
    expect(checkPassword('Plänt-2026').ok).toBe(false);
  });

  it('reports every problem at once', () => {
    const r = checkPassword('abc');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toHaveLength(2);
  });

  it(`§1-6 property: any password shorter than ${PASSWORD_MIN_LENGTH} characters fails`, () => {
    fc.assert(
      fc.property(fc.string({ maxLength: PASSWORD_MIN_LENGTH - 1 }), (pw) => {
        const r = checkPassword(pw);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.problems.some((p) => p.includes('too short'))).toBe(true);
      }),
    );
  });

  it(`§1-6 property: any ≥ ${PASSWORD_MIN_LENGTH} printable characters of ≥ ${PASSWORD_MIN_CLASSES} kinds passes`, () => {
    fc.assert(
      fc.property(strongPassword, (pw) => {
        expect(checkPassword(pw)).toEqual({ ok: true });
      }),
    );
  });

  it('§1-6 property: printable passwords of only two kinds fail, however long', () => {
    fc.assert(
      fc.property(
        fc.subarray([0, 1, 2, 3], { minLength: 1, maxLength: 2 }).chain((kinds) =>
          fc.array(charOf(kinds.map((k) => KINDS[k]).join('')), { minLength: PASSWORD_MIN_LENGTH, maxLength: 40 }),
        ),
        (chars) => {
          expect(checkPassword(chars.join('')).ok).toBe(false);
        },
      ),
    );
  });
});

describe('§1-6 advice versus the course\'s assumptions (PASSWORD_RULE_PARTS)', () => {
  // One password per part that breaks that part (and keeps the others where it can), for the user "mara".
  const breaksOnly: Record<PasswordRulePart['id'], string> = {
    length: 'Ab3#xyz',
    kinds: 'abcdefghij',
    'how-many-kinds': 'abcdefgh12',
    characters: 'Ab3# wxyz',
    'no-user-name': 'Mara#2026x',
  };

  it.each(PASSWORD_RULE_PARTS.map((p) => [p.id, p.basis] as const))('%s (%s) is enforced: a password breaking it is refused', (id) => {
    expect(checkPassword(breaksOnly[id], { userName: 'mara' }).ok).toBe(false);
  });

  it('the guideline parts are length and mixing kinds; the rest are marked as assumptions', () => {
    expect(PASSWORD_RULE_PARTS.filter((p) => p.basis === 'guideline').map((p) => p.id)).toEqual(['length', 'kinds']);
    expect(ruleParts('assumption')).toContain(`at least ${PASSWORD_MIN_CLASSES} of the 4 kinds`);
    expect(ruleParts('guideline')).toBe(`at least ${PASSWORD_MIN_LENGTH} characters and a mix of several kinds of character`);
  });

  it('a password that keeps every part is accepted', () => {
    expect(checkPassword('Kt4%Feed?x', { userName: 'mara' })).toEqual({ ok: true });
  });
});
