import { useId, useState } from 'react';
import { checkLotConstant } from '../field-checks.ts';
import { Panel, TextField } from '../Field.tsx';
import { useWorkbench } from '../workbench-api.ts';

/**
 * The lot-number guard (§2-5-4) as a one-rule builder: the program compares the production lot
 * number the CPU keeps in its Auxiliary Area with a constant, and runs its control logic only
 * when they are equal. The rule lives in the project's program, so it needs a transfer.
 *
 * Edits apply to the project as they are made (no separate "apply" step a learner can forget):
 * ticking the box or typing a valid constant changes the answer at once; a constant that is not
 * yet a lot number is not applied, and the field says so and what the project keeps meanwhile.
 */
export default function LotGuardPanel() {
  const { value, canEdit, send, ready, state } = useWorkbench();
  const id = useId();
  const guard = (value('cpu.program.lotGuard') as string | null | undefined) ?? null;
  const running = state.startView.cpu.program.lotGuard;
  const editable = canEdit('cpu.program.lotGuard');
  // What the learner has ticked and typed; null while they follow the answer as it is.
  const [on, setOn] = useState<boolean | null>(null);
  const [constant, setConstant] = useState<string | null>(null);
  const guarded = on ?? guard !== null;
  const text = constant ?? guard ?? '';
  const rule = (g: string | null) => (g === null ? 'no guard: the program runs on any CPU Unit' : `runs only where the lot number is ${g}`);
  const checked = guarded ? checkLotConstant(text) : null;
  const error = checked && !checked.ok ? `${checked.error} Not applied: the project keeps "${rule(guard)}".` : null;

  // Once applied, the panel follows the answer again (so "undo everything" shows at once).
  function apply(value: string | null) {
    setOn(null);
    setConstant(null);
    send({ type: 'setting.changed', path: 'cpu.program.lotGuard', value });
  }

  function change(nextOn: boolean, nextText: string) {
    if (!nextOn) return apply(null);
    const next = checkLotConstant(nextText);
    if (next.ok) return apply(next.value);
    setOn(true);
    setConstant(nextText);
  }

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
        <fieldset className="lab-form lab-rule">
          <legend>Lot-number rule in the project's program</legend>
          <p className="muted">Changes apply to the project as you make them; a transfer puts them in the CPU Unit.</p>
          <label className="lab-check">
            <input type="checkbox" checked={guarded} disabled={!ready} onChange={(e) => change(e.currentTarget.checked, text)} />
            Guard the program with the lot number
          </label>
          <p className="lab-rule-line" aria-hidden={!guarded}>
            If the production lot number in the Auxiliary Area <strong>equals</strong>
          </p>
          <TextField
            id={`${id}-constant`}
            label="Lot number constant"
            value={text}
            onChange={(t) => change(true, t)}
            error={error}
            inputMode="numeric"
            disabled={!guarded}
          />
          <p className="lab-rule-line">then run the control logic; otherwise do not run it.</p>
        </fieldset>
      )}
    </Panel>
  );
}
