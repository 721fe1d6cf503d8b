import { useId } from 'react';
import { PORT_LABELS } from '../../../machines/eip/eip21s.machine.ts';
import type { SettingPath } from '../../../machines/grading/lab.ts';
import type { PortSettings } from '../../../machines/model.ts';
import { checkCommunity } from '../field-checks.ts';
import { Panel, SettingForm, SettingToggle, TextField, useSettingDraft } from '../Field.tsx';
import { NO_EIP_TEXT, useWorkbench } from '../workbench-api.ts';

const PORTS = Object.keys(PORT_LABELS) as (keyof PortSettings)[];

/** The EIP21S TCP/IP functions set to Use / Not use (§2-2-2), and the SNMP community name. */
export default function PortsPanel() {
  const { value, canEdit, hasEip } = useWorkbench();
  const id = useId();
  const community = String(value('eip.snmpCommunity') ?? '');
  const anyEditable = PORTS.some((p) => canEdit(`eip.ports.${p}` as SettingPath)) || canEdit('eip.snmpCommunity');
  const draft = useSettingDraft('eip.snmpCommunity', community, checkCommunity);

  return (
    <Panel id={`${id}-ports`} title="TCP/IP ports" sections={['§2-2-2']} editable={anyEditable} readOnlyText={hasEip ? undefined : NO_EIP_TEXT}>
      <fieldset className="lab-fieldset">
        <legend>Services the unit answers on</legend>
        <ul className="lab-plain-list">
          {PORTS.map((port) => (
            <li key={port}>
              <SettingToggle path={`eip.ports.${port}` as SettingPath} label={`${PORT_LABELS[port]}: use`} name={PORT_LABELS[port]} readOnlyAs="span" />
            </li>
          ))}
        </ul>
      </fieldset>
      {canEdit('eip.snmpCommunity') ? (
        <SettingForm label="SNMP community name" submit="Save community name" onSubmit={draft.save}>
          <TextField id={`${id}-community`} label="SNMP community name" value={draft.text} onChange={draft.setText} error={draft.error} />
        </SettingForm>
      ) : (
        <p>
          SNMP community name: <code>{community || '—'}</code>
        </p>
      )}
    </Panel>
  );
}
