import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExamPolicy, type ExamPolicyInput } from '../catalog/policy.ts';
import {
  applyCode, bookingRefusals, bookingWindow, changeTerms, codeRefusal, extraMinutes, retakeNote, startRefusal, systemTestRescue,
  type Accommodation, type BookingContext, type CodeTerms, type PastOutcome,
} from './rules.ts';

const hour = 3_600_000;
const day = 24 * hour;
const now = new Date('2026-11-26T09:00:00Z');
const plus = (ms: number, from = now) => new Date(from.getTime() + ms);
const policy = (input: ExamPolicyInput = {}) => ExamPolicy.parse(input);
const outcome = (o: 'pass' | 'fail', at: string): PastOutcome => ({ outcome: o, at: new Date(at) });
const context = (over: Partial<BookingContext> = {}): BookingContext => ({
  exam: { code: 'CLD-101', status: 'published', practice: false, languages: ['en', 'de'] },
  policy: policy(), language: 'en', emailVerified: true, activeAppointments: [], outcomes: [], now, ...over,
});

describe('booking window', () => {
  it('runs from the lead time to the booking horizon when there is no earlier result', () => {
    const w = bookingWindow({ policy: policy({ booking: { minLeadHours: 48, maxAdvanceDays: 30 } }), outcomes: [], now });
    expect(w).toEqual({ earliest: plus(48 * hour), latest: plus(30 * day), retakeUntil: null });
  });

  it('starts the window after the retake wait when the last sitting was failed', () => {
    const w = bookingWindow({ policy: policy({ retakes: { waitDaysAfterFail: 14 } }), outcomes: [outcome('fail', '2026-11-20T12:00:00Z')], now });
    expect(w.retakeUntil).toEqual(new Date('2026-12-04T12:00:00Z'));
    expect(w.earliest).toEqual(new Date('2026-12-04T12:00:00Z'));
  });

  it('keeps the lead time when the retake wait ends sooner', () => {
    const w = bookingWindow({ policy: policy({ retakes: { waitDaysAfterFail: 7 } }), outcomes: [outcome('fail', '2026-11-19T10:00:00Z')], now });
    expect(w.retakeUntil).toEqual(new Date('2026-11-26T10:00:00Z'));
    expect(w.earliest).toEqual(plus(24 * hour));
  });

  it('locks the exam for the lockout days after a pass', () => {
    const w = bookingWindow({ policy: policy({ retakes: { lockoutDaysAfterPass: 30 } }), outcomes: [outcome('pass', '2026-11-20T12:00:00Z')], now });
    expect(w.retakeUntil).toEqual(new Date('2026-12-20T12:00:00Z'));
    expect(w.earliest).toEqual(new Date('2026-12-20T12:00:00Z'));
  });

  it('lets the latest result decide: a pass after a fail locks out, a fail after a pass only waits', () => {
    const p = policy({ retakes: { waitDaysAfterFail: 14, lockoutDaysAfterPass: 60 } });
    const failThenPass = [outcome('pass', '2026-11-20T00:00:00Z'), outcome('fail', '2026-10-01T00:00:00Z')];
    expect(bookingWindow({ policy: p, outcomes: failThenPass, now }).retakeUntil).toEqual(new Date('2027-01-19T00:00:00Z'));
    const passThenFail = [outcome('fail', '2026-11-20T00:00:00Z'), outcome('pass', '2026-10-01T00:00:00Z')];
    expect(bookingWindow({ policy: p, outcomes: passThenFail, now }).retakeUntil).toEqual(new Date('2026-12-04T00:00:00Z'));
    // The order of the list does not matter, only the dates.
    expect(bookingWindow({ policy: p, outcomes: [...passThenFail].reverse(), now }).retakeUntil).toEqual(new Date('2026-12-04T00:00:00Z'));
  });

  it('sets no retake limit when the policy waits zero days', () => {
    const p = policy({ retakes: { waitDaysAfterFail: 0, lockoutDaysAfterPass: 0 } });
    expect(bookingWindow({ policy: p, outcomes: [outcome('fail', '2026-11-25T00:00:00Z')], now }).retakeUntil).toBeNull();
    expect(bookingWindow({ policy: p, outcomes: [outcome('pass', '2026-11-25T00:00:00Z')], now }).retakeUntil).toBeNull();
  });

  it('never starts before the lead time nor before the retake limit (property)', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 24 * 90 }), fc.integer({ min: 1, max: 180 }), fc.integer({ min: 0, max: 365 }), fc.integer({ min: 0, max: 3650 }),
      fc.array(fc.record({ outcome: fc.constantFrom<'pass' | 'fail'>('pass', 'fail'), ago: fc.integer({ min: 0, max: 4000 * 24 }) }), { maxLength: 4 }),
      (lead, advance, wait, lockout, past) => {
        const p = policy({ booking: { minLeadHours: lead, maxAdvanceDays: advance }, retakes: { waitDaysAfterFail: wait, lockoutDaysAfterPass: lockout } });
        const outcomes = past.map((x) => ({ outcome: x.outcome, at: plus(-x.ago * hour) }));
        const w = bookingWindow({ policy: p, outcomes, now });
        expect(w.earliest.getTime()).toBe(Math.max(now.getTime() + lead * hour, w.retakeUntil?.getTime() ?? -Infinity));
        expect(w.latest).toEqual(plus(advance * day));
      },
    ));
  });
});

