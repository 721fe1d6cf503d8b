import { describe, expect, it } from 'vitest';
import { LEARNER_ID_KEY, LEARNER_ID_PATTERN, learnerIdentity, newLearnerId, seedFor } from '../../../src/labs/learner.ts';
import type { KeyValueStore } from '../../../src/progress/progress-storage.ts';
import { memoryStorage } from '../../progress/memory-storage.ts';

const bytes = (n: number) => () => new Uint8Array(6).fill(n);

describe('the learner id and per-learner seeds', () => {
  it('formats six random bytes as three groups of four hex digits', () => {
    expect(newLearnerId(Uint8Array.from([0x3f, 0x2a, 0x09, 0xbc, 0x77, 0xd1]))).toBe('3f2a-09bc-77d1');
    expect(() => newLearnerId(new Uint8Array(3))).toThrow(/6 random bytes/);
  });

  it('creates an id once and keeps it', () => {
    const store = memoryStorage();
    const first = learnerIdentity(store, bytes(1));
    expect(first).toEqual({ id: '0101-0101-0101', stored: true });
    expect(store.data.get(LEARNER_ID_KEY)).toBe(first.id);
    expect(learnerIdentity(store, bytes(2))).toEqual(first);
  });

  it('replaces a malformed stored id', () => {
    const store = memoryStorage({ [LEARNER_ID_KEY]: 'not an id' });
    const identity = learnerIdentity(store, bytes(0xab));
    expect(identity.id).toMatch(LEARNER_ID_PATTERN);
    expect(store.data.get(LEARNER_ID_KEY)).toBe(identity.id);
  });

  it('still gives an id, marked as not stored, when the browser refuses storage', () => {
    const refusing: KeyValueStore = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
      length: 0,
      key: () => null,
    };
    expect(learnerIdentity(refusing, bytes(3))).toEqual({ id: '0303-0303-0303', stored: false });
    expect(learnerIdentity(undefined, bytes(4)).stored).toBe(false);
  });

  it('derives the same seed for the same learner and lab, and different seeds otherwise', () => {
    expect(seedFor('3f2a-09bc-77d1', 'lab-a')).toBe(seedFor('3f2a-09bc-77d1', 'lab-a'));
    expect(seedFor('3f2a-09bc-77d1', 'lab-a')).not.toBe(seedFor('3f2a-09bc-77d1', 'lab-b'));
    expect(seedFor('3f2a-09bc-77d1', 'lab-a')).not.toBe(seedFor('0000-0000-0001', 'lab-a'));
  });
});
