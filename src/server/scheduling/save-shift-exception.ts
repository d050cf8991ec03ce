import { AppError } from '../../core/shared/app-error.ts';
import type { ShiftException, ShiftExceptionBody } from '../../contracts/scheduling.ts';
import { appendAudit } from '../platform/audit.ts';
import { requireRole, type Principal } from '../platform/auth.ts';
import type { Deps } from '../platform/deps.ts';
import { afterShiftChange } from './duty.ts';
import { recomputeCapacity } from './recompute-capacity.ts';
import { getProgram, presentExceptions } from './repository.ts';
import { requireProctor } from './save-shift-rule.ts';

/** Admin: adds an extra shift or time off for one proctor; capacity is recomputed in the same transaction. */
export async function createShiftException(deps: Deps, principal: Principal | null, body: ShiftExceptionBody): Promise<ShiftException> {
  const actor = requireRole(principal, ['admin']);
  if (new Date(body.endsAt) <= deps.clock.now()) throw new AppError('ValidationFailed', 'That time is already over.', { in: 'body', issues: [{ path: ['endsAt'], message: 'Give a time in the future.' }] });
  return afterShiftChange(deps, deps.db.transaction().execute(async (trx) => {
    await getProgram(trx, body.programId);
    await requireProctor(trx, body.proctorId);
    const id = deps.ids.uuid();
    const row = await trx.insertInto('shift_exceptions').values({
      id, proctor_id: body.proctorId, program_id: body.programId, kind: body.kind, starts_at: new Date(body.startsAt), ends_at: new Date(body.endsAt),
      proctoring: body.kind === 'add' ? body.proctoring : true, greeting: body.kind === 'add' ? body.greeting : true, note: body.note,
      created_by: actor.userId, created_at: deps.clock.now(),
    }).returningAll().executeTakeFirstOrThrow();
    await recomputeCapacity(deps, trx, body.programId);
    await appendAudit(trx, deps.clock, { actorId: actor.userId, action: `scheduling.shift_${body.kind === 'add' ? 'added' : 'cancelled'}`, subjectType: 'shift_exception', subjectId: id, data: { proctorId: body.proctorId, startsAt: body.startsAt, endsAt: body.endsAt, note: body.note } });
    return (await presentExceptions(trx, [row]))[0]!;
  }));
}

/** Admin: removes an exception (an added shift is refused while booked candidates depend on it). */
export async function deleteShiftException(deps: Deps, principal: Principal | null, id: string): Promise<void> {
  const actor = requireRole(principal, ['admin']);
  await afterShiftChange(deps, deps.db.transaction().execute(async (trx) => {
    const row = await trx.deleteFrom('shift_exceptions').where('id', '=', id).returningAll().executeTakeFirst();
    if (!row) throw new AppError('NotFound', 'No such shift change.');
    await recomputeCapacity(deps, trx, row.program_id);
    await appendAudit(trx, deps.clock, { actorId: actor.userId, action: 'scheduling.shift_exception_deleted', subjectType: 'shift_exception', subjectId: id, data: { kind: row.kind, startsAt: row.starts_at.toISOString(), endsAt: row.ends_at.toISOString() } });
  }));
}
