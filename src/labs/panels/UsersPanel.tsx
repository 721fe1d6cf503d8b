import { type SubmitEvent, useId, useState } from 'react';
import { ROLE_LABELS, ROLES, type Role, type UserAccount } from '../../../machines/model.ts';
import { PASSWORD_POLICY_TEXT } from '../../../machines/eip/password-policy.ts';
import {
  checkNewPassword,
  checkNewUser,
  checkRoleChange,
  checkUserRemoval,
  passwordChecklist,
  type UserField,
} from '../field-checks.ts';
import { FieldError, Panel, SettingForm, TextField } from '../Field.tsx';
import PasswordInput from '../../widgets/kit/PasswordInput.tsx';
import RemoveButton from '../../widgets/kit/RemoveButton.tsx';
import { useFocusAfterRemove } from '../../widgets/kit/useFocusAfterRemove.ts';
import ScrollTable from '../../widgets/kit/ScrollTable.tsx';
import SelectField from '../../widgets/kit/SelectField.tsx';
import { NO_EIP_TEXT, useWorkbench } from '../workbench-api.ts';

/** The operation authorities, in the order the User Management Tool lists them. */
const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

/** Live feedback on a password against the §1-6 policy, as text (never colour alone). */
function Checklist({ id, password, userName }: { id: string; password: string; userName: string }) {
  return (
    <ul id={id} className="lab-policy" aria-label="Password policy">
      {passwordChecklist(password, userName).map((item) => (
        <li key={item.label} data-met={item.met}>
          <span aria-hidden="true">{item.met ? '✓ ' : '✗ '}</span>
          <span className="visually-hidden">{item.met ? 'Met: ' : 'Not yet: '}</span>
          {item.label}
        </li>
      ))}
    </ul>
  );
}

/** One registered user: authority, a new password, removal. */
function UserRow({ user, users, editable, removing }: { user: UserAccount; users: UserAccount[]; editable: boolean; removing: () => void }) {
  const { send, ready } = useWorkbench();
  const id = useId();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const set = (value: UserAccount[]) => send({ type: 'setting.changed', path: 'eip.users', value });

  function fail(message: string) {
    setError(message);
  }
  function changeRole(role: Role) {
    const checked = checkRoleChange(user.name, role, users);
    if (!checked.ok) return fail(checked.error);
    setError(null);
    set(checked.value);
  }
  function remove() {
    const checked = checkUserRemoval(user.name, users);
    if (!checked.ok) return fail(checked.error);
    setError(null);
    removing();
    set(checked.value);
  }
  function changePassword(e: SubmitEvent<HTMLFormElement>) {
    e.preventDefault();
    const checked = checkNewPassword(password, user.name);
    if (!checked.ok) return fail(checked.error);
    setError(null);
    setPassword('');
    set(users.map((u) => (u.name === user.name ? { ...u, password: checked.value } : u)));
  }

  if (!editable) {
    return (
      <tr>
        <th scope="row">{user.name}</th>
        <td>{ROLE_LABELS[user.role]}</td>
      </tr>
    );
  }
  return (
    <tr>
      <th scope="row">{user.name}</th>
      <td>
        <SelectField
          id={`${id}-role`}
          value={user.role}
          options={ROLE_OPTIONS}
          disabled={!ready}
          describedBy={`${id}-error`}
          labelClassName="visually-hidden"
          onChange={(v) => changeRole(v as Role)}
        >
          Operation authority of {user.name}
        </SelectField>
      </td>
      <td>
        <form className="lab-inline-form" aria-label={`New password for ${user.name}`} onSubmit={changePassword} noValidate>
          <label className="visually-hidden" htmlFor={`${id}-pw`}>
            New password for {user.name}
          </label>
          <PasswordInput
            id={`${id}-pw`}
            name={`new password for ${user.name}`}
            autoComplete="new-password"
            value={password}
            disabled={!ready}
            invalid={Boolean(error && password)}
            describedBy={`${id}-error`}
            onChange={setPassword}
          />
          <button type="submit" className="button secondary" disabled={!ready}>
            Set password
          </button>
        </form>
      </td>
      <td>
        <RemoveButton label={`Remove user ${user.name}`} disabled={!ready} onRemove={remove} />
        <FieldError id={`${id}-error`} error={error} />
      </td>
    </tr>
  );
}

/** The EIP21S User Management Tool (§2-3-1): users, their operation authority (§2-4-1) and passwords (§1-6). */
export default function UsersPanel() {
  const { value, canEdit, send, ready, hasEip } = useWorkbench();
  const id = useId();
  const users = (value('eip.users') as UserAccount[] | undefined) ?? [];
  const editable = canEdit('eip.users');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('operator');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Partial<Record<UserField, string>>>({});
  const focus = useFocusAfterRemove<HTMLDivElement>();

  function add(e: SubmitEvent<HTMLFormElement>) {
    e.preventDefault();
    const checked = checkNewUser(name, role, password, users);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    send({ type: 'setting.changed', path: 'eip.users', value: [...users, checked.value] });
    setName('');
    setPassword('');
  }

  return (
    <Panel id={`${id}-users`} title="User management" sections={['§2-3-1', '§2-4-1']} editable={editable} readOnlyText={hasEip ? undefined : NO_EIP_TEXT}>
      <div ref={focus.container}>
        <ScrollTable
          caption={`Registered users (${users.length})`}
          className="lab-table"
          columns={['User name', 'Operation authority', ...(editable ? ['Password', 'Remove'] : [])]}
        >
          {users.length === 0 && (
            <tr>
              <td colSpan={editable ? 4 : 2}>No users: user authentication is not set, so Secure Comm cannot be used (§2-1-1).</td>
            </tr>
          )}
          {users.map((u, i) => (
            <UserRow key={u.name} user={u} users={users} editable={editable} removing={() => focus.removing(i)} />
          ))}
        </ScrollTable>
        {editable && (
          <SettingForm label="Add a user" className="lab-form-column" submit="Add user" onSubmit={add}>
            <TextField id={`${id}-name`} label="User name" value={name} onChange={setName} error={errors.name} />
            <SelectField id={`${id}-role`} value={role} options={ROLE_OPTIONS} disabled={!ready} onChange={(v) => setRole(v as Role)}>
              Operation authority
            </SelectField>
            <div className="widget-field">
              <label htmlFor={`${id}-password`}>Password</label>
              <PasswordInput
                id={`${id}-password`}
                name="password"
                autoComplete="new-password"
                value={password}
                disabled={!ready}
                invalid={Boolean(errors.password)}
                describedBy={`${id}-password-error ${id}-policy`}
                onChange={setPassword}
              />
              <Checklist id={`${id}-policy`} password={password} userName={name} />
              <FieldError id={`${id}-password-error`} error={errors.password} />
            </div>
          </SettingForm>
        )}
      </div>
      <p className="muted">The simulated unit's rule (the course's reading of the §1-6 advice): {PASSWORD_POLICY_TEXT}</p>
    </Panel>
  );
}
