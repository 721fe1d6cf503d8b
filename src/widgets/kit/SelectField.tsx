import type { ReactNode } from 'react';

/** One choice of a SelectField. */
export interface SelectOption {
  /** What the select reports when the option is chosen. */
  value: string;
  /** What the learner reads. */
  label: string;
}

/** Props of SelectField. */
export interface SelectFieldProps {
  /** The select's id, for its label (from useId). */
  id: string;
  /** The chosen option's value. */
  value: string;
  /** The choices, in the order shown. */
  options: readonly SelectOption[];
  /** Called with the chosen value. */
  onChange: (value: string) => void;
  /** True until the island hydrates. */
  disabled?: boolean;
  /** The id of text that describes the choice (its fit, its error). */
  describedBy?: string;
  /** Class of the label, e.g. "visually-hidden" inside a table row whose heading names the thing. */
  labelClassName?: string;
  /** The label, in words. */
  children: ReactNode;
}

/** A labelled drop-down, as the widgets and the lab panels use it to pick a model, a user, a role, a mode or a sender. */
export default function SelectField({ id, value, options, onChange, disabled = false, describedBy, labelClassName, children }: SelectFieldProps) {
  return (
    <div className="widget-field">
      <label htmlFor={id} className={labelClassName}>
        {children}
      </label>
      <select id={id} value={value} disabled={disabled} aria-describedby={describedBy} onChange={(e) => onChange(e.currentTarget.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
