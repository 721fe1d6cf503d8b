import { counted } from '../../machines/model.ts';
import { hintPenalty, nextHint, openedHints } from './answer-edit.ts';
import { useWorkbench } from './workbench-api.ts';

/** Hints, opened one by one (gentle first); each costs the points it says, taken off the score. */
export default function HintsPanel() {
  const { state, send, ready, idFor } = useWorkbench();
  const lab = state.variant;
  if (lab.hints.length === 0) return null;
  const opened = openedHints(lab, state.answer);
  const next = nextHint(lab, state.answer);
  const penalty = hintPenalty(lab, state.answer);
  return (
    <section className="lab-section" aria-labelledby={idFor('lab-hints')}>
      <h2 id={idFor('lab-hints')}>Hints</h2>
      <p>
        {opened.length} of {lab.hints.length} hints open; they cost {counted(penalty, 'point')} so far.
      </p>
      {opened.length > 0 && (
        <ol className="lab-hints">
          {opened.map((h) => (
            <li key={h.id}>
              {h.text} <span className="muted">(−{h.cost})</span>
            </li>
          ))}
        </ol>
      )}
      {next && (
        <button type="button" className="button secondary" disabled={!ready} onClick={() => send({ type: 'hint.revealed' })}>
          Show hint {opened.length + 1} of {lab.hints.length} (costs {counted(next.cost, 'point')})
        </button>
      )}
    </section>
  );
}
