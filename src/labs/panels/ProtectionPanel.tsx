import { type SubmitEvent, useId, useState } from 'react';
import type { Task } from '../../../machines/model.ts';
import { checkProtectionPassword } from '../field-checks.ts';
import { Panel, SettingForm, SettingToggle, TextField } from '../Field.tsx';
import { useWorkbench } from '../workbench-api.ts';

/**
 * CX-Programmer's PLC Properties – Protection tab: UM and task read protection passwords
 * (§2-5-2) and "Prohibit from overwriting a protected program" (§2-5-1 note). These live in the
 * project; a transfer puts all of them in force, Protection – Set Password only the passwords.
 */
export default function ProtectionPanel() {
  const { value, canEdit, send, state } = useWorkbench();
  const id = useId();
  const um = (value('cpu.umPassword') as string | null | undefined) ?? null;
  const tasks = (value('cpu.taskPasswords') as Record<string, string> | undefined) ?? {};
  const program = (value('cpu.program.tasks') as Task[] | undefined) ?? [];
  const enforced = state.startView.cpu.protection;
  const editUm = canEdit('cpu.umPassword');
  const editTasks = canEdit('cpu.taskPasswords');
  const editProhibit = canEdit('cpu.prohibitOverwrite');
  const [umDraft, setUmDraft] = useState<string | null>(null);
  const [taskDrafts, setTaskDrafts] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});

  function save(e: SubmitEvent<HTMLFormElement>) {
    e.preventDefault();
    const found: Record<string, string> = {};
    const umChecked = checkProtectionPassword(umDraft ?? um ?? '');
    if (editUm && !umChecked.ok) found.um = umChecked.error;
    const nextTasks: Record<string, string> = {};
    for (const task of program) {
      const key = String(task.id);
      const checked = checkProtectionPassword(taskDrafts[key] ?? tasks[key] ?? '');
      if (!checked.ok) found[key] = checked.error;
      else if (checked.value !== null) nextTasks[key] = checked.value;
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    if (editUm && umChecked.ok) send({ type: 'setting.changed', path: 'cpu.umPassword', value: umChecked.value });
    if (editTasks) send({ type: 'setting.changed', path: 'cpu.taskPasswords', value: nextTasks });
    setUmDraft(null);
    setTaskDrafts({});
  }

  const setOrNone = (p: string | null | undefined) => (p ? 'set' : 'none');
  return (
    <Panel id={`${id}-protection`} title="PLC protection" sections={['§2-5-2', '§2-5-1']} editable={editUm || editTasks || editProhibit}>
      <p className="muted">
        These are settings of your project. The CPU Unit enforces them only after Transfer To PLC; Protection – Set Password
        applies the passwords but not the overwrite setting (§2-5-1 note). Enforced in the CPU now: UM password {setOrNone(enforced.umPassword)}, task passwords{' '}
        {Object.keys(enforced.taskPasswords).length === 0 ? 'none' : `on task ${Object.keys(enforced.taskPasswords).join(', ')}`}, overwriting{' '}
        {enforced.prohibitOverwrite ? 'prohibited' : 'permitted'}.
      </p>
      {editUm || editTasks ? (
        <SettingForm label="Read protection passwords" className="lab-form-column" submit="Save passwords in the project" onSubmit={save}>
          {editUm && (
            <TextField
              id={`${id}-um`}
              label="UM read protection password (empty for none)"
              value={umDraft ?? um ?? ''}
              onChange={setUmDraft}
              error={errors.um}
              password
            />
          )}
          {editTasks &&
            program.map((task) => {
              const key = String(task.id);
              return (
                <TextField
                  key={key}
                  id={`${id}-task-${key}`}
                  label={<>Task {task.id} ({task.name}) read protection password (empty for none)</>}
                  value={taskDrafts[key] ?? tasks[key] ?? ''}
                  onChange={(text) => setTaskDrafts((d) => ({ ...d, [key]: text }))}
                  error={errors[key]}
                  password
                />
              );
            })}
        </SettingForm>
      ) : (
        <p>
          In the project: UM password {setOrNone(um)}; task passwords{' '}
          {Object.keys(tasks).length === 0 ? 'none' : `on task ${Object.keys(tasks).join(', ')}`}.
        </p>
      )}
      <SettingToggle
        path="cpu.prohibitOverwrite"
        label="Prohibit from overwriting a protected program"
        name="Overwriting a protected program"
        valueText={(on) => (on ? 'prohibited' : 'permitted')}
        after=" (in the project)"
      />
    </Panel>
  );
}
