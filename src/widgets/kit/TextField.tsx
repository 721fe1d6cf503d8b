import type { ReactNode } from 'react';
import PasswordInput from './PasswordInput.tsx';

/** Props of TextField. */
export interface TextFieldProps {
  /** The input's id, for its label (from useId). */
  id: string;
  /** The current text. */
  value: string;
  /** Called with the new text on every keystroke. */
  onChange: (value: string) => void;
  /** True until the island hydrates, or while the field does not apply. */
  disabled?: boolean;
  /** A password: hidden while typed, with its Show toggle (PasswordInput). */
  password?: boolean;
  /** The label, in words. */
  children: ReactNode;
}

/**
 * A labelled one-line text input as the widgets use it for names, lot numbers and (with
 * `password`) passwords: no autocomplete or spell check to get in the way.
 */
export default function TextField({ id, value, onChange, disabled = false, password = false, children }: TextFieldProps) {
  return (
    <div className="widget-field">
      <label htmlFor={id}>{children}</label>
      {password ? (
        <PasswordInput id={id} name={children} value={value} onChange={onChange} disabled={disabled} />
      ) : (
        <input id={id} type="text" autoComplete="off" spellCheck={false} value={value} disabled={disabled} onChange={(e) => onChange(e.currentTarget.value)} />
      )}
    </div>
  );
}
