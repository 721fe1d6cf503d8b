/**
 * The instructor's side of a class, driven with Request objects as a browser sends them: creating
 * a class (a good form stores it with a drawn class code and an audit entry; a bad one is a 400
 * naming each field, and stores nothing), who sees which class (its instructor and admins; another
 * instructor gets the same 404 as for a missing class; anonymous visitors are sent to sign in),
 * and the overrides — reset, reopen, accommodation, revocation — which take effect where the exam
 * flow and /verify read them, each with its reason in the audit log, none without one.
 */
import { and, count, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { adminListPage } from '../../../src/server/auth/admin-pages.server.ts';
import type { FormState } from '../../../src/server/auth/forms.server.ts';
import type { StaffServices } from '../../../src/server/auth/staff-auth.server.ts';
import { staffFrom } from '../../../src/server/auth/staff.server.ts';
import { handleDashboardCsv } from '../../../src/server/cohort-labs/handlers.server.ts';
import type { Learner } from '../../../src/server/cohorts/learner-session.server.ts';
import { accommodation, attemptResponse, auditLog, certificate, cohort, cohortLearner, examAttempt, user } from '../../../src/server/db/schema.server.ts';
import { startAttempt, submitAttempt } from '../../../src/server/exam-flow/attempts.server.ts';
import { newCertificateCode, verifyCertificate } from '../../../src/server/exam-flow/certificates.server.ts';
import { CLASS_CODE_ALPHABET } from '../../../src/server/instructor/class-code.server.ts';
import { type CohortOutcome, cohortPage } from '../../../src/server/instructor/cohort-page.server.ts';
import type { InstructorDeps } from '../../../src/server/instructor/deps.server.ts';
import { type HomeOutcome, instructorHomePage } from '../../../src/server/instructor/home-page.server.ts';
import { ADMIN, BASE, freshServices, get, INSTRUCTOR, post, responseOf, setUpAdmin, signIn } from '../auth/staff-fixtures.ts';
import { labCatalog } from '../cohort-fixtures.ts';
import { onEachDriver } from '../db/databases.ts';
import { SHORT_EXAM, testCatalog } from '../exam-flow/flow-fixtures.ts';

const OTHER = { name: 'Otto Other', email: 'otto@example.org', password: 'Other-Class-9' };

/** A fresh database with an admin and two instructors signed in, and the instructor pages' dependencies. */
async function arrange(driver: Parameters<typeof freshServices>[0]) {
  const { services, clock } = await freshServices(driver);
  await setUpAdmin(services);
  const admin = await signIn(services, ADMIN.email, ADMIN.password);
  for (const who of [INSTRUCTOR, OTHER]) expect(responseOf(await adminListPage({ request: post('/instructor/admin', who, admin) }, services)).status).toBe(303);
  const instructor = await signIn(services, INSTRUCTOR.email, INSTRUCTOR.password);
  const other = await signIn(services, OTHER.email, OTHER.password);
  const labs = await labCatalog();
  const deps: InstructorDeps = { services, labs, catalog: await testCatalog(), now: () => clock.now };
  return { services, clock, deps, admin, instructor, other, labIds: [...labs.keys()] };
}

/** A class of the instructor's with one learner, Lena, whose exam attempt has started. */
async function withStartedAttempt(driver: Parameters<typeof freshServices>[0]) {
  const arranged = await arrange(driver);
  const { services, clock, deps, instructor, labIds } = arranged;
  const id = await createClass(deps, instructor, labIds.slice(0, 1));
  const learner = await learnerIn(services, id, 'Lena');
  const { db } = services.database;
  const exam = { db, catalog: deps.catalog, now: () => clock.now };
  const started = await startAttempt(exam, learner);
  if (!started.ok) throw new Error(started.reason);
  return { ...arranged, id, learner, db, exam, started };
}

/** The form a page outcome renders (the test fails on a redirect). */
function formOf(outcome: HomeOutcome | CohortOutcome): FormState {
  expect(outcome, 'expected a page, got a redirect or refusal').not.toHaveProperty('response');
  return (outcome as { form: FormState }).form;
}

/** A good create-class form. */
function classForm(fields: Record<string, string> = {}): Record<string, string> {
  return { name: 'Night shift', exam: SHORT_EXAM.id, opensAt: '2026-12-03T05:00', closesAt: '2026-12-17T05:00', seatCap: '12', ...fields };
}

/** The form as a browser posts it, one `labs` entry per ticked box. */
function postClass(fields: Record<string, string>, labs: string[], cookie: string, path = '/instructor'): Request {
  const body = new URLSearchParams(fields);
  for (const lab of labs) body.append('labs', lab);
  return new Request(new URL(path, BASE), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: BASE, cookie },
    body,
  });
}

