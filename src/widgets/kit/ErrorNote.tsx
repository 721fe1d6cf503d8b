/** Props of ErrorNote. */
export interface ErrorNoteProps {
  /** Why the last action was refused, in words; null or empty when nothing went wrong. */
  text: string | null;
}

/** The refusal of a widget's last action, announced at once (role="alert"); nothing when all is well. */
export default function ErrorNote({ text }: ErrorNoteProps) {
  if (!text) return null;
  return (
    <p className="error" role="alert">
      {text}
    </p>
  );
}
