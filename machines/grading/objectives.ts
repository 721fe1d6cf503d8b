/** Each objective checked: config checks over the final state, questions, and traffic expectations. */
import type { ObjectiveResult } from './report.ts';
import { deepEqual, valueAt } from './json-values.ts';
import { INTENT_WORDS, matchWords, stateLabel, valueWords as show } from './setting-labels.ts';
import { stepTitle, titleInSentence } from '../request-path/stop-titles.ts';
import { FUNCTIONS } from '../catalog/threats.ts';
import { type Run, mainRack, auxWords } from './replay.ts';
import { AVAILABILITY, functionsOffered } from '../catalog/catalog.ts';
import { decodeTimestamp } from '../cpu/bcd.ts';
import { shiftMinutes } from '../cpu/clock.ts';
import { readWords } from '../cpu/cpu-hardware.ts';
import { formatIPv4, parseIPv4 } from '../eip/ip-address.ts';
import {
  type Answer,
  type ConfigCheck,
  type Derivation,
  type Expectation,
  hostilePasswords,
  lessonsFor,
  type Objective,
  POSTURE_OPS,
  type QuestionObjective,
  stepsOf,
} from './lab.ts';
import { alternatives, type CommUnitId, type CpuModelId, counted, FUNCTION_IDS, type Outcome, type StepSource } from '../model.ts';
import { checkPassword } from '../eip/password-policy.ts';
import { type PostureCheck, type PostureContext, runPostureCheck } from './posture.ts';
import type { RackView } from '../request-path/request-path.ts';

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

function matches(element: unknown, match: Record<string, unknown>): boolean {
  return Object.entries(match).every(([k, v]) => deepEqual(valueAt(element, k), v));
}

function weakPasswords(value: unknown): string[] {
  if (value === null || value === undefined) return ['no password is set'];
  if (typeof value === 'string') {
    const c = checkPassword(value);
    return c.ok ? [] : c.problems;
  }
  if (Array.isArray(value)) {
    return value.flatMap((u) => {
      const user = u as { name?: string; password?: string };
      const c = checkPassword(user.password ?? '', user.name ? { userName: user.name } : {});
      return c.ok ? [] : [`${user.name ?? 'a user'}: ${c.problems.join(' ')}`];
    });
  }
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, pw]) => {
      const c = checkPassword(String(pw));
      return c.ok ? [] : [`${k}: ${c.problems.join(' ')}`];
    });
  }
  return ['not a password'];
}

function isPosture(check: ConfigCheck): check is PostureCheck {
  return (POSTURE_OPS as readonly string[]).includes(check.op);
}

function runCheck(check: ConfigCheck, state: Record<string, unknown>, context: PostureContext): { ok: boolean; reason: string } {
  if (isPosture(check)) return runPostureCheck(check, state, context);
  if (check.op === 'offers') {
    const hardware = state.hardware as { cpu: CpuModelId; unit: CommUnitId | null };
    const offered = functionsOffered(hardware.cpu, hardware.unit ?? undefined);
    const missing = check.functions.filter((f) => offered[f].offered !== true);
    const ok = missing.length === 0;
    const what = `${hardware.cpu}${hardware.unit ? ` + ${hardware.unit}` : ''}`;
    return {
      ok,
      reason: ok
        ? (check.says ?? `${what} offers ${check.functions.map((f) => titleInSentence(FUNCTIONS[f].title)).join(', ')}`)
        : `${check.says ? `${check.says}: ` : ''}${what} lacks ${missing.map((f) => `${titleInSentence(FUNCTIONS[f].title)} (${offered[f].reason})`).join('; ')}`,
    };
  }
  const actual = valueAt(state, check.path);
  // The learner reads the setting's words, never its path (machines/grading/setting-labels.ts).
  const what = stateLabel(check.path);
  const label = check.says ?? what;
  const fail = (why: string) => ({ ok: false, reason: `${label}: ${why}` });
  const pass = { ok: true, reason: label };
  switch (check.op) {
    case 'equals':
      return deepEqual(actual, check.value) ? pass : fail(`expected ${show(check.value)} for ${what}, found ${show(actual)}`);
    case 'notEquals':
      return !deepEqual(actual, check.value) ? pass : fail(`${what} must not be ${show(check.value)}`);
    case 'includes':
      return Array.isArray(actual) && actual.some((v) => deepEqual(v, check.value)) ? pass : fail(`expected ${show(check.value)} among ${what}, found ${show(actual)}`);
    case 'excludes':
      return !(Array.isArray(actual) && actual.some((v) => deepEqual(v, check.value))) ? pass : fail(`${show(check.value)} must not be among ${what}`);
    case 'some':
      return Array.isArray(actual) && actual.some((e) => matches(e, check.match)) ? pass : fail(`nothing among ${what} has ${matchWords(check.match)}`);
    case 'none': {
      const found = Array.isArray(actual) ? actual.find((e) => matches(e, check.match)) : undefined;
      return found === undefined ? pass : fail(`${show(found)} must not be among ${what}`);
    }
    case 'empty':
      return isEmpty(actual) ? pass : fail(`${what} must be empty, found ${show(actual)}`);
    case 'notEmpty':
      return !isEmpty(actual) ? pass : fail(`${what} must not be empty`);
    case 'strongPasswords': {
      const weak = weakPasswords(actual);
      return weak.length === 0 ? pass : fail(`${weak.length === 1 ? 'a weak password' : `${counted(weak.length, 'weak password')}`} (§1-6): ${weak.join(' ')}`);
    }
  }
}

