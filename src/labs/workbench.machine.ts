/**
 * The lab workbench's state: the lab's variant for this learner, the answer being drafted, the
 * latest replay and grade, the requests the learner sent themselves. The React island only
 * selects from this machine's snapshots and sends its events; the two side effects (saving the
 * draft, recording a graded result) are named actions the island provides with
 * `workbenchMachine.provide()`, so the machine stays pure and testable.
 *
 * States: `loading` until the browser has read the learner id and the saved draft (the server
 * render shows the lab's default variant), then `ready`.
 */
import { assign, setup } from 'xstate';
import { grade, type Report, type SettingsDocument, startingState, type TimelineEntry } from '../../machines/grading/grader.ts';
import type { Answer, Lab, LearnerAction, QuestionAnswer, SettingPath } from '../../machines/grading/lab.ts';
import type { Request } from '../../machines/model.ts';
import { SETTING_LABELS } from '../../machines/grading/setting-labels.ts';
import type { RackView } from '../../machines/request-path/request-path.ts';
import {
  editablePaths,
  withActionAdded,
  withActionRemoved,
  withNextHint,
  withQuestionAnswer,
  withSetting,
} from './answer-edit.ts';
import { type LabDraft, makeDraft, readDraft } from './draft.ts';
import { sendOwnRequest } from './own-request.ts';

/** A label at the start of a sentence. */
const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** What the island gives the machine. */
export interface WorkbenchInput {
  /** The lab as the collection holds it (default variant, with its variables and slots). */
  lab: Lab;
  /**
   * The main rack as the learner finds it, when the lab comes without the history that made it
   * (an exam item, src/labs/exam-mode.ts): the evidence panels show this instead.
   */
  scene?: RackView;
}

/** A request the learner sent themselves, and what became of it. */
export interface OwnRequestResult {
  /** Counts up from 1, for keys and headings. */
  seq: number;
  entry: TimelineEntry;
}

/** The workbench's context. */
export interface WorkbenchContext {
  /** The lab as given (the grader instantiates it with `seed`). */
  lab: Lab;
  /** The variant's seed; null until opened (the default variant). */
  seed: number | null;
  /** The learner id the seed came from; null until opened. */
  learnerId: string | null;
  /** The lab as this learner sees it (placeholders filled for `seed`). */
  variant: Lab;
  /** The settings as the learner finds them, after the lab's history. */
  start: SettingsDocument;
  /** The main rack after the history: clock, Auxiliary Area, operation log. */
  startView: RackView;
  /** The scene given with a lab that has no history (exam mode), else null. */
  scene: RackView | null;
  answer: Answer;
  /** Counts every change of the answer. */
  revision: number;
  /** The latest replay (run or grade). */
  report: Report | null;
  /** The answer revision `report` was made from (stale when it differs from `revision`). */
  reportRevision: number;
  /** The latest graded run and when it was graded. */
  graded: { report: Report; at: string } | null;
  ownRequests: OwnRequestResult[];
  /** Something the learner must be told on opening (a saved draft that could not be used). */
  notice: string | null;
  /** The last change refused, naming the setting and why. */
  refusal: { path: string; message: string } | null;
}

/** Everything the workbench can be asked to do. */
export type WorkbenchEvent =
  /** The browser read the learner id (and its seed for this lab) and the saved draft (unknown: untrusted). */
  | { type: 'workbench.opened'; learnerId: string; learnerSeed: number; draft: unknown }
  | { type: 'setting.changed'; path: SettingPath; value: unknown }
  | { type: 'action.added'; action: LearnerAction }
  | { type: 'action.removed'; index: number }
  | { type: 'question.answered'; id: string; value: QuestionAnswer }
  | { type: 'hint.revealed' }
  /** Replay the traffic suite and show the timeline (nothing recorded). */
  | { type: 'run.requested' }
  /** Replay, grade and record the result; `at` is the time of grading (ISO). */
  | { type: 'grade.requested'; at: string }
  | { type: 'request.sent'; request: Request; label: string }
  /** Back to the lab's start (the variant and the opened hints stay). */
  | { type: 'answer.reset' }
  /** The learner chose another tab's saved draft of this lab over this tab's (unknown: untrusted). */
  | { type: 'draft.replaced'; draft: unknown }
  | { type: 'notice.dismissed' };

function fresh(lab: Lab, seed: number | null, scene: RackView | null) {
  const start = seed === null ? startingState(lab) : startingState(lab, seed);
  return { variant: start.lab, start: start.settings, startView: scene ?? start.view };
}

/** A replay of the current answer, or why it could not be made (never throws). */
function replay(context: WorkbenchContext): Report | string {
  try {
    return context.seed === null ? grade(context.lab, context.answer) : grade(context.lab, context.answer, context.seed);
  } catch (error) {
    return `The replay failed: ${(error as Error).message}. Undo your last change or start again.`;
  }
}

/** The draft to save for the current context. */
export function draftOf(context: Pick<WorkbenchContext, 'seed' | 'answer'>): LabDraft {
  return makeDraft(context.seed ?? 0, context.answer);
}

const changed = (context: WorkbenchContext, answer: Answer) => ({ answer, revision: context.revision + 1, refusal: null });

