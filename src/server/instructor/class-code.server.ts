/** Class codes: what an instructor reads out or writes on a board, and nobody can guess. */
import { randomInt } from 'node:crypto';

/** Letters and digits that cannot be mistaken for one another (no 0/O, 1/I/L, 5/S, 2/Z, 8/B, U/V). */
export const CLASS_CODE_ALPHABET = '34679ACDEFGHJKMNPQRTWXY';

/** Groups of four characters, joined by hyphens: 16 characters of 23 kinds, about 72 random bits. */
const GROUPS = 4;
const GROUP_LENGTH = 4;

/** A new class code such as `K7QF-3MXA-9DTR-HW4C`, drawn with the operating system's random numbers. */
export function newClassCode(): string {
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    let group = '';
    for (let i = 0; i < GROUP_LENGTH; i++) group += CLASS_CODE_ALPHABET[randomInt(CLASS_CODE_ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}
