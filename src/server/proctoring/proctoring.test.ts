import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { openLive } from '../../../test/live-client.ts';
import { quickUsers } from '../../../test/booking-factories.ts';
import { runningProctoredExams } from '../../../test/proctoring-factories.ts';
import sharp from 'sharp';
import { sweepSessions } from './sweep-sessions.ts';
import { proctoringJobs } from './no-proctor-alert.ts';
import { runDueJobs } from '../platform/jobs.ts';

describe('live proctoring', () => {
  let t: TestApp;
  beforeEach(async () => { t = await createTestApp(); });
  afterEach(async () => { await t.close(); });

  const attemptRow = (id: string) => t.db.selectFrom('attempts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const kinds = async (id: string) => (await t.db.selectFrom('attempt_events').select('kind').where('attempt_id', '=', id).orderBy('at').execute()).map((r) => r.kind);

  it('gives each running exam to the least-loaded proctor with the console open, and tells the candidate who (first name)', async () => {
    const { candidates, proctors, call } = await runningProctoredExams(t, 3, { proctors: 2 });
    const [p1, p2] = proctors;
    const first = (await call(p1!.cookie, 'POST', '/api/v1/proctor/live/heartbeat')).json();
    expect(first.sessions).toHaveLength(3);
    const second = (await call(p2!.cookie, 'POST', '/api/v1/proctor/live/heartbeat')).json();
    // Already watched sessions stay where they are; the newcomer gets the next one.
    expect(second.sessions).toHaveLength(0);
    expect(second.colleagues).toEqual([expect.objectContaining({ id: p1!.id, load: 3 })]);
    const view = (await call(candidates[0]!.cookie, 'GET', `/api/v1/attempts/${candidates[0]!.attemptId}/proctoring`)).json();
    expect(view).toMatchObject({ proctored: true, proctor: { id: p1!.id, firstName: 'Test' }, warning: null, unread: 0 });
    expect(first.sessions[0]).toMatchObject({ status: 'in_progress', examCode: expect.any(String), attention: [], timeLeftMs: 90 * 60_000 });
    // Another candidate learns nothing about this attempt.
    const [stranger] = await quickUsers(t, 1);
    expect((await call(stranger!.cookie, 'GET', `/api/v1/attempts/${candidates[0]!.attemptId}/proctoring`)).statusCode).toBe(404);
  });

  it('keeps every proctor within the policy ratio; a session waits rather than overload anyone', async () => {
    const { proctors, call } = await runningProctoredExams(t, 3, { proctors: 2, policy: { proctoring: { candidatesPerProctor: 2 } } });
    const live = (await call(proctors[0]!.cookie, 'POST', '/api/v1/proctor/live/heartbeat')).json();
    expect(live.sessions).toHaveLength(2);
    expect(live.unassigned).toBe(1);
  });

  it('gives sessions to a proctor on shift before one whose shift is over, who still takes those nobody on shift has room for', async () => {
    const { proctors, call } = await runningProctoredExams(t, 3, { proctors: 2, policy: { proctoring: { candidatesPerProctor: 2 } } });
    const [onShift] = proctors;
    // A proctor with no shift now, present before the one on shift (and with less to do).
    const [late] = await quickUsers(t, 1, 'proctor');
    const programId = (await t.db.selectFrom('shift_rules').select('program_id').where('proctor_id', '=', onShift!.id).executeTakeFirstOrThrow()).program_id;
    await t.db.insertInto('proctor_presence').values({ proctor_id: late!.id, seen_at: t.clock.now(), accepting: true }).execute();
    const mine = (await call(onShift!.cookie, 'POST', '/api/v1/proctor/live/heartbeat')).json();
    expect(mine.sessions).toHaveLength(2);
    expect(mine.shift).toEqual({ onShift: true, until: '2026-11-27T16:00:00.000Z', next: null });
    expect(mine.colleagues).toEqual([expect.objectContaining({ id: late!.id, onShift: false })]);
    const theirs = (await call(late!.cookie, 'POST', '/api/v1/proctor/live/heartbeat')).json();
    expect(theirs.sessions).toHaveLength(1);
    expect(theirs.shift).toEqual({ onShift: false, until: null, next: null });

    // A shift saved by an admin counts at once.
    const [admin] = await quickUsers(t, 1, 'admin');
    const saved = await call(admin!.cookie, 'POST', '/api/v1/admin/shift-rules', { proctorId: late!.id, programId, weekdays: [1], startTime: '09:00', endTime: '17:00', timeZone: 'UTC', validFrom: '2026-11-01', proctoring: true, greeting: false });
    expect(saved.statusCode, saved.body).toBe(201);
    expect((await call(late!.cookie, 'GET', '/api/v1/proctor/live')).json().shift).toEqual({ onShift: false, until: null, next: '2026-11-30T09:00:00.000Z' });
  });

  it('moves the sessions of a proctor whose console is gone for 30 s to another, and hands over on demand', async () => {
    const { candidates, proctors, call } = await runningProctoredExams(t, 2, { proctors: 2 });
    const [p1, p2] = proctors;
    await call(p1!.cookie, 'POST', '/api/v1/proctor/live/heartbeat');
    t.clock.advance(20_000);
    await call(p2!.cookie, 'POST', '/api/v1/proctor/live/heartbeat');
    t.clock.advance(11_000);
    const taken = (await call(p2!.cookie, 'POST', '/api/v1/proctor/live/heartbeat')).json();
    expect(taken.sessions.map((s: { attemptId: string }) => s.attemptId).sort()).toEqual(candidates.map((c) => c.attemptId).sort());
    expect(await kinds(candidates[0]!.attemptId)).toEqual(expect.arrayContaining(['proctor_assigned', 'proctor_left']));
    // p1 comes back and p2 hands one over with a note.
    await call(p1!.cookie, 'POST', '/api/v1/proctor/live/heartbeat');
    const id = candidates[0]!.attemptId;
    expect((await call(p1!.cookie, 'POST', `/api/v1/proctor/live/sessions/${id}/handover`, { toProctorId: p1!.id })).statusCode).toBe(403);
    expect((await call(p2!.cookie, 'POST', `/api/v1/proctor/live/sessions/${id}/handover`, { toProctorId: p1!.id, note: 'Candidate asked about breaks' })).statusCode).toBe(204);
    expect((await attemptRow(id)).proctor_id).toBe(p1!.id);
    const timeline = (await call(p1!.cookie, 'GET', `/api/v1/proctor/live/sessions/${id}/timeline`)).json().events;
    expect(timeline).toContainEqual(expect.objectContaining({ kind: 'proctor_handover', reason: 'Candidate asked about breaks' }));
    // Signing off hands everything on.
    const off = (await call(p1!.cookie, 'POST', '/api/v1/proctor/live/sign-off')).json();
    expect(off).toMatchObject({ accepting: false, sessions: [] });
    expect((await attemptRow(id)).proctor_id).toBe(p2!.id);
  });

  it('stops the clock of an exam nobody can watch for a minute, and starts it again when a proctor arrives', async () => {
    const { candidates, proctors, call } = await runningProctoredExams(t, 1);
    const [admin] = await quickUsers(t, 1, 'admin');
    const id = candidates[0]!.attemptId;
    t.clock.advance(61_000);
    await sweepSessions(t.deps);
    expect(await attemptRow(id)).toMatchObject({ status: 'paused', paused_reason: 'no_proctor' });
    // Staff are mailed once, however many sweeps follow.
    await sweepSessions(t.deps);
    await runDueJobs(t.deps, proctoringJobs);
    const alerts = await t.db.selectFrom('outbox_emails').select(['to_address', 'subject', 'text_body']).where('subject', 'like', '%no proctor is free%').execute();
    expect(alerts).toEqual([expect.objectContaining({ to_address: admin!.email, subject: '1 proctored exam is paused: no proctor is free' })]);
    expect(alerts[0]!.text_body).toContain('/proctor/live');
    const paused = (await call(candidates[0]!.cookie, 'GET', `/api/v1/attempts/${id}`)).json().attempt;
    expect(paused).toMatchObject({ status: 'paused', pausedReason: 'no_proctor' });
    t.clock.advance(5 * 60_000);
    await call(proctors[0]!.cookie, 'POST', '/api/v1/proctor/live/heartbeat');
    const back = (await call(candidates[0]!.cookie, 'GET', `/api/v1/attempts/${id}`)).json().attempt;
    expect(back.status).toBe('in_progress');
    // Only the minute before the pause ran off the clock, not the five minutes without a proctor.
    expect(back.timeLeftMs).toBe(90 * 60_000 - 61_000);
  });

  it('carries chat both ways, stores a resent message once, counts unread and refuses what does not belong', async () => {
    const { candidates, proctors, call } = await runningProctoredExams(t, 2, { proctors: 2 });
    const [me, other] = candidates;
    const [p1, p2] = proctors;
    await call(p1!.cookie, 'POST', '/api/v1/proctor/live/heartbeat');
    const url = `/api/v1/attempts/${me!.attemptId}/messages`;
    const id = randomUUID();
    const sent = await call(me!.cookie, 'POST', url, { id, body: 'My webcam light flickers, is that ok?' });
    expect(sent.statusCode, sent.body).toBe(200);
    expect((await call(me!.cookie, 'POST', url, { id, body: 'My webcam light flickers, is that ok?' })).json().seq).toBe(sent.json().seq);
    const seen = (await call(p1!.cookie, 'GET', url)).json();
    expect(seen).toMatchObject({ unread: 1, messages: [{ id, from: 'candidate', body: 'My webcam light flickers, is that ok?' }] });
    expect((await call(p1!.cookie, 'GET', '/api/v1/proctor/live')).json().sessions.find((s: { attemptId: string }) => s.attemptId === me!.attemptId).attention).toContain('chat');
    await call(p1!.cookie, 'POST', `${url}/read`, { upToSeq: seen.messages[0].seq });
    expect((await call(p1!.cookie, 'POST', url, { id: randomUUID(), body: 'Yes, that is fine.' })).statusCode).toBe(200);
    const mine = (await call(me!.cookie, 'GET', url)).json();
    expect(mine).toMatchObject({ unread: 1, messages: [{ from: 'candidate' }, { from: 'proctor', senderName: 'Test', body: 'Yes, that is fine.' }] });

    expect((await call(me!.cookie, 'POST', url, { id: randomUUID(), body: '   ' })).json().error.message).toMatch(/Write a message first/);
    expect((await call(me!.cookie, 'POST', url, { id: randomUUID(), body: 'x'.repeat(2001) })).json().error.message).toMatch(/at most 2,000 characters/);
    expect((await call(other!.cookie, 'GET', url)).statusCode).toBe(404);
    expect((await call(other!.cookie, 'POST', url, { id: randomUUID(), body: 'hi' })).statusCode).toBe(404);
    expect((await call(p2!.cookie, 'POST', url, { id: randomUUID(), body: 'hi' })).statusCode).toBe(403);
    // A message id used by someone else cannot be taken over.
    expect((await call(p1!.cookie, 'POST', url, { id, body: 'replaced?' })).statusCode).toBe(409);
    expect(await t.db.selectFrom('attempt_messages').select('body').where('attempt_id', '=', me!.attemptId).execute()).toHaveLength(2);
  });

  it('warns (clock stopped until acknowledged), adds time within the policy, terminates with a reason the candidate sees; an unassigned proctor changes nothing', async () => {
    const { candidates, proctors, call } = await runningProctoredExams(t, 1, { proctors: 2, policy: { proctoring: { maxAddMinutes: 15 } } });
    const c = candidates[0]!;
    const [p1, p2] = proctors;
    await call(p1!.cookie, 'POST', '/api/v1/proctor/live/heartbeat');
    const staff = (who: string, action: string, body: unknown) => call(who, 'POST', `/api/v1/staff/attempts/${c.attemptId}/${action}`, body);
    const before = await attemptRow(c.attemptId);
    expect((await staff(p2!.cookie, 'pause', { reason: 'Not mine to pause' })).statusCode).toBe(403);
    expect(await attemptRow(c.attemptId)).toEqual(before);

    const warned = await staff(p1!.cookie, 'warn', { reason: 'You looked away from the screen for a long time.', note: 'Keep your eyes on the screen, please.' });
    expect(warned.json()).toMatchObject({ status: 'paused', pausedReason: 'warning' });
    expect((await call(c.cookie, 'GET', `/api/v1/attempts/${c.attemptId}/proctoring`)).json().warning).toMatchObject({ reason: 'You looked away from the screen for a long time.', note: 'Keep your eyes on the screen, please.' });
    expect((await call(c.cookie, 'POST', `/api/v1/attempts/${c.attemptId}/resume`)).json().error.message).toMatch(/acknowledge/);
    t.clock.advance(30_000);
    const ack = (await call(c.cookie, 'POST', `/api/v1/attempts/${c.attemptId}/acknowledge-warning`)).json();
    expect(ack).toMatchObject({ status: 'in_progress', timeLeftMs: 90 * 60_000 });
    expect((await call(c.cookie, 'GET', `/api/v1/attempts/${c.attemptId}/proctoring`)).json().warning).toBeNull();

    expect((await staff(p1!.cookie, 'add-time', { reason: 'A technical problem needs sorting out.', minutes: 10 })).json().timeLeftMs).toBe(100 * 60_000);
    const over = await staff(p1!.cookie, 'add-time', { reason: 'More', minutes: 10 });
    expect(over.json().error.message).toMatch(/At most 15 minutes/);
    const term = await staff(p1!.cookie, 'terminate', { reason: 'A phone, notes or another device was seen.', note: 'Phone on the desk after two warnings' });
    expect(term.json().status).toBe('terminated');
    expect((await call(c.cookie, 'GET', `/api/v1/attempts/${c.attemptId}/proctoring`)).json().endReason).toBe('A phone, notes or another device was seen.');
    expect((await staff(p1!.cookie, 'resume', { reason: 'Oops' })).json().error.code).toBe('AttemptFinished');
    expect(await kinds(c.attemptId)).toEqual(expect.arrayContaining(['staff_warn', 'warning_acknowledged', 'staff_add_time', 'staff_terminate']));
  });

  it('relays WebRTC signals only between a candidate and the proctor assigned to them', async () => {
    const { candidates, proctors, call } = await runningProctoredExams(t, 2, { proctors: 2 });
    const [me, other] = candidates;
    const [p1, p2] = proctors;
    await call(p1!.cookie, 'POST', '/api/v1/proctor/live/heartbeat');
    const proctor = await openLive(t, p1!.cookie);
    expect(await proctor.subscribe('console', { kind: 'proctor-live' })).toMatchObject({ type: 'subscribed' });
    const cand = await openLive(t, me!.cookie);
    expect(await cand.subscribe('mine', { kind: 'attempt', id: me!.attemptId })).toMatchObject({ type: 'subscribed' });
    proctor.send({ type: 'signal', attemptId: me!.attemptId, data: { kind: 'request' } });
    expect(await cand.next((m) => m.type === 'signal')).toEqual({ type: 'signal', attemptId: me!.attemptId, from: 'proctor', data: { kind: 'request' } });
    const sdp = `v=0\r\n${'a=x\r\n'.repeat(1500)}`;
    cand.send({ type: 'signal', attemptId: me!.attemptId, data: { kind: 'offer', link: 'l1', sdp } });
    expect(await proctor.next((m) => m.type === 'signal')).toMatchObject({ from: 'candidate', data: { kind: 'offer', link: 'l1', sdp } });

    // Another candidate, an unassigned proctor: refused, nothing relayed.
    const intruder = await openLive(t, other!.cookie);
    intruder.send({ type: 'signal', attemptId: me!.attemptId, data: { kind: 'request' } });
    expect(await intruder.next((m) => m.type === 'error')).toMatchObject({ code: 'Forbidden' });
    const stranger = await openLive(t, p2!.cookie);
    stranger.send({ type: 'signal', attemptId: me!.attemptId, data: { kind: 'hangup' } });
    expect(await stranger.next((m) => m.type === 'error')).toMatchObject({ code: 'Forbidden' });
    expect(await stranger.subscribe('peek', { kind: 'attempt', id: me!.attemptId })).toMatchObject({ type: 'error', code: 'Forbidden' });
    await new Promise((r) => setTimeout(r, 100));
    expect(cand.received.filter((m) => m.type === 'signal')).toEqual([]);

    // The proctor hears the candidate's chat live.
    await call(me!.cookie, 'POST', `/api/v1/attempts/${me!.attemptId}/messages`, { id: randomUUID(), body: 'Hello?' });
    expect(await proctor.next((m) => m.type === 'event')).toMatchObject({ event: { kind: 'attempt.changed', id: me!.attemptId, what: 'chat', from: 'candidate' } });

    // Handed over: the candidate's very next signal goes to the new proctor, none to the one who left.
    await call(p2!.cookie, 'POST', '/api/v1/proctor/live/heartbeat');
    expect((await call(p1!.cookie, 'POST', `/api/v1/proctor/live/sessions/${me!.attemptId}/handover`, { toProctorId: p2!.id })).statusCode).toBe(204);
    await cand.next((m) => m.type === 'event' && (m.event as { what?: string }).what === 'proctor');
    const before = proctor.received.filter((m) => m.type === 'signal').length;
    // An offer and its ICE candidates leave together (the route is looked up again after the handover): they arrive
    // in the order sent.
    cand.send({ type: 'signal', attemptId: me!.attemptId, data: { kind: 'offer', link: 'l2', sdp } });
    for (const n of [1, 2, 3]) cand.send({ type: 'signal', attemptId: me!.attemptId, data: { kind: 'ice', link: 'l2', candidate: `candidate:${n}`, sdpMid: '0', sdpMLineIndex: 0 } });
    const burst = [];
    for (let i = 0; i < 4; i++) burst.push(await stranger.next((m) => m.type === 'signal'));
    expect(burst[0]).toMatchObject({ from: 'candidate', data: { kind: 'offer', link: 'l2' } });
    expect(burst.slice(1).map((m) => (m.data as { candidate: string }).candidate)).toEqual(['candidate:1', 'candidate:2', 'candidate:3']);
    expect(proctor.received.filter((m) => m.type === 'signal')).toHaveLength(before);
    for (const s of [proctor, cand, intruder, stranger]) s.ws.terminate();
  });
  it('keeps the newest webcam snapshot for the assigned proctor when video cannot flow, re-encoded and small', async () => {
    const { candidates, proctors, call } = await runningProctoredExams(t, 2, { proctors: 2 });
    const [me, other] = candidates;
    const [p1, p2] = proctors;
    await call(p1!.cookie, 'POST', '/api/v1/proctor/live/heartbeat');
    const png = await sharp({ create: { width: 1280, height: 960, channels: 3, background: { r: 0, g: 190, b: 0 } } }).png().toBuffer();
    const put = (cookie: string, body: Buffer, id = me!.attemptId) => t.app.inject({ method: 'PUT', url: `/api/v1/attempts/${id}/snapshot`, headers: { cookie, 'content-type': 'image/jpeg' }, payload: body });
    expect((await put(me!.cookie, png)).statusCode).toBe(200);
    expect((await put(other!.cookie, png)).statusCode).toBe(404);
    expect((await put(me!.cookie, Buffer.from('GIF89a not really'))).statusCode).toBe(415);
    const got = await t.app.inject({ method: 'GET', url: `/api/v1/proctor/live/sessions/${me!.attemptId}/snapshot`, headers: { cookie: p1!.cookie } });
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/jpeg');
    expect(got.headers['cache-control']).toBe('no-store');
    expect((await sharp(got.rawPayload).metadata()).width).toBeLessThanOrEqual(480);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/proctor/live/sessions/${me!.attemptId}/snapshot`, headers: { cookie: p2!.cookie } })).statusCode).toBe(403);
    expect((await call(p1!.cookie, 'GET', '/api/v1/proctor/live')).json().sessions.find((x: { attemptId: string }) => x.attemptId === me!.attemptId).snapshotAt).toEqual(expect.any(String));
  });
  it('gives a break by the policy: clock stopped up to its length, the overrun taken from the exam time, the proctor checks the room before it goes on', async () => {
    const { candidates, proctors, call } = await runningProctoredExams(t, 1, { policy: { delivery: { breaksAllowed: true, maxBreakMinutes: 10, maxBreaks: 1 } } });
    const c = candidates[0]!;
    await call(proctors[0]!.cookie, 'POST', '/api/v1/proctor/live/heartbeat');
    expect((await call(c.cookie, 'GET', `/api/v1/attempts/${c.attemptId}`)).json().attempt.breaks).toEqual({ left: 1, maxMinutes: 10, stopsClock: true, overrun: 'deduct', locksAnswers: false });
    expect((await call(c.cookie, 'POST', `/api/v1/attempts/${c.attemptId}/break`)).json()).toMatchObject({ status: 'paused', pausedReason: 'break', pausedSince: expect.any(String) });
    const onBreak = (await call(proctors[0]!.cookie, 'GET', '/api/v1/proctor/live')).json().sessions[0];
    expect(onBreak).toMatchObject({ pausedReason: 'break', pausedSince: expect.any(String) });
    t.clock.advance(12 * 60_000 + 10_000);
    const back = (await call(c.cookie, 'POST', `/api/v1/attempts/${c.attemptId}/break/end`)).json();
    // Back at the desk: a room re-scan first (recordings.test.ts films it); the proctor may also continue without it.
    expect(back).toMatchObject({ status: 'paused', pausedReason: 'rescan' });
    expect((await call(c.cookie, 'POST', `/api/v1/attempts/${c.attemptId}/resume`)).statusCode).toBe(403);
    const resumed = (await call(proctors[0]!.cookie, 'POST', `/api/v1/staff/attempts/${c.attemptId}/resume`, { reason: 'Room checked after the break' })).json();
    // 12 min 10 s away, 10 allowed: 3 whole minutes (rounded up) come off the 90.
    expect(resumed).toMatchObject({ status: 'in_progress', timeLeftMs: 87 * 60_000 });
    expect((await call(c.cookie, 'POST', `/api/v1/attempts/${c.attemptId}/break`)).json().error.message).toMatch(/taken the break this exam allows/);
    expect(await kinds(c.attemptId)).toEqual(expect.arrayContaining(['break_started', 'break_ended']));
  });

  it('locks the questions answered before a break when the policy says so: their answers stay, and cannot change', async () => {
    const { candidates, proctors, call } = await runningProctoredExams(t, 1, { policy: { delivery: { breaksAllowed: true, maxBreakMinutes: 10, maxBreaks: 1, lockAnswersAtBreak: true } } });
    const c = candidates[0]!;
    await call(proctors[0]!.cookie, 'POST', '/api/v1/proctor/live/heartbeat');
    const form = (await t.db.selectFrom('attempts').select('form').where('id', '=', c.attemptId).executeTakeFirstOrThrow()).form as { items: { key: string; content: { options: { id: string }[] } }[] };
    const [first, second] = form.items;
    const opt = (i: typeof first, n: number) => [i!.content.options[n]!.id];
    const save = (entries: unknown[]) => call(c.cookie, 'POST', `/api/v1/attempts/${c.attemptId}/journal`, { entries });
    expect((await save([{ key: `answer:${first!.key}`, value: opt(first, 0), seq: 1 }])).statusCode).toBe(200);
    await call(c.cookie, 'POST', `/api/v1/attempts/${c.attemptId}/break`);
    expect((await call(c.cookie, 'GET', `/api/v1/attempts/${c.attemptId}`)).json().attempt.lockedItems).toEqual([first!.key]);
    await call(c.cookie, 'POST', `/api/v1/attempts/${c.attemptId}/break/end`);
    await call(proctors[0]!.cookie, 'POST', `/api/v1/staff/attempts/${c.attemptId}/resume`, { reason: 'Room checked after the break' });
    // Changing a locked answer (or striking its options) is refused and changes nothing; other questions save.
    const refused = await save([{ key: `answer:${first!.key}`, value: opt(first, 1), seq: 2 }, { key: `answer:${second!.key}`, value: opt(second, 0), seq: 3 }]);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toContain('locked at your break');
    expect((await save([{ key: `strike:${first!.key}`, value: opt(first, 0), seq: 4 }])).statusCode).toBe(400);
    expect((await save([{ key: `answer:${second!.key}`, value: opt(second, 0), seq: 3 }, { key: `flag:${first!.key}`, value: true, seq: 5 }])).statusCode).toBe(200);
    const journal = await t.db.selectFrom('attempt_journal').select(['key', 'value']).where('attempt_id', '=', c.attemptId).execute();
    expect(journal).toContainEqual({ key: `answer:${first!.key}`, value: opt(first, 0) });
    expect(journal).toContainEqual({ key: `answer:${second!.key}`, value: opt(second, 0) });
    // A submit carrying a change to a locked answer submits, without it.
    const done = await call(c.cookie, 'POST', `/api/v1/attempts/${c.attemptId}/submit`, { entries: [{ key: `answer:${first!.key}`, value: opt(first, 2), seq: 9 }] });
    expect(done.statusCode).toBe(200);
    expect((await t.db.selectFrom('attempt_journal').select('value').where('attempt_id', '=', c.attemptId).where('key', '=', `answer:${first!.key}`).executeTakeFirstOrThrow()).value).toEqual(opt(first, 0));
  });

  it('refuses a break the policy does not offer', async () => {
    const { candidates, call } = await runningProctoredExams(t, 1);
    const c = candidates[0]!;
    expect((await call(c.cookie, 'POST', `/api/v1/attempts/${c.attemptId}/break`)).json().error).toMatchObject({ code: 'Conflict', message: 'This exam has no breaks.' });
    expect((await attemptRow(c.attemptId)).status).toBe('in_progress');
  });
  it('pauses while the camera is off and continues when it is back, with the proctor told at once', async () => {
    const { candidates, proctors, call } = await runningProctoredExams(t, 1);
    const c = candidates[0]!;
    await call(proctors[0]!.cookie, 'POST', '/api/v1/proctor/live/heartbeat');
    const events = (kind: string) => call(c.cookie, 'POST', `/api/v1/attempts/${c.attemptId}/events`, { events: [{ kind, at: t.clock.now().toISOString() }] });
    expect((await events('camera_lost')).json()).toMatchObject({ status: 'paused', pausedReason: 'camera' });
    expect((await call(proctors[0]!.cookie, 'GET', '/api/v1/proctor/live')).json().sessions[0].attention).toContain('camera_lost');
    t.clock.advance(40_000);
    expect((await events('camera_restored')).json()).toMatchObject({ status: 'in_progress', timeLeftMs: 90 * 60_000 });
  });
  it('pauses an exam that requires the screen while it is not shared, and continues when it is again', async () => {
    const { candidates, call } = await runningProctoredExams(t, 1, { policy: { proctoring: { requireScreenShare: true } } });
    const c = candidates[0]!;
    expect((await call(c.cookie, 'GET', `/api/v1/attempts/${c.attemptId}`)).json().attempt.requireScreenShare).toBe(true);
    const events = (kind: string) => call(c.cookie, 'POST', `/api/v1/attempts/${c.attemptId}/events`, { events: [{ kind, at: t.clock.now().toISOString() }] });
    expect((await events('screen_share_stopped')).json()).toMatchObject({ status: 'paused', pausedReason: 'screen' });
    expect((await events('screen_share_started')).json()).toMatchObject({ status: 'in_progress' });
  });
});
