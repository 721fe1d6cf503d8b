import { type RefObject, useLayoutEffect, useRef } from 'react';

/** The removal waiting for its list to change: the button's place and how many there were. */
interface PendingRemoval {
  at: number;
  count: number;
}

/** What useFocusAfterRemove gives a list: the ref for its container and the call that marks a removal. */
export interface FocusAfterRemove<T extends HTMLElement> {
  /** Put on an element holding the list's Remove buttons (each marked `data-remove`) and its add form. */
  container: RefObject<T | null>;
  /** Call from the Remove button at `at` (0-based), before the removal is sent. */
  removing: (at: number) => void;
}

/**
 * Keeps the keyboard where the learner was after a "Remove" button takes its own row away: focus
 * moves to the Remove button now in that place (the next entry), else the last one left, else the
 * add form's submit button — never to the top of the page, where a removed button drops it.
 */
export function useFocusAfterRemove<T extends HTMLElement>(): FocusAfterRemove<T> {
  const container = useRef<T>(null);
  const pending = useRef<PendingRemoval | null>(null);
  const buttons = () => [...(container.current?.querySelectorAll<HTMLButtonElement>('button[data-remove]') ?? [])];
  useLayoutEffect(() => {
    const removal = pending.current;
    if (!removal) return;
    const left = buttons();
    // The list may change a render later (the machine answers first): wait until it has.
    if (left.length === removal.count) return;
    pending.current = null;
    const target = left[Math.min(removal.at, left.length - 1)] ?? container.current?.querySelector<HTMLElement>('form [type="submit"]');
    target?.focus();
  });
  return {
    container,
    removing: (at) => {
      pending.current = { at, count: buttons().length };
    },
  };
}
