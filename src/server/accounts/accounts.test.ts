import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, latestLinkTo, logInAs, sessionCookie, uniqueEmail, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

const signUpBody = (email = uniqueEmail('cand')) => ({ legalName: '  Clark   Kent ', email, password: 'a long enough secret', timeZone: 'Europe/Dublin', language: 'en' });
const countUsers = async () => Number((await t.db.selectFrom('users').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
const tokenOf = (link: string) => new URL(link).searchParams.get('token')!;

describe('sign-up', () => {
  it('creates a candidate, signs them in, and emails a verification link', async () => {
    const body = signUpBody();
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: body });
    expect(res.statusCode).toBe(201);
    const { user } = res.json();
    expect(user).toMatchObject({ email: body.email, legalName: 'Clark Kent', roles: ['candidate'], emailVerified: false, timeZone: 'Europe/Dublin' });
    expect(user).not.toHaveProperty('passwordHash');
    const stored = await t.db.selectFrom('users').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const cookie = res.cookies.find((c) => c.name === 'invigil_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: sessionCookie(res) } });
    expect(me.json().user.id).toBe(user.id);
    expect(await latestLinkTo(t.db, body.email)).toMatch(/^http:\/\/invigil\.test\/verify-email\?token=/);
    const audit = await t.db.selectFrom('audit_log').select('action').where('subject_id', '=', user.id).execute();
    expect(audit.map((a) => a.action)).toContain('account.signed_up');
  });

  it('answers 409 EmailTaken for an address already registered, whatever its case', async () => {
    const body = signUpBody();
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: body })).statusCode).toBe(201);
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: { ...body, email: body.email.toUpperCase() } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('EmailTaken');
  });

  it.each([
    ['a missing field', (b: Record<string, unknown>) => { delete b.legalName; return b; }],
    ['an unknown field', (b: Record<string, unknown>) => ({ ...b, isAdmin: true })],
    ['a wrong type', (b: Record<string, unknown>) => ({ ...b, email: 42 })],
    ['a bad email', (b: Record<string, unknown>) => ({ ...b, email: 'not-an-email' })],
    ['an unknown time zone', (b: Record<string, unknown>) => ({ ...b, timeZone: 'Mars/Olympus' })],
    ['a short password', (b: Record<string, unknown>) => ({ ...b, password: 'short' })],
    ['a password made of the email', (b: Record<string, unknown>) => ({ ...b, password: `${String(b.email).split('@')[0]}-12345` })],
    ['an unsupported language', (b: Record<string, unknown>) => ({ ...b, language: 'xx' })],
  ])('refuses %s with 400 ValidationFailed and writes nothing', async (_label, mutate) => {
    const before = await countUsers();
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: mutate(signUpBody()) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('ValidationFailed');
    expect(res.json().error.details.issues.length).toBeGreaterThan(0);
    expect(await countUsers()).toBe(before);
  });

  it('refuses malformed JSON, non-JSON bodies and oversize bodies with a clear error', async () => {
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/auth/signup', headers: { 'content-type': 'application/json' }, payload: '{"email":' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('MalformedJson');
    const text = await t.app.inject({ method: 'POST', url: '/api/v1/auth/signup', headers: { 'content-type': 'text/plain' }, payload: 'hello' });
    expect(text.statusCode).toBe(415);
    expect(text.json().error.code).toBe('UnsupportedMediaType');
    const huge = await t.app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: { ...signUpBody(), legalName: 'x'.repeat(300_000) } });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('PayloadTooLarge');
  });
});

