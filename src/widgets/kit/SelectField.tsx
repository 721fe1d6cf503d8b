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
  /** The label, in words. */
  children: ReactNode;
}

/** A labelled drop-down, as the widgets use it to pick a model, a user, an operation or a sender. */
export default function SelectField({ id, value, options, onChange, disabled = false, children }: SelectFieldProps) {
  return (
    <div className="widget-field">
      <label htmlFor={id}>{children}</label>
      <select id={id} value={value} disabled={disabled} onChange={(e) => onChange(e.currentTarget.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
