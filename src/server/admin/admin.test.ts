import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, latestLinkTo, logInAs, uniqueEmail, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
let adminCookie: string;
let candidateCookie: string;
beforeAll(async () => {
  t = await createTestApp();
  adminCookie = await logInAs(t, await createUser(t, ['admin']));
  candidateCookie = await logInAs(t, await createUser(t, ['candidate']));
});
afterAll(async () => { await t.close(); });

describe('staff accounts', () => {
  it('lets an admin create a proctor with a password, who can then sign in', async () => {
    const email = uniqueEmail('proctor');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/admin/staff', headers: { cookie: adminCookie }, payload: { email, legalName: 'Pat Proctor', roles: ['proctor'], password: 'proctor secret 1' } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ invited: false, user: { roles: ['proctor'], emailVerified: true } });
    await logInAs(t, { email, password: 'proctor secret 1' });
    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'staff.account_created').where('subject_id', '=', res.json().user.id).executeTakeFirstOrThrow();
    expect(audit.actor_id).not.toBeNull();
  });

  it('invites by email when no password is given; the invitation link sets the password', async () => {
    const email = uniqueEmail('invitee');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/admin/staff', headers: { cookie: adminCookie }, payload: { email, legalName: 'Ivy Invitee', roles: ['proctor', 'admin'] } });
    expect(res.statusCode).toBe(201);
    expect(res.json().invited).toBe(true);
    const link = await latestLinkTo(t.db, email);
    const token = new URL(link).searchParams.get('token');
    const set = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset/confirm', payload: { token, password: 'my own secret 42' } });
    expect(set.statusCode).toBe(204);
    const cookie = await logInAs(t, { email, password: 'my own secret 42' });
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
    expect(me.json().user).toMatchObject({ roles: ['admin', 'proctor'], emailVerified: true });
  });

  it('refuses candidates (403) and anonymous callers (401), writing nothing', async () => {
    const email = uniqueEmail('nope');
    const payload = { email, legalName: 'No Body', roles: ['admin'], password: 'whatever secret' };
    const asCandidate = await t.app.inject({ method: 'POST', url: '/api/v1/admin/staff', headers: { cookie: candidateCookie }, payload });
    expect(asCandidate.statusCode).toBe(403);
    expect(asCandidate.json().error.code).toBe('Forbidden');
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/v1/admin/staff', payload });
    expect(anonymous.statusCode).toBe(401);
    expect(await t.db.selectFrom('users').select('id').where('email', '=', email).execute()).toHaveLength(0);
  });

  it('does not let an admin grant the candidate role through the staff route', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/admin/staff', headers: { cookie: adminCookie }, payload: { email: uniqueEmail(), legalName: 'X', roles: ['candidate'] } });
    expect(res.statusCode).toBe(400);
  });

  it('lists and searches users by role', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/admin/users?role=proctor&limit=100', headers: { cookie: adminCookie } });
    expect(res.statusCode).toBe(200);
    const users = res.json().users as { roles: string[] }[];
    expect(users.length).toBeGreaterThan(0);
    expect(users.every((u) => u.roles.includes('proctor'))).toBe(true);
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/admin/users?role=emperor', headers: { cookie: adminCookie } });
    expect(bad.statusCode).toBe(400);
  });
});

describe('API tokens', () => {
  it('creates a token that authenticates as its user, and stops working when revoked', async () => {
    const proctor = await createUser(t, ['proctor']);
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/admin/api-tokens', headers: { cookie: adminCookie }, payload: { userId: proctor.id, name: 'rostering script' } });
    expect(created.statusCode).toBe(201);
    const { token, apiToken } = created.json();
    expect(token).toMatch(/^ivg_/);
    expect(apiToken.prefix).toBe(token.slice(0, 10));
    const stored = await t.db.selectFrom('api_tokens').selectAll().where('id', '=', apiToken.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);

    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.email).toBe(proctor.email);
    const forbidden = await t.app.inject({ method: 'GET', url: '/api/v1/admin/users', headers: { authorization: `Bearer ${token}` } });
    expect(forbidden.statusCode).toBe(403);

    const list = await t.app.inject({ method: 'GET', url: '/api/v1/admin/api-tokens', headers: { cookie: adminCookie } });
    expect(JSON.stringify(list.json())).not.toContain(token);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/admin/api-tokens/${apiToken.id}`, headers: { cookie: adminCookie } })).statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    expect(after.statusCode).toBe(401);
  });

  it('expires tokens created with an expiry', async () => {
    const user = await createUser(t, ['admin']);
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/admin/api-tokens', headers: { cookie: adminCookie }, payload: { userId: user.id, name: 'short-lived', expiresInDays: 1 } });
    const { token } = created.json();
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/admin/users', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);
    t.clock.advance(25 * 3600_000);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/admin/users', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
  });

  it('rejects garbage bearer tokens and unknown token ids', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: 'Bearer nonsense' } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: 'Basic abc' } })).statusCode).toBe(401);
    const missing = await t.app.inject({ method: 'DELETE', url: '/api/v1/admin/api-tokens/00000000-0000-4000-8000-000000000000', headers: { cookie: adminCookie } });
    expect(missing.statusCode).toBe(404);
    const notUuid = await t.app.inject({ method: 'DELETE', url: '/api/v1/admin/api-tokens/42', headers: { cookie: adminCookie } });
    expect(notUuid.statusCode).toBe(400);
  });
});

describe('audit log', () => {
  it('lists entries newest first and verifies the chain', async () => {
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/admin/audit?limit=5', headers: { cookie: adminCookie } });
    const entries = list.json().entries as { seq: number }[];
    expect(entries.length).toBe(5);
    expect(entries[0]!.seq).toBeGreaterThan(entries[1]!.seq);
    const verify = await t.app.inject({ method: 'GET', url: '/api/v1/admin/audit/verify', headers: { cookie: adminCookie } });
    expect(verify.json()).toMatchObject({ ok: true, brokenAt: null });
  });

  it('cannot be edited through SQL, and a forced edit is detected by verification', async () => {
    await expect(sql`update audit_log set action = 'nothing.happened' where seq = 2`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log where seq = 2`.execute(t.db)).rejects.toThrow(/append-only/);
    // Someone with owner rights switches the guard off and rewrites history.
    await sql`alter table audit_log disable trigger audit_log_no_update`.execute(t.db);
    await sql`update audit_log set data = '{"email":"someone-else@example.org"}' where seq = 2`.execute(t.db);
    await sql`alter table audit_log enable trigger audit_log_no_update`.execute(t.db);
    const verify = await t.app.inject({ method: 'GET', url: '/api/v1/admin/audit/verify', headers: { cookie: adminCookie } });
    expect(verify.json()).toMatchObject({ ok: false, brokenAt: { seq: 2 } });
  });
});

describe('outbox', () => {
  it('shows mail to admins in demo mode only', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/admin/outbox', headers: { cookie: adminCookie } });
    expect(res.statusCode).toBe(200);
    expect(res.json().emails.length).toBeGreaterThan(0);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/admin/outbox', headers: { cookie: candidateCookie } })).statusCode).toBe(403);

    const prod = await createTestApp({ config: { demo: false } });
    try {
      const cookie = await logInAs(prod, await createUser(prod, ['admin']));
      const off = await prod.app.inject({ method: 'GET', url: '/api/v1/admin/outbox', headers: { cookie } });
      expect(off.statusCode).toBe(404);
      expect(off.json().error.code).toBe('FeatureDisabled');
    } finally {
      await prod.close();
    }
  });
});
