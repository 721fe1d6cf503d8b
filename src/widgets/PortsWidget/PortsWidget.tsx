import { type SubmitEvent, useId, useState } from 'react';
import { FTP_NO_LOCKOUT, PORT_LABELS } from '../../../machines/eip/eip21s.machine.ts';
import type { PortSettings } from '../../../machines/model.ts';
import { trySend } from '../../../machines/request-path/rack.ts';
import { compareRequests } from '../kit/compare.ts';
import { FTP_GUESSES, ftpLoginRequest, type GuessResult, guessFtpPassword } from './ftp-guessing.ts';
import { ENGINEERING_PC, HMI, ROGUE_LAPTOP } from '../kit/nodes.ts';
import { OPERATION_PRESETS } from '../kit/requests.ts';
import { SCENARIO_COMMUNITY, scenarioRack } from '../kit/scenarios.ts';
import { designerCredentials, plantTraffic, SECURE_COMM_ONLY } from '../kit/traffic.ts';
import ComparisonLine from '../kit/ComparisonLine.tsx';
import SendPanel, { type SenderSetup, useSendPanel } from '../kit/SendPanel.tsx';
import { useHydrated, useRack } from '../kit/useRack.ts';
import { withErrorBoundary } from '../kit/error-boundary.tsx';
import '../kit/sim.css';
import TextField from '../kit/TextField.tsx';
import SubmitField from '../kit/SubmitField.tsx';

const SENDER: SenderSetup = {
  nodes: [ENGINEERING_PC, HMI, ROGUE_LAPTOP],
  presets: [OPERATION_PRESETS.readD100, OPERATION_PRESETS.writeD100, OPERATION_PRESETS.tagData, OPERATION_PRESETS.readFile, OPERATION_PRESETS.snmpGet],
  askCredentials: true,
  initial: { nodeId: HMI.id, presetId: OPERATION_PRESETS.readD100.id, protocol: 'fins-udp', credentials: designerCredentials(), community: SCENARIO_COMMUNITY },
};
/** Every port set to Use: the unit as it leaves the factory. */
const CONFIG = scenarioRack();
const TRAFFIC = plantTraffic();
const PORTS = Object.keys(PORT_LABELS) as (keyof PortSettings)[];

/** "1 wrong password", "3 wrong passwords". */
function wrongPasswords(n: number): string {
  return `${n} wrong password${new Intl.PluralRules('en').select(n) === 'one' ? '' : 's'}`;
}

/** How a guessing attack ended, in a sentence. */
function guessSummary(result: GuessResult): string {
  const tried = result.attempts.length;
  if (result.unanswered) {
    return 'No answer at all: while the FTP server is set to Not use (or the filter drops the packets), the attacker cannot even try a password.';
  }
  if (result.found !== null) {
    const shown = result.found === '' ? 'an empty password' : `"${result.found}"`;
    return `The login was found with ${shown} at guess ${tried}, after ${wrongPasswords(tried - 1)}. Nothing was locked on the way.`;
  }
  return `None of the ${tried} guesses worked, and the login is still not locked: a longer list would simply go on.`;
}

/**
 * Lesson 7 "try it": the Use / Not use switches of the EIP21S's TCP/IP functions (§2-2-2). Close
 * ports and watch FINS, FTP, SNMP and tag data links stop while Secure Comm carries on; try the
 * FTP server's login from the rogue laptop and see that wrong passwords never lock it (§1-6);
 * send your own requests and read the trace and the frames. Decisions come from the machines.
 */
