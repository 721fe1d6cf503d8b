/** Props of LabNotes. */
export interface LabNotesProps {
  /** The grader's notes on the answer (a setting not yet in force, a program never transferred). */
  notes: readonly string[];
}

/** The grader's notes under a score, practice or class alike; nothing when there are none. */
export default function LabNotes({ notes }: LabNotesProps) {
  if (notes.length === 0) return null;
  return (
    <ul className="lab-notes">
      {notes.map((n) => (
        <li key={n}>{n}</li>
      ))}
    </ul>
  );
}
