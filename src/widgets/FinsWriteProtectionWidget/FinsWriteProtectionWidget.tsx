import { useState } from 'react';
import type { Request } from '../../../machines/model.ts';
import {
  d100Text,
  EXCLUDABLE_NODE,
  FINS_PRESETS,
  FINS_RACK,
  FINS_SENDERS,
  finsProtectionEvent,
  finsProtectionText,
} from './fins-protection.ts';
import RequestSender from '../kit/RequestSender.tsx';
import TraceView from '../kit/TraceView.tsx';
import { useHydrated, useTryIt } from '../kit/useRack.ts';
import WirePanel from '../kit/WirePanel.tsx';
import { sendToCpu } from '../kit/send-to-cpu.ts';
import { withErrorBoundary } from '../kit/error-boundary.tsx';
import '../kit/sim.css';
import '../kit/cpu.css';
import StartAgainButton from '../kit/StartAgainButton.tsx';

/**
 * Lesson 13 "try it": switch FINS write protection and the engineering PC's exclusion, then send
 * writes, reads and a mode change from several nodes. The request path decides (§2-5-3); the
 * widget shows the trace and the FINS frames, a refusal with its end code.
 */
function FinsWriteProtectionWidget() {
  const hydrated = useHydrated();
  const { rack, view, last, note, setNote, sendAndShow, clearLast, startAgain } = useTryIt(FINS_RACK);
  const [preview, setPreview] = useState<Request | null>(null);
  const cpu = view.cpu;
  const excluded = cpu.finsProtection.excludedNodes.includes(EXCLUDABLE_NODE);

  function setProtection(enabled: boolean, exclude: boolean) {
    const problem = sendToCpu(rack, finsProtectionEvent(enabled, exclude));
    setNote(problem ?? finsProtectionText(rack.view().cpu));
  }

  return (
    <div className="widget cpu-widget">
      <fieldset>
        <legend>FINS write protection (PLC Setup of the CPU Unit)</legend>
        <label className="sim-toggle">
          <input
            type="checkbox"
            checked={cpu.finsProtection.enabled}
            disabled={!hydrated}
            onChange={(e) => setProtection(e.currentTarget.checked, excluded)}
          />
          FINS write protection
        </label>
        <label className="sim-toggle">
          <input
            type="checkbox"
            checked={excluded}
            disabled={!hydrated}
            onChange={(e) => setProtection(cpu.finsProtection.enabled, e.currentTarget.checked)}
          />
          Exclude node {EXCLUDABLE_NODE} (the engineering PC)
        </label>
        <p className="cpu-note" role="status">
          {note ?? finsProtectionText(cpu)}
        </p>
      </fieldset>
      <RequestSender
        nodes={FINS_SENDERS}
        presets={FINS_PRESETS}
        protocols={['fins-udp', 'fins-tcp', 'cip']}
        label="Send a request to the CPU Unit"
        onChange={(request) => {
          setPreview(request);
          clearLast();
        }}
        onSend={sendAndShow}
      />
      <dl className="cpu-state sim-panel">
        <dt>In the CPU</dt>
        <dd>
          {d100Text(cpu)}; mode {cpu.mode}
        </dd>
      </dl>
      <div className="cpu-actions">
        <StartAgainButton hydrated={hydrated} onClick={startAgain} />
      </div>
      <TraceView outcome={last?.outcome ?? null} request={last?.request ?? null} caption="Trace of the last request" />
      <WirePanel request={last?.request ?? preview} outcome={last?.outcome ?? null} />
    </div>
  );
}

/** The island: the widget inside an error boundary, so a fault shows a plain message in its place. */
export default withErrorBoundary(FinsWriteProtectionWidget, 'This exercise');
