import { useEffect, useId, useRef, useState } from 'react';
import { getProgress, recordQuizResult } from '../progress/progress.ts';
import {
  type ItemAnswer,
  type ItemGrade,
  initialQuizState,
  isAnswered,
  itemSeed,
  type QuizAction,
  type QuizState,
  reduceQuiz,
  rightSides,
  seededShuffle,
  summarize,
  validAnswers,
} from './quiz-rules.ts';
import type { Quiz as QuizData, QuizItem } from '../schemas/quiz.ts';
import { withErrorBoundary } from '../widgets/kit/error-boundary.tsx';

/** Where an item's "why" points: the guideline section, and lessons to review. */
export interface ItemLinks {
  /** Page of the lesson that teaches the item's section, when one exists. */
  sectionHref?: string;
  /** Page (with anchor) of the lesson the item names for review. */
  lessonHref?: string;
  /** Title of that lesson. */
  lessonTitle?: string;
}

/** Props of the Quiz island; QuizBlock.astro fills them from the `quizzes` collection. */
export interface QuizProps {
  /** The quiz id (its file name): results are stored under it. */
  quizId: string;
  /** The validated quiz. */
  quiz: QuizData;
  /** Links per item id, resolved at build time. */
  links?: Record<string, ItemLinks>;
}

/**
 * A formative check: every item is a fieldset with its own "Check answer" button; feedback
 * appears in a live region and the item locks. When every item is checked the score is saved
 * with recordQuizResult, and a reload shows the last attempt again.
 */
function Quiz({ quizId, quiz, links = {} }: QuizProps) {
  const [state, setState] = useState<QuizState>(() => initialQuizState(quizId, quiz));
  const [hint, setHint] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<{ kind: 'restored' | 'saved' | 'stale' | 'failed'; text: string } | null>(null);
  // The server render is inert (nothing would happen on a click), so its controls start disabled.
  const [ready, setReady] = useState(false);
  const uid = useId();
  // "Try the quiz again" removes itself: focus goes to the quiz's heading, not the top of the page.
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    setReady(true);
    const record = getProgress().quizzes[quizId];
    if (!record) return;
    const answers = validAnswers(quiz, record.last.answers);
    // A result loaded from a file is the learner's own word (see docs/decisions/005).
    const self = (r: { imported?: true }) => (r.imported ? ', imported — self-reported' : '');
    const best = `best ${record.best.score} / ${record.best.max}${self(record.best)}`;
    if (answers) {
      setState((s) => reduceQuiz(quizId, quiz, s, { type: 'quiz.restored', answers }));
      setSaved({ kind: 'restored', text: `Your last attempt, restored: ${record.last.score} / ${record.last.max}${self(record.last)} (${best}).` });
    } else {
      setSaved({
        kind: 'stale',
        text: `Your last attempt scored ${record.last.score} / ${record.last.max} (${best}); the quiz has changed since, so it starts fresh.`,
      });
    }
  }, [quizId, quiz]);

  function act(action: QuizAction) {
    const next = reduceQuiz(quizId, quiz, state, action);
    if (next === state) return;
    setState(next);
    const before = summarize(quiz, state);
    const after = summarize(quiz, next);
    if (after.complete && !before.complete) {
      try {
        recordQuizResult(quizId, { score: after.score, max: after.max, answers: next.answers });
        setSaved({ kind: 'saved', text: 'Saved to your progress.' });
      } catch (error) {
        setSaved({ kind: 'failed', text: `Could not save the result: ${(error as Error).message}` });
      }
    }
  }

  function check(item: QuizItem) {
    if (!isAnswered(item, state.answers[item.id])) {
      setHint((h) => ({ ...h, [item.id]: hintFor(item) }));
      return;
    }
    setHint((h) => ({ ...h, [item.id]: '' }));
    act({ type: 'item.checked', itemId: item.id });
  }

  const summary = summarize(quiz, state);
  const headingId = `${uid}-title`;

  return (
    <section className="quiz" aria-labelledby={headingId}>
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        {quiz.title}
      </h2>
      <p className="quiz-intro">
        {quiz.items.length} questions. Check each one to see why; your first answer counts.
      </p>
      {quiz.items.map((item, index) => {
        const grade = state.checked[item.id];
        const answer = state.answers[item.id];
        const base = `${uid}-${item.id}`;
        return (
          <fieldset key={item.id} className="quiz-item" aria-describedby={`${base}-status`}>
            <legend>
              <span className="quiz-number">
                Question {index + 1} of {quiz.items.length}
              </span>{' '}
              {item.prompt}
            </legend>
            <ItemInputs
              item={item}
              answer={answer}
              grade={grade}
              base={base}
              seed={itemSeed(quizId, item.id)}
              ready={ready}
              act={act}
            />
            <button
              type="button"
              className={grade ? 'quiz-check secondary' : 'quiz-check'}
              disabled={!ready}
              aria-disabled={grade ? true : undefined}
              onClick={() => !grade && check(item)}
            >
              {grade ? 'Checked' : 'Check answer'}
            </button>
            <div id={`${base}-status`} className="quiz-feedback" role="status" aria-live="polite">
              {grade ? (
                <Feedback item={item} grade={grade} links={links[item.id]} />
              ) : hint[item.id] ? (
                <p className="quiz-hint">{hint[item.id]}</p>
              ) : null}
            </div>
          </fieldset>
        );
      })}
      <div className="quiz-summary" role="status" aria-live="polite">
        {summary.complete ? (
          <p>
            <strong>
              Score: {summary.score} / {summary.max}
            </strong>
            {saved ? ` — ${saved.text}` : ''}
          </p>
        ) : (
          <p>
            {summary.checked === 0
              ? saved?.kind === 'stale'
                ? saved.text
                : 'No questions checked yet.'
              : `${summary.score} of ${summary.checked} checked ${summary.checked === 1 ? 'question' : 'questions'} right so far.`}
          </p>
        )}
      </div>
      {summary.checked > 0 ? (
        <button
          type="button"
          className="quiz-reset"
          onClick={() => {
            setHint({});
            setSaved((s) => (s?.kind === 'stale' ? s : null));
            act({ type: 'quiz.reset' });
            heading.current?.focus();
          }}
        >
          Try the quiz again
        </button>
      ) : null}
    </section>
  );
}

