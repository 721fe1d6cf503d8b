import { useEffect, useMemo, useState } from 'react';
import type { PublicLab } from '../server/exams/public-lab.ts';
import { withErrorBoundary } from '../widgets/kit/error-boundary.tsx';
import { examFieldProgress, examLab, readField } from './exam-mode.ts';
import WorkbenchBody from './WorkbenchBody.tsx';
import './workbench.css';

/** Props of the ExamWorkbench island. */
export interface ExamWorkbenchProps {
  /** The item's opaque id (the workbench's lab id). */
  item: string;
  /** The item's lab as the server lets it travel: no key (src/server/exams/public-lab.ts). */
  lab: PublicLab;
  /** The id of the item's answer field on the exam page, which the workbench takes over. */
  fieldId: string;
}

/** The answer field's wrapper the island hides once it works: the plain field is the fallback. */
const fallbackOf = (fieldId: string) => document.querySelector<HTMLElement>(`[data-exam-fallback="${CSS.escape(fieldId)}"]`);

/**
 * A performance item of an exam, configured in the lab workbench (exam mode, src/labs/exam-mode.ts).
 * The page renders the plain JSON field first; this island reads the saved answer from it, hides it
 * and keeps it filled with the workbench's answer, so the page's autosave, review and submit carry
 * it as before. A text in the field the workbench cannot open is left visible to be corrected.
 */
function ExamWorkbenchBody({ item, lab, fieldId }: ExamWorkbenchProps) {
  const rebuilt = useMemo(() => examLab(item, lab), [item, lab]);
  // Read once, when the island mounts: from then on the workbench writes the field.
  const [opening] = useState(() => {
    const field = document.getElementById(fieldId);
    return field instanceof HTMLTextAreaElement ? { progress: examFieldProgress(field), reading: readField(field.value, rebuilt) } : undefined;
  });
  const reading = opening?.reading;
  const usable = reading !== undefined && reading.kind !== 'corrupt';
  useEffect(() => {
    const fallback = fallbackOf(fieldId);
    if (!usable || !fallback) return;
    fallback.hidden = true;
    return () => {
      fallback.hidden = false;
    };
  }, [fieldId, usable]);
  if (opening === undefined || reading === undefined) return null;
  if (reading.kind === 'corrupt') {
    return (
      <p className="widget-problem" role="alert">
        The answer in the box below cannot be opened in the workbench ({reading.reason}). Correct it in the box, or empty the box and
        reload the page to configure the rack in the workbench.
      </p>
    );
  }
  return <WorkbenchBody lab={rebuilt} lessons={{}} progress={opening.progress} examMode={{ scene: lab.rack }} />;
}

/** The ExamWorkbench island: ExamWorkbenchBody inside the island error boundary. */
export default withErrorBoundary(ExamWorkbenchBody, 'This question’s workbench');
