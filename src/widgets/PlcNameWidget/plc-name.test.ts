import { afterEach, describe, expect, it } from 'vitest';
import { createRack, type Rack } from '../../../machines/request-path/rack.ts';
import { programIdentity } from '../kit/cpu-scenarios.ts';
import {
  goOnlineRequest,
  OTHER_PLC_NAME,
  PLC_NAME_PROGRAMS,
  PLC_NAME_RACKS,
  PROJECT_CHOICES,
  parsePlcNameSelection,
  registeredNameText,
} from './plc-name.ts';
import { SCENARIO_PLC_NAME } from '../kit/scenarios.ts';

const racks: Rack[] = [];
function rack(model: 'CJ2H' | 'CS1G/H'): Rack {
  const r = createRack(PLC_NAME_RACKS[model]);
  racks.push(r);
  return r;
}
afterEach(() => {
  for (const r of racks.splice(0)) r.stop();
});

function project(id: string) {
  const parsed = parsePlcNameSelection({ model: 'CJ2H', project: id });
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.selection.project;
}

describe('lesson 9 PLC names widget', () => {
  it('§2-3-2 the project with the registered name goes online and downloads', () => {
    const r = rack('CJ2H');
    const outcome = r.send(goOnlineRequest(project('own')));
    expect(outcome.allowed).toBe(true);
    expect(programIdentity(r.view().cpu.program, PLC_NAME_PROGRAMS)).toContain('new version');
  });

  it("§2-3-2 another PLC's project is stopped at the PLC name step and the program stays", () => {
    const r = rack('CJ2H');
    const before = r.view().cpu.program;
    const outcome = r.send(goOnlineRequest(project('other')));
    expect(outcome.allowed).toBe(false);
    expect(outcome.blockedBy?.source).toBe('plc-name');
    expect(r.view().cpu.program).toEqual(before);
  });

  it('§2-3-2 a raw FINS tool sends no name, so the check does not apply and the wrong program lands', () => {
    const r = rack('CJ2H');
    const outcome = r.send(goOnlineRequest(project('raw')));
    expect(outcome.trace.find((s) => s.source === 'plc-name')?.verdict).toBe('n/a');
    expect(outcome.allowed).toBe(true);
    expect(programIdentity(r.view().cpu.program, PLC_NAME_PROGRAMS)).toContain('wrong one');
  });

  it('§1-5-1 a CS1G/H has no name to compare, so the wrong project gets through', () => {
    const r = rack('CS1G/H');
    const outcome = r.send(goOnlineRequest(project('other')));
    expect(outcome.trace.find((s) => s.source === 'plc-name')?.verdict).toBe('n/a');
    expect(outcome.allowed).toBe(true);
    expect(registeredNameText(r.view().cpu.plcName, 'CS1G/H')).toContain('no PLC name function');
  });

  it('offers the registered name and a different one, plus a tool without a name', () => {
    expect(PROJECT_CHOICES.map((p) => p.projectPlcName)).toEqual([SCENARIO_PLC_NAME, OTHER_PLC_NAME, undefined]);
    expect(OTHER_PLC_NAME).not.toBe(SCENARIO_PLC_NAME);
  });

  it('refuses unknown menu values, naming the menu', () => {
    expect(parsePlcNameSelection({ model: 'CP1L', project: 'own' })).toMatchObject({ ok: false, error: expect.stringContaining('CPU Unit') });
    expect(parsePlcNameSelection({ model: 'CJ2H', project: 'x' })).toMatchObject({ ok: false, error: expect.stringContaining('Going online with') });
  });
});
