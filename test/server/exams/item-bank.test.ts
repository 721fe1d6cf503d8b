import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTION_IDS } from '../../../machines/model.ts';
import { FUNCTIONS_IN_ORDER, STRIDE, STRIDE_NAMES } from '../../../machines/catalog/threats.ts';
import {
  blueprintProblems,
  EXAMS_DIR,
  type ExamContent,
  formatExamProblem,
  parseBankSource,
  parseBlueprintsSource,
} from '../../../src/server/exams/item-bank.server.ts';
import { ITEM_TYPES, sectionUnder } from '../../../src/server/exams/schema.ts';
import { examContent } from './exam-fixtures.ts';

let content: ExamContent;
beforeAll(async () => {
  ({ content } = await examContent());
});

/** The sections of the guideline's chapter 1 concepts and of every function of §2-1…§2-6. */
const CHAPTER_1 = ['§1-1', '§1-2', '§1-3', '§1-4', '§1-5-1', '§1-5-2', '§1-6'];

describe('the item bank in content/exams', () => {
  it('loads without a single problem', () => {
    expect(content.problems.map(formatExamProblem)).toEqual([]);
  });

  it('holds at least 120 items, of every type', () => {
    expect(content.bank.items.length).toBeGreaterThanOrEqual(120);
    const types = new Set(content.bank.items.map((i) => i.type));
    expect([...types].sort()).toEqual([...ITEM_TYPES].sort());
  });

  it('covers every function of chapter 2 with several items, from the catalogue of functions', () => {
    // The twelve functions and their sections come from the machines' catalogue, not from this test.
    expect(FUNCTIONS_IN_ORDER.map((f) => f.id)).toEqual([...FUNCTION_IDS]);
    for (const fn of FUNCTIONS_IN_ORDER) {
      const items = content.bank.items.filter((i) => i.section === fn.section);
      expect(items.length, `items for ${fn.section}`).toBeGreaterThanOrEqual(5);
      // Several kinds of question per function, not five copies of one.
      expect(new Set(items.map((i) => i.difficulty)).size, `difficulties for ${fn.section}`).toBeGreaterThanOrEqual(2);
    }
  });

  it('keys every threat-table item exactly as the catalogue marks the function (one truth about STRIDE)', () => {
    let checked = 0;
    for (const fn of FUNCTIONS_IN_ORDER) {
      if (fn.stride === 'not-stated') continue;
      const marks = fn.stride;
      const marked = STRIDE.filter((letter) => marks[letter]).map((letter) => STRIDE_NAMES[letter]);
      for (const item of content.bank.items) {
        if (item.section !== fn.section || !/-threats?$/.test(item.id) || (item.type !== 'single' && item.type !== 'multiple')) continue;
        expect(item.options.filter((o) => o.key).map((o) => o.text).sort(), item.id).toEqual([...marked].sort());
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(10);
  });

  it('covers every section of chapter 1', () => {
    for (const section of CHAPTER_1) {
      expect(content.bank.items.filter((i) => sectionUnder(i.section, section)).length, section).toBeGreaterThanOrEqual(3);
    }
  });

  it('has performance items in several areas, each naming a lab that exists', async () => {
    const { labs } = await examContent();
    const performance = content.bank.items.filter((i) => i.type === 'performance');
    expect(new Set(performance.map((i) => i.section.slice(0, 4))).size).toBeGreaterThanOrEqual(3);
    for (const item of performance) if (item.type === 'performance') expect(labs.map((l) => l.id)).toContain(item.lab);
  });

  it('gives every item a rationale that names a guideline section', () => {
    for (const item of content.bank.items) expect(item.rationale, item.id).toMatch(/§(\d|A)/);
  });

  it('offers the practitioner exam of about 30 items with at least two performance items, drawable from the bank', () => {
    const exam = content.exams.find((e) => e.id === 'plc-security-practitioner');
    expect(exam?.title).toBe('PLC security practitioner');
    const total = exam?.areas.reduce((sum, a) => sum + a.count, 0) ?? 0;
    expect(total).toBeGreaterThanOrEqual(25);
    expect(total).toBeLessThanOrEqual(35);
    const performance = exam?.areas.filter((a) => a.types?.includes('performance')).reduce((sum, a) => sum + a.count, 0) ?? 0;
    expect(performance).toBeGreaterThanOrEqual(2);
    for (const e of content.exams) expect(blueprintProblems(content.bank, e, 'blueprints.yaml')).toEqual([]);
  });
});

const FILE = 'content/exams/test.yaml';
const GOOD_ITEM = `
  - id: filter-host-mask
    type: single
    section: "§2-2-1"
    difficulty: 1
    stem: Which mask admits exactly one address?
    options:
      - { id: all-ones, text: "255.255.255.255", key: true }
      - { id: class-c, text: "255.255.255.0" }
      - { id: zeros, text: "0.0.0.0" }
    rationale: With every mask bit set the whole address must match (§2-2-1).
`;
const bank = (items: string) => `area: Network layer\nitems:${items}`;
const problemsOf = (source: string) => {
  const result = parseBankSource(source, FILE);
  return result.ok ? [] : result.problems.map(formatExamProblem);
};

describe('a bad bank file gets a clear error naming file, item and field', () => {
  it('accepts the good item the other cases break', () => {
    expect(parseBankSource(bank(GOOD_ITEM), FILE).ok).toBe(true);
  });

  it('two keys on a single-choice item', () => {
    expect(problemsOf(bank(GOOD_ITEM.replace('text: "255.255.255.0" }', 'text: "255.255.255.0", key: true }')))).toEqual([
      `${FILE}:9 item "filter-host-mask" options: mark exactly one option "key: true" (found 2); use type "multiple" for several`,
    ]);
  });

  it('a difficulty out of range, on its own line', () => {
    expect(problemsOf(bank(GOOD_ITEM.replace('difficulty: 1', 'difficulty: 7')))).toEqual([
      `${FILE}:6 item "filter-host-mask" difficulty: use difficulty 1 (recall), 2 (apply) or 3 (analyse)`,
    ]);
  });

  it('a section written without the §', () => {
    expect(problemsOf(bank(GOOD_ITEM.replace('"§2-2-1"', '"2-2-1"')))[0]).toMatch(/:5 item "filter-host-mask" section: Write a guideline section as "§2-2-1"/);
  });

  it('a misspelt field and a missing rationale', () => {
    const problems = problemsOf(bank(GOOD_ITEM.replace('rationale:', 'rational:')));
    expect(problems).toContain(`${FILE}:3 item "filter-host-mask" rationale: this field is required (string expected)`);
    expect(problems).toContain(`${FILE}:3 item "filter-host-mask" (file): unknown field "rational": remove or respell`);
  });

  it('an unknown type', () => {
    expect(problemsOf(bank(GOOD_ITEM.replace('type: single', 'type: essay')))[0]).toMatch(/item "filter-host-mask" type: use type "single", "multiple", "ordering", "matching", "performance"/);
  });

  it('a matching prompt naming a choice that does not exist', () => {
    const matching = `
  - id: layers
    type: matching
    section: "§1-3"
    difficulty: 2
    stem: Match each function to its layer.
    prompts:
      - { id: a, text: "IP packet filtering", match: network }
      - { id: b, text: "User authentication", match: devise }
      - { id: c, text: "Operation log", match: common }
    choices:
      - { id: network, text: "Network layer" }
      - { id: device, text: "Device layer" }
      - { id: common, text: "Common to all layers" }
    rationale: The §1-3 table puts each function in one layer.
`;
    expect(problemsOf(bank(matching))).toEqual([`${FILE}:10 item "layers" prompts[1].match: no choice has id "devise": use one of "network", "device", "common"`]);
  });

  it('broken YAML and a file that is not a bank', () => {
    expect(problemsOf('area: x\nitems: [ {')[0]).toMatch(new RegExp(`^${FILE}:\\d+ \\(yaml\\): `));
    expect(problemsOf('- just\n- a list\n')[0]).toMatch(`${FILE}:1 (file): `);
  });

  it('a duplicate id across files and a performance item naming no lab are found by the whole-folder load', async () => {
    const { mkdtemp, writeFile, copyFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { loadExamContent } = await import('../../../src/server/exams/item-bank.server.ts');
    const dir = await mkdtemp(join(tmpdir(), 'exams-'));
    await copyFile(join(EXAMS_DIR, 'blueprints.yaml'), join(dir, 'blueprints.yaml'));
    await writeFile(join(dir, 'a.yaml'), bank(GOOD_ITEM));
    const perf = `\n  - { id: perf-x, type: performance, section: "§2-2-1", difficulty: 2, lab: 99-no-such-lab, stem: "Configure the rack below.", rationale: "The filter admits the listed nodes only (§2-2-1)." }\n`;
    await writeFile(join(dir, 'b.yaml'), bank(GOOD_ITEM + perf));
    const loaded = await loadExamContent(['02-filter-blocks'], dir, dir);
    const printed = loaded.problems.map(formatExamProblem);
    expect(printed).toContain('b.yaml:3 item "filter-host-mask" id: also used in a.yaml: item ids are unique across the bank');
    expect(printed).toContain('b.yaml:14 item "perf-x" lab: no lab "99-no-such-lab" in content/labs: use one of 02-filter-blocks');
    // And the blueprints cannot be drawn from a bank of two items: each area says so.
    expect(printed.some((p) => p.startsWith('blueprints.yaml:5 item "plc-security-practitioner" areas[0].count: area "Defense in depth'))).toBe(true);
  });
});

describe('a bad blueprint gets a clear error', () => {
  const source = readFileSync(join(EXAMS_DIR, 'blueprints.yaml'), 'utf8');

  it('the real file parses', () => {
    expect(parseBlueprintsSource(source, 'blueprints.yaml').ok).toBe(true);
  });

  it('a pass mark above 100 names the exam and the field', () => {
    const result = parseBlueprintsSource(source.replace('passMarkPercent: 70', 'passMarkPercent: 170'), 'blueprints.yaml');
    expect(result.ok ? [] : result.problems.map(formatExamProblem)).toEqual(['blueprints.yaml:8 item "plc-security-practitioner" passMarkPercent: Too big: expected number to be <=100']);
  });

  it('an area asking for more items than the bank can guarantee', () => {
    const exam = content.exams.find((e) => e.id === 'plc-security-practitioner');
    if (!exam) throw new Error('no practitioner exam');
    const greedy = { ...exam, areas: exam.areas.map((a, i) => (i === 5 ? { ...a, count: 40 } : a)) };
    expect(blueprintProblems(content.bank, greedy, 'blueprints.yaml').map(formatExamProblem)[0]).toMatch(/areas\[5\]\.count: area "Configure a rack" draws 40 items, but the bank can guarantee only \d+/);
  });
});
