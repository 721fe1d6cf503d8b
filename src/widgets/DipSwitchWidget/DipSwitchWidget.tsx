import { useSelector } from '@xstate/react';
import { useId } from 'react';
import { programIdentity } from '../kit/cpu-scenarios.ts';
import {
  CARD_CONTENTS,
  DIP_PROGRAMS,
  DIP_RACK,
  type DownloadRoute,
  downloadRequest,
  pinText,
  powerOnText,
} from './dip-switch.ts';
import TraceView from '../kit/TraceView.tsx';
import { useHydrated, useTryIt } from '../kit/useRack.ts';
import WirePanel from '../kit/WirePanel.tsx';
import { sendToCpu } from '../kit/send-to-cpu.ts';
import { withErrorBoundary } from '../kit/error-boundary.tsx';
import '../kit/sim.css';
import '../kit/cpu.css';
import StartAgainButton from '../kit/StartAgainButton.tsx';

/**
 * Lesson 11 "try it": the DIP switch pins of the CPU Unit, a download over the network and over
 * USB, and a memory card loaded (or held back) at power-on. The CPU machine and the request path
 * decide (§2-5-1); the widget shows the trace, the bytes on the wire and what the CPU now holds.
 */
function DipSwitchWidget() {
  const uid = useId();
  const hydrated = useHydrated();
  const { rack, view, last, note, setNote, sendAndShow, startAgain } = useTryIt(DIP_RACK);
  const cardInserted = useSelector(rack.cpu, (s) => s.context.card !== null);
  const cpu = view.cpu;

  function local(change: Parameters<typeof sendToCpu>[1], done: string) {
    const problem = sendToCpu(rack, change);
    setNote(problem ?? done);
  }

  function download(route: DownloadRoute) {
    sendAndShow(downloadRequest(route));
  }

  function powerCycle() {
    rack.cpu.send({ type: 'power.on' });
    setNote(powerOnText(rack.view().cpu.powerOnHistory));
  }

  return (
    <div className="widget cpu-widget">
      <fieldset>
        <legend>DIP switch on the CPU Unit</legend>
        <label className="sim-toggle">
          <input
            type="checkbox"
            checked={cpu.dip.writeProtect}
            disabled={!hydrated}
            onChange={(e) => local({ type: 'dip.set', writeProtect: e.currentTarget.checked }, `Write protection pin set to ${pinText(e.currentTarget.checked)}.`)}
          />
          Write protection pin ({pinText(cpu.dip.writeProtect)})
        </label>
        <label className="sim-toggle">
          <input
            type="checkbox"
            checked={cpu.dip.memoryCardAutoLoad}
            disabled={!hydrated}
            onChange={(e) =>
              local({ type: 'dip.set', memoryCardAutoLoad: e.currentTarget.checked }, `Memory card auto-load pin set to ${pinText(e.currentTarget.checked)}.`)
            }
          />
          Load the memory card at power-on ({pinText(cpu.dip.memoryCardAutoLoad)})
        </label>
      </fieldset>

      <fieldset>
        <legend>Download a changed program (CPU in {cpu.mode} mode)</legend>
        <div className="cpu-actions">
          <button type="button" disabled={!hydrated} onClick={() => download('network')}>
            Download over the network
          </button>
          <button type="button" disabled={!hydrated} onClick={() => download('usb')}>
            Download over USB
          </button>
        </div>
        <p className="muted">The network download comes from CX-Programmer on the engineering PC, over FINS; the USB one from a laptop at the panel.</p>
      </fieldset>

      <fieldset>
        <legend>Memory card</legend>
        <div className="cpu-actions">
          <button type="button" disabled={!hydrated || cardInserted} onClick={() => local({ type: 'card.inserted', contents: CARD_CONTENTS }, 'A memory card with a different program is in the slot.')}>
            Insert the stranger's card
          </button>
          <button type="button" className="secondary" disabled={!hydrated || !cardInserted} onClick={() => local({ type: 'card.removed' }, 'The card slot is empty.')}>
            Remove the card
          </button>
          <button type="button" disabled={!hydrated} onClick={powerCycle}>
            Cycle the power
          </button>
        </div>
      </fieldset>

      <p className="cpu-note" role="status" id={`${uid}-note`}>
        {note ?? ''}
      </p>
      <dl className="cpu-state sim-panel">
        <dt>Program in the CPU</dt>
        <dd>{programIdentity(cpu.program, DIP_PROGRAMS)}</dd>
        <dt>Card slot</dt>
        <dd>{cardInserted ? 'a card is inserted' : 'empty'}</dd>
        <dt>Last power-on</dt>
        <dd>{powerOnText(cpu.powerOnHistory)}</dd>
      </dl>
      <div className="cpu-actions">
        <StartAgainButton hydrated={hydrated} onClick={startAgain} />
      </div>
      <TraceView outcome={last?.outcome ?? null} request={last?.request ?? null} caption="Trace of the last download" emptyText="Try a download to see which step decides." />
      <WirePanel request={last?.request ?? null} outcome={last?.outcome ?? null} />
    </div>
  );
}

/** The island: the widget inside an error boundary, so a fault shows a plain message in its place. */
export default withErrorBoundary(DipSwitchWidget, 'This exercise');
