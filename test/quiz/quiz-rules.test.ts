import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  gradeItem,
  initialQuizState,
  isAnswered,
  type ItemAnswer,
  moveStep,
  type QuizAction,
  type QuizState,
  reduceQuiz,
  seededShuffle,
  summarize,
  validAnswers,
} from '../../src/quiz/quiz-rules.ts';
import { type Quiz, quizSchema } from '../../src/schemas/quiz.ts';

const QUIZ_DIR = new URL('../../content/quizzes/', import.meta.url);

const quiz: Quiz = quizSchema.parse({
  title: 'Sample quiz',
  items: [
    {
      id: 'one',
      kind: 'single',
      prompt: 'Which port does FINS use by default?',
      feedback: 'FINS/UDP and FINS/TCP both default to 9600.',
      section: '§2-2-2',
      options: [
        { id: 'a', text: '9600', correct: true },
        { id: 'b', text: '44818' },
      ],
    },
    {
      id: 'many',
      kind: 'multiple',
      prompt: 'Which threats does the DIP switch or FINS write protection address?',
      feedback: 'Both address tampering only, according to their threat tables.',
      section: '§2-5-1',
      options: [
        { id: 't', text: 'Tampering', correct: true },
        { id: 'i', text: 'Information disclosure' },
        { id: 'd', text: 'Denial of service' },
      ],
    },
    {
      id: 'match',
      kind: 'matching',
      prompt: 'Match each layer with one of its functions.',
      feedback: 'The §1-3 table puts each function in exactly one layer.',
      section: '§1-3',
      pairs: [
        { id: 'net', left: 'Network layer', right: 'IP packet filtering' },
        { id: 'dev', left: 'Device layer', right: 'PLC names' },
      ],
      distractors: ['Firewall on the IT side'],
    },
    {
      id: 'order',
      kind: 'ordering',
      prompt: 'Put the layers in the order a request from the network meets them.',
      feedback: 'From the outside in: network, device, function, asset.',
      section: '§1-3',
      lesson: '01-defense-in-depth',
      steps: [
        { id: 'network', text: 'Network' },
        { id: 'device', text: 'Device' },
        { id: 'function', text: 'Function' },
        { id: 'asset', text: 'Asset' },
      ],
    },
  ],
});

/** Runs actions from the initial state. */
function run(...actions: QuizAction[]): QuizState {
  return actions.reduce((s, a) => reduceQuiz('sample', quiz, s, a), initialQuizState('sample', quiz));
}

const rightAnswers: QuizAction[] = [
  { type: 'answer.chosen', itemId: 'one', optionId: 'a' },
  { type: 'answer.toggled', itemId: 'many', optionId: 't' },
  { type: 'answer.matched', itemId: 'match', pairId: 'net', right: 'IP packet filtering' },
  { type: 'answer.matched', itemId: 'match', pairId: 'dev', right: 'PLC names' },
];

/** Moves steps into the item's order with up-buttons only, as a learner would. */
function sortOrdering(state: QuizState): QuizState {
  let s = state;
  const target = ['network', 'device', 'function', 'asset'];
  for (const [i, id] of target.entries()) {
    let answer = s.answers.order as Extract<ItemAnswer, { kind: 'ordering' }>;
    while (answer.order.indexOf(id) > i) {
      s = reduceQuiz('sample', quiz, s, { type: 'answer.moved', itemId: 'order', stepId: id, by: -1 });
      answer = s.answers.order as Extract<ItemAnswer, { kind: 'ordering' }>;
    }
  }
  return s;
}

