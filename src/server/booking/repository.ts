import type { Selectable } from 'kysely';
import { AppError } from '../../core/shared/app-error.ts';
import type { ExamPolicy } from '../../core/catalog/policy.ts';
import { changeTerms, extraMinutes, type PastOutcome } from '../../core/booking/rules.ts';
import { claimFor, type Claim } from '../../core/scheduling/capacity.ts';
import type { Appointment } from '../../contracts/booking.ts';
import type { Db } from '../platform/db/database.ts';
import type { AppointmentsTable, ExamsTable, SeatHoldsTable } from '../platform/db/schema.ts';
import { currentPolicy } from '../catalog/repository.ts';

export type AppointmentRow = Selectable<AppointmentsTable>;
export type HoldRow = Selectable<SeatHoldsTable>;
export type ExamRow = Selectable<ExamsTable>;

export interface BookableExam {
  exam: ExamRow;
  policy: ExamPolicy;
}

/** A published or draft exam by code with its current policy; throws NotFound (drafts are refused later, in words). */
export async function getBookableExam(db: Db, code: string): Promise<BookableExam> {
  const exam = await db.selectFrom('exams').selectAll().where('code', '=', code.toUpperCase()).where('status', '!=', 'retired').executeTakeFirst();
  if (!exam || exam.status === 'draft') throw new AppError('NotFound', `No exam with the code ${code} is open for booking.`);
  return { exam, policy: (await currentPolicy(db, exam.id)).policy };
}

export async function getExamById(db: Db, id: string): Promise<BookableExam> {
  const exam = await db.selectFrom('exams').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return { exam, policy: (await currentPolicy(db, exam.id)).policy };
}

/** What booking rules need to know about the candidate for one exam. */
export async function candidateContext(db: Db, candidateId: string, examId: string, exceptAppointmentId?: string) {
  const [user, accommodations, active, outcomes] = await Promise.all([
    db.selectFrom('users').select(['email', 'legal_name', 'email_verified_at', 'time_zone', 'language']).where('id', '=', candidateId).executeTakeFirstOrThrow(),
    db.selectFrom('accommodations').select(['kind', 'minutes', 'percent']).where('candidate_id', '=', candidateId).where('status', '=', 'approved').execute(),
    db.selectFrom('appointments').select(['id', 'starts_at']).where('candidate_id', '=', candidateId).where('exam_id', '=', examId).where('status', 'in', ['booked', 'checked_in']).execute(),
    db.selectFrom('appointments').select(['outcome', 'outcome_at']).where('candidate_id', '=', candidateId).where('exam_id', '=', examId).where('outcome', 'is not', null).execute(),
  ]);
  return {
    user,
    accommodations,
    activeAppointments: active.filter((a) => a.id !== exceptAppointmentId).map((a) => ({ startsAt: a.starts_at })),
    outcomes: outcomes.map((o) => ({ outcome: o.outcome!, at: o.outcome_at! })) as PastOutcome[],
  };
}

/** Extra minutes for this candidate on this exam, from approved accommodations. */
export const extraFor = (ctx: { accommodations: { kind: 'extra_time_minutes' | 'extra_time_percent' | 'screen_reader' | 'other'; minutes: number | null; percent: number | null }[] }, durationMinutes: number) =>
  extraMinutes(ctx.accommodations, durationMinutes);

/** The capacity claim of an appointment of this exam at `startsAt`. */
export const examClaim = (b: BookableExam, startsAt: Date, extra: number): Claim => claimFor({
  startsAt, durationMinutes: b.exam.duration_minutes, extraMinutes: extra, checkInOpensMinutesBefore: b.policy.checkIn.opensMinutesBefore,
  candidatesPerProctor: b.policy.proctoring.candidatesPerProctor, checkInsPerGreeter: b.policy.proctoring.checkInsPerGreeter,
});

export const claimColumns = (c: Claim) => ({
  span_start: c.spanStart, span_end: c.spanEnd, checkin_bucket: c.checkinBucket, seat_units: c.seatUnits, checkin_units: c.checkinUnits,
});

