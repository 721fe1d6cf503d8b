/**
 * The access table of the served routes and what the authorization and malformed-body tests share:
 * the six identities seeded into the process's database (two classes, each with its instructor
 * and a learner, and an admin), and one way to call any served route as one of them.
 *
 * Import this only after pointing PGLITE_DIR at a throwaway directory: the routes open the
 * process's own database (`getDatabase`), as they do in the server.
 */
import { expect } from 'vitest';
import { accountPage } from '../../src/server/auth/account-page.server.ts';
import { adminAccountPage, adminListPage } from '../../src/server/auth/admin-pages.server.ts';
import type { FormState, PageOutcome } from '../../src/server/auth/forms.server.ts';
import { setupPage } from '../../src/server/auth/setup-page.server.ts';
import { signInPage, signOutPage } from '../../src/server/auth/sign-in.server.ts';
import { staffServices } from '../../src/server/auth/staff-auth.server.ts';
import { classLabPage } from '../../src/server/class-labs-page/class-lab-page.server.ts';
import { classLabDeps } from '../../src/server/cohort-labs/deps.server.ts';
import { joinCohort } from '../../src/server/cohorts/join.server.ts';
import { cohortPage } from '../../src/server/instructor/cohort-page.server.ts';
import { instructorDeps } from '../../src/server/instructor/deps.server.ts';
import { instructorHomePage } from '../../src/server/instructor/home-page.server.ts';
import { hashToken, LEARNER_COOKIE, learnerFrom } from '../../src/server/cohorts/learner-session.server.ts';
import { getDatabase } from '../../src/server/db/database.server.ts';
import { certificate, cohortLearner, user } from '../../src/server/db/schema.server.ts';
import { openAttempt, resultOf, startAttempt, submitAttempt } from '../../src/server/exam-flow/attempts.server.ts';
import { certificateOf } from '../../src/server/exam-flow/certificates.server.ts';
import { servedDeps } from '../../src/server/exam-flow/deps.server.ts';
import { saveFromBody } from '../../src/server/exam-flow/handlers.server.ts';
import { readBody } from '../../src/server/exam-flow/problems.server.ts';
import { ADMIN, BASE, cookieHeader, GOOD_PASSWORD, INSTRUCTOR, post, responseOf, setUpAdmin, signIn } from './auth/staff-fixtures.ts';
import { seedClass } from './exam-flow/flow-fixtures.ts';

/** Who is asking. "learner" and "instructor" belong to the class whose objects the routes are asked for. */
export const IDENTITIES = ['anonymous', 'learner', 'other learner', 'instructor', 'other instructor', 'admin'] as const;
/** One of IDENTITIES. */
export type Identity = (typeof IDENTITIES)[number];

/**
 * What a route answers one identity:
 * - `allowed`: past the gate (any answer below 500 that is not one of the others — a 400 for an
 *   empty form, a 409 "no attempt open" still means the door opened);
 * - `sign-in`: 401, or a redirect to the staff sign-in page or to the class join page;
 * - `forbidden`: 403;
 * - `not-found`: 404 — for someone else's object, the same answer as for one that does not exist.
 */
export type Outcome = 'allowed' | 'sign-in' | 'forbidden' | 'not-found';

/** One row of the access table. */
export interface TableRoute {
  methods: readonly ('GET' | 'POST')[];
  /** Set when the route's parameter names someone's object: then a 404 is never "allowed". */
  ownedObject?: true;
  access: Record<Identity, Outcome>;
}

