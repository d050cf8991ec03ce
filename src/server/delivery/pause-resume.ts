import { sql } from 'kysely';
import { AppError } from '../../core/shared/app-error.ts';
import { transition } from '../../core/delivery/attempt-state.ts';
import { timeLeftMs } from '../../core/delivery/clock.ts';
import type { lockdownEventKinds } from '../../contracts/delivery.ts';
import { appendAudit } from '../platform/audit.ts';
import { requireRole, type Principal } from '../platform/auth.ts';
import type { Db } from '../platform/db/database.ts';
import type { Deps } from '../platform/deps.ts';
import { enqueueJob } from '../platform/jobs.ts';
import { type AttemptRow, clockOf, getAttemptRow, graceMs, policyOf, presentClock, recordAttemptEvent } from './repository.ts';
import { expiryJob } from './jobs.ts';
import { requireSafeExamBrowser, type SebRequest } from './seb.ts';
import { publishAttempt } from '../live/channels.ts';
import { requireParty } from '../proctoring/repository.ts';
import { scoreAttempt } from './submit-attempt.ts';
import { openResult } from '../results/open-result.ts';

type EventKind = (typeof lockdownEventKinds)[number];

/** Pauses a running attempt (clock stops) in the caller's transaction. */
export async function pause(trx: Db, row: AttemptRow, reason: string, now: Date, by: string | null): Promise<AttemptRow> {
  const status = transition(row.status, 'pause');
  await trx.insertInto('attempt_pauses').values({ attempt_id: row.id, reason, started_at: now, ended_at: null, started_by: by, ended_by: null }).execute();
  return trx.updateTable('attempts').set({ status, paused_reason: reason, updated_at: now }).where('id', '=', row.id).returningAll().executeTakeFirstOrThrow();
}

/** Resumes a paused attempt (clock runs again) and schedules its expiry for the new end. */
export async function resume(deps: Deps, trx: Db, row: AttemptRow, now: Date, by: string | null): Promise<AttemptRow> {
  const status = transition(row.status, 'resume');
  await trx.updateTable('attempt_pauses').set({ ended_at: now, ended_by: by }).where('attempt_id', '=', row.id).where('ended_at', 'is', null).execute();
  const resumed = await trx.updateTable('attempts').set({ status, paused_reason: null, last_seen_at: now, updated_at: now }).where('id', '=', row.id).returningAll().executeTakeFirstOrThrow();
  const left = timeLeftMs(await clockOf(trx, resumed), now);
  await enqueueJob(trx, deps, expiryJob, { attemptId: row.id }, { runAt: new Date(now.getTime() + left + graceMs) });
  return resumed;
}

/**
 * Candidate: lockdown events from the browser, for the attempt's timeline (the proctoring console will show them).
 * Leaving fullscreen pauses a running exam: the clock stops and the questions are hidden until the candidate returns.
 */
export async function recordLockdownEvents(deps: Deps, principal: Principal | null, id: string, events: { kind: EventKind; at: string; detail?: string | undefined }[], seb: SebRequest) {
  const actor = requireRole(principal, []);
  return deps.db.transaction().execute(async (trx) => {
    let row = await getAttemptRow(trx, id, { userId: actor.userId, staff: false }, true);
    const policy = policyOf(row);
    requireSafeExamBrowser(policy, seb);
    const now = deps.clock.now();
    for (const e of events) {
      await recordAttemptEvent(trx, now, { attemptId: id, kind: e.kind, actorId: actor.userId, clientAt: new Date(e.at), data: e.detail ? { detail: e.detail } : {} });
    }
    if (row.status === 'in_progress' && events.some((e) => e.kind === 'fullscreen_exit')) row = await pause(trx, row, 'fullscreen', now, actor.userId);
    // Devices the proctor relies on: the camera (when the policy pauses on its loss) and a required screen share. Off
    // pauses a running proctored exam; back on lifts that pause, and only that one.
    const proctored = policy.proctoring.proctored && !row.practice;
    const devices = [
      { off: 'camera_lost', on: 'camera_restored', reason: 'camera', applies: proctored && policy.proctoring.pauseOnCameraLoss, back: 'the camera is back' },
      { off: 'screen_share_stopped', on: 'screen_share_started', reason: 'screen', applies: proctored && policy.proctoring.requireScreenShare, back: 'the screen is shared again' },
    ] as const;
    for (const d of devices) {
      const last = events.filter((e) => e.kind === d.off || e.kind === d.on).pop();
      if (d.applies && last?.kind === d.off && row.status === 'in_progress') row = await pause(trx, row, d.reason, now, actor.userId);
      else if (last?.kind === d.on && row.status === 'paused' && row.paused_reason === d.reason) {
        row = await resume(deps, trx, row, now, actor.userId);
        await recordAttemptEvent(trx, now, { attemptId: id, kind: 'resumed', actorId: actor.userId, data: { detail: d.back } });
      }
    }
    return { row, clock: presentClock(row, await clockOf(trx, row), now) };
  }).then(({ row, clock }) => {
    if (events.length > 0) publishAttempt(deps, { id, proctorId: row.proctor_id }, 'event');
    return clock;
  });
}

