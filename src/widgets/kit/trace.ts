/**
 * A request's outcome in the words and shape the widgets show: one row per layer step (which
 * function answered, its verdict, the reason, the guideline section and the lesson teaching it),
 * and a one-line summary ("Blocked at IP packet filtering (§2-2-1)"). Reasons and sections come
 * from the request path unchanged; this module only names and links them.
 */
import { PROTOCOL_LABELS } from '../../../machines/eip/eip21s.machine.ts';
import { decodeEndCode } from '../../../machines/wire/fins-codes.ts';
import { LESSON_FOR_FUNCTION } from '../../../machines/grading/lab.ts';
import {
  FUNCTION_IDS,
  type FunctionId,
  type INTENTS,
  type Layer,
  type Outcome,
  type Request,
  type StepSource,
  type TraceStep,
  type Verdict,
} from '../../../machines/model.ts';
import { carriesFinsEndCode } from '../../../machines/request-path/request-path.ts';
import { SOURCE_TITLES, sourceTitle, stepTitle, titleInSentence } from '../../../machines/request-path/stop-titles.ts';
import { LAYER_LABELS } from '../ThreatExplorerWidget/threat-view.ts';

/** Re-exported for the views that name a trace's stops (written once in machines/request-path/stop-titles.ts). */
export { SOURCE_TITLES, sourceTitle, stepTitle, titleInSentence };


/** What a request is for, when the page knows: the plant's own work, or an attack. */
export type Intent = (typeof INTENTS)[number];

/**
 * What an outcome means for the plant: good (an attack stopped, the plant's work through), bad
 * (an attack through, the plant's work refused), or neutral where nothing says what the request
 * was for. Every view colours and marks a result from this, never from allowed/blocked alone.
 */
export type Tone = 'good' | 'bad' | 'neutral';

/** What decides a tone: whether the request got through, and what it was for or had to do. */
export interface ToneInput {
  /** Whether the request got through (Outcome.allowed). */
  allowed: boolean;
  /** What the request was for, when known. */
  intent?: Intent | null;
  /**
   * Whether the outcome is the one the plant needed (a lab step's `met`), when a lab says so; it
   * wins over the intent, since "stopped, but by the wrong function" is not what the lab asked.
   */
  met?: boolean | null;
}

/**
 * The one rule for a result's tone: a lab's verdict on the step when there is one, else the
 * request's intent (a hostile request should be stopped, a legitimate one should get through),
 * else neutral: a widget that lets the learner send anything cannot call "allowed" good or bad.
 */
export function outcomeTone({ allowed, intent, met }: ToneInput): Tone {
  if (typeof met === 'boolean') return met ? 'good' : 'bad';
  if (!intent) return 'neutral';
  return (intent === 'hostile') === allowed ? 'bad' : 'good';
}

/** The mark shown before a result in each tone (hidden from screen readers, which read the words). */
export const TONE_MARKS: Readonly<Record<Tone, string>> = { good: '✓', bad: '✗', neutral: '' };

/**
 * The words that lead a trace's summary when its meaning for the plant is known, so the tone is
 * never colour alone: "Bad for the plant: an attack got through." Null for a neutral tone.
 */
export function toneLead(input: ToneInput): string | null {
  const tone = outcomeTone(input);
  if (tone === 'neutral') return null;
  const { allowed, intent } = input;
  const what =
    typeof input.met === 'boolean'
      ? input.met
        ? 'the outcome the plant needs'
        : 'not the outcome the plant needs'
      : intent === 'hostile'
        ? allowed
          ? 'an attack got through'
          : 'the attack was stopped'
        : allowed
          ? "the plant's own request got through"
          : "the plant's own request was refused";
  return `${tone === 'good' ? 'Good' : 'Bad'} for the plant: ${what}.`;
}

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
  if (isFunctionId(source)) return `${base}/lessons/${LESSON_FOR_FUNCTION[source]}/`;
  if (source === 'route') return `${base}/lessons/04-what-your-hardware-offers/`;
  // Lesson 7 shows the FTP server's login and its missing password lock (§1-6).
  if (source === 'ftp-login') return `${base}/lessons/07-ports/`;
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
  /**
   * What this step means for the plant: the step that refused carries the outcome's tone (a
   * hostile request stopped here is good); passing and not-applicable steps are neutral.
   */
  tone: Tone;
  verdictLabel: string;
  reason: string;
  section: string;
  /** The lesson page for the source, or null. */
  href: string | null;
  /** The FINS end code the refusal carries, as text; null when none. */
  endCode: string | null;
}

