import { type SubmitEvent, useId, useState } from 'react';
import ScrollTable from '../kit/ScrollTable.tsx';
import type { Outcome, Request } from '../../../machines/model.ts';
import { compareRoles } from '../kit/compare.ts';
import { ENGINEERING_PC } from '../kit/nodes.ts';
import { OPERATION_PRESETS } from '../kit/requests.ts';
import { PLANT_USERS, scenarioRack, userWithRole } from '../kit/scenarios.ts';
import TraceView from '../kit/TraceView.tsx';
import { useHydrated, useRack } from '../kit/useRack.ts';
import { withErrorBoundary } from '../kit/error-boundary.tsx';
import '../kit/sim.css';
import SelectField from '../kit/SelectField.tsx';
import SubmitField from '../kit/SubmitField.tsx';

const PRESETS = [
  OPERATION_PRESETS.readD100,
  OPERATION_PRESETS.writeD100,
  OPERATION_PRESETS.uploadProgram,
  OPERATION_PRESETS.downloadProgram,
  OPERATION_PRESETS.runCpu,
  OPERATION_PRESETS.writeParameters,
  OPERATION_PRESETS.readLog,
  OPERATION_PRESETS.listUsers,
];
/** The CPU starts in PROGRAM mode (being commissioned), so a download is possible when the role allows it. */
const CONFIG = scenarioRack({ mode: 'PROGRAM' });
const OPERATOR = userWithRole('operator');

/**
 * Lesson 10 "try it": the same request sent over Secure Comm by users with different operation
 * authority (§2-4-1). A table shows what every role would get for the chosen operation (evaluated,
 * nothing sent); sending as one user shows the full trace. Rights come from the machines.
 */
function RolesWidget() {
  const uid = useId();
  const hydrated = useHydrated();
  const { view, send } = useRack(CONFIG);
  const [presetId, setPresetId] = useState<string>(OPERATION_PRESETS.downloadProgram.id);
  const [userName, setUserName] = useState<string>(OPERATOR.name);
  const [sent, setSent] = useState<{ request: Request; outcome: Outcome; label: string } | null>(null);
  const preset = PRESETS.find((p) => p.id === presetId) ?? OPERATION_PRESETS.downloadProgram;
  const rows = compareRoles(view, ENGINEERING_PC, PLANT_USERS, preset.operation);

  function submit(e: SubmitEvent<HTMLFormElement>) {
    e.preventDefault();
    const user = PLANT_USERS.find((u) => u.name === userName);
    if (!user) return;
    const request: Request = {
      from: ENGINEERING_PC.origin,
      protocol: 'secure-comm',
      operation: preset.operation,
      credentials: { user: user.name, password: user.password },
    };
    setSent({ request, outcome: send(request), label: `${preset.label}, as ${user.name} (${user.role})` });
  }

  const ids = { op: `${uid}-op`, user: `${uid}-user` };
  return (
    <div className="widget sim-lab roles-lab">
      <form className="widget-controls" aria-label="Send as a user" onSubmit={submit}>
        <SelectField id={ids.op} value={presetId} options={PRESETS.map((p) => ({ value: p.id, label: p.label }))} disabled={!hydrated} onChange={(value) => setPresetId(value)}>
          Operation
        </SelectField>
        <SelectField id={ids.user} value={userName} options={PLANT_USERS.map((u) => ({ value: u.name, label: `${u.name} (${u.role})` }))} disabled={!hydrated} onChange={(value) => setUserName(value)}>
          Logged in as
        </SelectField>
        <SubmitField disabled={!hydrated}>Send over Secure Comm</SubmitField>
      </form>

      <ScrollTable caption={<>Every role asking to {preset.label.charAt(0).toLowerCase() + preset.label.slice(1)} (evaluated, nothing sent)</>} columns={['User', 'Result']}>
        {rows.map((r) => (
          <tr key={r.user} data-role={r.role} data-allowed={r.outcome.allowed}>
            <th scope="row">{r.who}</th>
            <td>{r.summary}</td>
          </tr>
        ))}
      </ScrollTable>

      <TraceView outcome={sent?.outcome ?? null} request={sent?.request ?? null} caption={sent ? `Trace: ${sent.label}` : undefined} />
      <p className="muted">CPU Unit mode now: {view.cpu.mode}.</p>
    </div>
  );
}

/** The island: the widget inside an error boundary, so a fault shows a plain message in its place. */
export default withErrorBoundary(RolesWidget, 'This exercise');