const everyone = (outcome: Outcome): Record<Identity, Outcome> => ({
  anonymous: outcome,
  learner: outcome,
  'other learner': outcome,
  instructor: outcome,
  'other instructor': outcome,
  admin: outcome,
});
const PUBLIC = everyone('allowed');
/** Any learner with a class; staff are not learners (they have no learner cookie). */
const LEARNERS = { ...everyone('sign-in'), learner: 'allowed', 'other learner': 'allowed' } as const;
/** The learner's own object: someone else's looks like no object at all. */
const OWN_OBJECT = { ...everyone('sign-in'), learner: 'allowed', 'other learner': 'not-found' } as const;
/** A lab of the learner's class: a learner of another class is refused it. */
const CLASS_LAB = { ...everyone('sign-in'), learner: 'allowed', 'other learner': 'forbidden' } as const;
const STAFF = { ...everyone('sign-in'), instructor: 'allowed', 'other instructor': 'allowed', admin: 'allowed' } as const;
const ADMIN_ONLY = { ...everyone('sign-in'), instructor: 'forbidden', 'other instructor': 'forbidden', admin: 'allowed' } as const;
/**
 * For instructor routes on one class (`[cohortId]` is the class of "instructor" and "learner"):
 * its instructor and admins; another instructor is told there is no such class (mark the row
 * `ownedObject`).
 */
export const OWN_CLASS = { ...everyone('sign-in'), instructor: 'allowed', 'other instructor': 'not-found', admin: 'allowed' } as const;

/**
 * Every served route's access, keyed by its pattern in SERVED_ROUTES. A new route must add its row
 * (the authorization test fails until it does).
 */
export const ACCESS: Readonly<Record<string, TableRoute>> = {
  '/api/health': { methods: ['GET'], access: PUBLIC },
  '/class': { methods: ['GET', 'POST'], access: PUBLIC },
  '/exam': { methods: ['GET', 'POST'], access: LEARNERS },
  '/exam/attempt': { methods: ['GET', 'POST'], access: LEARNERS },
  '/exam/review': { methods: ['GET', 'POST'], access: LEARNERS },
  '/exam/result/[attempt]': { methods: ['GET'], ownedObject: true, access: OWN_OBJECT },
  '/exam/certificate/[attempt]': { methods: ['GET'], ownedObject: true, access: OWN_OBJECT },
  '/verify': { methods: ['GET'], access: PUBLIC },
  '/verify/[code]': { methods: ['GET'], access: PUBLIC },
  '/api/class/join': { methods: ['POST'], access: PUBLIC },
  '/api/exam/start': { methods: ['POST'], access: LEARNERS },
  '/api/exam/attempt': { methods: ['GET'], access: LEARNERS },
  '/api/exam/save': { methods: ['POST'], access: LEARNERS },
  '/api/exam/submit': { methods: ['POST'], access: LEARNERS },
  '/api/exam/result/[attempt]': { methods: ['GET'], ownedObject: true, access: OWN_OBJECT },
  '/api/verify/[code]': { methods: ['GET'], access: PUBLIC },
  '/api/class/labs/[labId]/submit': { methods: ['POST'], access: CLASS_LAB },
  '/api/class/labs/[labId]/hints/[hintId]': { methods: ['POST'], access: CLASS_LAB },
  // The page of a lab of the learner's class: another class's learner is told there is no such lab.
  '/class/labs/[labId]': { methods: ['GET'], ownedObject: true, access: OWN_OBJECT },
  // A setup link is its own credential; once an admin exists every link answers "not found" alike.
  '/setup/[token]': { methods: ['GET', 'POST'], access: everyone('not-found') },
  '/instructor/sign-in': { methods: ['GET', 'POST'], access: PUBLIC },
  // Open to all: the POST always lands on the sign-in page (signed out, or nobody was signed in).
  '/instructor/sign-out': { methods: ['GET'], access: PUBLIC },
  '/instructor/account': { methods: ['GET', 'POST'], access: STAFF },
  '/instructor/admin': { methods: ['GET', 'POST'], access: ADMIN_ONLY },
  '/instructor/admin/accounts/[id]': { methods: ['GET', 'POST'], access: ADMIN_ONLY },
  // Every instructor has a home (their own classes; an admin sees all).
  '/instructor': { methods: ['GET', 'POST'], access: STAFF },
  // One class: its instructor and admins; another instructor is told there is no such class.
  '/instructor/cohorts/[cohortId]': { methods: ['GET', 'POST'], ownedObject: true, access: OWN_CLASS },
  '/api/instructor/cohorts/[cohortId]/dashboard.csv': { methods: ['GET'], ownedObject: true, access: OWN_CLASS },
  '/api/instructor/cohorts/[cohortId]/dashboard/events': { methods: ['GET'], ownedObject: true, access: OWN_CLASS },
};

