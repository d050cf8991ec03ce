import { storedPolicy } from '../catalog/stored-policy.ts';
import { sql } from 'kysely';
import type { Db } from '../platform/db/database.ts';
import { consoleGoneAfterMs } from '../../core/proctoring/assignment.ts';
import { budgetMs, timeLeftMs, type ClockState } from '../../core/delivery/clock.ts';
import { AppError } from '../../core/shared/app-error.ts';
import type { ProctorLive, ProctorSession } from '../../contracts/proctoring.ts';
import { appendAudit } from '../platform/audit.ts';
import { requireRole, type Principal } from '../platform/auth.ts';
import type { Deps } from '../platform/deps.ts';
import { iceServersFor } from '../platform/ice.ts';
import { recordAttemptEvent } from '../delivery/repository.ts';
import { publishAttempt, publishSessions } from '../live/channels.ts';
import { unreadChatMany } from './chat.ts';
import { listPresentProctors, requireParty, sweepNeeded, touchPresence, watchedStatuses } from './repository.ts';
import { requestSweep } from './sweep-sessions.ts';
import { dutiesNow } from '../scheduling/duty.ts';

/** Events that call for the proctor's eyes, most urgent first, and how long one keeps its marker. */
const attentionKinds = ['camera_lost', 'fullscreen_exit', 'disconnect', 'extended_display', 'visibility_hidden', 'window_blur'];
const attentionMs = 3 * 60_000;

