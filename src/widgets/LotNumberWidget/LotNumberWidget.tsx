import { useId, useState } from 'react';
import type { CpuView } from '../../../machines/cpu/cpu-unit.machine.ts';
import type { Outcome, Request } from '../../../machines/model.ts';
import {
  changeLotEvent,
  controlText,
  copyRequest,
  forgeLotRequest,
  lotDigits,
  lotWords,
  modeText,
  ORIGINAL_RACK,
  programSummary,
  runRequest,
  SECOND_RACK,
  stopRequest,
} from './lot-number.ts';
import { useHydrated, useRack } from '../kit/useRack.ts';
import NoteAndTrace from '../kit/NoteAndTrace.tsx';
import ScrollTable from '../kit/ScrollTable.tsx';
import { sendToCpu } from '../kit/send-to-cpu.ts';
import { withErrorBoundary } from '../kit/error-boundary.tsx';
import '../kit/sim.css';
import '../kit/cpu.css';

function UnitPanel({ title, cpu, mode }: { title: string; cpu: CpuView; mode: string }) {
  const id = useId();
  return (
    <section className="sim-panel" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{title}</h3>
      <ScrollTable caption="Lot number words (Auxiliary Area, read-only)" className="sim-table cpu-words" columns={['Word', 'Hex', 'Holds']}>
        {lotWords(cpu).map((w) => (
          <tr key={w.address}>
            <th scope="row">{w.address}</th>
            <td>
              <code>{w.hex}</code>
            </td>
            <td>{w.holds}</td>
          </tr>
        ))}
      </ScrollTable>
      <dl className="cpu-state">
        <dt>Lot number</dt>
        <dd>
          {cpu.lotNumber} (the words read <code>{lotDigits(cpu)}</code>)
        </dd>
        <dt>Program</dt>
        <dd>{programSummary(cpu)}</dd>
        <dt>Mode</dt>
        <dd>{mode}</dd>
        <dt>Control</dt>
        <dd>{controlText(cpu)}</dd>
      </dl>
    </section>
  );
}

/**
 * Lesson 14 "try it": two CPU Units with different lot numbers; copy the guarded (or unguarded)
 * program to the second (the download is always accepted) and start it, where the guard keeps
 * the copy's control idle; try to change its lot number directly or over FINS. The machines
 * decide (§2-5-4); the widget shows both units' words and the trace.
 */
function LotNumberWidget() {
  const hydrated = useHydrated();
  const original = useRack(ORIGINAL_RACK);
  const second = useRack(SECOND_RACK);
  const [guarded, setGuarded] = useState(true);
  const [last, setLast] = useState<{ request: Request; outcome: Outcome } | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const outcome = last?.outcome ?? null;

  function onSecond(request: Request) {
    setLast({ request, outcome: second.send(request) });
    setNote(null);
  }

  // A local attempt with no request: the previous request's verdict would be stale, so it goes.
  function changeLot() {
    setLast(null);
    setNote(sendToCpu(second.rack, changeLotEvent()) ?? 'The lot number changed.');
  }

  function startAgain() {
    original.reset();
    second.reset();
    setLast(null);
    setNote(null);
  }

  return (
    <div className="widget cpu-widget">
      <div className="cpu-columns">
        <UnitPanel title="CPU Unit in the machine" cpu={original.view.cpu} mode={original.view.cpu.mode} />
        <UnitPanel title="Second CPU Unit on the bench" cpu={second.view.cpu} mode={modeText(second.view.cpu, last)} />
      </div>
      <fieldset>
        <legend>Copy the program to the second CPU Unit</legend>
        <label className="sim-toggle">
          <input type="checkbox" checked={guarded} disabled={!hydrated} onChange={(e) => setGuarded(e.currentTarget.checked)} />
          The copy keeps the lot-number comparison
        </label>
        <div className="cpu-actions">
          <button type="button" disabled={!hydrated} onClick={() => onSecond(copyRequest(guarded))}>
            Copy the program to the second CPU
          </button>
          <button type="button" disabled={!hydrated} onClick={() => onSecond(runRequest())}>
            Switch the second CPU to RUN
          </button>
          <button type="button" className="secondary" disabled={!hydrated} onClick={() => onSecond(stopRequest())}>
            Switch the second CPU to PROGRAM
          </button>
        </div>
      </fieldset>
      <fieldset>
        <legend>Try to give the second CPU the first one's lot number</legend>
        <div className="cpu-actions">
          <button type="button" disabled={!hydrated} onClick={changeLot}>
            Change its lot number
          </button>
          <button type="button" disabled={!hydrated} onClick={() => onSecond(forgeLotRequest(second.view.cpu.model))}>
            Write the lot number words over FINS
          </button>
        </div>
      </fieldset>
      <NoteAndTrace note={note} outcome={outcome} hydrated={hydrated} onStartAgain={startAgain} caption="Trace of the last request to the second CPU" emptyText="Copy the program, then switch the second CPU to RUN, to see what it makes of the copy." />
    </div>
  );
}

/** The island: the widget inside an error boundary, so a fault shows a plain message in its place. */
export default withErrorBoundary(LotNumberWidget, 'This exercise');
