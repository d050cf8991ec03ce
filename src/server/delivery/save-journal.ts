import { sql } from 'kysely';
import { AppError } from '../../core/shared/app-error.ts';
import { isFinished } from '../../core/delivery/attempt-state.ts';
import { budgetMs, usedMs, type ClockState } from '../../core/delivery/clock.ts';
import type { JournalEntry } from '../../contracts/delivery.ts';
import { requireRole, type Principal } from '../platform/auth.ts';
import type { Db } from '../platform/db/database.ts';
import type { Deps } from '../platform/deps.ts';
import { graceMs, heartbeatMs, policyOf, presentClock, recordAttemptEvent, upsertJournal, type AttemptRow } from './repository.ts';
import { requireSafeExamBrowser, type SebRequest } from './seb.ts';
import { expireNow } from './submit-attempt.ts';

const disconnectAfterMs = 3 * heartbeatMs;

/** The attempt row with its pauses in one round trip (this runs on every save). */
async function attemptWithClock(db: Db, id: string, candidateId: string): Promise<{ row: AttemptRow; clock: ClockState }> {
  const row = await db.selectFrom('attempts').selectAll()
    .select((eb) => eb.fn.coalesce(
      eb.selectFrom('attempt_pauses').select(sql<unknown>`json_agg(json_build_array(started_at, ended_at) order by started_at)`.as('p')).whereRef('attempt_pauses.attempt_id', '=', 'attempts.id'),
      sql<unknown>`'[]'::json`,
    ).as('pause_list'))
    .where('id', '=', id).where('candidate_id', '=', candidateId).executeTakeFirst();
  if (!row) throw new AppError('NotFound', 'No such exam attempt.');
  const { pause_list, ...attempt } = row;
  const pauses = (pause_list as [string, string | null][]).map(([from, to]) => ({ from: new Date(from), to: to === null ? null : new Date(to) }));
  return { row: attempt, clock: { startedAt: attempt.started_at, budgetMs: budgetMs(attempt.duration_minutes, attempt.extra_minutes, attempt.added_minutes), pauses } };
}

/** Checks the entries name items of this attempt's form (answers to items it does not have are refused). */
function checkKeys(row: AttemptRow, entries: readonly JournalEntry[]): void {
  const keys = new Set((row.form as { items: { key: string; content: { options: { id: string }[]; maxChoices: number } }[] }).items.map((i) => i.key));
  for (const e of entries) {
    const [kind, itemKey] = e.key.split(':');
    if (itemKey !== undefined && !keys.has(itemKey)) throw new AppError('ValidationFailed', `There is no question ${itemKey} in this exam.`, { in: 'body', issues: [{ path: ['entries'], message: `Unknown item ${itemKey}.` }] });
    if (kind === 'answer' && !Array.isArray(e.value)) throw new AppError('ValidationFailed', 'An answer is a list of option ids.', { in: 'body', issues: [{ path: ['entries'], message: 'Not a list.' }] });
    if (kind === 'flag' && typeof e.value !== 'boolean') throw new AppError('ValidationFailed', 'A flag is true or false.', { in: 'body', issues: [{ path: ['entries'], message: 'Not a boolean.' }] });
    if (e.key === 'notes' && typeof e.value !== 'string') throw new AppError('ValidationFailed', 'Notes are text.', { in: 'body', issues: [{ path: ['entries'], message: 'Not text.' }] });
    if (e.key === 'position' && typeof e.value !== 'number') throw new AppError('ValidationFailed', 'The position is a number.', { in: 'body', issues: [{ path: ['entries'], message: 'Not a number.' }] });
  }
  for (const e of entries) {
    if (!e.key.startsWith('answer:') || !Array.isArray(e.value)) continue;
    const item = (row.form as { items: { key: string; content: { options: { id: string }[]; maxChoices: number } }[] }).items.find((i) => `answer:${i.key}` === e.key)!;
    const ids = new Set(item.content.options.map((o) => o.id));
    if (e.value.some((v) => !ids.has(v)) || new Set(e.value).size !== e.value.length || e.value.length > item.content.maxChoices) {
      throw new AppError('ValidationFailed', `That is not a valid answer to question ${item.key} (choose up to ${item.content.maxChoices} of its options).`, { in: 'body', issues: [{ path: ['entries'], message: 'Invalid choice.' }] });
    }
  }
}

/**
 * Candidate: saves journal entries (answers, flags, strike-outs, notes, position) and acknowledges them; an empty
 * batch is a heartbeat. A long silence since the last save is a disconnect: the clock did not run meanwhile (a
 * closed pause is recorded), and for a proctored exam a silence longer than the policy's grace leaves the exam
 * paused until staff decide. Saves after the end are taken within a short grace, then refused.
 */
export async function saveJournal(deps: Deps, principal: Principal | null, id: string, entries: readonly JournalEntry[], seb: SebRequest) {
  const actor = requireRole(principal, []);
  const now = deps.clock.now();
  let { row, clock } = await attemptWithClock(deps.db, id, actor.userId);
  const policy = policyOf(row);
  requireSafeExamBrowser(policy, seb);
  if (row.status === 'authorised') throw new AppError('Conflict', 'Start the exam first.');
  checkKeys(row, entries);

  if (isFinished(row.status)) {
    if (row.status === 'terminated' || !row.ended_at || now.getTime() - row.ended_at.getTime() > graceMs) throw new AppError('AttemptFinished', 'This exam has ended; no more answers can be saved.');
  }

  if (row.status === 'in_progress' && row.last_seen_at && now.getTime() - row.last_seen_at.getTime() > disconnectAfterMs) {
    ({ row, clock } = await recordDisconnect(deps, row, now, policy.delivery.disconnectGraceMinutes * 60_000, policy.proctoring.proctored));
  }

  await upsertJournal(deps.db, id, entries, now);
  // Time is up and the expiry job has not run yet: in-flight saves within the grace are taken, then the exam ends here.
  if (row.status === 'in_progress' && usedMs(clock, now) - clock.budgetMs > graceMs) row = await expireNow(deps, id);
  return { ...presentClock(row, clock, now), acked: entries.map((e) => ({ key: e.key, seq: e.seq })) };
}

/** Records a disconnect as a pause from when the heartbeats stopped; over the grace, a proctored exam stays paused. */
async function recordDisconnect(deps: Deps, row: AttemptRow, now: Date, graceLimitMs: number, proctored: boolean) {
  return deps.db.transaction().execute(async (trx) => {
    const locked = await trx.selectFrom('attempts').selectAll().where('id', '=', row.id).forUpdate().executeTakeFirstOrThrow();
    if (locked.status !== 'in_progress' || !locked.last_seen_at || now.getTime() - locked.last_seen_at.getTime() <= disconnectAfterMs) {
      return attemptWithClock(trx, row.id, row.candidate_id);
    }
    const from = new Date(locked.last_seen_at.getTime() + heartbeatMs);
    const away = now.getTime() - from.getTime();
    const holdForStaff = proctored && away > graceLimitMs;
    await trx.insertInto('attempt_pauses').values({ attempt_id: row.id, reason: 'disconnect', started_at: from, ended_at: holdForStaff ? null : now, started_by: null, ended_by: null }).execute();
    if (holdForStaff) await trx.updateTable('attempts').set({ status: 'paused', paused_reason: 'disconnect', updated_at: now }).where('id', '=', row.id).execute();
    await recordAttemptEvent(trx, now, { attemptId: row.id, kind: 'disconnect', data: { from: from.toISOString(), seconds: Math.round(away / 1000), heldForStaff: holdForStaff } });
    return attemptWithClock(trx, row.id, row.candidate_id);
  });
}
