import { useActorRef, useSelector } from '@xstate/react';
import { type ComponentType, useCallback, useEffect, useId, useLayoutEffect, useMemo, useState } from 'react';
import { createPortal } from 'react-dom';
import type { Lab, SettingPath } from '../../machines/grading/lab.ts';
import { drawValues } from '../../machines/grading/variants.ts';
import { changedSettingsText, editablePaths } from './answer-edit.ts';
import { browserLabProgress, type LabProgress } from '../progress/lab-progress.ts';
import { learnerIdentity, seedFor } from './learner.ts';
import { currentSetting, hasEipNow, type PanelId, workbenchPanels } from './panels.ts';
import { labStatus, reportForProgress } from './results.ts';
import { draftOf, workbenchMachine } from './workbench.machine.ts';
import { browserStorage } from '../progress/progress-storage.ts';
import ActionsPanel from './ActionsPanel.tsx';
import ClassGradePanel from './ClassGradePanel.tsx';
import ClassHintsPanel from './ClassHintsPanel.tsx';
import { type ClassMode, classLabProgress, type ServerReport } from './class-mode.ts';
import type { ExamMode } from './exam-mode.ts';
import Briefing, { fillPlaceholders } from './Briefing.tsx';
import EvidencePanel from './EvidencePanel.tsx';
import GradePanel from './GradePanel.tsx';
import HintsPanel from './HintsPanel.tsx';
import OwnRequestPanel from './OwnRequestPanel.tsx';
import ClockPanel from './panels/ClockPanel.tsx';
import DipPanel from './panels/DipPanel.tsx';
import FilterPanel from './panels/FilterPanel.tsx';
import FinsPanel from './panels/FinsPanel.tsx';
import HardwarePanel from './panels/HardwarePanel.tsx';
import LotGuardPanel from './panels/LotGuardPanel.tsx';
import ModePanel from './panels/ModePanel.tsx';
import PlcNamePanel from './panels/PlcNamePanel.tsx';
import PortsPanel from './panels/PortsPanel.tsx';
import ProtectionPanel from './panels/ProtectionPanel.tsx';
import UsersPanel from './panels/UsersPanel.tsx';
import QuestionsPanel from './QuestionsPanel.tsx';
import RunPanel from './RunPanel.tsx';
import { type WorkbenchApi, WorkbenchApiContext } from './workbench-api.ts';
import './workbench.css';

const PANELS: Record<PanelId, ComponentType> = {
  hardware: HardwarePanel,
  filter: FilterPanel,
  ports: PortsPanel,
  users: UsersPanel,
  plcName: PlcNamePanel,
  protection: ProtectionPanel,
  dip: DipPanel,
  fins: FinsPanel,
  lotGuard: LotGuardPanel,
  mode: ModePanel,
  clock: ClockPanel,
};

/** Props of the Workbench island. */
export interface WorkbenchProps {
  /** The lab as the labs collection holds it (default variant, with variables and slots). */
  lab: Lab;
  /** Lesson pages by lesson id, for "Review" links (only lessons that exist). */
  lessons: Record<string, { title: string; href: string }>;
  /** Where drafts and results are kept; the browser's progress document unless given. */
  progress?: LabProgress;
  /**
   * Set on a class lab page (served course): the lab comes without its key, hints are opened by
   * the server and the answer is graded there (src/labs/class-mode.ts). Absent on practice pages.
   */
  classMode?: ClassMode;
  /**
   * Set on an exam page for a performance item (served course): the lab is the item's keyless
   * view, `progress` is the item's answer field, and nothing is graded, scored or hinted in the
   * browser (src/labs/exam-mode.ts). Absent elsewhere.
   */
  examMode?: ExamMode;
  /**
   * The id of the page's element that already shows the briefing, objectives and plant network as
   * static HTML (a practice lab page renders them beside the workbench, with no JavaScript): the
   * island then leaves them out, puts this learner's variant values into that element's marked
   * placeholders, and shows the current score in its `[data-lab-score]` element.
   */
  pageBriefing?: string;
}

/** The score beside the workbench (a lab page's side column): the latest grade and the best so far. */
function SideScore({ report, best }: { report: { score: number; max: number; passed: boolean } | undefined; best: string }) {
  if (!report && !best) return null;
  return (
    <div data-live>
      {report && (
        <p className="lab-side-latest">
          Latest grade: <strong>{report.score}</strong> of {report.max} — <strong>{report.passed ? 'passed' : 'not passed yet'}</strong>.
        </p>
      )}
      {best && <p>{best}</p>}
    </div>
  );
}

