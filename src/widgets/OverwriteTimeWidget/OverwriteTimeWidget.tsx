import { useState } from 'react';
import ScrollTable from '../kit/ScrollTable.tsx';
import { type OverwriteBaseline, overwriteBaseline, tamperSince } from '../../../machines/cpu/cpu-unit.machine.ts';
import type { Outcome } from '../../../machines/model.ts';
import {
  CHANGE_TAKES_SECONDS,
  changeTakesTimeEvent,
  clockText,
  OVERWRITE_ACTIONS,
  OVERWRITE_RACK,
  type OverwriteActionId,
  overwriteRequest,
  type TimestampRecord,
  tamperText,
  timePassesEvent,
  timestampRecords,
} from './overwrite-time.ts';
import { useHydrated, useRack } from '../kit/useRack.ts';
import NoteAndTrace from '../kit/NoteAndTrace.tsx';
import { sendToCpu } from '../kit/send-to-cpu.ts';
import { withErrorBoundary } from '../kit/error-boundary.tsx';
import '../kit/sim.css';
import '../kit/cpu.css';

function RecordTable({ record }: { record: TimestampRecord }) {
  return (
    <ScrollTable caption={<>{record.label}: {record.decoded}</>} className="sim-table cpu-words" columns={['Word', 'Hex', 'High byte', 'Low byte']}>
      {record.words.map((w) => (
        <tr key={w.address}>
          <th scope="row">{w.address}</th>
          <td>
            <code>{w.hex}</code>
          </td>
          <td>
            {w.high.field} <code>{w.high.hex}</code> = {w.high.value}
          </td>
          <td>
            {w.low.field} <code>{w.low.hex}</code> = {w.low.value}
          </td>
        </tr>
      ))}
    </ScrollTable>
  );
}

/**
 * Lesson 15 "try it": the CPU's A90–A97 words in hex and decoded; let time pass, change the
 * program, the PLC Setup or a data word, try to forge A90, and compare with a baseline as a
 * monitoring routine would. The CPU machine stamps and compares (§2-5-5).
 */
function OverwriteTimeWidget() {
  const hydrated = useHydrated();
  const { rack, view, send, reset } = useRack(OVERWRITE_RACK);
  const [baseline, setBaseline] = useState<{ words: OverwriteBaseline; at: string } | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const cpu = view.cpu;

  function takeBaseline() {
    setBaseline({ words: overwriteBaseline(rack.cpu.getSnapshot()), at: clockText(rack.view().cpu) });
    setNote('Baseline taken: the monitoring routine remembers A90–A97 as they are now.');
  }

  function compare() {
    if (!baseline) {
      setNote('Take a baseline first: there is nothing to compare with yet.');
      return;
    }
    setNote(tamperText(tamperSince(rack.cpu.getSnapshot(), baseline.words)));
  }

  function passTime() {
    setNote(sendToCpu(rack, timePassesEvent()) ?? `Time passes: the CPU clock now reads ${clockText(rack.view().cpu)}.`);
  }

  function act(action: OverwriteActionId) {
    rack.cpu.send(changeTakesTimeEvent());
    setOutcome(send(overwriteRequest(action)));
    setNote(null);
  }

  function startAgain() {
    reset();
    setBaseline(null);
    setOutcome(null);
    setNote(null);
  }

  return (
    <div className="widget cpu-widget">
      <dl className="cpu-state">
        <dt>CPU clock</dt>
        <dd>{clockText(cpu)}</dd>
        <dt>Baseline</dt>
        <dd>{baseline ? `taken at ${baseline.at}` : 'not taken yet'}</dd>
      </dl>
      {timestampRecords(cpu).map((r) => (
        <RecordTable key={r.id} record={r} />
      ))}
      <fieldset>
        <legend>Monitoring routine</legend>
        <div className="cpu-actions">
          <button type="button" disabled={!hydrated} onClick={takeBaseline}>
            Take a baseline
          </button>
          <button type="button" disabled={!hydrated} onClick={compare}>
            Compare with the baseline
          </button>
          <button type="button" disabled={!hydrated} onClick={passTime}>
            Let 1 h 23 min 45 s pass
          </button>
        </div>
      </fieldset>
      <fieldset>
        <legend>Change something (from the network; each change takes {CHANGE_TAKES_SECONDS} s)</legend>
        <div className="cpu-actions">
          {OVERWRITE_ACTIONS.map((a) => (
            <button key={a.id} type="button" disabled={!hydrated} onClick={() => act(a.id)}>
              {a.label}
            </button>
          ))}
        </div>
      </fieldset>
      <NoteAndTrace note={note} outcome={outcome} hydrated={hydrated} onStartAgain={startAgain} caption="Trace of the last change" emptyText="Make a change to see how the CPU takes it." />
    </div>
  );
}

/** The island: the widget inside an error boundary, so a fault shows a plain message in its place. */
export default withErrorBoundary(OverwriteTimeWidget, 'This exercise');
