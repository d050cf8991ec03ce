import { sql } from 'kysely';
import { AppError } from '../../core/shared/app-error.ts';
import { budgetMs, type ClockState } from '../../core/delivery/clock.ts';
import type { JournalEntry } from '../../contracts/delivery.ts';
import { requireRole, type Principal } from '../platform/auth.ts';
import type { Db } from '../platform/db/database.ts';
import type { Deps } from '../platform/deps.ts';
import type { ExamPolicy } from '../../core/catalog/policy.ts';
import { heartbeatMs, presentClock, recordAttemptEvent } from './repository.ts';
import { journalWriter, type ClockRow } from './journal-writer.ts';
import { requireSafeExamBrowser, type SebRequest } from './seb.ts';
import { expireNow } from './submit-attempt.ts';

const disconnectAfterMs = 3 * heartbeatMs;

/** What checking a save needs from an attempt's form and policy; both are fixed when the attempt is created. */
interface Sheet {
  candidateId: string;
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
    .select('candidate_id')
    .executeTakeFirst();
  if (!row) throw new AppError('NotFound', 'No such exam attempt.');
  // Stored policies were parsed (defaults filled) when the attempt was created, so these fields are present.
  const sheet: Sheet = {
    candidateId: row.candidate_id,
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

/** Writes a save through the instance's group commit; resolves after its commit, with the clock as read. */
async function saveEntries(db: Db, id: string, candidateId: string, entries: readonly JournalEntry[], now: Date) {
  const best = new Map<string, JournalEntry>();
  for (const e of entries) if ((best.get(e.key)?.seq ?? 0) < e.seq) best.set(e.key, e);
  const touched = [...new Set([...best.keys()].filter((k) => k.startsWith('answer:') || k.startsWith('strike:')).map((k) => k.slice(k.indexOf(':') + 1)))];
  const outcome = await journalWriter(db).save({ attemptId: id, candidateId, entries: [...best.values()], touched, now });
  if (!outcome) return undefined;
  const { row, pauses, lockedHit, accepted } = outcome;
  if (lockedHit.length > 0) {
    throw new AppError('ValidationFailed', `The answer to question ${lockedHit[0]} was locked at your break and cannot be changed.`, { in: 'body', issues: [{ path: ['entries'], message: `Locked: ${lockedHit.join(', ')}.` }] });
  }
  const clock: ClockState = {
    startedAt: row.started_at, budgetMs: budgetMs(row.duration_minutes, row.extra_minutes, row.added_minutes),
    pauses: pauses.map(([from, to]) => ({ from: new Date(from), to: to === null ? null : new Date(to) })),
  };
  return { row, clock, accepted };
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
  const sheet = await sheetOf(deps.db, id);
  if (sheet.candidateId !== actor.userId) throw new AppError('NotFound', 'No such exam attempt.');
  requireSafeExamBrowser({ proctoring: { requireSafeExamBrowser: sheet.seb.required, safeExamBrowserConfigKey: sheet.seb.configKey } }, seb);
  checkEntries(sheet, entries);

  let saved = await saveEntries(deps.db, id, actor.userId, entries, now);
  if (!saved) throw new AppError('NotFound', 'No such exam attempt.');
  const seenBefore = saved.row.last_seen_at;
  if (saved.row.status === 'in_progress' && seenBefore && now.getTime() - seenBefore.getTime() > disconnectAfterMs) {
    // The clock must not have run while the candidate was away: record that, then (if the save was refused as
    // overdue only because the absence was not yet a pause) save again.
    await recordDisconnect(deps, saved.row, seenBefore, now, sheet.disconnectGraceMinutes * 60_000, sheet.proctored);
    saved = (await saveEntries(deps.db, id, actor.userId, entries, now))!;
  }
  let { row } = saved;
  const { clock } = saved;
  if (!saved.accepted) {
    if (row.status === 'authorised') throw new AppError('Conflict', 'Start the exam first.');
    // Past its end and the grace, and the expiry job has not run yet: end it here.
    if (row.status === 'in_progress') row = await expireNow(deps, id);
    throw new AppError('AttemptFinished', 'This exam has ended; no more answers can be saved.');
  }
  return { ...presentClock(row, clock, now), acked: entries.map((e) => ({ key: e.key, seq: e.seq })) };
}

/**
 * Records a disconnect as a pause from when the heartbeats stopped (`seenBefore` + one heartbeat); over the grace, a
 * proctored exam stays paused. Two saves arriving together after the gap record it once.
 */
async function recordDisconnect(deps: Deps, row: ClockRow, seenBefore: Date, now: Date, graceLimitMs: number, proctored: boolean): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const locked = await trx.selectFrom('attempts').select('status').where('id', '=', row.id).forUpdate().executeTakeFirstOrThrow();
    const from = new Date(seenBefore.getTime() + heartbeatMs);
    const already = await trx.selectFrom('attempt_pauses').select('id').where('attempt_id', '=', row.id).where('started_at', '=', from).executeTakeFirst();
    if (locked.status !== 'in_progress' || already) return;
    const away = now.getTime() - from.getTime();
    const holdForStaff = proctored && away > graceLimitMs;
    await trx.insertInto('attempt_pauses').values({ attempt_id: row.id, reason: 'disconnect', started_at: from, ended_at: holdForStaff ? null : now, started_by: null, ended_by: null }).execute();
    if (holdForStaff) await trx.updateTable('attempts').set({ status: 'paused', paused_reason: 'disconnect', updated_at: now }).where('id', '=', row.id).execute();
    await recordAttemptEvent(trx, now, { attemptId: row.id, kind: 'disconnect', data: { from: from.toISOString(), seconds: Math.round(away / 1000), heldForStaff: holdForStaff } });
  });
}