/** The candidate's own appointment; NotFound for anyone else's (never reveal it exists). */
export async function getOwnAppointment(db: Db, candidateId: string, id: string, lock = false): Promise<AppointmentRow> {
  let q = db.selectFrom('appointments').selectAll().where('id', '=', id).where('candidate_id', '=', candidateId);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw new AppError('NotFound', 'No such appointment.');
  return row;
}

/** The candidate's own hold; NotFound for anyone else's. */
export async function getOwnHold(db: Db, candidateId: string, id: string, lock = false): Promise<HoldRow> {
  let q = db.selectFrom('seat_holds').selectAll().where('id', '=', id).where('candidate_id', '=', candidateId);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw new AppError('NotFound', 'No such hold.');
  return row;
}

const endOf = (r: { starts_at: Date; duration_minutes: number; extra_minutes: number }) => new Date(r.starts_at.getTime() + (r.duration_minutes + r.extra_minutes) * 60_000);

/** The API view of appointments, with what the candidate may do with each now. */
export async function presentAppointments(db: Db, rows: AppointmentRow[], now: Date): Promise<Appointment[]> {
  const examIds = [...new Set(rows.map((r) => r.exam_id))];
  const exams = examIds.length ? await db.selectFrom('exams').innerJoin('programs', 'programs.id', 'exams.program_id')
    .select(['exams.id', 'exams.code', 'exams.title', 'programs.name as program_name']).where('exams.id', 'in', examIds).execute() : [];
  const examOf = new Map(exams.map((e) => [e.id, e]));
  const policies = new Map(await Promise.all(examIds.map(async (id) => [id, (await currentPolicy(db, id)).policy] as const)));
  return rows.map((r) => {
    const exam = examOf.get(r.exam_id)!;
    const policy = policies.get(r.exam_id)!;
    const paid = Number(r.paid_minor);
    const terms = changeTerms({ status: r.status, startsAt: r.starts_at, rescheduleCount: r.reschedule_count, paidMinor: paid }, policy, now);
    return {
      id: r.id, examCode: exam.code, examTitle: exam.title, programName: exam.program_name, language: r.language as Appointment['language'],
      startsAt: r.starts_at.toISOString(), endsAt: endOf(r).toISOString(), durationMinutes: r.duration_minutes, extraMinutes: r.extra_minutes, status: r.status,
      checkInOpensAt: new Date(r.starts_at.getTime() - policy.checkIn.opensMinutesBefore * 60_000).toISOString(),
      checkInClosesAt: new Date(r.starts_at.getTime() + policy.checkIn.closesMinutesAfter * 60_000).toISOString(),
      changeCutoff: terms.cutoff.toISOString(), rescheduleCount: r.reschedule_count, reschedulesLeft: terms.reschedulesLeft,
      canReschedule: terms.canReschedule, canCancel: terms.canCancel, cancelRefund: { amountMinor: terms.canCancel ? terms.refundMinor : 0, currency: r.currency },
      changeRefusal: terms.changeRefusal,
      fee: {
        priceMinor: Number(r.price_minor), discountMinor: Number(r.discount_minor), voucherMinor: Number(r.voucher_minor), paidMinor: paid,
        refundedMinor: Number(r.refunded_minor), forfeitedMinor: Number(r.forfeited_minor), currency: r.currency, method: r.payment_method, code: r.code,
      },
      cancelledAt: r.cancelled_at?.toISOString() ?? null, createdAt: r.created_at.toISOString(),
    };
  });
}

/** Records what happened to an appointment (booked, rescheduled, cancelled, no-show) with who did it. */
export async function recordAppointmentEvent(trx: Db, now: Date, e: { appointmentId: string; actorId: string | null; kind: string; data?: Record<string, unknown> }): Promise<void> {
  await trx.insertInto('appointment_events').values({ appointment_id: e.appointmentId, actor_id: e.actorId, kind: e.kind, data: JSON.stringify(e.data ?? {}), created_at: now }).execute();
}
