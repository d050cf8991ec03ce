import { sql } from 'kysely';
import { AppError } from '../../core/shared/app-error.ts';
import { bucketMs, capacityHorizonDays, capacityTotals, floorToBucket } from '../../core/scheduling/capacity.ts';
import { expandShifts } from '../../core/scheduling/shifts.ts';
import type { Db } from '../platform/db/database.ts';
import { pgErrorCode } from '../platform/db/sql-helpers.ts';
import type { Deps } from '../platform/deps.ts';
import { listExceptionRows, listRuleRows, lockProgramCapacity, toCoreException, toCoreRule } from './repository.ts';

const minuteFormat = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ');

/**
 * Rewrites a program's capacity totals from its shifts for every quarter hour from now to the horizon. Call inside
 * the transaction that changed the shifts: if the new totals would leave booked or held candidates without a proctor
 * or greeter, it throws ShiftHasBookings naming the first such times, and the whole change rolls back.
 */
export async function recomputeCapacity(deps: Pick<Deps, 'clock'>, trx: Db, programId: string): Promise<{ buckets: number }> {
  await lockProgramCapacity(trx, programId);
  const from = floorToBucket(deps.clock.now());
  const to = new Date(from.getTime() + capacityHorizonDays * 86_400_000);
  const [rules, exceptions] = await Promise.all([listRuleRows(trx, { programId }), listExceptionRows(trx, { programId, after: from })]);
  const totals = capacityTotals(expandShifts(rules.map(toCoreRule), exceptions.map(toCoreException), from, to), from, to);
  const starts: Date[] = [];
  const seats: number[] = [];
  const checkins: number[] = [];
  for (const [b, t] of totals) {
    starts.push(new Date(b));
    seats.push(t.seatUnits);
    checkins.push(t.checkinUnits);
  }
  const computed = sql`unnest(${starts}::timestamptz[], ${seats}::bigint[], ${checkins}::bigint[]) as c(s, seat, ck)`;
  // Only buckets someone occupies can be overdrawn; there are few of them, so compare in memory.
  const occupied = await trx.selectFrom('capacity_buckets').select(['starts_at', 'seat_units_taken', 'checkin_units_taken']).where('program_id', '=', programId)
    .where('starts_at', '>=', from).where((eb) => eb.or([eb('seat_units_taken', '>', '0'), eb('checkin_units_taken', '>', '0')])).orderBy('starts_at').execute();
  const short = occupied.filter((b) => {
    const t = totals.get(b.starts_at.getTime());
    return !t || Number(b.seat_units_taken) > t.seatUnits || Number(b.checkin_units_taken) > t.checkinUnits;
  }).slice(0, 5).map((b) => b.starts_at);
  if (short.length) throw shiftHasBookings(short);
  try {
    await sql`
      insert into capacity_buckets (program_id, starts_at, seat_units_total, checkin_units_total)
      select ${programId}, c.s, c.seat, c.ck from ${computed}
      on conflict (program_id, starts_at) do update set seat_units_total = excluded.seat_units_total, checkin_units_total = excluded.checkin_units_total
      where capacity_buckets.seat_units_total <> excluded.seat_units_total or capacity_buckets.checkin_units_total <> excluded.checkin_units_total`.execute(trx);
  } catch (err) {
    // A booking committed between the check and the write: same answer, without the times.
    if (pgErrorCode(err) === '23514') throw shiftHasBookings([]);
    throw err;
  }
  return { buckets: starts.length };
}

function shiftHasBookings(times: Date[]): AppError {
  const when = times.length ? ` (from ${times.map((t) => `${minuteFormat(t)}–${minuteFormat(new Date(t.getTime() + bucketMs)).slice(11)}`).join(', ')} UTC)` : '';
  return new AppError('ShiftHasBookings', `This change would leave booked candidates without a proctor or greeter${when}. Add cover for those times first, or move the appointments.`, { times: times.map((t) => t.toISOString()) });
}
