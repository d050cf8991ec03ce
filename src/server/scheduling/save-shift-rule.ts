import { AppError } from '../../core/shared/app-error.ts';
import type { ShiftRule, ShiftRuleBody } from '../../contracts/scheduling.ts';
import { appendAudit } from '../platform/audit.ts';
import { requireRole, type Principal } from '../platform/auth.ts';
import type { Db } from '../platform/db/database.ts';
import type { Deps } from '../platform/deps.ts';
import { afterShiftChange } from './duty.ts';
import { recomputeCapacity } from './recompute-capacity.ts';
import { getProgram, presentRules, userNames } from './repository.ts';

/** Checks the proctor exists and holds the proctor role; returns their profile zone. */
export async function requireProctor(db: Db, proctorId: string): Promise<string> {
  const row = await db.selectFrom('users').innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select('users.time_zone').where('users.id', '=', proctorId).where('user_roles.role', '=', 'proctor').executeTakeFirst();
  if (!row) throw new AppError('ValidationFailed', 'That user is not a proctor.', { in: 'body', issues: [{ path: ['proctorId'], message: 'Choose an account with the proctor role.' }] });
  return row.time_zone;
}

function ruleValues(body: ShiftRuleBody, zone: string) {
  return {
    proctor_id: body.proctorId, program_id: body.programId, weekdays: [...body.weekdays].sort((a, b) => a - b), start_time: body.startTime,
    end_time: body.endTime, time_zone: body.timeZone ?? zone, valid_from: body.validFrom, valid_until: body.validUntil ?? null,
    proctoring: body.proctoring, greeting: body.greeting,
  };
}

/** Admin: adds a weekly shift and recomputes the program's capacity in the same transaction. */
export async function createShiftRule(deps: Deps, principal: Principal | null, body: ShiftRuleBody): Promise<ShiftRule> {
  const actor = requireRole(principal, ['admin']);
  return afterShiftChange(deps, deps.db.transaction().execute(async (trx) => {
    await getProgram(trx, body.programId);
    const zone = await requireProctor(trx, body.proctorId);
    const id = deps.ids.uuid();
    const now = deps.clock.now();
    const row = await trx.insertInto('shift_rules').values({ id, ...ruleValues(body, zone), created_by: actor.userId, created_at: now, updated_at: now }).returningAll().executeTakeFirstOrThrow();
    await recomputeCapacity(deps, trx, body.programId);
    await appendAudit(trx, deps.clock, { actorId: actor.userId, action: 'scheduling.shift_rule_created', subjectType: 'shift_rule', subjectId: id, data: { ...ruleValues(body, zone) } });
    return (await presentRules(trx, [row]))[0]!;
  }));
}

/** Admin: changes a weekly shift; refused (nothing changed) when booked candidates would lose their cover. */
export async function updateShiftRule(deps: Deps, principal: Principal | null, id: string, body: ShiftRuleBody): Promise<ShiftRule> {
  const actor = requireRole(principal, ['admin']);
  return afterShiftChange(deps, deps.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('shift_rules').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw new AppError('NotFound', 'No such shift.');
    await getProgram(trx, body.programId);
    const zone = await requireProctor(trx, body.proctorId);
    const row = await trx.updateTable('shift_rules').set({ ...ruleValues(body, zone), updated_at: deps.clock.now() }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await recomputeCapacity(deps, trx, body.programId);
    if (before.program_id !== body.programId) await recomputeCapacity(deps, trx, before.program_id);
    await appendAudit(trx, deps.clock, { actorId: actor.userId, action: 'scheduling.shift_rule_updated', subjectType: 'shift_rule', subjectId: id, data: { ...ruleValues(body, zone) } });
    return (await presentRules(trx, [row]))[0]!;
  }));
}

/** Admin: removes a weekly shift (refused while booked candidates depend on it). */
export async function deleteShiftRule(deps: Deps, principal: Principal | null, id: string): Promise<void> {
  const actor = requireRole(principal, ['admin']);
  await afterShiftChange(deps, deps.db.transaction().execute(async (trx) => {
    const row = await trx.deleteFrom('shift_rules').where('id', '=', id).returningAll().executeTakeFirst();
    if (!row) throw new AppError('NotFound', 'No such shift.');
    await recomputeCapacity(deps, trx, row.program_id);
    const who = (await userNames(trx, [row.proctor_id])).get(row.proctor_id);
    await appendAudit(trx, deps.clock, { actorId: actor.userId, action: 'scheduling.shift_rule_deleted', subjectType: 'shift_rule', subjectId: id, data: { proctor: who?.email ?? row.proctor_id, weekdays: row.weekdays, start: row.start_time, end: row.end_time } });
  }));
}
