import { useId } from 'react';
import type { QuestionObjective } from '../../machines/grading/lab.ts';
import { useWorkbench } from './workbench-api.ts';

const INPUT_HELP: Record<string, string> = {
  text: 'Type your answer.',
  ip: 'An IPv4 address, e.g. 192.168.250.10.',
  datetime: 'A date and time, e.g. 2026-03-02 14:05.',
  number: 'A number, decimal or hex (0x1408).',
};

function Question({ q }: { q: QuestionObjective }) {
  const { state, send, ready } = useWorkbench();
  const id = useId();
  const given = state.answer.answers?.[q.id];
  const answer = (value: string | string[]) => send({ type: 'question.answered', id: q.id, value });

  if (q.format === 'choice' || q.format === 'choices') {
    const chosen = Array.isArray(given) ? given : given === undefined ? [] : [given];
    return (
      <fieldset className="lab-fieldset lab-question" data-question={q.id}>
        <legend>{q.prompt}</legend>
        <ul className="lab-plain-list">
          {(q.options ?? []).map((o) => (
            <li key={o.id}>
              <label className="lab-check">
                <input
                  type={q.format === 'choice' ? 'radio' : 'checkbox'}
                  name={`${id}-${q.id}`}
                  value={o.id}
                  checked={chosen.includes(o.id)}
                  disabled={!ready}
                  onChange={(e) => {
                    if (q.format === 'choice') answer(o.id);
                    else answer(e.currentTarget.checked ? [...chosen, o.id] : chosen.filter((c) => c !== o.id));
                  }}
                />
                {o.text}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
    );
  }
  return (
    <div className="widget-field lab-question" data-question={q.id}>
      <label htmlFor={`${id}-answer`}>{q.prompt}</label>
      <input
        id={`${id}-answer`}
        type="text"
        autoComplete="off"
        inputMode={q.format === 'number' ? 'text' : undefined}
        value={typeof given === 'string' ? given : ''}
        disabled={!ready}
        aria-describedby={`${id}-help`}
        onChange={(e) => answer(e.currentTarget.value)}
      />
      <span id={`${id}-help`} className="muted">
        {INPUT_HELP[q.format] ?? ''}
      </span>
    </div>
  );
}

/** The lab's questions (forensics, hardware choice): answers are saved as they are typed. */
export default function QuestionsPanel() {
  const { state, idFor } = useWorkbench();
  const questions = state.variant.objectives.filter((o): o is QuestionObjective => o.kind === 'question');
  if (questions.length === 0) return null;
  return (
    <section className="lab-section" aria-labelledby={idFor('lab-questions')}>
      <h2 id={idFor('lab-questions')}>Questions</h2>
      {questions.map((q) => (
        <Question key={q.id} q={q} />
      ))}
    </section>
  );
}
