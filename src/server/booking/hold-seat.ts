import { z } from 'zod';
import { AppError } from '../../core/shared/app-error.ts';
import { bookingRefusals, bookingWindow, startRefusal } from '../../core/booking/rules.ts';
import type { Hold } from '../../contracts/booking.ts';
import { requireRole, type Principal } from '../platform/auth.ts';
import type { Db } from '../platform/db/database.ts';
import { transactionWithRetry } from '../platform/db/sql-helpers.ts';
import type { Deps } from '../platform/deps.ts';
import { defineJob, jobRow } from '../platform/jobs.ts';
import { claimFits } from '../../core/scheduling/capacity.ts';
import { claimForHold, claimOfRow, releaseClaim } from '../scheduling/repository.ts';
import { claimColumns, examClaim, extraFor, getExamById, getOwnHold, holdContext, type ExamRow, type HoldRow } from './repository.ts';

/** Releases holds whose time ran out (for one program, or all), giving their seats back. Idempotent. */
export async function expireDueHolds(trx: Db, now: Date, programId?: string): Promise<number> {
  let q = trx.updateTable('seat_holds').set({ status: 'expired' }).where('status', '=', 'active').where('expires_at', '<=', now);
  if (programId) q = q.where('program_id', '=', programId);
  const expired = await q.returningAll().execute();
  for (const h of expired) await releaseClaim(trx, h.program_id, claimOfRow(h));
  return expired.length;
}

/** Job: release one hold when its time is up (holds are also released lazily by the next booking in the program). */
export const holdExpiryJob = defineJob({
  name: 'booking.hold-expiry',
  version: 1,
  schema: z.object({ holdId: z.uuid() }),
  async handler(deps, trx, { holdId }) {
    const hold = await trx.selectFrom('seat_holds').selectAll().where('id', '=', holdId).where('expires_at', '<=', deps.clock.now()).forUpdate().executeTakeFirst();
    if (!hold || (hold.status !== 'active' && hold.status !== 'pending')) return;
    await trx.updateTable('seat_holds').set({ status: 'expired' }).where('id', '=', holdId).execute();
    // A pending hold never took capacity (its second phase did not run), so only an active one gives seats back.
    if (hold.status === 'active') await releaseClaim(trx, hold.program_id, claimOfRow(hold));
  },
});

/** The API view of a hold; an active hold past its time shows as expired even before the job ran. */
export function presentHold(row: HoldRow, exam: ExamRow, now: Date): Hold {
  const lapsed = row.status === 'active' && row.expires_at <= now;
  return {
    id: row.id, examCode: exam.code, examTitle: exam.title, startsAt: row.starts_at.toISOString(),
    endsAt: new Date(row.starts_at.getTime() + (row.duration_minutes + row.extra_minutes) * 60_000).toISOString(),
    language: row.language as Hold['language'], extraMinutes: row.extra_minutes, expiresAt: row.expires_at.toISOString(),
    secondsLeft: row.status === 'active' ? Math.max(0, Math.floor((row.expires_at.getTime() - now.getTime()) / 1000)) : 0,
    status: lapsed ? 'expired' : row.status === 'pending' ? 'released' : row.status, price: { amountMinor: Number(exam.price_minor), currency: exam.currency },
  };
}

/**
 * Candidate: holds a seat at a start time for the policy's hold minutes while they check out. The seat is taken from
 * capacity now (so nobody else can book it meanwhile); the candidate's earlier hold for the exam is released.
 *
 * Built for a rush on the last seats, in as few round trips as possible: the exam; the candidate's context with the
 * slot's capacity (a visibly full slot is refused here, without queueing for locks); one statement writing a pending
 * hold and its expiry job; one statement taking the capacity (see claimForHold). A crash between the last two leaves a
 * pending hold that never took capacity, which its expiry job closes. Lapsed holds are released by that job.
 */
