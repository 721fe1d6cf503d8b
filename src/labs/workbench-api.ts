import { createContext, useContext } from 'react';
import type { SettingPath } from '../../machines/grading/lab.ts';
import type { WorkbenchContext, WorkbenchEvent } from './workbench.machine.ts';

/** What every panel of the workbench needs: the state, the settings and a way to change them. */
export interface WorkbenchApi {
  /** The machine's context (see src/labs/workbench.machine.ts). */
  state: WorkbenchContext;
  /** False until the learner's variant and draft are loaded: controls stay disabled. */
  ready: boolean;
  send: (event: WorkbenchEvent) => void;
  /** A setting's current value (the learner's change, else the start). */
  value: (path: SettingPath) => unknown;
  /** Whether the lab lets the learner change the setting (EIP21S settings only while the rack has one). */
  canEdit: (path: SettingPath) => boolean;
  /** Whether the rack, as the learner has it now, has an EIP21S. */
  hasEip: boolean;
  /** Lesson pages by lesson id (only lessons that exist). */
  lessons: Readonly<Record<string, { title: string; href: string }>>;
  /**
   * The page-unique id of one of the workbench's own elements ("lab-settings" → an id no other
   * workbench on the page has): an exam page may hold several workbenches.
   */
  idFor: (name: string) => string;
  /** Exam mode (src/labs/exam-mode.ts): nothing graded, scored or hinted is shown. */
  exam: boolean;
}

/** What an EIP21S panel says while the rack has no EIP21S. */
export const NO_EIP_TEXT = 'This rack has no EIP21S (the chosen unit has no security functions): choose one under Hardware to use these settings.';

/** The workbench's API for its panels (provided by Workbench). */
export const WorkbenchApiContext = createContext<WorkbenchApi | null>(null);

/** The workbench's API; panels are only rendered inside the Workbench. */
export function useWorkbench(): WorkbenchApi {
  const api = useContext(WorkbenchApiContext);
  if (!api) throw new Error('useWorkbench: render panels inside the Workbench');
  return api;
}
