import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { quickUsers } from '../../../test/booking-factories.ts';
import { runningProctoredExams } from '../../../test/proctoring-factories.ts';
import { runDueJobs } from '../platform/jobs.ts';
import { createSession, sessionCookieName } from '../platform/auth.ts';
import { purgeExpiredRecordings } from '../proctoring/recordings.ts';
import { appealOverdueJob } from './appeals.ts';

const day = 86_400_000;

describe('appeals of official results', () => {
  let t: TestApp;
  beforeEach(async () => { t = await createTestApp(); });
  afterEach(async () => { await t.close(); });

  const mails = (to: string) => t.db.selectFrom('outbox_emails').select(['subject', 'text_body']).where('to_address', '=', to).orderBy('created_at').execute();
  /** A fresh sign-in (after the clock moved past a session's lifetime). */
  const signIn = async (u: { id: string; cookie: string }) => { u.cookie = `${sessionCookieName}=${await createSession(t.deps, u.id, {})}`; };
  const statement = 'The noise flagged at 10:40 was my neighbour; nobody was in my room.';

  /** A correct, fast (so held) pass, invalidated by two admins: the proctor and both admins are involved. */
  async function invalidatedPass(retakes: { banDaysAfterInvalidation?: number } = {}) {
    const { code, candidates, proctors, call } = await runningProctoredExams(t, 1, { policy: { results: { releaseDelayHours: 0, appealWindowDays: 14, appealDecisionDays: 10 }, retakes: { waitDaysAfterFail: 14, ...retakes } } });
    const c = candidates[0]!;
    await call(proctors[0]!.cookie, 'POST', '/api/v1/proctor/live/heartbeat');
    await call(proctors[0]!.cookie, 'POST', `/api/v1/staff/attempts/${c.attemptId}/warn`, { reason: 'Looked away for a long time' });
    const form = (await t.db.selectFrom('attempts').select('form').where('id', '=', c.attemptId).executeTakeFirstOrThrow()).form as { items: { key: string; content: { correct: string[] } }[] };
    const entries = form.items.map((i, n) => ({ key: `answer:${i.key}`, value: i.content.correct, seq: n + 1 }));
    expect((await call(c.cookie, 'POST', `/api/v1/attempts/${c.attemptId}/submit`, { entries })).statusCode).toBe(200);
    const [first, second, uninvolved] = await quickUsers(t, 3, 'admin');
    await call(first!.cookie, 'POST', `/api/v1/staff/results/${c.attemptId}/invalidate`, { note: 'Answers match a leaked key' });
    await call(second!.cookie, 'POST', `/api/v1/staff/results/${c.attemptId}/invalidate`, { note: 'Agreed after review' });
    return { code, c, call, proctor: proctors[0]!, first: first!, second: second!, uninvolved: uninvolved! };
  }

  it('is filed within the window, goes to an admin who had no part in it, and reinstates the result with a new credential', async () => {
    const { c, call, proctor, first, second, uninvolved } = await invalidatedPass();
    const before = (await call(c.cookie, 'GET', `/api/v1/results/${c.attemptId}`)).json();
    expect(before).toMatchObject({ state: 'invalidated', appeal: null, appeals: { canAppealUntil: expect.any(String), windowDays: 14, appeal: null } });
    expect((await call(c.cookie, 'POST', `/api/v1/results/${c.attemptId}/appeal`, { statement: 'too short' })).statusCode).toBe(400);
    const [stranger] = await quickUsers(t, 1);
    expect((await call(stranger!.cookie, 'POST', `/api/v1/results/${c.attemptId}/appeal`, { statement })).statusCode).toBe(404);

    const filed = await call(c.cookie, 'POST', `/api/v1/results/${c.attemptId}/appeal`, { statement });
    expect(filed.statusCode).toBe(201);
    expect(new Date(filed.json().dueAt).getTime() - t.clock.now().getTime()).toBe(10 * day);
    expect((await call(c.cookie, 'POST', `/api/v1/results/${c.attemptId}/appeal`, { statement })).json().error.message).toMatch(/already appealed/);
    const row = await t.db.selectFrom('result_appeals').selectAll().where('attempt_id', '=', c.attemptId).executeTakeFirstOrThrow();
    expect(row.reviewer_id).toBe(uninvolved.id);
    expect((await mails(c.email)).at(-1)!.subject).toMatch(/appeal for .* has been received$/);
    expect((await mails(uninvolved.email)).at(-1)!.subject).toMatch(/^Appeal to review/);
    expect((await call(c.cookie, 'GET', '/api/v1/me/results')).json().results[0]).toMatchObject({ state: 'invalidated', appeal: 'open' });

    // Those involved cannot decide it; nor can a candidate or a proctor.
    for (const who of [first, second]) expect((await call(who.cookie, 'POST', `/api/v1/staff/appeals/${row.id}/decide`, { outcome: 'upheld', note: 'Stands' })).statusCode).toBe(403);
    expect((await call(proctor.cookie, 'GET', '/api/v1/staff/appeals')).statusCode).toBe(403);
    const listed = (await call(uninvolved.cookie, 'GET', '/api/v1/staff/appeals')).json().appeals;
    expect(listed).toEqual([expect.objectContaining({ id: row.id, yours: true, state: 'open', statement, resultState: 'invalidated', overdue: false })]);

    // The recording is kept while the appeal is open, whatever the retention period.
    t.clock.advance(400 * day);
    await runDueJobs(t.deps, [appealOverdueJob]);
    expect((await mails(uninvolved.email)).at(-1)!.subject).toMatch(/^Overdue appeal/);
    const started = new Date(t.clock.now().getTime() - 399 * day);
    await t.db.insertInto('session_recordings').values({ id: t.deps.ids.uuid(), attempt_id: c.attemptId, kind: 'camera', started_at: started, ended_at: started }).execute();
    await t.db.transaction().execute((trx) => purgeExpiredRecordings(t.deps, trx));
    await Promise.all([c, uninvolved].map(signIn));
    expect(await t.db.selectFrom('session_recordings').select('purged_at').where('attempt_id', '=', c.attemptId).where('purged_at', 'is not', null).execute()).toEqual([]);
    // The candidate sees what was kept of their session (audited); nobody else does.
    const media = (await call(c.cookie, 'GET', `/api/v1/results/${c.attemptId}/media`)).json();
    expect(media).toMatchObject({ photos: [], photosDeleted: false, recordings: [expect.objectContaining({ kind: 'camera', state: 'empty' })] });
    await signIn(stranger!);
    expect((await call(stranger!.cookie, 'GET', `/api/v1/results/${c.attemptId}/media`)).statusCode).toBe(404);
    expect(await t.db.selectFrom('audit_log').select('action').where('action', '=', 'attempt.own_media_viewed').execute()).toHaveLength(1);

    const decided = await call(uninvolved.cookie, 'POST', `/api/v1/staff/appeals/${row.id}/decide`, { outcome: 'reinstated', note: 'The recording shows nobody else; the key match was a coincidence.' });
    expect(decided.json()).toEqual({ state: 'reinstated', voucherCode: null });
    const after = (await call(c.cookie, 'GET', `/api/v1/results/${c.attemptId}`)).json();
    expect(after).toMatchObject({ state: 'released', passed: true, appeal: 'reinstated', appeals: { canAppealUntil: null, appeal: { state: 'reinstated', decisionNote: expect.stringContaining('recording') } } });
    const creds = await t.db.selectFrom('credentials').select(['revoked_at']).where('attempt_id', '=', c.attemptId).execute();
    expect(creds.filter((x) => x.revoked_at === null)).toHaveLength(1);
    expect((await mails(c.email)).at(-1)!.text_body).toContain('reinstated');
    expect((await call(uninvolved.cookie, 'POST', `/api/v1/staff/appeals/${row.id}/decide`, { outcome: 'upheld', note: 'Again' })).statusCode).toBe(409);
  });

  it('closes after the window, and grants a free retake as a voucher for the exam', async () => {
    const { c, call, uninvolved } = await invalidatedPass();
    t.clock.advance(15 * day);
    await Promise.all([c, uninvolved].map(signIn));
    expect((await call(c.cookie, 'POST', `/api/v1/results/${c.attemptId}/appeal`, { statement })).json().error.message).toMatch(/^The appeal window closed on \d{4}-\d\d-\d\d\.$/);
    await t.db.updateTable('results').set({ invalidated_at: t.clock.now() }).where('attempt_id', '=', c.attemptId).execute();
    const filed = await call(c.cookie, 'POST', `/api/v1/results/${c.attemptId}/appeal`, { statement });
    expect(filed.statusCode).toBe(201);
    const id = (await t.db.selectFrom('result_appeals').select('id').where('attempt_id', '=', c.attemptId).executeTakeFirstOrThrow()).id;
    const decided = (await call(uninvolved.cookie, 'POST', `/api/v1/staff/appeals/${id}/decide`, { outcome: 'retake', note: 'The session was disturbed; take it again at no cost.' })).json();
    expect(decided.voucherCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const voucher = await t.db.selectFrom('vouchers').selectAll().where('code', '=', decided.voucherCode).executeTakeFirstOrThrow();
    expect(voucher).toMatchObject({ kind: 'voucher', max_uses: 1, uses: 0 });
    expect((await mails(c.email)).at(-1)!.text_body).toContain(decided.voucherCode);
    expect((await call(c.cookie, 'GET', `/api/v1/results/${c.attemptId}`)).json()).toMatchObject({ state: 'invalidated', appeals: { appeal: { state: 'retake', voucherCode: decided.voucherCode } } });
  });

  it('bans a candidate whose result was invalidated from booking the exam for the policy\'s period, saying until when', async () => {
    const { code, c, call } = await invalidatedPass({ banDaysAfterInvalidation: 365 });
    const slots = (await call(c.cookie, 'GET', `/api/v1/exams/${code}/slots?from=${t.clock.now().toISOString().slice(0, 10)}`)).json();
    expect(slots.refusals).toEqual([expect.objectContaining({ code: 'InvalidationBan', message: expect.stringMatching(new RegExp(`^Your result of \\d{4}-\\d\\d-\\d\\d was invalidated; ${code} can be taken again from \\d{4}-\\d\\d-\\d\\d \\(a 365-day ban\\)\\.$`)) })]);
    const startsAt = new Date(Math.ceil((t.clock.now().getTime() + 20 * day) / 900_000) * 900_000).toISOString();
    const held = await call(c.cookie, 'POST', '/api/v1/holds', { examCode: code, startsAt, language: 'en' });
    expect(held.statusCode).toBe(422);
    expect(held.json().error.message).toMatch(/365-day ban/);
  });
});