/** The outcome a response stands for (see Outcome); a 5xx is reported as itself and never matches. */
export function outcomeOf(response: Response, ownedObject: boolean): Outcome | string {
  const { status } = response;
  if (status >= 500) return `server error ${status}`;
  if (status === 401) return 'sign-in';
  if (status === 403) return 'forbidden';
  if (status === 404 && ownedObject) return 'not-found';
  if (status === 404 && response.headers.get('x-authz-kind') === 'page') return 'not-found';
  if (status >= 300 && status < 400) {
    const to = new URL(response.headers.get('location') ?? '', BASE).pathname;
    if (to === '/instructor/sign-in' || to === '/class') return 'sign-in';
  }
  return 'allowed';
}

/** The identities' cookies and ids, and `call` to reach any route as one of them. */
export interface Setup {
  cookies: Record<Identity, string>;
  learnerIds: Record<'learner' | 'other learner', string>;
  call(entrypoint: string, pattern: string, method: 'GET' | 'POST', identity: Identity, body?: RequestInit): Promise<Response>;
}

type Handler = (context: { request: Request; params: Record<string, string>; url: URL; clientAddress: string }) => Response | Promise<Response>;

/** A page outcome as the page sends it: its response, or the form rendered with its status (marked as a page for outcomeOf). */
function pageResponse(outcome: PageOutcome | { response: Response } | { form: FormState }): Response {
  if ('response' in outcome) return outcome.response;
  const form = 'form' in outcome ? outcome.form : outcome;
  return rendered(form.status, Object.keys(form.errors));
}

/** A page the learner pages would render (the status is what matters here). */
function rendered(status = 200, fields: readonly string[] = []): Response {
  return new Response('page', { status, headers: { 'x-authz-kind': 'page', [PAGE_FIELDS_HEADER]: fields.join(',') } });
}

/** On a rendered page's stand-in response: the fields its problems are shown beside. */
export const PAGE_FIELDS_HEADER = 'x-authz-fields';
const toClass = () => new Response(null, { status: 303, headers: { location: '/class' } });

/**
 * The learner pages (.astro) keep their gate in the page: no cookie → the join page; someone else's
 * attempt → 404; a POST reads the form the way the page does. These run the same functions the pages
 * call, in the same order (the browser tests render the pages themselves).
 */
const learnerPages: Record<string, (request: Request, params: Record<string, string>) => Promise<Response>> = {
  'class-page.astro': async (request) => {
    if (request.method !== 'POST') return rendered();
    const deps = await servedDeps();
    const fields = ((await readBody(request))?.value ?? {}) as Record<string, unknown>;
    const joined = await joinCohort(deps.db, { classCode: fields.classCode, displayName: fields.displayName }, deps.now());
    return joined.ok ? new Response(null, { status: 303, headers: { location: '/exam' } }) : rendered(400, joined.problems.map((p) => p.field));
  },
  'class-lab-page.astro': async (request, params) => {
    const deps = await classLabDeps();
    const page = await classLabPage(request, deps.database.db, deps.labs, params.labId ?? '');
    return rendered(page.kind === 'ok' ? 200 : page.kind === 'not-joined' ? 401 : 404);
  },
  'verify-form-page.astro': async () => rendered(),
  'verify-page.astro': async () => rendered(),
  'exam-page.astro': async (request) => {
    const deps = await servedDeps();
    const learner = await learnerFrom(request, deps.db);
    if (!learner) return toClass();
    if (request.method === 'POST') {
      const started = await startAttempt(deps, learner);
      return started.ok ? new Response(null, { status: 303, headers: { location: '/exam/attempt' } }) : rendered(started.status);
    }
    return rendered();
  },
  'exam-attempt-page.astro': async (request) => {
    const deps = await servedDeps();
    const learner = await learnerFrom(request, deps.db);
    if (!learner) return toClass();
    const toExam = () => new Response(null, { status: 303, headers: { location: '/exam' } });
    if (request.method === 'POST') {
      const saved = await saveFromBody(deps, learner, (await readBody(request))?.value ?? {});
      if (saved.ok) return new Response(null, { status: 303, headers: { location: '/exam/attempt?saved=1' } });
      if (saved.status === 409) return toExam();
      return rendered(400, saved.problems.map((p) => p.field));
    }
    return (await openAttempt(deps, learner)) ? rendered() : toExam();
  },
  'exam-review-page.astro': async (request) => {
    const deps = await servedDeps();
    const learner = await learnerFrom(request, deps.db);
    if (!learner) return toClass();
    if (request.method === 'POST') await submitAttempt(deps, learner);
    return rendered();
  },
  'exam-result-page.astro': async (request, params) => {
    const deps = await servedDeps();
    const learner = await learnerFrom(request, deps.db);
    if (!learner) return toClass();
    return rendered((await resultOf(deps, learner, params.attempt ?? '')) ? 200 : 404);
  },
  'exam-certificate-page.astro': async (request, params) => {
    const deps = await servedDeps();
    const learner = await learnerFrom(request, deps.db);
    if (!learner) return toClass();
    return rendered((await certificateOf(deps.db, deps.catalog, learner.id, params.attempt ?? '', BASE)) ? 200 : 404);
  },
};

