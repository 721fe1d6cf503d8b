/**
 * The learner's HTTP routes as functions of a Request and the exam flow's dependencies, so tests
 * call them with Request objects, their own database and a clock they move. The Astro route
 * modules (src/server/routes/) only supply the real dependencies.
 *
 * Every answer is JSON, never cached; a refusal names the field and the fix (problems.server.ts).
 * Before submission nothing here carries a key, a rationale or a hint: items leave only through
 * `publicItem`, and results only for closed attempts.
 */
import { learnerCookieHeader, learnerFrom, type Learner } from '../cohorts/learner-session.server.ts';
import { joinCohort } from '../cohorts/join.server.ts';
import { reviewAttempt } from '../exams/review.ts';
import { type AttemptView, attemptView, type ExamFlowDeps, openAttempt, resultOf, type SaveResult, saveResponses, startAttempt, submitAttempt } from './attempts.server.ts';
import { verifyCertificate } from './certificates.server.ts';
import { isExamForm, responsesFromForm } from './form.server.ts';
import { PRIVATE, readBody, refusal, unreadable } from './problems.server.ts';

/** The refusal for a request without a learner's cookie. */
export function notJoined(): Response {
  return refusal([{ field: 'learner', message: 'join your class first (the Class page, with your class code)' }], 401);
}

/** The learner behind the request, or the refusal to send. */
async function learnerOr401(request: Request, deps: ExamFlowDeps): Promise<Learner | Response> {
  return (await learnerFrom(request, deps.db)) ?? notJoined();
}

/** POST /api/class/join `{ classCode, displayName }` (JSON or form): 201 with the learner's cookie, or 400 naming the field. */
export async function handleJoin(request: Request, deps: ExamFlowDeps): Promise<Response> {
  const body = await readBody(request);
  if (!body) return unreadable();
  const joined = await joinCohort(deps.db, body.value ?? {}, deps.now());
  if (!joined.ok) return refusal(joined.problems);
  return Response.json(
    { cohort: joined.cohortName },
    { status: 201, headers: { ...PRIVATE, 'Set-Cookie': learnerCookieHeader(joined.token, new URL(request.url)) } },
  );
}

/** The JSON a view of an attempt in progress is sent as. */
function viewResponse(view: AttemptView, status = 200): Response {
  return Response.json(view, { status, headers: PRIVATE });
}

/** POST /api/exam/start: starts the learner's next attempt or resumes the open one; 200 with its public view, 409 with why not. */
export async function handleStart(request: Request, deps: ExamFlowDeps): Promise<Response> {
  const learner = await learnerOr401(request, deps);
  if (learner instanceof Response) return learner;
  const started = await startAttempt(deps, learner);
  if (!started.ok) return refusal([{ field: 'attempt', message: started.reason + (started.from ? ` (from ${started.from.toISOString()})` : '') }], started.status);
  return viewResponse(await attemptView(deps, started.attempt), started.resumed ? 200 : 201);
}

/** GET /api/exam/attempt: the open attempt's public view with the saved responses; 404 when none is open. */
export async function handleAttempt(request: Request, deps: ExamFlowDeps): Promise<Response> {
  const learner = await learnerOr401(request, deps);
  if (learner instanceof Response) return learner;
  const open = await openAttempt(deps, learner);
  if (!open) return refusal([{ field: 'attempt', message: 'no attempt is in progress: start one, or see your results' }], 404);
  return viewResponse(await attemptView(deps, open));
}

/**
 * Saves from either body: JSON `{ responses: { <item id>: response } }`, or the exam page's form
 * (form.server.ts), which the page's no-script path and its autosave both send.
 */
export async function saveFromBody(deps: ExamFlowDeps, learner: Learner, body: unknown): Promise<SaveResult> {
  if (!isExamForm(body)) return saveResponses(deps, learner, body);
  const open = await openAttempt(deps, learner);
  if (!open) return saveResponses(deps, learner, { responses: {} });
  const { items } = await attemptView(deps, open);
  const read = responsesFromForm(items, body);
  if (!read.ok) return { ok: false, status: 400, problems: read.problems };
  return saveResponses(deps, learner, { responses: read.responses });
}

/** POST /api/exam/save: 200 when stored; 400 naming the item (nothing stored); 409 once the time is up or no attempt is open. */
export async function handleSave(request: Request, deps: ExamFlowDeps): Promise<Response> {
  const learner = await learnerOr401(request, deps);
  if (learner instanceof Response) return learner;
  const body = await readBody(request);
  if (!body) return unreadable();
  const saved = await saveFromBody(deps, learner, body.value);
  if (!saved.ok) return refusal(saved.problems, saved.status);
  return Response.json({ savedAt: saved.savedAt.toISOString() }, { headers: PRIVATE });
}

/**
 * POST /api/exam/submit: hands in the open attempt, scored on the server from what was saved. The
 * body is not read for anything (a score in it changes nothing), but it must be JSON or form
 * fields if there is one.
 */
export async function handleSubmit(request: Request, deps: ExamFlowDeps): Promise<Response> {
  const learner = await learnerOr401(request, deps);
  if (learner instanceof Response) return learner;
  if (!(await readBody(request))) return unreadable();
  const submitted = await submitAttempt(deps, learner);
  if (!submitted.ok) return refusal(submitted.problems, submitted.status);
  return Response.json({ attemptId: submitted.attemptId, status: submitted.status, result: `/exam/result/${submitted.attemptId}` }, { headers: PRIVATE });
}

/** GET /api/exam/result/<attempt>: a closed attempt's score, pass or fail, areas and review (with keys: it is over). 404 otherwise. */
export async function handleResult(request: Request, deps: ExamFlowDeps, attemptId: string): Promise<Response> {
  const learner = await learnerOr401(request, deps);
  if (learner instanceof Response) return learner;
  const result = await resultOf(deps, learner, attemptId);
  if (!result) return refusal([{ field: 'attempt', message: 'no submitted attempt of yours has this id' }], 404);
  const { attempt, scored } = result;
  return Response.json(
    {
      exam: result.title,
      status: attempt.status,
      submittedAt: attempt.submittedAt?.toISOString(),
      percent: attempt.score,
      passed: attempt.passed,
      areas: scored.areas,
      certificate: result.certificateCode ?? null,
      // A revoked certificate: the attempt no longer counts as a pass (the staff's reason stays with the staff).
      certificateRevokedAt: result.certificateRevokedAt?.toISOString() ?? null,
      review: reviewAttempt(attempt.draw, scored),
    },
    { headers: PRIVATE },
  );
}

/** GET /api/verify/<code>: `{ status: valid | revoked | unknown, … }`, always 200, never cached. */
export async function handleVerify(deps: ExamFlowDeps, code: string): Promise<Response> {
  const verdict = await verifyCertificate(deps.db, deps.catalog, code);
  return Response.json(verdict, { headers: PRIVATE });
}