/** Creates a class through the page as `cookie`'s instructor; returns its id. */
async function createClass(deps: InstructorDeps, cookie: string, labIds: string[]): Promise<string> {
  const response = responseOf(await instructorHomePage({ request: postClass(classForm(), labIds, cookie) }, deps));
  expect(response.status).toBe(303);
  return new URL(response.headers.get('location') ?? '', 'http://x').searchParams.get('created') ?? '';
}

/** A learner of the class, inserted as joining would leave it. */
async function learnerIn(services: StaffServices, cohortId: string, displayName: string): Promise<Learner> {
  const { db } = services.database;
  const [row] = await db.insert(cohortLearner).values({ cohortId, displayName, tokenHash: `hash-${displayName}` }).returning();
  const [c] = await db.select().from(cohort).where(eq(cohort.id, cohortId));
  return { id: row?.id ?? '', displayName, cohortId, cohortName: c?.name ?? '', examId: c?.examId ?? null };
}

async function auditOf(services: StaffServices, action: string) {
  return services.database.db.select().from(auditLog).where(eq(auditLog.action, action as 'cohort.created'));
}

onEachDriver((driver) => {
  it('creates a class from a good form, with a readable class code, and records who made it', async () => {
    const { services, deps, instructor, labIds } = await arrange(driver);
    const labs = labIds.slice(0, 2);
    const id = await createClass(deps, instructor, labs);
    const { db } = services.database;
    const [row] = await db.select().from(cohort).where(eq(cohort.id, id));
    const me = await staffFrom(get('/instructor', instructor), services);
    expect(row).toMatchObject({ name: 'Night shift', labIds: labs, examId: SHORT_EXAM.id, seatCap: 12, instructorId: me?.id });
    expect(row?.opensAt.toISOString()).toBe('2026-12-03T05:00:00.000Z');
    expect(row?.classCode).toMatch(new RegExp(`^([${CLASS_CODE_ALPHABET}]{4}-){3}[${CLASS_CODE_ALPHABET}]{4}$`));

    const page = await instructorHomePage({ request: get(`/instructor?created=${id}`, instructor) }, deps);
    expect(formOf(page).notice).toContain(row?.classCode);
    const [entry] = await auditOf(services, 'cohort.created');
    expect(entry).toMatchObject({ actorKind: 'user', actorId: me?.id, subject: id });
  });

  it('refuses a bad form with a 400 naming each field, and stores nothing', async () => {
    const { services, deps, instructor, labIds } = await arrange(driver);
    const bad = classForm({ name: ' ', exam: 'no-such-exam', closesAt: '2026-12-01T05:00', seatCap: '0' });
    const form = formOf(await instructorHomePage({ request: postClass(bad, ['no-such-lab'], instructor) }, deps));
    expect(form.status).toBe(400);
    expect(form.errors.name).toEqual(['Name: fill it in.']);
    expect(form.errors.labs).toEqual(['Labs: pick labs from the list.']);
    expect(form.errors.exam).toEqual(['Exam: pick an exam from the list, or none.']);
    expect(form.errors.seatCap?.[0]).toMatch(/^Seats: give a whole number from 1 to/);
    expect(form.errors.closesAt).toEqual(['Closes: choose a time after the class opens.']);
    expect(form.values.exam).toBe('no-such-exam');

    const noDate = formOf(await instructorHomePage({ request: postClass(classForm({ opensAt: '3 December' }), [labIds[0] ?? ''], instructor) }, deps));
    expect(noDate.errors.opensAt?.[0]).toMatch(/^Opens: give a date and time such as/);
    const nothing = formOf(await instructorHomePage({ request: postClass(classForm({ exam: '' }), [], instructor) }, deps));
    expect(nothing.errors.labs).toEqual(['Labs: pick at least one lab, or an exam.']);

    const { db } = services.database;
    expect((await db.select({ n: count() }).from(cohort))[0]?.n).toBe(0);
    expect(await auditOf(services, 'cohort.created')).toEqual([]);
  });

  it('shows a class to its instructor and admins only: another instructor gets the answer for a missing class', async () => {
    const { deps, instructor, other, admin, labIds, services } = await arrange(driver);
    const id = await createClass(deps, instructor, labIds.slice(0, 1));

    const own = await cohortPage({ request: get(`/instructor/cohorts/${id}`, instructor), id }, deps);
    expect(formOf(own).status).toBe(200);
    expect((own as { view?: { cohort: { id: string } } }).view?.cohort.id).toBe(id);

    const foreign = await cohortPage({ request: get(`/instructor/cohorts/${id}`, other), id }, deps);
    const missing = await cohortPage({ request: get('/instructor/cohorts/nope', other), id: 'nope' }, deps);
    expect(formOf(foreign)).toEqual(formOf(missing));
    expect(formOf(foreign).status).toBe(404);
    expect((foreign as { view?: unknown }).view).toBeUndefined();
    // The other instructor's override is refused the same way, and changes nothing.
    const forged = await cohortPage({ request: post(`/instructor/cohorts/${id}`, { intent: 'revoke', certificate: 'X', reason: 'because' }, other), id }, deps);
    expect(formOf(forged).status).toBe(404);

    const otherHome = await instructorHomePage({ request: get('/instructor', other) }, deps);
    expect((otherHome as { cohorts: unknown[] }).cohorts).toEqual([]);
    const adminHome = await instructorHomePage({ request: get('/instructor', admin) }, deps);
    expect((adminHome as { cohorts: { id: string }[] }).cohorts.map((c) => c.id)).toEqual([id]);
    expect(formOf(await cohortPage({ request: get(`/instructor/cohorts/${id}`, admin), id }, deps)).status).toBe(200);

    const anonymous = responseOf(await cohortPage({ request: get(`/instructor/cohorts/${id}`), id }, deps));
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe(`/instructor/sign-in?next=${encodeURIComponent(`/instructor/cohorts/${id}`)}`);
    expect(responseOf(await instructorHomePage({ request: get('/instructor') }, deps)).status).toBe(303);

    // The CSV export answers alike: 401 anonymous, 404 for another instructor, the table for the owner.
    const csv = (cookie: string) => staffFrom(get('/x', cookie), services).then((staff) => handleDashboardCsv({ database: services.database, labs: deps.labs }, staff, id));
    expect((await csv('')).status).toBe(401);
    expect((await csv(other)).status).toBe(404);
    const exported = await csv(instructor);
    expect(exported.status).toBe(200);
    expect(await exported.text()).toMatch(/^Learner,Lab,Status/);
  });

  it('edits a class (recorded with before and after), but never below the learners already seated', async () => {
    const { services, deps, instructor, labIds } = await arrange(driver);
    const id = await createClass(deps, instructor, labIds.slice(0, 1));
    await learnerIn(services, id, 'Lena');
    await learnerIn(services, id, 'Luis');
    const path = `/instructor/cohorts/${id}`;
    const edit = (fields: Record<string, string>, labs: string[]) =>
      cohortPage({ request: postClass({ intent: 'edit', ...classForm(fields) }, labs, instructor, path), id }, deps);

    const tooFew = formOf(await edit({ seatCap: '1' }, labIds.slice(0, 2)));
    expect(tooFew.status).toBe(400);
    expect(tooFew.errors.seatCap).toEqual(['Seats: 2 learners have joined already; give at least 2.']);
    const { db } = services.database;
    expect((await db.select().from(cohort).where(eq(cohort.id, id)))[0]?.labIds).toEqual(labIds.slice(0, 1));

    expect(responseOf(await edit({ name: 'Late shift', closesAt: '2026-12-24T05:00', seatCap: '2' }, labIds.slice(0, 2))).headers.get('location')).toBe(`${path}?done=edit`);
    const [row] = await db.select().from(cohort).where(eq(cohort.id, id));
    expect(row).toMatchObject({ name: 'Late shift', labIds: labIds.slice(0, 2), seatCap: 2, examId: SHORT_EXAM.id });
    expect(row?.closesAt.toISOString()).toBe('2026-12-24T05:00:00.000Z');
    const [entry] = await auditOf(services, 'cohort.updated');
    expect(entry?.detail).toMatchObject({ before: { name: 'Night shift', seatCap: 12 }, after: { name: 'Late shift', seatCap: 2 } });
  });

  it('resets and reopens an attempt, each with its reason in the audit log', async () => {
    const { clock, deps, instructor, id, learner, db, exam, started } = await withStartedAttempt(driver);
    const attemptId = started.attempt.id;
    const token = started.attempt.draw.slots[0]?.token ?? '';
    await db.insert(attemptResponse).values({ attemptId, itemId: token, response: 'x' });
    expect((await submitAttempt(exam, learner)).ok).toBe(true);

    const act = (fields: Record<string, string>) => cohortPage({ request: post(`/instructor/cohorts/${id}`, { intent: 'attempt', attempt: attemptId, ...fields }, instructor), id }, deps);
    const reopened = responseOf(await act({ action: 'reopen', reason: 'power cut in room 2' }));
    expect(reopened.headers.get('location')).toBe(`/instructor/cohorts/${id}?done=reopen`);
    const [open] = await db.select().from(examAttempt).where(eq(examAttempt.id, attemptId));
    expect(open).toMatchObject({ status: 'in-progress', score: null, passed: null, submittedAt: null });
    expect(open?.deadline.getTime()).toBe(clock.now.getTime() + SHORT_EXAM.timeLimitMinutes * 60_000);
    expect(await db.select().from(attemptResponse).where(eq(attemptResponse.attemptId, attemptId))).toHaveLength(1);
    // Reopening an attempt that is already open is refused at the field.
    expect(formOf(await act({ action: 'reopen', reason: 'again' })).errors.attempt?.[0]).toMatch(/still in progress/);

    const oldSeed = open?.draw.seed;
    expect(responseOf(await act({ action: 'reset', reason: 'sat the wrong exam' })).status).toBe(303);
    const [reset] = await db.select().from(examAttempt).where(eq(examAttempt.id, attemptId));
    expect(reset?.status).toBe('in-progress');
    expect(reset?.draw.seed).not.toBe(oldSeed);
    expect(await db.select().from(attemptResponse).where(eq(attemptResponse.attemptId, attemptId))).toEqual([]);

    const trail = await db.select().from(auditLog).where(eq(auditLog.subject, attemptId));
    expect(trail.filter((e) => e.actorKind === 'user').map((e) => [e.action, e.reason])).toEqual([
      ['attempt.reopened', 'power cut in room 2'],
      ['attempt.reset', 'sat the wrong exam'],
    ]);
  });

  it('grants extra time that the next attempt gets, and refuses an accommodation without a reason', async () => {
    const { services, clock, deps, instructor, labIds } = await arrange(driver);
    const id = await createClass(deps, instructor, labIds.slice(0, 1));
    const learner = await learnerIn(services, id, 'Lena');
    const { db } = services.database;
    const grant = (fields: Record<string, string>) =>
      cohortPage({ request: post(`/instructor/cohorts/${id}`, { intent: 'accommodation', learner: learner.id, extraMinutes: '15', extraAttempts: '1', ...fields }, instructor), id }, deps);

    const noReason = formOf(await grant({ reason: '  ' }));
    expect(noReason.status).toBe(400);
    expect(noReason.errors.reason).toEqual(['Reason: say why, in a few words.']);
    expect(formOf(await grant({ extraMinutes: '0', extraAttempts: '0', reason: 'x' })).errors.extraMinutes?.[0]).toMatch(/grant some minutes/);
    expect(await db.select().from(accommodation)).toEqual([]);

    expect(responseOf(await grant({ reason: 'reading support (letter on file)' })).status).toBe(303);
    const started = await startAttempt({ db, catalog: deps.catalog, now: () => clock.now }, learner);
    if (!started.ok) throw new Error(started.reason);
    expect(started.attempt.deadline.getTime()).toBe(clock.now.getTime() + (SHORT_EXAM.timeLimitMinutes + 15) * 60_000);
    const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.action, 'accommodation.granted'), eq(auditLog.subject, learner.id)));
    expect(entry?.reason).toBe('reading support (letter on file)');
    expect(entry?.detail).toMatchObject({ extraMinutes: 15, extraAttempts: 1 });
  });

  it('withdraws an accommodation with a reason: attempts that start afterwards lose it, a running one keeps its time', async () => {
    const { services, clock, deps, instructor, labIds } = await arrange(driver);
    const id = await createClass(deps, instructor, labIds.slice(0, 1));
    const learner = await learnerIn(services, id, 'Lena');
    const { db } = services.database;
    const exam = { db, catalog: deps.catalog, now: () => clock.now };
    const act = (fields: Record<string, string>) => cohortPage({ request: post(`/instructor/cohorts/${id}`, fields, instructor), id }, deps);
    expect(responseOf(await act({ intent: 'accommodation', learner: learner.id, extraMinutes: '15', extraAttempts: '1', reason: 'reading support' })).status).toBe(303);
    const [grant] = await db.select().from(accommodation);
    const running = await startAttempt(exam, learner);
    if (!running.ok) throw new Error(running.reason);
    const limit = SHORT_EXAM.timeLimitMinutes * 60_000;
    expect(running.attempt.deadline.getTime()).toBe(clock.now.getTime() + limit + 15 * 60_000);

    const withdraw = (reason: string) => act({ intent: 'withdraw', accommodation: String(grant?.id), reason });
    expect(formOf(await withdraw(' ')).errors.reason).toEqual(['Reason: say why, in a few words.']);
    expect(formOf(await act({ intent: 'withdraw', accommodation: 'x', reason: 'r' })).errors.accommodation).toEqual(['Accommodation: pick one from the list.']);
    expect((await db.select().from(accommodation))[0]?.withdrawnAt).toBeNull();
    expect(responseOf(await withdraw('letter was for another course')).headers.get('location')).toBe(`/instructor/cohorts/${id}?done=withdraw`);
    expect(formOf(await withdraw('again')).errors.accommodation).toEqual(['Accommodation: it is already withdrawn.']);
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.action, 'accommodation.withdrawn'));
    expect(entry).toMatchObject({ subject: learner.id, reason: 'letter was for another course', detail: { extraMinutes: 15, extraAttempts: 1 } });

    // The running attempt keeps its deadline; the next one has the exam's own limit, and the limit is back to the exam's.
    expect((await db.select().from(examAttempt).where(eq(examAttempt.id, running.attempt.id)))[0]?.deadline).toEqual(running.attempt.deadline);
    const page = await cohortPage({ request: get(`/instructor/cohorts/${id}`, instructor), id }, deps);
    expect('view' in page && page.view?.accommodations.map((g) => g.withdrawnAt !== null)).toEqual([true]);
    for (let attempt = 2; attempt <= SHORT_EXAM.attemptLimit + 1; attempt++) {
      await submitAttempt(exam, learner);
      clock.now = new Date(clock.now.getTime() + SHORT_EXAM.waitHoursBetweenAttempts * 3_600_000);
      const next = await startAttempt(exam, learner);
      if (attempt <= SHORT_EXAM.attemptLimit) expect(next.ok && next.attempt.deadline.getTime() - clock.now.getTime()).toBe(limit);
      else expect(next).toMatchObject({ ok: false, reason: expect.stringMatching(/All 2 attempts have been used/) });
    }
    // A reopened attempt gets the exam's own limit too: the withdrawn minutes are gone for good.
    expect(responseOf(await act({ intent: 'attempt', attempt: running.attempt.id, action: 'reopen', reason: 'power cut' })).status).toBe(303);
    expect((await db.select().from(examAttempt).where(eq(examAttempt.id, running.attempt.id)))[0]?.deadline.getTime()).toBe(clock.now.getTime() + limit);
  });

  it('revokes a certificate so /verify says revoked; no reason, no revocation', async () => {
    const { services, deps, instructor, id, learner, db, exam, started } = await withStartedAttempt(driver);
    await submitAttempt(exam, learner);
    const code = newCertificateCode();
    await db.insert(certificate).values({ code, attemptId: started.attempt.id, name: 'Lena', examId: SHORT_EXAM.id, score: 90, maxScore: 100 });
    expect((await verifyCertificate(db, deps.catalog, code)).status).toBe('valid');

    const revoke = (reason: string) => cohortPage({ request: post(`/instructor/cohorts/${id}`, { intent: 'revoke', certificate: code, reason }, instructor), id }, deps);
    expect(formOf(await revoke('')).errors.reason).toEqual(['Reason: say why, in a few words.']);
    expect((await verifyCertificate(db, deps.catalog, code)).status).toBe('valid');
    // An attempt of the class that earned a certificate cannot be reset around it.
    const resetting = await cohortPage({ request: post(`/instructor/cohorts/${id}`, { intent: 'attempt', attempt: started.attempt.id, action: 'reset', reason: 'x' }, instructor), id }, deps);
    expect(formOf(resetting).errors.attempt?.[0]).toMatch(/earned a certificate/);

    expect(responseOf(await revoke('answers shared in the chat')).status).toBe(303);
    expect((await verifyCertificate(db, deps.catalog, code)).status).toBe('revoked');
    expect(formOf(await revoke('again')).errors.certificate).toEqual(['Certificate: it is already revoked.']);
    // The revoked attempt stays as it was: the learner sits a new one instead.
    expect(formOf(await cohortPage({ request: post(`/instructor/cohorts/${id}`, { intent: 'attempt', attempt: started.attempt.id, action: 'reset', reason: 'x' }, instructor), id }, deps)).errors.attempt?.[0]).toMatch(/revoked, so the learner takes a new attempt/);
    const page = await cohortPage({ request: get(`/instructor/cohorts/${id}`, instructor), id }, deps);
    const view = 'view' in page ? page.view : undefined;
    expect(view?.dashboard.learners[0]?.exam?.status).toBe('revoked');
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.action, 'certificate.revoked'));
    const me = await staffFrom(get('/x', instructor), services);
    expect(entry).toMatchObject({ subject: code, reason: 'answers shared in the chat', actorId: me?.id });
    expect(await db.select().from(user).where(eq(user.id, entry?.actorId ?? ''))).toHaveLength(1);
  });
});
