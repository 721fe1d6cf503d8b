import { type SubmitEvent, useId, useState } from 'react';
import { FINS_NODE_RANGE } from '../../../machines/model.ts';
import { checkExcludedNode } from '../field-checks.ts';
import { Panel, SettingForm, SettingToggle, TextField } from '../Field.tsx';
import { useWorkbench } from '../workbench-api.ts';
import RemoveButton from '../../widgets/kit/RemoveButton.tsx';
import { useFocusAfterRemove } from '../../widgets/kit/useFocusAfterRemove.ts';

/** FINS write protection in the PLC Setup (§2-5-3) and the FINS nodes excluded from it. */
export default function FinsPanel() {
  const { value, canEdit, send, ready } = useWorkbench();
  const id = useId();
  const nodes = (value('cpu.finsWriteProtection.excludedNodes') as number[] | undefined) ?? [];
  const editOn = canEdit('cpu.finsWriteProtection.enabled');
  const editNodes = canEdit('cpu.finsWriteProtection.excludedNodes');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const focus = useFocusAfterRemove<HTMLDivElement>();
  const setNodes = (next: number[]) => send({ type: 'setting.changed', path: 'cpu.finsWriteProtection.excludedNodes', value: next });

  function add(e: SubmitEvent<HTMLFormElement>) {
    e.preventDefault();
    const checked = checkExcludedNode(text, nodes);
    if (!checked.ok) {
      setError(checked.error);
      return;
    }
    setError(null);
    setText('');
    setNodes([...nodes, checked.value]);
  }

  return (
    <Panel id={`${id}-fins`} title="FINS write protection" sections={['§2-5-3']} editable={editOn || editNodes}>
      <SettingToggle path="cpu.finsWriteProtection.enabled" label="Use FINS write protection" name="FINS write protection" />
      <div ref={focus.container}>
        <h4 id={`${id}-nodes`}>Nodes excluded from write protection</h4>
        {nodes.length === 0 ? (
          <p>None: with protection in use, no network node may write.</p>
        ) : (
          <ul className="lab-plain-list" aria-labelledby={`${id}-nodes`}>
            {nodes.map((n, i) => (
              <li key={n}>
                FINS node {n}{' '}
                {editNodes && (
                  <RemoveButton
                    label={`Remove node ${n}`}
                    disabled={!ready}
                    onRemove={() => {
                      focus.removing(i);
                      setNodes(nodes.filter((x) => x !== n));
                    }}
                  />
                )}
              </li>
            ))}
          </ul>
        )}
        {editNodes && (
          <SettingForm label="Exclude a FINS node" submit="Exclude node" onSubmit={add}>
            <TextField id={`${id}-node`} label={<>FINS node number ({FINS_NODE_RANGE.min}–{FINS_NODE_RANGE.max})</>} value={text} onChange={setText} error={error} inputMode="numeric" />
          </SettingForm>
        )}
      </div>
    </Panel>
  );
}