describe('email verification', () => {
  it('verifies once; a reused link says it was used, an expired one says it expired', async () => {
    const body = signUpBody();
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: body });
    const token = tokenOf(await latestLinkTo(t.db, body.email));
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/auth/verify-email', payload: { token } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.emailVerified).toBe(true);
    const reused = await t.app.inject({ method: 'POST', url: '/api/v1/auth/verify-email', payload: { token } });
    expect(reused.json().error.code).toBe('TokenUsed');
    expect(reused.statusCode).toBe(400);

    const body2 = signUpBody();
    const res2 = await t.app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: body2 });
    const token2 = tokenOf(await latestLinkTo(t.db, body2.email));
    t.clock.advance(49 * 3600_000);
    const expired = await t.app.inject({ method: 'POST', url: '/api/v1/auth/verify-email', payload: { token: token2 } });
    expect(expired.json().error.code).toBe('TokenExpired');
    // A fresh link can be asked for, and works.
    const resend = await t.app.inject({ method: 'POST', url: '/api/v1/auth/resend-verification', headers: { cookie: sessionCookie(res2) } });
    expect(resend.statusCode).toBe(202);
    const fresh = await t.app.inject({ method: 'POST', url: '/api/v1/auth/verify-email', payload: { token: tokenOf(await latestLinkTo(t.db, body2.email)) } });
    expect(fresh.statusCode).toBe(200);
    expect(res.statusCode).toBe(201);
  });

  it('rejects a token that was never issued', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/verify-email', payload: { token: 'x'.repeat(43) } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('TokenInvalid');
  });
});

describe('sign-in', () => {
  it('gives the same generic error for an unknown email and a wrong password', async () => {
    const user = await createUser(t);
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email, password: 'not the password' } });
    const unknown = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: uniqueEmail('nobody'), password: 'not the password' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error.code).toBe('InvalidCredentials');
  });

  const login = (email: string, password: string, remoteAddress: string, device?: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress, ...(device ? { cookies: { invigil_device: device } } : {}) });
  const deviceOf = (res: { cookies: { name: string; value: string }[] }) => res.cookies.find((c) => c.name === 'invigil_device')?.value;

  it('refuses an address after 10 failures for an account, even with the right password, but not the owner elsewhere', async () => {
    const user = await createUser(t);
    for (let i = 0; i < 10; i++) expect((await login(user.email, `wrong-${i}`, '10.0.0.1')).statusCode).toBe(401);
    const blocked = await login(user.email, user.password, '10.0.0.1');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('TooManyAttempts');
    expect((await login(user.email, user.password, '10.0.1.1')).statusCode).toBe(200);
    t.clock.advance(16 * 60_000);
    expect((await login(user.email, user.password, '10.0.0.1')).statusCode).toBe(200);
  });

  it('refuses new browsers after 50 failures from many addresses, while the owner signs in from a browser used before', async () => {
    const user = await createUser(t);
    const first = await login(user.email, user.password, '10.0.2.1');
    const device = deviceOf(first);
    expect(device).toMatch(/^dev_/);
    expect(first.cookies.find((c) => c.name === 'invigil_device')).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/v1/auth/login' });
    for (let i = 0; i < 50; i++) expect((await login(user.email, `wrong-${i}`, `10.1.${i >> 8}.${i & 255}`)).statusCode).toBe(401);
    const stranger = await login(user.email, user.password, '10.2.0.1');
    expect(stranger.statusCode).toBe(429);
    expect(stranger.json().error.message).toMatch(/browser you have used before/);
    // The owner's browser, even from a new address; it keeps its cookie.
    const owner = await login(user.email, user.password, '10.3.0.1', device);
    expect(owner.statusCode).toBe(200);
    expect(deviceOf(owner)).toBe(device);
    // A device cookie of our shape but never bound to this account counts as a stranger; a made-up value is ignored.
    expect((await login(user.email, `wrong-again`, '10.4.0.1', `dev_${'x'.repeat(43)}`)).statusCode).toBe(401);
  });

  it('counts only its own failures against a known browser, and another browser of the owner still gets in', async () => {
    const user = await createUser(t);
    const device = deviceOf(await login(user.email, user.password, '10.5.0.1'))!;
    for (let i = 0; i < 10; i++) expect((await login(user.email, `typo-${i}`, `10.6.0.${i}`, device)).statusCode).toBe(401);
    expect((await login(user.email, user.password, '10.6.1.1', device)).statusCode).toBe(429);
    expect((await login(user.email, user.password, '10.6.1.2')).statusCode).toBe(200);
  });

  it('limits sign-in requests per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) {
      const r = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: uniqueEmail('flood'), password: 'whatever-123' }, remoteAddress: '192.0.2.77' });
      statuses.push(r.statusCode);
    }
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it('logs out: the session stops working', async () => {
    const user = await createUser(t);
    const cookie = await logInAs(t, user);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } })).statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('NotAuthenticated');
  });

  it('expires sessions after 14 days without use', async () => {
    const user = await createUser(t);
    const cookie = await logInAs(t, user);
    t.clock.advance(15 * 24 * 3600_000);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(401);
  });
});

