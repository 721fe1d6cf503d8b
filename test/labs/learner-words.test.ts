/**
 * Learners read words, never identifiers (house style 14): every reason the grader can give —
 * for every lab, its answer fixtures, an untouched start and every weakened copy of its
 * reference answer — the workbench's "You changed…" status line and every line of its timeline are scanned for dotted setting
 * paths, function ids and "(s)" plurals.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { grade } from '../../machines/grading/grader.ts';
import type { Answer, Lab } from '../../machines/grading/lab.ts';
import { mutantsOf } from '../../machines/grading/mutations.ts';
import { STEP_SOURCES } from '../../machines/model.ts';
import { changedSettingsText } from '../../src/labs/answer-edit.ts';
import { timelineRows } from '../../src/labs/timeline.ts';
import { allLabs, fixture, fixtureFiles } from './lab-fixtures.ts';

/** A dotted path of names (letters first, so IP addresses pass): "cpu.program.lotGuard", "eip.users". */
const DOTTED = /\b[a-zA-Z]\w*\.[a-zA-Z]\w*(\.\w+)*\b/g;
/** Dotted words a sentence may hold that are not ids. */
const NOT_IDS = new Set(['e.g', 'i.e']);
/** The hyphenated ids of the request path's stops ("ip-filter", "lot-number"). */
const IDS = new RegExp(`\\b(${STEP_SOURCES.filter((s) => s.includes('-')).join('|')})\\b(?![ -](guard|number|comparison|words))`, 'g');

function problems(given: string): string[] {
  // Quoted text is the learner's or the lab's data (a user "k.tanaka", a typed answer), not ours.
  const text = given.replace(/"[^"]*"/g, '""');
  // Three names or more, or a path into the state's top parts; "k.tanaka" (a user name) is data.
  const dotted = [...text.matchAll(DOTTED)]
    .map((m) => m[0])
    .filter((m) => !NOT_IDS.has(m) && !/\.(cxp|obj|OBJ|json)$/.test(m) && (m.split('.').length >= 3 || /^(cpu|eip|hardware)\./.test(m)));
  const ids = [...text.matchAll(IDS)].map((m) => m[0]);
  return [...dotted, ...ids, ...(text.includes('(s)') ? ['(s)'] : [])];
}

function answersOf(lab: Lab): { name: string; answer: Answer }[] {
  const files = fixtureFiles(lab.id).map((f) => ({ name: f, answer: fixture(lab.id, f) }));
  const reference = files.find((f) => f.name === 'reference.json')?.answer;
  const mutants = reference ? mutantsOf(lab, reference).map((m) => ({ name: m.id, answer: m.answer })) : [];
  return [{ name: 'nothing changed', answer: {} }, ...files, ...mutants];
}

let labs: Lab[] = [];
beforeAll(async () => {
  labs = await allLabs();
});

describe('the words a lab shows a learner', () => {
  it('no grader reason or timeline line holds a setting path, a function id or "(s)"', () => {
    const found: string[] = [];
    let scanned = 0;
    for (const lab of labs) {
      for (const { name, answer } of answersOf(lab)) {
        const report = grade(lab, answer);
        const texts = [
          changedSettingsText(answer),
          ...report.objectives.flatMap((o) => [o.reason, ...o.details]),
          ...timelineRows(report).flatMap((r) => [r.verdict, r.because, r.needed ?? '']),
        ];
        for (const text of texts) {
          scanned++;
          for (const p of problems(text)) found.push(`${lab.id} (${name}): "${p}" in: ${text}`);
        }
      }
    }
    expect(scanned).toBeGreaterThan(500);
    expect([...new Set(found)]).toEqual([]);
  });

  it('the scan catches what it looks for', () => {
    expect(problems('cpu.program.lotGuard is null, it must be "1"')).toEqual(['cpu.program.lotGuard']);
    expect(problems('it must be stopped by ip-filter')).toEqual(['ip-filter']);
    expect(problems('All 1 step(s) passed')).toEqual(['(s)']);
    expect(problems('192.168.250.77 matches no rule; the lot-number guard; k.tanaka is a designer')).toEqual([]);
    expect(problems('You changed eip.users')).toEqual(['eip.users']);
  });
});

describe('the settings status line', () => {
  it('names what changed by its label, with the count in the right number', () => {
    expect(changedSettingsText({})).toBe('You have not changed anything yet.');
    expect(changedSettingsText({ settings: { 'cpu.program.lotGuard': '260117' } })).toBe('You changed 1 setting: the lot number the program checks.');
    expect(changedSettingsText({ settings: { 'eip.filter': { enabled: true, rules: [] } } })).toBe(
      'You changed 2 settings: the IP packet filter, the IP packet filter rules.',
    );
  });
});