/** One row per step of the outcome's trace, in the order the layers were walked; `meaning` gives the refusing step its tone. */
export function traceRows(outcome: Outcome, base = '', meaning: Omit<ToneInput, 'allowed'> = {}): TraceRow[] {
  const tone = outcomeTone({ ...meaning, allowed: outcome.allowed });
  return outcome.trace.map((s: TraceStep, i) => ({
    step: i + 1,
    layer: s.layer,
    layerLabel: LAYER_LABELS[s.layer],
    source: s.source,
    title: stepTitle(s),
    verdict: s.verdict,
    tone: s.verdict === 'block' ? tone : 'neutral',
    verdictLabel: VERDICT_LABELS[s.verdict],
    reason: s.reason,
    section: s.section,
    href: lessonHrefFor(s.source, base),
    endCode: s.endCode === undefined ? null : endCodeText(s.endCode),
  }));
}

/** What a packet dropped on the network leaves the sender with. */
const DROPPED = 'no response: the packet was dropped before it reached the CPU Unit, so the sender only sees a timeout';

/**
 * What the sender gets when a stop refuses without a FINS end code, by the stop that refused
 * (docs/decisions/002 "End codes only where a FINS answer exists"): only the network stops drop
 * packets in silence; the others answer in other ways, or not at all for a reason of their own.
 */
const WITHOUT_END_CODE: Partial<Record<StepSource, string>> = {
  'ip-filter': DROPPED,
  ports: DROPPED,
  'secure-comm': 'no Secure Comm connection can be set up, so no command reaches the CPU Unit',
  'user-auth': 'the log-in is refused: the sender gets a Secure Comm authentication error, and no command reaches the CPU Unit',
  'operation-authority':
    "the EIP21S turns the operation down with a Secure Comm error for this user's authority; the command never reaches the CPU Unit",
  'plc-name': 'the Support Software declines to go online, so no command is sent to the CPU Unit',
  'lot-number':
    "the program's own guard keeps its control logic idle on this unit (simplified: a real CPU enters the mode and answers, but its control logic does nothing)",
};

/**
 * What comes back to the sender of a refused request, as a clause for a sentence: "refused with
 * end code 0x2101 Area read-only", "no response: the packet was dropped…", "the Support Software
 * declines to go online…". Worded from the stop that refused and, when `request` is given, its
 * protocol (machines/request-path/request-path.ts carriesFinsEndCode). Null for an allowed request.
 */
export function refusalAnswer(outcome: Outcome, request?: Request): string | null {
  if (outcome.allowed) return null;
  const secure = request?.protocol === 'secure-comm' ? ', inside the encrypted Secure Comm session' : '';
  if (outcome.endCode !== undefined) return `refused with end code ${endCodeText(outcome.endCode)}${secure}`;
  const step = outcome.blockedBy ?? outcome.trace.at(-1);
  if (!step) return 'no response';
  if (step.source === 'route') {
    return step.section === '§4-1-2' ? 'Restart Unit is not carried out: the unit keeps its settings' : DROPPED;
  }
  const known = WITHOUT_END_CODE[step.source];
  if (known) return known;
  // A CPU refusal that has an end code lost it on the way: the protocol carries none (CIP, FTP…).
  const ownProtocol = request ? !carriesFinsEndCode(request) : step.endCode !== undefined;
  if (ownProtocol) {
    const answer = request?.protocol ? `a ${PROTOCOL_LABELS[request.protocol]} answer` : "the protocol's own answer";
    return `refused in ${answer}, which carries no FINS end code`;
  }
  return 'refused with no FINS answer';
}

/**
 * One line for the outcome: "Allowed: passed every layer." or "Blocked at IP packet filtering
 * (§2-2-1) — no response: the packet was dropped…" / "… — refused with end code 0x2101 …".
 * Give the `request` to name its protocol where that changes the answer.
 */
export function outcomeSummary(outcome: Outcome, request?: Request): string {
  if (outcome.allowed) {
    const checked = outcome.trace.filter((s) => s.verdict === 'pass').length;
    return `Allowed: passed every layer (${checked} checks said pass, the rest did not apply).`;
  }
  const step = outcome.blockedBy ?? outcome.trace.at(-1);
  if (!step) return 'Blocked before any layer was checked.';
  return `Blocked at ${titleInSentence(stepTitle(step))} (${step.section}) — ${refusalAnswer(outcome, request)}.`;
}

/** A few words for lists of outcomes: "gets through", or "blocked at IP packet filtering (§2-2-1)". */
export function outcomeShort(outcome: Outcome): string {
  if (outcome.allowed) return 'gets through';
  const step = outcome.blockedBy ?? outcome.trace.at(-1);
  return step ? `blocked at ${titleInSentence(stepTitle(step))} (${step.section})` : 'blocked';
}