function hintFor(item: QuizItem): string {
  switch (item.kind) {
    case 'single':
      return 'Choose an answer first.';
    case 'multiple':
      return 'Tick at least one option first.';
    case 'matching':
      return 'Choose a match for every row first.';
    case 'ordering':
      return 'Arrange the steps first.';
  }
}

interface InputsProps {
  item: QuizItem;
  answer: ItemAnswer | undefined;
  grade: ItemGrade | undefined;
  base: string;
  seed: string;
  /** False until hydrated: the controls of the server render are disabled. */
  ready: boolean;
  act: (action: QuizAction) => void;
}

function ItemInputs({ item, answer, grade, base, seed, ready, act }: InputsProps) {
  const locked = grade !== undefined || !ready;
  switch (item.kind) {
    case 'single':
    case 'multiple': {
      const picked =
        answer?.kind === 'single' ? [answer.choice] : answer?.kind === 'multiple' ? answer.choices : ([] as string[]);
      const options = seededShuffle(item.options, seed);
      return (
        <>
          {item.kind === 'multiple' ? <p className="quiz-hint">Select all that apply.</p> : null}
          <ul className="quiz-options">
            {options.map((o) => {
              const on = picked.includes(o.id);
              return (
                <li key={o.id}>
                  <label>
                    <input
                      type={item.kind === 'single' ? 'radio' : 'checkbox'}
                      name={base}
                      value={o.id}
                      checked={on}
                      disabled={locked}
                      onChange={() =>
                        act(
                          item.kind === 'single'
                            ? { type: 'answer.chosen', itemId: item.id, optionId: o.id }
                            : { type: 'answer.toggled', itemId: item.id, optionId: o.id },
                        )
                      }
                    />{' '}
                    {o.text}
                  </label>
                  {grade ? <Mark on={on} correct={o.correct} /> : null}
                </li>
              );
            })}
          </ul>
        </>
      );
    }
    case 'matching': {
      const matches = answer?.kind === 'matching' ? answer.matches : {};
      const rights = seededShuffle(rightSides(item), seed);
      return (
        <ul className="quiz-matching">
          {item.pairs.map((p) => {
            const selectId = `${base}-${p.id}`;
            return (
              <li key={p.id}>
                <label htmlFor={selectId}>{p.left}</label>
                <select
                  id={selectId}
                  value={matches[p.id] ?? ''}
                  disabled={locked}
                  onChange={(e) => act({ type: 'answer.matched', itemId: item.id, pairId: p.id, right: e.target.value })}
                >
                  <option value="">Choose…</option>
                  {rights.map((r) => (
                    <option key={r} value={r}>
                      {r}
                    </option>
                  ))}
                </select>
                {grade ? (
                  grade.wrong.includes(p.id) ? (
                    <span className="quiz-mark quiz-wrong"> ✗ wrong — it is “{p.right}”</span>
                  ) : (
                    <span className="quiz-mark quiz-right"> ✓ right</span>
                  )
                ) : null}
              </li>
            );
          })}
        </ul>
      );
    }
    case 'ordering':
      return <OrderingInputs item={item} answer={answer} grade={grade} base={base} ready={ready} act={act} />;
  }
}

