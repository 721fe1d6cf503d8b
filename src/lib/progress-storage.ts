/**
 * The thin storage adapter under the progress document: reads it from a key-value store
 * (localStorage in the browser), keeps an unreadable value aside instead of losing it, and
 * writes it back. Zod-free on purpose: the progress marker on every prose page uses it.
 */
import { BACKUP_PREFIX, emptyProgress, PROGRESS_KEY, type ParseResult } from './progress-doc.ts';
import type { Progress } from '../schemas/progress.ts';

/** The part of the Web Storage API the adapter uses (localStorage, or a fake in tests). */
export interface KeyValueStore {
  /** The stored string, or null when the key is absent. */
  getItem(key: string): string | null;
  /** Stores a string; may throw when storage is full or disabled. */
  setItem(key: string, value: string): void;
  /** Number of keys stored. */
  readonly length: number;
  /** The key at `index`, or null. */
  key(index: number): string | null;
}

/** Reads a parsed JSON value as progress (see parseByVersion); `now` stamps migrations. */
export type ProgressParser = (value: unknown, now: string) => ParseResult;

/** What loading found. */
export interface LoadedProgress {
  /** The document to use (empty when nothing usable was stored). */
  progress: Progress;
  /** A sentence for the learner when something went wrong; absent when all is well. */
  notice?: string;
  /** False when saving would destroy data that could not be kept aside, or storage is unusable. */
  writable: boolean;
}

/** Said when the browser refuses storage (disabled, private mode, quota). */
export const STORAGE_UNAVAILABLE = 'This browser is not saving your progress: it will be lost when you leave.';

/**
 * Loads the progress document. A value that cannot be read — not JSON, damaged, or of a version
 * this build does not know — is copied to `pdl.progress.backup-<now>` and replaced by an empty
 * document, and the notice says so; an older version is migrated and saved.
 */
export function loadProgress(store: KeyValueStore | undefined, parse: ProgressParser, now: string): LoadedProgress {
  let raw: string | null;
  try {
    if (!store) throw new Error('no storage');
    raw = store.getItem(PROGRESS_KEY);
  } catch {
    return { progress: emptyProgress(), notice: STORAGE_UNAVAILABLE, writable: false };
  }
  if (raw === null) return { progress: emptyProgress(), writable: true };
  let parsed: ParseResult;
  try {
    parsed = parse(JSON.parse(raw), now);
  } catch {
    parsed = { ok: false, error: 'it is not valid JSON' };
  }
  if (parsed.ok) {
    if (parsed.migratedFrom !== undefined) saveProgress(store, parsed.progress);
    return { progress: parsed.progress, writable: true };
  }
  const backupKey = BACKUP_PREFIX + now;
  try {
    store.setItem(backupKey, raw);
    store.setItem(PROGRESS_KEY, JSON.stringify(emptyProgress()));
  } catch {
    return {
      progress: emptyProgress(),
      notice: `Your saved progress is unreadable (${parsed.error}) and could not be set aside, so it is left untouched.`,
      writable: false,
    };
  }
  return {
    progress: emptyProgress(),
    notice: `Your saved progress was unreadable (${parsed.error}), so it was kept aside as "${backupKey}" (see Your progress) and a fresh record started.`,
    writable: true,
  };
}

/** Writes the document; returns a notice for the learner when the browser refuses. */
export function saveProgress(store: KeyValueStore | undefined, progress: Progress): string | undefined {
  try {
    store?.setItem(PROGRESS_KEY, JSON.stringify(progress));
    return store ? undefined : STORAGE_UNAVAILABLE;
  } catch {
    return STORAGE_UNAVAILABLE;
  }
}

/** The browser's localStorage, or undefined when the browser refuses access to it. */
export function browserStorage(): KeyValueStore | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

/** Shows a sentence in the page's polite live region (#pdl-notice, in BaseLayout). */
export function showNotice(message: string): void {
  const region = globalThis.document?.getElementById('pdl-notice');
  if (!region) return;
  const p = document.createElement('p');
  p.textContent = message;
  region.append(p);
}
