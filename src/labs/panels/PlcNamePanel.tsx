import { type SubmitEvent, useId, useState } from 'react';
import { checkPlcName } from '../field-checks.ts';
import { Panel, TextField } from '../Field.tsx';
import { useWorkbench } from '../workbench-api.ts';

/** The PLC name registered in the CPU Unit (§2-3-2), compared with the project's when going online. */
export default function PlcNamePanel() {
  const { value, canEdit, send, ready } = useWorkbench();
  const id = useId();
  const name = (value('cpu.plcName') as string | null | undefined) ?? null;
  const editable = canEdit('cpu.plcName');
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  function save(e: SubmitEvent<HTMLFormElement>) {
    e.preventDefault();
    const checked = checkPlcName(draft ?? name ?? '');
    if (!checked.ok) {
      setError(checked.error);
      return;
    }
    setError(null);
    setDraft(null);
    send({ type: 'setting.changed', path: 'cpu.plcName', value: checked.value });
  }

  return (
    <Panel id={`${id}-plcname`} title="PLC name" sections={['§2-3-2']} editable={editable}>
      <p>
        Registered in the CPU Unit: <strong>{name === null ? 'no name' : <code>{name}</code>}</strong>
      </p>
      {editable && (
        <form className="lab-form" aria-label="Register the PLC name" onSubmit={save} noValidate>
          <TextField
            id={`${id}-name`}
            label="PLC name (empty for none)"
            value={draft ?? name ?? ''}
            onChange={setDraft}
            error={error}
          />
          <button type="submit" className="button" disabled={!ready}>
            Save PLC name
          </button>
        </form>
      )}
    </Panel>
  );
}
