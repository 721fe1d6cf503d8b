import { type SubmitEvent, useId, useState } from 'react';
import ScrollTable from '../kit/ScrollTable.tsx';
import type { Outcome } from '../../../machines/model.ts';
import {
  comesFromAnotherProject,
  EMPTY_PROTECTION_FORM,
  PROTECTABLE_TASK,
  PROTECTION_RACK,
  type ProtectionActionId,
  type ProtectionForm,
  protectionActions,
  protectionEvent,
  protectionFlagsText,
  protectionRequest,
  protectionRows,
  uploadText,
} from './program-protection.ts';
import { useHydrated, useRack } from '../kit/useRack.ts';
import NoteAndTrace from '../kit/NoteAndTrace.tsx';
import { sendToCpu } from '../kit/send-to-cpu.ts';
import { withErrorBoundary } from '../kit/error-boundary.tsx';
import '../kit/sim.css';
import '../kit/cpu.css';
import TextField from '../kit/TextField.tsx';

/** Props of ProgramProtectionWidget. */
export interface ProgramProtectionWidgetProps {
  /** Lesson 11 shows the overwrite actions only; lesson 12 adds the uploads. */
  focus: 'overwrite' | 'read';
}

/**
 * Lessons 11 and 12 "try it": the Protection tab of the project (UM and task read protection
 * passwords, the overwrite prohibition), what the CPU enforces next to it, and CX-Programmer's
 * online actions with an optional password. The CPU machine stores the settings and the request
 * path decides each action (§2-5-2, §2-5-1 note).
 */
function ProgramProtectionWidget({ focus }: ProgramProtectionWidgetProps) {
  const uid = useId();
  const hydrated = useHydrated();
  const { rack, view, send, reset } = useRack(PROTECTION_RACK);
  const [form, setForm] = useState<ProtectionForm>(EMPTY_PROTECTION_FORM);
  const [saved, setSaved] = useState<ProtectionForm>(EMPTY_PROTECTION_FORM);
  const [password, setPassword] = useState('');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const cpu = view.cpu;
  const rows = protectionRows(cpu);
  const pending = rows.some((r) => r.differs);

  function save(e: SubmitEvent<HTMLFormElement>) {
    e.preventDefault();
    const problem = sendToCpu(rack, protectionEvent(form));
    if (!problem) setSaved(form);
    setNote(problem ?? 'Saved in the project. A transfer puts all of it in force; Set Password only the passwords.');
  }

  function setPasswordInPlc() {
    const problem = sendToCpu(rack, { type: 'protection.passwordSet' });
    setNote(problem ?? "Set Password: the project's passwords are now in force in the CPU, without a transfer. The overwrite setting waits for a transfer (§2-5-1 note).");
  }

  function act(action: ProtectionActionId) {
    setOutcome(send(protectionRequest(action, password)));
    if (comesFromAnotherProject(action)) sendToCpu(rack, protectionEvent(saved));
    setNote(null);
  }

  function startAgain() {
    reset();
    setForm(EMPTY_PROTECTION_FORM);
    setSaved(EMPTY_PROTECTION_FORM);
    setPassword('');
    setOutcome(null);
    setNote(null);
  }

  const ids = { um: `${uid}-um`, task: `${uid}-task`, prohibit: `${uid}-prohibit`, pw: `${uid}-pw` };
  const uploaded = outcome ? uploadText(outcome) : null;
  return (
    <div className="widget cpu-widget">
      <form aria-label="Protection tab of the project" onSubmit={save}>
        <fieldset>
          <legend>Project in CX-Programmer: Protection tab</legend>
          <div className="widget-controls">
            <TextField password id={ids.um} value={form.umPassword} disabled={!hydrated} onChange={(value) => setForm({ ...form, umPassword: value })}>
              UM read protection password
            </TextField>
            <TextField password id={ids.task} value={form.taskPassword} disabled={!hydrated} onChange={(value) => setForm({ ...form, taskPassword: value })}>
              Task {PROTECTABLE_TASK} read protection password
            </TextField>
          </div>
          <label className="sim-toggle" htmlFor={ids.prohibit}>
            <input
              id={ids.prohibit}
              type="checkbox"
              checked={form.prohibitOverwrite}
              disabled={!hydrated}
              onChange={(e) => setForm({ ...form, prohibitOverwrite: e.currentTarget.checked })}
            />
            Prohibit from overwriting to a protected program
          </label>
          <div className="cpu-actions">
            <button type="submit" disabled={!hydrated}>
              Save in the project
            </button>
          </div>
        </fieldset>
      </form>

      <ScrollTable caption="Protection in the project and in the CPU" columns={['Setting', 'In the project', 'In force in the CPU']}>
        {rows.map((r) => (
          <tr key={r.setting}>
            <th scope="row">{r.setting}</th>
            <td className={r.differs ? 'cpu-differs' : undefined}>
              {r.project}
              {r.differs ? ' (not transferred yet)' : ''}
            </td>
            <td>{r.cpu}</td>
          </tr>
        ))}
      </ScrollTable>
      <p className="muted">
        {protectionFlagsText(cpu)} {pending ? 'The project differs from the CPU: transfer the program (Set Password applies only the passwords).' : ''}
      </p>

      <fieldset>
        <legend>Online from the engineering PC</legend>
        <TextField password id={ids.pw} value={password} disabled={!hydrated} onChange={(value) => setPassword(value)}>
          Password typed when CX-Programmer asks (empty: none)
        </TextField>
        <div className="cpu-actions">
          {protectionActions(focus).map((a) => (
            <button key={a.id} type="button" disabled={!hydrated} onClick={() => act(a.id)}>
              {a.label}
            </button>
          ))}
          <button type="button" disabled={!hydrated} onClick={setPasswordInPlc}>
            Set Password (PLC menu)
          </button>
        </div>
      </fieldset>

      <NoteAndTrace note={note} outcome={outcome} hydrated={hydrated} onStartAgain={startAgain} caption="Trace of the last online action" emptyText="Choose an online action to see which step decides." />
      {uploaded && <p className="cpu-note">{uploaded}</p>}
    </div>
  );
}

/** The island: the widget inside an error boundary, so a fault shows a plain message in its place. */
export default withErrorBoundary(ProgramProtectionWidget, 'This exercise');
