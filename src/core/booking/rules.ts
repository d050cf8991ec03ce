import type { ExamPolicy } from '../catalog/policy.ts';
import { renewalOpensAt } from '../credentials/expiry.ts';

const day = 86_400_000;
const hour = 3_600_000;

export type RefusalCode = 'ActiveAppointment' | 'RetakeWait' | 'InvalidationBan' | 'PassLockout' | 'NotPublished' | 'PracticeExam' | 'LanguageUnavailable' | 'EmailNotVerified';

/** Why a booking is refused, in words a candidate understands; `until` when the refusal lifts by itself. */
export interface Refusal {
  code: RefusalCode;
  message: string;
  until: Date | null;
}

export interface PastOutcome {
  outcome: 'pass' | 'fail';
  at: Date;
  /** For a pass: when its credential expires (null: never, or no credential, e.g. revoked). */
  credentialValidUntil?: Date | null;
  /** A fail because staff invalidated the result (the policy may ban the candidate for a while). */
  invalidated?: boolean;
}

export interface BookingContext {
  exam: { code: string; status: string; practice: boolean; languages: string[] };
  policy: ExamPolicy;
  language: string;
  emailVerified: boolean;
  /** The candidate's booked (not finished) appointments for this exam, excluding one being rescheduled. */
  activeAppointments: { startsAt: Date }[];
  /** Results of this candidate's earlier sittings of this exam. */
  outcomes: PastOutcome[];
  now: Date;
}

const formatDay = (d: Date) => d.toISOString().slice(0, 10);

/** The window of allowed start times: lead time and retake rules push the earliest, the booking horizon sets the latest. */
export function bookingWindow(ctx: Pick<BookingContext, 'policy' | 'outcomes' | 'now'>): { earliest: Date; latest: Date; retakeUntil: Date | null } {
  const { policy, now } = ctx;
  const lead = new Date(now.getTime() + policy.booking.minLeadHours * hour);
  const retakeUntil = retakeBlockedUntil(ctx);
  const earliest = retakeUntil && retakeUntil > lead ? retakeUntil : lead;
  return { earliest, latest: new Date(now.getTime() + policy.booking.maxAdvanceDays * day), retakeUntil };
}

/** Until when retake rules forbid a new attempt to start (null: they don't). The latest result decides. */
function retakeBlockedUntil(ctx: Pick<BookingContext, 'policy' | 'outcomes'>): Date | null {
  const last = latestOutcome(ctx.outcomes);
  if (!last) return null;
  if (last.outcome === 'pass') return passLockout(last, ctx.policy)?.until ?? null;
  const days = Math.max(ctx.policy.retakes.waitDaysAfterFail, banDays(last, ctx.policy));
  return days > 0 ? new Date(last.at.getTime() + days * day) : null;
}

/** The ban after an invalidated result, when it is longer than the wait after a fail (else 0). */
function banDays(last: PastOutcome, policy: ExamPolicy): number {
  const ban = last.outcome === 'fail' && last.invalidated ? policy.retakes.banDaysAfterInvalidation : 0;
  return ban > policy.retakes.waitDaysAfterFail ? ban : 0;
}

/** Why a fail blocks a new sitting until `until`: the wait after a fail, or the ban after an invalidated result. */
function failWait(code: string, last: PastOutcome, policy: ExamPolicy, until: Date, tail: string): { code: RefusalCode; message: string } {
  const ban = banDays(last, policy);
  return ban > 0
    ? { code: 'InvalidationBan', message: `Your result of ${formatDay(last.at)} was invalidated; ${code} can be taken again from ${formatDay(until)} (a ${ban}-day ban)${tail}` }
    : { code: 'RetakeWait', message: `After a fail, the next attempt can start from ${formatDay(until)} (a ${policy.retakes.waitDaysAfterFail}-day wait)${tail}` };
}

const latestOutcome = (outcomes: PastOutcome[]) => [...outcomes].sort((a, b) => b.at.getTime() - a.at.getTime())[0];

/**
 * After a pass, the exam is locked for `lockoutDaysAfterPass`, except that renewal opens `credential.renewalWindowDays`
 * before the credential expires: the lock ends at whichever comes first (`renewal` says the renewal window ended it).
 * Null: nothing blocks a new sitting.
 */
export function passLockout(pass: PastOutcome, policy: ExamPolicy): { until: Date; renewal: { validUntil: Date } | null } | null {
  const days = policy.retakes.lockoutDaysAfterPass;
  if (days <= 0) return null;
  const lockoutEnd = new Date(pass.at.getTime() + days * day);
  const validUntil = pass.credentialValidUntil ?? null;
  if (validUntil && policy.credential.renewalWindowDays > 0) {
    const opens = renewalOpensAt(validUntil, policy.credential.renewalWindowDays);
    if (opens <= pass.at) return null;
    if (opens < lockoutEnd) return { until: opens, renewal: { validUntil } };
  }
  return { until: lockoutEnd, renewal: null };
}