describe('booking refusals', () => {
  it('refuses nothing for a published exam, a verified candidate, an offered language and no active appointment', () => {
    expect(bookingRefusals(context())).toEqual([]);
  });

  it('refuses an exam that is not published, a practice exam, a language not offered and an unverified email, each saying what to do', () => {
    const refusals = bookingRefusals(context({ exam: { code: 'CLD-101', status: 'draft', practice: true, languages: ['en', 'de'] }, language: 'fr', emailVerified: false }));
    expect(refusals.map((r) => r.code)).toEqual(['NotPublished', 'PracticeExam', 'LanguageUnavailable', 'EmailNotVerified']);
    expect(refusals[2]!.message).toContain('Choose one of: en, de.');
    expect(refusals[3]!.message).toMatch(/Confirm your email address/);
    expect(refusals.every((r) => r.until === null)).toBe(true);
  });

  it('refuses a second appointment for the same exam, naming the first one', () => {
    const [r] = bookingRefusals(context({ activeAppointments: [{ startsAt: new Date('2026-12-01T10:30:00Z') }] }));
    expect(r).toMatchObject({ code: 'ActiveAppointment', until: null });
    expect(r!.message).toContain('2026-12-01 10:30 UTC');
  });

  it('refuses with RetakeWait only when the wait after a fail ends beyond the booking horizon', () => {
    const p = policy({ booking: { maxAdvanceDays: 30 }, retakes: { waitDaysAfterFail: 60 } });
    const [r] = bookingRefusals(context({ policy: p, outcomes: [outcome('fail', '2026-11-20T00:00:00Z')] }));
    expect(r).toMatchObject({ code: 'RetakeWait', until: new Date('2027-01-19T00:00:00Z') });
    expect(r!.message).toBe('After a fail, the next attempt can start from 2027-01-19 (a 60-day wait).');
    // Within the horizon the wait only moves the earliest start, it does not refuse.
    expect(bookingRefusals(context({ policy: policy({ retakes: { waitDaysAfterFail: 14 } }), outcomes: [outcome('fail', '2026-11-20T00:00:00Z')] }))).toEqual([]);
  });

  it('bans a candidate whose result was invalidated for the policy\'s period from the exam, when it is longer than the wait', () => {
    const p = policy({ booking: { maxAdvanceDays: 30 }, retakes: { waitDaysAfterFail: 14, banDaysAfterInvalidation: 180 } });
    const invalid = { ...outcome('fail', '2026-11-20T00:00:00Z'), invalidated: true };
    const [r] = bookingRefusals(context({ policy: p, outcomes: [invalid] }));
    expect(r).toMatchObject({ code: 'InvalidationBan', until: new Date('2027-05-19T00:00:00Z') });
    expect(r!.message).toBe(`Your result of 2026-11-20 was invalidated; ${context({}).exam.code} can be taken again from 2027-05-19 (a 180-day ban).`);
    // An ordinary fail, or a ban shorter than the wait: the wait after a fail.
    expect(bookingRefusals(context({ policy: p, outcomes: [outcome('fail', '2026-11-20T00:00:00Z')] }))).toEqual([]);
    fc.assert(fc.property(fc.integer({ min: 0, max: 365 }), fc.integer({ min: 0, max: 400 }), fc.boolean(), (wait, ban, wasInvalidated) => {
      const ctx = context({ policy: policy({ retakes: { waitDaysAfterFail: wait, banDaysAfterInvalidation: ban } }), outcomes: [{ ...outcome('fail', '2026-11-20T00:00:00Z'), invalidated: wasInvalidated }] });
      const days = Math.max(wait, wasInvalidated ? ban : 0);
      const { retakeUntil } = bookingWindow(ctx);
      expect(retakeUntil?.getTime() ?? null).toBe(days > 0 ? new Date('2026-11-20T00:00:00Z').getTime() + days * 86_400_000 : null);
    }));
  });

  it('refuses with PassLockout after a pass, saying from when the exam can be taken again', () => {
    const [r] = bookingRefusals(context({ outcomes: [outcome('pass', '2026-11-20T00:00:00Z')] }));
    expect(r).toMatchObject({ code: 'PassLockout', until: new Date('2028-11-19T00:00:00Z') });
    expect(r!.message).toBe('You passed CLD-101. It can be taken again from 2028-11-19.');
  });

  it('ends the lockout after a pass early when the renewal window before the credential expires opens first', () => {
    const pass: PastOutcome = { ...outcome('pass', '2026-11-20T00:00:00Z'), credentialValidUntil: new Date('2028-05-20T00:00:00Z') };
    const p = policy({ retakes: { lockoutDaysAfterPass: 730 }, credential: { validityMonths: 18, renewalWindowDays: 180 } });
    const [r] = bookingRefusals(context({ policy: p, outcomes: [pass] }));
    expect(r).toMatchObject({ code: 'PassLockout', until: new Date('2027-11-22T00:00:00Z') });
    expect(r!.message).toBe('You passed CLD-101; your certification is valid until 2028-05-20. You can take the exam again to renew it from 2027-11-22 (180 days before it expires).');
    // Inside the booking horizon the window only moves the earliest start, and the slot page says why.
    const later = context({ policy: p, outcomes: [pass], now: new Date('2027-10-01T00:00:00Z') });
    expect(bookingRefusals(later)).toEqual([]);
    expect(bookingWindow(later).earliest).toEqual(new Date('2027-11-22T00:00:00Z'));
    expect(retakeNote(later)).toBe('You passed CLD-101; your certification is valid until 2028-05-20. You can take the exam again to renew it from 2027-11-22 (180 days before it expires), so earlier times are not shown.');
  });

  it('keeps the plain lockout when renewal would open after it, when it is off, or for a revoked credential', () => {
    const pass = (validUntil: Date | null): PastOutcome => ({ ...outcome('pass', '2026-11-20T00:00:00Z'), credentialValidUntil: validUntil });
    const until = (p: ExamPolicyInput, o: PastOutcome) => bookingWindow(context({ policy: policy(p), outcomes: [o] })).retakeUntil;
    expect(until({ retakes: { lockoutDaysAfterPass: 365 } }, pass(new Date('2029-11-20T00:00:00Z')))).toEqual(new Date('2027-11-20T00:00:00Z'));
    expect(until({ credential: { renewalWindowDays: 0 } }, pass(new Date('2028-05-20T00:00:00Z')))).toEqual(new Date('2028-11-19T00:00:00Z'));
    expect(until({}, pass(null))).toEqual(new Date('2028-11-19T00:00:00Z'));
  });

  it('never keeps a holder locked out past the renewal window, whatever the dates (property)', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 3650 }), fc.integer({ min: 1, max: 3650 }), fc.integer({ min: 1, max: 2000 }),
      (lockoutDays, windowDays, validDays) => {
        const at = new Date('2026-11-20T00:00:00Z');
        const validUntil = plus(validDays * day, at);
        const p = policy({ retakes: { lockoutDaysAfterPass: lockoutDays }, credential: { renewalWindowDays: windowDays } });
        const blocked = bookingWindow(context({ policy: p, outcomes: [{ outcome: 'pass', at, credentialValidUntil: validUntil }] })).retakeUntil;
        const renewal = plus(-windowDays * day, validUntil);
        const lockout = plus(lockoutDays * day, at);
        if (blocked === null) return renewal <= at;
        return blocked.getTime() === Math.min(renewal.getTime(), lockout.getTime()) && blocked > at;
      },
    ));
  });
});

