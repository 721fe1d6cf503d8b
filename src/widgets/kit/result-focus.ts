/**
 * Bringing a result into view after the learner asked for it ("Send request", "Run"): the
 * result's heading (tabIndex -1) is scrolled to and focused, so a keyboard or screen-reader user
 * lands on what changed instead of staying on a button far above it. Never on the first render,
 * nor when a saved result is restored: only after `ask()` was called.
 */
import { type RefObject, useCallback, useEffect, useRef, useState } from 'react';

/** What useResultFocus gives: the ref for the result's heading, and the call that asks for focus. */
export interface ResultFocus<T extends HTMLElement> {
  /** Put on the heading (or region) of the result; give it tabIndex={-1}. */
  ref: RefObject<T | null>;
  /** Call when the learner asks for a result: once it is rendered, it is scrolled to and focused. */
  ask: () => void;
}

function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** Moves focus to a result the learner asked for, after React has rendered it. */
export function useResultFocus<T extends HTMLElement>(): ResultFocus<T> {
  const ref = useRef<T>(null);
  const [asked, setAsked] = useState(0);
  useEffect(() => {
    if (asked === 0) return;
    const target = ref.current;
    if (!target) return;
    target.scrollIntoView({ block: 'start', behavior: prefersReducedMotion() ? 'auto' : 'smooth' });
    target.focus({ preventScroll: true });
  }, [asked]);
  const ask = useCallback(() => setAsked((n) => n + 1), []);
  return { ref, ask };
}
