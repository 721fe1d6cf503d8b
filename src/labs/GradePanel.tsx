import { counted } from '../../machines/model.ts';
import type { ObjectiveResult } from '../../machines/grading/grader.ts';
import { useWorkbench } from './workbench-api.ts';
import LabNotes from './LabNotes.tsx';
import ObjectiveLine from './ObjectiveLine.tsx';

function ObjectiveItem({ o }: { o: ObjectiveResult }) {
  const { lessons } = useWorkbench();
  const links = o.lessons.map((id) => lessons[id]).filter((l) => l !== undefined);
  return (
    <li className={o.passed ? 'lab-result is-passed' : 'lab-result is-failed'} data-objective={o.id} data-passed={o.passed}>
      <ObjectiveLine passed={o.passed} title={o.title} earned={o.earned} points={o.points} />
      {o.details.length > 1 ? <p>{o.details.length} things are not as they must be:</p> : <p>{o.reason}</p>}
      {o.details.length > 1 && (
        <ul>
          {o.details.map((d) => (
            <li key={d}>{d}</li>
          ))}
        </ul>
      )}
      {!o.passed && o.hint && <p className="muted">Look at: {o.hint}</p>}
      {links.length > 0 && (
        <p>
          Review:{' '}
          {links.map((l, i) => (
            <span key={l.href}>
              {i > 0 && ', '}
              <a href={l.href}>{l.title}</a>
            </span>
          ))}
        </p>
      )}
    </li>
  );
}

/** Props of GradePanel. */
export interface GradePanelProps {
  /** "Best so far: 9 of 11 (2 attempts)", from the progress document; empty before any graded run. */
  best: string;
}

/** Grade: every objective with the reason and the lessons to review; the score after hint penalties; recorded. */
export default function GradePanel({ best }: GradePanelProps) {
  const { state, send, ready, idFor } = useWorkbench();
  const graded = state.graded;
  const report = graded?.report;
  return (
    <section className="lab-section" aria-labelledby={idFor('lab-grade')}>
      <h2 id={idFor('lab-grade')}>Grade</h2>
      <p>Grading replays everything from the start and checks every objective. Your best score is kept; grade as often as you like.</p>
      <button type="button" className="button" disabled={!ready} onClick={() => send({ type: 'grade.requested', at: new Date().toISOString() })}>
        Grade my answer
      </button>
      <div role="status" className="lab-status">
        {report && (
          <p className="lab-score">
            Score: <strong>{report.score}</strong> of {report.max}
            {report.hints.penalty > 0 && ` (after ${counted(report.hints.penalty, 'point')} for hints)`} —{' '}
            <strong>{report.passed ? 'passed' : 'not passed yet'}</strong>.
          </p>
        )}
        {best && <p>{best}</p>}
      </div>
      {report && report.problems.length > 0 && (
        <div className="widget-problem">
          <p>Some of your changes could not be applied:</p>
          <ul>
            {report.problems.map((p) => (
              <li key={`${p.field}-${p.message}`}>
                <code>{p.field}</code>: {p.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {report && <LabNotes notes={report.notes} />}
      {report && (
        <ul className="lab-results" aria-label="Objectives">
          {report.objectives.map((o) => (
            <ObjectiveItem key={o.id} o={o} />
          ))}
        </ul>
      )}
    </section>
  );
}
