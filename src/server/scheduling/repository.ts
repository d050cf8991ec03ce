import { sql, type Selectable } from 'kysely';
import { AppError } from '../../core/shared/app-error.ts';
import type { BucketState, Claim } from '../../core/scheduling/capacity.ts';
import { bucketMs, bucketStarts, claimBuckets } from '../../core/scheduling/capacity.ts';
import type { ShiftExceptionSpan, WeeklyShiftRule } from '../../core/scheduling/shifts.ts';
import type { ShiftException, ShiftRule } from '../../contracts/scheduling.ts';
import type { Db } from '../platform/db/database.ts';
import type { ShiftExceptionsTable, ShiftRulesTable } from '../platform/db/schema.ts';

export type ShiftRuleRow = Selectable<ShiftRulesTable>;
export type ShiftExceptionRow = Selectable<ShiftExceptionsTable>;

export const toCoreRule = (r: ShiftRuleRow): WeeklyShiftRule => ({
  id: r.id, proctorId: r.proctor_id, weekdays: r.weekdays, startTime: r.start_time, endTime: r.end_time, timeZone: r.time_zone,
  validFrom: r.valid_from, validUntil: r.valid_until, proctoring: r.proctoring, greeting: r.greeting,
});

export const toCoreException = (x: ShiftExceptionRow): ShiftExceptionSpan => ({
  id: x.id, proctorId: x.proctor_id, kind: x.kind, startsAt: x.starts_at, endsAt: x.ends_at, proctoring: x.proctoring, greeting: x.greeting,
});

/** Shift rules of a program (optionally one proctor's). */
export function listRuleRows(db: Db, filter: { programId?: string; proctorId?: string }): Promise<ShiftRuleRow[]> {
  let q = db.selectFrom('shift_rules').selectAll();
  if (filter.programId) q = q.where('program_id', '=', filter.programId);
  if (filter.proctorId) q = q.where('proctor_id', '=', filter.proctorId);
  return q.orderBy('created_at').execute();
}

/** Exceptions of a program (optionally one proctor's) that end after `after`. */
export function listExceptionRows(db: Db, filter: { programId?: string; proctorId?: string; after: Date }): Promise<ShiftExceptionRow[]> {
  let q = db.selectFrom('shift_exceptions').selectAll().where('ends_at', '>', filter.after);
  if (filter.programId) q = q.where('program_id', '=', filter.programId);
  if (filter.proctorId) q = q.where('proctor_id', '=', filter.proctorId);
  return q.orderBy('starts_at').execute();
}

/** Names and emails of users, by id. */
export async function userNames(db: Db, ids: string[]): Promise<Map<string, { name: string; email: string; timeZone: string }>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'legal_name', 'email', 'time_zone']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, { name: r.legal_name, email: r.email, timeZone: r.time_zone }]));
}

export async function presentRules(db: Db, rows: ShiftRuleRow[]): Promise<ShiftRule[]> {
  const names = await userNames(db, rows.map((r) => r.proctor_id));
  return rows.map((r) => ({
    id: r.id, proctorId: r.proctor_id, proctorName: names.get(r.proctor_id)?.name ?? '', proctorEmail: names.get(r.proctor_id)?.email ?? '',
    programId: r.program_id, weekdays: r.weekdays, startTime: r.start_time, endTime: r.end_time, timeZone: r.time_zone,
    validFrom: r.valid_from, validUntil: r.valid_until, proctoring: r.proctoring, greeting: r.greeting,
  }));
}

export async function presentExceptions(db: Db, rows: ShiftExceptionRow[]): Promise<ShiftException[]> {
  const names = await userNames(db, rows.map((r) => r.proctor_id));
  return rows.map((x) => ({
    id: x.id, proctorId: x.proctor_id, proctorName: names.get(x.proctor_id)?.name ?? '', programId: x.program_id, kind: x.kind,
    startsAt: x.starts_at.toISOString(), endsAt: x.ends_at.toISOString(), proctoring: x.proctoring, greeting: x.greeting, note: x.note,
  }));
}

/** The program; throws NotFound. */
export async function getProgram(db: Db, id: string): Promise<{ id: string; name: string }> {
  const row = await db.selectFrom('programs').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NotFound', 'No such program.');
  return row;
}

