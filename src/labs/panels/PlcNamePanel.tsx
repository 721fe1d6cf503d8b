import { useId } from 'react';
import { checkPlcName } from '../field-checks.ts';
import { Panel, SettingForm, TextField, useSettingDraft } from '../Field.tsx';
import { useWorkbench } from '../workbench-api.ts';

/** The PLC name registered in the CPU Unit (§2-3-2), compared with the project's when going online. */
export default function PlcNamePanel() {
  const { value, canEdit } = useWorkbench();
  const id = useId();
  const name = (value('cpu.plcName') as string | null | undefined) ?? null;
  const editable = canEdit('cpu.plcName');
  const draft = useSettingDraft('cpu.plcName', name ?? '', checkPlcName);

  return (
    <Panel id={`${id}-plcname`} title="PLC name" sections={['§2-3-2']} editable={editable}>
      <p>
        Registered in the CPU Unit: <strong>{name === null ? 'no name' : <code>{name}</code>}</strong>
      </p>
      {editable && (
        <SettingForm label="Register the PLC name" submit="Save PLC name" onSubmit={draft.save}>
          <TextField id={`${id}-name`} label="PLC name (empty for none)" value={draft.text} onChange={draft.setText} error={draft.error} />
        </SettingForm>
      )}
    </Panel>
  );
}
