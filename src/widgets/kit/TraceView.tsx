import ScrollTable from './ScrollTable.tsx';
import type { Outcome, Request } from '../../../machines/model.ts';
import { type Intent, outcomeSummary, outcomeTone, TONE_MARKS, toneLead, type TraceRow, traceRows } from './trace.ts';
import TracePicture, { type PictureTone } from './TracePicture.tsx';
import './sim.css';

/** The trace table's columns; a narrow screen's cards label their lines with the same words. */
const COLUMNS = ['Step', 'Layer', 'Function', 'Verdict', 'Why'] as const;

/** Props of TraceView. */
export interface TraceViewProps {
  /** The outcome to show (from Rack.send); null before anything was sent. */
  outcome: Outcome | null;
  /** The request the outcome answers; lets the summary name its protocol (CIP, Secure Comm…). */
  request?: Request | null;
  /** Caption of the table, e.g. "Trace of the rogue laptop's request". Default "Trace of the last request". */
  caption?: string;
  /** Shown while `outcome` is null. */
  emptyText?: string;
  /**
   * Whether the summary is a live region (default true). False where many traces sit side by
   * side, e.g. one per request in the lab's timeline, so a run does not announce them all.
   */
  live?: boolean;
  /**
   * What the request was for, when the page knows (a lab's traffic step, the rogue laptop): the
   * summary then says whether the outcome is good or bad for the plant, in words and tone.
   * Without it the tone stays neutral.
   */
  intent?: Intent | null;
  /** A lab's verdict on the step (its `met`), which decides the tone over the intent. */
  met?: boolean | null;
  /** Draw the picture above the table (default true); false where the same picture is already on screen. */
  picture?: boolean;
}

/**
 * The request path's answer, layer by layer: a one-line summary saying what came back to the
 * sender (a polite live region, so screen readers hear "Blocked at IP packet filtering (§2-2-1)
 * …"), a picture of the request crossing the layers (TracePicture), then one table row per step
 * with the layer, the function that answered (linked to its lesson), the verdict, the reason,
 * the guideline section and any FINS end code — the picture's text alternative. On a narrow
 * container each row shows as a card, verdict first (sim.css). Everything shown comes from the
 * Outcome (and the request's protocol, when given).
 */
export default function TraceView({
  outcome,
  request,
  caption = 'Trace of the last request',
  emptyText = 'Send a request to see how each layer answers.',
  live = true,
  intent = null,
  met = null,
  picture = true,
}: TraceViewProps) {
  if (!outcome) {
    return (
      <div className="sim-trace">
        <p className="sim-summary" role="status">
          {emptyText}
        </p>
      </div>
    );
  }
  const rows = traceRows(outcome, '', { intent, met });
  const tone = outcomeTone({ allowed: outcome.allowed, intent, met });
  const lead = toneLead({ allowed: outcome.allowed, intent, met });
  return (
    <div className="sim-trace">
      <p className={`sim-summary tone-${tone}`} data-tone={tone} role={live ? 'status' : undefined}>
        {TONE_MARKS[tone] && <span aria-hidden="true">{TONE_MARKS[tone]} </span>}
        {lead && <strong>{lead} </strong>}
        {outcomeSummary(outcome, request ?? undefined)}
      </p>
      <TraceSteps rows={rows} caption={caption} tone={tone === 'neutral' ? null : tone} picture={picture} />
    </div>
  );
}

/** Props of TraceSteps. */
export interface TraceStepsProps {
  /** The trace's rows (trace.ts traceRows, or the bridge's live feed, which sends the same rows). */
  rows: readonly TraceRow[];
  /** Caption of the table, also the name of its scrolling region. */
  caption: string;
  /** What the outcome means for the plant, when known (colours the picture). */
  tone?: PictureTone | null;
  /** Draw the picture (default true). */
  picture?: boolean;
}

/**
 * A trace's picture and its text alternative, the table: one row per step with the layer, the
 * function that answered (linked to its lesson), the verdict, the reason, the guideline section
 * and any FINS end code. On a narrow container each row shows as a card, verdict first (sim.css).
 */
export function TraceSteps({ rows, caption, tone = null, picture = true }: TraceStepsProps) {
  return (
    <>
      {picture && <TracePicture steps={rows} tone={tone} />}
      <ScrollTable caption={caption} columns={COLUMNS}>
        {rows.map((row) => (
          <tr key={row.step} data-source={row.source} data-verdict={row.verdict}>
            <td data-label={COLUMNS[0]}>{row.step}</td>
            <td data-label={COLUMNS[1]}>{row.layerLabel}</td>
            <th scope="row">
              {row.href ? <a href={row.href}>{row.title}</a> : row.title}{' '}
              <span className="muted section-ref">({row.section})</span>
            </th>
            <td className={`sim-verdict verdict-${row.verdict === 'n/a' ? 'na' : row.verdict} tone-${row.tone}`}>{row.verdictLabel}</td>
            <td className="sim-why" data-label={COLUMNS[4]}>
              {row.reason}
              {row.endCode && <span className="sim-endcode"> End code {row.endCode}.</span>}
            </td>
          </tr>
        ))}
      </ScrollTable>
    </>
  );
}
