import { counted } from '../../machines/model.ts';
import { useState } from 'react';
import { type ClassMode, type ServerReport, submittedAnswer } from './class-mode.ts';
import { useCourseServer } from './useCourseServer.ts';
import { useWorkbench } from './workbench-api.ts';
import LabNotes from './LabNotes.tsx';
import ObjectiveLine from './ObjectiveLine.tsx';

const points = (n: number) => counted(n, 'point');

/**
 * Grade in a class: the answer is posted to the course server, which grades it in the learner's
 * own variant and keeps the result; the page shows only the server's report (here, and through
 * `onReport` beside the workbench). The browser never computes a score here.
 */
export default function ClassGradePanel({ mode, onReport }: { mode: ClassMode; onReport?: (report: ServerReport) => void }) {
  const { state, ready, idFor } = useWorkbench();
  const [report, setReport] = useState<ServerReport | null>(null);
  const { busy, problem, request } = useCourseServer();

  async function submit() {
    const init = { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(submittedAnswer(state.answer)) };
    const reply = await request<ServerReport>(mode.submitUrl, init, 'The course server could not be reached. Your work is saved in this browser: try again in a moment.');
    if (reply) {
      setReport(reply);
      onReport?.(reply);
    }
  }

  return (
    <section className="lab-section" aria-labelledby={idFor('lab-grade')}>
      <h2 id={idFor('lab-grade')}>Submit for grading</h2>
      <p>
        The course server replays everything from the start in your variant, checks every objective and records the result for{' '}
        {mode.className}. You may submit again after changing your answer; each submission is recorded.
      </p>
      <button type="button" className="button" disabled={!ready || busy} onClick={() => void submit()}>
        Submit for grading
      </button>
      <div role="status" className="lab-status">
        {busy && <p>Grading on the server…</p>}
        {report && (
          <p className="lab-score" data-server-score={report.score}>
            The server's grade: <strong>{report.score}</strong> of {report.max}
            {report.hints.penalty > 0 && ` (after ${points(report.hints.penalty)} for hints)`} —{' '}
            <strong>{report.passed ? 'passed' : 'not passed yet'}</strong>.
          </p>
        )}
      </div>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      {report && <LabNotes notes={report.notes} />}
      {report && (
        <ul className="lab-results" aria-label="Objectives">
          {report.objectives.map((o) => (
            <li key={o.id} className={o.passed ? 'lab-result is-passed' : 'lab-result is-failed'} data-objective={o.id} data-passed={o.passed}>
              <ObjectiveLine passed={o.passed} title={o.title} earned={o.earned} points={o.points} />
              <p>{o.reason}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
