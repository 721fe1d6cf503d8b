import { type SubmitEvent, useId, useState } from 'react';
import { checkLotConstant } from '../field-checks.ts';
import { Panel, SettingForm, TextField } from '../Field.tsx';
import { useWorkbench } from '../workbench-api.ts';

/**
 * The lot-number guard (§2-5-4) as a one-rule builder: the program compares the production lot
 * number the CPU keeps in its Auxiliary Area with a constant, and runs its control logic only
 * when they are equal. The rule lives in the project's program, so it needs a transfer.
 */
export default function LotGuardPanel() {
  const { value, canEdit, send, ready, state } = useWorkbench();
  const id = useId();
  const guard = (value('cpu.program.lotGuard') as string | null | undefined) ?? null;
  const running = state.startView.cpu.program.lotGuard;
  const editable = canEdit('cpu.program.lotGuard');
  const [on, setOn] = useState<boolean | null>(null);
  const [constant, setConstant] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const guarded = on ?? guard !== null;

  function apply(e: SubmitEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!guarded) {
      setError(null);
      setOn(null);
      send({ type: 'setting.changed', path: 'cpu.program.lotGuard', value: null });
      return;
    }
    const checked = checkLotConstant(constant ?? guard ?? '');
    if (!checked.ok) {
      setError(checked.error);
      return;
    }
    setError(null);
    setOn(null);
    setConstant(null);
    send({ type: 'setting.changed', path: 'cpu.program.lotGuard', value: checked.value });
  }

  const rule = (g: string | null) => (g === null ? 'no guard: the program runs on any CPU Unit' : `runs only where the lot number is ${g}`);
  return (
    <Panel id={`${id}-lot`} title="Lot-number guard" sections={['§2-5-4']} editable={editable}>
      <p>
        This CPU Unit's production lot number (controller data): <strong>{state.startView.cpu.lotNumber}</strong>. It is set at
        manufacture and cannot be changed.
      </p>
      <ul className="lab-plain-list">
        <li>
          Program in your project: <strong>{rule(guard)}</strong>
        </li>
        <li>
          Program running in the CPU Unit: <strong>{rule(running)}</strong>
        </li>
      </ul>
      {editable && (
        <SettingForm label="Lot-number rule in the project's program" className="lab-rule" submit="Apply rule to the project" onSubmit={apply}>
          <label className="lab-check">
            <input type="checkbox" checked={guarded} disabled={!ready} onChange={(e) => setOn(e.currentTarget.checked)} />
            Guard the program with the lot number
          </label>
          <p className="lab-rule-line" aria-hidden={!guarded}>
            If the production lot number in the Auxiliary Area <strong>equals</strong>
          </p>
          <TextField
            id={`${id}-constant`}
            label="Lot number constant"
            value={constant ?? guard ?? ''}
            onChange={setConstant}
            error={error}
            inputMode="numeric"
            disabled={!guarded}
          />
          <p className="lab-rule-line">then run the control logic; otherwise do not run it.</p>
        </SettingForm>
      )}
    </Panel>
  );
}
