import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { grade } from '../../machines/grading/grader.ts';
import { type Answer, type Lab, nodeNamed } from '../../machines/grading/lab.ts';
import { clashes, drawValues, instantiate, mulberry32, seedFromText, substitute } from '../../machines/grading/variants.ts';
import { labFile } from '../../src/schemas/lab.ts';
import { allLabs, fixture, labById } from './lab-fixtures.ts';

let filter: Lab;
let fins: Lab;
beforeAll(async () => {
  filter = await labById('02-filter-blocks');
  fins = await labById('06-fins-write-protection');
});

function ipOf(lab: Lab, name: string): string {
  const ip = nodeNamed(lab, name)?.ip;
  if (!ip) throw new Error(`${name} has no address`);
  return ip;
}

/** The right answer for lab 02 in the variant `lab`, worked out from its own addresses. */
function filterAnswerFor(lab: Lab): Answer {
  const host = (ip: string) => ({ ip, mask: '255.255.255.255' });
  const hmiNet = ipOf(lab, 'HMI panel 1').replace(/\.\d+$/, '.0');
  return {
    settings: {
      'eip.filter': {
        enabled: true,
        rules: [host(ipOf(lab, 'Engineering PC 1')), host(ipOf(lab, 'Engineering PC 2')), { ip: hmiNet, mask: '255.255.255.0' }, host(ipOf(lab, 'SCADA server'))],
      },
    },
    answers: { 'why-sntp-passes': 'client-exempt' },
  };
}

/** A seed whose variant differs from the default in `variable`. */
function seedWhere(lab: Lab, differs: (l: Lab) => boolean): number {
  for (let seed = 1; seed < 500; seed++) if (differs(instantiate(lab, seed))) return seed;
  throw new Error('no seed gives a different variant');
}

describe('seeded PRNG', () => {
  it('mulberry32 gives the same sequence for the same seed and floats in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 100 }, () => a());
    expect(Array.from({ length: 100 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(xs).size).toBe(100);
  });

  it('seedFromText is stable and tells learners apart', () => {
    expect(seedFromText('learner-1:02-filter-blocks')).toBe(seedFromText('learner-1:02-filter-blocks'));
    expect(seedFromText('learner-1:02-filter-blocks')).not.toBe(seedFromText('learner-2:02-filter-blocks'));
  });
});

describe('drawing and filling variables', () => {
  it('without a seed every variable takes its default', () => {
    expect(drawValues({ a: { oneOf: ['x', 'y'] }, b: { int: { min: 1, max: 9 }, default: 5 }, c: { digits: 6, default: '080620' } })).toEqual({ a: 'x', b: 5, c: '080620' });
  });

  it('a whole placeholder keeps the value type; inside text it is interpolated; .host is the last octet', () => {
    const values = { ip: '192.168.250.77', n: 12 };
    expect(substitute({ finsNode: '${ip.host}', count: '${n}', label: 'node ${n} at ${ip}' }, values)).toEqual({ finsNode: 77, count: 12, label: 'node 12 at 192.168.250.77' });
  });

  it('an unknown variable is named in the error', () => {
    expect(() => substitute('${rogue}', {})).toThrow(/unknown variable "\$\{rogue\}"/);
  });

  it('clashes names two variables that drew the same value', () => {
    expect(clashes({ a: '10.0.0.1', b: '10.0.0.2', c: '10.0.0.1' })).toEqual(['a and c are both "10.0.0.1"']);
  });

  it('values stay distinct for any seed when the ranges allow it (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (seed) => {
        expect(clashes(drawValues(filter.variables, seed))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});

describe('per-learner variants', () => {
  it('the same seed gives the same lab', () => {
    expect(instantiate(filter, 1234)).toEqual(instantiate(filter, 1234));
  });

  it('different seeds give different rogue addresses, engineering PCs and HMI networks', () => {
    const variants = Array.from({ length: 20 }, (_, i) => instantiate(filter, i + 1));
    expect(new Set(variants.map((v) => ipOf(v, 'Rogue laptop'))).size).toBeGreaterThan(5);
    expect(new Set(variants.map((v) => ipOf(v, 'Engineering PC 1'))).size).toBeGreaterThan(3);
    expect(new Set(variants.map((v) => ipOf(v, 'HMI panel 1'))).size).toBeGreaterThan(1);
  });

  it('placeholders are filled everywhere: briefing, network, FINS node numbers', () => {
    const v = instantiate(filter, 99);
    const rogue = ipOf(v, 'Rogue laptop');
    expect(v.briefing).toContain(rogue);
    expect(nodeNamed(v, 'Rogue laptop')?.finsNode).toBe(Number(rogue.split('.')[3]));
    expect(v.seed).toBe(99);
    expect(JSON.stringify({ ...v, slots: [] })).not.toContain('${');
  });

  it('grading uses the seed: the report names it and the learner’s variant decides', () => {
    const seed = seedWhere(filter, (v) => ipOf(v, 'Engineering PC 1') !== ipOf(filter, 'Engineering PC 1'));
    const variant = instantiate(filter, seed);
    const own = grade(filter, filterAnswerFor(variant), seed);
    expect(own.seed).toBe(seed);
    expect(own.passed).toBe(true);
    // The default variant's answer, copied by a neighbour, locks this learner's engineering PC out.
    const copied = grade(filter, fixture('02-filter-blocks', 'reference.json'), seed);
    expect(copied.passed).toBe(false);
    expect(copied.objectives.find((o) => o.id === 'engineering-works')?.passed).toBe(false);
  });

  it('an answer copied from a neighbour fails when it hard-codes their SCADA node (§2-5-3)', () => {
    const seed = seedWhere(fins, (v) => nodeNamed(v, 'SCADA server')?.finsNode !== nodeNamed(fins, 'SCADA server')?.finsNode);
    const copied = grade(fins, fixture('06-fins-write-protection', 'reference.json'), seed);
    const failed = copied.objectives.filter((o) => !o.passed).map((o) => o.id);
    expect(failed).toContain('scada-still-writes');
    expect(failed).toContain('only-scada-excluded');
    const node = nodeNamed(instantiate(fins, seed), 'SCADA server')?.finsNode;
    const own = grade(fins, { settings: { 'cpu.finsWriteProtection': { enabled: true, excludedNodes: [node] } }, answers: { spoofing: 'allowed' } }, seed);
    expect(own.passed).toBe(true);
  });

  it('every lab gives a valid, gradable lab for any seed (property)', async () => {
    const labs = await allLabs();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.constantFrom(...labs), (seed, lab) => {
        const variant = instantiate(lab, seed);
        const { id: _id, slots: _slots, values, seed: _seed, ...file } = variant;
        expect(labFile.safeParse(file).error?.issues ?? []).toEqual([]);
        expect(clashes(values)).toEqual([]);
        expect(grade(lab, {}, seed).max).toBeGreaterThan(0);
      }),
      { numRuns: 40 },
    );
  });

  it('for any seed, the answer worked out from that variant passes lab 02 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (seed) => {
        const report = grade(filter, filterAnswerFor(instantiate(filter, seed)), seed);
        expect(report.objectives.filter((o) => !o.passed).map((o) => o.reason)).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });
});
