/**
 * A request's outcome in the words and shape the widgets show: one row per layer step (which
 * function answered, its verdict, the reason, the guideline section and the lesson teaching it),
 * and a one-line summary ("Blocked at IP packet filtering (§2-2-1)"). Reasons and sections come
 * from the request path unchanged; this module only names and links them.
 */
import { decodeEndCode } from '../../../machines/fins-codes.ts';
import { FUNCTION_IDS, type FunctionId, type Layer, type Outcome, type StepSource, type TraceStep, type Verdict } from '../../../machines/model.ts';
import { FUNCTIONS } from '../../../machines/threats.ts';

/** The lesson that teaches each function (lesson ids = content/lessons file names). */
export const LESSON_OF_FUNCTION: Readonly<Record<FunctionId, string>> = {
  'secure-comm': '05-secure-communications',
  'ip-filter': '06-ip-packet-filtering',
  ports: '07-ports',
  'user-auth': '08-user-authentication',
  'plc-name': '09-plc-names',
  'operation-authority': '10-operation-authority',
  'dip-switch': '11-dip-switch-write-protection',
  'read-protection': '12-read-protection',
  'fins-write-protection': '13-fins-write-protection',
  'lot-number': '14-lot-number-protection',
  'overwrite-time': '15-overwrite-time',
  'operation-log': '16-operation-log',
};

/** Titles of the trace's sources: the guideline's function titles, plus the unit's ordinary rules. */
export const SOURCE_TITLES: Readonly<Record<string, string>> = {
  ...Object.fromEntries(FUNCTION_IDS.map((id) => [id, FUNCTIONS[id].title])),
  route: 'Route to the CPU Unit',
  'operating-mode': 'Operating mode',
  command: 'Command and protocol',
};

/** The title of a trace step's source; the source id itself for one this module does not know yet. */
export function sourceTitle(source: StepSource): string {
  return SOURCE_TITLES[source] ?? source;
}

/** Layer names as the §1-3 table gives them. */
export const LAYER_LABELS: Readonly<Record<Layer, string>> = {
  network: 'Network layer',
  device: 'Device layer',
  function: 'Function layer',
  asset: 'Asset layer',
  common: 'Common to all layers',
};

/** How a verdict reads in a table cell. */
export const VERDICT_LABELS: Readonly<Record<Verdict, string>> = {
  pass: 'Passed',
  block: 'Blocked',
  'n/a': 'Not applicable',
};

function isFunctionId(source: StepSource): source is FunctionId {
  return (FUNCTION_IDS as readonly string[]).includes(source);
}

/**
 * The page that teaches a step's source: the function's lesson, lesson 4 for the route
 * (which units reach the CPU, §1-4), null for the operating mode (no lesson of its own).
 * `base` is the site's base path without a trailing slash ('' at the root).
 */
export function lessonHrefFor(source: StepSource, base = ''): string | null {
  if (isFunctionId(source)) return `${base}/lessons/${LESSON_OF_FUNCTION[source]}/`;
  if (source === 'route') return `${base}/lessons/04-what-your-hardware-offers/`;
  return null;
}

/** "0x2101 (area read-only…)": an end code as a trace cell shows it. */
export function endCodeText(endCode: number): string {
  const hex = `0x${endCode.toString(16).toUpperCase().padStart(4, '0')}`;
  const info = decodeEndCode(endCode);
  return `${hex} ${info.name}`;
}

/** One row of a trace table. */
export interface TraceRow {
  /** 1-based step number. */
  step: number;
  layer: Layer;
  layerLabel: string;
  source: StepSource;
  /** The function (or rule) that answered. */
  title: string;
  verdict: Verdict;
  verdictLabel: string;
  reason: string;
  section: string;
  /** The lesson page for the source, or null. */
  href: string | null;
  /** The FINS end code the refusal carries, as text; null when none. */
  endCode: string | null;
}

/** One row per step of the outcome's trace, in the order the layers were walked. */
export function traceRows(outcome: Outcome, base = ''): TraceRow[] {
  return outcome.trace.map((s: TraceStep, i) => ({
    step: i + 1,
    layer: s.layer,
    layerLabel: LAYER_LABELS[s.layer],
    source: s.source,
    title: sourceTitle(s.source),
    verdict: s.verdict,
    verdictLabel: VERDICT_LABELS[s.verdict],
    reason: s.reason,
    section: s.section,
    href: lessonHrefFor(s.source, base),
    endCode: s.endCode === undefined ? null : endCodeText(s.endCode),
  }));
}

/**
 * One line for the outcome: "Allowed: passed every layer." or "Blocked at IP packet filtering
 * (§2-2-1) — no response." / "… — refused with end code 0x2101 …".
 */
export function outcomeSummary(outcome: Outcome): string {
  if (outcome.allowed) {
    const checked = outcome.trace.filter((s) => s.verdict === 'pass').length;
    return `Allowed: passed every layer (${checked} checks said pass, the rest did not apply).`;
  }
  const step = outcome.blockedBy ?? outcome.trace.at(-1);
  if (!step) return 'Blocked before any layer was checked.';
  const where = `Blocked at ${titleInSentence(sourceTitle(step.source))} (${step.section})`;
  if (outcome.endCode === undefined) return `${where} — no response reaches the sender.`;
  return `${where} — refused with end code ${endCodeText(outcome.endCode)}.`;
}

/** A few words for lists of outcomes: "gets through", or "blocked at IP packet filtering (§2-2-1)". */
export function outcomeShort(outcome: Outcome): string {
  if (outcome.allowed) return 'gets through';
  const step = outcome.blockedBy ?? outcome.trace.at(-1);
  return step ? `blocked at ${titleInSentence(sourceTitle(step.source))} (${step.section})` : 'blocked';
}

/** A title mid-sentence: "IP packet filtering" stays, "Opening and closing the port" → "opening and closing the port". */
export function titleInSentence(title: string): string {
  return /^[A-Z][a-z]/.test(title) ? title.charAt(0).toLowerCase() + title.slice(1) : title;
}