/**
 * The lab workbench: the briefing and network for this learner's variant, settings panels
 * mirroring the real tools (only what the lab allows is editable), actions, questions, the
 * traffic replay as a timeline, requests of the learner's own, hints and grading. State lives in
 * workbenchMachine (src/labs/); this island selects from it and sends its events, and
 * provides the two side effects: saving the draft on every change, recording graded results.
 */
export default function Workbench({ lab, lessons, progress: given, classMode, examMode, pageBriefing }: WorkbenchProps) {
  // A class lab's draft is kept apart from the practice labs' progress, and its results on the server;
  // an exam item's answer lives in its answer field, which the exam page saves on the server.
  const inClass = classMode !== undefined;
  const progress = useMemo(() => given ?? (inClass ? classLabProgress() : browserLabProgress()), [given, inClass]);
  const exam = examMode !== undefined;
  const uid = useId();
  const idFor = useCallback((name: string) => `${uid}-${name}`, [uid]);
  const machine = useMemo(
    () =>
      workbenchMachine.provide({
        actions: {
          saveDraft: ({ context }) => void progress.saveDraft(lab.id, draftOf(context)),
          recordResult: (_, { graded }) => {
            if (graded) progress.recordResult(lab.id, reportForProgress(graded.report, graded.at));
          },
          keepDraftAside: (_, { draft }) => {
            if (draft !== undefined) progress.keepAside(lab.id, draft);
          },
        },
      }),
    [lab.id, progress],
  );
  const actor = useActorRef(machine, { input: examMode ? { lab, scene: examMode.scene } : { lab } });
  const state = useSelector(actor, (s) => s.context);
  const ready = useSelector(actor, (s) => s.matches('ready'));
  const [confirmReset, setConfirmReset] = useState(false);
  // Another tab saved different work on this lab: nothing is saved here until the learner chooses.
  const [conflict, setConflict] = useState(false);
  useEffect(() => progress.onDraftConflict(lab.id, () => setConflict(true)), [lab.id, progress]);

  useEffect(() => {
    // An exam item's variant was drawn by the server and is already filled in: no learner seed.
    if (exam) {
      actor.send({ type: 'workbench.opened', learnerId: 'exam', learnerSeed: 0, draft: progress.loadDraft(lab.id) });
      return;
    }
    const identity = learnerIdentity(browserStorage(), () => crypto.getRandomValues(new Uint8Array(6)));
    actor.send({ type: 'workbench.opened', learnerId: identity.id, learnerSeed: seedFor(identity.id, lab.id), draft: progress.loadDraft(lab.id) });
  }, [actor, lab.id, progress, exam]);

  // The best score shown is the progress document's, so it also counts runs from earlier visits
  // (read once the browser's copy is open, and again after each grade).
  const gradedAt = state.graded?.at;
  const best = useMemo(
    () => (ready ? labStatus(progress.record(lab.id)).best.replace(/^Best/, gradedAt ? 'Best so far:' : 'Your best so far:') : ''),
    [ready, gradedAt, lab.id, progress],
  );

  // In a class the score is the server's: the grade it gave the last submission from this page.
  const [classReport, setClassReport] = useState<ServerReport | null>(null);

  // The page's static briefing shows the default variant until the learner's own is known.
  const [scoreSpot, setScoreSpot] = useState<Element | null>(null);
  const seed = state.seed;
  // A layout effect: the values change in the same frame as the controls come alive, never after.
  useLayoutEffect(() => {
    const element = pageBriefing ? document.getElementById(pageBriefing) : null;
    if (!element) return;
    if (seed !== null) fillPlaceholders(element, drawValues(lab.variables, seed));
    setScoreSpot(element.querySelector('[data-lab-score]'));
  }, [pageBriefing, lab.variables, seed]);

  const editable = useMemo(() => editablePaths(state.variant), [state.variant]);
  const value = useCallback((path: SettingPath) => currentSetting(state.start, state.answer, path), [state.start, state.answer]);
  const eipNow = hasEipNow(state.start, state.answer);
  const api: WorkbenchApi = useMemo(
    () => ({
      state,
      ready,
      send: actor.send,
      value,
      canEdit: (p) => editable.has(p) && (eipNow || !p.startsWith('eip.')),
      hasEip: eipNow,
      lessons,
      idFor,
      exam,
    }),
    [state, ready, actor, value, editable, lessons, eipNow, idFor, exam],
  );

  const hasEip = state.startView.unit?.eip != null;
  const panels = workbenchPanels(state.variant, hasEip);
  const primary = panels.filter((p) => p.primary);
  const others = panels.filter((p) => !p.primary);

  return (
    <WorkbenchApiContext.Provider value={api}>
      <div className="lab-workbench" data-ready={ready}>
        {state.notice && (
          <div className="widget-problem lab-notice" role="alert">
            <p>{state.notice}</p>
            <button type="button" className="button secondary" onClick={() => actor.send({ type: 'notice.dismissed' })}>
              Dismiss
            </button>
          </div>
        )}
        {conflict && (
          <div className="widget-problem lab-notice" role="status">
            <p>
              This lab was changed in another tab after you opened it here. Your changes in this tab are not being saved
              until you choose which work to keep.
            </p>
            <div className="lab-button-row">
              <button
                type="button"
                className="button"
                onClick={() => {
                  actor.send({ type: 'draft.replaced', draft: progress.keepTheirs(lab.id) });
                  setConflict(false);
                }}
              >
                Keep the other tab's work
              </button>
              <button
                type="button"
                className="button secondary"
                onClick={() => {
                  progress.keepMine(lab.id, draftOf(actor.getSnapshot().context));
                  setConflict(false);
                }}
              >
                Keep my work in this tab
              </button>
            </div>
          </div>
        )}
        <p className="lab-variant" data-seed={state.seed ?? ''}>
          {ready && exam ? (
            <>Your own variant of this task: addresses and names were drawn for your attempt by the exam server, which grades the same variant.</>
          ) : ready && classMode ? (
            <>
              Your own variant of this lab: addresses and names are drawn for you by the course server, which grades the same
              variant.
            </>
          ) : ready ? (
            <>
              Your variant of this lab: <strong>{state.seed}</strong> (learner id <code>{state.learnerId}</code>). Addresses and
              names are drawn for you; the grader uses the same variant.
            </>
          ) : (
            'Loading your variant and any saved work…'
          )}
        </p>
        {!pageBriefing && <Briefing />}
        {scoreSpot && createPortal(<SideScore report={classMode ? (classReport ?? undefined) : state.graded?.report} best={best} />, scoreSpot)}
        <EvidencePanel />
        <section className="lab-section" aria-labelledby={idFor('lab-settings')}>
          <h2 id={idFor('lab-settings')}>Settings</h2>
          <p role="status" className="lab-status">
            {changedSettingsText(state.answer)}{' '}
            {ready && (conflict ? 'Not saved: choose above which work to keep.' : exam ? 'Kept as your answer to this question.' : 'Saved in this browser.')}
          </p>
          {state.refusal && (
            <p className="error" role="alert">
              {state.refusal.message}
            </p>
          )}
          {primary.map((p) => {
            const Component = PANELS[p.id];
            return <Component key={p.id} />;
          })}
          {others.length > 0 && (
            <details className="lab-others">
              <summary>Other settings of the unit (read-only here)</summary>
              {others.map((p) => {
                const Component = PANELS[p.id];
                return <Component key={p.id} />;
              })}
            </details>
          )}
          <div className="lab-button-row">
            {!confirmReset ? (
              <button type="button" className="button secondary" disabled={!ready} onClick={() => setConfirmReset(true)}>
                {exam ? 'Start this question again…' : 'Start the lab again…'}
              </button>
            ) : (
              <>
                <span>{exam ? 'Undo every setting, action and answer of this question?' : 'Undo every setting, action and answer of this lab? (Hints you opened stay open.)'}</span>
                <button
                  type="button"
                  className="button danger"
                  onClick={() => {
                    actor.send({ type: 'answer.reset' });
                    setConfirmReset(false);
                  }}
                >
                  Yes, start again
                </button>
                <button type="button" className="button secondary" onClick={() => setConfirmReset(false)}>
                  Keep my work
                </button>
              </>
            )}
          </div>
        </section>
        <ActionsPanel />
        <QuestionsPanel />
        {/* In an exam nothing is replayed against the lab's traffic, hinted or graded in the browser: the server scores the answer after the submit. */}
        {!exam && <RunPanel />}
        <OwnRequestPanel />
        {exam ? null : classMode ? <ClassHintsPanel mode={classMode} /> : <HintsPanel />}
        {exam ? null : classMode ? <ClassGradePanel mode={classMode} onReport={setClassReport} /> : <GradePanel best={best} />}
      </div>
    </WorkbenchApiContext.Provider>
  );
}
