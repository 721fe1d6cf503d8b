import { useMemo } from 'react';
import { ownRequestPresets, senderNodes } from './own-request.ts';
import { finsDestination, timelineRow } from './timeline.ts';
import RequestSender from '../widgets/kit/RequestSender.tsx';
import TraceView from '../widgets/kit/TraceView.tsx';
import WirePanel from '../widgets/kit/WirePanel.tsx';
import { useResultFocus } from '../widgets/kit/result-focus.ts';
import { useWorkbench } from './workbench-api.ts';

/** "Send a request of your own" from any node of the lab, through the rack as the answer leaves it. */
export default function OwnRequestPanel() {
  const { state, send, idFor } = useWorkbench();
  const nodes = useMemo(() => senderNodes(state.variant.network), [state.variant]);
  const presets = useMemo(() => ownRequestPresets(state.variant), [state.variant]);
  const [latest, ...earlier] = state.ownRequests;
  const result = useResultFocus<HTMLHeadingElement>();
  return (
    <section className="lab-section" aria-labelledby={idFor('lab-own')}>
      <h2 id={idFor('lab-own')}>Send a request of your own</h2>
      <p>Pick a sender, a protocol and an operation: the request meets the rack as your settings and actions leave it.</p>
      <RequestSender
        key={state.seed ?? 'default'}
        nodes={nodes}
        presets={presets}
        askCredentials
        label="Send a request of your own"
        onSend={(request) => {
          const preset = presets.find((p) => JSON.stringify(p.operation) === JSON.stringify(request.operation));
          send({ type: 'request.sent', request, label: `${request.from.name}: ${preset?.label ?? request.operation.kind}` });
          result.ask();
        }}
      />
      {latest && (
        <div className="lab-own-result" data-own-request={latest.seq}>
          <h3 ref={result.ref} tabIndex={-1}>
            Request {latest.seq}: {latest.entry.label}
          </h3>
          <TraceView outcome={latest.entry.outcome} caption={`Trace of request ${latest.seq}`} />
          {latest.entry.request && <WirePanel request={latest.entry.request} outcome={latest.entry.outcome} destination={finsDestination(state.variant)} />}
        </div>
      )}
      {earlier.length > 0 && (
        <>
          <h3 id={idFor('lab-own-earlier')}>Earlier requests</h3>
          <ul aria-labelledby={idFor('lab-own-earlier')}>
            {earlier.map((r) => (
              <li key={r.seq}>
                {r.seq}. {r.entry.label} — {timelineRow(r.entry, 0).verdict}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
