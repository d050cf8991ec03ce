import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { addShift, bookableExam, quickUsers } from '../../../test/booking-factories.ts';
import { forgetPrincipals } from '../platform/auth.ts';

// The harness clock starts Thursday 2026-11-26 09:00 UTC; the appointment is Friday 10:30 UTC, 25.5 hours away. Its
// check-in window (default policy) is 10:00–10:45 UTC, 11:00–11:45 in Berlin, where the test users live.
const startsAt = '2026-11-27T10:30:00Z';
const inWindow = new Date('2026-11-27T10:05:00Z');
const video = { reasonCode: 'video_checkin', note: 'Photo ID and the room checked on a video call.' };

describe('launch exceptions', () => {
  let t: TestApp;
  beforeEach(async () => { t = await createTestApp(); });
  afterEach(async () => { await t.close(); });

  const call = (cookie: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    t.app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });

  /** A candidate booked for Friday 10:30 and two proctors, the first on shift. */
  async function booked() {
    const { code, programId } = await bookableExam(t);
    const [proctor, second] = await quickUsers(t, 2, 'proctor');
    await addShift(t, programId, proctor!.id, { weekdays: [5], start: '08:00', end: '14:00' });
    const [candidate] = await quickUsers(t, 1);
    const hold = (await call(candidate!.cookie, 'POST', '/api/v1/holds', { examCode: code, startsAt, language: 'en' })).json().hold;
    const appt = (await call(candidate!.cookie, 'POST', '/api/v1/appointments', { holdId: hold.id, paymentMethod: 'invoice' })).json().appointment;
    return { appt: appt as { id: string }, candidate: candidate!, proctor: proctor!, second: second! };
  }
  const request = (cookie: string, apptId: string, body: unknown = video) => call(cookie, 'POST', `/api/v1/appointments/${apptId}/launch-exceptions`, body);
  const approve = (cookie: string, exceptionId: string) => call(cookie, 'POST', `/api/v1/launch-exceptions/${exceptionId}/approval`);

  /** Everything a refused request must leave alone. */
  async function state(apptId: string) {
    return {
      appointment: await t.db.selectFrom('appointments').select(['status', 'launch_authorised_at', 'launch_authorised_by']).where('id', '=', apptId).executeTakeFirstOrThrow(),
      exceptions: await t.db.selectFrom('launch_exceptions').selectAll().orderBy('requested_at').execute(),
      audit: (await t.db.selectFrom('audit_log').select('action').where('action', 'like', 'delivery.%').orderBy('seq').execute()).map((a) => a.action),
      attempts: await t.db.selectFrom('attempts').select('id').execute(),
    };
  }

  it('authorises the launch only when a second staff member approves, audited, and shows it on the timeline', async () => {
    const { appt, candidate, proctor, second } = await booked();
    t.clock.set(inWindow);
    const asked = await request(proctor.cookie, appt.id);
    expect(asked.statusCode, asked.body).toBe(201);
    const exception = asked.json().exception;
    expect(exception).toMatchObject({ appointmentId: appt.id, reasonCode: 'video_checkin', reason: 'Check-in done by video call', note: video.note,
      requestedBy: { id: proctor.id }, approvedBy: null, approvedAt: null });
    // A request alone authorises nothing.
    expect((await call(candidate.cookie, 'POST', `/api/v1/appointments/${appt.id}/attempt`)).json().error.code).toBe('LaunchNotAuthorised');
    const listed = (await call(second.cookie, 'GET', '/api/v1/staff/appointments')).json().appointments[0];
    expect(listed).toMatchObject({ launchAuthorisedAt: null, launchException: { id: exception.id, approvedAt: null } });

    t.clock.advance(60_000);
    const approved = await approve(second.cookie, exception.id);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().exception).toMatchObject({ approvedBy: { id: second.id }, approvedAt: '2026-11-27T10:06:00.000Z' });
    const after = await state(appt.id);
    expect(after.appointment).toMatchObject({ launch_authorised_at: new Date('2026-11-27T10:06:00Z'), launch_authorised_by: second.id });
    expect(after.audit).toEqual(['delivery.launch_exception_requested', 'delivery.launch_exception_approved']);
    const audit = await t.db.selectFrom('audit_log').select(['actor_id', 'subject_id', 'data']).where('action', 'like', 'delivery.launch_exception%').orderBy('seq').execute();
    expect(audit).toMatchObject([
      { actor_id: proctor.id, subject_id: appt.id, data: { exceptionId: exception.id, candidateId: candidate.id, reasonCode: 'video_checkin', note: video.note } },
      { actor_id: second.id, subject_id: appt.id, data: { exceptionId: exception.id, candidateId: candidate.id, reasonCode: 'video_checkin', requestedBy: proctor.id } },
    ]);

    t.clock.advance(60_000);
    const opened = await call(candidate.cookie, 'POST', `/api/v1/appointments/${appt.id}/attempt`);
    expect(opened.statusCode, opened.body).toBe(201);
    const attemptId = opened.json().attempt.id as string;
    // The timeline (as an admin sees it) has the exception at its approval, before the attempt was created.
    const [admin] = await quickUsers(t, 1, 'proctor');
    await t.db.insertInto('user_roles').values({ user_id: admin!.id, role: 'admin', granted_at: t.clock.now(), granted_by: null }).execute();
    const timeline = (await call(admin!.cookie, 'GET', `/api/v1/proctor/live/sessions/${attemptId}/timeline`)).json().events;
    expect(timeline.slice(0, 2)).toMatchObject([
      { kind: 'launch_exception', at: '2026-11-27T10:06:00.000Z', reason: 'Check-in done by video call', detail: expect.stringMatching(/^Photo ID and the room checked on a video call\. \(requested by Test proctor/), actor: expect.stringMatching(/^Test proctor/) },
      { kind: 'created', at: '2026-11-27T10:07:00.000Z' },
    ]);
    // Opening again resumes the same attempt and records nothing twice.
    expect((await call(candidate.cookie, 'POST', `/api/v1/appointments/${appt.id}/attempt`)).json().attempt.id).toBe(attemptId);
    expect(await t.db.selectFrom('attempt_events').select('kind').where('attempt_id', '=', attemptId).where('kind', '=', 'launch_exception').execute()).toHaveLength(1);
  });

  it('refuses the requester approving their own exception, and changes nothing', async () => {
    const { appt, proctor } = await booked();
    t.clock.set(inWindow);
    const exception = (await request(proctor.cookie, appt.id)).json().exception;
    const before = await state(appt.id);
    const own = await approve(proctor.cookie, exception.id);
    expect(own.statusCode).toBe(403);
    expect(own.json().error).toMatchObject({ code: 'Forbidden', message: 'You requested this exception: a second staff member must approve it.' });
    expect(await state(appt.id)).toEqual(before);
  });

  it('refuses the candidate at both steps, and a staff member acting on their own appointment', async () => {
    const { appt, candidate, proctor } = await booked();
    t.clock.set(inWindow);
    const before = await state(appt.id);
    expect((await request(candidate.cookie, appt.id)).statusCode).toBe(403);
    expect(await state(appt.id)).toEqual(before);
    const exception = (await request(proctor.cookie, appt.id)).json().exception;
    const pending = await state(appt.id);
    expect((await approve(candidate.cookie, exception.id)).statusCode).toBe(403);
    // The candidate is also a proctor: still not for their own appointment.
    await t.db.insertInto('user_roles').values({ user_id: candidate.id, role: 'proctor', granted_at: t.clock.now(), granted_by: null }).execute();
    forgetPrincipals(t.deps, candidate.id);
    const self = await approve(candidate.cookie, exception.id);
    expect(self.statusCode).toBe(403);
    expect(self.json().error.message).toBe('Nobody can approve an exception for their own appointment.');
    expect(await state(appt.id)).toEqual(pending);
  });

  it('refuses an unknown reason code and a missing note with 400, and changes nothing', async () => {
    const { appt, proctor } = await booked();
    t.clock.set(inWindow);
    const before = await state(appt.id);
    const unknown = await request(proctor.cookie, appt.id, { reasonCode: 'trust_me', note: 'I know this candidate.' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('ValidationFailed');
    expect((await request(proctor.cookie, appt.id, { reasonCode: 'technical_failure' })).statusCode).toBe(400);
    expect((await request(proctor.cookie, appt.id, { reasonCode: 'technical_failure', note: '  ' })).statusCode).toBe(400);
    expect(await state(appt.id)).toEqual(before);
  });

  it('refuses an exception before the check-in window opens, saying when it opens, and changes nothing', async () => {
    const { appt, candidate, proctor } = await booked();
    // Thursday 09:00 UTC: the appointment is 25.5 hours away.
    const before = await state(appt.id);
    const early = await request(proctor.cookie, appt.id);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toBe("A launch exception can be made only while the appointment's check-in is open. Check-in opens at 11:00 (Europe/Berlin) on Friday 27 November, in 1 day and 1 hour.");
    expect(early.json().error.details).toEqual({ window: { state: 'not_yet', opensAt: '2026-11-27T10:00:00.000Z', closesAt: '2026-11-27T10:45:00.000Z' } });
    expect(await state(appt.id)).toEqual(before);
    expect((await call(candidate.cookie, 'POST', `/api/v1/appointments/${appt.id}/attempt`)).statusCode).toBe(403);
  });

  it('refuses to approve once the check-in window has closed, and changes nothing', async () => {
    const { appt, proctor, second } = await booked();
    t.clock.set(new Date('2026-11-27T10:44:00Z'));
    const exception = (await request(proctor.cookie, appt.id)).json().exception;
    const pending = await state(appt.id);
    t.clock.set(new Date('2026-11-27T10:45:00Z'));
    const late = await approve(second.cookie, exception.id);
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toMatch(/only while the appointment's check-in is open\. Check-in closed at 11:45 \(Europe\/Berlin\)/);
    expect(await state(appt.id)).toEqual(pending);
  });

  it('takes one waiting request per appointment, and none once the launch is authorised', async () => {
    const { appt, proctor, second } = await booked();
    t.clock.set(inWindow);
    const first = (await request(proctor.cookie, appt.id)).json().exception;
    const again = await request(second.cookie, appt.id, { reasonCode: 'accommodation', note: 'Another check-in was agreed.' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ message: expect.stringMatching(/^Test proctor \d+ has already requested an exception/), details: { exceptionId: first.id } });
    expect((await approve(second.cookie, first.id)).statusCode).toBe(200);
    expect((await approve(second.cookie, first.id)).json().error).toMatchObject({ code: 'Conflict', message: 'This exception is already approved.' });
    const authorised = await request(proctor.cookie, appt.id);
    expect(authorised.statusCode).toBe(409);
    expect(authorised.json().error.message).toMatch(/already authorised/);
    expect(await t.db.selectFrom('launch_exceptions').select('id').execute()).toHaveLength(1);
  });

  it('refuses an approval for an appointment no longer booked', async () => {
    const { appt, proctor, second } = await booked();
    t.clock.set(inWindow);
    const exception = (await request(proctor.cookie, appt.id)).json().exception;
    await t.db.updateTable('appointments').set({ status: 'cancelled' }).where('id', '=', appt.id).execute();
    const refused = await approve(second.cookie, exception.id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toMatch(/This appointment is cancelled/);
    expect((await t.db.selectFrom('appointments').select('launch_authorised_at').where('id', '=', appt.id).executeTakeFirstOrThrow()).launch_authorised_at).toBeNull();
  });

  it('opens an authorised attempt only inside the check-in window, but resumes one already opened', async () => {
    const { appt, candidate } = await booked();
    // As a launch authorised before this rule (or by the test factories) would be.
    await t.db.updateTable('appointments').set({ launch_authorised_at: t.clock.now() }).where('id', '=', appt.id).execute();
    const early = await call(candidate.cookie, 'POST', `/api/v1/appointments/${appt.id}/attempt`);
    expect(early.statusCode).toBe(403);
    expect(early.json().error).toMatchObject({ code: 'LaunchNotAuthorised', message: 'Check-in opens at 11:00 (Europe/Berlin) on Friday 27 November, in 1 day and 1 hour: the exam can be opened only from then.' });
    expect(await t.db.selectFrom('attempts').select('id').execute()).toEqual([]);
    t.clock.set(new Date('2026-11-27T10:00:00Z'));
    const opened = await call(candidate.cookie, 'POST', `/api/v1/appointments/${appt.id}/attempt`);
    expect(opened.statusCode, opened.body).toBe(201);
    t.clock.set(new Date('2026-11-27T11:00:00Z'));
    expect((await call(candidate.cookie, 'POST', `/api/v1/appointments/${appt.id}/attempt`)).json().attempt.id).toBe(opened.json().attempt.id);
  });

  it('refuses to open an authorised attempt after the window closed without a check-in, or once the appointment is not booked', async () => {
    const { appt, candidate } = await booked();
    await t.db.updateTable('appointments').set({ launch_authorised_at: t.clock.now() }).where('id', '=', appt.id).execute();
    t.clock.set(new Date('2026-11-27T10:45:00Z'));
    const late = await call(candidate.cookie, 'POST', `/api/v1/appointments/${appt.id}/attempt`);
    expect(late.statusCode).toBe(403);
    expect(late.json().error.message).toBe('Check-in closed at 11:45 (Europe/Berlin); this appointment was missed.');
    t.clock.set(inWindow);
    await t.db.updateTable('appointments').set({ status: 'cancelled' }).where('id', '=', appt.id).execute();
    expect((await call(candidate.cookie, 'POST', `/api/v1/appointments/${appt.id}/attempt`)).json().error).toMatchObject({ code: 'LaunchNotAuthorised', message: 'This appointment is no longer open.' });
    expect(await t.db.selectFrom('attempts').select('id').execute()).toEqual([]);
  });
});
