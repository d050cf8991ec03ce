import { AppError } from '../../core/shared/app-error.ts';
import { assertSecondStaffMember, launchExceptionReasonText } from '../../core/delivery/launch-exception.ts';
import type { LaunchException } from '../../contracts/delivery.ts';
import { appendAudit } from '../platform/audit.ts';
import { requireRole, type Principal } from '../platform/auth.ts';
import type { Deps } from '../platform/deps.ts';
import { listLaunchExceptions } from './repository.ts';
import { lockAppointmentForException } from './request-launch-exception.ts';

/**
 * Proctor or admin, not the one who requested it and not the candidate: approves a waiting launch exception, which
 * authorises the appointment's launch. Only inside the check-in window. Audited; the attempt's timeline shows the
 * exception once the candidate opens the exam (start-attempt.ts).
 */
export async function approveLaunchException(deps: Deps, principal: Principal | null, exceptionId: string): Promise<LaunchException> {
  const actor = requireRole(principal, ['proctor', 'admin']);
  const appointmentId = await deps.db.transaction().execute(async (trx) => {
    const found = await trx.selectFrom('launch_exceptions').select('appointment_id').where('id', '=', exceptionId).executeTakeFirst();
    if (!found) throw new AppError('NotFound', 'No launch exception with this id.');
    // The appointment first, then the request: the order requestLaunchException locks in.
    const appt = await trx.selectFrom('appointments').select('candidate_id').where('id', '=', found.appointment_id).forUpdate().executeTakeFirstOrThrow();
    const e = await trx.selectFrom('launch_exceptions').selectAll().where('id', '=', exceptionId).forUpdate().executeTakeFirstOrThrow();
    if (e.approved_at) throw new AppError('Conflict', 'This exception is already approved.');
    assertSecondStaffMember(actor.userId, { requestedBy: e.requested_by, candidateId: appt.candidate_id });
    const now = deps.clock.now();
    await lockAppointmentForException(trx, now, actor.userId, found.appointment_id);
    await trx.updateTable('launch_exceptions').set({ approved_by: actor.userId, approved_at: now }).where('id', '=', exceptionId).execute();
    await trx.updateTable('appointments').set({ launch_authorised_at: now, launch_authorised_by: actor.userId, updated_at: now }).where('id', '=', found.appointment_id).execute();
    await appendAudit(trx, deps.clock, { actorId: actor.userId, action: 'delivery.launch_exception_approved', subjectType: 'appointment', subjectId: found.appointment_id,
      data: { exceptionId, candidateId: appt.candidate_id, reasonCode: e.reason_code, reason: launchExceptionReasonText(e.reason_code), requestedBy: e.requested_by } });
    return found.appointment_id;
  });
  return (await listLaunchExceptions(deps.db, [appointmentId])).get(appointmentId)!;
}
