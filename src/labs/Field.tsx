import type { ReactNode } from 'react';
import type { SettingPath } from '../../machines/grading/lab.ts';
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
}

/** A labelled text box of a workbench form, with its error message wired for screen readers. */
export function TextField({ id, label, value, onChange, error, inputMode, disabled = false, help }: TextFieldProps) {
  const { ready } = useWorkbench();
  return (
    <div className="widget-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode={inputMode}
        autoComplete="off"
        value={value}
        disabled={!ready || disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={help ? `${id}-error ${id}-help` : `${id}-error`}
        onChange={(e) => onChange(e.currentTarget.value)}
      />
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

/** Props of ScrollTable. */
export interface ScrollTableProps {
  /** The table's caption text, also the name of the scrolling region. */
  label: string;
  children: ReactNode;
}

/** A wide table's horizontal scroller, reachable from the keyboard so it can be scrolled there too. */
export function ScrollTable({ label, children }: ScrollTableProps) {
  return (
    <section className="table-scroll" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