/** The proctor's candidates, each with what the tile shows: a fixed handful of queries, however many there are. */
async function listSessions(deps: Deps, proctorId: string): Promise<ProctorSession[]> {
  const now = deps.clock.now();
  const rows = await deps.db.selectFrom('attempts').innerJoin('users', 'users.id', 'attempts.candidate_id').innerJoin('exams', 'exams.id', 'attempts.exam_id')
    .select(['attempts.id', 'attempts.candidate_id', 'attempts.status', 'attempts.paused_reason', 'attempts.policy', 'attempts.started_at', 'attempts.duration_minutes', 'attempts.extra_minutes',
      'attempts.added_minutes', 'attempts.proctor_assigned_at', 'attempts.warning', 'users.legal_name', 'exams.code', 'exams.title'])
    .where('attempts.proctor_id', '=', proctorId).where('attempts.status', 'in', [...watchedStatuses]).orderBy('attempts.proctor_assigned_at').execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [events, unread, pauses, snapshots] = await Promise.all([
    // The last 30 events of each session (the newest is the tile's "last event"; the recent ones raise markers).
    sql<{ id: string; kind: string; at: Date }>`select s.id, e.kind, e.at from unnest(${ids}::uuid[]) as s(id)
      cross join lateral (select kind, at from attempt_events where attempt_id = s.id order by id desc limit 30) as e`.execute(deps.db).then((r) => r.rows),
    unreadChatMany(deps.db, ids, proctorId),
    deps.db.selectFrom('attempt_pauses').select(['attempt_id', 'started_at', 'ended_at']).where('attempt_id', 'in', ids).orderBy('started_at').execute(),
    deps.db.selectFrom('attempt_snapshots').select(['attempt_id', 'taken_at']).where('attempt_id', 'in', ids).execute(),
  ]);
  const eventsOf = groupBy(events, (e) => e.id);
  const pausesOf = groupBy(pauses, (p) => p.attempt_id);
  const snapshotOf = new Map(snapshots.map((x) => [x.attempt_id, x.taken_at]));
  return rows.map((r) => {
    const policy = storedPolicy(r.policy);
    const mine = eventsOf.get(r.id) ?? [];
    const recent = mine.filter((e) => now.getTime() - e.at.getTime() < attentionMs);
    const unreadCount = unread.get(r.id) ?? 0;
    const attention = attentionKinds.filter((k) => recent.some((e) => e.kind === k)
      // A marker clears when the candidate came back (camera restored, fullscreen re-entered) after it.
      && !recent.some((e) => e.at >= recent.find((x) => x.kind === k)!.at && ((k === 'camera_lost' && e.kind === 'camera_restored') || (k === 'fullscreen_exit' && e.kind === 'fullscreen_enter') || (k === 'visibility_hidden' && e.kind === 'visibility_visible') || (k === 'window_blur' && e.kind === 'window_focus'))));
    if (r.status === 'paused' && r.paused_reason === 'break_return') attention.unshift('break_return');
    if (r.status === 'paused' && r.paused_reason === 'disconnect' && !attention.includes('disconnect')) attention.push('disconnect');
    if (unreadCount > 0) attention.push('chat');
    if (r.warning) attention.push('warning_pending');
    const clock: ClockState = {
      startedAt: r.started_at, budgetMs: budgetMs(r.duration_minutes, r.extra_minutes, r.added_minutes),
      pauses: (pausesOf.get(r.id) ?? []).map((p) => ({ from: p.started_at, to: p.ended_at })),
    };
    const last = mine[0];
    return {
      attemptId: r.id, candidateId: r.candidate_id, candidateName: r.legal_name, examCode: r.code, examTitle: r.title,
      status: r.status, pausedReason: r.status === 'paused' ? r.paused_reason : null,
      pausedSince: r.status === 'paused' ? (clock.pauses.find((p) => p.to === null)?.from.toISOString() ?? null) : null,
      timeLeftMs: Math.round(r.status === 'authorised' ? clock.budgetMs : timeLeftMs(clock, now)), serverNow: now.toISOString(),
      assignedAt: r.proctor_assigned_at?.toISOString() ?? null,
      lastEvent: last ? { kind: last.kind, at: last.at.toISOString() } : null,
      unread: unreadCount, attention, warningPending: r.warning !== null, snapshotAt: snapshotOf.get(r.id)?.toISOString() ?? null, addedMinutes: r.added_minutes, maxAddMinutes: policy.proctoring.maxAddMinutes,
      interventionReasons: policy.proctoring.interventionReasons, cannedMessages: policy.proctoring.cannedMessages,
    };
  });
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

async function consoleView(deps: Deps, proctorId: string, accepting: boolean): Promise<ProctorLive> {
  const now = deps.clock.now();
  const [present, unassigned, sessions, duty] = await Promise.all([
    listPresentProctors(deps.db, new Date(now.getTime() - consoleGoneAfterMs)),
    deps.db.selectFrom('attempts').select((eb) => eb.fn.countAll<string>().as('n'))
      .where('proctor_id', 'is', null).where('status', 'in', ['in_progress', 'paused']).where('practice', '=', false).where('appointment_id', 'is not', null)
      .where('unwatched_since', 'is not', null).executeTakeFirstOrThrow(),
    listSessions(deps, proctorId),
    dutiesNow(deps),
  ]);
  const mine = duty(proctorId);
  return {
    accepting,
    shift: { onShift: mine.onShift, until: mine.until?.toISOString() ?? null, next: mine.next?.toISOString() ?? null },
    sessions,
    unassigned: Number(unassigned.n),
    colleagues: present.filter((p) => p.proctorId !== proctorId && p.accepting).map((p) => ({ id: p.proctorId, name: p.name, load: p.load, onShift: duty(p.proctorId).onShift })),
    iceServers: iceServersFor(deps.config, proctorId, now),
  };
}

/**
 * Proctor: the console is open (sent every 10 s). Marks the proctor present, lets the sweep hand out waiting sessions
 * and take away those of proctors who are gone, and returns this proctor's sessions.
 */
export async function proctorHeartbeat(deps: Deps, principal: Principal | null): Promise<ProctorLive> {
  const actor = requireRole(principal, ['proctor']);
  const now = deps.clock.now();
  const { accepting, seenBefore } = await touchPresence(deps.db, actor.userId, now);
  // A sweep only when it has work: this proctor has just come (or come back), a session waits, or a colleague's
  // console went silent. Routine heartbeats of a full console cost two index lookups.
  const goneBefore = new Date(now.getTime() - consoleGoneAfterMs);
  const arrived = seenBefore === null || seenBefore < goneBefore;
  if (arrived || await sweepNeeded(deps.db, now, goneBefore)) await requestSweep(deps);
  return consoleView(deps, actor.userId, accepting);
}

/** Proctor: the console as it is now (no presence change). */
export async function getProctorConsole(deps: Deps, principal: Principal | null): Promise<ProctorLive> {
  const actor = requireRole(principal, ['proctor']);
  const row = await deps.db.selectFrom('proctor_presence').select('accepting').where('proctor_id', '=', actor.userId).executeTakeFirst();
  return consoleView(deps, actor.userId, row?.accepting ?? true);
}

/**
 * Proctor: stop taking new sessions (end of shift) or take them again. Signing off hands every current session to a
 * colleague with room (or back to the pool until one has), each with a handover note on its timeline.
 */
export async function setAccepting(deps: Deps, principal: Principal | null, accepting: boolean): Promise<ProctorLive> {
  const actor = requireRole(principal, ['proctor']);
  const now = deps.clock.now();
  await touchPresence(deps.db, actor.userId, now, accepting);
  if (!accepting) {
    const mine = await deps.db.selectFrom('attempts').select('id').where('proctor_id', '=', actor.userId).where('status', 'in', [...watchedStatuses]).execute();
    for (const m of mine) await handOver(deps, actor, m.id, { note: 'End of shift' });
  }
  await requestSweep(deps);
  return consoleView(deps, actor.userId, accepting);
}

/**
 * Proctor (assigned) or admin: hands a session to a colleague whose console is open, or back to the pool (the sweep
 * then gives it to whoever has room, never straight back). The note goes on the timeline for the next proctor.
 */
export async function handOverSession(deps: Deps, principal: Principal | null, attemptId: string, input: { toProctorId?: string | undefined; note?: string | undefined }): Promise<void> {
  const actor = requireRole(principal, ['proctor', 'admin']);
  await requireParty(deps.db, actor, attemptId, ['proctor', 'admin']);
  await handOver(deps, actor, attemptId, input);
  await requestSweep(deps);
}

async function handOver(deps: Deps, actor: Principal, attemptId: string, input: { toProctorId?: string | undefined; note?: string | undefined }) {
  const now = deps.clock.now();
  const moved = await deps.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('attempts').select(['id', 'proctor_id', 'status']).where('id', '=', attemptId).forUpdate().executeTakeFirstOrThrow();
    if (!watchedStatuses.includes(row.status as 'in_progress')) throw new AppError('AttemptFinished', 'This exam has ended; there is nothing to hand over.');
    let to: string | null = null;
    if (input.toProctorId) {
      const present = await listPresentProctors(trx, new Date(now.getTime() - consoleGoneAfterMs));
      const target = present.find((p) => p.proctorId === input.toProctorId && p.accepting);
      if (!target) throw new AppError('Conflict', 'That proctor is not on the console or takes no new sessions; choose another or hand it to the pool.');
      to = target.proctorId;
    }
    await trx.updateTable('attempts').set({ proctor_id: to, proctor_assigned_at: to ? now : null, unwatched_since: to || row.status === 'authorised' ? null : now, updated_at: now }).where('id', '=', attemptId).execute();
    await recordAttemptEvent(trx, now, { attemptId, kind: 'proctor_handover', actorId: actor.userId, reason: input.note ?? null, data: { from: row.proctor_id, to } });
    await appendAudit(trx, deps.clock, { actorId: actor.userId, action: 'proctoring.handover', subjectType: 'attempt', subjectId: attemptId, data: { from: row.proctor_id, to, note: input.note ?? null } });
    return { from: row.proctor_id, to };
  });
  publishAttempt(deps, { id: attemptId, proctorId: moved.to }, 'proctor');
  publishSessions(deps, [moved.from, moved.to].filter((x): x is string => x !== null));
}

