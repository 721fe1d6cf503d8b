import type { ReactNode } from 'react';

/** Props of SubmitField. */
export interface SubmitFieldProps {
  /** True until the island hydrates. */
  disabled?: boolean;
  /** The button text, in words. */
  children: ReactNode;
}

/** A form's submit button, laid out as one more field of the row beside the inputs. */
export default function SubmitField({ disabled = false, children }: SubmitFieldProps) {
  return (
    <div className="widget-field">
      <button type="submit" disabled={disabled}>
        {children}
      </button>
    </div>
  );
}
