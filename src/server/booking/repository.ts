import { storedPolicy } from '../catalog/stored-policy.ts';
import type { ExpressionBuilder, Selectable } from 'kysely';
import { AppError } from '../../core/shared/app-error.ts';
import { ExamPolicy, defaultPolicy } from '../../core/catalog/policy.ts';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import { changeTerms, extraMinutes, systemTestRescue, type PastOutcome } from '../../core/booking/rules.ts';
import { claimFor, type BucketState, type Claim } from '../../core/scheduling/capacity.ts';
import type { Appointment } from '../../contracts/booking.ts';
import type { Db } from '../platform/db/database.ts';
import type { AppointmentsTable, Database, ExamsTable, SeatHoldsTable } from '../platform/db/schema.ts';
import { findLatestSystemTestResult } from '../systemcheck/repository.ts';

export type AppointmentRow = Selectable<AppointmentsTable>;
export type HoldRow = Selectable<SeatHoldsTable>;
export type ExamRow = Selectable<ExamsTable>;

export interface BookableExam {
  exam: ExamRow;
  policy: ExamPolicy;
  programName: string;
}

// The exam and its latest policy in one round trip: booking reads them on every request of a rush.
function examWithPolicy(db: Db) {
  return db.selectFrom('exams').selectAll('exams')
    .select((eb) => [
      eb.selectFrom('exam_policies').select('policy').whereRef('exam_policies.exam_id', '=', 'exams.id').orderBy('version', 'desc').limit(1).as('policy_doc'),
      eb.selectFrom('programs').select('name').whereRef('programs.id', '=', 'exams.program_id').as('program_name'),
    ]);
}

function withPolicy(row: ExamRow & { policy_doc: unknown; program_name: string | null }): BookableExam {
  const { policy_doc, program_name, ...exam } = row;
  // Stored policies are re-validated on read, so an older document gets the newer defaults (as in the catalog).
  return { exam, policy: policy_doc === null ? defaultPolicy() : storedPolicy(policy_doc), programName: program_name ?? '' };
}

/** A published exam by code with its current policy; throws NotFound for drafts and retired exams. */
export async function getBookableExam(db: Db, code: string): Promise<BookableExam> {
  const row = await examWithPolicy(db).where('code', '=', code.toUpperCase()).executeTakeFirst();
  if (!row || row.status === 'draft' || row.status === 'retired') throw new AppError('NotFound', `No exam with the code ${code} is open for booking.`);
  return withPolicy(row);
}

export async function getExamById(db: Db, id: string): Promise<BookableExam> {
  return withPolicy(await examWithPolicy(db).where('id', '=', id).executeTakeFirstOrThrow());
}

type AccommodationTerms = { kind: 'extra_time_minutes' | 'extra_time_percent' | 'screen_reader' | 'other'; minutes: number | null; percent: number | null };
type Sitting = { id: string; starts_at: unknown; status: string; outcome: 'pass' | 'fail' | null; outcome_at: unknown; credential_valid_until: unknown; invalidated: unknown };

// A pass's credential expiry (unrevoked), which opens renewal inside the lockout after a pass.
const credentialValidUntil = (eb: ExpressionBuilder<Database, 'appointments'>) => eb.selectFrom('credentials').innerJoin('attempts', 'attempts.id', 'credentials.attempt_id')
  .select('credentials.valid_until').whereRef('attempts.appointment_id', '=', 'appointments.id').where('credentials.revoked_at', 'is', null).limit(1).as('credential_valid_until');
// Whether staff invalidated the sitting's result (a ban may follow).
const invalidated = (eb: ExpressionBuilder<Database, 'appointments'>) => eb.exists(eb.selectFrom('results').select('results.attempt_id')
  .whereRef('results.appointment_id', '=', 'appointments.id').where('results.state', '=', 'invalidated')).as('invalidated');
type JsonBucket = { starts_at: unknown; seat_units_total: unknown; seat_units_taken: unknown; checkin_units_total: unknown; checkin_units_taken: unknown };

// Timestamps inside json come back as strings.
const jsonDate = (v: unknown) => new Date(v as string);

