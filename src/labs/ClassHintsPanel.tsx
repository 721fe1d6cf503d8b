import { counted } from '../../machines/model.ts';
import { useState } from 'react';
import type { ClassMode, OpenedClassHint } from './class-mode.ts';
import { useCourseServer } from './useCourseServer.ts';
import { useWorkbench } from './workbench-api.ts';

const points = (n: number) => counted(n, 'point');

/**
 * Hints in a class: the page has only their costs; opening one asks the server, which records the
 * cost once and sends the words. The learner confirms first, since the points are spent for good.
 */
export default function ClassHintsPanel({ mode }: { mode: ClassMode }) {
  const { ready, idFor } = useWorkbench();
  const [opened, setOpened] = useState<OpenedClassHint[]>(mode.opened);
  const [asking, setAsking] = useState(false);
  const { busy, problem, request } = useCourseServer();
  if (mode.hints.length === 0) return null;
  const openedIds = new Set(opened.map((h) => h.id));
  // Gentle first: hints open in the lab's order.
  const next = mode.hints.find((h) => !openedIds.has(h.id));
  const spent = opened.reduce((sum, h) => sum + h.cost, 0);

  async function open(id: string) {
    const reply = await request<{ hint: OpenedClassHint }>(
      `${mode.hintsUrl}/${encodeURIComponent(id)}`,
      { method: 'POST', headers: { Accept: 'application/json' } },
      'The course server could not be reached. Check your connection and try again.',
    );
    if (!reply) return;
    setOpened((list) => (list.some((h) => h.id === reply.hint.id) ? list : [...list, reply.hint]));
    setAsking(false);
  }

  return (
    <section className="lab-section" aria-labelledby={idFor('lab-hints')}>
      <h2 id={idFor('lab-hints')}>Hints</h2>
      <p>
        {opened.length} of {mode.hints.length} hints open; they cost {points(spent)} so far. The server records each hint you open and
        takes its cost off your score.
      </p>
      {opened.length > 0 && (
        <ol className="lab-hints">
          {mode.hints
            .flatMap((h) => opened.filter((o) => o.id === h.id))
            .map((h) => (
              <li key={h.id} data-hint={h.id}>
                {h.text} <span className="muted">(−{h.cost})</span>
              </li>
            ))}
        </ol>
      )}
      {next && !asking && (
        <button type="button" className="button secondary" disabled={!ready} onClick={() => setAsking(true)}>
          Open hint {opened.length + 1} of {mode.hints.length} (costs {points(next.cost)})…
        </button>
      )}
      {next && asking && (
        <fieldset className="lab-fieldset lab-button-row">
          <legend>Opening this hint takes {points(next.cost)} off your score, for good. Open it?</legend>
          <button type="button" className="button" disabled={busy} onClick={() => void open(next.id)}>
            Yes, open the hint
          </button>
          <button type="button" className="button secondary" disabled={busy} onClick={() => setAsking(false)}>
            Not now
          </button>
        </fieldset>
      )}
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