/** The candidate's words for a pass lockout ending at `until`. */
function passLockoutMessage(code: string, lock: { until: Date; renewal: { validUntil: Date } | null }, policy: ExamPolicy, tail: string): string {
  if (lock.renewal) {
    return `You passed ${code}; your certification is valid until ${formatDay(lock.renewal.validUntil)}. You can take the exam again to renew it from ${formatDay(lock.until)} (${policy.credential.renewalWindowDays} days before it expires)${tail}`;
  }
  return `You passed ${code}. It can be taken again from ${formatDay(lock.until)}${tail}`;
}

/**
 * Every reason this candidate cannot book this exam at all right now. Empty means they may book some start inside
 * `bookingWindow`. Each message says what to do or when it changes.
 */
export function bookingRefusals(ctx: BookingContext): Refusal[] {
  const out: Refusal[] = [];
  if (ctx.exam.status !== 'published') out.push({ code: 'NotPublished', message: `${ctx.exam.code} is not open for booking.`, until: null });
  if (ctx.exam.practice) out.push({ code: 'PracticeExam', message: `${ctx.exam.code} is a practice exam: start it from its page, no appointment needed.`, until: null });
  if (!ctx.exam.languages.includes(ctx.language)) out.push({ code: 'LanguageUnavailable', message: `${ctx.exam.code} is not offered in that language. Choose one of: ${ctx.exam.languages.join(', ')}.`, until: null });
  if (!ctx.emailVerified) out.push({ code: 'EmailNotVerified', message: 'Confirm your email address before booking: open the link we sent you, or ask for a new one on your profile page.', until: null });
  const active = ctx.activeAppointments[0];
  if (active) {
    out.push({ code: 'ActiveAppointment', message: `You already have an appointment for ${ctx.exam.code} (${active.startsAt.toISOString().slice(0, 16).replace('T', ' ')} UTC). Reschedule or cancel it instead of booking another.`, until: null });
  }
  const { latest, retakeUntil } = bookingWindow(ctx);
  if (retakeUntil && retakeUntil > latest) {
    const last = latestOutcome(ctx.outcomes)!;
    const lock = last.outcome === 'pass' ? passLockout(last, ctx.policy) : null;
    out.push(lock
      ? { code: 'PassLockout', message: passLockoutMessage(ctx.exam.code, lock, ctx.policy, '.'), until: retakeUntil }
      : { ...failWait(ctx.exam.code, last, ctx.policy, retakeUntil, '.'), until: retakeUntil });
  }
  return out;
}

/** A note explaining why the earliest start is later than the lead time alone (a retake wait), or null. */
export function retakeNote(ctx: Pick<BookingContext, 'policy' | 'outcomes' | 'now'> & { exam: { code: string } }): string | null {
  const { retakeUntil, latest } = bookingWindow(ctx);
  const lead = new Date(ctx.now.getTime() + ctx.policy.booking.minLeadHours * hour);
  if (!retakeUntil || retakeUntil <= lead || retakeUntil > latest) return null;
  const last = latestOutcome(ctx.outcomes)!;
  const lock = last.outcome === 'pass' ? passLockout(last, ctx.policy) : null;
  if (lock?.renewal) return passLockoutMessage(ctx.exam.code, lock, ctx.policy, ', so earlier times are not shown.');
  return lock
    ? `You passed ${ctx.exam.code}; it can be taken again from ${formatDay(retakeUntil)}.`
    : banDays(last, ctx.policy) > 0
      ? failWait(ctx.exam.code, last, ctx.policy, retakeUntil, ', so earlier times are not shown.').message
      : `After a fail, the next attempt can start from ${formatDay(retakeUntil)}, so earlier times are not shown.`;
}

/** Why a start time is refused even though the candidate may book (outside the window, off the grid), or null. */
export function startRefusal(startsAt: Date, window: { earliest: Date; latest: Date }, intervalMinutes: number): string | null {
  if (startsAt.getTime() % (intervalMinutes * 60_000) !== 0) return `Appointments start every ${intervalMinutes} minutes; pick one of the listed times.`;
  if (startsAt < window.earliest) return `That time is too soon: the earliest start is ${window.earliest.toISOString().slice(0, 16).replace('T', ' ')} UTC.`;
  if (startsAt > window.latest) return `That time is too far ahead: appointments can be booked up to ${window.latest.toISOString().slice(0, 10)}.`;
  return null;
}

export interface Accommodation {
  kind: 'extra_time_minutes' | 'extra_time_percent' | 'screen_reader' | 'other';
  minutes: number | null;
  percent: number | null;
}

/** Extra exam minutes from approved accommodations: fixed minutes plus percentages of the duration (rounded up). */
export function extraMinutes(approved: Accommodation[], durationMinutes: number): number {
  let minutes = 0;
  let percent = 0;
  for (const a of approved) {
    if (a.kind === 'extra_time_minutes') minutes += a.minutes ?? 0;
    if (a.kind === 'extra_time_percent') percent += a.percent ?? 0;
  }
  return minutes + Math.ceil((durationMinutes * percent) / 100);
}

