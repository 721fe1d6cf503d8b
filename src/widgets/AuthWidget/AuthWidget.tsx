import { useId } from 'react';
import { ENGINEERING_PC, ROGUE_LAPTOP } from '../kit/nodes.ts';
import { OPERATION_PRESETS } from '../kit/requests.ts';
import { scenarioRack, userWithRole } from '../kit/scenarios.ts';
import SendPanel, { type SenderSetup, useSendPanel } from '../kit/SendPanel.tsx';
import { useRack } from '../kit/useRack.ts';
import { withErrorBoundary } from '../kit/error-boundary.tsx';
import '../kit/sim.css';

const CONFIG = scenarioRack();
const DESIGNER = userWithRole('designer');
const SENDER: SenderSetup = {
  nodes: [ENGINEERING_PC, ROGUE_LAPTOP],
  presets: [OPERATION_PRESETS.readD100, OPERATION_PRESETS.uploadProgram, OPERATION_PRESETS.writeD100, OPERATION_PRESETS.listUsers],
  protocols: ['secure-comm', 'fins-tcp', 'fins-udp'],
  askCredentials: true,
  initial: { nodeId: ENGINEERING_PC.id, presetId: OPERATION_PRESETS.readD100.id, protocol: 'secure-comm', credentials: { user: DESIGNER.name, password: '' } },
};

/**
 * Lesson 8 "try it": going online over Secure Comm with a user name and password (§2-3-1).
 * A wrong password fails authentication; plain FINS carries no user at all, so the same request
 * over FINS is served without anyone being asked who they are. The unit's stored users, the
 * last log-in attempt and the open sessions come from the EIP21S machine.
 */
function AuthWidget() {
  const uid = useId();
  const { view, send } = useRack(CONFIG);
  const { panel } = useSendPanel(send);
  const eip = view.unit?.eip;
  if (!eip) return null;


  const last = eip.lastAuth;
  const sessions = Object.entries(eip.sessions);
  return (
    <div className="widget sim-lab auth-lab">
      <section className="sim-panel" aria-labelledby={`${uid}-users`}>
        <h3 id={`${uid}-users`}>Users stored in the CJ1W-EIP21S</h3>
        <table className="sim-table">
          <caption>Registered users and their operation authority</caption>
          <thead>
            <tr>
              <th scope="col">User name</th>
              <th scope="col">Operation authority</th>
            </tr>
          </thead>
          <tbody>
            {eip.users.map((u) => (
              <tr key={u.name}>
                <th scope="row">{u.name}</th>
                <td>{u.role}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>
          <strong>Last log-in attempt:</strong>{' '}
          {last === null
            ? 'none yet.'
            : last.ok
              ? `authentication OK — "${last.user}" from ${last.ip} is online as ${last.role}.`
              : `${last.reason} ("${last.user}" from ${last.ip}).`}
        </p>
        <p>
          <strong>Open Secure Comm sessions:</strong>{' '}
          {sessions.length === 0 ? 'none.' : sessions.map(([ip, s]) => `${s.user} (${s.role}) from ${ip}`).join('; ')}
        </p>
      </section>

      <SendPanel heading="Go online and send a request" {...SENDER} {...panel} />
    </div>
  );
}

/** The island: the widget inside an error boundary, so a fault shows a plain message in its place. */
export default withErrorBoundary(AuthWidget, 'This exercise');
