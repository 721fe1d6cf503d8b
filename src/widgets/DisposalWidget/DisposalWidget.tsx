import { useId, useState } from 'react';
import type { Outcome } from '../../../machines/model.ts';
import {
  cpuRemains,
  DISPOSAL_RACK,
  type DisposalRoute,
  type DisposalStep,
  disposalRequest,
  disposalVerdict,
  unitRemains,
} from './disposal.ts';
import TraceView from '../kit/TraceView.tsx';
import { useHydrated, useRack } from '../kit/useRack.ts';
import { withErrorBoundary } from '../kit/error-boundary.tsx';
import '../kit/sim.css';
import '../kit/cpu.css';
import StartAgainButton from '../kit/StartAgainButton.tsx';

function Holdings({ title, items, empty }: { title: string; items: string[]; empty: string }) {
  const id = useId();
  return (
    <section className="sim-panel" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{title}</h3>
      {items.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <ul>
          {items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

const ROUTES: readonly { value: DisposalRoute; label: string }[] = [
  { value: 'usb', label: "A laptop on the CPU Unit's USB port" },
  { value: 'network', label: 'The engineering PC, over the network' },
];

const STEPS: readonly { id: DisposalStep; label: string }[] = [
  { id: 'program-mode', label: 'Switch the CPU to PROGRAM mode' },
  { id: 'clear-cpu', label: 'Memory All Clear (Initialize)' },
  { id: 'restart-unit', label: 'Restart the EIP21S to out-of-box' },
];

/**
 * Lesson 19 "try it": a rack out of service; clear the CPU Unit and restart the EIP21S to its
 * out-of-box configuration, from the USB port or over the network, and see what each unit still
 * holds. The request path decides who may erase (§4-1-1, §4-1-2); the machines erase.
 */
function DisposalWidget() {
  const uid = useId();
  const hydrated = useHydrated();
  const { view, send, reset } = useRack(DISPOSAL_RACK);
  const [route, setRoute] = useState<DisposalRoute>('usb');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const eip = view.unit?.eip ?? null;
  const verdict = disposalVerdict(view);

  function startAgain() {
    reset();
    setOutcome(null);
  }

  return (
    <div className="widget cpu-widget">
      <div className="cpu-columns">
        <Holdings title={`CPU Unit (${view.cpu.model}, ${view.cpu.mode} mode) still holds`} items={cpuRemains(view.cpu)} empty="Nothing: back to its default settings." />
        {eip && <Holdings title={`${eip.model} still holds`} items={unitRemains(eip)} empty="Nothing: back to its out-of-box configuration." />}
      </div>
      <p className={verdict.ready ? 'sim-summary tone-good' : 'sim-summary tone-bad'} role="status">
        {verdict.text}
      </p>
      <fieldset>
        <legend>CX-Programmer connects through</legend>
        <div className="widget-radios">
          {ROUTES.map((r) => (
            <label key={r.value}>
              <input type="radio" name={`${uid}-route`} value={r.value} checked={route === r.value} disabled={!hydrated} onChange={() => setRoute(r.value)} />
              {r.label}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="cpu-actions">
        {STEPS.map((s) => (
          <button key={s.id} type="button" disabled={!hydrated} onClick={() => setOutcome(send(disposalRequest(s.id, route)))}>
            {s.label}
          </button>
        ))}
        <StartAgainButton hydrated={hydrated} onClick={startAgain} />
      </div>
      <TraceView outcome={outcome} caption="Trace of the last step" emptyText="Choose a step to see how the rack answers." />
    </div>
  );
}

/** The island: the widget inside an error boundary, so a fault shows a plain message in its place. */
export default withErrorBoundary(DisposalWidget, 'This exercise');
