/** Ids the database hands out itself; kept out of the schema module so it exports only tables and their types. */
import { randomBytes } from 'node:crypto';

/** A new opaque id: 128 random bits, URL-safe, revealing nothing about order or count. */
export function newId(): string {
  return randomBytes(16).toString('base64url');
}
