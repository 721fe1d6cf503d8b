/** Props of ErrorNote. */
export interface ErrorNoteProps {
  /** Why the last action was refused, in words; null or empty when nothing went wrong. */
  text: string | null;
  /** Its id, for the aria-describedby of the field it is about. */
  id?: string;
}

/** The refusal of a widget's last action, announced at once (role="alert"); nothing when all is well. */
export default function ErrorNote({ text, id }: ErrorNoteProps) {
  if (!text) return null;
  return (
    <p className="error" role="alert" id={id}>
      {text}
    </p>
  );
}