describe('retake note', () => {
  it('explains a fail wait that pushes the earliest start past the lead time', () => {
    expect(retakeNote({ ...context({ outcomes: [outcome('fail', '2026-11-20T12:00:00Z')] }) })).toBe('After a fail, the next attempt can start from 2026-12-04, so earlier times are not shown.');
  });

  it('says nothing when the lead time is later anyway, when there is no result, or when the limit is past the horizon', () => {
    expect(retakeNote(context({ policy: policy({ retakes: { waitDaysAfterFail: 1 } }), outcomes: [outcome('fail', '2026-11-20T12:00:00Z')] }))).toBeNull();
    expect(retakeNote(context())).toBeNull();
    expect(retakeNote(context({ outcomes: [outcome('pass', '2026-11-20T12:00:00Z')] }))).toBeNull();
  });

  it('names the exam when a pass lockout ends inside the horizon', () => {
    const ctx = context({ policy: policy({ retakes: { lockoutDaysAfterPass: 30 } }), outcomes: [outcome('pass', '2026-11-20T12:00:00Z')] });
    expect(retakeNote(ctx)).toBe('You passed CLD-101; it can be taken again from 2026-12-20.');
  });
});

describe('start refusal', () => {
  const window = { earliest: new Date('2026-11-27T09:00:00Z'), latest: new Date('2027-02-24T09:00:00Z') };

  it('accepts a grid start from the earliest to the latest, both included', () => {
    expect(startRefusal(window.earliest, window, 30)).toBeNull();
    expect(startRefusal(window.latest, window, 30)).toBeNull();
    expect(startRefusal(new Date('2026-12-01T10:15:00Z'), window, 15)).toBeNull();
  });

  it('refuses a start off the grid, before the earliest or after the latest, in words', () => {
    expect(startRefusal(new Date('2026-12-01T10:15:00Z'), window, 30)).toBe('Appointments start every 30 minutes; pick one of the listed times.');
    expect(startRefusal(new Date('2026-11-27T08:30:00Z'), window, 30)).toBe('That time is too soon: the earliest start is 2026-11-27 09:00 UTC.');
    expect(startRefusal(new Date('2027-02-24T09:30:00Z'), window, 30)).toBe('That time is too far ahead: appointments can be booked up to 2027-02-24.');
  });
});

