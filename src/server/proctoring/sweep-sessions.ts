import { defaultPolicy } from '../../core/catalog/policy.ts';
import { sql } from 'kysely';
import { assignSessions, consoleGoneAfterMs, firstName, unwatchedPauseAfterMs } from '../../core/proctoring/assignment.ts';
import type { Deps } from '../platform/deps.ts';
import { pause, resume } from '../delivery/pause-resume.ts';
import { recordAttemptEvent } from '../delivery/repository.ts';
import { publishAttempt, publishSessions } from '../live/channels.ts';
import { listPresentProctors, proctoredSql, staleLaunchMs, watchedStatuses } from './repository.ts';
import { scheduleNoProctorAlert } from './no-proctor-alert.ts';
import { dutiesNow } from '../scheduling/duty.ts';

// One sweeper at a time across every instance: sweeps wait for each other (each is a handful of short statements), so a
// caller that has just changed something (a heartbeat, a start) always gets a sweep that sees it.
const sweepLockKey = 0x1e7_5eed;
const loadsPresent = (present: { accepting: boolean }[]) => present.some((p) => p.accepting);

export interface SweepResult {
  assigned: { attemptId: string; proctorId: string }[];
  released: { attemptId: string; proctorId: string }[];
  paused: string[];
}

/**
 * Keeps every proctored attempt watched: sessions of proctors whose console has been silent for 30 s go back to the
 * pool; waiting sessions (longest waiting first) go to present proctors, least loaded first within each session's
 * ratio, never straight back to the proctor who left; a running session unwatched for a minute is paused
 * (`no_proctor`) so the candidate loses no time, staff are mailed, and it resumes by itself when a proctor takes it. Safe to call from any
 * instance at any time: sweeps run one after another.
 */