/** The staff pages (.astro) are thin shells around these handlers. */
const staffPages: Record<string, (request: Request, params: Record<string, string>) => Promise<Response>> = {
  'first-admin-setup.astro': async (request, params) => pageResponse(await setupPage({ request, token: params.token ?? '' })),
  'staff-sign-in.astro': async (request) => pageResponse(await signInPage({ request, clientAddress: '203.0.113.9' })),
  'staff-sign-out.astro': async (request) => pageResponse(await signOutPage({ request })),
  'staff-account.astro': async (request) => pageResponse(await accountPage({ request })),
  'staff-admin.astro': async (request) => {
    const outcome = await adminListPage({ request });
    return 'response' in outcome ? outcome.response : pageResponse(outcome);
  },
  'instructor-home.astro': async (request) => pageResponse(await instructorHomePage({ request }, await instructorDeps())),
  'instructor-cohort.astro': async (request, params) => pageResponse(await cohortPage({ request, id: params.cohortId ?? '' }, await instructorDeps())),
  'staff-admin-account.astro': async (request, params) => {
    const outcome = await adminAccountPage({ request, id: params.id ?? '' });
    return 'response' in outcome ? outcome.response : pageResponse(outcome);
  },
};

const LEARNER_TOKENS = { learner: 'learner-token-of-the-night-class-0001', 'other learner': 'learner-token-of-the-day-class-00002' } as const;
const OTHER_INSTRUCTOR = { name: 'Otto Other', email: 'otto@example.org', password: GOOD_PASSWORD };

/**
 * Seeds the six identities into the process's database and returns how to call routes as them:
 * an admin (through the first-admin setup link), two instructors (created by the admin), a class
 * of each instructor with one learner each, and a handed-in attempt of "learner" with a
 * certificate (the object the [attempt] routes are asked for).
 */
