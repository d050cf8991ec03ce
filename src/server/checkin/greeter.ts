import { AppError } from '../../core/shared/app-error.ts';
import { checkInTransition } from '../../core/checkin/checkin-state.ts';
import { appendAudit } from '../platform/audit.ts';
import { requireRole, type Principal } from '../platform/auth.ts';
import type { Db } from '../platform/db/database.ts';
import type { Deps } from '../platform/deps.ts';
import { publishCheckIn } from '../live/channels.ts';
import { openHelpRequests } from './help.ts';
import { findLatestSystemTestResults, summariseSystemTest } from '../systemcheck/repository.ts';
import { appointmentContext, presentPhotos, type CheckInRow } from './repository.ts';

/** Greeter: the queue, longest-waiting first, with each candidate's waiting time (the service-level clock). */
export async function greeterQueue(deps: Deps, principal: Principal | null) {
  requireRole(principal, ['proctor', 'admin']);
  const now = deps.clock.now();
  const [rows, inReview, helpRequests] = await Promise.all([
    deps.db.selectFrom('checkins').innerJoin('appointments', 'appointments.id', 'checkins.appointment_id').innerJoin('users', 'users.id', 'checkins.candidate_id')
      .innerJoin('exams', 'exams.id', 'appointments.exam_id')
      .select(['checkins.id', 'checkins.submitted_at', 'users.legal_name', 'exams.code', 'appointments.starts_at'])
      .where('checkins.status', '=', 'submitted').orderBy('checkins.submitted_at').limit(200).execute(),
    deps.db.selectFrom('checkins').select((eb) => eb.fn.countAll<string>().as('n')).where('status', '=', 'in_review').executeTakeFirstOrThrow(),
    openHelpRequests(deps.db),
  ]);
  return {
    entries: rows.map((r) => ({ id: r.id, candidateName: r.legal_name, examCode: r.code, submittedAt: r.submitted_at!.toISOString(), waitingMs: now.getTime() - r.submitted_at!.getTime(), startsAt: r.starts_at.toISOString() })),
    inReview: Number(inReview.n),
    helpRequests,
  };
}

async function presentReview(deps: Deps, db: Db, row: CheckInRow) {
  const [{ appt: ctx, policy }, tests] = await Promise.all([appointmentContext(db, row.appointment_id), findLatestSystemTestResults(db, [row.candidate_id])]);
  const test = tests.get(row.candidate_id);
  return {
    id: row.id, candidateLegalName: ctx.legal_name, candidateEmail: ctx.email, examCode: ctx.code, examTitle: ctx.title,
    startsAt: ctx.starts_at.toISOString(), submittedAt: row.submitted_at!.toISOString(), photos: await presentPhotos({ db, clock: deps.clock }, row),
    rejectReasons: policy.checkIn.rejectReasons,
    systemTest: test ? summariseSystemTest(test, policy.systemTest.validDays, ctx.starts_at) : null,
  };
}

/**
 * Greeter: takes the oldest waiting check-in for review. The claim is exclusive: the row is taken with
 * FOR UPDATE SKIP LOCKED, so two greeters pressing at once get two different check-ins, never the same one.
 * A greeter already reviewing one gets that one back. Null when the queue is empty.
 */
export async function claimNext(deps: Deps, principal: Principal | null) {
  const actor = requireRole(principal, ['proctor', 'admin']);
  const { review, fresh } = await deps.db.transaction().execute(async (trx) => {
    const mine = await trx.selectFrom('checkins').selectAll().where('status', '=', 'in_review').where('claimed_by', '=', actor.userId).executeTakeFirst();
    if (mine) return { review: await presentReview(deps, trx, mine), fresh: false };
    const next = await trx.selectFrom('checkins').selectAll().where('status', '=', 'submitted').orderBy('submitted_at').limit(1).forUpdate().skipLocked().executeTakeFirst();
    if (!next) return { review: null, fresh: false };
    const now = deps.clock.now();
    const claimed = await trx.updateTable('checkins').set({ status: checkInTransition(next.status, 'claim'), claimed_by: actor.userId, claimed_at: now, updated_at: now })
      .where('id', '=', next.id).returningAll().executeTakeFirstOrThrow();
    await appendAudit(trx, deps.clock, { actorId: actor.userId, action: 'checkin.claimed', subjectType: 'checkin', subjectId: next.id });
    return { review: await presentReview(deps, trx, claimed), fresh: true };
  });
  if (review && fresh) publishCheckIn(deps, { id: review.id, status: 'in_review' }, { queueMoved: true });
  return review;
}

/**
 * Greeter: decides a check-in they hold. Approve: the candidate may launch the exam. Retake: the named photos go back
 * to the candidate with the reason. Reject: with a reason the candidate sees. Audited; only the claiming greeter may
 * decide.
 */
export async function decideCheckIn(deps: Deps, principal: Principal | null, id: string, body: { decision: 'approve' } | { decision: 'retake'; photos: string[]; reason: string } | { decision: 'reject'; reason: string }) {
  const actor = requireRole(principal, ['proctor', 'admin']);
  const result = await deps.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('checkins').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw new AppError('NotFound', 'No such check-in.');
    if (row.status !== 'in_review' || row.claimed_by !== actor.userId) throw new AppError('Conflict', 'Only the greeter reviewing this check-in can decide it. Take it from the queue first.');
    const now = deps.clock.now();
    if (body.decision === 'retake' && body.photos.some((k) => !row.required_photos.includes(k))) {
      throw new AppError('ValidationFailed', 'Ask only for photos this check-in has.', { in: 'body', issues: [{ path: ['photos'], message: 'Not a required photo.' }] });
    }
    const action = body.decision === 'approve' ? 'approve' : body.decision === 'retake' ? 'request_retake' : 'reject';
    const { policy } = await appointmentContext(trx, row.appointment_id);
    const approved = checkInTransition(row.status, action);
    // Without a room scan in the policy, approval completes the check-in and the exam may launch at once.
    const launches = body.decision === 'approve' && !policy.proctoring.requireRoomScan;
    const status = launches ? checkInTransition(approved, 'complete') : approved;
    // A reason from the policy's list is recorded by its number, so reports can count them; anything else is 'other'.
    const reasonCode = body.decision === 'reject' ? (policy.checkIn.rejectReasons.indexOf(body.reason) >= 0 ? `policy:${policy.checkIn.rejectReasons.indexOf(body.reason) + 1}` : 'other') : null;
    await trx.updateTable('checkins').set({
      status, decided_by: actor.userId, decided_at: now, decision_reason: body.decision === 'approve' ? null : body.reason,
      retake_photos: body.decision === 'retake' ? body.photos : [], updated_at: now,
    }).where('id', '=', id).execute();
    // With a room scan, the launch is authorised when the scan completes (room-scan.ts).
    if (launches) await trx.updateTable('appointments').set({ launch_authorised_at: now, launch_authorised_by: actor.userId }).where('id', '=', row.appointment_id).execute();
    await appendAudit(trx, deps.clock, { actorId: actor.userId, action: `checkin.${body.decision}`, subjectType: 'checkin', subjectId: id,
      data: body.decision === 'approve' ? {} : { reason: body.reason, ...(reasonCode ? { reasonCode } : {}), ...(body.decision === 'retake' ? { photos: body.photos } : {}) } });
    return { status };
  });
  publishCheckIn(deps, { id, status: result.status }, { queueMoved: true });
  return result;
}
