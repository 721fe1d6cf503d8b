import { type ReactNode, type SubmitEvent, useState } from 'react';
import type { SettingPath } from '../../machines/grading/lab.ts';
import PasswordInput from '../widgets/kit/PasswordInput.tsx';
import SelectField, { type SelectOption } from '../widgets/kit/SelectField.tsx';
import type { Checked } from './field-checks.ts';
import { useWorkbench } from './workbench-api.ts';

/** Props of FieldError. */
export interface FieldErrorProps {
  /** The id the field's aria-describedby points at. */
  id: string;
  /** The error, or null/undefined when the field is fine (nothing is rendered). */
  error: string | null | undefined;
}

/** An error next to its field, naming the fix; announced when it appears. */
export function FieldError({ id, error }: FieldErrorProps) {
  return (
    <p id={id} className="error lab-field-error" role="alert" hidden={!error}>
      {error}
    </p>
  );
}

/** Props of TextField. */
export interface TextFieldProps {
  /** The input's id; its error message is `${id}-error`, its help text `${id}-help`. */
  id: string;
  label: ReactNode;
  value: string;
  onChange: (text: string) => void;
  /** The field's problem, shown under it and announced; none when empty. */
  error?: string | null | undefined;
  /** The on-screen keyboard to offer. */
  inputMode?: 'decimal' | 'numeric';
  /** Disabled for a reason of the panel's own (the workbench not being ready always disables it). */
  disabled?: boolean;
  /** A sentence under the field that explains what to type. */
  help?: ReactNode;
  /** A password: hidden while typed, with a Show toggle. */
  password?: boolean;
}

