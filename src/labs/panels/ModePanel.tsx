import { useId } from 'react';
import { OPERATING_MODES } from '../../../machines/model.ts';
import { Panel, SettingSelect } from '../Field.tsx';
import { useWorkbench } from '../workbench-api.ts';

const MODE_OPTIONS = OPERATING_MODES.map((m) => ({ value: m, label: m }));

/** The CPU Unit's operating mode, switched from the learner's workstation. */
export default function ModePanel() {
  const { canEdit } = useWorkbench();
  const id = useId();
  return (
    <Panel id={`${id}-mode`} title="Operating mode" sections={[]} editable={canEdit('cpu.mode')}>
      <SettingSelect path="cpu.mode" id={`${id}-select`} options={MODE_OPTIONS}>
        Operating mode after your changes
      </SettingSelect>
    </Panel>
  );
}
