import { DateTime } from 'luxon';
import { AppError } from '../../core/shared/app-error.ts';
import { expandShifts } from '../../core/scheduling/shifts.ts';
import { heatMap } from '../../core/scheduling/heat-map.ts';
import { localDateRange } from '../../core/scheduling/slots.ts';
import { requireRole, type Principal } from '../platform/auth.ts';
import type { Db } from '../platform/db/database.ts';
import type { Deps } from '../platform/deps.ts';
import { getProgram, listExceptionRows, listRuleRows, loadBuckets, presentExceptions, presentRules, toCoreException, toCoreRule, userNames } from './repository.ts';

const maxRangeDays = 42;

async function zoneOf(db: Db, userId: string, tz: string | undefined): Promise<string> {
  if (tz) return tz;
  const row = await db.selectFrom('users').select('time_zone').where('id', '=', userId).executeTakeFirstOrThrow();
  return row.time_zone;
}

function rangeOf(q: { from: string; to: string }, zone: string) {
  // Counted in calendar days, not hours, so a range holding a DST change is not a day too long.
  const days = DateTime.fromISO(q.to, { zone: 'UTC' }).diff(DateTime.fromISO(q.from, { zone: 'UTC' }), 'days').days;
  if (days > maxRangeDays) {
    throw new AppError('ValidationFailed', `Ask for at most ${maxRangeDays} days at a time.`, { in: 'query', issues: [{ path: ['to'], message: `At most ${maxRangeDays} days after from.` }] });
  }
  return localDateRange(q.from, q.to, zone);
}

/** Admin: a program's proctors, weekly shifts and current exceptions, for the staffing editor. */
export async function listShifts(deps: Deps, principal: Principal | null, q: { programId: string; proctorId?: string | undefined }) {
  requireRole(principal, ['admin']);
  await getProgram(deps.db, q.programId);
  const filter = { programId: q.programId, ...(q.proctorId ? { proctorId: q.proctorId } : {}) };
  const [proctors, rules, exceptions] = await Promise.all([
    deps.db.selectFrom('users').innerJoin('user_roles', 'user_roles.user_id', 'users.id').select(['users.id', 'users.legal_name', 'users.email', 'users.time_zone'])
      .where('user_roles.role', '=', 'proctor').where('users.disabled_at', 'is', null).orderBy('users.legal_name').execute(),
    listRuleRows(deps.db, filter),
    listExceptionRows(deps.db, { ...filter, after: deps.clock.now() }),
  ]);
  return {
    proctors: proctors.map((p) => ({ id: p.id, name: p.legal_name, email: p.email, timeZone: p.time_zone })),
    rules: await presentRules(deps.db, rules),
    exceptions: await presentExceptions(deps.db, exceptions),
  };
}

// Shifts are listed whole when they overlap the range (an overnight shift keeps its real start), so they are expanded
// over a margin longer than any shift (an added shift spans at most 7 days) and filtered afterwards.
const marginMs = 8 * 86_400_000;

async function occurrences(deps: Deps, filter: { programId?: string; proctorId?: string }, rangeFrom: Date, rangeTo: Date) {
  const from = new Date(rangeFrom.getTime() - marginMs);
  const to = new Date(rangeTo.getTime() + marginMs);
  const [rules, exceptions] = await Promise.all([listRuleRows(deps.db, filter), listExceptionRows(deps.db, { ...filter, after: from })]);
  // Occurrences are expanded per program, so one proctor's shifts for two programs stay apart.
  const programIds = [...new Set([...rules.map((r) => r.program_id), ...exceptions.map((x) => x.program_id)])];
  const programs = programIds.length ? await deps.db.selectFrom('programs').select(['id', 'name']).where('id', 'in', programIds).execute() : [];
  const names = await userNames(deps.db, [...rules.map((r) => r.proctor_id), ...exceptions.map((x) => x.proctor_id)]);
  return programs.flatMap((p) => expandShifts(rules.filter((r) => r.program_id === p.id).map(toCoreRule), exceptions.filter((x) => x.program_id === p.id).map(toCoreException), from, to)
    .filter((o) => o.endsAt > rangeFrom && o.startsAt < rangeTo)
    .map((o) => ({
      proctorId: o.proctorId, proctorName: names.get(o.proctorId)?.name ?? '', programId: p.id, programName: p.name,
      startsAt: o.startsAt.toISOString(), endsAt: o.endsAt.toISOString(), source: o.source, proctoring: o.proctoring, greeting: o.greeting,
    })))
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}

/** Admin: concrete shifts in a date range (the staffing calendar). */
export async function listOccurrences(deps: Deps, principal: Principal | null, q: { programId?: string | undefined; from: string; to: string; tz?: string | undefined }) {
  const actor = requireRole(principal, ['admin']);
  const zone = await zoneOf(deps.db, actor.userId, q.tz);
  const { from, to } = rangeOf(q, zone);
  return { timeZone: zone, occurrences: await occurrences(deps, q.programId ? { programId: q.programId } : {}, from, to) };
}

/** Proctor: their own shifts in a date range. */
export async function listMyShifts(deps: Deps, principal: Principal | null, q: { from: string; to: string; tz?: string | undefined }) {
  const actor = requireRole(principal, ['proctor', 'admin']);
  const zone = await zoneOf(deps.db, actor.userId, q.tz);
  const { from, to } = rangeOf(q, zone);
  return { timeZone: zone, occurrences: await occurrences(deps, { proctorId: actor.userId }, from, to) };
}

/** Admin: the capacity heat map of a program, hour by hour in the viewer's zone. */
export async function capacityHeatMap(deps: Deps, principal: Principal | null, q: { programId: string; from: string; to: string; tz?: string | undefined }) {
  const actor = requireRole(principal, ['admin']);
  await getProgram(deps.db, q.programId);
  const zone = await zoneOf(deps.db, actor.userId, q.tz);
  const { from, to } = rangeOf(q, zone);
  const [buckets, starts] = await Promise.all([
    loadBuckets(deps.db, q.programId, from, to),
    deps.db.selectFrom('appointments').select('starts_at').where('program_id', '=', q.programId).where('status', 'in', ['booked', 'checked_in', 'completed'])
      .where('starts_at', '>=', from).where('starts_at', '<', to).execute(),
  ]);
  const days = heatMap(q.from, q.to, zone, buckets, starts.map((s) => s.starts_at));
  return { timeZone: zone, days: days.map((d) => ({ date: d.date, hours: d.hours.map((h) => ({ ...h, startsAt: h.startsAt.toISOString() })) })) };
}
