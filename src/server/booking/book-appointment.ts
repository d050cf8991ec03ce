import { sql } from 'kysely';
import { AppError } from '../../core/shared/app-error.ts';
import { bookingRefusals } from '../../core/booking/rules.ts';
import type { Appointment, PaymentMethod } from '../../contracts/booking.ts';
import { requireRole, type Principal } from '../platform/auth.ts';
import type { Db } from '../platform/db/database.ts';
import { pgErrorCode, transactionWithRetry } from '../platform/db/sql-helpers.ts';
import type { Deps } from '../platform/deps.ts';
import { claimIdempotencyKey, requestHash, saveIdempotentResponse } from '../platform/idempotency.ts';
import { confirmationEmail } from './emails.ts';
import { scheduleAppointmentJobs } from './jobs.ts';
import { appointmentMail } from './notify.ts';
import { enqueueEmail } from '../platform/mail.ts';
import { builtInPayments } from './payments.ts';
import { priceWith, requireLiveHold } from './quote.ts';
import { candidateContext, getExamById, getOwnHold, presentAppointment, presentAppointments, recordAppointmentEvent, type AppointmentRow } from './repository.ts';

export interface BookInput {
  holdId: string;
  code?: string | null | undefined;
  paymentMethod: PaymentMethod;
  invoiceReference?: string | null | undefined;
}

async function present(deps: Deps, db: Db, row: AppointmentRow): Promise<Appointment> {
  return (await presentAppointments(db, [row], deps.clock.now()))[0]!;
}

/**
 * Candidate: turns a live hold into an appointment, exactly once. The seat was already taken by the hold, so this
 * cannot overbook; it applies the code, collects the fee through the payment provider, writes the fee ledger,
 * schedules reminders and queues the confirmation mail with its calendar invite, all in one transaction. With an
 * `idempotencyKey`, a retried or double-clicked request returns the first one's appointment.
 */
export async function bookAppointment(deps: Deps, principal: Principal | null, input: BookInput, idempotencyKey: string | undefined): Promise<{ appointment: Appointment; replayed: boolean }> {
  const actor = requireRole(principal, []);
  try {
    return await transactionWithRetry(deps.db, async (trx) => {
      const now = deps.clock.now();
      if (idempotencyKey) {
        const earlier = await claimIdempotencyKey(trx, actor.userId, idempotencyKey, requestHash({ op: 'book', ...input }), now);
        if (earlier) {
          const id = (earlier.response as { appointmentId?: string } | null)?.appointmentId;
          const row = id ? await trx.selectFrom('appointments').selectAll().where('id', '=', id).executeTakeFirst() : undefined;
          if (!row) throw new AppError('Conflict', 'An earlier request with this Idempotency-Key did not finish. Try again with a new key.');
          return { appointment: await present(deps, trx, row), replayed: true };
        }
      }
      const hold = await getOwnHold(trx, actor.userId, input.holdId, true);
      if (hold.status === 'booked') {
        // The same hold booked before (a retry without a key): answer with that booking instead of a second one.
        const row = await trx.selectFrom('appointments').selectAll().where('hold_id', '=', hold.id).executeTakeFirstOrThrow();
        return { appointment: await present(deps, trx, row), replayed: true };
      }
      requireLiveHold(hold, now);
      const bookable = await getExamById(trx, hold.exam_id);
      const { exam, policy } = bookable;
      const ctx = await candidateContext(trx, actor.userId, exam.id);
      const refusal = bookingRefusals({ exam: { code: exam.code, status: exam.status, practice: exam.practice, languages: exam.languages }, policy, language: hold.language, emailVerified: ctx.user.email_verified_at !== null, activeAppointments: ctx.activeAppointments, outcomes: ctx.outcomes, now })[0];
      if (refusal) throw new AppError('BookingNotAllowed', refusal.message, { reason: refusal.code });

      const price = await priceWith(trx, exam, policy, input.code, now, true);
      if (!price.methods.some((m) => m.id === input.paymentMethod)) {
        throw new AppError('ValidationFailed', price.methods.length ? `Choose how to pay: ${price.methods.map((m) => m.label).join(' or ')}.` : 'This exam cannot be paid online yet. Contact the program.', { in: 'body', issues: [{ path: ['paymentMethod'], message: 'Not offered for this booking.' }] });
      }
      if (price.code) await trx.updateTable('vouchers').set({ uses: sql`uses + 1` }).where('code', '=', price.code.code).execute();

      const id = deps.ids.uuid();
      const payment = await builtInPayments.collect(trx, deps, { appointmentId: id, method: input.paymentMethod, amountMinor: price.dueMinor, currency: price.currency, reference: input.invoiceReference ?? null });
      const row = await trx.insertInto('appointments').values({
        id, candidate_id: actor.userId, exam_id: exam.id, program_id: exam.program_id, hold_id: hold.id, language: hold.language, starts_at: hold.starts_at,
        duration_minutes: hold.duration_minutes, extra_minutes: hold.extra_minutes, span_start: hold.span_start, span_end: hold.span_end,
        checkin_bucket: hold.checkin_bucket, seat_units: hold.seat_units, checkin_units: hold.checkin_units, status: 'booked',
        price_minor: price.priceMinor, discount_minor: price.discountMinor, voucher_minor: price.voucherMinor, paid_minor: price.dueMinor,
        currency: price.currency, payment_method: input.paymentMethod, code: price.code?.code ?? null, invoice_reference: payment.reference,
        created_at: now, updated_at: now,
      }).returningAll().executeTakeFirstOrThrow();
      await trx.updateTable('seat_holds').set({ status: 'booked' }).where('id', '=', hold.id).execute();

      const entry = (kind: 'fee' | 'discount' | 'voucher' | 'payment', amount: number, reference: string | null) => ({
        appointment_id: id, candidate_id: actor.userId, kind, amount_minor: amount, currency: price.currency, provider: builtInPayments.id, reference, created_at: now,
      });
      const entries = [entry('fee', price.priceMinor, null)];
      if (price.discountMinor > 0) entries.push(entry('discount', price.discountMinor, price.code?.code ?? null));
      if (price.voucherMinor > 0) entries.push(entry('voucher', price.voucherMinor, price.code?.code ?? null));
      if (price.dueMinor > 0) entries.push(entry('payment', price.dueMinor, payment.reference));
      await trx.insertInto('ledger_entries').values(entries).execute();

      await recordAppointmentEvent(trx, now, { appointmentId: id, actorId: actor.userId, kind: 'booked', data: { startsAt: row.starts_at.toISOString(), method: input.paymentMethod, code: price.code?.code ?? null } });
      await scheduleAppointmentJobs(trx, deps, row, policy);
      const m = await appointmentMail(deps, trx, row, { bookable, user: ctx.user });
      await enqueueEmail(trx, deps, confirmationEmail(m.to, m.name, m.zone, m.appointment, { paidMinor: price.dueMinor, method: input.paymentMethod }, m.ics));
      if (idempotencyKey) await saveIdempotentResponse(trx, actor.userId, idempotencyKey, { appointmentId: id });
      deps.log.info({ event: 'booking.booked', appointmentId: id, examCode: exam.code }, 'booking.booked');
      return { appointment: presentAppointment(row, bookable, now), replayed: false };
    });
  } catch (err) {
    // Two tabs booking the same exam at once: the unique index lets one win.
    if (pgErrorCode(err) === '23505') throw new AppError('BookingNotAllowed', 'You already have an appointment for this exam. Reschedule or cancel it instead of booking another.', { reason: 'ActiveAppointment' });
    throw err;
  } finally {
    deps.mailPoke();
  }
}