function shapeContext<U>(user: U, parts: { accommodations: AccommodationTerms[]; sittings: Sitting[]; holds: { id: string }[]; buckets: JsonBucket[] }, exceptAppointmentId?: string) {
  return {
    user,
    accommodations: parts.accommodations,
    activeAppointments: parts.sittings.filter((a) => (a.status === 'booked' || a.status === 'checked_in') && a.id !== exceptAppointmentId).map((a) => ({ startsAt: jsonDate(a.starts_at) })),
    outcomes: parts.sittings.filter((a) => a.outcome !== null).map((o) => ({ outcome: o.outcome!, at: jsonDate(o.outcome_at), credentialValidUntil: o.credential_valid_until ? jsonDate(o.credential_valid_until) : null, invalidated: o.invalidated === true })) as PastOutcome[],
    activeHoldIds: parts.holds.map((h) => h.id),
    buckets: new Map<number, BucketState>(parts.buckets.map((x) => [jsonDate(x.starts_at).getTime(), {
      seatUnitsTotal: Number(x.seat_units_total), seatUnitsTaken: Number(x.seat_units_taken), checkinUnitsTotal: Number(x.checkin_units_total), checkinUnitsTaken: Number(x.checkin_units_taken),
    }])),
  };
}

/**
 * What booking rules need to know about the candidate for one exam, in one round trip: profile, approved
 * accommodations, sittings (active appointments and past outcomes) and active holds.
 */
export async function candidateContext(db: Db, candidateId: string, examId: string, opts: { exceptAppointmentId?: string } = {}) {
  const row = await db.selectFrom('users').select(['email', 'legal_name', 'email_verified_at', 'time_zone', 'language'])
    .select((eb) => [
      jsonArrayFrom(eb.selectFrom('accommodations').select(['kind', 'minutes', 'percent']).where('candidate_id', '=', candidateId).where('status', '=', 'approved')).as('accommodations'),
      jsonArrayFrom(eb.selectFrom('appointments').select(['id', 'starts_at', 'status', 'outcome', 'outcome_at']).select(credentialValidUntil).select(invalidated).where('candidate_id', '=', candidateId).where('exam_id', '=', examId)
        .where((w) => w.or([w('status', 'in', ['booked', 'checked_in']), w('outcome', 'is not', null)]))).as('sittings'),
      jsonArrayFrom(eb.selectFrom('seat_holds').select('id').where('candidate_id', '=', candidateId).where('exam_id', '=', examId).where('status', '=', 'active')).as('holds'),
    ])
    .where('id', '=', candidateId).executeTakeFirstOrThrow();
  const { accommodations, sittings, holds, ...user } = row;
  return shapeContext(user, { accommodations: accommodations as AccommodationTerms[], sittings: sittings as Sitting[], holds, buckets: [] }, opts.exceptAppointmentId);
}

/**
 * Everything a hold needs in one round trip (it runs for every request of a rush): the exam with its policy, the
 * candidate's context, and the program's capacity buckets in [from, to) for the quick "is it full?" check.
 */
