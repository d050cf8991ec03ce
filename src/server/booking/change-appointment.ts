import { sql } from 'kysely';
import { AppError } from '../../core/shared/app-error.ts';
import { bookingWindow, changeTerms, startRefusal, systemTestRescue } from '../../core/booking/rules.ts';
import type { Appointment } from '../../contracts/booking.ts';
import { requireRole, type Principal } from '../platform/auth.ts';
import { transactionWithRetry } from '../platform/db/sql-helpers.ts';
import type { Deps } from '../platform/deps.ts';
import { claimOfRow, releaseClaim, takeClaim } from '../scheduling/repository.ts';
import { cancelledEmail, rescheduledEmail } from './emails.ts';
import { expireDueHolds } from './hold-seat.ts';
import { scheduleAppointmentJobs } from './jobs.ts';
import { appointmentMail } from './notify.ts';
import { enqueueEmail } from '../platform/mail.ts';
import { builtInPayments } from './payments.ts';
import { candidateContext, claimColumns, examClaim, extraFor, getExamById, getOwnAppointment, latestSystemTestOf, presentAppointment, presentAppointments, recordAppointmentEvent } from './repository.ts';

/**
 * Candidate: moves a booked appointment to a new start, before the cutoff and within the allowed count. The new seat
 * is taken before the old one is given back, in one transaction, so a failed move leaves the appointment as it was.
 * Extra time is re-read from the candidate's approved accommodations.
 */