describe('extra minutes', () => {
  const acc = (kind: Accommodation['kind'], minutes: number | null, percent: number | null): Accommodation => ({ kind, minutes, percent });

  it('adds fixed minutes and a percentage of the duration rounded up', () => {
    expect(extraMinutes([acc('extra_time_minutes', 15, null), acc('extra_time_percent', null, 25)], 90)).toBe(15 + 23);
  });

  it('adds percentages before rounding them up once', () => {
    expect(extraMinutes([acc('extra_time_percent', null, 25), acc('extra_time_percent', null, 25)], 90)).toBe(45);
    expect(extraMinutes([acc('extra_time_percent', null, 10)], 95)).toBe(10);
  });

  it('ignores accommodations that are not extra time, and missing numbers', () => {
    expect(extraMinutes([acc('screen_reader', 30, 50), acc('other', 30, 50), acc('extra_time_minutes', null, null), acc('extra_time_percent', null, null)], 90)).toBe(0);
    expect(extraMinutes([], 90)).toBe(0);
  });

  it('is the minutes plus the smallest whole number of minutes covering the percentage (property)', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 480 }),
      fc.array(fc.record({ kind: fc.constantFrom<Accommodation['kind']>('extra_time_minutes', 'extra_time_percent', 'screen_reader', 'other'), n: fc.integer({ min: 0, max: 200 }) }), { maxLength: 4 }),
      (duration, list) => {
        const accs = list.map((a) => acc(a.kind, a.kind === 'extra_time_minutes' ? a.n : null, a.kind === 'extra_time_percent' ? a.n : null));
        const minutes = list.filter((a) => a.kind === 'extra_time_minutes').reduce((s, a) => s + a.n, 0);
        const percent = list.filter((a) => a.kind === 'extra_time_percent').reduce((s, a) => s + a.n, 0);
        const fromPercent = extraMinutes(accs, duration) - minutes;
        // Exact in integers: fromPercent is the least p with 100·p ≥ duration·percent.
        expect(100 * fromPercent).toBeGreaterThanOrEqual(duration * percent);
        expect(100 * (fromPercent - 1)).toBeLessThan(duration * percent);
      },
    ));
  });
});