function PortsWidget() {
  const uid = useId();
  const hydrated = useHydrated();
  const { rack, view, send } = useRack(CONFIG);
  const { panel, show } = useSendPanel(send);
  const [guess, setGuess] = useState('');
  const [wrongSoFar, setWrongSoFar] = useState(0);
  const [tryNote, setTryNote] = useState<string | null>(null);
  const [attack, setAttack] = useState<GuessResult | null>(null);
  const [newFtpPassword, setNewFtpPassword] = useState('');
  const [ftpNote, setFtpNote] = useState<{ text: string; error: boolean } | null>(null);
  const eip = view.unit?.eip;
  if (!eip) return null;
  const ftpUser = eip.ftpLogin.user;

  function setPort(port: keyof PortSettings, use: boolean) {
    rack.eip?.send({ type: 'ports.set', port, use });
  }
  function applyExample() {
    for (const port of PORTS) setPort(port, SECURE_COMM_ONLY[port]);
  }
  function tryLogin(e: SubmitEvent<HTMLFormElement>) {
    e.preventDefault();
    const request = ftpLoginRequest(ROGUE_LAPTOP, ftpUser, guess);
    const outcome = send(request);
    show(request, outcome);
    if (outcome.allowed) {
      setTryNote(`Accepted: the rogue laptop is logged in to the FTP server, after ${wrongPasswords(wrongSoFar)}.`);
      setWrongSoFar(0);
    } else if (outcome.blockedBy?.source === 'ftp-login') {
      setWrongSoFar(wrongSoFar + 1);
      setTryNote(`Refused — ${wrongPasswords(wrongSoFar + 1)} so far, and the server still answers the next try. ${FTP_NO_LOCKOUT}`);
    } else {
      setTryNote('No answer: the packet never reached the FTP server, so no password was tried.');
    }
  }
  function runAttack() {
    const result = guessFtpPassword(send, ROGUE_LAPTOP, ftpUser);
    setAttack(result);
    const last = result.attempts.at(-1);
    if (result.lastRequest && last) {
      show(result.lastRequest, last.outcome);
    }
  }
  function changeFtpPassword(e: SubmitEvent<HTMLFormElement>) {
    e.preventDefault();
    const sent = rack.eip ? trySend(rack.eip, { type: 'ftp.loginSet', login: { user: ftpUser, password: newFtpPassword } }) : null;
    const problem = sent && !sent.ok ? sent.reason : null;
    setFtpNote(problem ? { text: problem, error: true } : { text: 'Saved: the FTP server now expects the new password.', error: false });
    if (!problem) setAttack(null);
  }

  const overview = compareRequests(view, TRAFFIC);
  return (
    <div className="widget sim-lab ports-lab">
      <section className="sim-panel" aria-labelledby={`${uid}-ports`}>
        <h3 id={`${uid}-ports`}>TCP/IP functions of the CJ1W-EIP21S</h3>
        <fieldset>
          <legend>Use these functions</legend>
          {PORTS.map((port) => (
            <label className="sim-toggle" key={port}>
              <input type="checkbox" checked={eip.ports[port]} disabled={!hydrated} onChange={(e) => setPort(port, e.currentTarget.checked)} />
              Use {PORT_LABELS[port]}
            </label>
          ))}
        </fieldset>
        <p className="sim-row">
          <button type="button" className="secondary" disabled={!hydrated} onClick={applyExample}>
            Apply the guideline's example: Secure Comm only
          </button>
        </p>
      </section>

      <section className="sim-panel" aria-labelledby={`${uid}-traffic`}>
        <h3 id={`${uid}-traffic`}>The plant's traffic on these settings</h3>
        <p className="muted">Each line is evaluated on the current settings; nothing is sent.</p>
        <ul>
          {overview.map((row) => (
            <ComparisonLine key={row.who} row={row} />
          ))}
        </ul>
      </section>

      <section className="sim-panel" aria-labelledby={`${uid}-ftp`}>
        <h3 id={`${uid}-ftp`}>The FTP server's login</h3>
        <p className="muted">
          The FTP server has a login of its own: the name "{ftpUser}" and a password set by the plant (the simulator's assumption; the guideline only says
          FTP has no password lock, §1-6). Try passwords from the rogue laptop.
        </p>
        <form className="sim-row" aria-label="Try an FTP login" onSubmit={tryLogin}>
          <TextField password id={`${uid}-guess`} value={guess} disabled={!hydrated} onChange={(value) => setGuess(value)}>
            FTP password to try
          </TextField>
          <SubmitField disabled={!hydrated}>Try this FTP login</SubmitField>
        </form>
        {tryNote && <p role="status">{tryNote}</p>}
        <p className="sim-row">
          <button type="button" className="secondary" disabled={!hydrated} onClick={runAttack}>
            Run a guessing attack ({FTP_GUESSES.length} common passwords)
          </button>
        </p>
        {attack && (
          <>
            <ol aria-label="Guesses tried">
              {attack.attempts.map((a) => (
                <li key={a.n} data-allowed={a.outcome.allowed}>
                  {a.password === '' ? '(empty password)' : `"${a.password}"`}: {a.outcome.allowed ? 'accepted' : a.stoppedAt === 'ftp-login' ? 'refused' : 'no answer'}
                </li>
              ))}
            </ol>
            <p role="status">{guessSummary(attack)}</p>
          </>
        )}
        <form className="sim-row" aria-label="Change the FTP password" onSubmit={changeFtpPassword}>
          <TextField password id={`${uid}-ftp-pw`} value={newFtpPassword} disabled={!hydrated} onChange={(value) => setNewFtpPassword(value)}>
            New FTP password
          </TextField>
          <SubmitField disabled={!hydrated}>Save the FTP password</SubmitField>
        </form>
        {ftpNote &&
          (ftpNote.error ? (
            <p className="error" role="alert">
              {ftpNote.text}
            </p>
          ) : (
            <p role="status">{ftpNote.text}</p>
          ))}
      </section>

      <SendPanel heading="Send a request" {...SENDER} {...panel} />
    </div>
  );
}

/** The island: the widget inside an error boundary, so a fault shows a plain message in its place. */
export default withErrorBoundary(PortsWidget, 'This exercise');
