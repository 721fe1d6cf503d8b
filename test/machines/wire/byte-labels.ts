/** Assertions shared by the FINS frame tests. */
import { expect } from 'vitest';
import { type FrameField, toHex } from '../../../machines/wire/fins.ts';

/** Every byte of `bytes` is labelled exactly once, in order, and each field's hex matches. */
export function expectEveryByteLabelled(fields: FrameField[], bytes: Uint8Array): void {
  let next = 0;
  for (const f of fields) {
    expect(f.offset, `${f.field} starts where the previous field ended`).toBe(next);
    expect(f.hex).toBe(toHex(bytes.slice(f.offset, f.offset + f.length)));
    next += f.length;
  }
  expect(next).toBe(bytes.length);
}
