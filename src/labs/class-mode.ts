/**
 * The workbench in a class (served course): what the island gets besides the stripped lab, the
 * server's report as the page shows it, and where the class draft is kept. In a class the browser
 * never grades for the record: "Submit for grading" posts the answer and shows the server's
 * report; hints are opened by the server, which records their cost (docs/assessment.md).
 */
import type { Answer } from '../../machines/grading/lab.ts';
import type { LabProgress } from '../progress/lab-progress.ts';
import { browserStorage } from '../progress/progress-storage.ts';

/** A hint as a class lab page carries it: its id and cost, never its words. */
export interface ClassHint {
  id: string;
  cost: number;
}

/** A hint the learner has opened (and paid for): the server sent its words. */
export interface OpenedClassHint extends ClassHint {
  text: string;
}

/** What the Workbench needs in class mode. */
export interface ClassMode {
  /** The class's name, for the page's words. */
  className: string;
  /** Every hint of the lab, in the lab's order (gentle first), without its words. */
  hints: ClassHint[];
  /** The hints this learner already opened, with the words the server gave them. */
  opened: OpenedClassHint[];
  /** Where the answer is posted: /api/class/labs/<labId>/submit. */
  submitUrl: string;
  /** Where a hint is asked for: this plus "/<hintId>". */
  hintsUrl: string;
}

/** One objective of the server's report. */
export interface ServerObjective {
  id: string;
  title: string;
  passed: boolean;
  earned: number;
  points: number;
  reason: string;
}

/** The server's grade of a submitted answer (POST …/submit, status 201). */
export interface ServerReport {
  score: number;
  max: number;
  passed: boolean;
  hints: { used: string[]; penalty: number };
  objectives: ServerObjective[];
  notes: string[];
}

/** What the learner submits: the answer without the hints (the server knows which it revealed). */
export function submittedAnswer(answer: Answer): Answer {
  const { hintsUsed: _hints, ...rest } = answer;
  return rest;
}

/**
 * The refusal's words from a route's error body ({ problems: [{ field, message }] }): the message
 * only, since learners read words, not field names; else a general line with the status.
 */
export async function refusalText(response: Response): Promise<string> {
  const body: unknown = await response.json().catch(() => undefined);
  const problems = typeof body === 'object' && body !== null && 'problems' in body && Array.isArray(body.problems) ? body.problems : [];
  const first: unknown = problems[0];
  const message = typeof first === 'object' && first !== null && 'message' in first ? first.message : undefined;
  if (typeof message === 'string') return `The server refused it: ${message}.`;
  return `The server could not take it (status ${response.status}). Try again in a moment.`;
}

/** Prefix of the keys under which class lab drafts are kept, apart from the practice labs' progress. */
export const CLASS_DRAFT_PREFIX = 'pdl.class-lab-draft.';

/**
 * Where a class lab's draft lives in the browser: its own key, so practice work on the same lab
 * and class work never overwrite each other. Results are not recorded here: the server keeps them.
 */
export function classLabProgress(): LabProgress {
  const storage = browserStorage();
  const read = (key: string): unknown => {
    const text = storage?.getItem(key);
    if (!text) return undefined;
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  };
  const write = (key: string, value: unknown): boolean => {
    try {
      storage?.setItem(key, JSON.stringify(value));
      return storage !== undefined;
    } catch {
      return false;
    }
  };
  return {
    loadDraft: (labId) => read(CLASS_DRAFT_PREFIX + labId),
    saveDraft: (labId, draft) => write(CLASS_DRAFT_PREFIX + labId, draft),
    keepMine: (labId, draft) => void write(CLASS_DRAFT_PREFIX + labId, draft),
    keepTheirs: (labId) => read(CLASS_DRAFT_PREFIX + labId),
    onDraftConflict: () => {},
    recordResult: () => {},
    record: () => undefined,
    keepAside: (labId, draft) => write(`${CLASS_DRAFT_PREFIX}unreadable.${labId}`, draft),
  };
}
