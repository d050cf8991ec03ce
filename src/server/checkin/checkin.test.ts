import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { photoUploadsInFlight } from './routes.ts';
import { bookedCandidates as booked, caller, defaultPhotoKinds as kinds, jpegWithGps, readyToSubmit as ready } from '../../../test/checkin-factories.ts';

describe('check-in', () => {
  let t: TestApp;
  beforeEach(async () => { t = await createTestApp(); });
  afterEach(async () => { await t.close(); });

  const call: ReturnType<typeof caller> = (...args) => caller(t)(...args);
  const bookedCandidates = (n: number, policy = {}) => booked(t, n, policy);
  const readyToSubmit = (cookie: string, apptId: string) => ready(t, cookie, apptId);

  it('opens only inside the window and says when it opens', async () => {
    const { candidates, appts } = await bookedCandidates(1);
    const early = await call(candidates[0]!.cookie, 'POST', `/api/v1/appointments/${appts[0].id}/checkin`);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toMatch(/Check-in opens at 11:00 \(Europe\/Berlin\)/);
    t.clock.set(new Date('2026-11-27T10:00:00Z'));
    const open = (await call(candidates[0]!.cookie, 'POST', `/api/v1/appointments/${appts[0].id}/checkin`)).json().checkIn;
    expect(open).toMatchObject({ status: 'in_progress', rulesAccepted: false, canSubmit: false, window: { state: 'open' } });
    expect(open.photos.map((p: { kind: string }) => p.kind)).toEqual(kinds);
    expect(open.rules.length).toBeGreaterThan(0);
  });

  it('takes photos from the desktop and from the phone link, re-encoded without EXIF, visible only through signed links', async () => {
    const { candidates, appts } = await bookedCandidates(2);
    t.clock.set(new Date('2026-11-27T10:05:00Z'));
    const [a, b] = candidates;
    const id = (await call(a!.cookie, 'POST', `/api/v1/appointments/${appts[0].id}/checkin`)).json().checkIn.id;
    expect((await call(b!.cookie, 'GET', `/api/v1/checkins/${id}`)).statusCode).toBe(404);

    const up = await call(a!.cookie, 'PUT', `/api/v1/checkins/${id}/photos/headshot`, await jpegWithGps(), { 'content-type': 'image/jpeg' });
    const headshot = up.json().checkIn.photos.find((p: { kind: string }) => p.kind === 'headshot');
    expect(headshot.uploaded).toBe(true);
    const file = await t.app.inject({ method: 'GET', url: headshot.url });
    expect(file.headers['content-type']).toBe('image/jpeg');
    expect((await sharp(file.rawPayload).metadata()).exif).toBeUndefined();
    expect(file.rawPayload.includes(Buffer.from('PhoneCo'))).toBe(false);

    const link = (await call(a!.cookie, 'POST', `/api/v1/checkins/${id}/phone-link`)).json();
    expect(link.url).toMatch(/^http:\/\/invigil\.test\/m\/[A-Za-z0-9_-]{43}$/);
    expect(link.expiresAt).toBe('2026-11-27T10:45:00.000Z');
    const token = link.url.split('/m/')[1];
    const phone = await t.app.inject({ method: 'PUT', url: `/api/v1/phone/${token}/photos/id_front`, payload: await sharp({ create: { width: 80, height: 50, channels: 3, background: 'white' } }).png().toBuffer(), headers: { 'content-type': 'image/png' } });
    expect(phone.statusCode, phone.body).toBe(200);
    expect(phone.json().photos.find((p: { kind: string }) => p.kind === 'id_front').uploaded).toBe(true);
    expect(JSON.stringify(phone.json())).not.toMatch(/@example\.org|url/);

    const pdf = await t.app.inject({ method: 'PUT', url: `/api/v1/phone/${token}/photos/room_front`, payload: Buffer.from('%PDF-1.4 trailer'), headers: { 'content-type': 'image/jpeg' } });
    expect(pdf.statusCode).toBe(415);
    // A new link retires the old one; an unknown token gets a clear answer.
    await call(a!.cookie, 'POST', `/api/v1/checkins/${id}/phone-link`);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/phone/${token}` })).json().error.code).toBe('TokenInvalid');
    // The link is for this check-in's photos only: it is no sign-in and reaches nothing else.
    const fresh = (await call(a!.cookie, 'POST', `/api/v1/checkins/${id}/phone-link`)).json().url.split('/m/')[1];
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/checkins/${id}`, headers: { authorization: `Bearer ${fresh}` } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/checkins/${id}`, headers: { cookie: `invigil_session=${fresh}` } })).statusCode).toBe(401);
    t.clock.set(new Date('2026-11-27T10:46:00Z'));
    const expiredLink = (await call(a!.cookie, 'GET', `/api/v1/checkins/${id}`)).json().checkIn;
    expect(expiredLink.window.state).toBe('closed');
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/phone/${fresh}` })).json().error.code).toBe('TokenExpired');
    const late = await t.app.inject({ method: 'PUT', url: `/api/v1/phone/${fresh}/photos/room_front`, payload: await jpegWithGps(), headers: { 'content-type': 'image/jpeg' } });
    expect(late.json().error.code).toBe('TokenExpired');
  });

  it('submits only with the rules accepted and every photo, then shows a queue position and a wait', async () => {
    const { candidates, appts } = await bookedCandidates(2);
    t.clock.set(new Date('2026-11-27T10:05:00Z'));
    const early = (await call(candidates[0]!.cookie, 'POST', `/api/v1/appointments/${appts[0].id}/checkin`)).json().checkIn.id;
    const refused = await call(candidates[0]!.cookie, 'POST', `/api/v1/checkins/${early}/submit`);
    expect(refused.json().error.message).toMatch(/Accept the exam's rules first/);
    const first = await readyToSubmit(candidates[0]!.cookie, appts[0].id);
    const second = await readyToSubmit(candidates[1]!.cookie, appts[1].id);
    expect((await call(candidates[0]!.cookie, 'POST', `/api/v1/checkins/${first}/submit`)).json().checkIn.queue).toMatchObject({ position: 1 });
    t.clock.advance(1000);
    const queued = (await call(candidates[1]!.cookie, 'POST', `/api/v1/checkins/${second}/submit`)).json().checkIn;
    expect(queued.status).toBe('submitted');
    expect(queued.queue.position).toBe(2);
    expect(queued.queue.etaMs).toBeGreaterThan(0);
    expect(queued.queue.etaLowMs).toBeLessThanOrEqual(queued.queue.etaMs);
    expect((await call(candidates[1]!.cookie, 'PUT', `/api/v1/checkins/${second}/photos/headshot`, await jpegWithGps(), { 'content-type': 'image/jpeg' })).statusCode).toBe(409);
  });

  it('gives two greeters pressing at once two different check-ins, never the same one', async () => {
    const { candidates, appts, proctor, second } = await bookedCandidates(2);
    t.clock.set(new Date('2026-11-27T10:05:00Z'));
    for (const [i, c] of candidates.entries()) await call(c.cookie, 'POST', `/api/v1/checkins/${await readyToSubmit(c.cookie, appts[i].id)}/submit`);
    expect((await call(candidates[0]!.cookie, 'POST', '/api/v1/greeter/claim')).statusCode).toBe(403);
    const [r1, r2] = await Promise.all([call(proctor.cookie, 'POST', '/api/v1/greeter/claim'), call(second.cookie, 'POST', '/api/v1/greeter/claim')]);
    const ids = [r1.json().review.id, r2.json().review.id];
    expect(new Set(ids).size).toBe(2);
    // The queue is empty now; asking again returns the check-in one already holds.
    expect((await call(proctor.cookie, 'POST', '/api/v1/greeter/claim')).json().review.id).toBe(ids[0]);
    expect((await call(proctor.cookie, 'GET', '/api/v1/greeter/queue')).json()).toMatchObject({ entries: [], inReview: 2 });
  });

  it('asks for a retake of one photo, then approves, which (without a room scan in the policy) lets the exam launch', async () => {
    const { candidates, appts, proctor, second } = await bookedCandidates(1, { proctoring: { requireRoomScan: false } });
    t.clock.set(new Date('2026-11-27T10:05:00Z'));
    const c = candidates[0]!;
    const id = await readyToSubmit(c.cookie, appts[0].id);
    await call(c.cookie, 'POST', `/api/v1/checkins/${id}/submit`);
    const review = (await call(proctor.cookie, 'POST', '/api/v1/greeter/claim')).json().review;
    expect(review).toMatchObject({ systemTest: null });
    expect(review.candidateLegalName).toMatch(/^Test candidate/);
    expect(review.photos.every((p: { url: string | null }) => p.url !== null)).toBe(true);
    expect((await call(second.cookie, 'POST', `/api/v1/greeter/checkins/${id}/decision`, { decision: 'approve' })).statusCode).toBe(409);

    await call(proctor.cookie, 'POST', `/api/v1/greeter/checkins/${id}/decision`, { decision: 'retake', photos: ['room_left'], reason: 'The left side of the room is too dark.' });
    const back = (await call(c.cookie, 'GET', `/api/v1/checkins/${id}`)).json().checkIn;
    expect(back).toMatchObject({ status: 'retake_requested', decisionReason: 'The left side of the room is too dark.', canSubmit: false });
    expect(back.photos.find((p: { kind: string }) => p.kind === 'room_left').retake).toBe(true);
    await call(c.cookie, 'PUT', `/api/v1/checkins/${id}/photos/room_left`, await jpegWithGps(), { 'content-type': 'image/jpeg' });
    expect((await call(c.cookie, 'POST', `/api/v1/checkins/${id}/submit`)).json().checkIn.status).toBe('submitted');

    expect((await call(proctor.cookie, 'POST', '/api/v1/greeter/claim')).json().review.id).toBe(id);
    expect((await call(proctor.cookie, 'POST', `/api/v1/greeter/checkins/${id}/decision`, { decision: 'approve' })).json().status).toBe('completed');
    expect((await call(c.cookie, 'GET', `/api/v1/checkins/${id}`)).json().checkIn).toMatchObject({ canLaunch: true, roomScan: { required: false } });
    const attempt = await call(c.cookie, 'POST', `/api/v1/appointments/${appts[0].id}/attempt`);
    expect(attempt.statusCode, attempt.body).toBe(201);
    const audit = await t.db.selectFrom('audit_log').select('action').where('action', 'like', 'checkin.%').orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['checkin.claimed', 'checkin.retake', 'checkin.claimed', 'checkin.approve']);
  });

  it('lets a candidate whose check-in reached the greeters before the close start after it, and no one else', async () => {
    const { candidates, appts, proctor } = await bookedCandidates(2, { proctoring: { requireRoomScan: false } });
    const [c, late] = candidates;
    t.clock.set(new Date('2026-11-27T10:44:00Z'));
    const id = await readyToSubmit(c!.cookie, appts[0].id);
    expect((await call(c!.cookie, 'POST', `/api/v1/checkins/${id}/submit`)).json().checkIn.status).toBe('submitted');
    // The queue took a while: the greeter approves after the window closed.
    t.clock.set(new Date('2026-11-27T10:52:00Z'));
    expect((await call(proctor.cookie, 'POST', '/api/v1/greeter/claim')).json().review.id).toBe(id);
    expect((await call(proctor.cookie, 'POST', `/api/v1/greeter/checkins/${id}/decision`, { decision: 'approve' })).json().status).toBe('completed');
    const attempt = await call(c!.cookie, 'POST', `/api/v1/appointments/${appts[0].id}/attempt`);
    expect(attempt.statusCode, attempt.body).toBe(201);
    // An authorised launch without a check-in in time opens nothing after the close.
    await t.db.updateTable('appointments').set({ launch_authorised_at: t.clock.now() }).where('id', '=', appts[1].id).execute();
    const missed = await call(late!.cookie, 'POST', `/api/v1/appointments/${appts[1].id}/attempt`);
    expect(missed.json().error).toMatchObject({ code: 'LaunchNotAuthorised', message: expect.stringMatching(/^Check-in closed at 11:45 \(Europe\/Berlin\)/) });
  });

  it('rejects with a reason from the policy, recorded by its number', async () => {
    const reasons = ['Your ID photo is not a government ID.', 'Someone else is in the room.'];
    const { candidates, appts, proctor } = await bookedCandidates(1, { checkIn: { rejectReasons: reasons } });
    t.clock.set(new Date('2026-11-27T10:05:00Z'));
    const c = candidates[0]!;
    const id = await readyToSubmit(c.cookie, appts[0].id);
    await call(c.cookie, 'POST', `/api/v1/checkins/${id}/submit`);
    expect((await call(proctor.cookie, 'POST', '/api/v1/greeter/claim')).json().review.rejectReasons).toEqual(reasons);
    expect((await call(proctor.cookie, 'POST', `/api/v1/greeter/checkins/${id}/decision`, { decision: 'reject', reason: reasons[1] })).json().status).toBe('rejected');
    expect((await call(c.cookie, 'GET', `/api/v1/checkins/${id}`)).json().checkIn).toMatchObject({ status: 'rejected', decisionReason: reasons[1], canLaunch: false });
    const audit = await t.db.selectFrom('audit_log').select('data').where('action', '=', 'checkin.reject').executeTakeFirstOrThrow();
    expect(audit.data).toMatchObject({ reasonCode: 'policy:2' });
    expect((await call(c.cookie, 'POST', `/api/v1/appointments/${appts[0].id}/attempt`)).statusCode).toBe(403);
  });

  it('lets a candidate ask for help at any step; greeters see it in the queue and one answers, audited', async () => {
    const { candidates, appts, proctor, second } = await bookedCandidates(2);
    t.clock.set(new Date('2026-11-27T10:05:00Z'));
    const [a, b] = candidates;
    const id = (await call(a!.cookie, 'POST', `/api/v1/appointments/${appts[0].id}/checkin`)).json().checkIn.id;
    expect((await call(a!.cookie, 'POST', `/api/v1/checkins/${id}/help`, { message: 'ok' })).statusCode).toBe(400);
    expect((await call(b!.cookie, 'POST', `/api/v1/checkins/${id}/help`, { message: 'My camera is black.' })).statusCode).toBe(404);
    const asked = (await call(a!.cookie, 'POST', `/api/v1/checkins/${id}/help`, { message: 'My camera is black.' })).json().checkIn;
    expect(asked.help).toEqual({ requestedAt: '2026-11-27T10:05:00.000Z', message: 'My camera is black.', reply: null, repliedAt: null });
    expect((await call(a!.cookie, 'GET', '/api/v1/greeter/queue')).statusCode).toBe(403);
    const queue = (await call(proctor.cookie, 'GET', '/api/v1/greeter/queue')).json();
    expect(queue.helpRequests).toMatchObject([{ id, status: 'in_progress', message: 'My camera is black.', candidateEmail: a!.email }]);
    expect((await call(a!.cookie, 'POST', `/api/v1/greeter/checkins/${id}/help-reply`, { reply: 'Hi' })).statusCode).toBe(403);
    expect((await call(proctor.cookie, 'POST', `/api/v1/greeter/checkins/${id}/help-reply`, { reply: 'Use the phone link for photos instead.' })).statusCode).toBe(204);
    expect((await call(second.cookie, 'POST', `/api/v1/greeter/checkins/${id}/help-reply`, { reply: 'Me too' })).json().error.message).toMatch(/already answered/);
    expect((await call(a!.cookie, 'GET', `/api/v1/checkins/${id}`)).json().checkIn.help).toMatchObject({ reply: 'Use the phone link for photos instead.', repliedAt: '2026-11-27T10:05:00.000Z' });
    expect((await call(proctor.cookie, 'GET', '/api/v1/greeter/queue')).json().helpRequests).toEqual([]);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'actor_id']).where('action', '=', 'checkin.help_answered').execute();
    expect(audit).toEqual([{ action: 'checkin.help_answered', actor_id: proctor.id }]);
  });

  it('estimates the wait from recent review times and pickup delays, with the greeters on shift', async () => {
    const { candidates, appts, proctor } = await bookedCandidates(3);
    t.clock.set(new Date('2026-11-27T10:05:00Z'));
    const ids = [];
    for (const [i, c] of candidates.entries()) ids.push(await readyToSubmit(c.cookie, appts[i].id));
    for (const [i, c] of candidates.entries()) {
      t.clock.set(new Date(Date.parse('2026-11-27T10:05:00Z') + i * 1000));
      await call(c.cookie, 'POST', `/api/v1/checkins/${ids[i]}/submit`);
    }
    // The greeter takes the first 10 s after it arrived and decides a minute later.
    t.clock.set(new Date('2026-11-27T10:05:10Z'));
    await call(proctor.cookie, 'POST', '/api/v1/greeter/claim');
    t.clock.set(new Date('2026-11-27T10:06:10Z'));
    await call(proctor.cookie, 'POST', `/api/v1/greeter/checkins/${ids[0]}/decision`, { decision: 'approve' });
    // The third has one ahead and one greeter on shift: 10 s pickup + 60 s review + 10 s pickup.
    const third = (await call(candidates[2]!.cookie, 'GET', `/api/v1/checkins/${ids[2]}`)).json().checkIn;
    expect(third.queue).toEqual({ position: 2, etaMs: 80_000, etaLowMs: 80_000, etaHighMs: 80_000 });
  });

  it('answers "busy, send again" without reading the photo when too many uploads are in flight, and loses nothing', async () => {
    const { candidates, appts } = await bookedCandidates(1);
    t.clock.set(new Date('2026-11-27T10:05:00Z'));
    const c = candidates[0]!;
    const id = (await call(c.cookie, 'POST', `/api/v1/appointments/${appts[0].id}/checkin`)).json().checkIn.id;
    const saved = photoUploadsInFlight.max;
    photoUploadsInFlight.max = 0;
    try {
      const busy = await call(c.cookie, 'PUT', `/api/v1/checkins/${id}/photos/headshot`, await jpegWithGps(), { 'content-type': 'image/jpeg' });
      expect(busy.statusCode).toBe(503);
      expect(busy.headers['retry-after']).toBe('3');
      expect(busy.json().error.code).toBe('ServerBusy');
      expect(await t.db.selectFrom('checkin_photos').select('kind').where('checkin_id', '=', id).execute()).toEqual([]);
    } finally {
      photoUploadsInFlight.max = saved;
    }
    expect((await call(c.cookie, 'PUT', `/api/v1/checkins/${id}/photos/headshot`, await jpegWithGps(), { 'content-type': 'image/jpeg' })).statusCode).toBe(200);
    expect(photoUploadsInFlight.current).toBe(0);
  });
});