// ─── Questions ───

function normalise(format: QuestionObjective['format'], value: unknown): string | string[] | null {
  if (value === undefined || value === null) return null;
  if (format === 'choices') {
    const list = Array.isArray(value) ? value : [value];
    return [...new Set(list.map((v) => String(v).trim().toLowerCase()))].sort();
  }
  const text = String(Array.isArray(value) ? value.join(',') : value).trim();
  switch (format) {
    case 'ip': {
      const parsed = parseIPv4(text);
      return parsed.ok ? formatIPv4(parsed.value) : text;
    }
    case 'number': {
      const n = /^0x[0-9a-f]+$/i.test(text) ? Number.parseInt(text, 16) : Number(text);
      return Number.isFinite(n) ? String(n) : text;
    }
    case 'hex': {
      const digits = text.replace(/^0x/i, '').replace(/h$/i, '');
      return /^[0-9a-f]+$/i.test(digits) ? String(Number.parseInt(digits, 16)) : text;
    }
    case 'datetime': {
      // Compared to the minute, as a wall clock: "2026-03-02 14:05", "2026-03-02T14:05:00Z".
      const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})/.exec(text);
      return m ? `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}` : text;
    }
    default:
      return text.replace(/\s+/g, ' ').toLowerCase();
  }
}

function derive(run: Run, d: Derivation, scene: RackView): unknown {
  switch (d.from) {
    case 'log': {
      const log = scene.unit?.eip?.log ?? [];
      const w = d.where ?? {};
      const hits = log.filter(
        (e) =>
          (w.operation === undefined || e.operation === w.operation) &&
          (w.result === undefined || e.result === w.result) &&
          (w.user === undefined || e.user === w.user) &&
          (w.ip === undefined || e.ip === w.ip),
      );
      if (d.pick === 'count') return hits.length;
      const hit = d.pick === 'first' ? hits[0] : hits.at(-1);
      if (!hit) return undefined;
      const field = d.field ?? 'user';
      if (field === 'node') return run.lab.network.find((n) => n.ip === hit.ip)?.name ?? hit.ip;
      if (field === 'at') return shiftMinutes(hit.at, d.shiftMinutes);
      return hit[field];
    }
    case 'overwriteTime':
      return shiftMinutes(decodeTimestamp(auxWords(scene, d.which === 'program' ? 90 : 94)), d.shiftMinutes);
    case 'memory': {
      const word = readWords(scene.cpu.memory, d.area, d.address, 1)[0] ?? 0;
      return d.format === 'hex' ? `0x${word.toString(16).toUpperCase().padStart(4, '0')}` : String(word);
    }
    case 'tamper': {
      const now = auxWords(scene, d.which === 'program' ? 90 : 94);
      return deepEqual(now, run.baseline[d.which]) ? 'no' : 'yes';
    }
    case 'node': {
      const node = run.lab.network.find((n) => n.name === d.name);
      return node?.[d.field];
    }
    case 'outcome': {
      const entry = run.timeline.find((t) => t.phase === 'traffic' && t.id === d.step);
      if (!entry) return undefined;
      return entry.outcome.allowed ? 'allowed' : entry.outcome.blockedBy?.source;
    }
    case 'catalog':
      return FUNCTION_IDS.filter((f) => AVAILABILITY[d.cpu][f] === d.availability);
  }
}

