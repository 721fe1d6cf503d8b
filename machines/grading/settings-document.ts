/**
 * The settings document a learner's answer edits (`Answer.settings` paths point into it), and
 * the comparison of an answer with it: which finest settings change, and what may not.
 */
import type { AnswerProblem } from './report.ts';
import { deepEqual, valueAt, clone } from './json-values.ts';
import { settingsOf } from '../eip/eip21s.machine.ts';
import { type Answer, type LabBody, type SettingPath, settingPathsUnder } from './lab.ts';
import { type CommUnitId, type CpuModelId, type EipSettings, pathText, type Program } from '../model.ts';
import { settingValueProblems } from './setting-values.ts';
import type { RackView } from '../request-path/request-path.ts';

// ─── The settings document the answer edits ───

/** The learner-editable settings as one document: what `Answer.settings` paths point into. */
export interface SettingsDocument {
  hardware: { cpu: CpuModelId; unit: CommUnitId | null };
  /** CPU settings; the read-protection fields and the program are the project's (pending). */
  cpu: Record<string, unknown>;
  /** EIP21S settings, or null without an EIP21S. */
  eip: EipSettings | null;
}

/** The settings document of a rack's view and the learner's project. */
export function settingsDocument(view: RackView, project: Program): SettingsDocument {
  const cpu = view.cpu;
  return {
    hardware: { cpu: cpu.model, unit: view.unit?.model ?? null },
    cpu: {
      ...clone(cpu.settings),
      umPassword: cpu.pendingProtection.umPassword,
      taskPasswords: { ...cpu.pendingProtection.taskPasswords },
      prohibitOverwrite: cpu.pendingProtection.prohibitOverwrite,
      program: clone(project),
    },
    eip: view.unit?.eip ? settingsOf(view.unit.eip) : null,
  };
}

/** The settings document a lab starts from, before any history (for the CLI and editors). */
export function startSettings(lab: LabBody): SettingsDocument {
  const unit = lab.rack.unit;
  return {
    hardware: { cpu: lab.rack.cpu.model, unit: unit?.model ?? null },
    cpu: clone(lab.rack.cpu.settings) as unknown as Record<string, unknown>,
    eip: unit?.settings ? clone(unit.settings) : null,
  };
}

/** A finest setting whose value the answer changes. */
export interface Change {
  path: SettingPath;
  value: unknown;
  /** The answer field it came from. */
  field: string;
}

/** The answer's changes at the finest grain, compared with `current`; problems for the rest. */
export function changesOf(lab: LabBody, answer: Answer, current: SettingsDocument): { changes: Change[]; problems: AnswerProblem[] } {
  const changes = new Map<SettingPath, Change>();
  const problems: AnswerProblem[] = [];
  const editable = new Set(lab.editable.flatMap(settingPathsUnder));
  for (const [path, value] of Object.entries(answer.settings ?? {})) {
    const field = `settings["${path}"]`;
    const leaves = settingPathsUnder(path);
    if (leaves.length === 0) {
      problems.push({ kind: 'unknown', field, message: `"${path}" is not a setting: use one of ${lab.editable.join(', ') || 'nothing (this lab has no settings to change)'}` });
      continue;
    }
    // The answer contract (setting-values.ts): a value of the wrong kind is named, never applied.
    const wrong = value === undefined ? [] : (settingValueProblems(path, value) ?? []);
    for (const p of wrong) problems.push({ kind: 'invalid', field: `${field}${pathText(p.path, true)}`, message: p.message });
    if (wrong.length > 0) continue;
    for (const leaf of leaves) {
      const sub = leaf === path ? value : valueAt(value, leaf.slice(path.length + 1));
      if (sub === undefined) continue;
      const before = valueAt(current, leaf);
      if (deepEqual(before, sub)) {
        // A later key that puts a setting back (e.g. "eip.ports.ftpServer" after "eip.ports") wins.
        changes.delete(leaf);
        continue;
      }
      if (!editable.has(leaf)) {
        problems.push({
          kind: 'locked',
          field,
          message: `${leaf} is locked in this lab and cannot be changed${lab.editable.length ? `; you may change: ${lab.editable.join(', ')}` : ''}`,
        });
        continue;
      }
      changes.set(leaf, { path: leaf, value: sub, field });
    }
  }
  return { changes: [...changes.values()], problems };
}

/**
 * Checks an answer against a lab without replaying it: only editable settings changed (compared
 * with `current`, the lab's starting settings unless given), values of the right type, actions
 * the lab offers, questions and hints that exist. The same check runs inside `grade`.
 */
export function checkAnswer(lab: LabBody, answer: Answer, current: SettingsDocument = startSettings(lab)): AnswerProblem[] {
  const { problems } = changesOf(lab, answer, current);
  for (const [i, action] of (answer.actions ?? []).entries()) {
    if (!lab.actions.includes(action)) {
      problems.push({
        kind: 'locked',
        field: `actions[${i}]`,
        message: `this lab does not let you ${action}${lab.actions.length ? `; available: ${lab.actions.join(', ')}` : ' (it offers no actions)'}`,
      });
    }
  }
  const questions = lab.objectives.filter((o) => o.kind === 'question').map((o) => o.id);
  for (const id of Object.keys(answer.answers ?? {})) {
    if (!questions.includes(id)) {
      problems.push({ kind: 'unknown', field: `answers["${id}"]`, message: `no question "${id}" in this lab${questions.length ? `: the questions are ${questions.join(', ')}` : ' (it asks none)'}` });
    }
  }
  for (const id of answer.hintsUsed ?? []) {
    if (!lab.hints.some((h) => h.id === id)) {
      problems.push({ kind: 'unknown', field: 'hintsUsed', message: `no hint "${id}" in this lab: the hints are ${lab.hints.map((h) => h.id).join(', ') || 'none'}` });
    }
  }
  return problems;
}
