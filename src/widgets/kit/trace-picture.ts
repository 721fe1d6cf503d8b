/**
 * Where to draw a request's trace: the defense-in-depth layers as bands from the sender to the
 * CPU Unit, one mark per stop the request met, and the point where it stopped (or the CPU Unit
 * it reached). The layers and the order of their stops come from the request path itself
 * (REQUEST_PATH), so a stop added to the walk moves into the picture without an edit here.
 * Two layouts of one picture: a wide one, and a narrow one for a phone whose words stay
 * readable (fewer units across, labels wrapped). Pure: TracePicture.tsx draws what this returns.
 */
import { type PathLayer, REQUEST_PATH } from '../../../machines/request-path/request-path.ts';
import type { Layer, StepSource, Verdict } from '../../../machines/model.ts';
import { LAYER_LABELS } from '../ThreatExplorerWidget/threat-view.ts';

/** A picture's geometry, in SVG viewBox units (the picture scales to the width it is given). */
export interface PictureLayout {
  /** Width of the viewBox. */
  width: number;
  /** Where the sender stands (the line's first point). */
  senderX: number;
  /** Where the bands begin and end. */
  bandsFrom: number;
  bandsTo: number;
  /** The CPU Unit's box, right of the last band. */
  cpu: { x: number; width: number };
  /** Characters a label line may hold before it wraps (at the picture's 12-unit type). */
  lineChars: number;
}

/** The layout for a wide container (a desktop's column). */
export const WIDE_LAYOUT: PictureLayout = { width: 480, senderX: 10, bandsFrom: 24, bandsTo: 428, cpu: { x: 436, width: 40 }, lineChars: 72 };

/** The layout for a narrow container (a phone): the same picture in fewer units, labels wrapped. */
export const NARROW_LAYOUT: PictureLayout = { width: 320, senderX: 8, bandsFrom: 18, bandsTo: 280, cpu: { x: 284, width: 34 }, lineChars: 34 };

/** Vertical geometry shared by both layouts: label lines above the bands, the line across them. */
export const PICTURE_ROWS = { bandTop: 30, lineY: 58, bandBottom: 84, stopLabel: 100 } as const;

/** What the picture needs of a trace step (a TraceRow from trace.ts has it all). */
export interface PictureStep {
  layer: Layer;
  source: StepSource;
  verdict: Verdict;
  /** The function (or rule) that answered, in words. */
  title: string;
  /** Its guideline section, e.g. "§2-2-1". */
  section: string;
}

/** One band of the picture: a layer of the walk. */
export interface PictureBand {
  layer: PathLayer;
  /** The layer's name, in lines that fit the band. */
  lines: string[];
  x: number;
  width: number;
}

/** One mark on the request's line: a stop it met, with its verdict. */
export interface PictureMark {
  source: StepSource;
  verdict: Verdict;
  x: number;
}

/** Everything TracePicture draws for one request. */
export interface TracePictureModel {
  layout: PictureLayout;
  /** Height of the viewBox (taller when the stop's label wraps). */
  height: number;
  bands: PictureBand[];
  /** Stops of the walk the request met, in order. */
  marks: PictureMark[];
  /** Stops of the walk it never reached (drawn faint), by position. */
  unreached: number[];
  /** Where the line ends: the refusing stop, or the CPU Unit. */
  end: {
    x: number;
    stopped: boolean;
    /** "IP packet filtering (§2-2-1)" in lines that fit; "Reached the CPU Unit" when it did. */
    lines: string[];
    /** The band the refusal happened in, in words; null when it reached the CPU Unit. */
    layerLabel: string | null;
  };
  /** How the end's label is anchored (and where) so it stays inside the picture. */
  label: { anchor: 'middle' | 'end'; x: number };
  /** The picture in one short sentence, for its title (the trace table says every step). */
  description: string;
}

/** Words in lines of at most `max` characters (a longer word gets a line of its own). */
export function wrapWords(text: string, max: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= max) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** The walk's layers in the order a request meets them, each with its stops in order. */
function walkLayers(): { layer: PathLayer; stops: StepSource[] }[] {
  const layers: { layer: PathLayer; stops: StepSource[] }[] = [];
  for (const stop of REQUEST_PATH) {
    const last = layers.at(-1);
    if (last?.layer === stop.layer) last.stops.push(stop.source);
    else layers.push({ layer: stop.layer, stops: [stop.source] });
  }
  return layers;
}

/** About half the width of the widest line, in 12-unit bold type (generous: fonts differ). */
function halfWidth(lines: readonly string[]): number {
  return (Math.max(...lines.map((l) => l.length)) * 7.2) / 2;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), Math.max(low, high));
}

/** Roughly how many characters of 11-unit type fit in `width` units. */
function charsIn(width: number): number {
  return Math.floor(width / 6.2);
}

/**
 * The picture of one request's trace (the steps in the order they were walked), in `layout`.
 * A step whose source the walk does not list (none today) is drawn at the middle of its band.
 */
export function tracePicture(steps: readonly PictureStep[], layout: PictureLayout = WIDE_LAYOUT): TracePictureModel {
  const layers = walkLayers();
  const bandWidth = (layout.bandsTo - layout.bandsFrom) / layers.length;
  const bands: PictureBand[] = layers.map((l, i) => ({
    layer: l.layer,
    lines: wrapWords(LAYER_LABELS[l.layer], charsIn(bandWidth)),
    x: layout.bandsFrom + i * bandWidth,
    width: bandWidth,
  }));
  const positions = new Map<StepSource, number>();
  layers.forEach((l, i) => {
    l.stops.forEach((source, j) => {
      positions.set(source, layout.bandsFrom + i * bandWidth + ((j + 0.5) / l.stops.length) * bandWidth);
    });
  });
  const xOf = (step: PictureStep): number => {
    const known = positions.get(step.source);
    if (known !== undefined) return known;
    const band = bands.find((b) => b.layer === step.layer);
    return band ? band.x + band.width / 2 : layout.bandsTo;
  };
  const marks = steps.map((s) => ({ source: s.source, verdict: s.verdict, x: xOf(s) }));
  const refusal = steps.find((s) => s.verdict === 'block');
  const met = new Set(steps.map((s) => s.source));
  const endX = refusal ? xOf(refusal) : layout.cpu.x;
  const unreached = refusal ? [...positions].filter(([source, x]) => !met.has(source) && x > endX).map(([, x]) => x) : [];
  const lines = wrapWords(refusal ? `${refusal.title} (${refusal.section})` : 'Reached the CPU Unit', layout.lineChars);
  // Centred under the cross, moved in from an edge as far as the widest line needs.
  const half = halfWidth(lines);
  const label: TracePictureModel['label'] = refusal
    ? { anchor: 'middle', x: clamp(endX, half + 4, layout.width - half - 4) }
    : { anchor: 'end', x: layout.width - 4 };
  return {
    layout,
    height: PICTURE_ROWS.stopLabel + 14 * (lines.length - 1) + 6,
    bands,
    marks,
    unreached,
    end: { x: endX, stopped: refusal !== undefined, lines, layerLabel: refusal ? LAYER_LABELS[refusal.layer] : null },
    label,
    description: refusal
      ? `The request's path through the layers: it stops at ${refusal.title} (${refusal.section}), in the ${LAYER_LABELS[refusal.layer].toLowerCase()}.`
      : "The request's path through the layers: it crosses every layer and reaches the CPU Unit.",
  };
}
