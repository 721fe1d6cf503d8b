import { type SubmitEvent, useId, useState } from 'react';
import type { Request } from '../../../machines/model.ts';
import { trySend } from '../../../machines/request-path/rack.ts';
import { addSeconds, clockDrift, clockText, fromLocalInput, SIM_STEP_SECONDS, toLocalInput } from '../kit/sim-clock.ts';
import { ENGINEERING_PC, HMI, ROGUE_LAPTOP } from '../kit/nodes.ts';
import { OPERATION_PRESETS } from '../kit/requests.ts';
import { SCENARIO_CLOCK, scenarioRack, userWithRole } from '../kit/scenarios.ts';
import OperationLogTable from '../kit/OperationLogTable.tsx';
import SendPanel, { type SenderSetup, useSendPanel } from '../kit/SendPanel.tsx';
import { useHydrated, useRack } from '../kit/useRack.ts';
import { withErrorBoundary } from '../kit/error-boundary.tsx';
import '../kit/sim.css';
import SubmitField from '../kit/SubmitField.tsx';
import ErrorNote from '../kit/ErrorNote.tsx';

const CONFIG = scenarioRack();
const DESIGNER = userWithRole('designer');
const SENDER: SenderSetup = {
  nodes: [ENGINEERING_PC, HMI, ROGUE_LAPTOP],
  presets: [
    OPERATION_PRESETS.readD100,
    OPERATION_PRESETS.writeD100,
    OPERATION_PRESETS.uploadProgram,
    OPERATION_PRESETS.stopCpu,
    OPERATION_PRESETS.listUsers,
    OPERATION_PRESETS.readLog,
  ],
  protocols: ['secure-comm', 'fins-tcp', 'fins-udp'],
  askCredentials: true,
  initial: { nodeId: ENGINEERING_PC.id, protocol: 'secure-comm', credentials: { user: DESIGNER.name, password: DESIGNER.password } },
};
/** The plant's time server, for automatic clock adjustment (an address on the scenario network). */
const SNTP_SERVER = '192.168.250.5';

/**
 * Lesson 16 "try it": the EIP21S operation log (§2-6-1). Operations over Secure Comm — allowed,
 * refused or failed log-ins — are recorded with the CPU clock time, the PC's IP address and the
 * user; FINS traffic is not. Set the CPU clock wrong and see it in the log, then let automatic
 * clock adjustment put it right. Each operation sent takes one minute of plant time.
 */
function LogWidget() {
  const uid = useId();
  const hydrated = useHydrated();
  const { rack, view, send } = useRack(CONFIG);
  const [actual, setActual] = useState(SCENARIO_CLOCK);
  const [clockInput, setClockInput] = useState(toLocalInput(SCENARIO_CLOCK));
  const [server, setServer] = useState(SNTP_SERVER);
  const [error, setError] = useState<string | null>(null);
  const { panel } = useSendPanel(send);
  const eip = view.unit?.eip;
  if (!eip) return null;

  function onSend(request: Request) {
    rack.cpu.send({ type: 'clock.advanced', seconds: SIM_STEP_SECONDS });
    setActual((t) => addSeconds(t, SIM_STEP_SECONDS));
    panel.onSend(request);
  }
  function setCpuClock(e: SubmitEvent<HTMLFormElement>) {
    e.preventDefault();
    const parsed = fromLocalInput(clockInput);
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    const sent = trySend(rack.cpu, { type: 'clock.set', at: parsed.clock });
    setError(sent.ok ? null : sent.reason);
  }
  function setAutoAdjust(enabled: boolean) {
    const sent = rack.eip ? trySend(rack.eip, { type: 'clock.autoAdjustSet', enabled, server }) : null;
    setError(sent && !sent.ok ? sent.reason : null);
  }
  function sntpAnswers() {
    // The time server answers with the actual time; the rack writes it to the CPU clock (§2-6-1).
    const sent = rack.eip ? trySend(rack.eip, { type: 'clock.sntpReplied', serverTime: actual }) : null;
    setError(sent && !sent.ok ? sent.reason : null);
  }

  const ids = { clock: `${uid}-clock`, server: `${uid}-server`, auto: `${uid}-auto` };
  return (
    <div className="widget sim-lab log-lab">
      <section className="sim-panel" aria-labelledby={`${uid}-clocks`}>
        <h3 id={`${uid}-clocks`}>Clocks</h3>
        <p role="status">
          CPU clock: <strong>{clockText(view.cpu.clock)}</strong>. Actual time: <strong>{clockText(actual)}</strong>.{' '}
          {clockDrift(view.cpu.clock, actual)}
        </p>
        <form className="sim-row" aria-label="Set the CPU clock" onSubmit={setCpuClock}>
          <div className="widget-field">
            <label htmlFor={ids.clock}>New CPU clock</label>
            <input
              id={ids.clock}
              type="datetime-local"
              step={1}
              value={clockInput}
              disabled={!hydrated}
              onChange={(e) => setClockInput(e.currentTarget.value)}
            />
          </div>
          <SubmitField disabled={!hydrated}>Set CPU clock</SubmitField>
        </form>
        <fieldset className="sim-row">
          <legend>Automatic clock adjustment (EIP21S)</legend>
          <div className="widget-field">
            <label htmlFor={ids.server}>SNTP server</label>
            <input id={ids.server} type="text" inputMode="decimal" value={server} disabled={!hydrated || eip.clock.enabled} onChange={(e) => setServer(e.currentTarget.value)} />
          </div>
          <label className="sim-toggle" htmlFor={ids.auto}>
            <input id={ids.auto} type="checkbox" checked={eip.clock.enabled} disabled={!hydrated} onChange={(e) => setAutoAdjust(e.currentTarget.checked)} />
            Use automatic clock adjustment
          </label>
          <button type="button" className="secondary" disabled={!hydrated || !eip.clock.enabled} onClick={sntpAnswers}>
            SNTP server answers now
          </button>
        </fieldset>
        <ErrorNote text={error} />
      </section>

      <SendPanel heading="Operate the PLC" showWire={false} {...SENDER} {...panel} onSend={onSend} />

      <OperationLogTable log={eip.log} caption={`Operation log of the ${eip.model} (${eip.log.length} ${eip.log.length === 1 ? 'entry' : 'entries'})`} />
    </div>
  );
}

/** The island: the widget inside an error boundary, so a fault shows a plain message in its place. */
export default withErrorBoundary(LogWidget, 'This exercise');
