import { AppError } from '../../core/shared/app-error.ts';
import { isCheckInFinished, type CheckInStatus } from '../../core/checkin/checkin-state.ts';
import type { CheckIn } from '../../contracts/checkin.ts';
import { appendAudit } from '../platform/audit.ts';
import { requireRole, type Principal } from '../platform/auth.ts';
import type { Db } from '../platform/db/database.ts';
import type { Deps } from '../platform/deps.ts';
import { publishCheckIn } from '../live/channels.ts';
import { getOwnCheckIn, presentCheckInRow } from './repository.ts';

const present = presentCheckInRow;

/**
 * Candidate: asks the greeters for help at any step of an open check-in (a photo will not upload, the queue does not
 * move, the camera fails). The message replaces an earlier one and clears its answer; greeters see it live.
 */
export async function askForHelp(deps: Deps, principal: Principal | null, id: string, message: string): Promise<CheckIn> {
  const actor = requireRole(principal, []);
  const checkIn = await deps.db.transaction().execute(async (trx) => {
    const row = await getOwnCheckIn(trx, actor.userId, id, true);
    if (isCheckInFinished(row.status as CheckInStatus)) throw new AppError('Conflict', 'This check-in has ended; contact support by email instead.');
    const updated = await trx.updateTable('checkins').set({
      help_requested_at: deps.clock.now(), help_message: message, help_reply: null, help_replied_at: null, help_replied_by: null, updated_at: deps.clock.now(),
    }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    return present(deps, trx, updated);
  });
  publishCheckIn(deps, checkIn, { queueMoved: true });
  return checkIn;
}

/** Greeter: answers a candidate's request for help; the candidate reads the answer on their check-in page. Audited. */
export async function replyToHelp(deps: Deps, principal: Principal | null, id: string, reply: string): Promise<void> {
  const actor = requireRole(principal, ['proctor', 'admin']);
  const status = await deps.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('checkins').select(['status', 'help_requested_at', 'help_replied_at']).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw new AppError('NotFound', 'No such check-in.');
    if (!row.help_requested_at) throw new AppError('Conflict', 'This candidate has not asked for help.');
    if (row.help_replied_at) throw new AppError('Conflict', 'Another greeter has already answered this request.');
    const now = deps.clock.now();
    await trx.updateTable('checkins').set({ help_reply: reply, help_replied_at: now, help_replied_by: actor.userId, updated_at: now }).where('id', '=', id).execute();
    await appendAudit(trx, deps.clock, { actorId: actor.userId, action: 'checkin.help_answered', subjectType: 'checkin', subjectId: id, data: { reply } });
    return row.status;
  });
  publishCheckIn(deps, { id, status }, { queueMoved: true });
}

/** Greeter: open requests for help, oldest first. */
export async function openHelpRequests(db: Db) {
  const rows = await db.selectFrom('checkins').innerJoin('appointments', 'appointments.id', 'checkins.appointment_id').innerJoin('users', 'users.id', 'checkins.candidate_id')
    .innerJoin('exams', 'exams.id', 'appointments.exam_id')
    .select(['checkins.id', 'checkins.status', 'checkins.help_message', 'checkins.help_requested_at', 'users.legal_name', 'users.email', 'exams.code', 'appointments.starts_at'])
    .where('checkins.help_requested_at', 'is not', null).where('checkins.help_replied_at', 'is', null)
    .where('checkins.status', 'not in', ['completed', 'rejected', 'expired'])
    .orderBy('checkins.help_requested_at').limit(100).execute();
  return rows.map((r) => ({
    id: r.id, candidateName: r.legal_name, candidateEmail: r.email, examCode: r.code, status: r.status, message: r.help_message ?? '',
    requestedAt: r.help_requested_at!.toISOString(), startsAt: r.starts_at.toISOString(),
  }));
}
