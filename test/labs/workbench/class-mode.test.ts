/**
 * The class mode's small rules: what is posted (never the hints: the server knows which it
 * revealed) and how a refusal reads to a learner (the message, not the field's name).
 */
import { expect, it } from 'vitest';
import { refusalText, submittedAnswer } from '../../../src/labs/class-mode.ts';

it('posts the settings, actions and answers, never the hints the learner claims', () => {
  const answer = { settings: { 'cpu.dipWriteProtect': true }, actions: ['program.transfer' as const], answers: { q: 'yes' }, hintsUsed: ['what'] };
  expect(submittedAnswer(answer)).toEqual({ settings: { 'cpu.dipWriteProtect': true }, actions: ['program.transfer'], answers: { q: 'yes' } });
});

it('words a refusal with the server’s message, without the field’s identifier', async () => {
  const refused = Response.json({ error: 'learner: join your class first', problems: [{ field: 'learner', message: 'join your class first' }] }, { status: 401 });
  expect(await refusalText(refused)).toBe('The server refused it: join your class first.');
});

it('says the status when the server’s answer is not one of its refusals', async () => {
  expect(await refusalText(new Response('<html>Bad gateway</html>', { status: 502 }))).toBe('The server could not take it (status 502). Try again in a moment.');
});