/** Serialises capacity recomputations of one program (shift edits, the daily horizon extension). */
export async function lockProgramCapacity(trx: Db, programId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`capacity:${programId}`}, 0))`.execute(trx);
}

const toState = (r: { seat_units_total: string; seat_units_taken: string; checkin_units_total: string; checkin_units_taken: string }): BucketState => ({
  seatUnitsTotal: Number(r.seat_units_total), seatUnitsTaken: Number(r.seat_units_taken),
  checkinUnitsTotal: Number(r.checkin_units_total), checkinUnitsTaken: Number(r.checkin_units_taken),
});

/** Capacity buckets of a program in [from, to), by bucket start (ms). */
export async function loadBuckets(db: Db, programId: string, from: Date, to: Date): Promise<Map<number, BucketState>> {
  const rows = await db.selectFrom('capacity_buckets').selectAll().where('program_id', '=', programId)
    .where('starts_at', '>=', new Date(Math.floor(from.getTime() / bucketMs) * bucketMs)).where('starts_at', '<', to).execute();
  return new Map(rows.map((r) => [r.starts_at.getTime(), toState(r)]));
}

/**
 * Takes a claim's capacity, or returns false when any bucket lacks room (nothing changed then). The buckets are
 * locked in time order first, so concurrent claims on overlapping spans queue instead of deadlocking; the table's
 * check constraints would refuse an overdraft even if this check were wrong.
 */
export async function takeClaim(trx: Db, programId: string, claim: Claim): Promise<boolean> {
  const wanted = claimBuckets(claim).map((b) => new Date(b));
  const rows = await trx.selectFrom('capacity_buckets').selectAll().where('program_id', '=', programId).where('starts_at', 'in', wanted)
    .orderBy('starts_at').forUpdate().execute();
  const byStart = new Map(rows.map((r) => [r.starts_at.getTime(), toState(r)]));
  const span = new Set(bucketStarts(claim.spanStart, claim.spanEnd));
  const ck = claim.checkinBucket.getTime();
  for (const b of wanted.map((d) => d.getTime())) {
    const s = byStart.get(b);
    if (!s) return false;
    if (span.has(b) && s.seatUnitsTotal - s.seatUnitsTaken < claim.seatUnits) return false;
    if (b === ck && s.checkinUnitsTotal - s.checkinUnitsTaken < claim.checkinUnits) return false;
  }
  await adjustBuckets(trx, programId, claim, +1);
  return true;
}

/** Gives a claim's capacity back (a cancelled appointment, a released or expired hold). */
export async function releaseClaim(trx: Db, programId: string, claim: Claim): Promise<void> {
  await adjustBuckets(trx, programId, claim, -1);
}

async function adjustBuckets(trx: Db, programId: string, claim: Claim, sign: 1 | -1): Promise<void> {
  const spanFrom = new Date(Math.floor(claim.spanStart.getTime() / bucketMs) * bucketMs);
  const seat = sign * claim.seatUnits;
  const ck = sign * claim.checkinUnits;
  await sql`
    update capacity_buckets set
      seat_units_taken = seat_units_taken + case when starts_at >= ${spanFrom} and starts_at < ${claim.spanEnd} then ${seat}::bigint else 0 end,
      checkin_units_taken = checkin_units_taken + case when starts_at = ${claim.checkinBucket} then ${ck}::bigint else 0 end
    where program_id = ${programId}
      and ((starts_at >= ${spanFrom} and starts_at < ${claim.spanEnd}) or starts_at = ${claim.checkinBucket})`.execute(trx);
}

/** The claim stored on a hold or appointment row. */
export const claimOfRow = (r: { span_start: Date; span_end: Date; checkin_bucket: Date; seat_units: string; checkin_units: string }): Claim => ({
  spanStart: r.span_start, spanEnd: r.span_end, checkinBucket: r.checkin_bucket, seatUnits: Number(r.seat_units), checkinUnits: Number(r.checkin_units),
});

/**
 * Takes a pending hold's capacity in one statement, outside any explicit transaction: lock the claim's buckets (in time
 * order), check every one has room, add the claim and mark the hold active, or mark it released when any bucket is
 * full. Row locks on a busy slot are then held only while PostgreSQL runs this statement and commits it, never across
 * a round trip to the application, which is what keeps a rush for the last seats fast. Returns whether it fit.
 */
export async function claimForHold(db: Db, hold: { id: string; programId: string; claim: Claim }): Promise<boolean> {
  const { claim } = hold;
  const all = claimBuckets(claim).map((b) => new Date(b));
  const spanFrom = new Date(Math.floor(claim.spanStart.getTime() / bucketMs) * bucketMs);
  const result = await sql<{ ok: boolean }>`
    with pending as (
      select id from seat_holds where id = ${hold.id} and status = 'pending' for update
    ), locked as (
      select starts_at, seat_units_total - seat_units_taken as seat_free, checkin_units_total - checkin_units_taken as checkin_free
      from capacity_buckets where program_id = ${hold.programId} and starts_at = any(${all}::timestamptz[])
      order by starts_at for update
    ), fits as (
      select count(*) = ${all.length} and coalesce(bool_and(
        (starts_at < ${spanFrom} or starts_at >= ${claim.spanEnd} or seat_free >= ${claim.seatUnits})
        and (starts_at <> ${claim.checkinBucket} or checkin_free >= ${claim.checkinUnits})), false)
        and exists (select 1 from pending) as ok
      from locked
    ), taken as (
      update capacity_buckets b set
        seat_units_taken = seat_units_taken + case when b.starts_at >= ${spanFrom} and b.starts_at < ${claim.spanEnd} then ${claim.seatUnits}::bigint else 0 end,
        checkin_units_taken = checkin_units_taken + case when b.starts_at = ${claim.checkinBucket} then ${claim.checkinUnits}::bigint else 0 end
      from fits where fits.ok and b.program_id = ${hold.programId} and b.starts_at = any(${all}::timestamptz[])
      returning 1
    ), marked as (
      update seat_holds set status = case when fits.ok then 'active' else 'released' end
      from fits, pending where seat_holds.id = pending.id
      returning 1
    )
    select ok from fits`.execute(db);
  return result.rows[0]?.ok === true;
}
