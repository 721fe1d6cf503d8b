import type { ReactNode } from 'react';
import PasswordInput from './PasswordInput.tsx';

/** Props of PasswordField. */
export interface PasswordFieldProps {
  /** The input's id, for its label (from useId). */
  id: string;
  /** The current text. */
  value: string;
  /** Called with the new text on every keystroke. */
  onChange: (value: string) => void;
  /** True until the island hydrates, or while the field does not apply. */
  disabled?: boolean;
  /** The label, in words. */
  children: ReactNode;
}

/** A labelled password box of a lesson widget: hidden while typed, with its Show toggle. */
export default function PasswordField({ id, value, onChange, disabled = false, children }: PasswordFieldProps) {
  return (
    <div className="widget-field">
      <label htmlFor={id}>{children}</label>
      <PasswordInput id={id} name={children} value={value} onChange={onChange} disabled={disabled} />
    </div>
  );
}
