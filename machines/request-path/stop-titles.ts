/**
 * What each stop of the request path is called where a learner reads it: the guideline's
 * function titles, plus the unit's ordinary rules. Written once here; the traces, the lab
 * timeline and the grader's reasons all name a stop through these.
 */
import { FUNCTIONS } from '../catalog/threats.ts';
import { FUNCTION_IDS, type StepSource, type TraceStep, type UNIT_RULE_SOURCES } from '../model.ts';

/** Titles of the trace's sources: the guideline's function titles, plus the unit's ordinary rules. */
export const SOURCE_TITLES: Readonly<Record<StepSource, string>> = {
  ...(Object.fromEntries(FUNCTION_IDS.map((id) => [id, FUNCTIONS[id].title])) as Record<(typeof FUNCTION_IDS)[number], string>),
  ...({
    route: 'Route to the CPU Unit',
    'operating-mode': 'Operating mode',
    command: 'Command and protocol',
    'ftp-login': 'FTP login',
  } satisfies Record<(typeof UNIT_RULE_SOURCES)[number], string>),
};

/** The title of a trace step's source; the source id itself for one this module does not know yet. */
export function sourceTitle(source: StepSource): string {
  return SOURCE_TITLES[source] ?? source;
}

/**
 * The title of a trace step: the function that answered, except where one source stands for two
 * of the guideline's rules. The overwrite prohibition is an option of read protection but a rule
 * of its own (§2-5-1 note), so its step is named for it rather than for reading.
 */
export function stepTitle(step: Pick<TraceStep, 'source' | 'section'>): string {
  if (step.source === 'read-protection' && step.section === '§2-5-1') return 'Prohibit overwriting a protected program';
  return sourceTitle(step.source);
}

/** A title mid-sentence: "IP packet filtering" stays, "Opening and closing the port" → "opening and closing the port". */
export function titleInSentence(title: string): string {
  return /^[A-Z][a-z]/.test(title) ? title.charAt(0).toLowerCase() + title.slice(1) : title;
}