describe('password reset', () => {
  it('answers 202 for unknown addresses without sending anything', async () => {
    const email = uniqueEmail('ghost');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset/request', payload: { email } });
    expect(res.statusCode).toBe(202);
    expect(await t.db.selectFrom('outbox_emails').select('id').where('to_address', '=', email).execute()).toHaveLength(0);
  });

  it('sets a new password from the emailed link once, and ends every old session', async () => {
    const user = await createUser(t);
    const oldCookie = await logInAs(t, user);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset/request', payload: { email: user.email.toUpperCase() } })).statusCode).toBe(202);
    const token = tokenOf(await latestLinkTo(t.db, user.email));
    const weak = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset/confirm', payload: { token, password: 'short' } });
    expect(weak.statusCode).toBe(400);
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset/confirm', payload: { token, password: 'a brand new secret' } });
    expect(ok.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: oldCookie } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email, password: user.password } })).statusCode).toBe(401);
    await logInAs(t, { email: user.email, password: 'a brand new secret' });
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset/confirm', payload: { token, password: 'another new secret' } });
    expect(again.json().error.code).toBe('TokenUsed');
  });

  it('expires reset links after an hour', async () => {
    const user = await createUser(t);
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset/request', payload: { email: user.email } });
    const token = tokenOf(await latestLinkTo(t.db, user.email));
    t.clock.advance(61 * 60_000);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset/confirm', payload: { token, password: 'a brand new secret' } });
    expect(res.json().error.code).toBe('TokenExpired');
  });
});

describe('profile', () => {
  it('updates time zone, language and legal name, auditing the name change', async () => {
    const user = await createUser(t);
    const cookie = await logInAs(t, user);
    const res = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: { cookie }, payload: { timeZone: 'Asia/Tokyo', language: 'ja', legalName: 'Tess Testing' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ timeZone: 'Asia/Tokyo', language: 'ja', legalName: 'Tess Testing' });
    const entry = await t.db.selectFrom('audit_log').selectAll().where('subject_id', '=', user.id).where('action', '=', 'account.profile_updated').executeTakeFirstOrThrow();
    expect(entry.data).toMatchObject({ legalNameTo: 'Tess Testing' });
  });

  it('refuses an invalid time zone and leaves the profile as it was', async () => {
    const user = await createUser(t);
    const cookie = await logInAs(t, user);
    const res = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: { cookie }, payload: { timeZone: 'Nowhere/Land', language: 'de' } });
    expect(res.statusCode).toBe(400);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
    expect(me.json().user).toMatchObject({ timeZone: 'UTC', language: 'en' });
  });

  it('changes the password only with the current one, keeping this session and ending the others', async () => {
    const user = await createUser(t);
    const here = await logInAs(t, user);
    const elsewhere = await logInAs(t, user);
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/me/password', headers: { cookie: here }, payload: { currentPassword: 'nope-nope-nope', newPassword: 'a different secret' } });
    expect(wrong.statusCode).toBe(400);
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/me/password', headers: { cookie: here }, payload: { currentPassword: user.password, newPassword: 'a different secret' } });
    expect(ok.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: here } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: elsewhere } })).statusCode).toBe(401);
  });
});
