import { useId, useState } from 'react';
import type { LocalPort, Request } from '../../../machines/model.ts';
import { trySend } from '../../../machines/request-path/rack.ts';
import { ENGINEERING_PC, USB_LAPTOP } from '../kit/nodes.ts';
import { OPERATION_PRESETS } from '../kit/requests.ts';
import { PLANT_USERS, userWithRole } from '../kit/scenarios.ts';
import { type RackChoice, SECURE_COMM_RACKS, secureCommChecklist } from './secure-comm.ts';
import SendPanel, { type SenderSetup, useSendPanel } from '../kit/SendPanel.tsx';
import { useHydrated, useRack } from '../kit/useRack.ts';
import { withErrorBoundary } from '../kit/error-boundary.tsx';
import '../kit/sim.css';
import SelectField from '../kit/SelectField.tsx';
import ErrorNote from '../kit/ErrorNote.tsx';

const DESIGNER = userWithRole('designer');
const SENDER: SenderSetup = {
  nodes: [ENGINEERING_PC, USB_LAPTOP],
  presets: [OPERATION_PRESETS.readD100, OPERATION_PRESETS.uploadProgram],
  protocols: ['secure-comm', 'fins-tcp'],
  askCredentials: true,
  secureCommOnCable: true,
  initial: { nodeId: ENGINEERING_PC.id, protocol: 'secure-comm', credentials: { user: DESIGNER.name, password: DESIGNER.password } },
};

function RackTry({ choice }: { choice: RackChoice }) {
  const uid = useId();
  const hydrated = useHydrated();
  const { rack, view, send } = useRack(choice.config);
  const [via, setVia] = useState<'network' | LocalPort>('network');
  const { panel } = useSendPanel(send);
  const [saveError, setSaveError] = useState<string | null>(null);
  const checklist = secureCommChecklist(view, via);
  const eip = view.unit?.eip ?? null;

  function saveUsers() {
    // The EIP21S User Management Tool writes the accounts; the administrator goes first (§2-3-1).
    let sent: ReturnType<typeof trySend> | null = null;
    for (const user of PLANT_USERS) sent = rack.eip ? trySend(rack.eip, { type: 'users.added', user }) : null;
    setSaveError(sent && !sent.ok ? sent.reason : null);
  }
  function onChange(request: Request | null) {
    panel.onChange(request);
    if (request) setVia(request.from.via);
  }
  function onSend(request: Request) {
    setVia(request.from.via);
    panel.onSend(request);
  }

  return (
    <>
      <section className="sim-panel" aria-labelledby={`${uid}-cond`}>
        <h3 id={`${uid}-cond`}>Secure Comm conditions for this rack (§2-1-1)</h3>
        <ul>
          {checklist.lines.map((l) => (
            <li key={l.name}>
              <strong>
                {l.name}: {l.met === null ? 'assumed' : l.met ? 'met' : 'not met'}.
              </strong>{' '}
              {l.text}
            </li>
          ))}
        </ul>
        <p className="widget-status">
          Secure Comm {via === 'network' ? 'from the engineering PC' : 'on the USB cable'}: {checklist.possible ? 'possible.' : 'not possible.'}
        </p>
        {eip && !eip.secureCommAvailable && (
          <p>
            <button type="button" className="secondary" disabled={!hydrated} onClick={saveUsers}>
              Save user settings to the {eip.model}
            </button>
          </p>
        )}
        <ErrorNote text={saveError} />
      </section>
      <SendPanel heading="Connect and send" wireHeading="What a listener on the network sees" {...SENDER} {...panel} onSend={onSend} onChange={onChange} />
    </>
  );
}

/**
 * Lesson 5 "try it": when Secure Comm works (§2-1-1). Pick a rack, store the user settings,
 * and connect from the engineering PC or a laptop on the USB port; the checklist, the trace and
 * the "what a listener sees" panel come from the machines. Changing the rack starts it afresh.
 */
function SecureCommWidget() {
  const uid = useId();
  const hydrated = useHydrated();
  const [rackId, setRackId] = useState(SECURE_COMM_RACKS[0]?.id ?? '');
  const choice = SECURE_COMM_RACKS.find((r) => r.id === rackId) ?? SECURE_COMM_RACKS[0];
  if (!choice) return null;
  return (
    <div className="widget sim-lab secure-comm-lab">
      <div className="widget-controls">
        <SelectField id={`${uid}-rack`} value={choice.id} options={SECURE_COMM_RACKS.map((r) => ({ value: r.id, label: r.label }))} disabled={!hydrated} onChange={(value) => setRackId(value)}>
          Rack
        </SelectField>
      </div>
      <RackTry key={choice.id} choice={choice} />
    </div>
  );
}

/** The island: the widget inside an error boundary, so a fault shows a plain message in its place. */
export default withErrorBoundary(SecureCommWidget, 'This exercise');