/** The expected answer of a question for a lab run (derived or fixed), as the learner would write it. */
function expectedAnswer(run: Run, q: QuestionObjective): unknown {
  if (q.derive) return derive(run, q.derive, run.scene ?? mainRack(run).view());
  return q.expected;
}

// ─── Objectives ───

function describeOutcome(outcome: Outcome): string {
  if (outcome.allowed) return 'it was allowed';
  const b = outcome.blockedBy;
  return b ? `it was stopped by ${titleInSentence(stepTitle(b))} (${b.section}): ${b.reason}` : 'it was refused';
}

function describeExpect(expect: Expectation): string {
  if (expect === 'allowed') return 'it must get through';
  if (expect === 'blocked') return 'it must be stopped';
  return `it must be stopped by ${alternatives(expect.blockedBy.map((source: StepSource) => titleInSentence(stepTitle({ source, section: '' }))))}`;
}

/** Grades one objective against the run, the answer and the final state. */
export function gradeObjective(run: Run, o: Objective, answer: Answer, state: Record<string, unknown>): ObjectiveResult {
  const base = { id: o.id, title: o.title, kind: o.kind, points: o.points, ...(o.hint ? { hint: o.hint } : {}) };
  const result = (passed: boolean, reason: string, details: string[] = [], extraLessons: string[] = []): ObjectiveResult => ({
    ...base,
    passed,
    earned: passed ? o.points : 0,
    reason,
    details,
    lessons: [...new Set([...lessonsFor(o.functions), ...extraLessons])],
  });

  if (o.kind === 'traffic') {
    const steps = stepsOf(run.lab, o);
    const failures: string[] = [];
    const lessons: string[] = [];
    for (const step of steps) {
      const entry = run.timeline.find((t) => t.phase === 'traffic' && t.id === step.id);
      if (entry?.met !== false) continue;
      failures.push(`${step.label} (${INTENT_WORDS[step.intent]}, from ${step.from}): ${describeExpect(step.expect ?? 'allowed')}, but ${describeOutcome(entry.outcome)}`);
      const source = entry.outcome.blockedBy?.source;
      if (source && (FUNCTION_IDS as readonly string[]).includes(source)) lessons.push(...lessonsFor([source as (typeof FUNCTION_IDS)[number]]));
    }
    if (failures.length === 0) return result(true, steps.length === 1 ? 'The step had the outcome it needed.' : `All ${counted(steps.length, 'step')} had the outcome they needed.`);
    return result(false, failures[0] ?? 'a step went wrong', failures, lessons);
  }

  if (o.kind === 'config') {
    const context: PostureContext = { network: run.lab.network, knownPasswords: hostilePasswords(run.lab) };
    const outcomes = o.checks.map((c) => runCheck(c, state, context));
    const failed = outcomes.filter((c) => !c.ok).map((c) => c.reason);
    if (failed.length === 0) return result(true, outcomes.map((c) => c.reason).join('; '));
    return result(false, failed[0] ?? 'a check failed', failed);
  }

  const given = answer.answers && Object.hasOwn(answer.answers, o.id) ? answer.answers[o.id] : undefined;
  if (given === undefined || (typeof given === 'string' && given.trim() === '')) return result(false, 'Not answered.');
  const expected = expectedAnswer(run, o);
  if (expected === undefined) return result(false, 'The replay gives no answer to this question (the lab expects an event that did not happen).');
  const ok = deepEqual(normalise(o.format, given), normalise(o.format, expected));
  // The reason never reveals the expected answer, so a report cannot be copied.
  return ok ? result(true, 'Correct.') : result(false, `"${Array.isArray(given) ? given.join(', ') : given}" is not right.`);
}
