import { useId } from 'react';
import { checkCombination, COMM_UNITS } from '../../../machines/catalog/catalog.ts';
import type { CommUnitId, CpuModelId } from '../../../machines/model.ts';
import { CPU_OPTIONS, NO_UNIT, unitOptions } from '../../widgets/RackBuilderWidget/rack-view.ts';
import { Panel, SettingSelect } from '../Field.tsx';
import { useWorkbench } from '../workbench-api.ts';

/** The rack's hardware (§1-5): the CPU model and the communication unit, where the lab lets the learner choose. */
export default function HardwarePanel() {
  const { value, canEdit } = useWorkbench();
  const id = useId();
  const cpu = value('hardware.cpu') as CpuModelId;
  const unit = (value('hardware.unit') as CommUnitId | null | undefined) ?? null;
  const fit = checkCombination(cpu, unit ?? undefined);
  return (
    <Panel id={`${id}-hardware`} title="Hardware" sections={['§1-5']} editable={canEdit('hardware.cpu') || canEdit('hardware.unit')}>
      <div className="lab-form">
        <SettingSelect path="hardware.cpu" id={`${id}-cpu`} options={CPU_OPTIONS}>
          CPU Unit
        </SettingSelect>
        <SettingSelect path="hardware.unit" id={`${id}-unit`} options={unitOptions(cpu)} noneValue={NO_UNIT} describedBy={`${id}-fit`}>
          Communication unit
        </SettingSelect>
      </div>
      <p id={`${id}-fit`} className={fit.ok ? '' : 'error'} role="status">
        {fit.ok
          ? unit && COMM_UNITS[unit].hasSecurityFunctions
            ? `${unit} fits and brings the EtherNet/IP security functions; it arrives with its out-of-box settings.`
            : unit
              ? `${unit} fits, but has no security functions of its own.`
              : 'No communication unit: nothing on the network reaches this CPU unless it has a built-in port.'
          : `${fit.reason} Choose another unit or CPU.`}
      </p>
    </Panel>
  );
}
