/**
 * A class lab page's island props carry no key (issue 10): for every course lab and a few learner
 * variants, nothing the grader judges by and no hint text is in what the page sends — while the
 * browser can still show the plant and replay its traffic exactly as the server will.
 *
 * The forbidden texts are read from the lab files themselves, per variant: every hint's words,
 * every objective's "look at" hint, every config check's `says`, every harmless mutation's reason.
 * Each is first found in the full lab (so the search could catch it) and then must be absent from
 * the props. Expected answers of questions are checked by field, not by text: a forensic answer
 * (an address, a time) is in the evidence the learner reads, as it must be.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { grade, startingState } from '../../../machines/grading/grader.ts';
import type { Answer, Lab } from '../../../machines/grading/lab.ts';
import { classLabProps } from '../../../src/server/class-labs-page/class-lab-page.server.ts';
import { loadLabs } from '../../../src/server/lab-files.server.ts';

const { labs } = await loadLabs();
const SEEDS = [1, 0x9e3779b9, 424242];

/** Texts that reveal how a lab is graded or solved, in the variant for `seed` (not those the briefing says anyway). */
function secretsOf(lab: Lab, seed: number): { text: string; what: string }[] {
  const variant = startingState(lab, seed).lab;
  // What the learner is told anyway (briefing, requirements, objective titles) is no secret: a short
  // `says` such as "an administrator remains" may repeat a requirement word for word.
  const told = [variant.briefing, ...variant.requirements.map((r) => r.text), ...variant.objectives.map((o) => o.title)].join('\n');
  const secrets = [
    ...variant.hints.map((h) => ({ text: h.text, what: `hint ${h.id}` })),
    ...variant.objectives.flatMap((o) => (o.hint ? [{ text: o.hint, what: `objective ${o.id}'s hint` }] : [])),
    ...variant.objectives.flatMap((o) => (o.kind === 'config' ? o.checks.flatMap((c) => (c.says ? [{ text: c.says, what: `a check of ${o.id}` }] : [])) : [])),
    ...variant.equivalentMutations.map((m) => ({ text: m.reason, what: `mutation ${m.mutation}` })),
  ];
  return secrets.filter((s) => !told.includes(s.text));
}

/** Every key anywhere in a JSON value, with its path. */
function keysIn(value: unknown, path = ''): { key: string; path: string; value: unknown }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => keysIn(v, `${path}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => [{ key: k, path: `${path}.${k}`, value: v }, ...keysIn(v, `${path}.${k}`)]);
}

describe('class lab props', () => {
  it('there are labs with hints to hide', () => {
    expect(labs.length).toBeGreaterThan(10);
    expect(labs.every((l) => l.hints.length > 0)).toBe(true);
  });

  for (const lab of labs) {
    for (const seed of SEEDS) {
      it(`${lab.id}, variant ${seed}: no hint text and nothing the grader judges by`, () => {
        const props = classLabProps(lab, seed, 'Night shift', []);
        const sent = JSON.stringify(props);
        const full = JSON.stringify(startingState(lab, seed).lab);
        const secrets = secretsOf(lab, seed);
        expect(secrets.length).toBeGreaterThan(0);
        for (const s of secrets) {
          // The search would find it in the full lab…
          expect(full.includes(JSON.stringify(s.text).slice(1, -1)), s.what).toBe(true);
          // …and it is not in what the page sends.
          expect(sent.includes(s.text) || sent.includes(JSON.stringify(s.text).slice(1, -1)), s.what).toBe(false);
        }
        const keys = keysIn(props);
        for (const forbidden of ['expect', 'expected', 'derive', 'says', 'hint', 'text'] as const) {
          const found = keys.filter((k) => k.key === forbidden);
          // `text` is allowed only for learning objectives, requirements and question options: never on a hint.
          if (forbidden === 'text') expect(found.filter((k) => /hints|opened/.test(k.path)).map((k) => k.path)).toEqual([]);
          else expect(found.map((k) => k.path)).toEqual([]);
        }
        for (const o of props.lab.objectives) {
          if (o.kind === 'traffic') expect(o.steps).toEqual([]);
          if (o.kind === 'config') expect(o.checks).toEqual([]);
        }
        expect(props.lab.hints).toEqual([]);
        expect(props.lab.equivalentMutations).toEqual([]);
        expect(props.classMode.hints.map((h) => Object.keys(h).sort())).toEqual(lab.hints.map(() => ['cost', 'id']));
        expect(props.classMode.opened).toEqual([]);
      });
    }

    it(`${lab.id}: the browser replays the learner's variant exactly as the server grades it`, () => {
      const seed = SEEDS[1] ?? 1;
      const reference = JSON.parse(readFileSync(join('test/fixtures/labs', lab.id, 'reference.json'), 'utf8')) as Answer;
      const { lab: stripped } = classLabProps(lab, seed, 'Night shift', []);
      const outcomes = (report: ReturnType<typeof grade>) => report.timeline.map((t) => `${t.phase}:${t.id}:${t.outcome.allowed}:${t.outcome.blockedBy?.source ?? ''}`);
      const server = grade(lab, reference, seed);
      const browser = grade(stripped, reference);
      expect(outcomes(browser)).toEqual(outcomes(server));
      expect(browser.timeline.every((t) => t.expect === undefined && t.met === undefined)).toBe(true);
      // And nothing the browser computes is a score: every point is out of reach without the key.
      expect(browser.objectives.filter((o) => o.kind === 'question').every((o) => !o.passed)).toBe(true);
    });
  }

  it('a hint the learner opened (and paid for) comes back with its words, and only that one', () => {
    const lab = labs.find((l) => l.hints.length >= 2);
    if (!lab) throw new Error('no lab has two hints');
    const [first, second] = lab.hints;
    const props = classLabProps(lab, 7, 'Night shift', [{ hintId: first?.id ?? '' }]);
    expect(props.classMode.opened).toEqual([{ id: first?.id, cost: first?.cost, text: first?.text }]);
    expect(JSON.stringify(props).includes(second?.text ?? '∅')).toBe(false);
  });
});