/** Candidate: continues after a pause they caused (leaving fullscreen); other pauses are lifted by staff. */
export async function resumeAttempt(deps: Deps, principal: Principal | null, id: string, seb: SebRequest) {
  const actor = requireRole(principal, []);
  const out = await deps.db.transaction().execute(async (trx) => {
    let row = await getAttemptRow(trx, id, { userId: actor.userId, staff: false }, true);
    requireSafeExamBrowser(policyOf(row), seb);
    const now = deps.clock.now();
    let resumed = false;
    if (row.status === 'paused') {
      if (row.paused_reason !== 'fullscreen' && policyOf(row).proctoring.proctored) {
        throw new AppError('Forbidden', row.paused_reason === 'warning' ? 'Read and acknowledge the proctor\'s warning to continue.' : 'A proctor paused this exam; they will let you continue.');
      }
      row = await resume(deps, trx, row, now, actor.userId);
      await recordAttemptEvent(trx, now, { attemptId: id, kind: 'resumed', actorId: actor.userId });
      resumed = true;
    }
    return { row, resumed, clock: presentClock(row, await clockOf(trx, row), now) };
  });
  if (out.resumed) publishAttempt(deps, { id, proctorId: out.row.proctor_id }, 'status');
  return out.clock;
}

/** Candidate: acknowledges a proctor's warning; a pause the warning caused ends (the clock runs again). */
export async function acknowledgeWarning(deps: Deps, principal: Principal | null, id: string, seb: SebRequest) {
  const actor = requireRole(principal, []);
  const out = await deps.db.transaction().execute(async (trx) => {
    let row = await getAttemptRow(trx, id, { userId: actor.userId, staff: false }, true);
    requireSafeExamBrowser(policyOf(row), seb);
    const now = deps.clock.now();
    if (row.warning !== null) {
      row = await trx.updateTable('attempts').set({ warning: null, updated_at: now }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
      if (row.status === 'paused' && row.paused_reason === 'warning') row = await resume(deps, trx, row, now, actor.userId);
      await recordAttemptEvent(trx, now, { attemptId: id, kind: 'warning_acknowledged', actorId: actor.userId });
    }
    return { row, clock: presentClock(row, await clockOf(trx, row), now) };
  });
  publishAttempt(deps, { id, proctorId: out.row.proctor_id }, 'warning');
  return out.clock;
}

export type StaffAction = 'warn' | 'pause' | 'resume' | 'add-time' | 'rescan' | 'terminate';

/**
 * The assigned proctor or an admin: warn (the candidate must acknowledge; the clock stops until then), pause, resume,
 * add time (within the policy's total), ask for a room re-scan (the exam pauses until the candidate has filmed the room
 * again) or terminate (the reason is shown to the candidate), each with a reason, audited
 * and on the timeline. A proctor not assigned to the attempt is refused and nothing changes.
 */
export async function staffAction(deps: Deps, principal: Principal | null, id: string, action: StaffAction, body: { reason: string; note?: string | undefined; minutes?: number | undefined }) {
  const actor = requireRole(principal, ['proctor', 'admin']);
  await requireParty(deps.db, actor, id, ['proctor', 'admin']);
  const done = await deps.db.transaction().execute(async (trx) => {
    let row = await getAttemptRow(trx, id, { userId: actor.userId, staff: true }, true);
    const now = deps.clock.now();
    if (action === 'warn') {
      if (row.status !== 'in_progress' && row.status !== 'paused') transition(row.status, 'pause');
      const warning = { reason: body.reason, note: body.note ?? null, at: now.toISOString(), by: actor.userId };
      row = await trx.updateTable('attempts').set({ warning: JSON.stringify(warning), updated_at: now }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
      if (row.status === 'in_progress') row = await pause(trx, row, 'warning', now, actor.userId);
    } else if (action === 'pause') row = await pause(trx, row, 'proctor', now, actor.userId);
    else if (action === 'resume') {
      row = await resume(deps, trx, row, now, actor.userId);
      if (row.rescan_requested_at) row = await trx.updateTable('attempts').set({ rescan_requested_at: null, rescan_reason: null }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    } else if (action === 'rescan') row = await requestRescan(trx, row, body.reason, now, actor.userId);
    else if (action === 'terminate') {
      const status = transition(row.status, 'terminate');
      await trx.updateTable('attempt_pauses').set({ ended_at: now, ended_by: actor.userId }).where('attempt_id', '=', id).where('ended_at', 'is', null).execute();
      const { columns } = await scoreAttempt(trx, row);
      row = await trx.updateTable('attempts').set({ status, ended_at: now, paused_reason: null, warning: null, rescan_requested_at: null, rescan_reason: null, end_reason: body.reason, ...columns, updated_at: now }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
      // Its result is held for review (the termination is the hold's evidence).
      await openResult(trx, deps, row);
    } else {
      if (!body.minutes) throw new AppError('ValidationFailed', 'Say how many minutes to add.', { in: 'body', issues: [{ path: ['minutes'], message: 'Required for add-time.' }] });
      if (row.status !== 'in_progress' && row.status !== 'paused' && row.status !== 'authorised') transition(row.status, 'pause');
      const limit = policyOf(row).proctoring.maxAddMinutes;
      if (row.added_minutes + body.minutes > limit) {
        throw new AppError('ValidationFailed', `At most ${limit} minutes can be added to this exam in all (${row.added_minutes} added so far).`, { in: 'body', issues: [{ path: ['minutes'], message: `At most ${limit - row.added_minutes} more.` }] });
      }
      row = await trx.updateTable('attempts').set({ added_minutes: sql`added_minutes + ${body.minutes}`, updated_at: now }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    }
    await recordAttemptEvent(trx, now, { attemptId: id, kind: `staff_${action.replace('-', '_')}`, actorId: actor.userId, reason: body.reason, data: { ...(body.minutes ? { minutes: body.minutes } : {}), ...(body.note ? { detail: body.note } : {}) } });
    await appendAudit(trx, deps.clock, { actorId: actor.userId, action: `delivery.${action}`, subjectType: 'attempt', subjectId: id, data: { reason: body.reason, ...(body.note ? { note: body.note } : {}), ...(body.minutes ? { minutes: body.minutes } : {}) } });
    return { row, clock: presentClock(row, await clockOf(trx, row), now) };
  });
  publishAttempt(deps, { id, proctorId: done.row.proctor_id }, action === 'warn' ? 'warning' : 'status');
  return done.clock;
}

/** The re-scan every proctored candidate makes when back from a break. */
export const breakRescanReason = 'You are back from a break: show the room again before the exam continues.';

/** Pauses that a re-scan may take over: the exam is stopped for the proctor anyway. */
const rescanOverPauses = ['proctor', 'break_return', 'rescan'];

/**
 * Asks the candidate to film the room again: a running exam pauses (`rescan`); an exam the proctor paused, or one
 * waiting for the proctor after a break, now waits for the re-scan instead. A candidate on a break, or paused for
 * something they must fix first (full screen, camera, a warning), is asked once that is done.
 */
async function requestRescan(trx: Db, row: AttemptRow, reason: string, now: Date, by: string): Promise<AttemptRow> {
  if (!policyOf(row).proctoring.proctored || row.practice) throw new AppError('Conflict', 'This exam is not proctored.');
  if (row.status === 'in_progress') row = await pause(trx, row, 'rescan', now, by);
  else if (row.status === 'paused' && rescanOverPauses.includes(row.paused_reason ?? '')) {
    row = await trx.updateTable('attempts').set({ paused_reason: 'rescan', updated_at: now }).where('id', '=', row.id).returningAll().executeTakeFirstOrThrow();
  } else if (row.status === 'paused') {
    throw new AppError('Conflict', row.paused_reason === 'break' ? 'The candidate is on a break; ask for the re-scan when they are back.' : 'The exam is paused for something the candidate must do first; ask for the re-scan once it runs again.');
  } else transition(row.status, 'pause');
  return trx.updateTable('attempts').set({ rescan_requested_at: now, rescan_reason: reason, updated_at: now }).where('id', '=', row.id).returningAll().executeTakeFirstOrThrow();
}

/** Breaks taken so far in an attempt. */
export async function breaksTaken(db: Db, attemptId: string): Promise<number> {
  const row = await db.selectFrom('attempt_events').select((eb) => eb.fn.countAll<string>().as('n')).where('attempt_id', '=', attemptId).where('kind', '=', 'break_started').executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Candidate: starts a break when the policy allows one and breaks are left. The questions are hidden and the clock
 * stops (a break's time is settled when the candidate comes back: beyond the allowed length, or all of it when the
 * policy says breaks are taken from the exam time).
 */
export async function startBreak(deps: Deps, principal: Principal | null, id: string, seb: SebRequest) {
  const actor = requireRole(principal, []);
  const out = await deps.db.transaction().execute(async (trx) => {
    let row = await getAttemptRow(trx, id, { userId: actor.userId, staff: false }, true);
    const policy = policyOf(row);
    requireSafeExamBrowser(policy, seb);
    if (!policy.delivery.breaksAllowed) throw new AppError('Conflict', 'This exam has no breaks.');
    if (row.status !== 'in_progress') throw new AppError(row.status === 'paused' ? 'Conflict' : 'AttemptFinished', row.status === 'paused' ? 'The exam is paused; a break can start once it runs again.' : 'This exam has ended.');
    if ((await breaksTaken(trx, id)) >= policy.delivery.maxBreaks) throw new AppError('Conflict', `You have taken the ${policy.delivery.maxBreaks === 1 ? 'break' : `${policy.delivery.maxBreaks} breaks`} this exam allows.`);
    const now = deps.clock.now();
    row = await pause(trx, row, 'break', now, actor.userId);
    let locked = 0;
    if (policy.delivery.lockAnswersAtBreak) {
      // Every question answered so far is locked: its answer (and strike-outs) can no longer change.
      const answered = await trx.selectFrom('attempt_journal').select('key').where('attempt_id', '=', id).where('key', 'like', 'answer:%').where(sql<boolean>`jsonb_array_length(value) > 0`).execute();
      const keys = answered.map((a) => a.key.slice('answer:'.length));
      row = await trx.updateTable('attempts').set({ locked_items: sql`(select array(select distinct unnest(locked_items || ${keys}::text[])))`, updated_at: now }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
      locked = row.locked_items.length;
    }
    await recordAttemptEvent(trx, now, { attemptId: id, kind: 'break_started', actorId: actor.userId, data: { maxMinutes: policy.delivery.maxBreakMinutes, ...(locked ? { detail: `${locked} answered questions locked` } : {}) } });
    return { row, clock: presentClock(row, await clockOf(trx, row), now) };
  });
  publishAttempt(deps, { id, proctorId: out.row.proctor_id }, 'status');
  return out.clock;
}

/**
 * Candidate: back from a break. The break's time beyond the allowed length (all of it when breaks do not stop the
 * clock) is taken from the exam time, or, when the policy leaves an overrun to the proctor, the exam waits for them.
 * A proctored exam then asks for a room re-scan (`rescan`) and, once it is filmed, waits for the proctor to continue it
 * (`break_return`); an unproctored one continues at once.
 */
export async function endBreak(deps: Deps, principal: Principal | null, id: string, seb: SebRequest) {
  const actor = requireRole(principal, []);
  const out = await deps.db.transaction().execute(async (trx) => {
    let row = await getAttemptRow(trx, id, { userId: actor.userId, staff: false }, true);
    const policy = policyOf(row);
    requireSafeExamBrowser(policy, seb);
    const now = deps.clock.now();
    if (row.status !== 'paused' || row.paused_reason !== 'break') return { row, clock: presentClock(row, await clockOf(trx, row), now) };
    const open = await trx.selectFrom('attempt_pauses').select('started_at').where('attempt_id', '=', id).where('ended_at', 'is', null).executeTakeFirstOrThrow();
    const tookMs = now.getTime() - open.started_at.getTime();
    const allowedMs = policy.delivery.breakStopsClock ? policy.delivery.maxBreakMinutes * 60_000 : 0;
    const overrunMs = Math.max(0, tookMs - allowedMs);
    const deduct = policy.delivery.breakOverrun === 'deduct' || !policy.delivery.breakStopsClock ? Math.ceil(overrunMs / 60_000) : 0;
    const proctorDecides = overrunMs > 0 && deduct === 0;
    if (deduct > 0) row = await trx.updateTable('attempts').set({ added_minutes: sql`added_minutes - ${deduct}`, updated_at: now }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await recordAttemptEvent(trx, now, { attemptId: id, kind: 'break_ended', actorId: actor.userId, data: { seconds: Math.round(tookMs / 1000), ...(deduct > 0 ? { minutes: -deduct } : {}), ...(proctorDecides ? { detail: 'overran: the proctor decides' } : {}) } });
    const proctored = !row.practice && row.appointment_id !== null && policy.proctoring.proctored;
    if (proctored) {
      // Back at the desk: the room is filmed again (recorded), then the proctor, who has watched it, continues the exam.
      row = await trx.updateTable('attempts').set({ paused_reason: 'rescan', rescan_requested_at: now, rescan_reason: breakRescanReason, updated_at: now }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    } else if (proctorDecides) {
      row = await trx.updateTable('attempts').set({ paused_reason: 'break_return', updated_at: now }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    } else {
      row = await resume(deps, trx, row, now, actor.userId);
      await recordAttemptEvent(trx, now, { attemptId: id, kind: 'resumed', actorId: actor.userId });
    }
    return { row, clock: presentClock(row, await clockOf(trx, row), now) };
  });
  publishAttempt(deps, { id, proctorId: out.row.proctor_id }, 'status');
  return out.clock;
}

/** A room re-scan may come up this much short of the policy's length (the recorder starts and stops a little late). */
const rescanToleranceMs = 1_500;

/**
 * Candidate: the room re-scan the proctor asked for is filmed. The server checks the re-scan's recording itself: begun
 * after the request, ended, every part arrived, and at least the policy's room-scan length. Then the exam continues,
 * except after a break: then the proctor, who watched the re-scan, continues it (`break_return`).
 */
export async function completeRescan(deps: Deps, principal: Principal | null, id: string, recordingId: string, seb: SebRequest) {
  const actor = requireRole(principal, []);
  const out = await deps.db.transaction().execute(async (trx) => {
    let row = await getAttemptRow(trx, id, { userId: actor.userId, staff: false }, true);
    const policy = policyOf(row);
    requireSafeExamBrowser(policy, seb);
    if (!row.rescan_requested_at) throw new AppError('Conflict', 'No room re-scan has been asked for.');
    const rec = await trx.selectFrom('session_recordings').selectAll().where('id', '=', recordingId).where('attempt_id', '=', id).where('kind', '=', 'room_scan').executeTakeFirst();
    if (!rec) throw new AppError('NotFound', 'No such room re-scan recording.');
    if (rec.started_at < row.rescan_requested_at) throw new AppError('Conflict', 'This recording was made before the proctor asked; film the room again.');
    if (!rec.ended_at || rec.declared_chunks === null) throw new AppError('Conflict', 'Stop the recording first.');
    if (rec.chunks < rec.declared_chunks) throw new AppError('Conflict', `${rec.declared_chunks - rec.chunks} parts of the re-scan are still on their way; wait a moment.`, { retryAfterSeconds: 2 });
    const filmedMs = rec.ended_at.getTime() - rec.started_at.getTime();
    if (filmedMs + rescanToleranceMs < policy.proctoring.roomScanSeconds * 1000) {
      throw new AppError('Conflict', `The re-scan must show the room for at least ${policy.proctoring.roomScanSeconds} seconds (this one is ${Math.round(filmedMs / 1000)}); film it again.`);
    }
    const now = deps.clock.now();
    row = await trx.updateTable('attempts').set({ rescan_requested_at: null, rescan_reason: null, updated_at: now }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await recordAttemptEvent(trx, now, { attemptId: id, kind: 'rescan_completed', actorId: actor.userId, data: { seconds: Math.round(filmedMs / 1000), recordingId } });
    const open = await trx.selectFrom('attempt_pauses').select('reason').where('attempt_id', '=', id).where('ended_at', 'is', null).executeTakeFirst();
    if (row.status === 'paused' && row.paused_reason === 'rescan' && open?.reason === 'break') {
      row = await trx.updateTable('attempts').set({ paused_reason: 'break_return', updated_at: now }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    } else if (row.status === 'paused' && row.paused_reason === 'rescan') {
      row = await resume(deps, trx, row, now, actor.userId);
      await recordAttemptEvent(trx, now, { attemptId: id, kind: 'resumed', actorId: actor.userId, data: { detail: 'the room was shown again' } });
    }
    return { row, clock: presentClock(row, await clockOf(trx, row), now) };
  });
  publishAttempt(deps, { id, proctorId: out.row.proctor_id }, 'status');
  return out.clock;
}