describe('change terms', () => {
  const startsAt = new Date('2026-12-10T10:00:00Z');
  const appt = (over: Partial<{ status: string; rescheduleCount: number; paidMinor: number }> = {}) => ({ status: 'booked', startsAt, rescheduleCount: 0, paidMinor: 15000, ...over });
  const p = policy({ rescheduling: { cutoffHours: 48, maxReschedules: 2 }, cancellation: { refundBeforeCutoffPercent: 100, refundAfterCutoffPercent: 25 } });
  const cutoff = new Date('2026-12-08T10:00:00Z');

  it('allows rescheduling until just before the cutoff, and not exactly at it', () => {
    expect(changeTerms(appt(), p, plus(-1, cutoff))).toMatchObject({ cutoff, canReschedule: true, changeRefusal: null });
    const at = changeTerms(appt(), p, cutoff);
    expect(at).toMatchObject({ canReschedule: false, changeRefusal: 'Changes were possible until 48 hours before the start.' });
  });

  it('counts reschedules left and refuses once the count is used up', () => {
    const early = new Date('2026-12-01T00:00:00Z');
    expect(changeTerms(appt({ rescheduleCount: 1 }), p, early)).toMatchObject({ canReschedule: true, reschedulesLeft: 1 });
    expect(changeTerms(appt({ rescheduleCount: 2 }), p, early)).toMatchObject({ canReschedule: false, reschedulesLeft: 0, changeRefusal: 'This appointment was already rescheduled 2 times, the most allowed.' });
    expect(changeTerms(appt({ rescheduleCount: 5 }), p, early).reschedulesLeft).toBe(0);
  });

  describe('after a failed system test', () => {
    const failed = (at: Date) => ({ passed: false, createdAt: at });
    const a = (over: Partial<{ status: string; systemTestRescheduleUsed: boolean }> = {}) => ({ status: 'booked', startsAt, systemTestRescheduleUsed: false, ...over });
    const twoHoursBefore = plus(-2 * 3_600_000, startsAt);

    it('grants one free move within 48 hours of the start, past the cutoff, until check-in opens', () => {
      expect(systemTestRescue(a(), failed(twoHoursBefore), p, twoHoursBefore)).toBe(true);
      const terms = changeTerms(appt({ rescheduleCount: 2 }), p, twoHoursBefore, true);
      expect(terms).toMatchObject({ canReschedule: true, changeRefusal: null, viaSystemTest: true, reschedulesLeft: 0 });
      // Before the cutoff, with moves left, the ordinary move applies and the free one is kept.
      expect(changeTerms(appt(), p, new Date('2026-12-01T00:00:00Z'), true)).toMatchObject({ canReschedule: true, viaSystemTest: false });
      const checkInOpens = plus(-30 * 60_000, startsAt);
      expect(systemTestRescue(a(), failed(twoHoursBefore), p, checkInOpens)).toBe(false);
    });

    it('is not granted by a pass, an older fail, a used rescue or an appointment that is not booked', () => {
      expect(systemTestRescue(a(), { passed: true, createdAt: twoHoursBefore }, p, twoHoursBefore)).toBe(false);
      expect(systemTestRescue(a(), failed(plus(-49 * 3_600_000, startsAt)), p, twoHoursBefore)).toBe(false);
      expect(systemTestRescue(a({ systemTestRescheduleUsed: true }), failed(twoHoursBefore), p, twoHoursBefore)).toBe(false);
      expect(systemTestRescue(a({ status: 'cancelled' }), failed(twoHoursBefore), p, twoHoursBefore)).toBe(false);
      expect(systemTestRescue(a(), null, p, twoHoursBefore)).toBe(false);
      expect(changeTerms(appt({ status: 'cancelled' }), p, twoHoursBefore, true)).toMatchObject({ canReschedule: false, viaSystemTest: false });
    });

    it('holds exactly inside [start − 48 h, check-in opening) for a fail taken in that span', () => {
      const h = 3_600_000;
      fc.assert(fc.property(fc.integer({ min: -72 * h, max: 2 * h }), fc.integer({ min: -72 * h, max: 0 }), (nowOffset, testOffset) => {
        const now = plus(nowOffset, startsAt);
        const test = failed(plus(Math.min(testOffset, nowOffset), startsAt));
        const expected = test.createdAt.getTime() >= startsAt.getTime() - 48 * h && nowOffset >= -48 * h && nowOffset < -30 * 60_000;
        expect(systemTestRescue(a(), test, p, now)).toBe(expected);
      }));
    });
  });

  it('says rescheduling is not offered when the policy allows none', () => {
    const none = policy({ rescheduling: { maxReschedules: 0 } });
    expect(changeTerms(appt(), none, now)).toMatchObject({ canReschedule: false, changeRefusal: 'This exam\'s appointments cannot be rescheduled.' });
  });

  it('refunds the before-cutoff share before the cutoff and the after-cutoff share from it on, rounded down', () => {
    expect(changeTerms(appt(), p, plus(-1, cutoff))).toMatchObject({ refundPercent: 100, refundMinor: 15000 });
    expect(changeTerms(appt(), p, cutoff)).toMatchObject({ refundPercent: 25, refundMinor: 3750 });
    expect(changeTerms(appt({ paidMinor: 999 }), p, cutoff).refundMinor).toBe(249);
  });

  it('allows cancelling until the start, and not at it', () => {
    expect(changeTerms(appt(), p, plus(-1, startsAt)).canCancel).toBe(true);
    expect(changeTerms(appt(), p, startsAt).canCancel).toBe(false);
  });

  it('allows no change to an appointment that is not booked', () => {
    for (const status of ['cancelled', 'checked_in', 'completed', 'no_show']) {
      expect(changeTerms(appt({ status }), p, now), status).toMatchObject({ canReschedule: false, canCancel: false, changeRefusal: 'Only a booked appointment can be changed.' });
    }
  });
});

