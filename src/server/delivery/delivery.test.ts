import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { bookableExam, quickUsers, addShift } from '../../../test/booking-factories.ts';
import { ExamPolicy } from '../../core/catalog/policy.ts';
import { savePolicy } from '../catalog/save-policy.ts';
import { runDueJobs } from '../platform/jobs.ts';
import { deliveryJobs } from './jobs.ts';
import { sebConfigKeyHash } from './seb.ts';

describe('exam delivery', () => {
  let t: TestApp;
  beforeEach(async () => { t = await createTestApp(); });
  afterEach(async () => { await t.close(); });

  const call = (cookie: string, method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url, headers: { cookie, ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) });

  async function practiceExam(policy = {}) {
    const e = await bookableExam(t, policy);
    await t.db.updateTable('exams').set({ practice: true, duration_minutes: 30 }).where('id', '=', e.examId).execute();
    return e;
  }
  async function started(cookie: string, code: string) {
    const created = await call(cookie, 'POST', `/api/v1/exams/${code}/practice-attempts`);
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().attempt.id as string;
    const s = await call(cookie, 'POST', `/api/v1/attempts/${id}/start`);
    expect(s.statusCode, s.body).toBe(200);
    return s.json().attempt;
  }
  const save = (cookie: string, id: string, entries: unknown[]) => call(cookie, 'POST', `/api/v1/attempts/${id}/journal`, { entries });

  it('delivers a practice form without keys, keeps the highest seq per key and scores the submit', async () => {
    const { code } = await practiceExam();
    const [c] = await quickUsers(t, 1);
    const created = await call(c!.cookie, 'POST', `/api/v1/exams/${code}/practice-attempts`);
    expect(created.json().attempt).toMatchObject({ status: 'authorised', items: [], timeLeftMs: 30 * 60_000 });
    const attempt = await started(c!.cookie, code);
    expect(attempt.status).toBe('in_progress');
    expect(attempt.items).toHaveLength(12);
    const body = JSON.stringify(attempt);
    expect(body).not.toMatch(/"correct"|rationale|Bravo is right|match_correct|"scoring"/);

    const first = attempt.items[0].key;
    // The same save twice, then an older one arriving late: the newest stays.
    expect((await save(c!.cookie, attempt.id, [{ key: `answer:${first}`, value: ['A'], seq: 2 }])).json().acked).toEqual([{ key: `answer:${first}`, seq: 2 }]);
    expect((await save(c!.cookie, attempt.id, [{ key: `answer:${first}`, value: ['A'], seq: 2 }])).statusCode).toBe(200);
    expect((await save(c!.cookie, attempt.id, [{ key: `answer:${first}`, value: ['C'], seq: 1 }])).statusCode).toBe(200);
    const again = (await call(c!.cookie, 'GET', `/api/v1/attempts/${attempt.id}`)).json().attempt;
    expect(again.journal).toContainEqual({ key: `answer:${first}`, value: ['A'], seq: 2 });

    // Answer every scored item correctly (B), carried in the submit itself.
    const entries = attempt.items.map((i: { key: string }, n: number) => ({ key: `answer:${i.key}`, value: ['B'], seq: 10 + n }));
    const submitted = await call(c!.cookie, 'POST', `/api/v1/attempts/${attempt.id}/submit`, { entries });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json().attempt).toMatchObject({ status: 'submitted', items: [], result: { passed: true, scaledScore: 1000, passingScore: 700 } });
    // Submitting again returns the same result; saving later is refused.
    expect((await call(c!.cookie, 'POST', `/api/v1/attempts/${attempt.id}/submit`, { entries: [] })).json().attempt.result.scaledScore).toBe(1000);
    t.clock.advance(31_000);
    const late = await save(c!.cookie, attempt.id, [{ key: `answer:${first}`, value: ['D'], seq: 99 }]);
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('AttemptFinished');
  });

  it('takes concurrent saves of one attempt without losing any', async () => {
    const { code } = await practiceExam();
    const [c] = await quickUsers(t, 1);
    const attempt = await started(c!.cookie, code);
    const keys = attempt.items.map((i: { key: string }) => i.key);
    const results = await Promise.all(keys.flatMap((k: string, n: number) => [1, 2, 3].map((seq) => save(c!.cookie, attempt.id, [{ key: `answer:${k}`, value: [['A', 'B', 'C'][(n + seq) % 3]], seq }]))));
    expect(results.every((r) => r.statusCode === 200)).toBe(true);
    const rows = await t.db.selectFrom('attempt_journal').select(['key', 'seq', 'value']).where('attempt_id', '=', attempt.id).execute();
    expect(rows).toHaveLength(keys.length);
    for (const [n, k] of keys.entries()) {
      const row = rows.find((r) => r.key === `answer:${k}`)!;
      expect([Number(row.seq), row.value]).toEqual([3, [['A', 'B', 'C'][(n + 3) % 3]]]);
    }
  });

  it('saves the answers beside notes holding a NUL or half an emoji, and the notes as the browser would show them', async () => {
    const { code } = await practiceExam();
    const [c] = await quickUsers(t, 1);
    const attempt = await started(c!.cookie, code);
    const [a, b] = attempt.items.map((i: { key: string }) => i.key);
    // What the notepad's old slice(0, 20000) produced when a paste at the limit cut an emoji in half.
    const notes = `${'n'.repeat(19_999)}\ud83d`;
    const res = await save(c!.cookie, attempt.id, [{ key: `answer:${a}`, value: ['A'], seq: 1 }, { key: `answer:${b}`, value: ['B'], seq: 1 }, { key: 'notes', value: notes, seq: 1 }]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().acked).toHaveLength(3);
    const rows = await t.db.selectFrom('attempt_journal').select(['key', 'value']).where('attempt_id', '=', attempt.id).execute();
    expect(rows.map((r) => r.key).sort()).toEqual([`answer:${a}`, `answer:${b}`, 'notes'].sort());
    expect(rows.find((r) => r.key === 'notes')!.value).toBe(`${'n'.repeat(19_999)}\ufffd`);

    const submitted = await call(c!.cookie, 'POST', `/api/v1/attempts/${attempt.id}/submit`, { entries: [{ key: 'notes', value: 'a\u0000b', seq: 2 }] });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json().attempt.status).toBe('submitted');
    const saved = await t.db.selectFrom('attempt_journal').select('value').where('attempt_id', '=', attempt.id).where('key', '=', 'notes').executeTakeFirstOrThrow();
    expect(saved.value).toBe('ab');
  });

  it("refuses answers to another candidate's attempt, unknown items and invalid choices", async () => {
    const { code } = await practiceExam();
    const [a, b] = await quickUsers(t, 2);
    const attempt = await started(a!.cookie, code);
    expect((await call(b!.cookie, 'GET', `/api/v1/attempts/${attempt.id}`)).statusCode).toBe(404);
    expect((await save(b!.cookie, attempt.id, [{ key: `answer:${attempt.items[0].key}`, value: ['A'], seq: 1 }])).statusCode).toBe(404);
    expect((await save(a!.cookie, attempt.id, [{ key: 'answer:NOPE', value: ['A'], seq: 1 }])).json().error.message).toMatch(/no question NOPE/);
    expect((await save(a!.cookie, attempt.id, [{ key: `answer:${attempt.items[0].key}`, value: ['A', 'B'], seq: 1 }])).json().error.message).toMatch(/choose up to 1/);
    expect((await save(a!.cookie, attempt.id, [{ key: `answer:${attempt.items[0].key}`, value: ['Z'], seq: 1 }])).statusCode).toBe(400);
    expect(await t.db.selectFrom('attempt_journal').select('key').where('attempt_id', '=', attempt.id).execute()).toEqual([]);
  });

  it('stops the clock while paused for leaving fullscreen and hides the questions', async () => {
    const { code } = await practiceExam();
    const [c] = await quickUsers(t, 1);
    const attempt = await started(c!.cookie, code);
    t.clock.advance(5 * 60_000);
    const paused = await call(c!.cookie, 'POST', `/api/v1/attempts/${attempt.id}/events`, { events: [{ kind: 'fullscreen_exit', at: t.clock.now().toISOString() }] });
    expect(paused.json()).toMatchObject({ status: 'paused', pausedReason: 'fullscreen', timeLeftMs: 25 * 60_000 });
    expect((await call(c!.cookie, 'GET', `/api/v1/attempts/${attempt.id}`)).json().attempt.items).toEqual([]);
    t.clock.advance(10 * 60_000);
    const resumed = await call(c!.cookie, 'POST', `/api/v1/attempts/${attempt.id}/resume`);
    expect(resumed.json()).toMatchObject({ status: 'in_progress', timeLeftMs: 25 * 60_000 });
    const kinds = await t.db.selectFrom('attempt_events').select('kind').where('attempt_id', '=', attempt.id).orderBy('id').execute();
    expect(kinds.map((k) => k.kind)).toEqual(['created', 'started', 'fullscreen_exit', 'resumed']);
  });

  it('ends the attempt by a job when the time is up, even with the browser gone, and scores what was saved', async () => {
    const { code } = await practiceExam();
    const [c] = await quickUsers(t, 1);
    const attempt = await started(c!.cookie, code);
    await save(c!.cookie, attempt.id, [{ key: `answer:${attempt.items[0].key}`, value: ['B'], seq: 1 }]);
    t.clock.advance(30 * 60_000 + 29_000);
    await runDueJobs(t.deps, deliveryJobs);
    expect((await t.db.selectFrom('attempts').select('status').where('id', '=', attempt.id).executeTakeFirstOrThrow()).status).toBe('in_progress');
    t.clock.advance(2_000);
    await runDueJobs(t.deps, deliveryJobs);
    const row = await t.db.selectFrom('attempts').selectAll().where('id', '=', attempt.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('expired');
    expect(row.ended_at!.getTime() - row.started_at!.getTime()).toBe(30 * 60_000);
    expect(row.raw_score).toBeGreaterThanOrEqual(0);
    expect((await call(c!.cookie, 'GET', `/api/v1/attempts/${attempt.id}`)).json().attempt.result).not.toBeNull();
  });

  it('takes a save in flight just after the end, then refuses and ends the attempt once the grace is over', async () => {
    const { code } = await practiceExam();
    const [c] = await quickUsers(t, 1);
    const attempt = await started(c!.cookie, code);
    const key = `answer:${attempt.items[0].key}`;
    for (let i = 0; i < 120; i++) {
      t.clock.advance(15_000);
      await save(c!.cookie, attempt.id, []);
    }
    t.clock.advance(10_000);
    const inFlight = await save(c!.cookie, attempt.id, [{ key, value: ['B'], seq: 1 }]);
    expect(inFlight.json()).toMatchObject({ status: 'in_progress', timeLeftMs: 0 });
    t.clock.advance(25_000);
    const late = await save(c!.cookie, attempt.id, [{ key, value: ['C'], seq: 2 }]);
    expect(late.json().error.code).toBe('AttemptFinished');
    const row = await t.db.selectFrom('attempts').select(['status', 'raw_score']).where('id', '=', attempt.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('expired');
    const saved = await t.db.selectFrom('attempt_journal').select(['value', 'seq']).where('attempt_id', '=', attempt.id).where('key', '=', key).executeTakeFirstOrThrow();
    expect([saved.value, Number(saved.seq)]).toEqual([['B'], 1]);
  });

  it('counts a long silence as a disconnect that did not use exam time', async () => {
    const { code } = await practiceExam();
    const [c] = await quickUsers(t, 1);
    const attempt = await started(c!.cookie, code);
    for (let i = 0; i < 4; i++) {
      t.clock.advance(15_000);
      await save(c!.cookie, attempt.id, []);
    }
    t.clock.advance(5 * 60_000);
    const back = await save(c!.cookie, attempt.id, []);
    // 1 minute used before the silence, plus the 15 s after the last heartbeat before it counted as a disconnect.
    expect(back.json().timeLeftMs).toBe(30 * 60_000 - 60_000 - 15_000);
    const events = await t.db.selectFrom('attempt_events').select(['kind', 'data']).where('attempt_id', '=', attempt.id).where('kind', '=', 'disconnect').execute();
    expect(events).toHaveLength(1);
  });

  it('opens a proctored attempt only after the launch is authorised, and requires Safe Exam Browser when the policy does', async () => {
    const { code, examId, programId } = await bookableExam(t);
    const [proctor, second] = await quickUsers(t, 2, 'proctor');
    await addShift(t, programId, proctor!.id, { weekdays: [5], start: '10:00', end: '14:00' });
    const [c] = await quickUsers(t, 1);
    const h = (await call(c!.cookie, 'POST', '/api/v1/holds', { examCode: code, startsAt: '2026-11-27T10:30:00Z', language: 'en' })).json().hold;
    const appt = (await call(c!.cookie, 'POST', '/api/v1/appointments', { holdId: h.id, paymentMethod: 'invoice' })).json().appointment;
    const early = await call(c!.cookie, 'POST', `/api/v1/appointments/${appt.id}/attempt`);
    expect(early.statusCode).toBe(403);
    expect(early.json().error).toMatchObject({ code: 'LaunchNotAuthorised', message: expect.stringMatching(/once your check-in is complete/) });
    // The direct authorisation is gone: without check-in, a launch takes an exception two staff members make.
    expect((await call(proctor!.cookie, 'POST', `/api/v1/appointments/${appt.id}/launch-authorisation`)).statusCode).toBe(404);
    expect((await call(c!.cookie, 'GET', '/api/v1/staff/appointments')).statusCode).toBe(403);
    t.clock.set(new Date('2026-11-27T10:00:00Z'));
    const requested = await call(proctor!.cookie, 'POST', `/api/v1/appointments/${appt.id}/launch-exceptions`, { reasonCode: 'video_checkin', note: 'ID and room checked on a video call.' });
    expect(requested.statusCode, requested.body).toBe(201);
    expect((await call(second!.cookie, 'POST', `/api/v1/launch-exceptions/${requested.json().exception.id}/approval`)).statusCode).toBe(200);
    const listed = (await call(proctor!.cookie, 'GET', '/api/v1/staff/appointments')).json().appointments;
    expect(listed).toEqual([expect.objectContaining({ id: appt.id, examCode: code, checkInOpensAt: '2026-11-27T10:00:00.000Z', launchAuthorisedAt: '2026-11-27T10:00:00.000Z', attemptStatus: null,
      launchException: expect.objectContaining({ reasonCode: 'video_checkin', requestedBy: expect.objectContaining({ id: proctor!.id }), approvedBy: expect.objectContaining({ id: second!.id }) }) })]);

    await savePolicy(t.deps, 'system', code, { policy: ExamPolicy.parse({ proctoring: { requireSafeExamBrowser: true, safeExamBrowserConfigKey: 'k3y' } }), expectedVersion: 1 });
    const url = `/api/v1/appointments/${appt.id}/attempt`;
    const noSeb = await call(c!.cookie, 'POST', url);
    expect(noSeb.json().error.code).toBe('SafeExamBrowserRequired');
    const wrong = await call(c!.cookie, 'POST', url, undefined, { 'x-safeexambrowser-configkeyhash': sebConfigKeyHash(`http://invigil.test${url}`, 'other') });
    expect(wrong.statusCode).toBe(403);
    const ok = await call(c!.cookie, 'POST', url, undefined, { 'x-safeexambrowser-configkeyhash': sebConfigKeyHash(`http://invigil.test${url}`, 'k3y') });
    expect(ok.statusCode, ok.body).toBe(201);
    const startUrl = `/api/v1/attempts/${ok.json().attempt.id}/start`;
    expect((await call(c!.cookie, 'POST', startUrl, undefined, { 'x-safeexambrowser-configkeyhash': sebConfigKeyHash(`http://invigil.test${url}`, 'k3y') })).statusCode).toBe(403);
    const s = await call(c!.cookie, 'POST', startUrl, undefined, { 'x-safeexambrowser-configkeyhash': sebConfigKeyHash(`http://invigil.test${startUrl}`, 'k3y') });
    expect(s.json().attempt.status).toBe('in_progress');
    expect((await t.db.selectFrom('appointments').select('status').where('id', '=', appt.id).executeTakeFirstOrThrow()).status).toBe('checked_in');
    expect(examId).toBeTruthy();
  });

  it('lets staff pause, add time and terminate with a reason, and the candidate cannot undo a proctor pause', async () => {
    const { code } = await practiceExam({ proctoring: { proctored: true } });
    const [c] = await quickUsers(t, 1);
    const [p] = await quickUsers(t, 1, 'proctor');
    const attempt = await started(c!.cookie, code);
    const staffCall = (action: string, body: unknown) => call(p!.cookie, 'POST', `/api/v1/staff/attempts/${attempt.id}/${action}`, body);
    // Only the proctor watching the attempt acts on it.
    expect((await staffCall('pause', { reason: 'Not my candidate' })).statusCode).toBe(403);
    await t.db.updateTable('attempts').set({ proctor_id: p!.id }).where('id', '=', attempt.id).execute();
    expect((await call(c!.cookie, 'POST', `/api/v1/staff/attempts/${attempt.id}/pause`, { reason: 'nope' })).statusCode).toBe(403);
    expect((await staffCall('pause', { reason: 'Second person in the room' })).json()).toMatchObject({ status: 'paused', pausedReason: 'proctor' });
    expect((await call(c!.cookie, 'POST', `/api/v1/attempts/${attempt.id}/resume`)).statusCode).toBe(403);
    expect((await staffCall('add-time', { reason: 'Lost time to a power cut', minutes: 10 })).json().timeLeftMs).toBe(40 * 60_000);
    expect((await staffCall('resume', { reason: 'Room clear' })).json().status).toBe('in_progress');
    expect((await staffCall('terminate', { reason: 'Notes from a phone' })).json().status).toBe('terminated');
    expect((await staffCall('resume', { reason: 'Oops' })).json().error.code).toBe('AttemptFinished');
  });
});