function issues(data: unknown): string[] {
  const result = quizSchema.safeParse(data);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('quiz schema', () => {
  const single = (options: unknown[]) => ({
    title: 'Bad quiz',
    items: [
      { id: 'x', kind: 'single', prompt: 'A question here?', feedback: 'Because the guideline says so.', section: '§2-2-1', options },
    ],
  });

  it('refuses a single-choice item with two correct options, naming the field and the fix', () => {
    const found = issues(
      single([
        { id: 'a', text: 'A', correct: true },
        { id: 'b', text: 'B', correct: true },
      ]),
    );
    expect(found).toEqual([expect.stringMatching(/^items\.0\.options: .*exactly one .*found 2.*"multiple"/)]);
  });

  it('refuses a single-choice item with no correct option', () => {
    expect(issues(single([{ id: 'a', text: 'A' }, { id: 'b', text: 'B' }]))).toEqual([
      expect.stringContaining('found 0'),
    ]);
  });

  it('refuses repeated item ids and repeated option ids', () => {
    const item = (id: string) => ({
      id,
      kind: 'single',
      prompt: 'A question here?',
      feedback: 'Because the guideline says so.',
      section: '§2-2-1',
      options: [
        { id: 'a', text: 'A', correct: true },
        { id: 'a', text: 'B' },
      ],
    });
    const found = issues({ title: 'Bad quiz', items: [item('dup'), item('dup')] });
    expect(found).toContainEqual(expect.stringMatching(/^items: Item id "dup" is used twice/));
    expect(found).toContainEqual(expect.stringMatching(/^items\.0\.options: Option id "a" is used twice/));
  });

  it('refuses matching pairs whose right sides repeat, also against distractors', () => {
    const found = issues({
      title: 'Bad quiz',
      items: [
        {
          id: 'm',
          kind: 'matching',
          prompt: 'Match these things up.',
          feedback: 'Each thing has exactly one partner.',
          section: '§1-3',
          pairs: [
            { id: 'p1', left: 'L1', right: 'R' },
            { id: 'p2', left: 'L2', right: 'R2' },
          ],
          distractors: ['R'],
        },
      ],
    });
    expect(found).toEqual([expect.stringMatching(/^items\.0\.pairs: Right side "R" appears twice/)]);
  });

  it('refuses a section written without the § form and an unknown kind', () => {
    const found = issues({
      title: 'Bad quiz',
      items: [
        { id: 'a', kind: 'single', prompt: 'A question here?', feedback: 'Because the guideline says so.', section: '2-2-1', options: [] },
        { id: 'b', kind: 'essay', prompt: 'Write an essay.', feedback: 'Essays are not supported.', section: '§1-1' },
      ],
    });
    expect(found).toContainEqual(expect.stringMatching(/^items\.0\.section: .*§2-2-1/));
    expect(found.some((f) => f.startsWith('items.1'))).toBe(true);
  });
});

describe('grading', () => {
  it('gives full marks only when every item is fully right', () => {
    const s = sortOrdering(run(...rightAnswers));
    const checked = ['one', 'many', 'match', 'order'].reduce(
      (acc, itemId) => reduceQuiz('sample', quiz, acc, { type: 'item.checked', itemId }),
      s,
    );
    expect(summarize(quiz, checked)).toEqual({ score: 4, max: 4, checked: 4, complete: true });
  });

  it('marks a multiple-choice answer wrong when a correct option is missed or a wrong one ticked', () => {
    const item = quiz.items[1];
    if (item?.kind !== 'multiple') throw new Error('fixture');
    expect(gradeItem(item, { kind: 'multiple', choices: ['t', 'i'] })).toEqual({ correct: false, wrong: ['i'] });
    expect(gradeItem(item, { kind: 'multiple', choices: [] })).toEqual({ correct: false, wrong: ['t'] });
  });

  it('names the wrongly matched pair', () => {
    const item = quiz.items[2];
    if (item?.kind !== 'matching') throw new Error('fixture');
    const grade = gradeItem(item, {
      kind: 'matching',
      matches: { net: 'IP packet filtering', dev: 'Firewall on the IT side' },
    });
    expect(grade).toEqual({ correct: false, wrong: ['dev'] });
  });

  it('grades an answer of the wrong kind as wrong instead of throwing', () => {
    const item = quiz.items[0];
    if (!item) throw new Error('fixture');
    expect(gradeItem(item, { kind: 'ordering', order: [] }).correct).toBe(false);
    expect(gradeItem(item, undefined).correct).toBe(false);
  });
});

describe('learner actions', () => {
  it('locks an item once checked: later changes leave the state unchanged', () => {
    const checked = run({ type: 'answer.chosen', itemId: 'one', optionId: 'b' }, { type: 'item.checked', itemId: 'one' });
    expect(checked.checked.one).toEqual({ correct: false, wrong: ['a', 'b'] });
    const after = reduceQuiz('sample', quiz, checked, { type: 'answer.chosen', itemId: 'one', optionId: 'a' });
    expect(after).toBe(checked);
  });

  it('does not check an unanswered item', () => {
    const s = run({ type: 'item.checked', itemId: 'one' }, { type: 'item.checked', itemId: 'match' });
    expect(s.checked).toEqual({});
    expect(isAnswered(quiz.items[2] as Quiz['items'][number], s.answers.match)).toBe(false);
  });

  it('ignores unknown items, unknown options and actions for another kind', () => {
    const start = initialQuizState('sample', quiz);
    const bad: QuizAction[] = [
      { type: 'answer.chosen', itemId: 'nope', optionId: 'a' },
      { type: 'answer.chosen', itemId: 'one', optionId: 'zzz' },
      { type: 'answer.toggled', itemId: 'one', optionId: 'a' },
      { type: 'answer.matched', itemId: 'match', pairId: 'net', right: 'Not offered' },
      { type: 'answer.moved', itemId: 'one', stepId: 'a', by: 1 },
    ];
    for (const action of bad) expect(reduceQuiz('sample', quiz, start, action)).toBe(start);
  });

  it('toggles multiple-choice options on and off', () => {
    const s = run(
      { type: 'answer.toggled', itemId: 'many', optionId: 'd' },
      { type: 'answer.toggled', itemId: 'many', optionId: 't' },
      { type: 'answer.toggled', itemId: 'many', optionId: 'd' },
    );
    expect(s.answers.many).toEqual({ kind: 'multiple', choices: ['t'] });
  });

  it('starts an ordering item out of order, and reset brings back a fresh quiz', () => {
    const start = initialQuizState('sample', quiz);
    expect(start.answers.order).not.toEqual({ kind: 'ordering', order: ['network', 'device', 'function', 'asset'] });
    const s = run(...rightAnswers, { type: 'item.checked', itemId: 'one' }, { type: 'quiz.reset' });
    expect(s).toEqual(start);
  });

  it('restores stored answers as checked items with their grades', () => {
    const done = sortOrdering(run(...rightAnswers));
    const restored = reduceQuiz('sample', quiz, initialQuizState('sample', quiz), {
      type: 'quiz.restored',
      answers: done.answers,
    });
    expect(summarize(quiz, restored)).toEqual({ score: 4, max: 4, checked: 4, complete: true });
  });

  it('refuses stored answers that no longer fit the quiz, leaving the state unchanged', () => {
    const done = sortOrdering(run(...rightAnswers));
    const start = initialQuizState('sample', quiz);
    const stale = { ...done.answers, one: { kind: 'single', choice: 'removed-option' } };
    expect(validAnswers(quiz, stale)).toBeNull();
    expect(validAnswers(quiz, { one: 'garbage' })).toBeNull();
    expect(validAnswers(quiz, null)).toBeNull();
    expect(reduceQuiz('sample', quiz, start, { type: 'quiz.restored', answers: stale as never })).toBe(start);
  });
});

describe('shuffling and moving', () => {
  it('shuffles deterministically into a permutation that differs from the input', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string(), { minLength: 2, maxLength: 8 }), fc.string(), (values, seed) => {
        const once = seededShuffle(values, seed);
        expect(seededShuffle(values, seed)).toEqual(once);
        expect([...once].sort()).toEqual([...values].sort());
        expect(once).not.toEqual(values);
      }),
    );
  });

  it('moves a step by one place and refuses to move past either end', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string(), { minLength: 1, maxLength: 6 }),
        fc.nat(),
        fc.constantFrom(-1 as const, 1 as const),
        (order, pick, by) => {
          const i = pick % order.length;
          const id = order[i] as string;
          const moved = moveStep(order, id, by);
          const j = i + by;
          if (j < 0 || j >= order.length) expect(moved).toEqual(order);
          else {
            expect(moved[j]).toBe(id);
            expect(moved[i]).toBe(order[j]);
          }
        },
      ),
    );
  });
});