export interface ChangeTerms {
  cutoff: Date;
  canReschedule: boolean;
  reschedulesLeft: number;
  changeRefusal: string | null;
  /** The move allowed now is the one a failed system test grants (past the cutoff or the count; not counted). */
  viaSystemTest: boolean;
  canCancel: boolean;
  refundPercent: number;
  refundMinor: number;
}

/** A system test failed this close to the start grants one free move, whatever the cutoff and the count. */
export const systemTestRescueHours = 48;

/**
 * Whether a failed system test grants this appointment its free move now: the candidate's newest test failed within
 * the 48 hours before the start, the appointment has not used that move, and check-in has not opened yet.
 */
export function systemTestRescue(a: { status: string; startsAt: Date; systemTestRescheduleUsed: boolean }, latestTest: { passed: boolean; createdAt: Date } | null, policy: ExamPolicy, now: Date): boolean {
  if (a.status !== 'booked' || a.systemTestRescheduleUsed || !latestTest || latestTest.passed) return false;
  const windowStart = a.startsAt.getTime() - systemTestRescueHours * hour;
  const checkInOpens = a.startsAt.getTime() - policy.checkIn.opensMinutesBefore * 60_000;
  return latestTest.createdAt.getTime() >= windowStart && now.getTime() >= windowStart && now.getTime() < checkInOpens;
}

/**
 * What a booked appointment allows now: rescheduling only before the cutoff and within the count (or once more, past
 * both, after a failed system test: see systemTestRescue); cancelling until the start, refunding the policy's share
 * (full before the cutoff, the after-cutoff share later).
 */
export function changeTerms(a: { status: string; startsAt: Date; rescheduleCount: number; paidMinor: number }, policy: ExamPolicy, now: Date, rescue = false): ChangeTerms {
  const cutoff = new Date(a.startsAt.getTime() - policy.rescheduling.cutoffHours * hour);
  const reschedulesLeft = Math.max(0, policy.rescheduling.maxReschedules - a.rescheduleCount);
  const booked = a.status === 'booked';
  const beforeCutoff = now < cutoff;
  let changeRefusal: string | null = null;
  if (!booked) changeRefusal = 'Only a booked appointment can be changed.';
  else if (!beforeCutoff) changeRefusal = `Changes were possible until ${policy.rescheduling.cutoffHours} hours before the start.`;
  else if (reschedulesLeft === 0) changeRefusal = policy.rescheduling.maxReschedules === 0 ? 'This exam\'s appointments cannot be rescheduled.' : `This appointment was already rescheduled ${a.rescheduleCount} times, the most allowed.`;
  const refundPercent = beforeCutoff ? policy.cancellation.refundBeforeCutoffPercent : policy.cancellation.refundAfterCutoffPercent;
  const viaSystemTest = booked && rescue && changeRefusal !== null;
  return {
    cutoff,
    canReschedule: changeRefusal === null || viaSystemTest,
    reschedulesLeft,
    changeRefusal: viaSystemTest ? null : changeRefusal,
    viaSystemTest,
    canCancel: booked && now < a.startsAt,
    refundPercent,
    refundMinor: Math.floor((a.paidMinor * refundPercent) / 100),
  };
}

export interface CodeTerms {
  kind: 'voucher' | 'discount';
  percentOff: number | null;
  amountOffMinor: number | null;
  currency: string | null;
}

export interface PriceBreakdown {
  priceMinor: number;
  discountMinor: number;
  voucherMinor: number;
  dueMinor: number;
}

/** The price after a code: a voucher pays what is left, a discount takes a percentage (rounded down) or an amount off. */
export function applyCode(priceMinor: number, code: CodeTerms | null): PriceBreakdown {
  if (!code) return { priceMinor, discountMinor: 0, voucherMinor: 0, dueMinor: priceMinor };
  if (code.kind === 'voucher') return { priceMinor, discountMinor: 0, voucherMinor: priceMinor, dueMinor: 0 };
  const discountMinor = code.percentOff !== null ? Math.floor((priceMinor * code.percentOff) / 100) : Math.min(priceMinor, code.amountOffMinor ?? 0);
  return { priceMinor, discountMinor, voucherMinor: 0, dueMinor: priceMinor - discountMinor };
}

/** Why a code cannot be used for this booking, or null. */
export function codeRefusal(code: CodeTerms & { examId: string | null; uses: number; maxUses: number; validUntil: Date | null }, exam: { id: string; currency: string }, now: Date): string | null {
  if (code.validUntil && code.validUntil <= now) return 'This code has expired.';
  if (code.uses >= code.maxUses) return 'This code has already been used.';
  if (code.examId && code.examId !== exam.id) return 'This code is for a different exam.';
  if (code.kind === 'discount' && code.amountOffMinor !== null && code.currency !== exam.currency) return `This code is in ${code.currency}, but the exam is priced in ${exam.currency}.`;
  return null;
}