/** The assigned proctor or an admin: everything that happened in an attempt, oldest first. */
export async function getTimeline(deps: Deps, principal: Principal | null, attemptId: string) {
  const actor = requireRole(principal, ['proctor', 'admin']);
  await requireParty(deps.db, actor, attemptId, ['proctor', 'admin']);
  return { events: await timelineEntries(deps.db, attemptId, (r) => r.legal_name) };
}

/** An attempt's events as timeline entries, oldest first (at most 500); `actorName` decides how each actor is named. */
export async function timelineEntries(db: Db, attemptId: string, actorName: (r: { actor_id: string | null; legal_name: string | null }) => string | null) {
  const rows = await db.selectFrom('attempt_events').leftJoin('users', 'users.id', 'attempt_events.actor_id')
    .select(['attempt_events.kind', 'attempt_events.at', 'attempt_events.reason', 'attempt_events.data', 'attempt_events.actor_id', 'users.legal_name'])
    .where('attempt_id', '=', attemptId).orderBy('at').limit(500).execute();
  return rows.map((r) => {
    const data = (r.data ?? {}) as Record<string, unknown>;
    const detail = typeof data.minutes === 'number' ? `${data.minutes} min` : typeof data.seconds === 'number' ? (r.kind === 'rescan_completed' ? `${data.seconds} s filmed` : `${data.seconds} s away`) : typeof data.detail === 'string' ? data.detail : null;
    return { kind: r.kind, at: r.at.toISOString(), actor: actorName(r), reason: r.reason, detail };
  });
}
