import { useId } from 'react';
import { NARROW_LAYOUT, PICTURE_ROWS, type PictureStep, type TracePictureModel, tracePicture, WIDE_LAYOUT } from './trace-picture.ts';
import './sim.css';

/**
 * What the outcome means for the plant, as the trace's presenter gives it: 'good' (a hostile
 * request stopped, a legitimate one through), 'bad' (the reverse) or left out when nobody said
 * what the request should meet. The picture only colours by it; it never decides it.
 */
export type PictureTone = 'good' | 'bad';

/** Props of TracePicture. */
export interface TracePictureProps {
  /** The trace's steps in the order they were walked (trace.ts traceRows gives them). */
  steps: readonly PictureStep[];
  /** Colours the request's line and its end by what the outcome means for the plant. */
  tone?: PictureTone | null;
  /**
   * Name the layers above the bands (default true). False for the rows of a list that shows
   * the names once, above it (TracePictureLegend): shorter rows, the same bands.
   */
  labels?: boolean;
}

const { bandTop, lineY, bandBottom, stopLabel } = PICTURE_ROWS;

/** Lines of text stacked from `y`, 14 units apart (SVG text does not wrap by itself). */
function Lines({ lines, x, y, anchor, className }: { lines: readonly string[]; x: number; y: number; anchor: 'start' | 'middle' | 'end'; className: string }) {
  return (
    <text x={x} y={y} textAnchor={anchor} className={className}>
      {lines.map((line, i) => (
        <tspan key={line} x={x} dy={i === 0 ? 0 : 14}>
          {line}
        </tspan>
      ))}
    </text>
  );
}

/** The top of a picture drawn without the layers' names: just above the bands. */
const UNLABELLED_TOP = bandTop - 6;

/** The layers' names above their bands (and the CPU Unit's), in lines. */
function BandLabels({ picture }: { picture: TracePictureModel }) {
  const labelsY = (lines: number) => bandTop - 7 - 14 * (lines - 1);
  const { cpu } = picture.layout;
  return (
    <>
      {picture.bands.map((band) => (
        <Lines key={band.layer} lines={band.lines} x={band.x + band.width / 2} y={labelsY(band.lines.length)} anchor="middle" className="tp-layer-label" />
      ))}
      <text x={cpu.x + cpu.width / 2} y={bandTop - 7} textAnchor="middle" className="tp-layer-label">
        CPU
      </text>
    </>
  );
}

function PictureSvg({ picture, kind, toneClass, labels }: { picture: TracePictureModel; kind: 'wide' | 'narrow'; toneClass: string; labels: boolean }) {
  const titleId = `${useId()}-title`;
  const { end, layout } = picture;
  const top = labels ? 0 : UNLABELLED_TOP;
  return (
    <svg
      className={`trace-picture tp-${kind}${toneClass}`}
      viewBox={`0 ${top} ${layout.width} ${picture.height - top}`}
      role="img"
      aria-labelledby={titleId}
      data-stopped={end.stopped ? 'true' : 'false'}
    >
      <title id={titleId}>{picture.description}</title>
      {picture.bands.map((band, i) => (
        <rect key={band.layer} x={band.x} y={bandTop} width={band.width - 2} height={bandBottom - bandTop} rx="4" className={`tp-band tp-band-${i + 1}`} />
      ))}
      <rect x={layout.cpu.x} y={bandTop} width={layout.cpu.width} height={bandBottom - bandTop} rx="4" className="tp-cpu" />
      {labels && <BandLabels picture={picture} />}
      {picture.unreached.map((x) => (
        <circle key={x} cx={x} cy={lineY} r="2.5" className="tp-unreached" />
      ))}
      <line x1={layout.senderX} y1={lineY} x2={end.stopped ? end.x : end.x - 4} y2={lineY} className="tp-line" />
      <circle cx={layout.senderX} cy={lineY} r="5" className="tp-sender" />
      {picture.marks
        .filter((m) => m.verdict !== 'block')
        .map((m) => (
          <circle key={m.source} cx={m.x} cy={lineY} r={m.verdict === 'pass' ? 4.5 : 3} className={m.verdict === 'pass' ? 'tp-pass' : 'tp-na'} />
        ))}
      <g className="tp-stop">
        {end.stopped ? (
          <path d={`M${end.x - 7} ${lineY - 7} L${end.x + 7} ${lineY + 7} M${end.x + 7} ${lineY - 7} L${end.x - 7} ${lineY + 7}`} />
        ) : (
          <path d={`M${end.x - 12} ${lineY - 7} L${end.x - 2} ${lineY} L${end.x - 12} ${lineY + 7}`} />
        )}
        <Lines lines={end.lines} x={picture.label.x} y={stopLabel} anchor={picture.label.anchor} className="tp-stop-label" />
      </g>
    </svg>
  );
}

/**
 * A request's trace as a picture: the layers of the request path as bands from the sender to
 * the CPU Unit, the request as a line crossing them, a mark at every stop it met, and a cross with
 * the refusing function's name and § where it was stopped (or an arrow into the CPU Unit). The
 * trace table (or the timeline's words) beside it is the text alternative: the picture has a
 * one-sentence title and nothing in it can be focused. Drawn twice, wide and narrow; the
 * container's width shows one (sim.css), so a phone gets words it can read. Layers and stops come
 * from the request path (trace-picture.ts).
 */
export default function TracePicture({ steps, tone = null, labels = true }: TracePictureProps) {
  const toneClass = tone ? ` is-${tone}` : '';
  return (
    <div className="trace-picture-box">
      <PictureSvg picture={tracePicture(steps, WIDE_LAYOUT)} kind="wide" toneClass={toneClass} labels={labels} />
      <PictureSvg picture={tracePicture(steps, NARROW_LAYOUT)} kind="narrow" toneClass={toneClass} labels={labels} />
    </div>
  );
}

/**
 * The layers' names, once, above a list of unlabelled pictures (the lab's timeline): the same
 * bands as each row, in both layouts. Hidden from screen readers: the list's words say it all.
 */
export function TracePictureLegend() {
  return (
    <div className="trace-picture-box" aria-hidden="true">
      {([WIDE_LAYOUT, NARROW_LAYOUT] as const).map((layout) => {
        const picture = tracePicture([], layout);
        return (
          <svg key={layout.width} className={`trace-picture tp-legend tp-${layout === WIDE_LAYOUT ? 'wide' : 'narrow'}`} viewBox={`0 0 ${layout.width} ${bandTop + 8}`} aria-hidden="true">
            {picture.bands.map((band, i) => (
              <rect key={band.layer} x={band.x} y={bandTop} width={band.width - 2} height={8} rx="2" className={`tp-band tp-band-${i + 1}`} />
            ))}
            <rect x={layout.cpu.x} y={bandTop} width={layout.cpu.width} height={8} rx="2" className="tp-cpu" />
            <BandLabels picture={picture} />
          </svg>
        );
      })}
    </div>
  );
}
