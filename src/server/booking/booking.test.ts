import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unitsPerSeat } from '../../core/scheduling/capacity.ts';
import { createTestApp, createUser, logInAs, type TestApp } from '../../../test/harness.ts';
import { addShift, bookableExam, quickUsers } from '../../../test/booking-factories.ts';
import { runDueJobs } from '../platform/jobs.ts';
import { bookingJobs } from './jobs.ts';

// The test clock starts on Thursday 2026-11-26 09:00 UTC; the default policy needs 24 hours' notice, so Friday
// 2026-11-27 is the first bookable day. A shift 10:00–14:00 UTC serves 90-minute exams starting 10:30–12:30
// (check-in opens 30 minutes before the start).
const friday = { weekdays: [5], start: '10:00', end: '14:00', zone: 'UTC' };
const key = () => `k-${Math.random().toString(36).slice(2)}`;

describe('booking', () => {
  let t: TestApp;
  beforeEach(async () => { t = await createTestApp(); });
  afterEach(async () => { await t.close(); });

  async function setup(policy = {}, exam: { priceMinor?: number } = {}, shifts = 1) {
    const e = await bookableExam(t, policy, exam);
    for (const p of await quickUsers(t, shifts, 'proctor')) await addShift(t, e.programId, p.id, friday);
    return e;
  }
  const call = (cookie: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url, headers: { cookie, ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) });
  const hold = (cookie: string, code: string, startsAt: string) => call(cookie, 'POST', '/api/v1/holds', { examCode: code, startsAt, language: 'en' });
  const book = (cookie: string, holdId: string, extra: Record<string, unknown> = {}, k = key()) =>
    call(cookie, 'POST', '/api/v1/appointments', { holdId, paymentMethod: 'invoice', ...extra }, { 'idempotency-key': k });
  async function booked(cookie: string, code: string, startsAt = '2026-11-27T10:30:00.000Z') {
    const h = await hold(cookie, code, startsAt);
    expect(h.statusCode, h.body).toBe(201);
    const b = await book(cookie, h.json().hold.id);
    expect(b.statusCode, b.body).toBe(201);
    return b.json().appointment;
  }

  it('lists only the times a proctor covers, grouped by the local date of the zone asked for', async () => {
    const { code } = await setup();
    const [c] = await quickUsers(t, 1);
    const res = await call(c!.cookie, 'GET', `/api/v1/exams/${code}/slots?from=2026-11-27&to=2026-11-28&tz=Europe/Berlin`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.timeZone).toBe('Europe/Berlin');
    expect(body.refusals).toEqual([]);
    expect(body.days.map((d: { date: string }) => d.date)).toEqual(['2026-11-27', '2026-11-28']);
    expect(body.days[0].slots.map((s: { localTime: string }) => s.localTime)).toEqual(['11:30', '12:00', '12:30', '13:00', '13:30']);
    expect(body.days[0].slots[0].startsAt).toBe('2026-11-27T10:30:00.000Z');
    expect(body.days[1].slots).toEqual([]);
  });

  it('holds the last seat for one candidate and refuses it to the next', async () => {
    const { code } = await setup({ proctoring: { candidatesPerProctor: 1 } });
    const [a, b] = await quickUsers(t, 2);
    expect((await hold(a!.cookie, code, '2026-11-27T10:30:00Z')).statusCode).toBe(201);
    const refused = await hold(b!.cookie, code, '2026-11-27T10:30:00Z');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('SlotUnavailable');
    const slots = (await call(b!.cookie, 'GET', `/api/v1/exams/${code}/slots?from=2026-11-27&tz=UTC`)).json();
    // 10:30 occupies 10:00–12:00, so only starts whose span begins at 12:00 or later remain.
    expect(slots.days[0].slots.map((s: { localTime: string }) => s.localTime)).toEqual(['12:30']);
  });

  it('books a hold exactly once under one idempotency key and mails a calendar invite in UTC', async () => {
    const { code } = await setup();
    const [c] = await quickUsers(t, 1);
    const h = (await hold(c!.cookie, code, '2026-11-27T10:30:00Z')).json().hold;
    const quote = await call(c!.cookie, 'POST', `/api/v1/holds/${h.id}/quote`, { code: null });
    expect(quote.json()).toMatchObject({ priceMinor: 15000, dueMinor: 15000, methods: [{ id: 'invoice' }] });
    const k = key();
    const [first, second] = await Promise.all([book(c!.cookie, h.id, {}, k), book(c!.cookie, h.id, {}, k)]);
    expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
    expect(first.json().appointment.id).toBe(second.json().appointment.id);
    expect([first.headers['idempotent-replayed'], second.headers['idempotent-replayed']].filter(Boolean)).toEqual(['true']);
    const other = await book(c!.cookie, h.id, { invoiceReference: 'PO-1' }, k);
    expect(other.json().error.code).toBe('IdempotencyKeyReused');
    expect(await t.db.selectFrom('appointments').select('id').where('candidate_id', '=', c!.id).execute()).toHaveLength(1);

    const mail = await t.db.selectFrom('outbox_emails').selectAll().where('to_address', '=', c!.email).executeTakeFirstOrThrow();
    expect(mail.subject).toContain(`Booked: ${code}`);
    expect(mail.text_body).toContain('Friday 27 November 2026, 11:30 (Europe/Berlin, UTC+01)');
    const ics = mail.attachments[0]!.content;
    expect(ics).toContain('DTSTART:20261127T103000Z');
    expect(ics).toContain('DTEND:20261127T120000Z');
    const file = await call(c!.cookie, 'GET', `/api/v1/appointments/${first.json().appointment.id}/calendar.ics`);
    expect(file.headers['content-type']).toContain('text/calendar');
    expect(file.body).toContain('DTSTART:20261127T103000Z');
    const ledger = await t.db.selectFrom('ledger_entries').select(['kind', 'amount_minor']).orderBy('id').execute();
    expect(ledger.map((l) => [l.kind, Number(l.amount_minor)])).toEqual([['fee', 15000], ['payment', 15000]]);
    const jobs = await t.db.selectFrom('jobs').select('name').where('name', 'like', 'booking.%').where('name', '!=', 'booking.hold-expiry').orderBy('run_at').execute();
    expect(jobs.map((j) => j.name)).toEqual(['booking.reminder.day-before', 'booking.reminder.check-in', 'booking.no-show']);
  });

  it('books exactly the free seats when two hundred candidates race for them', async () => {
    const { code, programId } = await setup({ proctoring: { candidatesPerProctor: 5, checkInsPerGreeter: 20 } }, {}, 2);
    const early = await quickUsers(t, 3);
    for (const c of early) await booked(c.cookie, code);
    const racers = await quickUsers(t, 200);
    const results = await Promise.all(racers.map(async (c) => {
      const h = await hold(c.cookie, code, '2026-11-27T10:30:00Z');
      if (h.statusCode !== 201) return h.json().error.code as string;
      const b = await book(c.cookie, h.json().hold.id);
      return b.statusCode === 201 ? 'booked' : (b.json().error.code as string);
    }));
    expect(results.filter((r) => r === 'booked')).toHaveLength(7);
    expect(new Set(results.filter((r) => r !== 'booked'))).toEqual(new Set(['SlotUnavailable']));
    const rows = await t.db.selectFrom('appointments').select('id').where('status', '=', 'booked').execute();
    expect(rows).toHaveLength(10);
    const bucket = await t.db.selectFrom('capacity_buckets').selectAll().where('program_id', '=', programId).where('starts_at', '=', new Date('2026-11-27T11:00:00Z')).executeTakeFirstOrThrow();
    expect(Number(bucket.seat_units_taken)).toBe(10 * unitsPerSeat(5));
    expect(Number(bucket.seat_units_taken)).toBeLessThanOrEqual(Number(bucket.seat_units_total));
  });

  it('lets a hold lapse after its minutes, frees the seat and says so at checkout', async () => {
    const { code } = await setup({ proctoring: { candidatesPerProctor: 1 } });
    const [a, b] = await quickUsers(t, 2);
    const h = (await hold(a!.cookie, code, '2026-11-27T10:30:00Z')).json().hold;
    expect(h.secondsLeft).toBe(600);
    t.clock.advance(10 * 60_000 + 1);
    expect(await runDueJobs(t.deps, bookingJobs)).toBeGreaterThanOrEqual(1);
    expect((await call(a!.cookie, 'GET', `/api/v1/holds/${h.id}`)).json().hold.status).toBe('expired');
    const late = await book(a!.cookie, h.id);
    expect(late.statusCode).toBe(410);
    expect(late.json().error.message).toMatch(/hold ended/);
    expect((await hold(b!.cookie, code, '2026-11-27T10:30:00Z')).statusCode).toBe(201);
  });

  it("never shows or changes another candidate's hold or appointment", async () => {
    const { code } = await setup();
    const [a, b] = await quickUsers(t, 2);
    const h = (await hold(a!.cookie, code, '2026-11-27T10:30:00Z')).json().hold;
    expect((await call(b!.cookie, 'GET', `/api/v1/holds/${h.id}`)).statusCode).toBe(404);
    expect((await book(b!.cookie, h.id)).statusCode).toBe(404);
    const appt = (await book(a!.cookie, h.id)).json().appointment;
    expect((await call(b!.cookie, 'GET', `/api/v1/appointments/${appt.id}`)).statusCode).toBe(404);
    expect((await call(b!.cookie, 'POST', `/api/v1/appointments/${appt.id}/reschedule`, { startsAt: '2026-11-27T11:00:00Z' })).statusCode).toBe(404);
    expect((await call(b!.cookie, 'POST', `/api/v1/appointments/${appt.id}/cancel`, {})).statusCode).toBe(404);
    expect((await call(b!.cookie, 'GET', `/api/v1/appointments/${appt.id}/calendar.ics`)).statusCode).toBe(404);
    const row = await t.db.selectFrom('appointments').selectAll().where('id', '=', appt.id).executeTakeFirstOrThrow();
    expect([row.status, row.starts_at.toISOString(), row.reschedule_count]).toEqual(['booked', '2026-11-27T10:30:00.000Z', 0]);
  });

  it('reschedules up to the allowed count, moving the seat and updating the calendar event', async () => {
    const { code, programId } = await setup({ proctoring: { candidatesPerProctor: 1 }, rescheduling: { maxReschedules: 1 } });
    const [c] = await quickUsers(t, 1);
    const appt = await booked(c!.cookie, code);
    const moved = await call(c!.cookie, 'POST', `/api/v1/appointments/${appt.id}/reschedule`, { startsAt: '2026-11-27T12:30:00Z' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().appointment).toMatchObject({ startsAt: '2026-11-27T12:30:00.000Z', rescheduleCount: 1, reschedulesLeft: 0, canReschedule: false });
    const again = await call(c!.cookie, 'POST', `/api/v1/appointments/${appt.id}/reschedule`, { startsAt: '2026-11-27T10:30:00Z' });
    expect(again.statusCode).toBe(422);
    expect(again.json().error).toMatchObject({ code: 'ChangeNotAllowed', message: expect.stringMatching(/already rescheduled 1 times/) });
    // The old seat is free again: the 10:30 start is offered to others.
    const [other] = await quickUsers(t, 1);
    expect((await hold(other!.cookie, code, '2026-11-27T10:30:00Z')).statusCode).toBe(201);
    const ics = (await call(c!.cookie, 'GET', `/api/v1/appointments/${appt.id}/calendar.ics`)).body;
    expect(ics).toContain('SEQUENCE:1');
    expect(ics).toContain('DTSTART:20261127T123000Z');
    const taken = await t.db.selectFrom('capacity_buckets').select(['starts_at', 'seat_units_taken']).where('program_id', '=', programId).where('seat_units_taken', '!=', '0').orderBy('starts_at').execute();
    expect(taken.map((r) => r.starts_at.toISOString().slice(11, 16))).toEqual(['10:00', '10:15', '10:30', '10:45', '11:00', '11:15', '11:30', '11:45', '12:00', '12:15', '12:30', '12:45', '13:00', '13:15', '13:30', '13:45']);
  });

  it('refunds a cancellation before the cutoff and forfeits the fee after it, saying so first', async () => {
    const { code } = await setup({}, {}, 2);
    const [a, b] = await quickUsers(t, 2);
    const early = await booked(a!.cookie, code);
    expect(early.cancelRefund).toEqual({ amountMinor: 15000, currency: 'USD' });
    const cancelled = await call(a!.cookie, 'POST', `/api/v1/appointments/${early.id}/cancel`, { reason: 'changed plans' });
    expect(cancelled.json().appointment).toMatchObject({ status: 'cancelled', fee: { refundedMinor: 15000, forfeitedMinor: 0 } });
    const late = await booked(b!.cookie, code, '2026-11-27T11:00:00Z');
    // The 11:00 appointment's free-change cutoff was 2026-11-26 11:00; an hour later the fee is forfeited on cancel.
    t.clock.set(new Date('2026-11-26T12:00:00Z'));
    const seen = (await call(b!.cookie, 'GET', `/api/v1/appointments/${late.id}`)).json().appointment;
    expect(seen).toMatchObject({ canCancel: true, canReschedule: false, cancelRefund: { amountMinor: 0 } });
    const res = await call(b!.cookie, 'POST', `/api/v1/appointments/${late.id}/cancel`, {});
    expect(res.json().appointment.fee).toMatchObject({ refundedMinor: 0, forfeitedMinor: 15000 });
    const kinds = await t.db.selectFrom('ledger_entries').select(['kind', 'amount_minor']).where('kind', 'in', ['refund', 'forfeit']).orderBy('id').execute();
    expect(kinds.map((k) => [k.kind, Number(k.amount_minor)])).toEqual([['refund', 15000], ['forfeit', 15000]]);
    expect((await call(b!.cookie, 'POST', `/api/v1/appointments/${late.id}/cancel`, {})).json().error.code).toBe('ChangeNotAllowed');
  });

  it('applies a voucher once and refuses it when used up', async () => {
    const { code } = await setup({}, {}, 2);
    const admin = await createUser(t, ['admin']);
    const adminCookie = await logInAs(t, admin);
    const created = await call(adminCookie, 'POST', '/api/v1/admin/vouchers', { code: 'ONE-USE', kind: 'voucher', maxUses: 1 });
    expect(created.statusCode, created.body).toBe(201);
    const [a, b] = await quickUsers(t, 2);
    const ha = (await hold(a!.cookie, code, '2026-11-27T10:30:00Z')).json().hold;
    const q = (await call(a!.cookie, 'POST', `/api/v1/holds/${ha.id}/quote`, { code: 'one-use' })).json();
    expect(q).toMatchObject({ voucherMinor: 15000, dueMinor: 0, methods: [{ id: 'voucher' }] });
    expect((await book(a!.cookie, ha.id, { code: 'one-use', paymentMethod: 'voucher' })).statusCode).toBe(201);
    const hb = (await hold(b!.cookie, code, '2026-11-27T10:30:00Z')).json().hold;
    const used = await call(b!.cookie, 'POST', `/api/v1/holds/${hb.id}/quote`, { code: 'ONE-USE' });
    expect(used.json().error).toMatchObject({ code: 'CodeInvalid', message: 'This code has already been used.' });
    const sneaky = await book(b!.cookie, hb.id, { code: 'ONE-USE', paymentMethod: 'voucher' });
    expect(sneaky.json().error.code).toBe('CodeInvalid');
    expect((await t.db.selectFrom('vouchers').select('uses').where('code', '=', 'ONE-USE').executeTakeFirstOrThrow()).uses).toBe(1);
  });

  it('makes a candidate wait after a fail and explains why', async () => {
    const { code, examId, programId } = await setup({ retakes: { waitDaysAfterFail: 14 } });
    const [c] = await quickUsers(t, 1);
    const past = new Date('2026-11-20T10:00:00Z');
    await t.db.insertInto('appointments').values({
      id: t.deps.ids.uuid(), candidate_id: c!.id, exam_id: examId, program_id: programId, language: 'en', starts_at: past, duration_minutes: 90, extra_minutes: 0,
      span_start: past, span_end: past, checkin_bucket: past, seat_units: 0, checkin_units: 0, status: 'completed', price_minor: 0, discount_minor: 0,
      voucher_minor: 0, paid_minor: 0, currency: 'USD', payment_method: 'free', outcome: 'fail', outcome_at: new Date('2026-11-20T12:00:00Z'), created_at: past, updated_at: past,
    }).execute();
    const slots = (await call(c!.cookie, 'GET', `/api/v1/exams/${code}/slots?from=2026-11-27&tz=UTC`)).json();
    expect(slots.earliest).toBe('2026-12-04T12:00:00.000Z');
    expect(slots.notes[0]).toMatch(/After a fail, the next attempt can start from 2026-12-04/);
    expect(slots.days[0].slots).toEqual([]);
    const refused = await hold(c!.cookie, code, '2026-11-27T10:30:00Z');
    expect(refused.json().error).toMatchObject({ code: 'BookingNotAllowed', message: expect.stringMatching(/too soon/) });
  });

  it('lengthens appointments by approved extra time', async () => {
    const { code } = await setup();
    const candidate = await createUser(t, ['candidate']);
    const cookie = await logInAs(t, candidate);
    const admin = await logInAs(t, await createUser(t, ['admin']));
    const req = await call(cookie, 'POST', '/api/v1/accommodations', { kind: 'extra_time_minutes', minutes: 30, note: 'Non-native speaker of English.' });
    expect(req.statusCode, req.body).toBe(201);
    const declineWithoutReason = await call(admin, 'POST', `/api/v1/admin/accommodations/${req.json().accommodation.id}/decision`, { decision: 'decline' });
    expect(declineWithoutReason.statusCode).toBe(400);
    expect((await call(admin, 'POST', `/api/v1/admin/accommodations/${req.json().accommodation.id}/decision`, { decision: 'approve' })).json().accommodation.status).toBe('approved');
    const slots = (await call(cookie, 'GET', `/api/v1/exams/${code}/slots?from=2026-11-27&tz=UTC`)).json();
    expect(slots.extraMinutes).toBe(30);
    // 120 minutes of exam: 10:30 now ends at 12:30, so the last start inside the 14:00 shift end is 12:00.
    expect(slots.days[0].slots.map((s: { localTime: string }) => s.localTime)).toEqual(['10:30', '11:00', '11:30', '12:00']);
    const h = (await hold(cookie, code, '2026-11-27T10:30:00Z')).json().hold;
    expect(h.endsAt).toBe('2026-11-27T12:30:00.000Z');
  });

  it('sends each reminder once and marks a missed appointment as a no-show', async () => {
    const { code } = await setup({}, {}, 1);
    const [c] = await quickUsers(t, 1);
    // Book early enough for every reminder: move the clock back to Tuesday.
    t.clock.set(new Date('2026-11-24T09:00:00Z'));
    const appt = await booked(c!.cookie, code);
    const mails = async () => (await t.db.selectFrom('outbox_emails').select('subject').where('to_address', '=', c!.email).orderBy('seq').execute()).map((m) => m.subject);
    t.clock.set(new Date('2026-11-25T10:31:00Z'));
    await runDueJobs(t.deps, bookingJobs);
    await runDueJobs(t.deps, bookingJobs);
    expect((await mails()).filter((s) => s.includes('run your system test'))).toHaveLength(1);
    const bodies = async () => (await t.db.selectFrom('outbox_emails').select('text_body').where('to_address', '=', c!.email).orderBy('seq').execute()).map((m) => m.text_body);
    expect((await bodies()).at(-1)).toMatch(/System test: you have not run it yet/);
    // A passing system test, valid for the exam: the later reminders say so.
    await t.db.insertInto('system_test_results').values({ id: t.deps.ids.uuid(), user_id: c!.id, passed: true, checks: JSON.stringify([]), user_agent: 'test', created_at: new Date('2026-11-26T08:00:00Z') }).execute();
    t.clock.set(new Date('2026-11-27T10:46:00Z'));
    await runDueJobs(t.deps, bookingJobs);
    const subjects = await mails();
    expect(subjects.filter((s) => s.startsWith('Tomorrow:'))).toHaveLength(1);
    expect(subjects.filter((s) => s.startsWith('Check-in for'))).toHaveLength(1);
    expect(subjects.filter((s) => s.startsWith('Missed:'))).toHaveLength(1);
    expect((await bodies()).filter((text) => /System test: passed on Thursday 26 November 2026, 09:00 \(Europe\/Berlin/.test(text))).toHaveLength(2);
    const row = await t.db.selectFrom('appointments').select(['status', 'forfeited_minor']).where('id', '=', appt.id).executeTakeFirstOrThrow();
    expect([row.status, Number(row.forfeited_minor)]).toEqual(['no_show', 15000]);
    await runDueJobs(t.deps, bookingJobs);
    expect(await mails()).toEqual(subjects);
  });

  it('refuses bad times and zones with clear errors and changes nothing', async () => {
    const { code } = await setup();
    const [c] = await quickUsers(t, 1);
    const cases: [string, number, RegExp][] = [
      ['2026-11-26T10:00:00Z', 422, /too soon/],
      ['2027-06-01T10:00:00Z', 422, /too far ahead/],
      ['2026-11-27T10:40:00Z', 422, /every 30 minutes/],
      ['2026-11-27T16:00:00Z', 409, /no longer free/],
    ];
    for (const [startsAt, status, message] of cases) {
      const res = await hold(c!.cookie, code, startsAt);
      expect(res.statusCode, startsAt).toBe(status);
      expect(res.json().error.message).toMatch(message);
    }
    const zone = await call(c!.cookie, 'GET', `/api/v1/exams/${code}/slots?from=2026-11-27&tz=Mars/Olympus`);
    expect(zone.statusCode).toBe(400);
    expect(zone.json().error.message).toMatch(/Unknown time zone/);
    const range = await call(c!.cookie, 'GET', `/api/v1/exams/${code}/slots?from=2026-11-27&to=2026-12-27`);
    expect(range.json().error.message).toMatch(/at most 14 days/);
    expect(await t.db.selectFrom('seat_holds').select('id').execute()).toEqual([]);
  });
});
