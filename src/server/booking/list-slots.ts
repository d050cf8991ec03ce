import { DateTime } from 'luxon';
import { AppError } from '../../core/shared/app-error.ts';
import { bookingRefusals, bookingWindow, retakeNote } from '../../core/booking/rules.ts';
import { freeSlots, localDateRange } from '../../core/scheduling/slots.ts';
import type { Language } from '../../core/accounts/time-zone.ts';
import { requireRole, type Principal } from '../platform/auth.ts';
import type { Deps } from '../platform/deps.ts';
import { loadBuckets } from '../scheduling/repository.ts';
import { candidateContext, examClaim, extraFor, getBookableExam, getOwnAppointment } from './repository.ts';

const maxDays = 14;

/**
 * Candidate: the free start times of an exam per local date in the candidate's zone. A time is listed only when a
 * proctor seat is free for the whole appointment (check-in to the end of extra time) and a greeter for its check-in,
 * and the policy allows it (lead time, horizon, retake waits). Refusals come back in words instead of an error.
 */
export async function listSlots(deps: Deps, principal: Principal | null, code: string, q: { from: string; to?: string | undefined; tz?: string | undefined; language?: string | undefined; reschedule?: string | undefined }) {
  const actor = requireRole(principal, []);
  const bookable = await getBookableExam(deps.db, code);
  const { exam, policy } = bookable;
  if (q.reschedule) {
    const moving = await getOwnAppointment(deps.db, actor.userId, q.reschedule);
    if (moving.exam_id !== exam.id) throw new AppError('ValidationFailed', 'That appointment is for a different exam.', { in: 'query', issues: [{ path: ['reschedule'], message: 'Give an appointment of this exam.' }] });
  }
  const ctx = await candidateContext(deps.db, actor.userId, exam.id, q.reschedule ? { exceptAppointmentId: q.reschedule } : {});
  const zone = q.tz ?? ctx.user.time_zone;
  const toDate = q.to ?? q.from;
  if (DateTime.fromISO(toDate).diff(DateTime.fromISO(q.from), 'days').days >= maxDays) {
    throw new AppError('ValidationFailed', `Ask for at most ${maxDays} days at a time.`, { in: 'query', issues: [{ path: ['to'], message: `At most ${maxDays - 1} days after from.` }] });
  }
  const languages = exam.languages;
  const language = (q.language ?? (languages.includes(ctx.user.language) ? ctx.user.language : languages[0]!)) as Language;
  const now = deps.clock.now();
  const rulesCtx = { exam: { code: exam.code, status: exam.status, practice: exam.practice, languages }, policy, language, emailVerified: ctx.user.email_verified_at !== null, activeAppointments: ctx.activeAppointments, outcomes: ctx.outcomes, now };
  const refusals = bookingRefusals(rulesCtx);
  const window = bookingWindow(rulesCtx);
  const extra = extraFor(ctx, exam.duration_minutes);
  const { from, to } = localDateRange(q.from, toDate, zone);
  // Enough buckets to cover check-in before the first start and the longest exam after the last.
  const buckets = refusals.length ? new Map() : await loadBuckets(deps.db, exam.program_id,
    new Date(from.getTime() - (policy.checkIn.opensMinutesBefore + 30) * 60_000), new Date(to.getTime() + (exam.duration_minutes + extra + 30) * 60_000));
  const days = refusals.length ? [] : freeSlots({
    fromDate: q.from, toDate, zone, intervalMinutes: policy.booking.slotIntervalMinutes, earliest: window.earliest, latest: window.latest,
    claimOf: (s) => examClaim(bookable, s, extra),
  }, buckets);
  const note = retakeNote(rulesCtx);
  return {
    examCode: exam.code, timeZone: zone, language, durationMinutes: exam.duration_minutes, extraMinutes: extra,
    earliest: window.earliest.toISOString(), latest: window.latest.toISOString(),
    refusals: refusals.map((r) => ({ ...r, until: r.until?.toISOString() ?? null })),
    notes: note ? [note] : [],
    days: days.map((d) => ({ date: d.date, slots: d.slots.map((s) => ({ startsAt: s.startsAt.toISOString(), localTime: s.localTime, endsAt: s.endsAt.toISOString() })) })),
  };
}
