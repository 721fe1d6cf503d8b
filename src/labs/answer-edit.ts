/**
 * Editing a learner's lab answer (machines/grading/lab.ts Answer) one change at a time, as the
 * workbench's panels do. An answer holds only what differs from the lab's starting settings:
 * setting a value back to where it started removes the change, so the draft stays small and
 * "what did I change?" has an honest answer.
 *
 * Pure: every function returns a new answer and never mutates its input.
 */
import { deepEqual, type SettingsDocument, valueAt } from '../../machines/grading/grader.ts';
import {
  type Answer,
  type Hint,
  type LabBody,
  type LearnerAction,
  type QuestionAnswer,
  SETTING_PATHS,
  type SettingPath,
  settingPathsUnder,
} from '../../machines/grading/lab.ts';
import { SETTING_LABELS, stateLabel } from '../../machines/grading/setting-labels.ts';
import { counted } from '../../machines/model.ts';

/** Whether a text is one of the finest setting paths (SETTING_PATHS). */
export function isSettingPath(path: string): path is SettingPath {
  return (SETTING_PATHS as readonly string[]).includes(path);
}

/** The finest setting paths a lab lets the learner change (its `editable` entries expanded). */
export function editablePaths(lab: Pick<LabBody, 'editable'>): Set<SettingPath> {
  return new Set(lab.editable.flatMap(settingPathsUnder));
}

/**
 * Answer settings with every parent entry ("eip.filter": { enabled, rules }) split into its
 * finest paths, so each setting has exactly one key. A finest entry wins over a parent's part.
 * Entries that name no setting are kept as they are (the grader reports them).
 */
export function leafSettings(settings: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(settings)) {
    if (isSettingPath(path)) continue;
    const leaves = settingPathsUnder(path);
    if (leaves.length === 0) {
      out[path] = value;
      continue;
    }
    for (const leaf of leaves) {
      const part = valueAt(value, leaf.slice(path.length + 1));
      if (part !== undefined) out[leaf] = part;
    }
  }
  for (const [path, value] of Object.entries(settings)) if (isSettingPath(path)) out[path] = value;
  return out;
}

/** The value a setting has for the learner: their change, else the value the lab starts with. */
export function settingValue(start: SettingsDocument, answer: Answer, path: SettingPath): unknown {
  const settings = answer.settings ?? {};
  if (path in settings) return settings[path];
  for (const [key, value] of Object.entries(settings)) {
    if (path.startsWith(`${key}.`)) {
      const part = valueAt(value, path.slice(key.length + 1));
      if (part !== undefined) return part;
    }
  }
  return valueAt(start, path);
}

function withSettings(answer: Answer, settings: Record<string, unknown>): Answer {
  const { settings: _old, ...rest } = answer;
  return Object.keys(settings).length > 0 ? { ...rest, settings } : rest;
}

/**
 * The answer with one setting changed. A value equal to the starting one removes the change;
 * values are copied (JSON) so later edits of the caller's object cannot reach the answer.
 */
export function withSetting(answer: Answer, start: SettingsDocument, path: SettingPath, value: unknown): Answer {
  const settings = leafSettings(answer.settings ?? {});
  if (deepEqual(valueAt(start, path), value)) delete settings[path];
  else settings[path] = value === undefined ? null : JSON.parse(JSON.stringify(value));
  return withSettings(answer, settings);
}

/**
 * What the learner changed, as the settings' status line says it: "You changed 2 settings: the IP
 * packet filter, the IP packet filter rules." — labels, never paths.
 */
export function changedSettingsText(answer: Answer): string {
  const changes = changedPaths(answer);
  if (changes.length === 0) return 'You have not changed anything yet.';
  const labels = changes.map((p) => (isSettingPath(p) ? SETTING_LABELS[p] : stateLabel(p)));
  return `You changed ${counted(changes.length, 'setting')}: ${labels.join(', ')}.`;
}

/** The setting paths the answer changes (finest paths), sorted. */
export function changedPaths(answer: Answer): string[] {
  return Object.keys(leafSettings(answer.settings ?? {})).sort();
}

/** The answer with an action appended (actions happen in the order listed). */
export function withActionAdded(answer: Answer, action: LearnerAction): Answer {
  return { ...answer, actions: [...(answer.actions ?? []), action] };
}

/** The answer without the action at `index`; an index out of range changes nothing. */
export function withActionRemoved(answer: Answer, index: number): Answer {
  const actions = answer.actions ?? [];
  if (index < 0 || index >= actions.length) return answer;
  const next = actions.filter((_, i) => i !== index);
  const { actions: _old, ...rest } = answer;
  return next.length > 0 ? { ...rest, actions: next } : rest;
}

/** The answer with a question answered; an empty answer (blank text, no option) removes it. */
export function withQuestionAnswer(answer: Answer, id: string, value: QuestionAnswer): Answer {
  const answers = { ...(answer.answers ?? {}) };
  const empty = Array.isArray(value) ? value.length === 0 : value.trim() === '';
  if (empty) delete answers[id];
  else answers[id] = Array.isArray(value) ? [...value] : value;
  const { answers: _old, ...rest } = answer;
  return Object.keys(answers).length > 0 ? { ...rest, answers } : rest;
}

/** The lab's hints the learner has opened, in the lab's order. */
export function openedHints(lab: Pick<LabBody, 'hints'>, answer: Answer): Hint[] {
  const used = new Set(answer.hintsUsed ?? []);
  return lab.hints.filter((h) => used.has(h.id));
}

/** The next hint to open (hints open one by one, gentle first), or undefined when all are open. */
export function nextHint(lab: Pick<LabBody, 'hints'>, answer: Answer): Hint | undefined {
  const used = new Set(answer.hintsUsed ?? []);
  return lab.hints.find((h) => !used.has(h.id));
}

/** The answer with the next hint opened; unchanged when every hint is already open. */
export function withNextHint(lab: Pick<LabBody, 'hints'>, answer: Answer): Answer {
  const hint = nextHint(lab, answer);
  if (!hint) return answer;
  return { ...answer, hintsUsed: [...(answer.hintsUsed ?? []), hint.id] };
}

/** Points the opened hints cost. */
export function hintPenalty(lab: Pick<LabBody, 'hints'>, answer: Answer): number {
  return openedHints(lab, answer).reduce((sum, h) => sum + h.cost, 0);
}
