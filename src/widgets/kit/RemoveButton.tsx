/** Props of RemoveButton. */
export interface RemoveButtonProps {
  /** What it removes, in words, for screen readers ("Remove rule 2 (192.168.250.0 / 255.255.255.0)"). */
  label: string;
  /** True until the island hydrates. */
  disabled: boolean;
  /** Removes the entry (after telling useFocusAfterRemove where the button was). */
  onRemove: () => void;
  /** The button's look: the lab panels' secondary button, or the widgets' (default). */
  className?: string;
}

/** A list entry's "Remove" button, marked `data-remove` so useFocusAfterRemove can find the next one. */
export default function RemoveButton({ label, disabled, onRemove, className = 'button secondary' }: RemoveButtonProps) {
  return (
    <button type="button" className={className} disabled={disabled} aria-label={label} data-remove onClick={onRemove}>
      Remove
    </button>
  );
}