describe('content/quizzes', () => {
  const files = readdirSync(QUIZ_DIR).filter((f) => f.endsWith('.yaml'));
  const required = [
    '01-defense-in-depth',
    '02-threats-and-attack-vectors',
    '05-secure-communications',
    '06-ip-packet-filtering',
    '07-ports',
    '08-user-authentication',
    '09-plc-names',
    '10-operation-authority',
    '11-dip-switch-write-protection',
    '12-read-protection',
    '13-fins-write-protection',
    '14-lot-number-protection',
    '15-overwrite-time',
    '16-operation-log',
    '17-what-to-do',
    '18-keeping-up-to-date',
  ];

  it('has a quiz for every lesson that needs one', () => {
    expect(required.filter((id) => !files.includes(`${id}.yaml`))).toEqual([]);
  });

  it.each(files)('%s is valid, each function-lesson quiz with at least 4 items', (file) => {
    const data = parse(readFileSync(new URL(file, QUIZ_DIR), 'utf8'));
    const result = quizSchema.safeParse(data);
    const problems = result.success ? [] : result.error.issues.map((i) => `${file} ${i.path.join('.')}: ${i.message}`);
    expect(problems).toEqual([]);
    if (result.success && !/^1[78]-/.test(file)) expect(result.data.items.length).toBeGreaterThanOrEqual(4);
  });
});

describe('glossary anchors', () => {
  const LESSONS = new URL('../../content/lessons/', import.meta.url);
  const glossary = readFileSync(new URL('20-glossary.mdx', LESSONS), 'utf8');
  const anchors = new Set([...glossary.matchAll(/\bid="([a-z0-9-]+)"/g)].map((m) => m[1]));
  const sources = [
    ...readdirSync(LESSONS)
      .filter((f) => f.endsWith('.mdx'))
      .map((f) => ({ file: `content/lessons/${f}`, text: readFileSync(new URL(f, LESSONS), 'utf8') })),
    ...readdirSync(QUIZ_DIR)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => ({ file: `content/quizzes/${f}`, text: readFileSync(new URL(f, QUIZ_DIR), 'utf8') })),
  ];

  it('every link into the glossary, from any lesson or quiz, names a term it defines', () => {
    const broken = sources.flatMap(({ file, text }) =>
      [...text.matchAll(/20-glossary\/?#([a-z0-9-]+)/g)]
        .map((m) => m[1])
        .filter((id) => !anchors.has(id))
        .map((id) => `${file} → #${id}`),
    );
    expect(broken).toEqual([]);
  });

  it('defines each term once', () => {
    const ids = [...glossary.matchAll(/\bid="([a-z0-9-]+)"/g)].map((m) => m[1]);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(ids.length).toBeGreaterThan(40);
  });
});
