import type { Outcome } from '../../../machines/model.ts';
import TraceView from './TraceView.tsx';
import StartAgainButton from './StartAgainButton.tsx';

/** Props of NoteAndTrace. */
export interface NoteAndTraceProps {
  /** What the last action did, in words; null before any action. */
  note: string | null;
  /** The last request's outcome; null before any request. */
  outcome: Outcome | null;
  /** False until the island has hydrated: the Start again button stays disabled until then. */
  hydrated: boolean;
  /** Puts the widget back to where it started. */
  onStartAgain: () => void;
  /** Caption of the trace table. */
  caption: string;
  /** Shown in place of the trace before any request. */
  emptyText: string;
}

/**
 * The common foot of the CPU widgets: a status line with the last action's note, a Start again
 * button, and the trace of the last request.
 */
export default function NoteAndTrace({ note, outcome, hydrated, onStartAgain, caption, emptyText }: NoteAndTraceProps) {
  return (
    <>
      <p className="cpu-note" role="status">
        {note ?? ''}
      </p>
      <div className="cpu-actions">
        <StartAgainButton hydrated={hydrated} onClick={onStartAgain} />
      </div>
      <TraceView outcome={outcome} caption={caption} emptyText={emptyText} />
    </>
  );
}
