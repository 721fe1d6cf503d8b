/**
 * What an admin does with staff accounts, and who may not: anonymous visitors are sent to sign in
 * (401 from the API gate), an instructor gets 403; an admin creates instructors under the
 * password rule, disables and enables them (with a reason), resets passwords; every change is in
 * the audit log with who made it. Staff change their own password under the same rule.
 */
import { and, eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { accountPage } from '../../../src/server/auth/account-page.server.ts';
import { accountPath, adminAccountPage, adminListPage } from '../../../src/server/auth/admin-pages.server.ts';
import { signInPage } from '../../../src/server/auth/sign-in.server.ts';
import type { StaffServices } from '../../../src/server/auth/staff-auth.server.ts';
import { requireStaff } from '../../../src/server/auth/staff.server.ts';
import { auditLog, session, user } from '../../../src/server/db/schema.server.ts';
import { onEachDriver } from '../db/databases.ts';
import { ADMIN, freshServices, get, GOOD_PASSWORD, INSTRUCTOR, post, responseOf, setUpAdmin, signIn } from './staff-fixtures.ts';

/** The admin and one instructor, both signed in. */
async function staffOf(services: StaffServices) {
  await setUpAdmin(services);
  const admin = await signIn(services, ADMIN.email, ADMIN.password);
  expect(responseOf(await adminListPage({ request: post('/instructor/admin', INSTRUCTOR, admin) }, services)).status).toBe(303);
  const instructor = await signIn(services, INSTRUCTOR.email, INSTRUCTOR.password);
  const row = await services.database.db.query.user.findFirst({ where: eq(user.email, INSTRUCTOR.email) });
  return { admin, instructor, instructorId: row?.id ?? '' };
}

async function signInStatus(services: StaffServices, email: string, password: string): Promise<number> {
  const outcome = await signInPage({ request: post('/instructor/sign-in', { email, password }), clientAddress: '198.51.100.30' }, services);
  return 'response' in outcome ? outcome.response.status : outcome.status;
}

onEachDriver((driver) => {
  it('lets only an admin in: anonymous gets 401 (pages: sign in first), an instructor 403', async () => {
    const { services } = await freshServices(driver);
    const { admin, instructor, instructorId } = await staffOf(services);

    const anonymousApi = await requireStaff({ request: get('/api/anything') }, 'admin', { services });
    expect((anonymousApi as Response).status).toBe(401);
    const anonymousPage = responseOf(await adminListPage({ request: get('/instructor/admin?x=1') }, services));
    expect(anonymousPage.status).toBe(303);
    expect(anonymousPage.headers.get('location')).toBe('/instructor/sign-in?next=%2Finstructor%2Fadmin%3Fx%3D1');

    for (const request of [get('/instructor/admin', instructor), post('/instructor/admin', { ...INSTRUCTOR, email: 'x@example.org' }, instructor)]) {
      expect(responseOf(await adminListPage({ request }, services)).status).toBe(403);
    }
    const self = accountPath(instructorId);
    expect(responseOf(await adminAccountPage({ request: post(self, { intent: 'enable' }, instructor), id: instructorId }, services)).status).toBe(403);
    expect(responseOf(await adminAccountPage({ request: get(self), id: instructorId }, services)).status).toBe(303);
    expect(await services.database.db.$count(user)).toBe(2);

    const listed = await adminListPage({ request: get('/instructor/admin', admin) }, services);
    expect('accounts' in listed && listed.accounts.map((a) => [a.email, a.role])).toEqual([
      [ADMIN.email, 'admin'],
      [INSTRUCTOR.email, 'instructor'],
    ]);
    // The gate accepts an instructor where instructors are allowed.
    expect(await requireStaff({ request: get('/', instructor) }, ['instructor', 'admin'], { services })).toMatchObject({ role: 'instructor' });
  });

  it('creates an instructor only under the password rule and with a new address, and logs who did it', async () => {
    const { services, database } = await freshServices(driver);
    const { admin } = await staffOf(services);
    const weak = await adminListPage({ request: post('/instructor/admin', { name: 'Wes', email: 'wes@example.org', password: 'wesley' }, admin) }, services);
    expect('form' in weak && weak.form.status).toBe(400);
    const problems = 'form' in weak ? (weak.form.errors.password ?? []).join(' ') : '';
    expect(problems).toMatch(/Initial password: Password is too short \(6 characters\)/);
    expect(problems).toMatch(/contains the user name "wes"/);
    expect('form' in weak && weak.form.values).toEqual({ name: 'Wes', email: 'wes@example.org' });

    const twice = await adminListPage({ request: post('/instructor/admin', { ...INSTRUCTOR, password: GOOD_PASSWORD }, admin) }, services);
    expect('form' in twice && twice.form.errors.email).toEqual(['E-mail: an account with this address already exists; use another.']);

    const missing = await adminListPage({ request: post('/instructor/admin', { email: 'x@example.org' }, admin) }, services);
    expect('form' in missing && missing.form.errors).toMatchObject({ name: ['Name: fill it in.'], password: ['Initial password: fill it in.'] });
    expect(await database.db.$count(user)).toBe(2);

    const created = await database.db.select().from(auditLog).where(eq(auditLog.action, 'instructor.created'));
    const adminRow = await database.db.query.user.findFirst({ where: eq(user.email, ADMIN.email) });
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ actorKind: 'user', actorId: adminRow?.id, detail: { email: INSTRUCTOR.email, name: INSTRUCTOR.name } });
  });

  it('disables an instructor with a reason (signing them out at once), enables them, resets their password; all audited', async () => {
    const { services, database } = await freshServices(driver);
    const { admin, instructor, instructorId } = await staffOf(services);
    const page = accountPath(instructorId);
    const act = (fields: Record<string, string>) => adminAccountPage({ request: post(page, fields, admin), id: instructorId }, services);

    const noReason = await act({ intent: 'disable', reason: ' ' });
    expect('form' in noReason && noReason.form.errors.reason).toEqual(['Reason: say why, in a few words.']);
    const unknownIntent = await act({ intent: 'delete' });
    expect('form' in unknownIntent && unknownIntent.form.status).toBe(400);

    expect(responseOf(await act({ intent: 'disable', reason: 'left the training centre' })).headers.get('location')).toBe(`${page}?done=disable`);
    expect(responseOf(await accountPage({ request: get('/instructor/account', instructor) }, services)).status).toBe(303);
    expect(await signInStatus(services, INSTRUCTOR.email, INSTRUCTOR.password)).toBe(403);

    responseOf(await act({ intent: 'enable' }));
    expect(await signInStatus(services, INSTRUCTOR.email, INSTRUCTOR.password)).toBe(303);

    const weak = await act({ intent: 'reset-password', password: 'short', confirm: 'short' });
    expect('form' in weak && (weak.form.errors.password ?? []).join(' ')).toMatch(/too short/);
    responseOf(await act({ intent: 'reset-password', password: GOOD_PASSWORD, confirm: GOOD_PASSWORD }));
    expect(await signInStatus(services, INSTRUCTOR.email, INSTRUCTOR.password)).toBe(401);
    expect(await signInStatus(services, INSTRUCTOR.email, GOOD_PASSWORD)).toBe(303);

    const trail = await database.db.select().from(auditLog).where(and(eq(auditLog.subject, instructorId)));
    expect(trail.map((row) => [row.action, row.reason])).toEqual([
      ['instructor.created', null],
      ['instructor.disabled', 'left the training centre'],
      ['instructor.enabled', null],
      ['instructor.password-reset', null],
    ]);

    // An admin cannot lock themselves out.
    const adminId = (await database.db.query.user.findFirst({ where: eq(user.email, ADMIN.email) }))?.id ?? '';
    const selfDisable = await adminAccountPage({ request: post(accountPath(adminId), { intent: 'disable', reason: 'testing' }, admin), id: adminId }, services);
    expect('form' in selfDisable && selfDisable.form.errors.form).toEqual(['You cannot disable your own account: ask another admin.']);
  });

  it('writes each account change and its audit entry together: a failed change leaves no entry, a failed entry undoes the change', async () => {
    const { services } = await freshServices(driver);
    const { admin, instructorId } = await staffOf(services);
    const { db } = services.database;
    const page = accountPath(instructorId);
    const disable = () => adminAccountPage({ request: post(page, { intent: 'disable', reason: 'left the company' }, admin), id: instructorId }, services);
    const entries = () => db.$count(auditLog, and(eq(auditLog.action, 'instructor.disabled'), eq(auditLog.subject, instructorId)));
    const sessionsOf = () => db.$count(session, eq(session.userId, instructorId));
    const sessionsBefore = await sessionsOf();
    expect(sessionsBefore).toBeGreaterThan(0);

    // The change fails (the database refuses to disable anyone): no audit entry.
    await db.execute(sql.raw(`create function refuse_ban() returns trigger language plpgsql as $$ begin if new.banned then raise exception 'refused in the test'; end if; return new; end $$`));
    await db.execute(sql.raw(`create trigger refuse_ban before update on "user" for each row execute function refuse_ban()`));
    await expect(disable()).rejects.toThrow();
    expect(await entries()).toBe(0);
    await db.execute(sql.raw(`drop trigger refuse_ban on "user"`));

    // The audit entry fails (the database refuses it): the account is not disabled, its sessions are kept.
    await db.execute(sql.raw(`create function refuse_disable_entry() returns trigger language plpgsql as $$ begin if new.action = 'instructor.disabled' then raise exception 'refused in the test'; end if; return new; end $$`));
    await db.execute(sql.raw(`create trigger refuse_disable_entry before insert on audit_log for each row execute function refuse_disable_entry()`));
    await expect(disable()).rejects.toThrow();
    expect((await db.query.user.findFirst({ where: eq(user.id, instructorId) }))?.banned).toBe(false);
    expect(await sessionsOf()).toBe(sessionsBefore);
    await db.execute(sql.raw(`drop trigger refuse_disable_entry on audit_log`));

    // Both succeed: the change and exactly one entry.
    expect(responseOf(await disable()).status).toBe(303);
    expect((await db.query.user.findFirst({ where: eq(user.id, instructorId) }))?.banned).toBe(true);
    expect(await sessionsOf()).toBe(0);
    expect(await entries()).toBe(1);

    // Creating an account whose entry fails leaves no account behind.
    await db.execute(sql.raw(`create function refuse_created_entry() returns trigger language plpgsql as $$ begin if new.action = 'instructor.created' then raise exception 'refused in the test'; end if; return new; end $$`));
    await db.execute(sql.raw(`create trigger refuse_created_entry before insert on audit_log for each row execute function refuse_created_entry()`));
    await expect(adminListPage({ request: post('/instructor/admin', { ...INSTRUCTOR, email: 'new@example.org' }, admin) }, services)).rejects.toThrow();
    expect(await db.$count(user, eq(user.email, 'new@example.org'))).toBe(0);
  });

  it('lets staff change their own password under the rule, after proving the current one', async () => {
    const { services } = await freshServices(driver);
    const { instructor, instructorId } = await staffOf(services);
    const change = (fields: Record<string, string>) => accountPage({ request: post('/instructor/account', fields, instructor) }, services);
    const changes = () => services.database.db.$count(auditLog, and(eq(auditLog.action, 'instructor.password-changed'), eq(auditLog.subject, instructorId)));
    const wrong = await change({ currentPassword: 'Not-It-123', password: GOOD_PASSWORD, confirm: GOOD_PASSWORD });
    expect('form' in wrong && wrong.form.errors.currentPassword?.[0]).toMatch(/^Current password: that is not your password/);
    expect(await changes()).toBe(0);
    const weak = await change({ currentPassword: INSTRUCTOR.password, password: 'ines-1234', confirm: 'ines-1234' });
    expect('form' in weak && (weak.form.errors.password ?? []).join(' ')).toMatch(/contains the user name "ines"/);
    const done = responseOf(await change({ currentPassword: INSTRUCTOR.password, password: GOOD_PASSWORD, confirm: GOOD_PASSWORD }));
    expect(done.headers.get('location')).toBe('/instructor/account?changed');
    expect(await signInStatus(services, INSTRUCTOR.email, GOOD_PASSWORD)).toBe(303);
    // Only the change that happened is in the audit log, with who made it.
    expect(await changes()).toBe(1);
  });
});
