import type { ReactNode } from 'react';

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
  /** The label, in words. */
  children: ReactNode;
}

/**
 * A labelled one-line text input as the widgets use it for names and lot numbers (passwords use
 * PasswordField): no autocomplete or spell check to get in the way.
 */
export default function TextField({ id, value, onChange, disabled = false, children }: TextFieldProps) {
  return (
    <div className="widget-field">
      <label htmlFor={id}>{children}</label>
      <input id={id} type="text" autoComplete="off" spellCheck={false} value={value} disabled={disabled} onChange={(e) => onChange(e.currentTarget.value)} />
    </div>
  );
}
