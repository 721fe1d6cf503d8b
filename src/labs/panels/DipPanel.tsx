import { useId } from 'react';
import type { SettingPath } from '../../../machines/grading/lab.ts';
import { Panel, SettingToggle } from '../Field.tsx';
import { useWorkbench } from '../workbench-api.ts';

const PINS: { path: SettingPath; label: string }[] = [
  { path: 'cpu.dipWriteProtect', label: 'Write-protect the user program and parameter area' },
  { path: 'cpu.memoryCardAutoLoad', label: 'Load the memory card into the CPU Unit at power-on' },
];

/** The CPU Unit's DIP switch (§2-5-1): write protection, and loading the memory card at power-on. */
export default function DipPanel() {
  const { canEdit } = useWorkbench();
  const id = useId();
  const editable = PINS.some((p) => canEdit(p.path));
  return (
    <Panel id={`${id}-dip`} title="DIP switch" sections={['§2-5-1']} editable={editable}>
      <fieldset className="lab-fieldset">
        <legend>DIP switch pins on the CPU Unit</legend>
        <ul className="lab-plain-list">
          {PINS.map((pin) => (
            <li key={pin.path}>
              <SettingToggle
                path={pin.path}
                label={`${pin.label} (ON when ticked)`}
                name={pin.label}
                valueText={(on) => (on ? 'ON' : 'OFF')}
                readOnlyAs="span"
              />
            </li>
          ))}
        </ul>
      </fieldset>
    </Panel>
  );
}
