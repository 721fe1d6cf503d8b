import { type SubmitEvent, useId, useState } from 'react';
import { FILTER_TABLE_SIZE } from '../../../machines/eip/eip21s.machine.ts';
import type { FilterRule } from '../../../machines/model.ts';
import { checkNewRule, type RuleField, ruleRange } from '../field-checks.ts';
import { Panel, SettingForm, SettingToggle, TextField } from '../Field.tsx';
import ScrollTable from '../../widgets/kit/ScrollTable.tsx';
import RemoveButton from '../../widgets/kit/RemoveButton.tsx';
import { useFocusAfterRemove } from '../../widgets/kit/useFocusAfterRemove.ts';
import { NO_EIP_TEXT, useWorkbench } from '../workbench-api.ts';

/** The EIP21S IP packet filter (§2-2-1): Use / Not use, and the table of permitted sources. */
export default function FilterPanel() {
  const { value, canEdit, send, ready, hasEip } = useWorkbench();
  const id = useId();
  const rules = (value('eip.filter.rules') as FilterRule[] | undefined) ?? [];
  const editOn = canEdit('eip.filter.enabled');
  const editRules = canEdit('eip.filter.rules');
  const [ip, setIp] = useState('');
  const [mask, setMask] = useState('255.255.255.255');
  const [errors, setErrors] = useState<Partial<Record<RuleField, string>>>({});
  const focus = useFocusAfterRemove<HTMLDivElement>();

  function add(e: SubmitEvent<HTMLFormElement>) {
    e.preventDefault();
    const checked = checkNewRule(ip, mask, rules);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    send({ type: 'setting.changed', path: 'eip.filter.rules', value: [...rules, checked.value] });
    setIp('');
  }

  return (
    <Panel id={`${id}-filter`} title="IP packet filter" sections={['§2-2-1']} editable={editOn || editRules} readOnlyText={hasEip ? undefined : NO_EIP_TEXT}>
      <SettingToggle path="eip.filter.enabled" label="Use IP packet filtering" name="IP packet filtering" />
      <div ref={focus.container}>
        <ScrollTable
          caption={`Permitted source addresses (${rules.length} of ${FILTER_TABLE_SIZE} rules)`}
          className="lab-table"
          columns={['Rule', 'IP address', 'Mask', 'Admits', ...(editRules ? ['Change'] : [])]}
        >
          {rules.length === 0 && (
            <tr>
              <td colSpan={editRules ? 5 : 4}>No rules: with the filter in use, nothing on the network gets in.</td>
            </tr>
          )}
          {rules.map((r, i) => (
            <tr key={`${r.ip}/${r.mask}`}>
              <td>{i + 1}</td>
              <td>
                <code>{r.ip}</code>
              </td>
              <td>
                <code>{r.mask}</code>
              </td>
              <td>{ruleRange(r)}</td>
              {editRules && (
                <td>
                  <RemoveButton
                    label={`Remove rule ${i + 1} (${r.ip} / ${r.mask})`}
                    disabled={!ready}
                    onRemove={() => {
                      focus.removing(i);
                      send({ type: 'setting.changed', path: 'eip.filter.rules', value: rules.filter((_, j) => j !== i) });
                    }}
                  />
                </td>
              )}
            </tr>
          ))}
        </ScrollTable>
        {editRules && (
          <SettingForm label="Add a filter rule" submit="Add rule" onSubmit={add}>
            <TextField id={`${id}-ip`} label="IP address" value={ip} onChange={setIp} error={errors.ip} inputMode="decimal" />
            <TextField
              id={`${id}-mask`}
              label="Mask"
              value={mask}
              onChange={setMask}
              error={errors.mask}
              inputMode="decimal"
              help="255.255.255.255 admits one address; 255.255.255.0 a whole network of 256."
            />
          </SettingForm>
        )}
      </div>
    </Panel>
  );
}
