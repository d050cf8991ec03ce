import { sql } from 'kysely';
import { AppError } from '../../core/shared/app-error.ts';
import { isFinished } from '../../core/delivery/attempt-state.ts';
import { budgetMs, usedMs, type ClockState } from '../../core/delivery/clock.ts';
import type { JournalEntry } from '../../contracts/delivery.ts';
import { requireRole, type Principal } from '../platform/auth.ts';
import type { Db } from '../platform/db/database.ts';
import type { Deps } from '../platform/deps.ts';
import type { ExamPolicy } from '../../core/catalog/policy.ts';
import { graceMs, heartbeatMs, presentClock, recordAttemptEvent, upsertJournal, type AttemptRow } from './repository.ts';
import { requireSafeExamBrowser, type SebRequest } from './seb.ts';
import { expireNow } from './submit-attempt.ts';

const disconnectAfterMs = 3 * heartbeatMs;

const clockColumns = ['id', 'candidate_id', 'status', 'started_at', 'ended_at', 'last_seen_at', 'duration_minutes', 'extra_minutes', 'added_minutes', 'paused_reason'] as const;
type ClockRow = Pick<AttemptRow, (typeof clockColumns)[number]>;

/** The attempt's state with its pauses in one round trip (this runs on every save); not the form or policy. */
async function attemptWithClock(db: Db, id: string, candidateId: string): Promise<{ row: ClockRow; clock: ClockState }> {
  const row = await db.selectFrom('attempts').select(clockColumns)
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

/** What checking a save needs from an attempt's form and policy; both are fixed when the attempt is created. */
interface Sheet {
  seb: { required: boolean; configKey: string };
  proctored: boolean;
  disconnectGraceMinutes: number;
  items: Map<string, { optionIds: Set<string>; maxChoices: number }>;
}

// Forms and policies of attempts never change, so this per-process cache can never be stale (another instance simply
// builds its own). Bounded: the oldest entries go first.
const sheets = new Map<string, Sheet>();
const maxSheets = 20_000;

async function sheetOf(db: Db, id: string): Promise<Sheet> {
  const cached = sheets.get(id);
  if (cached) return cached;
  // Only the projection a save needs, computed in SQL: a form snapshot with its item texts is large, and after a restart
  // every running candidate's next save comes here once.
  const row = await db.selectFrom('attempts').where('id', '=', id)
    .select(sql<{ k: string; o: string[]; m: number }[]>`(select jsonb_agg(jsonb_build_object('k', i->'key', 'm', i->'content'->'maxChoices',
        'o', (select jsonb_agg(o->'id') from jsonb_array_elements(i->'content'->'options') o))) from jsonb_array_elements(form->'items') i)`.as('items'))
    .select(sql<ExamPolicy['proctoring']>`policy->'proctoring'`.as('proctoring'))
    .select(sql<number>`policy->'delivery'->'disconnectGraceMinutes'`.as('grace'))
    .executeTakeFirstOrThrow();
  // Stored policies were parsed (defaults filled) when the attempt was created, so these fields are present.
  const sheet: Sheet = {
    seb: { required: row.proctoring.requireSafeExamBrowser, configKey: row.proctoring.safeExamBrowserConfigKey },
    proctored: row.proctoring.proctored,
    disconnectGraceMinutes: row.grace,
    items: new Map(row.items.map((i) => [i.k, { optionIds: new Set(i.o), maxChoices: i.m }])),
  };
  if (sheets.size >= maxSheets) sheets.delete(sheets.keys().next().value!);
  sheets.set(id, sheet);
  return sheet;
}

/** Checks the entries name items of this attempt's form and hold valid values (nothing is saved otherwise). */
function checkEntries(sheet: Sheet, entries: readonly JournalEntry[]): void {
  const bad = (message: string, issue: string) => new AppError('ValidationFailed', message, { in: 'body', issues: [{ path: ['entries'], message: issue }] });
  for (const e of entries) {
    const [kind, itemKey] = e.key.split(':');
    const item = itemKey === undefined ? undefined : sheet.items.get(itemKey);
    if (itemKey !== undefined && !item) throw bad(`There is no question ${itemKey} in this exam.`, `Unknown item ${itemKey}.`);
    if (kind === 'answer' || kind === 'strike') {
      if (!Array.isArray(e.value)) throw bad('Answers and strike-outs are lists of option ids.', 'Not a list.');
      if (e.value.some((v) => !item!.optionIds.has(v)) || new Set(e.value).size !== e.value.length || (kind === 'answer' && e.value.length > item!.maxChoices)) {
        throw bad(`That is not a valid ${kind === 'answer' ? 'answer to' : 'strike-out on'} question ${itemKey} (choose up to ${item!.maxChoices} of its options).`, 'Invalid choice.');
      }
    }
    if (kind === 'flag' && typeof e.value !== 'boolean') throw bad('A flag is true or false.', 'Not a boolean.');
    if (e.key === 'notes' && typeof e.value !== 'string') throw bad('Notes are text.', 'Not text.');
    if (e.key === 'position' && typeof e.value !== 'number') throw bad('The position is a number.', 'Not a number.');
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
  const sheet = await sheetOf(deps.db, id);
  requireSafeExamBrowser({ proctoring: { requireSafeExamBrowser: sheet.seb.required, safeExamBrowserConfigKey: sheet.seb.configKey } }, seb);
  if (row.status === 'authorised') throw new AppError('Conflict', 'Start the exam first.');
  checkEntries(sheet, entries);

  if (isFinished(row.status)) {
    if (row.status === 'terminated' || !row.ended_at || now.getTime() - row.ended_at.getTime() > graceMs) throw new AppError('AttemptFinished', 'This exam has ended; no more answers can be saved.');
  }

  if (row.status === 'in_progress' && row.last_seen_at && now.getTime() - row.last_seen_at.getTime() > disconnectAfterMs) {
    ({ row, clock } = await recordDisconnect(deps, row, now, sheet.disconnectGraceMinutes * 60_000, sheet.proctored));
  }

  await upsertJournal(deps.db, id, entries, now);
  // Time is up and the expiry job has not run yet: in-flight saves within the grace are taken, then the exam ends here.
  if (row.status === 'in_progress' && usedMs(clock, now) - clock.budgetMs > graceMs) row = await expireNow(deps, id);
  return { ...presentClock(row, clock, now), acked: entries.map((e) => ({ key: e.key, seq: e.seq })) };
}

/** Records a disconnect as a pause from when the heartbeats stopped; over the grace, a proctored exam stays paused. */
async function recordDisconnect(deps: Deps, row: ClockRow, now: Date, graceLimitMs: number, proctored: boolean) {
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
