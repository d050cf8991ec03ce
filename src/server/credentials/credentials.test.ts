import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import { PDFDocument } from 'pdf-lib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeStatusList, statusBit, statusListSize } from '../../core/credentials/status-list.ts';
import { quickUsers } from '../../../test/booking-factories.ts';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { pdfText } from '../../../test/pdf-text.ts';
import { runningProctoredExams } from '../../../test/proctoring-factories.ts';
import { candidateContext } from '../booking/repository.ts';
import { createSession, sessionCookieName } from '../platform/auth.ts';
import { runDueJobs } from '../platform/jobs.ts';
import { credentialJobs } from './expiry-reminders.ts';
import { rotateSigningKey } from './signing-keys.ts';

const day = 86_400_000;
const base = 'http://invigil.test';

describe('Open Badges credentials', () => {
  let t: TestApp;
  beforeEach(async () => { t = await createTestApp(); });
  afterEach(async () => { await t.close(); });

  /** `n` candidates sit an exam whose results are released at once; `pass` says who answers everything right. */
  async function sit(n: number, policy: object = {}) {
    const run = await runningProctoredExams(t, n, { policy: { results: { releaseDelayHours: 0, holdMinSecondsPerItem: 0 }, ...policy } });
    const submit = async (c: (typeof run.candidates)[number], pass: boolean) => {
      const { form } = await t.db.selectFrom('attempts').select('form').where('id', '=', c.attemptId).executeTakeFirstOrThrow();
      const items = (form as { items: { key: string; content: { correct: string[] } }[] }).items;
      const entries = pass ? items.map((i, k) => ({ key: `answer:${i.key}`, value: i.content.correct, seq: k + 1 })) : [];
      const r = await run.call(c.cookie, 'POST', `/api/v1/attempts/${c.attemptId}/submit`, { entries });
      expect(r.statusCode, r.body).toBe(200);
      const mine = (await run.call(c.cookie, 'GET', '/api/v1/me/credentials')).json().credentials as { id: string }[];
      return mine[0]?.id ?? null;
    };
    return { ...run, submit };
  }
  const get = (url: string, cookie?: string) => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  const jwks = async () => createLocalJWKSet((await get('/api/v1/credentials/jwks')).json() as JSONWebKeySet);
  const jwtOf = async (id: string) => (await get(`/api/v1/credentials/${id}`)).json().jwt as string;
  const verifyReport = async (id: string) => (await get(`/api/v1/credentials/${id}/verify`)).json();

  it('issues a signed OpenBadgeCredential when a pass is released, which jose verifies with our published JWKS', async () => {
    const { candidates, submit, code } = await sit(1);
    const c = candidates[0]!;
    const id = await submit(c, true);
    expect(id).not.toBeNull();
    const published = (await get(`/api/v1/credentials/${id}`)).json();
    const jwt = published.jwt as string;

    const header = decodeProtectedHeader(jwt);
    expect(header).toMatchObject({ alg: 'EdDSA', kid: expect.stringMatching(new RegExp(`^${base}/api/v1/credentials/jwks/[A-Za-z0-9_-]{43}$`)) });
    // The header's kid resolves: the key is published at that address.
    const key = await get(new URL(header.kid!).pathname);
    expect(key.statusCode).toBe(200);
    expect(key.json()).toMatchObject({ kty: 'OKP', crv: 'Ed25519', kid: header.kid, alg: 'EdDSA' });

    const { payload } = await jwtVerify(jwt, await jwks(), { algorithms: ['EdDSA'], currentDate: t.clock.now() });
    expect(payload).toMatchObject({
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
      id: `${base}/api/v1/credentials/${id}`,
      jti: `${base}/api/v1/credentials/${id}`,
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: expect.stringMatching(/\/api\/v1\/credentials\/issuers\/[0-9a-f-]{36}$/), type: ['Profile'], name: expect.any(String), url: expect.any(String) },
      credentialSubject: {
        type: ['AchievementSubject'],
        identifier: [
          { type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: c.legalName },
          { type: 'IdentityObject', identityType: 'emailAddress', hashed: true, identityHash: expect.stringMatching(/^sha256\$[0-9a-f]{64}$/), salt: expect.any(String) },
        ],
        achievement: { type: ['Achievement'], achievementType: 'Certification', name: expect.stringContaining(code), criteria: { narrative: expect.stringContaining('scaled score of at least') } },
        result: [{ type: ['Result'], value: expect.stringMatching(/^\d+$/) }],
      },
      credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: expect.stringMatching(/^\d+$/) },
    });
    expect(payload.iss).toBe((payload.issuer as { id: string }).id);
    expect(payload.nbf).toBe(Math.floor(new Date(payload.validFrom as string).getTime() / 1000));
    expect(payload.exp).toBe(Math.floor(new Date(payload.validUntil as string).getTime() / 1000));
    // Three years (the default) from the exam.
    const takenAt = (await t.db.selectFrom('results').select('taken_at').where('attempt_id', '=', c.attemptId).executeTakeFirstOrThrow()).taken_at;
    expect(payload.validUntil).toBe(new Date(Date.UTC(takenAt.getUTCFullYear() + 3, takenAt.getUTCMonth(), takenAt.getUTCDate(), takenAt.getUTCHours(), takenAt.getUTCMinutes(), takenAt.getUTCSeconds())).toISOString().replace('.000', ''));
    expect(published.credential).toEqual(payload);

    // The issuer profile and the signed status list, which jose verifies too: at least 16 KB, this credential's bit clear.
    expect((await get(new URL((payload.issuer as { id: string }).id).pathname)).json()).toMatchObject({ type: ['Profile'], name: (payload.issuer as { name: string }).name });
    const status = payload.credentialStatus as { statusListCredential: string; statusListIndex: string };
    const list = await get(new URL(status.statusListCredential).pathname);
    expect(list.headers['content-type']).toMatch(/^application\/vc\+jwt/);
    const listed = await jwtVerify(list.body, await jwks(), { currentDate: t.clock.now() });
    expect(listed.payload).toMatchObject({ type: ['VerifiableCredential', 'BitstringStatusListCredential'], credentialSubject: { type: 'BitstringStatusList', statusPurpose: 'revocation' } });
    const bits = decodeStatusList((listed.payload.credentialSubject as { encodedList: string }).encodedList);
    expect(bits.length * 8).toBeGreaterThanOrEqual(statusListSize);
    expect(statusBit(bits, Number(status.statusListIndex))).toBe(false);

    expect(await verifyReport(id!)).toMatchObject({ status: 'valid', holderName: c.legalName, checks: [{ check: 'signature', passed: true }, { check: 'validity', passed: true }, { check: 'revocation', passed: true }, { check: 'result', passed: true }] });
    const mail = await t.db.selectFrom('outbox_emails').select('text_body').where('to_address', '=', c.email).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    expect(mail.text_body).toContain(`${base}/verify/${id}`);
    expect(await t.db.selectFrom('audit_log').select('action').where('subject_id', '=', id).execute()).toEqual([{ action: 'credentials.issued' }]);
  });

  it('gives a fail no credential, and shows each holder only their own; the PDF is theirs and staff’s alone', async () => {
    const { candidates, submit, call } = await sit(2);
    const [winner, loser] = candidates;
    const id = await submit(winner!, true);
    expect(await submit(loser!, false)).toBeNull();
    expect((await call(loser!.cookie, 'GET', '/api/v1/me/credentials')).json()).toEqual({ credentials: [] });
    const mine = (await call(winner!.cookie, 'GET', '/api/v1/me/credentials')).json().credentials;
    expect(mine).toEqual([expect.objectContaining({ id, status: 'valid', verifyUrl: `${base}/verify/${id}`, linkedInUrl: expect.stringContaining('https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&name=') })]);
    const linkedIn = new URL(mine[0].linkedInUrl);
    expect(linkedIn.searchParams.get('certUrl')).toBe(`${base}/verify/${id}`);
    expect(linkedIn.searchParams.get('certId')).toBe(id);
    expect(linkedIn.searchParams.get('expirationYear')).toBe(String(new Date(mine[0].validUntil).getUTCFullYear()));

    const pdf = await get(`/api/v1/credentials/${id}/certificate.pdf`, winner!.cookie);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((await PDFDocument.load(pdf.rawPayload)).getPageCount()).toBe(1);
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain(winner!.legalName);
    expect(text).toContain(`${base}/verify/${id}`);
    expect((await get(`/api/v1/credentials/${id}/certificate.pdf`, loser!.cookie)).statusCode).toBe(404);
    expect((await get(`/api/v1/credentials/${id}/credential.jwt`, loser!.cookie)).statusCode).toBe(404);
    expect((await get(`/api/v1/credentials/${id}/certificate.pdf`)).statusCode).toBe(401);
    const [admin] = await quickUsers(t, 1, 'admin');
    expect((await get(`/api/v1/credentials/${id}/certificate.pdf`, admin!.cookie)).statusCode).toBe(200);
    const file = await get(`/api/v1/credentials/${id}/credential.jwt`, winner!.cookie);
    expect(file.body).toBe(await jwtOf(id!));
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename="credential-.*\.jwt"$/);

    // Unknown ids are a clear 404, malformed ones a 400, never a 500.
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const url of [`/api/v1/credentials/${unknown}`, `/api/v1/credentials/${unknown}/verify`]) {
      const r = await get(url);
      expect(r.statusCode, url).toBe(404);
      expect(r.json().error.code).toBe('NotFound');
    }
    expect((await get(`/api/v1/credentials/${unknown}/certificate.pdf`, winner!.cookie)).statusCode).toBe(404);
    expect((await get('/api/v1/credentials/not-a-uuid/verify')).statusCode).toBe(400);
    expect((await get(`/api/v1/credentials/jwks/${'A'.repeat(43)}`)).statusCode).toBe(404);
    expect((await get(`/api/v1/credentials/status/${unknown}/1`)).statusCode).toBe(404);
  });

  it('refuses a tampered credential: our verification and jose both reject it', async () => {
    const { candidates, submit } = await sit(1);
    const id = (await submit(candidates[0]!, true))!;
    const [h, p, s] = (await jwtOf(id)).split('.');
    const forged = JSON.parse(Buffer.from(p!, 'base64url').toString());
    forged.credentialSubject.identifier[0].identityHash = 'Mallory Forger';
    const tampered = `${h}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${s}`;

    await expect(jwtVerify(tampered, await jwks(), { currentDate: t.clock.now() })).rejects.toThrow(/signature verification failed/);
    const presented = await t.app.inject({ method: 'POST', url: '/api/v1/credentials/verify', payload: { jwt: tampered } });
    expect(presented.statusCode).toBe(200);
    expect(presented.json()).toMatchObject({ status: 'invalid', holderName: candidates[0]!.legalName, checks: expect.arrayContaining([expect.objectContaining({ check: 'signature', passed: false })]) });
    // The same when our own stored copy was altered.
    await t.db.updateTable('credentials').set({ jwt: tampered }).where('id', '=', id).execute();
    expect((await verifyReport(id)).status).toBe('invalid');
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/credentials/verify', payload: { jwt: 'not.a.jwt' } })).statusCode).toBe(400);
  });

  it('expires at validUntil; the holder is mailed 90 and 30 days before, once each', async () => {
    const { candidates, submit, call } = await sit(1, { credential: { validityMonths: 12 } });
    const c = candidates[0]!;
    const id = (await submit(c, true))!;
    const validUntil = new Date((await call(c.cookie, 'GET', '/api/v1/me/credentials')).json().credentials[0].validUntil);
    const reminders = () => t.db.selectFrom('outbox_emails').select(['subject', 'text_body']).where('to_address', '=', c.email).where('subject', 'like', '%expires on%').execute();

    t.clock.set(new Date(validUntil.getTime() - 91 * day));
    await runDueJobs(t.deps, credentialJobs);
    expect(await reminders()).toHaveLength(0);
    t.clock.set(new Date(validUntil.getTime() - 90 * day));
    await runDueJobs(t.deps, credentialJobs);
    await runDueJobs(t.deps, credentialJobs);
    expect(await reminders()).toEqual([expect.objectContaining({ subject: expect.stringContaining(validUntil.toISOString().slice(0, 10)), text_body: expect.stringContaining('expires in 90 days') })]);
    expect((await reminders())[0]!.text_body).toContain('To renew it, pass the exam again.');
    t.clock.set(new Date(validUntil.getTime() - 30 * day));
    await runDueJobs(t.deps, credentialJobs);
    expect((await reminders()).map((m) => m.text_body.match(/expires in (\d+) days/)![1])).toEqual(['90', '30']);

    expect((await verifyReport(id)).status).toBe('valid');
    t.clock.set(validUntil);
    const report = await verifyReport(id);
    expect(report).toMatchObject({ status: 'expired', checks: expect.arrayContaining([expect.objectContaining({ check: 'validity', passed: false, detail: expect.stringContaining('Expired on') })]) });
    await expect(jwtVerify(await jwtOf(id), await jwks(), { currentDate: t.clock.now() })).rejects.toThrow(/"exp" claim timestamp check failed/);
    // A year on, the holder signs in again (sessions do not last that long).
    const cookie = `${sessionCookieName}=${await createSession(t.deps, c.id, {})}`;
    expect((await call(cookie, 'GET', '/api/v1/me/credentials')).json().credentials[0].status).toBe('expired');
  });

  it('revokes the credential when a second staff member confirms the invalidation, in the status list too', async () => {
    const { candidates, submit } = await sit(1);
    const c = candidates[0]!;
    const id = (await submit(c, true))!;
    const [first, second] = await quickUsers(t, 2, 'admin');
    const invalidate = (cookie: string, note: string) => t.app.inject({ method: 'POST', url: `/api/v1/staff/results/${c.attemptId}/invalidate`, headers: { cookie }, payload: { note } });
    expect((await invalidate(first!.cookie, 'Answers match a leaked key')).json()).toMatchObject({ waitingForSecondStaff: true });
    expect((await verifyReport(id)).status).toBe('valid');
    expect((await invalidate(second!.cookie, 'Agreed after review')).json()).toMatchObject({ state: 'invalidated' });

    const report = await verifyReport(id);
    expect(report).toMatchObject({ status: 'revoked', revokedAt: t.clock.now().toISOString() });
    expect(report.checks).toEqual(expect.arrayContaining([expect.objectContaining({ check: 'revocation', passed: false }), expect.objectContaining({ check: 'result', passed: false })]));
    const status = (await jwtVerify(await jwtOf(id), await jwks(), { currentDate: t.clock.now() })).payload.credentialStatus as { statusListCredential: string; statusListIndex: string };
    const list = await jwtVerify((await get(new URL(status.statusListCredential).pathname)).body, await jwks(), { currentDate: t.clock.now() });
    expect(statusBit(decodeStatusList((list.payload.credentialSubject as { encodedList: string }).encodedList), Number(status.statusListIndex))).toBe(true);
    expect(await t.db.selectFrom('credentials').select('revocation_reason').where('id', '=', id).executeTakeFirstOrThrow()).toEqual({ revocation_reason: 'Answers match a leaked key' });
    expect(await t.db.selectFrom('audit_log').select(['action', 'actor_id']).where('subject_id', '=', id).orderBy('seq').execute()).toEqual([
      { action: 'credentials.issued', actor_id: null }, { action: 'credentials.revoked', actor_id: second!.id },
    ]);
    // Public reports do not publish why.
    expect(JSON.stringify(report)).not.toContain('leaked');
  });

  it('keeps credentials signed before a key rotation verifiable, and signs new ones with the new key', async () => {
    const { candidates, submit } = await sit(2);
    const before = (await submit(candidates[0]!, true))!;
    const oldKid = decodeProtectedHeader(await jwtOf(before)).kid;
    const rotated = await rotateSigningKey(t.deps);
    const after = (await submit(candidates[1]!, true))!;
    const newKid = decodeProtectedHeader(await jwtOf(after)).kid;
    expect(newKid).toBe(`${base}/api/v1/credentials/jwks/${rotated.kid}`);
    expect(newKid).not.toBe(oldKid);
    expect((await get('/api/v1/credentials/jwks')).json().keys.map((k: { kid: string }) => k.kid)).toEqual([newKid, oldKid]);
    for (const id of [before, after]) {
      await jwtVerify(await jwtOf(id), await jwks(), { currentDate: t.clock.now() });
      expect((await verifyReport(id)).status, id).toBe('valid');
    }
  });

  it('signs with the key of INVIGIL_SIGNING_KEY_FILE when configured, publishing its public part', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'invigil-key-'));
    const file = path.join(dir, 'signing.pem');
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }));
    await t.close();
    t = await createTestApp({ config: { signingKeyFile: file } });
    try {
      const { candidates, submit } = await sit(1);
      const id = (await submit(candidates[0]!, true))!;
      const { payload } = await jwtVerify(await jwtOf(id), await jwks(), { currentDate: t.clock.now() });
      expect(payload.jti).toBe(`${base}/api/v1/credentials/${id}`);
      const published = (await get('/api/v1/credentials/jwks')).json().keys;
      expect(published).toEqual([expect.objectContaining({ x: (publicKey.export({ format: 'jwk' }) as { x: string }).x })]);
      expect(await t.db.selectFrom('signing_keys').select(['source', 'private_pkcs8']).execute()).toEqual([{ source: 'file', private_pkcs8: null }]);
      await expect(rotateSigningKey(t.deps)).rejects.toThrow(/INVIGIL_SIGNING_KEY_FILE/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('opens booking for a renewal inside the lockout after a pass, from the renewal window before expiry', async () => {
    const { candidates, submit, code } = await sit(1, { credential: { validityMonths: 24, renewalWindowDays: 180 }, retakes: { lockoutDaysAfterPass: 730 } });
    const c = candidates[0]!;
    await submit(c, true);
    const { exam_id: examId } = await t.db.selectFrom('attempts').select('exam_id').where('id', '=', c.attemptId).executeTakeFirstOrThrow();
    const { outcomes } = await candidateContext(t.db, c.id, examId);
    const validUntil = (await t.db.selectFrom('credentials').select('valid_until').executeTakeFirstOrThrow()).valid_until!;
    expect(outcomes).toEqual([{ outcome: 'pass', at: expect.any(Date), credentialValidUntil: validUntil, invalidated: false }]);
    // The credentials page tells the holder the same date the booking rule enforces.
    const mine = (await t.app.inject({ method: 'GET', url: '/api/v1/me/credentials', headers: { cookie: c.cookie } })).json().credentials[0];
    expect(mine.renewableFrom).toBe(new Date(validUntil.getTime() - 180 * day).toISOString());
    // The booking page says why: refused for now, then (inside the booking horizon) earlier dates are explained.
    const opens = new Date(validUntil.getTime() - 180 * day);
    const slots = async (cookie: string) => (await t.app.inject({ method: 'GET', url: `/api/v1/exams/${code}/slots?from=${t.clock.now().toISOString().slice(0, 10)}`, headers: { cookie } })).json();
    const refused = await slots(c.cookie);
    expect(refused.refusals).toEqual([expect.objectContaining({ code: 'PassLockout', message: expect.stringContaining(`You can take the exam again to renew it from ${opens.toISOString().slice(0, 10)} (180 days before it expires)`) })]);
    t.clock.set(new Date(opens.getTime() - 30 * day));
    const later = await slots(`${sessionCookieName}=${await createSession(t.deps, c.id, {})}`);
    expect(later.refusals).toEqual([]);
    expect(later.notes).toEqual([expect.stringContaining('so earlier times are not shown')]);
  });
});
