/**
 * The browser's view of a lab used as a performance item: what a candidate needs to configure
 * the rack (the briefing, the plant, what they may change, the settings as they find them, the
 * questions) and nothing the grader uses to judge it — no objectives' checks or expected answers,
 * no traffic expectations, no hints, no mutations. Built by listing what is kept (a whitelist),
 * so a field added to labs later stays on the server until someone decides it may travel.
 */
import { startingState, type SettingsDocument } from '../../../machines/grading/grader.ts';
import type { AnswerFormat, Lab, LearnerAction, OtherRack, PlantNode } from '../../../machines/grading/lab.ts';
import type { RackConfig } from '../../../machines/model.ts';
import type { RackView } from '../../../machines/request-path/request-path.ts';

/** A question of the lab as the candidate sees it. */
export interface PublicLabQuestion {
  /** The lab's question id: the answer is stored under it (`answers[id]`). */
  id: string;
  prompt: string;
  /** How the answer is typed (text, an address, one or several of the options…). */
  format: AnswerFormat;
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
  /**
   * The main rack as a configuration the exam workbench builds its simulator from, so the
   * candidate's own requests meet the rack they are configuring: the settings in force after the
   * lab's history, with the project's program (what a transfer sends). The history itself never
   * travels — its steps would tell a forensic question's answer outright (who, when, with which
   * password); only its effect on the settings does, which `settings` already shows.
   */
  plant: RackConfig;
  /** Further racks of the plant (a second CPU a copied program is loaded into), as the lab starts them. */
  otherRacks: OtherRack[];
}

/**
 * The scene as a rack configuration (see `PublicLab.plant`). ASSUMPTION: what a configuration
 * cannot carry — the operation log, the overwrite times, I/O memory written by the history, the
 * CPU's own copy of a program the history replaced — is left at the lab's start; the evidence
 * panels show it from `rack`, and own requests only show how the layers answer.
 */
function plantOf(lab: Lab, view: RackView): RackConfig {
  const eip = view.unit?.eip;
  const unit = lab.rack.unit;
  return {
    cpu: { model: view.cpu.model, lotNumber: view.cpu.lotNumber, clock: view.cpu.clock, settings: { ...view.cpu.settings, program: lab.rack.cpu.settings.program } },
    ...(unit
      ? {
          unit: eip
            ? {
                model: unit.model,
                settings: { ip: eip.ip, finsNode: eip.finsNode, users: [...eip.users], filter: { enabled: eip.filter.enabled, rules: [...eip.filter.rules] }, ports: { ...eip.ports }, snmpCommunity: eip.snmpCommunity, ftpLogin: { ...eip.ftpLogin } },
              }
            : unit,
        }
      : {}),
  };
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
    plant: structuredClone(plantOf(variant, start.view)),
    otherRacks: structuredClone(variant.otherRacks),
  };
}
