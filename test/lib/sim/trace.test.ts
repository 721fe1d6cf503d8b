import { describe, expect, it } from 'vitest';
import { createRack } from '../../../machines/rack.ts';
import { FUNCTION_IDS } from '../../../machines/model.ts';
import { ENGINEERING_PC, HMI, PLANT_NODES, ROGUE_LAPTOP } from '../../../src/lib/sim/nodes.ts';
import { OPERATION_PRESETS, requestFrom } from '../../../src/lib/sim/requests.ts';
import { scenarioRack } from '../../../src/lib/sim/scenarios.ts';
import { LESSON_OF_FUNCTION, lessonHrefFor, outcomeSummary, SOURCE_TITLES, sourceTitle, traceRows } from '../../../src/lib/sim/trace.ts';

const filtered = () => createRack(scenarioRack({ filter: { enabled: true, rules: [{ ip: '192.168.250.10', mask: '255.255.255.255' }] } }));

describe('trace rows and summary', () => {
  it('§2-2-1 the rogue laptop is summarised as blocked at IP packet filtering with no response', () => {
    const rack = filtered();
    const outcome = rack.send(requestFrom(PLANT_NODES, ROGUE_LAPTOP.id, OPERATION_PRESETS.readD100.operation, 'fins-udp'));
    expect(outcomeSummary(outcome)).toBe('Blocked at IP packet filtering (§2-2-1) — no response reaches the sender.');
    const rows = traceRows(outcome);
    expect(rows.at(-1)).toMatchObject({ source: 'ip-filter', verdictLabel: 'Blocked', section: '§2-2-1', href: '/lessons/06-ip-packet-filtering/' });
    expect(rows[0]?.title).toBe('Route to the CPU Unit');
    rack.stop();
  });

  it('an allowed request says so and lists every step in order', () => {
    const rack = filtered();
    const outcome = rack.send(requestFrom(PLANT_NODES, ENGINEERING_PC.id, OPERATION_PRESETS.readD100.operation, 'fins-udp'));
    expect(outcome.allowed).toBe(true);
    expect(outcomeSummary(outcome)).toMatch(/^Allowed: passed every layer/);
    expect(traceRows(outcome).map((r) => r.step)).toEqual(outcome.trace.map((_, i) => i + 1));
    rack.stop();
  });

  it('§2-5-3 a FINS refusal from the CPU names its end code', () => {
    const config = scenarioRack();
    config.cpu.settings.finsWriteProtection = { enabled: true, excludedNodes: [] };
    const rack = createRack(config);
    const outcome = rack.send(requestFrom(PLANT_NODES, HMI.id, OPERATION_PRESETS.writeD100.operation, 'fins-udp'));
    expect(outcome.allowed).toBe(false);
    expect(outcomeSummary(outcome)).toMatch(/^Blocked at FINS write protection \(§2-5-3\) — refused with end code 0x2101 Area read-only\.$/);
    expect(traceRows(outcome).at(-1)?.endCode).toBe('0x2101 Area read-only');
    rack.stop();
  });

  it('every function has a lesson link and a title; the operating mode has no lesson', () => {
    for (const id of FUNCTION_IDS) {
      expect(lessonHrefFor(id, '/base')).toBe(`/base/lessons/${LESSON_OF_FUNCTION[id]}/`);
      expect(sourceTitle(id)).toBe(SOURCE_TITLES[id]);
      expect(sourceTitle(id).length).toBeGreaterThan(3);
    }
    expect(lessonHrefFor('operating-mode')).toBeNull();
  });
});
