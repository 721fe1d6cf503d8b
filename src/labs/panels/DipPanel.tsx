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
  const { value, canEdit, send, ready } = useWorkbench();
  const id = useId();
  const editable = PINS.some((p) => canEdit(p.path));
  return (
    <Panel id={`${id}-dip`} title="DIP switch" sections={['§2-5-1']} editable={editable}>
      <fieldset className="lab-fieldset">
        <legend>DIP switch pins on the CPU Unit</legend>
        <ul className="lab-plain-list">
          {PINS.map((pin) => {
            const on = value(pin.path) === true;
            return (
              <li key={pin.path}>
                <SettingToggle
                  editable={canEdit(pin.path)}
                  checked={on}
                  ready={ready}
                  label={`${pin.label} (ON when ticked)`}
                  readOnly={
                    <>
                      {pin.label}: <strong>{on ? 'ON' : 'OFF'}</strong>
                    </>
                  }
                  readOnlyAs="span"
                  onChange={(value) => send({ type: 'setting.changed', path: pin.path, value })}
                />
              </li>
            );
          })}
        </ul>
      </fieldset>
    </Panel>
  );
}