/** The lab workbench (see the file comment). */
export const workbenchMachine = setup({
  types: {
    context: {} as WorkbenchContext,
    events: {} as WorkbenchEvent,
    input: {} as WorkbenchInput,
  },
  actions: {
    /** Side effect: store `draftOf(context)` (the island: saveLabDraft). */
    saveDraft: () => {},
    /** Side effect: record a graded run (the island: recordLabResult); null when grading failed. */
    recordResult: (_, _params: { graded: { report: Report; at: string } | null }) => {},
    /** Side effect: keep an unreadable saved draft somewhere it is not overwritten. */
    keepDraftAside: (_, _params: { draft: unknown }) => {},
  },
}).createMachine({
  id: 'workbench',
  context: ({ input }) => ({
    lab: input.lab,
    seed: null,
    learnerId: null,
    scene: input.scene ?? null,
    ...fresh(input.lab, null, input.scene ?? null),
    answer: {},
    revision: 0,
    report: null,
    reportRevision: -1,
    graded: null,
    ownRequests: [],
    notice: null,
    refusal: null,
  }),
  initial: 'loading',
  states: {
    loading: {
      on: {
        'workbench.opened': {
          target: 'ready',
          actions: [
            assign(({ context, event }) => {
              const reading = readDraft(event.draft, context.lab);
              const seed = reading.kind === 'ok' ? reading.draft.seed : event.learnerSeed;
              const notice =
                reading.kind === 'corrupt'
                  ? `Your saved work on this lab could not be read (${reading.reason}), so the lab starts from the beginning. The unreadable copy was kept aside; nothing else was changed.`
                  : null;
              return {
                seed,
                learnerId: event.learnerId,
                ...fresh(context.lab, seed, context.scene),
                answer: reading.kind === 'ok' ? reading.draft.answer : {},
                notice,
              };
            }),
            {
              type: 'keepDraftAside',
              params: ({ context, event }) => ({ draft: context.notice === null ? undefined : event.draft }),
            },
          ],
        },
      },
    },
    ready: {
      on: {
        'setting.changed': [
          {
            guard: ({ context, event }) => editablePaths(context.variant).has(event.path),
            actions: [assign(({ context, event }) => changed(context, withSetting(context.answer, context.start, event.path, event.value))), 'saveDraft'],
          },
          {
            actions: assign(({ event }) => ({
              refusal: { path: event.path, message: `${capitalised(SETTING_LABELS[event.path])} cannot be changed in this lab: it is shown for reference only.` },
            })),
          },
        ],
        'action.added': [
          {
            guard: ({ context, event }) => context.variant.actions.includes(event.action),
            actions: [assign(({ context, event }) => changed(context, withActionAdded(context.answer, event.action))), 'saveDraft'],
          },
          { actions: assign(() => ({ refusal: { path: 'actions', message: 'This lab does not offer that action: use the ones listed under Actions.' } })) },
        ],
        'action.removed': {
          actions: [assign(({ context, event }) => changed(context, withActionRemoved(context.answer, event.index))), 'saveDraft'],
        },
        'question.answered': {
          guard: ({ context, event }) => context.variant.objectives.some((o) => o.kind === 'question' && o.id === event.id),
          actions: [assign(({ context, event }) => changed(context, withQuestionAnswer(context.answer, event.id, event.value))), 'saveDraft'],
        },
        'hint.revealed': {
          guard: ({ context }) => (context.answer.hintsUsed ?? []).length < context.variant.hints.length,
          actions: [assign(({ context }) => changed(context, withNextHint(context.variant, context.answer))), 'saveDraft'],
        },
        'run.requested': {
          actions: assign(({ context }) => {
            const report = replay(context);
            if (typeof report === 'string') return { refusal: { path: 'run', message: report } };
            return { report, reportRevision: context.revision, refusal: null };
          }),
        },
        'grade.requested': {
          actions: [
            assign(({ context, event }) => {
              const report = replay(context);
              if (typeof report === 'string') return { refusal: { path: 'grade', message: report } };
              return { report, reportRevision: context.revision, graded: { report, at: event.at }, refusal: null };
            }),
            {
              type: 'recordResult',
              params: ({ context, event }) => ({ graded: context.graded?.at === event.at ? context.graded : null }),
            },
          ],
        },
        'request.sent': {
          actions: assign(({ context, event }) => {
            let entry: TimelineEntry;
            try {
              entry = sendOwnRequest(context.lab, context.seed, context.answer, event.request, event.label);
            } catch (error) {
              return { refusal: { path: 'request', message: `The request could not be sent: ${(error as Error).message}.` } };
            }
            const seq = (context.ownRequests[0]?.seq ?? 0) + 1;
            // Newest first, and only the last ten: this is a scratch pad, not a log.
            return { ownRequests: [{ seq, entry }, ...context.ownRequests].slice(0, 10), refusal: null };
          }),
        },
        'answer.reset': {
          // Opened hints stay opened: starting again must not make a hint free.
          actions: [
            assign(({ context }) => {
              const hintsUsed = context.answer.hintsUsed;
              return { ...changed(context, hintsUsed ? { hintsUsed } : {}), report: null, graded: null, ownRequests: [] };
            }),
            'saveDraft',
          ],
        },
        'draft.replaced': {
          // Not saved again (it is what is stored); an unreadable one leaves this tab's work as it is.
          actions: assign(({ context, event }) => {
            const reading = readDraft(event.draft, context.lab);
            if (reading.kind !== 'ok') {
              const reason = reading.kind === 'corrupt' ? reading.reason : 'there is none';
              return { notice: `The other tab's work on this lab could not be used (${reason}); your work here is unchanged.` };
            }
            return {
              seed: reading.draft.seed,
              ...fresh(context.lab, reading.draft.seed, context.scene),
              answer: reading.draft.answer,
              revision: context.revision + 1,
              report: null,
              graded: null,
              ownRequests: [],
              refusal: null,
            };
          }),
        },
        'notice.dismissed': { actions: assign({ notice: null }) },
      },
    },
  },
});
