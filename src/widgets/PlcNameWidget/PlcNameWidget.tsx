import { useId, useState } from 'react';
import type { Outcome } from '../../../machines/model.ts';
import { programIdentity } from '../kit/cpu-scenarios.ts';
import {
  DEFAULT_PLC_NAME_SELECTION,
  goOnlineRequest,
  PLC_NAME_MODELS,
  PLC_NAME_PROGRAMS,
  PLC_NAME_RACKS,
  PROJECT_CHOICES,
  type PlcNameSelection,
  parsePlcNameSelection,
  registeredNameText,
} from './plc-name.ts';
import TraceView from '../kit/TraceView.tsx';
import { useHydrated, useRack } from '../kit/useRack.ts';
import { withErrorBoundary } from '../kit/error-boundary.tsx';
import '../kit/sim.css';
import '../kit/cpu.css';
import SelectField from '../kit/SelectField.tsx';
import StartAgainButton from '../kit/StartAgainButton.tsx';
import ErrorNote from '../kit/ErrorNote.tsx';

/**
 * Lesson 9 "try it": go online from CX-Programmer with this machine's project or the next
 * line's, or from a raw FINS tool, against a CJ2H (which registers a PLC name) or a CS1G/H
 * (which cannot). The request path decides (§2-3-2); the widget shows its trace and which
 * program the CPU now holds.
 */
function PlcNameWidget() {
  const uid = useId();
  const hydrated = useHydrated();
  const cj = useRack(PLC_NAME_RACKS.CJ2H);
  const cs = useRack(PLC_NAME_RACKS['CS1G/H']);
  const [selection, setSelection] = useState<PlcNameSelection>(DEFAULT_PLC_NAME_SELECTION);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const handle = selection.model === 'CJ2H' ? cj : cs;
  const cpu = handle.view.cpu;

  function choose(change: Partial<{ model: string; project: string }>) {
    const check = parsePlcNameSelection({ model: selection.model, project: selection.project.id, ...change });
    setError(check.ok ? null : check.error);
    if (check.ok) {
      setSelection(check.selection);
      setOutcome(null);
    }
  }

  function goOnline() {
    setOutcome(handle.send(goOnlineRequest(selection.project)));
  }

  function startAgain() {
    cj.reset();
    cs.reset();
    setOutcome(null);
  }

  return (
    <div className="widget cpu-widget">
      <fieldset>
        <legend>CPU Unit in the machine</legend>
        <div className="widget-radios">
          {PLC_NAME_MODELS.map((m) => (
            <label key={m.value}>
              <input
                type="radio"
                name={`${uid}-model`}
                value={m.value}
                checked={selection.model === m.value}
                disabled={!hydrated}
                onChange={() => choose({ model: m.value })}
              />
              {m.label}
            </label>
          ))}
        </div>
      </fieldset>
      <SelectField id={`${uid}-project`} value={selection.project.id} options={PROJECT_CHOICES.map((p) => ({ value: p.id, label: p.label }))} disabled={!hydrated} onChange={(value) => choose({ project: value })}>
        Going online with
      </SelectField>
      <div className="cpu-actions">
        <button type="button" disabled={!hydrated} onClick={goOnline}>
          Go online and download
        </button>
        <StartAgainButton hydrated={hydrated} onClick={startAgain} />
      </div>
      <ErrorNote text={error} />
      <dl className="cpu-state sim-panel">
        <dt>Registered PLC name</dt>
        <dd>{registeredNameText(cpu.plcName, cpu.model)}</dd>
        <dt>Program in the CPU</dt>
        <dd>{programIdentity(cpu.program, PLC_NAME_PROGRAMS)}</dd>
      </dl>
      <TraceView outcome={outcome} caption="Trace of going online" emptyText="Choose a project and go online to see what decides." />
    </div>
  );
}

/** The island: the widget inside an error boundary, so a fault shows a plain message in its place. */
export default withErrorBoundary(PlcNameWidget, 'This exercise');
