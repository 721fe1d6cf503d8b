/** Props of StartAgainButton. */
export interface StartAgainButtonProps {
  /** False until the island has hydrated: the button stays disabled until then. */
  hydrated: boolean;
  /** Puts the widget back to where it started. */
  onClick: () => void;
}

/** The "Start again" button every try-it widget offers, so a learner can undo everything in one step. */
export default function StartAgainButton({ hydrated, onClick }: StartAgainButtonProps) {
  return (
    <button type="button" className="secondary" disabled={!hydrated} onClick={onClick}>
      Start again
    </button>
  );
}
