import { AppError } from '../../core/shared/app-error.ts';
import { launchExceptionReasonText, type LaunchExceptionReason } from '../../core/delivery/launch-exception.ts';
import { assertExceptionWindow } from '../../core/delivery/launch-window.ts';
import type { LaunchException } from '../../contracts/delivery.ts';
import { appendAudit } from '../platform/audit.ts';
import { requireRole, type Principal } from '../platform/auth.ts';
import type { Db } from '../platform/db/database.ts';
import type { Deps } from '../platform/deps.ts';
import { currentPolicy } from '../catalog/repository.ts';
import { listLaunchExceptions } from './repository.ts';

/**
 * The appointment an exception concerns, locked, once it is shown to need one: booked, not yet authorised, no attempt
 * opened, not the staff member's own, inside its check-in window (times in the staff member's zone in the refusal).
 */
export async function lockAppointmentForException(trx: Db, now: Date, actorId: string, appointmentId: string) {
  const appt = await trx.selectFrom('appointments').select(['id', 'candidate_id', 'exam_id', 'starts_at', 'status', 'launch_authorised_at'])
    .where('id', '=', appointmentId).forUpdate().executeTakeFirst();
  if (!appt) throw new AppError('NotFound', 'No appointment with this id.');
  if (appt.candidate_id === actorId) throw new AppError('Forbidden', 'Nobody can make an exception for their own appointment.');
  if (appt.status !== 'booked') throw new AppError('Conflict', `This appointment is ${appt.status.replace('_', ' ')}: there is no launch to authorise.`);
  const attempt = await trx.selectFrom('attempts').select('id').where('appointment_id', '=', appointmentId).executeTakeFirst();
  if (attempt || appt.launch_authorised_at) throw new AppError('Conflict', 'This launch is already authorised: the candidate can start the exam without an exception.');
  const { policy } = await currentPolicy(trx, appt.exam_id);
  const staff = await trx.selectFrom('users').select('time_zone').where('id', '=', actorId).executeTakeFirstOrThrow();
  assertExceptionWindow(appt.starts_at, policy, now, staff.time_zone);
  return appt;
}

/**
 * Proctor or admin: asks to let a candidate launch without the usual check-in, with a reason code and a note. Nothing
 * is authorised yet: a second staff member approves it (approve-launch-exception.ts). One request waits per
 * appointment at a time. Audited.
 */
export async function requestLaunchException(deps: Deps, principal: Principal | null, appointmentId: string, body: { reasonCode: LaunchExceptionReason; note: string }): Promise<LaunchException> {
  const actor = requireRole(principal, ['proctor', 'admin']);
  const id = deps.ids.uuid();
  await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const appt = await lockAppointmentForException(trx, now, actor.userId, appointmentId);
    const pending = await trx.selectFrom('launch_exceptions').innerJoin('users', 'users.id', 'launch_exceptions.requested_by')
      .select(['launch_exceptions.id', 'users.legal_name']).where('appointment_id', '=', appointmentId).where('approved_at', 'is', null).executeTakeFirst();
    if (pending) {
      throw new AppError('Conflict', `${pending.legal_name} has already requested an exception for this appointment; it waits for a second staff member's approval.`, { exceptionId: pending.id });
    }
    await trx.insertInto('launch_exceptions').values({
      id, appointment_id: appointmentId, reason_code: body.reasonCode, note: body.note, requested_by: actor.userId, requested_at: now, approved_by: null, approved_at: null,
    }).execute();
    await appendAudit(trx, deps.clock, { actorId: actor.userId, action: 'delivery.launch_exception_requested', subjectType: 'appointment', subjectId: appointmentId,
      data: { exceptionId: id, candidateId: appt.candidate_id, reasonCode: body.reasonCode, reason: launchExceptionReasonText(body.reasonCode), note: body.note } });
  });
  return (await listLaunchExceptions(deps.db, [appointmentId])).get(appointmentId)!;
}
