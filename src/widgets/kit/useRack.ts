import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { createRack, type Rack } from '../../../machines/request-path/rack.ts';
import type { RackView } from '../../../machines/request-path/request-path.ts';
import type { Outcome, RackConfig, Request } from '../../../machines/model.ts';

/** What useRack gives a widget. */
export interface RackHandle {
  /** The running rack: `rack.cpu` / `rack.eip` take the learner's local settings events. */
  rack: Rack;
  /** The latest read-only picture of both units; re-renders the widget when either changes. */
  view: RackView;
  /** Evaluates a request through the layers (and applies it when allowed); see Rack.send. */
  send: (request: Request) => Outcome;
  /** Throws the rack away and builds a fresh one from the config. */
  reset: () => void;
}

/** A subscribable cache of the rack's view, so React sees a stable snapshot between changes. */
function viewStore(rack: Rack) {
  let current = rack.view();
  return {
    getSnapshot: (): RackView => current,
    subscribe(onChange: () => void): () => void {
      const refresh = () => {
        current = rack.view();
        onChange();
      };
      const subs = [rack.cpu.subscribe(refresh), rack.eip?.subscribe(refresh)];
      // A change may have happened between the first render and this subscription.
      refresh();
      return () => {
        for (const s of subs) s?.unsubscribe();
      };
    },
  };
}

/**
 * A running rack for a "try it" widget, built once per mount with createRack
 * (machines/request-path/rack.ts). The view updates whenever the CPU Unit or the EIP21S actor changes,
 * whether through `send` or through events sent straight to `rack.cpu` / `rack.eip`
 * (e.g. `rack.eip?.send({ type: 'filter.ruleAdded', rule })`). Throws, like createRack, when the
 * config is invalid. Pass a config that does not change between renders (a module constant).
 */
export function useRack(config: RackConfig): RackHandle {
  const [rack, setRack] = useState(() => createRack(config));
  const store = useMemo(() => viewStore(rack), [rack]);
  const view = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
  useEffect(() => () => rack.stop(), [rack]);
  const send = useCallback((request: Request) => rack.send(request), [rack]);
  const reset = useCallback(() => setRack(createRack(config)), [config]);
  return { rack, view, send, reset };
}

/** False during the server render and until the island has hydrated: widgets disable their controls until then. */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

/** A request a widget sent and what the rack made of it. */
export interface SentRequest {
  request: Request;
  outcome: Outcome;
}

/** What useTryIt gives a widget: its rack, the last request sent, and a one-line note. */
export interface TryItHandle extends RackHandle {
  /** The last request sent and its outcome, for the trace and the wire panel. */
  last: SentRequest | null;
  /** A short note on the last local change (a pin set, a power cycle), or null. */
  note: string | null;
  setNote: (note: string | null) => void;
  /** Sends a request through the rack and keeps it as `last`; the note is cleared. */
  sendAndShow: (request: Request) => void;
  /** Forgets the last request (the learner is composing another). */
  clearLast: () => void;
  /** A fresh rack, no last request, no note. */
  startAgain: () => void;
}

/**
 * useRack plus what every CPU "try it" widget keeps beside it: the last request with its outcome
 * and a note on the last local change, all cleared by "Start again".
 */
export function useTryIt(config: RackConfig): TryItHandle {
  const handle = useRack(config);
  const [last, setLast] = useState<SentRequest | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const { send, reset } = handle;
  const sendAndShow = useCallback(
    (request: Request) => {
      setLast({ request, outcome: send(request) });
      setNote(null);
    },
    [send],
  );
  const clearLast = useCallback(() => setLast(null), []);
  const startAgain = useCallback(() => {
    reset();
    setLast(null);
    setNote(null);
  }, [reset]);
  return { ...handle, last, note, setNote, sendAndShow, clearLast, startAgain };
}