export async function sweepSessions(deps: Deps): Promise<SweepResult> {
  const now = deps.clock.now();
  const result = await deps.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${sweepLockKey})`.execute(trx);
    const out: SweepResult = { assigned: [], released: [], paused: [] };
    const present = await listPresentProctors(trx, new Date(now.getTime() - consoleGoneAfterMs));
    const presentIds = new Set(present.map((p) => p.proctorId));

    // Only the sessions of proctors who are gone are touched (and locked): a sweep never holds up the chat, saves or
    // events of sessions that are watched. No-key locks leave rows that others reference (messages, events) free.
    let gone = trx.selectFrom('attempts').select(['id', 'proctor_id', 'status']).where('proctor_id', 'is not', null).where('status', 'in', [...watchedStatuses]);
    if (presentIds.size > 0) gone = gone.where('proctor_id', 'not in', [...presentIds]);
    const watched = await gone.forNoKeyUpdate().skipLocked().execute();
    const leftBy = new Map<string, string>();
    for (const a of watched) {
      await trx.updateTable('attempts').set({ proctor_id: null, proctor_assigned_at: null, unwatched_since: a.status === 'authorised' ? null : now, updated_at: now }).where('id', '=', a.id).execute();
      await recordAttemptEvent(trx, now, { attemptId: a.id, kind: 'proctor_left', data: { proctorId: a.proctor_id, why: 'console gone' } });
      out.released.push({ attemptId: a.id, proctorId: a.proctor_id! });
      leftBy.set(a.id, a.proctor_id!);
    }

    // Those on a proctoring shift first; one whose shift is over still takes a session nobody on shift has room for.
    const duty = loadsPresent(present) ? await dutiesNow(deps) : null;
    const loads = present.filter((p) => p.accepting).map((p) => ({ proctorId: p.proctorId, load: p.load, onShift: duty!(p.proctorId).onShift }));
    // Nobody to give sessions to: the waiting ones stay as they are (an exam's start, before its proctors open their
    // consoles, would otherwise read every waiting session again on every sweep). Only each session's capacity is read,
    // not its whole policy (a stored policy has every field; the default stands in for a document older than it).
    const waiting = loads.length === 0 ? [] : await trx.selectFrom('attempts')
      .select(['id', 'status', 'paused_reason', sql<number | null>`(policy -> 'proctoring' ->> 'candidatesPerProctor')::int`.as('capacity')])
      .where('proctor_id', 'is', null).where('status', 'in', [...watchedStatuses]).where(proctoredSql)
      .where((eb) => eb.or([eb('status', '!=', 'authorised'), eb('created_at', '>', new Date(now.getTime() - staleLaunchMs))]))
      .orderBy(sql`coalesce(unwatched_since, created_at)`).forNoKeyUpdate().skipLocked().execute();
    const defaultCapacity = defaultPolicy().proctoring.candidatesPerProctor;
    const placed = assignSessions(waiting.map((w) => ({ attemptId: w.id, capacity: w.capacity ?? defaultCapacity, notTo: leftBy.get(w.id) ?? null })), loads);
    const names = new Map(present.map((p) => [p.proctorId, p.name]));
    for (const w of waiting) {
      const proctorId = placed.get(w.id);
      if (proctorId) {
        let row = await trx.updateTable('attempts').set({ proctor_id: proctorId, proctor_assigned_at: now, unwatched_since: null, updated_at: now })
          .where('id', '=', w.id).returningAll().executeTakeFirstOrThrow();
        await recordAttemptEvent(trx, now, { attemptId: w.id, kind: 'proctor_assigned', data: { proctorId, firstName: firstName(names.get(proctorId) ?? '') } });
        if (row.status === 'paused' && row.paused_reason === 'no_proctor') {
          row = await resume(deps, trx, row, now, null);
          await recordAttemptEvent(trx, now, { attemptId: w.id, kind: 'resumed', data: { why: 'a proctor joined' } });
        }
        out.assigned.push({ attemptId: w.id, proctorId });
      }
    }

    const unwatched = await trx.selectFrom('attempts').selectAll().where('proctor_id', 'is', null).where('status', '=', 'in_progress')
      .where('unwatched_since', '<=', new Date(now.getTime() - unwatchedPauseAfterMs)).where(proctoredSql).forNoKeyUpdate().skipLocked().execute();
    for (const row of unwatched) {
      await pause(trx, row, 'no_proctor', now, null);
      await recordAttemptEvent(trx, now, { attemptId: row.id, kind: 'no_proctor', data: { unwatchedSeconds: Math.round((now.getTime() - row.unwatched_since!.getTime()) / 1000) } });
      out.paused.push(row.id);
    }
    if (out.paused.length > 0) await scheduleNoProctorAlert(trx, deps);
    // Snapshots exist only to watch a running exam.
    await trx.deleteFrom('attempt_snapshots').using('attempts').whereRef('attempts.id', '=', 'attempt_snapshots.attempt_id').where('attempts.status', 'not in', [...watchedStatuses]).execute();
    return out;
  });
  for (const r of result.released) publishAttempt(deps, { id: r.attemptId, proctorId: null }, 'proctor');
  for (const a of result.assigned) publishAttempt(deps, { id: a.attemptId, proctorId: a.proctorId }, 'proctor');
  for (const id of result.paused) publishAttempt(deps, { id, proctorId: null }, 'status');
  publishSessions(deps, [...result.released, ...result.assigned].map((x) => x.proctorId));
  if (result.released.length || result.assigned.length || result.paused.length) {
    deps.log.info({ event: 'proctoring.swept', assigned: result.assigned.length, released: result.released.length, paused: result.paused.length }, 'proctoring.swept');
  }
  return result;
}

interface Sweeper {
  current: Promise<SweepResult> | null;
  queued: Promise<SweepResult> | null;
}
const sweepers = new WeakMap<Deps['db'], Sweeper>();

function startSweep(deps: Deps, s: Sweeper): Promise<SweepResult> {
  const run: Promise<SweepResult> = sweepSessions(deps).finally(() => {
    if (s.current === run) s.current = null;
  });
  s.current = run;
  return run;
}

/**
 * A sweep that begins after this call, so it sees what the caller has just changed. Calls made while a sweep runs
 * share the one queued after it: a burst of heartbeats or starts costs two sweeps, not one each.
 */
export function requestSweep(deps: Deps): Promise<SweepResult> {
  let s = sweepers.get(deps.db);
  if (!s) sweepers.set(deps.db, (s = { current: null, queued: null }));
  const sweeper = s;
  if (!sweeper.current) return startSweep(deps, sweeper);
  sweeper.queued ??= sweeper.current.catch(() => undefined).then(() => {
    sweeper.queued = null;
    return startSweep(deps, sweeper);
  });
  return sweeper.queued;
}

/** Runs the sweep every `intervalMs` in this instance (all instances may; one sweeps at a time). */
export function startProctoringWatchdog(deps: Deps, intervalMs = 10_000): { stop(): Promise<void> } {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    running ??= requestSweep(deps).catch((err) => deps.log.error({ err, event: 'proctoring.sweep_failed' }, 'proctoring.sweep_failed')).finally(() => { running = null; });
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
