/**
 * The browser's view of a lab used as a performance item: what a candidate needs to configure
 * the rack (the briefing, the plant, what they may change, the settings as they find them, the
 * questions) and nothing the grader uses to judge it — no objectives' checks or expected answers,
 * no traffic expectations, no hints, no mutations. Built by listing what is kept (a whitelist),
 * so a field added to labs later stays on the server until someone decides it may travel.
 */
import { startingState, type SettingsDocument } from '../../../machines/grading/grader.ts';
import type { Lab, LearnerAction, PlantNode } from '../../../machines/grading/lab.ts';
import type { RackView } from '../../../machines/request-path/request-path.ts';

/** A question of the lab as the candidate sees it. */
export interface PublicLabQuestion {
  /** The lab's question id: the answer is stored under it (`answers[id]`). */
  id: string;
  prompt: string;
  /** How the answer is typed (text, an address, one or several of the options…). */
  format: string;
  options?: { id: string; text: string }[];
}

/** A lab without its key, in the candidate's variant. */
export interface PublicLab {
  title: string;
  /** The situation, in Markdown, with the variant's addresses and names filled in. */
  briefing: string;
  /** The plant's nodes: name, description, address, FINS node or local port. */
  network: PlantNode[];
  /** The node the candidate works from. */
  workstation: string;
  /** Setting paths the candidate may change. */
  editable: string[];
  /** Actions the candidate may take (transfer the program, Set Password, …). */
  actions: LearnerAction[];
  /** The briefing's requirements, as text. */
  requirements: string[];
  /** Questions to answer from what the candidate sees. */
  questions: PublicLabQuestion[];
  /** The settings as the candidate finds them: the document their answer changes. */
  settings: SettingsDocument;
  /**
   * The main rack as the candidate finds it, after the lab's history: the evidence the
   * workbench shows (operation log, Auxiliary Area words, clock, protection in force). It is
   * the scenario, not the key: forensic questions are answered from it.
   */
  rack: RackView;
}

/** The candidate's view of `lab` in the variant for `seed`. */
export function publicLab(lab: Lab, seed: number): PublicLab {
  const start = startingState(lab, seed);
  const variant = start.lab;
  return {
    title: variant.title,
    briefing: variant.briefing,
    network: variant.network.map((n) => ({ ...n })),
    workstation: variant.workstation,
    editable: [...variant.editable],
    actions: [...variant.actions],
    requirements: variant.requirements.map((r) => r.text),
    questions: variant.objectives.flatMap((o) =>
      o.kind === 'question' ? [{ id: o.id, prompt: o.prompt, format: o.format, ...(o.options ? { options: o.options.map((opt) => ({ id: opt.id, text: opt.text })) } : {}) }] : [],
    ),
    settings: start.settings,
    rack: start.view,
  };
}