export async function holdSeat(deps: Deps, principal: Principal | null, body: { examCode: string; startsAt: string; language: string }): Promise<Hold> {
  const actor = requireRole(principal, []);
  const startsAt = new Date(body.startsAt);
  const now = deps.clock.now();
  // Buckets from the earliest check-in opening to the longest exam a policy allows, so one query serves any exam.
  const { bookable, ctx } = await holdContext(deps.db, actor.userId, body.examCode, { from: new Date(startsAt.getTime() - (240 + 15) * 60_000), to: new Date(startsAt.getTime() + 600 * 60_000) });
  const { exam, policy } = bookable;
  const base = examClaim(bookable, startsAt, 0);
  const rulesCtx = { exam: { code: exam.code, status: exam.status, practice: exam.practice, languages: exam.languages }, policy, language: body.language, emailVerified: ctx.user.email_verified_at !== null, activeAppointments: ctx.activeAppointments, outcomes: ctx.outcomes, now };
  const refusal = bookingRefusals(rulesCtx)[0];
  if (refusal) throw new AppError('BookingNotAllowed', refusal.message, { reason: refusal.code, until: refusal.until?.toISOString() ?? null });
  const timeRefusal = startRefusal(startsAt, bookingWindow(rulesCtx), policy.booking.slotIntervalMinutes);
  if (timeRefusal) throw new AppError('BookingNotAllowed', timeRefusal, { reason: 'StartTime' });
  const full = new AppError('SlotUnavailable', 'This time is no longer free. Please pick another.');
  // Extra time only lengthens a claim, so one without it that does not fit now never will.
  if (!claimFits(base, ctx.buckets)) throw full;
  if (ctx.activeHoldIds.length) await releaseHolds(deps, ctx.activeHoldIds);

  const extra = extraFor(ctx, exam.duration_minutes);
  const claim = examClaim(bookable, startsAt, extra);
  const id = deps.ids.uuid();
  const expiresAt = new Date(now.getTime() + policy.booking.holdMinutes * 60_000);
  const row = {
    id, candidate_id: actor.userId, exam_id: exam.id, program_id: exam.program_id, language: body.language, starts_at: startsAt,
    duration_minutes: exam.duration_minutes, extra_minutes: extra, ...claimColumns(claim), expires_at: expiresAt, status: 'pending' as const, created_at: now,
  };
  await deps.db.with('hold', (db) => db.insertInto('seat_holds').values(row).returning('id'))
    .insertInto('jobs').values(jobRow(deps, holdExpiryJob, { holdId: id }, { runAt: expiresAt, uniqueKey: `hold-expiry:${id}` })).execute();
  if (!(await claimForHold(deps.db, { id, programId: exam.program_id, claim }))) throw full;
  return presentHold({ ...row, seat_units: String(claim.seatUnits), checkin_units: String(claim.checkinUnits), status: 'active' }, exam, now);
}

/** Releases these active holds and gives their seats back (a candidate's earlier hold when they pick another time). */
async function releaseHolds(deps: Deps, ids: string[]): Promise<void> {
  await transactionWithRetry(deps.db, async (trx) => {
    const freed = await trx.updateTable('seat_holds').set({ status: 'released' }).where('id', 'in', ids).where('status', '=', 'active').returningAll().execute();
    for (const h of freed) await releaseClaim(trx, h.program_id, claimOfRow(h));
  });
}

/** Candidate: their hold, with the seconds left by the server clock. */
export async function getHold(deps: Deps, principal: Principal | null, id: string): Promise<Hold> {
  const actor = requireRole(principal, []);
  const row = await getOwnHold(deps.db, actor.userId, id);
  return presentHold(row, (await getExamById(deps.db, row.exam_id)).exam, deps.clock.now());
}

/** Candidate: gives a held seat back (they chose another time or left checkout). Releasing twice is fine. */
export async function releaseHold(deps: Deps, principal: Principal | null, id: string): Promise<void> {
  const actor = requireRole(principal, []);
  await deps.db.transaction().execute(async (trx) => {
    const hold = await getOwnHold(trx, actor.userId, id, true);
    if (hold.status === 'booked') throw new AppError('Conflict', 'This hold is already a booking; cancel the appointment instead.');
    if (hold.status !== 'active' && hold.status !== 'pending') return;
    await trx.updateTable('seat_holds').set({ status: 'released' }).where('id', '=', id).execute();
    if (hold.status === 'active') await releaseClaim(trx, hold.program_id, claimOfRow(hold));
  });
}
