import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unitsPerStaff } from '../../core/scheduling/capacity.ts';
import { createTestApp, createUser, logInAs, type TestApp } from '../../../test/harness.ts';
import { bookableExam, quickUsers } from '../../../test/booking-factories.ts';

// The test clock starts on Thursday 2026-11-26 09:00 UTC; the default policy needs 24 hours' notice, so Friday
// 2026-11-27 is the first bookable day. Proctors from quickUsers live in Europe/Berlin (UTC+01 in November), so a
// Friday 11:00–15:00 rule in their zone is 10:00–14:00 UTC and serves 90-minute exams starting 10:30–12:30 UTC
// (check-in opens 30 minutes before the start).
const fridayBerlin = { weekdays: [5], startTime: '11:00', endTime: '15:00', validFrom: '2026-11-01', proctoring: true, greeting: true };
const key = () => `k-${Math.random().toString(36).slice(2)}`;
type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

describe('staffing', () => {
  let t: TestApp;
  let admin: string;
  beforeEach(async () => {
    t = await createTestApp();
    admin = await logInAs(t, await createUser(t, ['admin']));
  });
  afterEach(async () => { await t.close(); });

  const call = (cookie: string, method: Method, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url, headers: { cookie, ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) });
  const addRule = (programId: string, proctorId: string, over: Record<string, unknown> = {}) =>
    call(admin, 'POST', '/api/v1/admin/shift-rules', { proctorId, programId, ...fridayBerlin, ...over });
  const slotTimes = async (cookie: string, code: string, from = '2026-11-27') =>
    (await call(cookie, 'GET', `/api/v1/exams/${code}/slots?from=${from}&tz=UTC`)).json().days[0].slots.map((s: { localTime: string }) => s.localTime);
  async function book(cookie: string, code: string, startsAt: string) {
    const h = await call(cookie, 'POST', '/api/v1/holds', { examCode: code, startsAt, language: 'en' });
    expect(h.statusCode, h.body).toBe(201);
    const b = await call(cookie, 'POST', '/api/v1/appointments', { holdId: h.json().hold.id, paymentMethod: 'invoice' }, { 'idempotency-key': key() });
    expect(b.statusCode, b.body).toBe(201);
    return b.json().appointment;
  }
  /** Everything a shift change may touch, to compare before and after a refused change. */
  async function snapshot(programId: string) {
    const [rules, exceptions, buckets] = await Promise.all([
      t.db.selectFrom('shift_rules').selectAll().orderBy('id').execute(),
      t.db.selectFrom('shift_exceptions').selectAll().orderBy('id').execute(),
      t.db.selectFrom('capacity_buckets').selectAll().where('program_id', '=', programId).orderBy('starts_at').execute(),
    ]);
    return { rules, exceptions, buckets };
  }
  /** A bookable exam with one proctor on the Friday rule (made through the API) and one candidate booked at 10:30 UTC. */
  async function bookedFriday() {
    const exam = await bookableExam(t);
    const [proctor] = await quickUsers(t, 1, 'proctor');
    const created = await addRule(exam.programId, proctor!.id);
    expect(created.statusCode, created.body).toBe(201);
    const [candidate] = await quickUsers(t, 1);
    const appointment = await book(candidate!.cookie, exam.code, '2026-11-27T10:30:00Z');
    return { ...exam, proctor: proctor!, rule: created.json().rule, appointment };
  }

  it('makes a weekly shift created by an admin bookable, in the proctor\'s own zone', async () => {
    const { code, programId } = await bookableExam(t);
    const [proctor] = await quickUsers(t, 1, 'proctor');
    const [candidate] = await quickUsers(t, 1);
    expect(await slotTimes(candidate!.cookie, code)).toEqual([]);
    const res = await addRule(programId, proctor!.id, { weekdays: [5, 1] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().rule).toMatchObject({ proctorId: proctor!.id, programId, weekdays: [1, 5], startTime: '11:00', endTime: '15:00', timeZone: 'Europe/Berlin', validUntil: null });
    expect(await slotTimes(candidate!.cookie, code)).toEqual(['10:30', '11:00', '11:30', '12:00', '12:30']);
    const audit = await t.db.selectFrom('audit_log').select('action').where('action', '=', 'scheduling.shift_rule_created').execute();
    expect(audit).toHaveLength(1);
  });

  it('lists the proctors, weekly shifts and upcoming exceptions of a program', async () => {
    const { programId } = await bookableExam(t);
    const [p1, p2] = await quickUsers(t, 2, 'proctor');
    expect((await addRule(programId, p1!.id)).statusCode).toBe(201);
    const off = await call(admin, 'POST', '/api/v1/admin/shift-exceptions', { proctorId: p2!.id, programId, kind: 'add', startsAt: '2026-11-28T08:00:00Z', endsAt: '2026-11-28T12:00:00Z', note: 'Saturday cover' });
    expect(off.statusCode, off.body).toBe(201);
    const res = await call(admin, 'GET', `/api/v1/admin/shifts?programId=${programId}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.proctors.map((p: { id: string }) => p.id).sort()).toEqual([p1!.id, p2!.id].sort());
    expect(body.proctors[0]).toMatchObject({ timeZone: 'Europe/Berlin' });
    expect(body.rules).toHaveLength(1);
    expect(body.rules[0]).toMatchObject({ proctorId: p1!.id, proctorEmail: p1!.email, weekdays: [5], startTime: '11:00' });
    expect(body.exceptions).toHaveLength(1);
    expect(body.exceptions[0]).toMatchObject({ proctorId: p2!.id, kind: 'add', startsAt: '2026-11-28T08:00:00.000Z', endsAt: '2026-11-28T12:00:00.000Z', note: 'Saturday cover' });
    const one = (await call(admin, 'GET', `/api/v1/admin/shifts?programId=${programId}&proctorId=${p2!.id}`)).json();
    expect([one.rules.length, one.exceptions.length]).toEqual([0, 1]);
  });

  it('refuses a shift for an account that is not a proctor, and stores nothing', async () => {
    const { programId } = await bookableExam(t);
    const [candidate] = await quickUsers(t, 1);
    const before = await snapshot(programId);
    const res = await addRule(programId, candidate!.id);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'ValidationFailed', message: 'That user is not a proctor.' });
    const off = await call(admin, 'POST', '/api/v1/admin/shift-exceptions', { proctorId: candidate!.id, programId, kind: 'add', startsAt: '2026-11-28T08:00:00Z', endsAt: '2026-11-28T12:00:00Z' });
    expect(off.statusCode).toBe(400);
    expect(await snapshot(programId)).toEqual(before);
    expect(before.rules).toEqual([]);
  });

  it('refuses to delete a shift a booked candidate depends on, naming the times, and changes nothing', async () => {
    const { programId, rule } = await bookedFriday();
    const before = await snapshot(programId);
    const res = await call(admin, 'DELETE', `/api/v1/admin/shift-rules/${rule.id}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('ShiftHasBookings');
    // The 10:30 appointment occupies 10:00–12:00 (check-in from 10:00): the first uncovered quarter is named.
    expect(res.json().error.message).toMatch(/without a proctor or greeter \(from 2026-11-27 10:00–10:15, 2026-11-27 10:15–10:30, .* UTC\)/);
    expect(res.json().error.details.times[0]).toBe('2026-11-27T10:00:00.000Z');
    expect(await snapshot(programId)).toEqual(before);
  });

  it('refuses to shorten a shift under a booked candidate, naming the times, and changes nothing', async () => {
    const { programId, proctor, rule } = await bookedFriday();
    const before = await snapshot(programId);
    // 11:00–12:00 Berlin is 10:00–11:00 UTC: the appointment runs until 12:00 UTC.
    const res = await call(admin, 'PUT', `/api/v1/admin/shift-rules/${rule.id}`, { proctorId: proctor.id, programId, ...fridayBerlin, endTime: '12:00' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'ShiftHasBookings', message: expect.stringContaining('from 2026-11-27 11:00–11:15') });
    expect(res.json().error.details.times).toEqual(['2026-11-27T11:00:00.000Z', '2026-11-27T11:15:00.000Z', '2026-11-27T11:30:00.000Z', '2026-11-27T11:45:00.000Z']);
    expect(await snapshot(programId)).toEqual(before);
  });

  it('refuses time off that would leave a booked candidate without a proctor, and changes nothing', async () => {
    const { programId, proctor } = await bookedFriday();
    const before = await snapshot(programId);
    const res = await call(admin, 'POST', '/api/v1/admin/shift-exceptions', { proctorId: proctor.id, programId, kind: 'cancel', startsAt: '2026-11-27T11:30:00Z', endsAt: '2026-11-27T12:30:00Z', note: 'Dentist' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'ShiftHasBookings', message: expect.stringContaining('from 2026-11-27 11:30–11:45') });
    expect(await snapshot(programId)).toEqual(before);
  });

  it('takes time off that strands nobody out of the capacity and the free times', async () => {
    const { code, programId } = await bookableExam(t);
    const [proctor] = await quickUsers(t, 1, 'proctor');
    const [candidate] = await quickUsers(t, 1);
    expect((await addRule(programId, proctor!.id)).statusCode).toBe(201);
    const res = await call(admin, 'POST', '/api/v1/admin/shift-exceptions', { proctorId: proctor!.id, programId, kind: 'cancel', startsAt: '2026-11-27T12:00:00Z', endsAt: '2026-11-27T14:00:00Z' });
    expect(res.statusCode, res.body).toBe(201);
    const buckets = await t.db.selectFrom('capacity_buckets').select(['starts_at', 'seat_units_total']).where('program_id', '=', programId)
      .where('starts_at', '>=', new Date('2026-11-27T11:30:00Z')).where('starts_at', '<', new Date('2026-11-27T12:30:00Z')).orderBy('starts_at').execute();
    expect(buckets.map((b) => [b.starts_at.toISOString().slice(11, 16), Number(b.seat_units_total)])).toEqual([['11:30', unitsPerStaff], ['11:45', unitsPerStaff], ['12:00', 0], ['12:15', 0]]);
    // Only the 10:30 start (10:00–12:00) still fits before the time off.
    expect(await slotTimes(candidate!.cookie, code)).toEqual(['10:30']);
  });

  it('shows proctors on duty and the share booked in the capacity heat map', async () => {
    const { code, programId } = await bookableExam(t);
    for (const p of await quickUsers(t, 2, 'proctor')) expect((await addRule(programId, p.id)).statusCode).toBe(201);
    const heat = async () => {
      const res = await call(admin, 'GET', `/api/v1/admin/capacity?programId=${programId}&from=2026-11-27&to=2026-11-27&tz=UTC`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().days[0].hours as { startsAt: string; proctors: number; greeters: number; usedPercent: number; appointments: number }[];
    };
    const empty = await heat();
    expect(empty).toHaveLength(24);
    expect(empty[10]).toMatchObject({ startsAt: '2026-11-27T10:00:00.000Z', proctors: 2, greeters: 2, usedPercent: 0, appointments: 0 });
    expect(empty[9]).toMatchObject({ proctors: 0, greeters: 0 });
    const [candidate] = await quickUsers(t, 1);
    await book(candidate!.cookie, code, '2026-11-27T10:30:00Z');
    const hours = await heat();
    // One seat of a 6-per-proctor exam out of two proctors: 1/12 of the capacity, shown rounded up.
    expect(hours.slice(9, 14).map((h) => [h.usedPercent, h.appointments])).toEqual([[0, 0], [9, 1], [9, 0], [0, 0], [0, 0]]);
  });

  it('shows a proctor only their own shifts', async () => {
    const { programId } = await bookableExam(t);
    const [mine, theirs] = await quickUsers(t, 2, 'proctor');
    expect((await addRule(programId, mine!.id)).statusCode).toBe(201);
    expect((await addRule(programId, theirs!.id, { startTime: '13:00', endTime: '17:00' })).statusCode).toBe(201);
    const res = await call(mine!.cookie, 'GET', '/api/v1/proctor/shifts?from=2026-11-27&to=2026-12-04');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().timeZone).toBe('Europe/Berlin');
    expect(res.json().occurrences.map((o: { proctorId: string; startsAt: string; endsAt: string }) => [o.proctorId, o.startsAt, o.endsAt])).toEqual([
      [mine!.id, '2026-11-27T10:00:00.000Z', '2026-11-27T14:00:00.000Z'],
      [mine!.id, '2026-12-04T10:00:00.000Z', '2026-12-04T14:00:00.000Z'],
    ]);
    const all = (await call(admin, 'GET', `/api/v1/admin/shift-occurrences?programId=${programId}&from=2026-11-27&to=2026-11-27&tz=UTC`)).json();
    expect(all.occurrences.map((o: { proctorId: string }) => o.proctorId)).toEqual([mine!.id, theirs!.id]);
  });

  it('refuses a candidate on every admin staffing route', async () => {
    const { programId } = await bookableExam(t);
    const [proctor] = await quickUsers(t, 1, 'proctor');
    const [candidate] = await quickUsers(t, 1);
    const id = t.deps.ids.uuid();
    const rule = { proctorId: proctor!.id, programId, ...fridayBerlin };
    const requests: [Method, string, unknown?][] = [
      ['GET', `/api/v1/admin/shifts?programId=${programId}`],
      ['POST', '/api/v1/admin/shift-rules', rule],
      ['PUT', `/api/v1/admin/shift-rules/${id}`, rule],
      ['DELETE', `/api/v1/admin/shift-rules/${id}`],
      ['POST', '/api/v1/admin/shift-exceptions', { proctorId: proctor!.id, programId, kind: 'add', startsAt: '2026-11-28T08:00:00Z', endsAt: '2026-11-28T12:00:00Z' }],
      ['DELETE', `/api/v1/admin/shift-exceptions/${id}`],
      ['GET', `/api/v1/admin/shift-occurrences?from=2026-11-27&to=2026-11-27`],
      ['GET', `/api/v1/admin/capacity?programId=${programId}&from=2026-11-27&to=2026-11-27`],
      ['GET', '/api/v1/proctor/shifts?from=2026-11-27&to=2026-11-27'],
    ];
    for (const [method, url, payload] of requests) {
      const res = await call(candidate!.cookie, method, url, payload);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json().error.code).toBe('Forbidden');
    }
    expect(await snapshot(programId)).toEqual({ rules: [], exceptions: [], buckets: [] });
  });

  it('refuses bad shifts and ranges with a clear message and stores nothing', async () => {
    const { programId } = await bookableExam(t);
    const [proctor] = await quickUsers(t, 1, 'proctor');
    const rule = (over: Record<string, unknown>) => ['POST', '/api/v1/admin/shift-rules', { proctorId: proctor!.id, programId, ...fridayBerlin, ...over }] as const;
    const exception = (over: Record<string, unknown>) => ['POST', '/api/v1/admin/shift-exceptions', { proctorId: proctor!.id, programId, kind: 'cancel', startsAt: '2026-11-28T08:00:00Z', endsAt: '2026-11-28T12:00:00Z', ...over }] as const;
    const cases: [readonly [Method, string, unknown?], RegExp][] = [
      [rule({ timeZone: 'Mars/Olympus' }), /timeZone: Unknown time zone/],
      [rule({ startTime: '24:00' }), /startTime: A shift cannot start at 24:00; use 00:00/],
      [rule({ startTime: '09:10' }), /startTime: A time on the quarter hour/],
      [rule({ weekdays: [1, 3, 1] }), /weekdays: Weekdays must not repeat/],
      [rule({ weekdays: [] }), /weekdays/],
      [rule({ validFrom: '2026-12-01', validUntil: '2026-11-30' }), /validUntil: The end date is before the start date/],
      [rule({ proctoring: false, greeting: false }), /A shift proctors, greets, or both/],
      [exception({ endsAt: '2026-11-28T07:00:00Z' }), /endsAt: The end is not after the start/],
      [exception({ endsAt: '2026-12-08T08:00:00Z' }), /at most 7 days/],
      [exception({ startsAt: '2026-11-20T08:00:00Z', endsAt: '2026-11-20T12:00:00Z' }), /already over/],
      [['GET', '/api/v1/admin/shift-occurrences?from=2026-11-27&to=2026-11-27&tz=Mars/Olympus'], /Unknown time zone/],
      [['GET', '/api/v1/admin/shift-occurrences?from=2026-12-02&to=2026-12-01'], /`to` is before `from`/],
      [['GET', '/api/v1/proctor/shifts?from=2026-12-02&to=2026-12-01'], /`to` is before `from`/],
      [['GET', `/api/v1/admin/capacity?programId=${programId}&from=2026-11-27&to=2027-01-09&tz=UTC`], /at most 42 days/],
      [['GET', '/api/v1/admin/shift-occurrences?from=2026-11-27&to=2027-01-09&tz=UTC'], /at most 42 days/],
      [['GET', '/api/v1/admin/shift-occurrences?from=2026-11-31&to=2026-12-01'], /from/],
    ];
    for (const [[method, url, payload], message] of cases) {
      const res = await call(admin, method, url, payload);
      expect(res.statusCode, `${method} ${url} ${JSON.stringify(payload)}`).toBe(400);
      expect(res.json().error.code).toBe('ValidationFailed');
      expect(res.json().error.message, `${method} ${url} ${JSON.stringify(payload)}`).toMatch(message);
    }
    // The longest range allowed, 42 days after `from`, is answered.
    expect((await call(admin, 'GET', '/api/v1/admin/shift-occurrences?from=2026-11-27&to=2027-01-08&tz=UTC')).statusCode).toBe(200);
    expect(await snapshot(programId)).toEqual({ rules: [], exceptions: [], buckets: [] });
  });

  // Regression (was a bug): rangeOf in list-shifts.ts measures the range in UTC milliseconds against 43 × 24 hours. A 43-day
  // local range holding the autumn DST change lasts 43 × 24 + 1 hours, so the longest allowed range (42 days after
  // `from`) is refused with "Ask for at most 42 days at a time." when read in Europe/Berlin across 2026-10-25.
  it('accepts a range of 42 days after `from` even when it holds the autumn DST change', async () => {
    const res = await call(admin, 'GET', '/api/v1/admin/shift-occurrences?from=2026-10-01&to=2026-11-12&tz=Europe/Berlin');
    expect(res.statusCode, res.body).toBe(200);
  });
});