export async function holdContext(db: Db, candidateId: string, examCode: string, window: { from: Date; to: Date }) {
  const row = await examWithPolicy(db).where('code', '=', examCode.toUpperCase())
    .select((eb) => [
      jsonObjectFrom(eb.selectFrom('users').select(['email', 'legal_name', 'email_verified_at', 'time_zone', 'language']).where('id', '=', candidateId)).as('candidate'),
      jsonArrayFrom(eb.selectFrom('accommodations').select(['kind', 'minutes', 'percent']).where('candidate_id', '=', candidateId).where('status', '=', 'approved')).as('accommodations'),
      jsonArrayFrom(eb.selectFrom('appointments').select(['id', 'starts_at', 'status', 'outcome', 'outcome_at']).select(credentialValidUntil).select(invalidated).where('candidate_id', '=', candidateId).whereRef('appointments.exam_id', '=', 'exams.id')
        .where((w) => w.or([w('status', 'in', ['booked', 'checked_in']), w('outcome', 'is not', null)]))).as('sittings'),
      jsonArrayFrom(eb.selectFrom('seat_holds').select('id').where('candidate_id', '=', candidateId).whereRef('seat_holds.exam_id', '=', 'exams.id').where('status', '=', 'active')).as('holds'),
      jsonArrayFrom(eb.selectFrom('capacity_buckets').select(['starts_at', 'seat_units_total', 'seat_units_taken', 'checkin_units_total', 'checkin_units_taken'])
        .whereRef('capacity_buckets.program_id', '=', 'exams.program_id').where('starts_at', '>=', window.from).where('starts_at', '<', window.to)).as('buckets'),
    ])
    .executeTakeFirst();
  if (!row || row.status === 'draft' || row.status === 'retired') throw new AppError('NotFound', `No exam with the code ${examCode} is open for booking.`);
  const { candidate, accommodations, sittings, holds, buckets, ...examRow } = row;
  if (!candidate) throw new AppError('NotAuthenticated', 'Sign in again.');
  const c = candidate as { email: string; legal_name: string; email_verified_at: unknown; time_zone: string; language: string };
  const user = { ...c, email_verified_at: c.email_verified_at === null ? null : jsonDate(c.email_verified_at) };
  return { bookable: withPolicy(examRow), ctx: shapeContext(user, { accommodations: accommodations as AccommodationTerms[], sittings: sittings as Sitting[], holds, buckets }) };
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

/** The API view of an appointment of this exam, with what the candidate may do with it now. */
/** The candidate's newest system test (pass or fail, and when), for the free move a fail grants. */
export async function latestSystemTestOf(db: Db, candidateId: string): Promise<LatestSystemTest> {
  const row = await findLatestSystemTestResult(db, candidateId);
  return row ? { passed: row.passed, createdAt: row.created_at } : null;
}
export type LatestSystemTest = { passed: boolean; createdAt: Date } | null;

export function presentAppointment(r: AppointmentRow, b: BookableExam, now: Date, latestTest: LatestSystemTest = null): Appointment {
  const { exam, policy } = b;
  const paid = Number(r.paid_minor);
  const rescue = systemTestRescue({ status: r.status, startsAt: r.starts_at, systemTestRescheduleUsed: r.system_test_reschedule_at !== null }, latestTest, policy, now);
  const terms = changeTerms({ status: r.status, startsAt: r.starts_at, rescheduleCount: r.reschedule_count, paidMinor: paid }, policy, now, rescue);
  return {
    id: r.id, examCode: exam.code, examTitle: exam.title, programName: b.programName, language: r.language as Appointment['language'],
    startsAt: r.starts_at.toISOString(), endsAt: endOf(r).toISOString(), durationMinutes: r.duration_minutes, extraMinutes: r.extra_minutes, status: r.status,
    checkInOpensAt: new Date(r.starts_at.getTime() - policy.checkIn.opensMinutesBefore * 60_000).toISOString(),
    checkInClosesAt: new Date(r.starts_at.getTime() + policy.checkIn.closesMinutesAfter * 60_000).toISOString(),
    changeCutoff: terms.cutoff.toISOString(), rescheduleCount: r.reschedule_count, reschedulesLeft: terms.reschedulesLeft,
    canReschedule: terms.canReschedule, canCancel: terms.canCancel, cancelRefund: { amountMinor: terms.canCancel ? terms.refundMinor : 0, currency: r.currency },
    changeRefusal: terms.changeRefusal, rescheduleViaSystemTest: terms.viaSystemTest,
    fee: {
      priceMinor: Number(r.price_minor), discountMinor: Number(r.discount_minor), voucherMinor: Number(r.voucher_minor), paidMinor: paid,
      refundedMinor: Number(r.refunded_minor), forfeitedMinor: Number(r.forfeited_minor), currency: r.currency, method: r.payment_method, code: r.code,
    },
    cancelledAt: r.cancelled_at?.toISOString() ?? null, createdAt: r.created_at.toISOString(),
  };
}

/** The API view of appointments (of any exams). */
export async function presentAppointments(db: Db, rows: AppointmentRow[], now: Date): Promise<Appointment[]> {
  const examIds = [...new Set(rows.map((r) => r.exam_id))];
  const candidates = [...new Set(rows.map((r) => r.candidate_id))];
  const [exams, tests] = await Promise.all([
    Promise.all(examIds.map(async (id) => [id, await getExamById(db, id)] as const)).then((e) => new Map(e)),
    Promise.all(candidates.map(async (id) => [id, await latestSystemTestOf(db, id)] as const)).then((t) => new Map(t)),
  ]);
  return rows.map((r) => presentAppointment(r, exams.get(r.exam_id)!, now, tests.get(r.candidate_id) ?? null));
}

/** Records what happened to an appointment (booked, rescheduled, cancelled, no-show) with who did it. */
export async function recordAppointmentEvent(trx: Db, now: Date, e: { appointmentId: string; actorId: string | null; kind: string; data?: Record<string, unknown> }): Promise<void> {
  await trx.insertInto('appointment_events').values({ appointment_id: e.appointmentId, actor_id: e.actorId, kind: e.kind, data: JSON.stringify(e.data ?? {}), created_at: now }).execute();
}
