import { describe, expect, it } from 'vitest';
import { createRack } from '../../../machines/request-path/rack.ts';
import { REQUEST_PATH } from '../../../machines/request-path/request-path.ts';
import { REQUEST_LAYERS } from '../../../machines/model.ts';
import { ENGINEERING_PC, PLANT_NODES, ROGUE_LAPTOP } from './nodes.ts';
import { OPERATION_PRESETS, requestFrom } from './requests.ts';
import { scenarioRack } from './scenarios.ts';
import { traceRows } from './trace.ts';
import { NARROW_LAYOUT, tracePicture, WIDE_LAYOUT, wrapWords } from './trace-picture.ts';

const filtered = () => createRack(scenarioRack({ filter: { enabled: true, rules: [{ ip: '192.168.250.10', mask: '255.255.255.255' }] } }));

function pictureOf(from: string) {
  const rack = filtered();
  const outcome = rack.send(requestFrom(PLANT_NODES, from, OPERATION_PRESETS.readD100.operation, 'fins-udp'));
  rack.stop();
  return { outcome, picture: tracePicture(traceRows(outcome)) };
}

describe('the trace picture', () => {
  it('draws the layers the request path walks, in its order, left to right', () => {
    const { picture } = pictureOf(ROGUE_LAPTOP.id);
    expect(picture.bands.map((b) => b.layer)).toEqual([...new Set(REQUEST_PATH.map((s) => s.layer))]);
    expect(picture.bands.map((b) => b.layer)).toEqual([...REQUEST_LAYERS]);
    expect(picture.bands.map((b) => b.lines.join(' '))).toEqual(['Network layer', 'Device layer', 'Function layer', 'Asset layer']);
    const xs = picture.bands.map((b) => b.x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
  });

  it('§2-2-1 a dropped packet stops inside the network band, named with its section, the rest unreached', () => {
    const { outcome, picture } = pictureOf(ROGUE_LAPTOP.id);
    expect(outcome.allowed).toBe(false);
    const network = picture.bands[0];
    expect(picture.end.stopped).toBe(true);
    expect(picture.end.lines).toEqual(['IP packet filtering (§2-2-1)']);
    expect(picture.end.layerLabel).toBe('Network layer');
    expect(picture.end.x).toBeGreaterThan(network?.x ?? Number.NaN);
    expect(picture.end.x).toBeLessThan((network?.x ?? 0) + (network?.width ?? 0));
    // Every stop after the filter is drawn, faint, beyond the cross.
    expect(picture.unreached.length).toBe(REQUEST_PATH.length - outcome.trace.length);
    expect(picture.unreached.every((x) => x > picture.end.x)).toBe(true);
    // Its label is centred under the cross unless that would run off the picture's edge.
    expect(picture.label.anchor).toBe('middle');
    expect(picture.label.x).toBeGreaterThan(picture.end.x);
    expect(picture.description).toMatch(/stops at IP packet filtering \(§2-2-1\), in the network layer/);
  });

  it('an allowed request crosses every band into the CPU Unit, a mark per stop in walking order', () => {
    const { outcome, picture } = pictureOf(ENGINEERING_PC.id);
    expect(outcome.allowed).toBe(true);
    expect(picture.end).toMatchObject({ stopped: false, lines: ['Reached the CPU Unit'], x: WIDE_LAYOUT.cpu.x });
    expect(picture.marks.map((m) => m.source)).toEqual(outcome.trace.map((s) => s.source));
    const xs = picture.marks.map((m) => m.x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(picture.unreached).toEqual([]);
    expect(picture.description).toMatch(/reaches the CPU Unit/);
  });

  it('a refusal in the asset layer is labelled under its cross, inside the picture in both layouts', () => {
    const rack = createRack(scenarioRack({}));
    rack.cpu.send({ type: 'dip.set', writeProtect: true });
    const outcome = rack.send(requestFrom(PLANT_NODES, ENGINEERING_PC.id, { kind: 'parameters.write', settings: {} }, 'fins-udp'));
    rack.stop();
    const picture = tracePicture(traceRows(outcome));
    expect(outcome.allowed).toBe(false);
    expect(picture.end.layerLabel).toBe('Asset layer');
    expect(picture.end.x).toBeGreaterThan((WIDE_LAYOUT.width * 2) / 3);
    for (const layout of [WIDE_LAYOUT, NARROW_LAYOUT]) {
      const { label, end } = tracePicture(traceRows(outcome), layout);
      const half = (Math.max(...end.lines.map((l) => l.length)) * 7) / 2;
      expect(label.x - half).toBeGreaterThanOrEqual(0);
      expect(label.x + half).toBeLessThanOrEqual(layout.width);
    }
  });

  it('the narrow layout wraps the labels to fit its width, and keeps the same stops in the same order', () => {
    const rack = createRack(scenarioRack({}));
    const outcome = rack.send(requestFrom(PLANT_NODES, ENGINEERING_PC.id, OPERATION_PRESETS.readD100.operation, 'fins-udp'));
    rack.stop();
    const wide = tracePicture(traceRows(outcome), WIDE_LAYOUT);
    const narrow = tracePicture(traceRows(outcome), NARROW_LAYOUT);
    expect(narrow.marks.map((m) => m.source)).toEqual(wide.marks.map((m) => m.source));
    for (const band of narrow.bands) expect(band.lines.join(' ')).toBe(wide.bands.find((b) => b.layer === band.layer)?.lines.join(' '));
    expect(narrow.bands.some((b) => b.lines.length > 1)).toBe(true);
    expect(narrow.layout.width).toBeLessThan(wide.layout.width);
  });

  it('wraps words at spaces, never inside one', () => {
    expect(wrapWords('Operation protection using the production lot number (§2-5-4)', 40)).toEqual([
      'Operation protection using the',
      'production lot number (§2-5-4)',
    ]);
    expect(wrapWords('Network layer', 8)).toEqual(['Network', 'layer']);
    expect(wrapWords('Supercalifragilistic word', 5)).toEqual(['Supercalifragilistic', 'word']);
  });
});