describe('codes', () => {
  const voucher: CodeTerms = { kind: 'voucher', percentOff: null, amountOffMinor: null, currency: null };
  const percent = (p: number): CodeTerms => ({ kind: 'discount', percentOff: p, amountOffMinor: null, currency: null });
  const amount = (a: number, currency = 'USD'): CodeTerms => ({ kind: 'discount', percentOff: null, amountOffMinor: a, currency });

  it('charges the full price without a code', () => {
    expect(applyCode(15000, null)).toEqual({ priceMinor: 15000, discountMinor: 0, voucherMinor: 0, dueMinor: 15000 });
  });

  it('lets a voucher cover the whole price', () => {
    expect(applyCode(15000, voucher)).toEqual({ priceMinor: 15000, discountMinor: 0, voucherMinor: 15000, dueMinor: 0 });
  });

  it('rounds a percentage discount down to whole minor units', () => {
    expect(applyCode(999, percent(15))).toEqual({ priceMinor: 999, discountMinor: 149, voucherMinor: 0, dueMinor: 850 });
    expect(applyCode(15000, percent(100)).dueMinor).toBe(0);
  });

  it('caps an amount discount at the price', () => {
    expect(applyCode(15000, amount(5000))).toMatchObject({ discountMinor: 5000, dueMinor: 10000 });
    expect(applyCode(3000, amount(5000))).toMatchObject({ discountMinor: 3000, dueMinor: 0 });
  });

  it('always splits the price exactly into due, discount and voucher, none negative (property)', () => {
    const code = fc.oneof(
      fc.constant(null),
      fc.constant(voucher),
      fc.integer({ min: 0, max: 100 }).map(percent),
      fc.integer({ min: 0, max: 10_000_000 }).map((a) => amount(a)),
    );
    fc.assert(fc.property(fc.integer({ min: 0, max: 10_000_000 }), code, (price, c) => {
      const b = applyCode(price, c);
      expect(b.priceMinor).toBe(price);
      expect(b.dueMinor + b.discountMinor + b.voucherMinor).toBe(price);
      for (const v of [b.dueMinor, b.discountMinor, b.voucherMinor]) {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(Number.isInteger(v)).toBe(true);
      }
    }));
  });

  describe('refusals', () => {
    const exam = { id: 'exam-1', currency: 'USD' };
    const stored = (over: Partial<Parameters<typeof codeRefusal>[0]> = {}): Parameters<typeof codeRefusal>[0] => ({ ...voucher, examId: null, uses: 0, maxUses: 1, validUntil: null, ...over });

    it('accepts an unused code for any exam with no expiry', () => {
      expect(codeRefusal(stored(), exam, now)).toBeNull();
      expect(codeRefusal(stored({ examId: 'exam-1', validUntil: plus(1) }), exam, now)).toBeNull();
    });

    it('refuses a code from the moment it expires', () => {
      expect(codeRefusal(stored({ validUntil: now }), exam, now)).toBe('This code has expired.');
      expect(codeRefusal(stored({ validUntil: plus(-day) }), exam, now)).toBe('This code has expired.');
    });

    it('refuses a code whose uses are used up', () => {
      expect(codeRefusal(stored({ uses: 1, maxUses: 1 }), exam, now)).toBe('This code has already been used.');
      expect(codeRefusal(stored({ uses: 4, maxUses: 5 }), exam, now)).toBeNull();
    });

    it('refuses a code for another exam', () => {
      expect(codeRefusal(stored({ examId: 'exam-2' }), exam, now)).toBe('This code is for a different exam.');
    });

    it('refuses an amount discount in another currency, but not a percentage or a voucher', () => {
      expect(codeRefusal(stored({ ...amount(1000, 'EUR') }), exam, now)).toBe('This code is in EUR, but the exam is priced in USD.');
      expect(codeRefusal(stored({ ...amount(1000, 'USD') }), exam, now)).toBeNull();
      expect(codeRefusal(stored({ ...percent(10), currency: 'EUR' }), exam, now)).toBeNull();
      expect(codeRefusal(stored({ currency: 'EUR' }), exam, now)).toBeNull();
    });
  });
});
