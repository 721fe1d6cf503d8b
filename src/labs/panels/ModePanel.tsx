import { useId } from 'react';
import { OPERATING_MODES, type OperatingMode } from '../../../machines/model.ts';
import { Panel } from '../Field.tsx';
import { useWorkbench } from '../workbench-api.ts';

/** The CPU Unit's operating mode, switched from the learner's workstation. */
export default function ModePanel() {
  const { value, canEdit, send, ready } = useWorkbench();
  const id = useId();
  const mode = value('cpu.mode') as OperatingMode;
  return (
    <Panel id={`${id}-mode`} title="Operating mode" sections={[]} editable={canEdit('cpu.mode')}>
      <div className="widget-field">
        <label htmlFor={`${id}-select`}>Operating mode after your changes</label>
        <select
          id={`${id}-select`}
          value={mode}
          disabled={!ready || !canEdit('cpu.mode')}
          onChange={(e) => send({ type: 'setting.changed', path: 'cpu.mode', value: e.currentTarget.value })}
        >
          {OPERATING_MODES.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </div>
    </Panel>
  );
}
