import { type ReactNode, useState } from 'react';

/** Props of PasswordInput. */
export interface PasswordInputProps {
  /** The input's id, for its label. */
  id: string;
  /** What the field is, in words (its label's text): the Show button's hidden words name it. */
  name: ReactNode;
  /** The current text. */
  value: string;
  /** Called with the new text on every keystroke. */
  onChange: (value: string) => void;
  /** True until the island hydrates, or while the field does not apply. */
  disabled?: boolean;
  /** "new-password" for a password being chosen, "off" for one the learner only tries. */
  autoComplete?: 'new-password' | 'current-password' | 'off';
  /** Ids of the field's help and error texts. */
  describedBy?: string | undefined;
  /** True while the field holds a problem. */
  invalid?: boolean;
}

/**
 * A password box that hides what is typed, as real tools do, with a "Show" toggle beside it
 * (aria-pressed) for a learner who wants to check the characters: one component for every
 * password of the lesson widgets and the lab settings.
 */
export default function PasswordInput({ id, name, value, onChange, disabled = false, autoComplete = 'off', describedBy, invalid = false }: PasswordInputProps) {
  const [shown, setShown] = useState(false);
  return (
    <span className="password-input">
      <input
        id={id}
        type={shown ? 'text' : 'password'}
        autoComplete={autoComplete}
        spellCheck={false}
        value={value}
        disabled={disabled}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.currentTarget.value)}
      />
      <button
        type="button"
        className="secondary"
        aria-pressed={shown}
        aria-controls={id}
        disabled={disabled}
        onClick={() => setShown((s) => !s)}
      >
        Show<span className="visually-hidden"> {name}</span>
      </button>
    </span>
  );
}
