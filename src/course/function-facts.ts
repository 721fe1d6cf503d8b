/**
 * The "what it protects" panel of a function lesson (src/blocks/FunctionFacts.astro): the
 * function's layer, purpose and STRIDE marks (machines/catalog/threats.ts) and which CPU models offer it
 * (machines/catalog/catalog.ts, §1-5), plus the same facts as prose for the lessons' sentences. This
 * module only shapes that data for display, so a lesson never retypes a mark or a model list.
 */
import { AVAILABILITY, type Availability, CPU_MODEL_IDS, CPU_MODELS } from '../../machines/catalog/catalog.ts';
import type { FunctionId } from '../../machines/model.ts';
import { FUNCTIONS, STRIDE, STRIDE_NAMES, type StrideLetter } from '../../machines/catalog/threats.ts';
import { LAYER_LABELS } from '../widgets/ThreatExplorerWidget/threat-view.ts';

/** One threat the function's table marks. */
export interface ThreatMark {
  letter: StrideLetter;
  name: string;
  /** Where the glossary explains it ("/lessons/20-glossary/#tampering"). */
  glossaryHref: string;
}

/** The CPU models grouped by what table §1-5 says about one function. */
export interface ModelGroups {
  /** Models that offer it on their own. */
  cpuOnly: string[];
  /** Models that offer it only with an EIP21S mounted. */
  withEip21s: string[];
  /** Models that do not offer it. */
  none: string[];
  /** Models the tables say nothing about (every model, for the overwrite time). */
  notStated: string[];
}

/** Everything the facts panel of a function lesson shows. */
export interface FunctionFacts {
  id: FunctionId;
  title: string;
  /** "§2-5-1". */
  section: string;
  /** "Asset layer". */
  layerLabel: string;
  /** The §1-3 purpose column, e.g. "Protecting data". */
  purpose: string;
  /** Marked threats in STRIDE order; empty when `threatsStated` is false. */
  threats: ThreatMark[];
  /** False when the function's section has no threat table. */
  threatsStated: boolean;
  /** The models, by availability, as labels ("CJ2H", "CP1E"). */
  models: ModelGroups;
  /** One sentence on where the function lives, computed from the groups. */
  availabilitySentence: string;
}

const GLOSSARY = '/lessons/20-glossary/';

function glossaryAnchor(name: string): string {
  return `${GLOSSARY}#${name.toLowerCase().replace(/\s+/g, '-')}`;
}

/** Joins labels as prose: "A", "A and B", "A, B and C". */
export function joinWords(items: readonly string[]): string {
  if (items.length < 2) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function groupModels(fn: FunctionId): ModelGroups {
  const groups: ModelGroups = { cpuOnly: [], withEip21s: [], none: [], notStated: [] };
  const key: Record<Availability, keyof ModelGroups> = {
    'cpu-only': 'cpuOnly',
    'with-eip21s': 'withEip21s',
    none: 'none',
    'not-stated': 'notStated',
  };
  for (const model of CPU_MODEL_IDS) groups[key[AVAILABILITY[model][fn]]].push(CPU_MODELS[model].label);
  return groups;
}

function sentenceFor(groups: ModelGroups): string {
  if (groups.notStated.length === CPU_MODEL_IDS.length) {
    return 'The §1-5 tables have no row for this function, so the guideline does not say which CPU models offer it.';
  }
  const parts: string[] = [];
  if (groups.cpuOnly.length === CPU_MODEL_IDS.length) {
    parts.push('Every CS, CJ and CP CPU Unit offers it on its own, without an EtherNet/IP unit.');
  } else if (groups.cpuOnly.length > 0) {
    parts.push(`Built into the CPU Unit on the ${joinWords(groups.cpuOnly)}; no extra unit is needed.`);
  }
  if (groups.withEip21s.length > 0) parts.push(`Needs an EIP21S on the ${joinWords(groups.withEip21s)}.`);
  if (groups.none.length > 0) parts.push(`Not available on the ${joinWords(groups.none)}.`);
  return parts.join(' ');
}

/** The facts panel for one function, straight from the machines' data. */
export function functionFacts(id: FunctionId): FunctionFacts {
  const info = FUNCTIONS[id];
  if (!info) throw new Error(`functionFacts: "${String(id)}" is not a function id; use one of machines/model.ts FUNCTION_IDS.`);
  const stride = info.stride;
  const threats =
    stride === 'not-stated'
      ? []
      : STRIDE.filter((l) => stride[l]).map((letter) => ({
          letter,
          name: STRIDE_NAMES[letter],
          glossaryHref: glossaryAnchor(STRIDE_NAMES[letter]),
        }));
  const models = groupModels(id);
  return {
    id,
    title: info.title,
    section: info.section,
    layerLabel: LAYER_LABELS[info.layer],
    purpose: info.purpose,
    threats,
    threatsStated: stride !== 'not-stated',
    models,
    availabilitySentence: sentenceFor(models),
  };
}

/** The threats a function's table marks, as prose: "tampering and information disclosure". */
export function threatWords(id: FunctionId): string {
  return joinWords(functionFacts(id).threats.map((t) => t.name.toLowerCase()));
}

/** The CPU models that lack a function, as prose ("CP1E and CP2E"); empty when none lacks it. */
export function modelsLacking(id: FunctionId): string {
  return joinWords(functionFacts(id).models.none);
}

/** The CPU models that offer a function on their own, as prose. */
export function modelsWithOnCpu(id: FunctionId): string {
  return joinWords(functionFacts(id).models.cpuOnly);
}
