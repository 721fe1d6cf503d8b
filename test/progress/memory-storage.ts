/** Map-backed stand-ins for localStorage, shared by the tests of everything that stores progress. */
import type { KeyValueStore } from '../../src/progress/progress-storage.ts';

/** A storage whose contents the test can read (`data`). */
export type MemoryStorage = KeyValueStore & { data: Map<string, string> };

/**
 * A storage over `data`; `refuse(key, value)` may throw to play a browser that refuses a write
 * (a full quota). Keys keep their insertion order, as localStorage's usually do.
 */
function storageOver(data: Map<string, string>, refuse?: (key: string, value: string) => void): MemoryStorage {
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem(key, value) {
      refuse?.(key, value);
      data.set(key, value);
    },
    removeItem: (key) => void data.delete(key),
    get length() {
      return data.size;
    },
    key: (index) => [...data.keys()][index] ?? null,
  };
}

/** A storage holding `initial`, with no limit. */
export function memoryStorage(initial: Record<string, string> = {}): MemoryStorage {
  return storageOver(new Map(Object.entries(initial)));
}

/** localStorage with a quota: a write that would pass `limit` characters (keys and values) is refused. */
export function fullStorage(limit: number, initial: Record<string, string>): MemoryStorage {
  const data = new Map(Object.entries(initial));
  const used = () => [...data].reduce((n, [k, v]) => n + k.length + v.length, 0);
  return storageOver(data, (key, value) => {
    const old = data.get(key);
    if (used() - (old === undefined ? 0 : key.length + old.length) + key.length + value.length > limit) {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    }
  });
}
