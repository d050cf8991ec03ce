import { dutyAt, expandShifts, type Duty, type Occurrence } from '../../core/scheduling/shifts.ts';
import type { Db } from '../platform/db/database.ts';
import type { Deps } from '../platform/deps.ts';
import { toCoreException, toCoreRule } from './repository.ts';

/**
 * Who is on a proctoring shift, for live proctoring (assignment prefers proctors on shift; the console tells a proctor
 * when theirs ends). Every proctor's shifts, over all programs, are expanded once a minute per instance (two small
 * reads), and again at once on this instance after a shift is saved; another instance sees a change within the minute.
 */
const refreshMs = 60_000;
const behindMs = 86_400_000;
/** How far ahead a shift's end or the next shift is looked for; an end beyond it reads "no end this week". */
export const dutyHorizonMs = 7 * 86_400_000;

interface Expanded {
  at: number;
  byProctor: Map<string, Occurrence[]>;
}
const expanded = new WeakMap<Db, Promise<Expanded>>();

async function expand(db: Db, now: Date): Promise<Expanded> {
  const [rules, exceptions] = await Promise.all([
    db.selectFrom('shift_rules').selectAll().where('proctoring', '=', true).execute(),
    db.selectFrom('shift_exceptions').selectAll().where('ends_at', '>', new Date(now.getTime() - behindMs)).execute(),
  ]);
  const from = new Date(now.getTime() - behindMs);
  const to = new Date(now.getTime() + dutyHorizonMs + refreshMs + behindMs);
  const byProctor = new Map<string, Occurrence[]>();
  for (const o of expandShifts(rules.map(toCoreRule), exceptions.map(toCoreException), from, to)) {
    const list = byProctor.get(o.proctorId);
    if (list) list.push(o);
    else byProctor.set(o.proctorId, [o]);
  }
  return { at: now.getTime(), byProctor };
}

/** Each proctor's duty at `deps.clock.now()`; a proctor with no shift is off shift. */
export async function dutiesNow(deps: Pick<Deps, 'db' | 'clock'>): Promise<(proctorId: string) => Duty> {
  const now = deps.clock.now();
  let pending = expanded.get(deps.db);
  const known = pending && await pending.catch(() => undefined);
  if (!known || Math.abs(now.getTime() - known.at) >= refreshMs) {
    pending = expand(deps.db, now);
    expanded.set(deps.db, pending);
    pending.catch(() => expanded.delete(deps.db));
  }
  const { byProctor } = await pending!;
  return (proctorId) => {
    const duty = dutyAt(byProctor.get(proctorId) ?? [], now);
    const beyond = (d: Date | null) => (d && d.getTime() - now.getTime() > dutyHorizonMs ? null : d);
    return { onShift: duty.onShift, until: beyond(duty.until), next: beyond(duty.next) };
  };
}

/** Settles a write of shift rules or exceptions: once it has committed, the next question reads them again. */
export async function afterShiftChange<T>(deps: Pick<Deps, 'db'>, write: Promise<T>): Promise<T> {
  try {
    return await write;
  } finally {
    expanded.delete(deps.db);
  }
}
