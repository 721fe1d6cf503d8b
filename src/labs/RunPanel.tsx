import { useState } from 'react';
import { finsDestination, type TimelineRow, timelineRows, timelineTally } from './timeline.ts';
import TracePicture, { TracePictureLegend } from '../widgets/kit/TracePicture.tsx';
import TraceView from '../widgets/kit/TraceView.tsx';
import { TONE_MARKS, traceRows } from '../widgets/kit/trace.ts';
import { useResultFocus } from '../widgets/kit/result-focus.ts';
import WirePanel from '../widgets/kit/WirePanel.tsx';
import { useWorkbench } from './workbench-api.ts';

/**
 * One request of the replay: who sent it, what became of it and why, with its picture (one per
 * request, the words beside it its text alternative); its trace table and frame on demand.
 */
export function TimelineItem({ row }: { row: TimelineRow }) {
  const { state } = useWorkbench();
  const [wireOpen, setWireOpen] = useState(false);
  const { entry } = row;
  const stopped = !entry.outcome.allowed;
  // The picture is coloured only where the presenter knows what the request meant for the plant.
  const tone = row.tone === 'neutral' ? null : row.tone;
  return (
    <li className="lab-event" data-step={entry.id} data-outcome={stopped ? 'stopped' : 'through'} data-met={row.expectation ?? 'none'} data-tone={row.tone}>
      <p className="lab-event-head">
        <span className="lab-phase">{row.phaseLabel}</span> <strong>{entry.label}</strong>
      </p>
      <p className="muted">
        From {entry.from}
        {entry.to !== 'main' ? ` to ${entry.to}` : ''} · CPU clock {entry.clock.replace('T', ' ').replace(/Z$/, '')}
      </p>
      <p className={`lab-verdict ${stopped ? 'is-stopped' : 'is-through'} tone-${row.tone}`}>
        {TONE_MARKS[row.tone] && <span aria-hidden="true">{TONE_MARKS[row.tone]} </span>}
        <strong>{row.verdict}.</strong> {row.because}
      </p>
      <TracePicture steps={traceRows(entry.outcome)} tone={tone} labels={false} />
      {row.needed && (
        <p className={row.expectation === 'met' ? 'lab-need is-met' : 'lab-need is-unmet'}>
          The plant needs: it {row.needed} — <strong>{row.expectation === 'met' ? 'met' : 'not met'}</strong>
        </p>
      )}
      <details className="lab-disclosure">
        <summary>Trace through every layer</summary>
        <TraceView outcome={entry.outcome} request={entry.request ?? null} met={entry.met ?? null} caption={`Trace: ${entry.label}`} live={false} picture={false} />
      </details>
      {entry.request && (
        <details className="lab-disclosure" onToggle={(e) => setWireOpen(e.currentTarget.open)}>
          <summary>FINS frame on the wire</summary>
          {wireOpen && <WirePanel request={entry.request} outcome={entry.outcome} destination={finsDestination(state.variant)} heading={`On the wire: ${entry.label}`} />}
        </details>
      )}
    </li>
  );
}

/** The traffic suite replayed through the simulators (the grader's replay), as a timeline. */
export default function RunPanel() {
  const { state, send, ready, idFor } = useWorkbench();
  const report = state.report;
  const stale = report !== null && state.reportRevision !== state.revision;
  const tally = report ? timelineTally(report) : null;
  const results = useResultFocus<HTMLHeadingElement>();
  return (
    <section className="lab-section" aria-labelledby={idFor('lab-run')}>
      <h2 id={idFor('lab-run')}>Run the traffic</h2>
      <p>
        Replays the plant’s traffic and the attacks against the rack as your settings leave it: each request, who sent it, and
        where it was stopped or why it got through. Nothing is graded or recorded.
      </p>
      <button
        type="button"
        className="button"
        disabled={!ready}
        onClick={() => {
          send({ type: 'run.requested' });
          results.ask();
        }}
      >
        Run the traffic suite
      </button>
      <p role="status" className="lab-status">
        {tally && tally.graded > 0 && `${tally.met} of ${tally.graded} graded requests had the outcome the plant needs.`}
        {stale && ' Your settings changed since this run: run it again.'}
      </p>
      {report && (
        <h3 ref={results.ref} tabIndex={-1} className="lab-result-heading">
          What happened to each request
        </h3>
      )}
      {report && <TracePictureLegend />}
      {report && (
        <ol className="lab-timeline" aria-label="Timeline of the replay">
          {timelineRows(report).map((row) => (
            <TimelineItem key={row.key} row={row} />
          ))}
        </ol>
      )}
    </section>
  );
}
