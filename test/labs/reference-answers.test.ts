import { beforeAll, describe, expect, it } from 'vitest';
import { grade } from '../../machines/grading/grader.ts';
import type { Lab } from '../../machines/grading/lab.ts';
import { loadLabs } from '../../src/server/lab-files.server.ts';
import { allLabs, fixture, fixtureFiles } from './lab-fixtures.ts';

/**
 * Every typical wrong answer and exactly the objectives it must fail. A grader that passes a
 * wrong answer or fails a right one is the worst bug a course can have, so both directions are
 * pinned: the reference scores 100 %, each wrong answer fails these objectives and no others.
 */
const WRONG: Record<string, string[]> = {
  '01-users-and-roles/wrong-admin-replaced.json': ['administrator-remains'],
  '01-users-and-roles/wrong-operator-as-designer.json': ['operator-reads-only', 'least-privilege'],
  '02-filter-blocks/wrong-filter-not-used.json': ['rogue-blocked', 'unlisted-blocked', 'nothing-beyond-the-list'],
  '02-filter-blocks/wrong-scada-forgotten.json': ['scada-not-locked-out'],
  '02-filter-blocks/wrong-whole-subnet.json': ['rogue-blocked', 'unlisted-blocked', 'nothing-beyond-the-list'],
  '03-dip-write-protection/wrong-nothing-changed.json': ['network-edits-stopped', 'card-stopped', 'line-runs-plant-program'],
  '04-lot-number-lock/wrong-not-transferred.json': ['copy-refused', 'guard-in-cpu'],
  // the guard names the contractor's lot: the copy runs there and your own machine stops
  '04-lot-number-lock/wrong-other-lot.json': ['copy-refused', 'guard-in-cpu', 'machine-runs'],
  '05-close-unused-ports/wrong-ftp-left-open.json': ['ftp-closed', 'only-secure-comm'],
  '06-fins-write-protection/wrong-hmi-excluded.json': ['network-writes-refused', 'scada-still-writes', 'only-scada-excluded'],
  '06-fins-write-protection/wrong-no-exclusion.json': ['scada-still-writes', 'only-scada-excluded', 'spoofing'],
  '07-task-read-protection/wrong-not-applied.json': ['recipe-unreadable', 'recipe-unchangeable', 'protection-in-force'],
  '07-task-read-protection/wrong-overwrite-allowed.json': ['recipe-unchangeable', 'protection-in-force'],
  '07-task-read-protection/wrong-set-password-only.json': ['recipe-unchangeable', 'protection-in-force'],
  '07-task-read-protection/wrong-um-password.json': ['maintainers-work', 'protection-in-force'],
  '08-plc-name-check/wrong-case.json': ['right-project-works', 'name-registered'],
  '08-plc-name-check/wrong-other-line-name.json': ['wrong-project-refused', 'right-project-works', 'name-registered'],
  '09-operation-log-forensics/wrong-cpu-clock-as-real-time.json': ['real-time'],
  '09-operation-log-forensics/wrong-filter-only.json': ['password-changed'],
  '10-tamper-detection/wrong-no-lockdown.json': ['locked-down'],
  '10-tamper-detection/wrong-parameters-too.json': ['parameters-touched'],
  '11-choosing-hardware/wrong-cj2m.json': ['stays-cp'],
  // the option board has no filter and no services to close
  '11-choosing-hardware/wrong-keep-option-board.json': ['hardware-offers', 'strangers-out', 'cp1l-alone', 'only-known-admitted', 'unused-closed'],
  '12-decommissioning/wrong-cpu-only.json': ['unit-restored', 'no-way-in'],
  '12-decommissioning/wrong-dip-left-on.json': ['cpu-cleared'],
  '13-capstone-multi-stage/wrong-hmi-not-excluded.json': ['plant-works'],
  '13-capstone-multi-stage/wrong-network-only.json': ['trusted-devices-contained', 'panel-locked'],
  // derived questions follow the learner's own hardening: with the ports left open, nothing hid CIP
  '14-recon-like-an-attacker/wrong-filter-only.json': ['other-services-closed', 'inside-writes-refused', 'only-fins-udp', 'only-scada-excluded', 'what-the-ports-hid', 'what-refused-the-write'],
  '14-recon-like-an-attacker/wrong-closed-state.json': ['what-the-filter-hid', 'filtered-state'],
};

let labs: Lab[] = [];
beforeAll(async () => {
  labs = await allLabs();
});

describe('lab files', () => {
  it('every lab file in content/labs is valid', async () => {
    const { problems } = await loadLabs();
    expect(problems).toEqual([]);
  });

  it('there are at least 12 labs, each with a reference answer and a typical wrong answer', () => {
    expect(labs.length).toBeGreaterThanOrEqual(12);
    for (const lab of labs) {
      const files = fixtureFiles(lab.id);
      expect(files, lab.id).toContain('reference.json');
      expect(files.filter((f) => f.startsWith('wrong-')).length, lab.id).toBeGreaterThan(0);
    }
  });

  it('every wrong-answer fixture has its expected failures listed here', () => {
    const listed = new Set(Object.keys(WRONG));
    for (const lab of labs) {
      for (const file of fixtureFiles(lab.id).filter((f) => f.startsWith('wrong-'))) {
        expect(listed.has(`${lab.id}/${file}`), `${lab.id}/${file} needs an entry in WRONG`).toBe(true);
      }
    }
  });
});

describe('reference answers score 100 %', () => {
  it('each lab: the reference passes every objective with full marks and no problems', () => {
    for (const lab of labs) {
      const report = grade(lab, fixture(lab.id, 'reference.json'));
      const failed = report.objectives.filter((o) => !o.passed).map((o) => `${o.id}: ${o.reason}`);
      expect(failed, lab.id).toEqual([]);
      expect(report.problems, lab.id).toEqual([]);
      expect(report.score, lab.id).toBe(report.max);
      expect(report.passed, lab.id).toBe(true);
    }
  });
});

describe('typical wrong answers fail on the expected objectives', () => {
  for (const [key, expected] of Object.entries(WRONG)) {
    it(key, () => {
      const [labId, file] = key.split('/') as [string, string];
      const lab = labs.find((l) => l.id === labId);
      expect(lab, labId).toBeDefined();
      if (!lab) return;
      const report = grade(lab, fixture(labId, file));
      const failed = report.objectives.filter((o) => !o.passed).map((o) => o.id);
      expect(failed.sort()).toEqual([...expected].sort());
      expect(report.passed).toBe(false);
      expect(report.score).toBeLessThan(report.max);
    });
  }
});
