import type { LearnerAction } from '../../machines/grading/lab.ts';
import { useWorkbench } from './workbench-api.ts';

/** What each action is called in the tools, with its section. */
export const ACTION_LABELS: Readonly<Record<LearnerAction, string>> = {
  'program.transfer': 'Transfer To PLC (the project’s program and its protection)',
  'protection.setPassword': 'Protection – Set Password (§2-5-1 note)',
  'memory.clearAll': 'Clear All Memory with Initialize (§4-1-1)',
  'unit.restartOutOfBox': 'Restart Unit to the out-of-box configuration (§4-1-2)',
};

/**
 * The things the learner does online or at the panel after changing settings, from their
 * workstation, in the order listed: add them, remove them. The DIP switch is turned OFF before
 * and ON after them when the answer turns it on (grader.ts, step 5).
 */
export default function ActionsPanel() {
  const { state, send, ready, idFor } = useWorkbench();
  const offered = state.variant.actions;
  const planned = state.answer.actions ?? [];
  if (offered.length === 0) return null;
  return (
    <section className="lab-section" aria-labelledby={idFor('lab-actions')}>
      <h2 id={idFor('lab-actions')}>Actions</h2>
      <p>Settings of the project or of the unit take effect only through these. They happen in the order listed, after your settings.</p>
      <h3 id={idFor('lab-actions-planned')}>Your actions</h3>
      {planned.length === 0 ? (
        <p>None yet.</p>
      ) : (
        <ol aria-labelledby={idFor('lab-actions-planned')}>
          {planned.map((a, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the same action may be planned twice; its place in the list is what tells them apart
            <li key={`${a}-${i}`}>
              {ACTION_LABELS[a]}{' '}
              <button
                type="button"
                className="button secondary"
                disabled={!ready}
                aria-label={`Remove action ${i + 1}: ${ACTION_LABELS[a]}`}
                onClick={() => send({ type: 'action.removed', index: i })}
              >
                Remove
              </button>
            </li>
          ))}
        </ol>
      )}
      <div className="lab-button-row">
        {offered.map((a) => (
          <button key={a} type="button" className="button" disabled={!ready} onClick={() => send({ type: 'action.added', action: a })}>
            Add: {ACTION_LABELS[a]}
          </button>
        ))}
      </div>
    </section>
  );
}
