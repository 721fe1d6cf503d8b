/**
 * The thin storage adapter under the progress document: reads it from a key-value store
 * (localStorage in the browser), keeps an unreadable value aside instead of losing it, writes
 * it back, and keeps one tab's copy in step with the others' (syncProgress). Zod-free on
 * purpose: the progress marker on every prose page uses it.
 */
import { BACKUP_PREFIX, emptyProgress, PROGRESS_KEY, type ParseResult } from './progress-doc.ts';
import type { Progress } from './progress-schema.ts';

/** The part of the Web Storage API the adapter uses (localStorage, or a fake in tests). */
export interface KeyValueStore {
  /** The stored string, or null when the key is absent. */
  getItem(key: string): string | null;
  /** Stores a string; may throw when storage is full or disabled. */
  setItem(key: string, value: string): void;
  /** Deletes a key (never refused for lack of room); optional so simple fakes need not have it. */
  removeItem?(key: string): void;
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
  writable?: boolean;
}

/** Said when the browser refuses storage (disabled, private mode, quota). */
export const STORAGE_UNAVAILABLE = 'This browser is not saving your progress.';

/**
 * Loads the progress document, migrating an older version (and saving the result). A value that
 * cannot be read — not JSON, damaged, or of a version this build does not know — is moved to
 * `pdl.progress.backup-<now>` and replaced by an empty document, and the notice says so. It is
 * moved, not copied, so a large one needs no extra room and cannot block saving for good; if
 * even the move is refused it is put back and left in place, unwritable, and the Progress page
 * offers a way out (download it, start fresh once there is room).
 */
export function loadProgress(store: KeyValueStore | undefined, parse: ProgressParser, now: string): LoadedProgress {
  let raw: string | null;
  try {
    raw = store?.getItem(PROGRESS_KEY) ?? null;
    if (!store) throw 0;
  } catch {
    return { progress: emptyProgress(), notice: STORAGE_UNAVAILABLE, writable: false };
  }
  let parsed: ParseResult = { ok: true, progress: emptyProgress() };
  try {
    if (raw !== null) parsed = parse(JSON.parse(raw), now);
  } catch {
    parsed = { ok: false, error: 'it is not valid JSON' };
  }
  if (parsed.ok) {
    if (parsed.migratedFrom !== undefined) saveProgress(store, parsed.progress);
    return parsed;
  }
  const moved = setAside(store, raw as string, BACKUP_PREFIX + now);
  return {
    progress: emptyProgress(),
    notice: `Your saved progress could not be read (${parsed.error}); ${
      moved ? 'it is kept as a backup and a fresh record started' : 'there is no room to keep a copy, so nothing new is saved'
    }. See Your progress.`,
    writable: moved,
  };
}

/**
 * Moves the stored document (`raw`) to `backupKey` and starts an empty one; false, with the
 * document put back as it was, when the browser refuses. Used on load and by "Start fresh".
 */
export function setAside(store: KeyValueStore, raw: string, backupKey: string): boolean {
  try {
    store.removeItem?.(PROGRESS_KEY);
    store.setItem(backupKey, raw);
    store.setItem(PROGRESS_KEY, JSON.stringify(emptyProgress()));
    return true;
  } catch {
    try {
      // Put it back: removing it freed exactly its room. (If the backup was written, both remain.)
      store.setItem(PROGRESS_KEY, raw);
    } catch {}
    return false;
  }
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

/** The browser's localStorage, or undefined when the browser refuses access to it (or has none). */
export function browserStorage(): KeyValueStore | undefined {
  try {
    return localStorage;
  } catch {
    return undefined;
  }
}

/** Joins a stored document (first: it wins ties) with this tab's copy; see syncProgress. */
export type ProgressMerge = (stored: Progress, mine: Progress) => Progress;

/** How syncProgress reads, merges and reports (the clock and `onChange` are optional). */
export interface SyncOptions {
  /** Reads a parsed JSON value as progress. */
  parse: ProgressParser;
  /** Joins the stored document with this tab's copy. */
  merge: ProgressMerge;
  /** Tells the learner something went wrong (each distinct sentence once). */
  notify: (message: string) => void;
  /** The clock, as an ISO time (default: the system clock). */
  now?: () => string;
  /** Runs after another tab wrote and this tab's copy was merged (to refresh what the page shows). */
  onChange?: (doc: Progress) => void;
}

/** One tab's view of the shared progress document (see syncProgress). */
export interface SyncedProgress {
  /** Reads the stored document afresh and merges this tab's copy into it. */
  read(): Progress;
  /** Re-reads and merges, applies `change`, and writes the result (unless saving is blocked). */
  update(change: (doc: Progress, at: string) => Progress): Progress;
}

/**
 * Keeps a tab's copy of the progress document, and every write, merged with what other tabs
 * wrote. A tab may see another tab's write late, so two writes at once could each miss the
 * other: every write re-reads and merges first, and when another tab's write arrives (the
 * `storage` event) this tab merges its copy in and writes back whatever that write missed.
 * `merge` must be commutative and idempotent, so the tabs agree and then stop writing.
 */
export function syncProgress(store: KeyValueStore | undefined, options: SyncOptions): SyncedProgress {
  const { parse, merge, notify } = options;
  const now = options.now ?? (() => new Date().toISOString());
  let mine: Progress | undefined;
  let writable = true;
  let told: string | undefined;
  const tell = (notice?: string) => {
    if (!notice || notice === told) return;
    told = notice;
    notify(notice);
  };
  const read = () => {
    const loaded = loadProgress(store, parse, now());
    tell(loaded.notice);
    writable = loaded.writable !== false;
    mine = mine ? merge(loaded.progress, mine) : loaded.progress;
    return loaded.progress;
  };
  const write = (doc: Progress) => {
    mine = doc;
    if (writable) tell(saveProgress(store, doc));
  };
  globalThis.addEventListener?.('storage', (event) => {
    if (!mine || event.key !== PROGRESS_KEY) return;
    // Write back only what the other tab's write missed (merge keeps the stored order when it adds nothing).
    const stored = JSON.stringify(read());
    if (JSON.stringify(mine) !== stored) write(mine as Progress);
    options.onChange?.(mine);
  });
  return {
    read: () => {
      read();
      return mine as Progress;
    },
    update: (change) => {
      read();
      write(change(mine as Progress, now()));
      return mine as Progress;
    },
  };
}

/** Shows a sentence in the page's polite live region (#pdl-notice, in BaseLayout). */
export function showNotice(message: string): void {
  document.getElementById('pdl-notice')?.append(Object.assign(document.createElement('p'), { textContent: message }));
}
