import { useId } from 'react';
import ScrollTable from './ScrollTable.tsx';
import type { FinsDestination } from '../../../machines/wire/fins.ts';
import type { Outcome, Request } from '../../../machines/model.ts';
import { labelledExchange, SCENARIO_DESTINATION, type WireFrame } from './wire-view.ts';
import { withErrorBoundary } from './error-boundary.tsx';
import './sim.css';

/** Props of WirePanel. */
export interface WirePanelProps {
  /** The request to show; null before the learner picked one. */
  request: Request | null;
  /** Its outcome from Rack.send; null = not sent yet (only the request frame is shown). */
  outcome: Outcome | null;
  /** Where the frame goes; default the scenario CPU Unit (node 1, unit 00). */
  destination?: FinsDestination;
  /** Service ID of the frame; default 1. */
  sid?: number;
  /** Heading text; default "On the wire". */
  heading?: string;
}

function FrameTable({ frame }: { frame: WireFrame }) {
  return (
    <ScrollTable caption={<>{frame.title}: <code>{frame.hex}</code></>} className="sim-table sim-frame" columns={['Byte', 'Hex', 'Field', 'Meaning']}>
      {frame.fields.map((f) => (
        <tr key={`${f.offset}-${f.field}`}>
          <td>{f.length > 1 ? `${f.offset}–${f.offset + f.length - 1}` : f.offset}</td>
          <td>
            <code>{f.hex}</code>
          </td>
          <th scope="row">{f.field}</th>
          <td>{f.meaning}</td>
        </tr>
      ))}
    </ScrollTable>
  );
}

/**
 * "On the wire": the real FINS frame a request puts on the network and the frame that comes
 * back (a normal response, a refusal with its end code, or nothing: a dropped packet, or a
 * refusal that sends no FINS answer, with the reason), every byte labelled in an accessible
 * table (src/widgets/kit/wire-view.ts over machines/wire/wire.ts).
 * Requests that are not FINS get a sentence saying what a listener would see instead.
 */
function WirePanel({ request, outcome, destination = SCENARIO_DESTINATION, sid = 1, heading = 'On the wire' }: WirePanelProps) {
  const id = useId();
  const exchange = request ? labelledExchange(request, outcome, destination, sid) : null;
  return (
    <section className="sim-wire" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{heading}</h3>
      {!exchange && <p>Choose a request to see its bytes.</p>}
      {exchange && <p className="sim-wire-note">{exchange.note}</p>}
      {exchange?.request && <FrameTable frame={exchange.request} />}
      {exchange?.response && <FrameTable frame={exchange.response} />}
    </section>
  );
}

/** WirePanel inside an error boundary: a fault in the frame view leaves the rest of the widget working. */
export default withErrorBoundary(WirePanel, 'The wire view');