export async function setUpIdentities(): Promise<Setup> {
  const services = await staffServices();
  await setUpAdmin(services);
  const admin = await signIn(services, ADMIN.email, ADMIN.password);
  for (const account of [INSTRUCTOR, OTHER_INSTRUCTOR]) {
    expect(responseOf(await adminListPage({ request: post('/instructor/admin', account, admin) }, services)).status).toBe(303);
  }
  const instructor = await signIn(services, INSTRUCTOR.email, INSTRUCTOR.password);
  const otherInstructor = await signIn(services, OTHER_INSTRUCTOR.email, OTHER_INSTRUCTOR.password);

  const deps = await servedDeps();
  const { db } = await getDatabase();
  const idOf = async (email: string) => (await db.query.user.findFirst({ where: (u, { eq }) => eq(u.email, email) }))?.id ?? '';
  const instructorId = await idOf(INSTRUCTOR.email);
  const examId = deps.catalog.exams[0]?.id ?? '';
  const labsOf = { learner: ['03-dip-write-protection'], 'other learner': ['05-cpu-setup-hardening'] };
  const owners = { learner: instructorId, 'other learner': await idOf(OTHER_INSTRUCTOR.email) };
  const learnerIds = { learner: '', 'other learner': '' };
  const cohortIds = { learner: '', 'other learner': '' };
  for (const who of ['learner', 'other learner'] as const) {
    const made = await seedClass(db, deps.now(), { instructorId: owners[who], examId, labIds: labsOf[who] });
    const [row] = await db.insert(cohortLearner).values({ cohortId: made.id, displayName: `${who} name`, tokenHash: hashToken(LEARNER_TOKENS[who]) }).returning();
    learnerIds[who] = row?.id ?? '';
    cohortIds[who] = made.id;
  }

  // The learner's own object: a handed-in attempt, with a certificate.
  const learner = await learnerFrom(new Request(BASE, { headers: { cookie: `${LEARNER_COOKIE}=${LEARNER_TOKENS.learner}` } }), db);
  if (!learner) throw new Error('the seeded learner is not found by their cookie');
  const started = await startAttempt(deps, learner);
  if (!started.ok) throw new Error(`no attempt: ${started.reason}`);
  const submitted = await submitAttempt(deps, learner);
  if (!submitted.ok) throw new Error('the attempt was not handed in');
  const attemptId = submitted.attemptId;
  await db.insert(certificate).values({ code: 'AUTHZ-TEST-CODE', attemptId, name: 'learner name', examId, score: 1, maxScore: 1 });
  const [lab] = labsOf.learner;
  const hintId = (await import('./cohort-fixtures.ts').then((m) => m.labCatalog())).get(lab ?? '')?.hints[0]?.id ?? '';

  const cookies: Record<Identity, string> = {
    anonymous: '',
    learner: `${LEARNER_COOKIE}=${LEARNER_TOKENS.learner}`,
    'other learner': `${LEARNER_COOKIE}=${LEARNER_TOKENS['other learner']}`,
    instructor,
    'other instructor': otherInstructor,
    admin,
  };
  // The values the route parameters take: the learner's objects, the instructor's account.
  const params: Record<string, string> = { attempt: attemptId, code: 'AUTHZ-TEST-CODE', labId: lab ?? '', hintId, token: 'not-a-setup-token', id: instructorId, cohortId: cohortIds.learner };
  expect(await db.$count(user)).toBeGreaterThanOrEqual(3);

  return {
    cookies,
    learnerIds,
    async call(entrypoint, pattern, method, identity, init = {}) {
      const path = pattern.replace(/\[(\w+)\]/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
      const headers = new Headers(init.headers);
      if (cookies[identity]) headers.set('cookie', cookies[identity]);
      if (method === 'POST') {
        headers.set('origin', BASE);
        if (!headers.has('content-type') && init.body === undefined) headers.set('content-type', 'application/x-www-form-urlencoded');
      }
      const request = new Request(new URL(path, BASE), { method, headers, ...(method === 'POST' ? { body: init.body ?? '' } : {}) });
      const page = learnerPages[entrypoint] ?? staffPages[entrypoint];
      if (page) return page(request, params);
      if (!entrypoint.endsWith('.server.ts')) throw new Error(`${entrypoint} is a page: add how to reach it to learnerPages or staffPages in test/server/authorization-fixtures.ts`);
      const module = (await import(`../../src/server/routes/${entrypoint.replace(/\.server\.ts$/, '')}.server.ts`)) as Partial<Record<'GET' | 'POST', Handler>>;
      const handler = module[method];
      if (!handler) return new Response(null, { status: 405 });
      return handler({ request, params, url: new URL(request.url), clientAddress: '203.0.113.9' });
    },
  };
}

/** The `cookie` header of a response (re-exported for tests that sign in again). */
export { cookieHeader };
