/**
 * The exam page's plain form (it works without JavaScript) turned into the responses the save
 * route takes. Field names, one place for the page and the server:
 * - `items`: the opaque id of every question on the page (a question whose fields are all empty
 *   is cleared);
 * - `q.<item>`: the chosen option (single), each ticked option (multiple), or the lab answer as
 *   JSON (performance);
 * - `q.<item>.<step>`: the position given to a step (ordering, "1" first);
 * - `q.<item>.<prompt>`: the choice matched to a statement (matching).
 */
import type { ExamWorkbenchProps } from '../../labs/ExamWorkbench.tsx';
import type { PublicItem } from '../exams/draw.ts';
import type { FieldProblem } from './problems.server.ts';

/** The form field of a question, or of one of its steps or statements. */
export function fieldName(itemId: string, partId?: string): string {
  return partId === undefined ? `q.${itemId}` : `q.${itemId}.${partId}`;
}

/** The id of a performance item's answer field (its textarea), which the workbench island takes over. */
export function answerFieldId(itemId: string): string {
  return `answer-${itemId}`;
}

/**
 * The props the exam page gives a performance item's workbench island — serialized into the page,
 * so only the item's public view: its opaque id, the keyless lab (public-lab.ts) and its field.
 */
export function examWorkbenchProps(item: Extract<PublicItem, { type: 'performance' }>): ExamWorkbenchProps {
  return { item: item.id, lab: item.lab, fieldId: answerFieldId(item.id) };
}

/** The form fields as read by `readBody` (a field sent twice is a list). */
export type FormFields = Readonly<Record<string, string | string[] | undefined>>;

function one(fields: FormFields, name: string): string {
  const value = fields[name];
  return (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).trim();
}

function all(fields: FormFields, name: string): string[] {
  const value = fields[name];
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((v) => v !== '');
}

/** Whether a body is the exam page's form (it lists its questions in `items`). */
export function isExamForm(body: unknown): body is FormFields {
  return typeof body === 'object' && body !== null && !Array.isArray(body) && 'items' in body;
}

/**
 * The responses the form holds for the questions it lists, by opaque item id (`null` clears one),
 * or the problems, each naming the question. Items must be of the attempt (`items`, its public view).
 */
export function responsesFromForm(items: readonly PublicItem[], fields: FormFields): { ok: true; responses: Record<string, unknown> } | { ok: false; problems: FieldProblem[] } {
  const responses: Record<string, unknown> = {};
  const problems: FieldProblem[] = [];
  for (const id of all(fields, 'items')) {
    const number = items.findIndex((i) => i.id === id);
    const item = items[number];
    if (!item) {
      problems.push({ field: 'items', message: 'the form lists a question that is not in your attempt: reload the exam page' });
      continue;
    }
    const name = fieldName(item.id);
    switch (item.type) {
      case 'single':
        responses[item.id] = one(fields, name) || null;
        break;
      case 'multiple': {
        const ticked = all(fields, name);
        responses[item.id] = ticked.length > 0 ? ticked : null;
        break;
      }
      case 'ordering': {
        const positions = item.steps.map((s) => one(fields, fieldName(item.id, s.id)));
        if (positions.every((p) => p === '')) {
          responses[item.id] = null;
          break;
        }
        const places = positions.map(Number);
        const valid = places.every((p) => Number.isInteger(p) && p >= 1 && p <= item.steps.length) && new Set(places).size === places.length;
        if (!valid) {
          problems.push({ field: name, message: `question ${number + 1}: give every step a different position from 1 to ${item.steps.length}` });
          break;
        }
        responses[item.id] = item.steps.map((s, i) => ({ id: s.id, place: places[i] as number })).sort((a, b) => a.place - b.place).map((s) => s.id);
        break;
      }
      case 'matching': {
        const pairs = item.prompts.flatMap((p) => {
          const choice = one(fields, fieldName(item.id, p.id));
          return choice === '' ? [] : [[p.id, choice] as const];
        });
        responses[item.id] = pairs.length > 0 ? Object.fromEntries(pairs) : null;
        break;
      }
      case 'performance': {
        const text = one(fields, name);
        if (text === '') {
          responses[item.id] = null;
          break;
        }
        try {
          responses[item.id] = JSON.parse(text);
        } catch {
          problems.push({ field: name, message: `question ${number + 1}: the lab answer is not valid JSON; check the brackets, quotes and commas` });
        }
        break;
      }
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, responses };
}