function OrderingInputs({
  item,
  answer,
  grade,
  base,
  ready,
  act,
}: Omit<InputsProps, 'seed' | 'item'> & { item: Extract<QuizItem, { kind: 'ordering' }> }) {
  const order = answer?.kind === 'ordering' ? answer.order : item.steps.map((s) => s.id);
  const text = new Map(item.steps.map((s) => [s.id, s.text]));
  const [moved, setMoved] = useState<{ stepId: string; by: -1 | 1; note: string } | null>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const locked = grade !== undefined;

  // Reordering the list can drop focus; put it back on the button the learner pressed.
  useEffect(() => {
    if (moved) buttons.current.get(`${moved.stepId}:${moved.by}`)?.focus();
  }, [moved]);

  function move(stepId: string, by: -1 | 1) {
    const from = order.indexOf(stepId);
    const to = from + by;
    if (locked || to < 0 || to >= order.length) return;
    act({ type: 'answer.moved', itemId: item.id, stepId, by });
    setMoved({ stepId, by, note: `“${text.get(stepId)}” is now step ${to + 1} of ${order.length}.` });
  }

  return (
    <>
      <p className="quiz-hint" id={`${base}-how`}>
        Use the Move up and Move down buttons to put the steps in order, first at the top.
      </p>
      <ol className="quiz-ordering" aria-describedby={`${base}-how`}>
        {order.map((stepId, i) => (
          <li key={stepId}>
            <span className="quiz-step">{text.get(stepId)}</span>
            {grade ? (
              grade.wrong.includes(stepId) ? (
                <span className="quiz-mark quiz-wrong">
                  {' '}
                  ✗ belongs at step {item.steps.findIndex((s) => s.id === stepId) + 1}
                </span>
              ) : (
                <span className="quiz-mark quiz-right"> ✓ in place</span>
              )
            ) : (
              <span className="quiz-move">
                {([-1, 1] as const).map((by) => {
                  const blocked = (by === -1 && i === 0) || (by === 1 && i === order.length - 1);
                  return (
                    <button
                      key={by}
                      type="button"
                      ref={(el) => {
                        if (el) buttons.current.set(`${stepId}:${by}`, el);
                        else buttons.current.delete(`${stepId}:${by}`);
                      }}
                      aria-label={`${by === -1 ? 'Move up' : 'Move down'}: “${text.get(stepId)}”`}
                      disabled={!ready}
                      aria-disabled={blocked ? true : undefined}
                      onClick={() => move(stepId, by)}
                    >
                      {by === -1 ? 'Move up' : 'Move down'}
                    </button>
                  );
                })}
              </span>
            )}
          </li>
        ))}
      </ol>
      <p className="visually-hidden" aria-live="polite">
        {moved?.note ?? ''}
      </p>
    </>
  );
}

function Mark({ on, correct }: { on: boolean; correct: boolean }) {
  if (correct) return <span className="quiz-mark quiz-right">{on ? ' ✓ right' : ' ← a correct answer you missed'}</span>;
  return on ? <span className="quiz-mark quiz-wrong"> ✗ not right</span> : null;
}

function Feedback({ item, grade, links }: { item: QuizItem; grade: ItemGrade; links: ItemLinks | undefined }) {
  return (
    <div className={grade.correct ? 'quiz-result is-right' : 'quiz-result is-wrong'}>
      <p>
        <strong className={grade.correct ? 'quiz-right' : 'quiz-wrong'}>{grade.correct ? 'Right.' : 'Not quite.'}</strong>{' '}
        {item.feedback}
      </p>
      {item.kind === 'ordering' && !grade.correct ? (
        <>
          <p>The order is:</p>
          <ol>
            {item.steps.map((s) => (
              <li key={s.id}>{s.text}</li>
            ))}
          </ol>
        </>
      ) : null}
      <p className="quiz-source">
        Guideline{' '}
        {links?.sectionHref ? <a href={links.sectionHref}>{item.section}</a> : <span>{item.section}</span>}
        {links?.lessonHref ? (
          <>
            {' '}
            · Review: <a href={links.lessonHref}>{links.lessonTitle ?? 'the lesson'}</a>
          </>
        ) : null}
      </p>
    </div>
  );
}

/** The Quiz island, inside an error boundary so a fault shows a message and leaves the page working. */
export default withErrorBoundary(Quiz, 'The quiz');
