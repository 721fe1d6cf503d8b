import { describe, expect, it } from 'vitest';
import { encodeTimestamp } from '../../../machines/cpu/bcd.ts';
import { startingState } from '../../../machines/grading/grader.ts';
import { clockMonitor, workbenchPanels } from '../../../src/labs/panels.ts';
import { fixtureLab } from './fixture-lab.ts';

const lab = fixtureLab();

describe('which panels a lab shows', () => {
  it('puts the panels the lab is about first and makes only the editable settings changeable', () => {
    const panels = workbenchPanels(lab, true);
    const byId = Object.fromEntries(panels.map((p) => [p.id, p]));
    expect(byId.filter).toMatchObject({ primary: true, editable: ['eip.filter.enabled', 'eip.filter.rules'] });
    expect(byId.dip).toMatchObject({ primary: true, editable: ['cpu.dipWriteProtect'] });
    expect(byId.users).toMatchObject({ primary: false, editable: [] });
    expect(byId.ports?.editable).toEqual([]);
  });

  it('leaves out the hardware and mode panels unless the learner may change them', () => {
    const ids = workbenchPanels(lab, true).map((p) => p.id);
    expect(ids).not.toContain('hardware');
    expect(ids).not.toContain('mode');
    expect(workbenchPanels({ ...lab, editable: ['cpu.mode'] }, true).find((p) => p.id === 'mode')?.editable).toEqual(['cpu.mode']);
  });

  it('§1-4 leaves out the EIP21S panels when the rack has none and none can be fitted', () => {
    const ids = workbenchPanels({ ...lab, editable: ['cpu.dipWriteProtect'] }, false).map((p) => p.id);
    expect(ids).not.toContain('filter');
    expect(ids).not.toContain('users');
    expect(ids).toContain('dip');
    expect(workbenchPanels({ ...lab, editable: ['hardware.unit'] }, false).map((p) => p.id)).toContain('filter');
  });
});

describe('clock and overwrite-time monitor (§2-5-5)', () => {
  it('§2-5-5 decodes A90–A93 to the time the history overwrote the program', () => {
    const { view } = startingState(lab);
    const monitor = clockMonitor(view);
    expect(monitor.program.words).toBe('A90–A93');
    // The night download happened 3600 + 60 s after the rack's clock of 08:00:00.
    expect(monitor.program.decoded).toBe('2026-03-02 09:01:00');
    expect(monitor.program.hex).toEqual(encodeTimestamp('2026-03-02T09:01:00Z').map((w) => `0x${w.toString(16).toUpperCase().padStart(4, '0')}`));
    expect(monitor.clock).toBe('2026-03-02 09:02:00');
  });
});