export async function rescheduleAppointment(deps: Deps, principal: Principal | null, id: string, body: { startsAt: string; language?: string | undefined }): Promise<Appointment> {
  const actor = requireRole(principal, []);
  const startsAt = new Date(body.startsAt);
  try {
    return await transactionWithRetry(deps.db, async (trx) => {
      const now = deps.clock.now();
      const row = await getOwnAppointment(trx, actor.userId, id, true);
      const bookable = await getExamById(trx, row.exam_id);
      const { exam, policy } = bookable;
      const latestTest = await latestSystemTestOf(trx, actor.userId);
      const rescue = systemTestRescue({ status: row.status, startsAt: row.starts_at, systemTestRescheduleUsed: row.system_test_reschedule_at !== null }, latestTest, policy, now);
      const terms = changeTerms({ status: row.status, startsAt: row.starts_at, rescheduleCount: row.reschedule_count, paidMinor: Number(row.paid_minor) }, policy, now, rescue);
      if (!terms.canReschedule) throw new AppError('ChangeNotAllowed', terms.changeRefusal ?? 'This appointment cannot be rescheduled.');
      const language = body.language ?? row.language;
      if (!exam.languages.includes(language)) throw new AppError('BookingNotAllowed', `${exam.code} is not offered in that language. Choose one of: ${exam.languages.join(', ')}.`, { reason: 'LanguageUnavailable' });
      if (startsAt.getTime() === row.starts_at.getTime() && language === row.language) throw new AppError('ValidationFailed', 'That is already the time of this appointment.', { in: 'body', issues: [{ path: ['startsAt'], message: 'Pick a different time.' }] });
      const ctx = await candidateContext(trx, actor.userId, exam.id, { exceptAppointmentId: row.id });
      const timeRefusal = startRefusal(startsAt, bookingWindow({ policy, outcomes: ctx.outcomes, now }), policy.booking.slotIntervalMinutes);
      if (timeRefusal) throw new AppError('BookingNotAllowed', timeRefusal, { reason: 'StartTime' });

      await expireDueHolds(trx, now, exam.program_id);
      const extra = extraFor(ctx, exam.duration_minutes);
      const claim = examClaim(bookable, startsAt, extra);
      if (!(await takeClaim(trx, exam.program_id, claim))) throw new AppError('SlotUnavailable', 'This time is no longer free. Please pick another; your appointment is unchanged.');
      await releaseClaim(trx, row.program_id, claimOfRow(row));
      const moved = await trx.updateTable('appointments').set({
        starts_at: startsAt, language, extra_minutes: extra, ...claimColumns(claim),
        // The move a failed system test grants is free and not counted against the policy's reschedules.
        ...(terms.viaSystemTest ? { system_test_reschedule_at: now } : { reschedule_count: sql<number>`reschedule_count + 1` }),
        calendar_sequence: sql`calendar_sequence + 1`, updated_at: now,
      }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
      await recordAppointmentEvent(trx, now, { appointmentId: id, actorId: actor.userId, kind: 'rescheduled', data: { from: row.starts_at.toISOString(), to: startsAt.toISOString(), language, ...(terms.viaSystemTest ? { freeAfterFailedSystemTest: true } : {}) } });
      await scheduleAppointmentJobs(trx, deps, moved, policy);
      const m = await appointmentMail(deps, trx, moved, { bookable });
      await enqueueEmail(trx, deps, rescheduledEmail(m.to, m.name, m.zone, m.appointment, m.ics));
      return presentAppointment(moved, bookable, now, latestTest);
    });
  } finally {
    deps.mailPoke();
  }
}

/**
 * Candidate: cancels a booked appointment before its start. Before the cutoff the policy's refund applies and a used
 * code can be used again; after it, the after-cutoff share is refunded and the rest forfeited. The seat is released.
 */
export async function cancelAppointment(deps: Deps, principal: Principal | null, id: string, body: { reason?: string | undefined }): Promise<Appointment> {
  const actor = requireRole(principal, []);
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const now = deps.clock.now();
      const row = await getOwnAppointment(trx, actor.userId, id, true);
      const bookable = await getExamById(trx, row.exam_id);
      const { policy } = bookable;
      const paid = Number(row.paid_minor);
      const terms = changeTerms({ status: row.status, startsAt: row.starts_at, rescheduleCount: row.reschedule_count, paidMinor: paid }, policy, now);
      if (!terms.canCancel) throw new AppError('ChangeNotAllowed', row.status === 'booked' ? 'The appointment has started; it can no longer be cancelled.' : 'Only a booked appointment can be cancelled.');
      const refund = terms.refundMinor;
      const forfeit = paid - refund;
      const beforeCutoff = now < terms.cutoff;
      await releaseClaim(trx, row.program_id, claimOfRow(row));
      const cancelled = await trx.updateTable('appointments').set({
        status: 'cancelled', cancelled_at: now, refunded_minor: refund, forfeited_minor: forfeit, calendar_sequence: sql`calendar_sequence + 1`, updated_at: now,
      }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
      if (row.code && beforeCutoff) await trx.updateTable('vouchers').set({ uses: sql`greatest(uses - 1, 0)` }).where('code', '=', row.code).execute();
      const entry = (kind: 'refund' | 'forfeit', amount: number, reference: string | null) => ({
        appointment_id: id, candidate_id: row.candidate_id, kind, amount_minor: amount, currency: row.currency, provider: builtInPayments.id, reference, created_at: now,
      });
      if (refund > 0) {
        const r = await builtInPayments.refund(trx, deps, { appointmentId: id, amountMinor: refund, currency: row.currency });
        await trx.insertInto('ledger_entries').values(entry('refund', refund, r.reference)).execute();
      }
      if (forfeit > 0) await trx.insertInto('ledger_entries').values(entry('forfeit', forfeit, 'cancelled after the cutoff')).execute();
      await recordAppointmentEvent(trx, now, { appointmentId: id, actorId: actor.userId, kind: 'cancelled', data: { refundMinor: refund, forfeitMinor: forfeit, reason: body.reason ?? null } });
      const m = await appointmentMail(deps, trx, cancelled, { bookable });
      await enqueueEmail(trx, deps, cancelledEmail(m.to, m.name, m.zone, m.appointment, { refundMinor: refund, forfeitMinor: forfeit }, m.ics));
      return presentAppointment(cancelled, bookable, now);
    });
  } finally {
    deps.mailPoke();
  }
}

/** Candidate: their appointments, soonest first for upcoming ones. */
export async function listAppointments(deps: Deps, principal: Principal | null): Promise<Appointment[]> {
  const actor = requireRole(principal, []);
  const rows = await deps.db.selectFrom('appointments').selectAll().where('candidate_id', '=', actor.userId).orderBy('starts_at', 'desc').limit(200).execute();
  return presentAppointments(deps.db, rows, deps.clock.now());
}

/** Candidate: one of their appointments. */
export async function getAppointment(deps: Deps, principal: Principal | null, id: string): Promise<Appointment> {
  const actor = requireRole(principal, []);
  return (await presentAppointments(deps.db, [await getOwnAppointment(deps.db, actor.userId, id)], deps.clock.now()))[0]!;
}

/** Candidate: the appointment's calendar invite (.ics). */
export async function appointmentCalendarFile(deps: Deps, principal: Principal | null, id: string): Promise<Buffer> {
  const actor = requireRole(principal, []);
  const row = await getOwnAppointment(deps.db, actor.userId, id);
  return Buffer.from((await appointmentMail(deps, deps.db, row)).ics, 'utf8');
}