/** A labelled text box of a workbench form, with its error message wired for screen readers. */
export function TextField({ id, label, value, onChange, error, inputMode, disabled = false, help, password = false }: TextFieldProps) {
  const { ready } = useWorkbench();
  const describedBy = help ? `${id}-error ${id}-help` : `${id}-error`;
  return (
    <div className="widget-field">
      <label htmlFor={id}>{label}</label>
      {password ? (
        <PasswordInput id={id} name={label} value={value} onChange={onChange} disabled={!ready || disabled} describedBy={describedBy} invalid={Boolean(error)} />
      ) : (
        <input
          id={id}
          type="text"
          inputMode={inputMode}
          autoComplete="off"
          value={value}
          disabled={!ready || disabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      )}
      {help && (
        <span id={`${id}-help`} className="muted">
          {help}
        </span>
      )}
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}

/** Props of Panel. */
export interface PanelProps {
  /** Heading id prefix (unique on the page). */
  id: string;
  title: string;
  /** Guideline sections, shown after the title. */
  sections: string[];
  /** Whether anything in the panel may be changed in this lab. */
  editable: boolean;
  /** What a read-only panel says about itself (a default sentence when omitted). */
  readOnlyText?: string;
  children: ReactNode;
}

/** A settings panel: a titled region saying whether the lab lets the learner change it. */
export function Panel({ id, title, sections, editable, readOnlyText = 'Read-only in this lab: shown so you can see the whole unit.', children }: PanelProps) {
  return (
    <section className="lab-panel" aria-labelledby={`${id}-title`} data-panel={id}>
      <h3 id={`${id}-title`}>
        {title} {sections.length > 0 && <span className="muted">({sections.join(', ')})</span>}
      </h3>
      {!editable && <p className="lab-readonly">{readOnlyText}</p>}
      {children}
    </section>
  );
}

/** Props of SettingToggle. */
export interface SettingToggleProps {
  /** The on/off setting the box changes. */
  path: SettingPath;
  /** The tick box's label when the setting is editable. */
  label: ReactNode;
  /** The setting's name in the read-only text ("IP packet filtering: Use"). */
  name: ReactNode;
  /** The value in words (default: "Use" / "Not use"). */
  valueText?: (on: boolean) => string;
  /** Words after the read-only value (" (in the project)"). */
  after?: ReactNode;
  /** The element around the read-only text: a paragraph, or inline inside a list item. */
  readOnlyAs?: 'p' | 'span';
}

/**
 * An on/off setting of the workbench: a labelled tick box where the lab allows changing it (kept
 * disabled until the workbench is ready), its value as text where not.
 */
export function SettingToggle({ path, label, name, valueText = usageText, after, readOnlyAs = 'p' }: SettingToggleProps) {
  const { value, canEdit, send, ready } = useWorkbench();
  const on = value(path) === true;
  if (!canEdit(path)) {
    const text = (
      <>
        {name}: <strong>{valueText(on)}</strong>
        {after}
      </>
    );
    return readOnlyAs === 'p' ? <p>{text}</p> : <span>{text}</span>;
  }
  return (
    <label className="lab-check">
      <input type="checkbox" checked={on} disabled={!ready} onChange={(e) => send({ type: 'setting.changed', path, value: e.currentTarget.checked })} />
      {label}
    </label>
  );
}

/** "Use" / "Not use" as the EIP21S settings screens say it. */
export function usageText(on: boolean): string {
  return on ? 'Use' : 'Not use';
}

/** Props of SettingForm. */
export interface SettingFormProps {
  /** The form's accessible name ("Register the PLC name"). */
  label: string;
  /** The submit button's words. */
  submit: ReactNode;
  onSubmit: (e: SubmitEvent<HTMLFormElement>) => void;
  /** Classes added to "lab-form" ("lab-form-column" stacks the fields). */
  className?: string;
  children: ReactNode;
}

/**
 * A workbench form: its fields, then one submit button kept disabled until the workbench is
 * ready. The browser's own validation is off: the panel's checks name the field and the fix.
 */
export function SettingForm({ label, submit, onSubmit, className, children }: SettingFormProps) {
  const { ready } = useWorkbench();
  return (
    <form className={className ? `lab-form ${className}` : 'lab-form'} aria-label={label} onSubmit={onSubmit} noValidate>
      {children}
      <button type="submit" className="button" disabled={!ready}>
        {submit}
      </button>
    </form>
  );
}

/** What useSettingDraft gives a panel for its one-field form. */
export interface SettingDraft {
  /** The text in the field: the learner's draft, else the saved value. */
  text: string;
  setText: (text: string) => void;
  /** The draft's problem after a save was tried, naming the fix. */
  error: string | null;
  /** The form's submit handler: checks the draft and, when it is fine, changes the setting. */
  save: (e: SubmitEvent<HTMLFormElement>) => void;
}

/**
 * A one-field setting typed as text (a name, a community): the draft stays the learner's until a
 * save passes `check`; then the setting changes and the field shows the saved value again.
 */
export function useSettingDraft<T>(path: SettingPath, saved: string, check: (text: string) => Checked<T>): SettingDraft {
  const { send } = useWorkbench();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  function save(e: SubmitEvent<HTMLFormElement>) {
    e.preventDefault();
    const checked = check(draft ?? saved);
    if (!checked.ok) {
      setError(checked.error);
      return;
    }
    setError(null);
    setDraft(null);
    send({ type: 'setting.changed', path, value: checked.value });
  }
  return { text: draft ?? saved, setText: setDraft, error, save };
}

/** Props of SettingSelect. */
export interface SettingSelectProps {
  /** The setting the drop-down changes. */
  path: SettingPath;
  /** The select's id (from useId). */
  id: string;
  options: readonly SelectOption[];
  /** The option standing for an empty (null) setting, when the setting may be empty. */
  noneValue?: string;
  /** The id of text that describes the choice. */
  describedBy?: string;
  /** The label, in words. */
  children: ReactNode;
}

/** A setting chosen from a list: enabled only where the lab lets the learner change it. */
export function SettingSelect({ path, id, options, noneValue, describedBy, children }: SettingSelectProps) {
  const { value, canEdit, send, ready } = useWorkbench();
  const current = value(path);
  return (
    <SelectField
      id={id}
      value={current === null || current === undefined ? (noneValue ?? '') : String(current)}
      options={options}
      disabled={!ready || !canEdit(path)}
      describedBy={describedBy}
      onChange={(v) => send({ type: 'setting.changed', path, value: v === noneValue ? null : v })}
    >
      {children}
    </SelectField>
  );
}
