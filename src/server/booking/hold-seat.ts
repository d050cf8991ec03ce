import { sql } from 'kysely';
import { z } from 'zod';
import { AppError } from '../../core/shared/app-error.ts';
import { bookingRefusals, bookingWindow, startRefusal } from '../../core/booking/rules.ts';
import type { Hold } from '../../contracts/booking.ts';
import { requireRole, type Principal } from '../platform/auth.ts';
import type { Db } from '../platform/db/database.ts';
import { transactionWithRetry } from '../platform/db/sql-helpers.ts';
import type { Deps } from '../platform/deps.ts';
import { defineJob, enqueueJob } from '../platform/jobs.ts';
import { claimFits } from '../../core/scheduling/capacity.ts';
import { claimForHold, claimOfRow, loadBuckets, releaseClaim } from '../scheduling/repository.ts';
import { candidateContext, claimColumns, examClaim, extraFor, getBookableExam, getExamById, getOwnHold, type ExamRow, type HoldRow } from './repository.ts';

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
 * capacity now (so nobody else can book it meanwhile); the candidate's earlier holds for the exam are released.
 */
export async function holdSeat(deps: Deps, principal: Principal | null, body: { examCode: string; startsAt: string; language: string }): Promise<Hold> {
  const actor = requireRole(principal, []);
  const startsAt = new Date(body.startsAt);
  const full = new AppError('SlotUnavailable', 'This time is no longer free. Please pick another.');
  // Fail fast, outside any transaction and without queueing for row locks, when the slot is visibly full: the
  // common answer in a rush. Extra time only lengthens a claim, so a claim without it that does not fit never will.
  const probe = await getBookableExam(deps.db, body.examCode);
  const base = examClaim(probe, startsAt, 0);
  const now0 = deps.clock.now();
  const plainWindow = { earliest: new Date(now0.getTime() + probe.policy.booking.minLeadHours * 3_600_000), latest: new Date(now0.getTime() + probe.policy.booking.maxAdvanceDays * 86_400_000) };
  if (startRefusal(startsAt, plainWindow, probe.policy.booking.slotIntervalMinutes) === null && !claimFits(base, await loadBuckets(deps.db, probe.exam.program_id, base.spanStart, new Date(base.spanEnd.getTime() + 1)))) throw full;
  // Phase 1, an ordinary transaction: rules, the candidate's earlier holds, and a pending hold with its expiry job.
  const pending = await transactionWithRetry(deps.db, async (trx) => {
    const bookable = await getBookableExam(trx, body.examCode);
    const { exam, policy } = bookable;
    const now = deps.clock.now();
    const ctx = await candidateContext(trx, actor.userId, exam.id);
    const rulesCtx = { exam: { code: exam.code, status: exam.status, practice: exam.practice, languages: exam.languages }, policy, language: body.language, emailVerified: ctx.user.email_verified_at !== null, activeAppointments: ctx.activeAppointments, outcomes: ctx.outcomes, now };
    const refusal = bookingRefusals(rulesCtx)[0];
    if (refusal) throw new AppError('BookingNotAllowed', refusal.message, { reason: refusal.code, until: refusal.until?.toISOString() ?? null });
    const timeRefusal = startRefusal(startsAt, bookingWindow(rulesCtx), policy.booking.slotIntervalMinutes);
    if (timeRefusal) throw new AppError('BookingNotAllowed', timeRefusal, { reason: 'StartTime' });

    // In one statement: the candidate's earlier hold for this exam is released, and lapsed holds of the program expire.
    const freed = await trx.updateTable('seat_holds').set({ status: sql<'expired' | 'released'>`case when expires_at <= ${now} then 'expired' else 'released' end` })
      .where('status', '=', 'active').where((eb) => eb.or([
        eb.and([eb('candidate_id', '=', actor.userId), eb('exam_id', '=', exam.id)]),
        eb.and([eb('program_id', '=', exam.program_id), eb('expires_at', '<=', now)]),
      ])).returningAll().execute();
    for (const h of freed) await releaseClaim(trx, h.program_id, claimOfRow(h));

    const extra = extraFor(ctx, exam.duration_minutes);
    const claim = examClaim(bookable, startsAt, extra);
    const id = deps.ids.uuid();
    const expiresAt = new Date(now.getTime() + policy.booking.holdMinutes * 60_000);
    const row = await trx.insertInto('seat_holds').values({
      id, candidate_id: actor.userId, exam_id: exam.id, program_id: exam.program_id, language: body.language, starts_at: startsAt,
      duration_minutes: exam.duration_minutes, extra_minutes: extra, ...claimColumns(claim), expires_at: expiresAt, status: 'pending', created_at: now,
    }).returningAll().executeTakeFirstOrThrow();
    await enqueueJob(trx, deps, holdExpiryJob, { holdId: id }, { runAt: expiresAt, uniqueKey: `hold-expiry:${id}` });
    return { row, exam, claim, now };
  });
  // Phase 2, one statement: take the seat or release the pending hold. A crash between the phases leaves a pending hold
  // that never took capacity, which the expiry job then closes.
  if (!(await claimForHold(deps.db, { id: pending.row.id, programId: pending.exam.program_id, claim: pending.claim }))) throw full;
  return presentHold({ ...pending.row, status: 'active' }, pending.exam, pending.now);
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
