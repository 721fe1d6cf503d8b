/**
 * The workbench in an exam (served course, /exam/attempt): a performance item's lab, configured in
 * the same workbench as the labs, whose answer becomes the item's response. The island gets only
 * the item's public view (src/server/exams/public-lab.ts: no objective checks, expected answers,
 * hints, traffic suite or history), so it can show the plant, take the candidate's settings,
 * actions and answers, and answer their own requests — never grade, score or hint. The exam page's
 * plain answer field stays the one place the response lives: the workbench writes its answer there
 * and the page's script saves it with the rest of the attempt (docs/assessment.md).
 */
import type { Answer, Lab, QuestionObjective } from '../../machines/grading/lab.ts';
import type { RackView } from '../../machines/request-path/request-path.ts';
import type { PublicLab } from '../server/exams/public-lab.ts';
import { type DraftReading, type LabDraft, makeDraft, readDraft } from './draft.ts';
import type { LabProgress } from '../progress/lab-progress.ts';

/** What the Workbench needs in exam mode besides the lab and the answer field (its `progress`). */
export interface ExamMode {
  /** The rack as the candidate finds it (the lab's history played), for the evidence panels. */
  scene: RackView;
}

/**
 * The item's lab as the workbench runs it: the public view turned back into a lab with no key —
 * the scene's rack as its start, no history, no traffic, no hints, and only the questions (no
 * expected answer, no points). The exam variant is already filled in, so the lab has no variables.
 * `id` is the item's opaque id (the bank's lab id does not travel).
 */
export function examLab(id: string, lab: PublicLab): Lab {
  const questions: QuestionObjective[] = lab.questions.map((q) => ({
    kind: 'question',
    id: q.id,
    title: q.prompt,
    points: 0,
    functions: [],
    prompt: q.prompt,
    format: q.format,
    ...(q.options ? { options: q.options.map((o) => ({ id: o.id, text: o.text })) } : {}),
  }));
  return {
    id,
    title: lab.title,
    briefing: lab.briefing,
    learningObjectives: [],
    difficulty: 'intermediate',
    minutes: 0,
    functions: [],
    rack: structuredClone(lab.plant),
    otherRacks: structuredClone(lab.otherRacks),
    network: lab.network.map((n) => ({ ...n })),
    workstation: lab.workstation,
    editable: [...lab.editable],
    actions: [...lab.actions],
    programs: {},
    history: [],
    objectives: questions,
    requirements: lab.requirements.map((text) => ({ text, objectives: [] })),
    equivalentMutations: [],
    traffic: [],
    hints: [],
    variables: {},
    slots: [],
    values: {},
    seed: null,
  };
}

/** Whether an answer holds nothing: no setting, action or question answer (an unanswered item). */
export function isEmptyAnswer(answer: Answer): boolean {
  return Object.keys(answer.settings ?? {}).length === 0 && (answer.actions ?? []).length === 0 && Object.keys(answer.answers ?? {}).length === 0;
}

/**
 * The text the answer field holds for an answer: the answer document the lab grader takes, as JSON
 * (no hints: an exam offers none), or nothing for an empty answer, which the page saves as "not
 * answered".
 */
export function fieldText(answer: Answer): string {
  const { hintsUsed: _hints, ...rest } = answer;
  return isEmptyAnswer(rest) ? '' : JSON.stringify(rest, null, 2);
}

/**
 * Reads the answer field's text for `lab` (the exam lab): empty is "none"; otherwise it must be
 * JSON the workbench can take back (the draft rules of draft.ts: shape, editable settings, known
 * questions, one replay). What the server saved always reads; text typed into the plain field
 * before the workbench loaded may not, and is then left where it is.
 */
export function readField(text: string, lab: Lab): DraftReading {
  if (text.trim() === '') return { kind: 'none' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'corrupt', reason: 'it is not valid JSON' };
  }
  return readDraft(makeDraft(0, value as Answer), lab);
}

/** The answer field as the workbench uses it (the textarea; a stand-in in tests). */
export type AnswerField = Pick<HTMLTextAreaElement, 'value' | 'dispatchEvent'>;

/**
 * The workbench's store in exam mode: the item's answer field. Saving writes the answer's text into
 * the field and fires a `change` event on it, the event the exam page's script autosaves on; the
 * form's own submit sends it too. Nothing is kept in the browser's storage (an exam answer lives on
 * the server), and nothing graded is recorded.
 */
export function examFieldProgress(field: AnswerField): LabProgress {
  const load = (): unknown => {
    const text = field.value;
    if (text.trim() === '') return undefined;
    try {
      return makeDraft(0, JSON.parse(text) as Answer);
    } catch {
      return text;
    }
  };
  const save = (answer: Answer): boolean => {
    const text = fieldText(answer);
    if (field.value === text) return true;
    field.value = text;
    field.dispatchEvent(new Event('change', { bubbles: true }));
    return true;
  };
  return {
    loadDraft: load,
    saveDraft: (_labId, draft) => save((draft as LabDraft).answer),
    keepMine: (_labId, draft) => void save((draft as LabDraft).answer),
    keepTheirs: load,
    // One tab, one attempt page: the server keeps the saved answer, so there is no other tab's draft to weigh.
    onDraftConflict: () => {},
    recordResult: () => {},
    record: () => undefined,
    // The field is only written by a change the candidate makes, so an unreadable text stays put.
    keepAside: () => true,
  };
}
