import { publishAttempt, publishSessions } from '../live/channels.ts';
import { isFinished, transition } from '../../core/delivery/attempt-state.ts';
import { equatedScore, rawCut, rawScore, scaledScore } from '../../core/delivery/scoring.ts';
import { timeLeftMs, usedMs, type ClockState } from '../../core/delivery/clock.ts';
import type { Attempt, JournalEntry } from '../../contracts/delivery.ts';
import { requireRole, type Principal } from '../platform/auth.ts';
import type { Db } from '../platform/db/database.ts';
import type { Deps } from '../platform/deps.ts';
import { type AttemptRow, clockOf, formOf, getAttemptRow, graceMs, loadJournal, policyOf, presentAttempt, recordAttemptEvent, upsertJournal } from './repository.ts';
import { requireSafeExamBrowser, type SebRequest } from './seb.ts';
import { openResult } from '../results/open-result.ts';

/** The attempt's scores from its saved answers (raw, per domain, the form's cut, scaled), as columns to write. */
export async function scoreAttempt(trx: Db, row: AttemptRow) {
  const exam = await trx.selectFrom('exams').select(['scale_min', 'scale_max', 'passing_score']).where('id', '=', row.exam_id).executeTakeFirstOrThrow();
  const journal = await loadJournal(trx, row.id);
  const answers = new Map(journal.filter((j) => j.key.startsWith('answer:') && Array.isArray(j.value)).map((j) => [j.key.slice(7), j.value as string[]]));
  const form = formOf(row);
  const score = rawScore(form.map((f) => ({ key: f.key, domain: f.domain, scored: f.scored, content: f.content })), answers);
  // The program's equating table of the fixed form when it supplied one (checked against this form when set), else
  // the exam's conversion through the policy's raw cut.
  const equated = row.equating && row.equating.length === score.max + 1 ? equatedScore(score.raw, row.equating, exam.passing_score) : null;
  const cut = equated ? equated.cut : rawCut(score.max, policyOf(row).results.rawCutPercent);
  const scaled = equated ? equated.scaled : scaledScore(score.raw, score.max, cut, { min: exam.scale_min, max: exam.scale_max, passing: exam.passing_score });
  return {
    answered: answers.size,
    columns: { raw_score: score.raw, max_score: score.max, raw_cut: cut, scaled_score: scaled, passed: score.raw >= cut, domain_scores: JSON.stringify(score.byDomain) },
  };
}

/**
 * Scores the attempt from its saved answers and ends it with `status` (submitted or expired), in the caller's
 * transaction; its official result enters validation.
 */
export async function finishAttempt(trx: Db, deps: Pick<Deps, 'db' | 'ids' | 'clock' | 'config'>, row: AttemptRow, status: 'submitted' | 'expired', endedAt: Date, now: Date): Promise<AttemptRow> {
  const { answered, columns } = await scoreAttempt(trx, row);
  await trx.updateTable('attempt_pauses').set({ ended_at: endedAt }).where('attempt_id', '=', row.id).where('ended_at', 'is', null).execute();
  const done = await trx.updateTable('attempts').set({ status, ended_at: endedAt, paused_reason: null, ...columns, updated_at: now }).where('id', '=', row.id).returningAll().executeTakeFirstOrThrow();
  if (row.appointment_id) await trx.updateTable('appointments').set({ status: 'completed', updated_at: now }).where('id', '=', row.appointment_id).where('status', 'in', ['booked', 'checked_in']).execute();
  await recordAttemptEvent(trx, now, { attemptId: row.id, kind: status, data: { answered, items: formOf(row).length } });
  await openResult(trx, deps, done);
  return done;
}

/**
 * Candidate: submits the exam. Unacknowledged journal entries travel with the request and are saved first, so nothing
 * typed before the click is lost. Submitting twice returns the same result; a submit shortly after the time ran out is
 * taken as the expiry (with the in-flight entries).
 */
export async function submitAttempt(deps: Deps, principal: Principal | null, id: string, entries: readonly JournalEntry[], seb: SebRequest): Promise<Attempt> {
  const attempt = await submitInTransaction(deps, principal, id, entries, seb);
  const row = await deps.db.selectFrom('attempts').select('proctor_id').where('id', '=', id).executeTakeFirst();
  if (row?.proctor_id) {
    publishAttempt(deps, { id, proctorId: row.proctor_id }, 'status');
    publishSessions(deps, [row.proctor_id]);
  }
  return attempt;
}

async function submitInTransaction(deps: Deps, principal: Principal | null, id: string, entries: readonly JournalEntry[], seb: SebRequest): Promise<Attempt> {
  const actor = requireRole(principal, []);
  return deps.db.transaction().execute(async (trx) => {
    const row = await getAttemptRow(trx, id, { userId: actor.userId, staff: false }, true);
    requireSafeExamBrowser(policyOf(row), seb);
    const now = deps.clock.now();
    if (isFinished(row.status)) {
      if (row.status !== 'terminated' && row.ended_at && now.getTime() - row.ended_at.getTime() <= graceMs && entries.length) {
        await upsertJournal(trx, id, unlocked(row, entries), now);
        return presentAttempt(trx, await finishAttempt(trx, deps, row, row.status as 'submitted' | 'expired', row.ended_at, now), now);
      }
      return presentAttempt(trx, row, now);
    }
    transition(row.status, 'submit');
    await upsertJournal(trx, id, unlocked(row, entries), now);
    const clock = await clockOf(trx, row);
    const left = timeLeftMs(clock, now);
    const ranOut = row.status === 'in_progress' && left === 0;
    // Past the end (within the grace): the exam expired at its end; the entries still count.
    const endedAt = ranOut ? endOfTime(clock, now) : now;
    return presentAttempt(trx, await finishAttempt(trx, deps, row, ranOut ? 'expired' : 'submitted', endedAt, now), now);
  });
}

/** Entries that do not touch a question locked at a break (a submit never fails for them: they are left out). */
function unlocked(row: AttemptRow, entries: readonly JournalEntry[]): JournalEntry[] {
  const locked = new Set(row.locked_items);
  return entries.filter((e) => !((e.key.startsWith('answer:') || e.key.startsWith('strike:')) && locked.has(e.key.slice(e.key.indexOf(':') + 1))));
}

/** The instant the time ran out (for a clock that has run out by `now`). */
const endOfTime = (clock: ClockState, now: Date) => new Date(now.getTime() - (usedMs(clock, now) - clock.budgetMs));

/** Ends a running attempt whose time is up (used by the expiry job and by a late save); returns the row as it is now. */
export async function expireNow(deps: Pick<Deps, 'db' | 'clock' | 'ids' | 'config'>, id: string, trx?: Db): Promise<AttemptRow> {
  const run = async (t: Db) => {
    const row = await t.selectFrom('attempts').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    if (row.status !== 'in_progress') return row;
    const now = deps.clock.now();
    const clock = await clockOf(t, row);
    if (timeLeftMs(clock, now) > 0) return row;
    transition(row.status, 'expire');
    return finishAttempt(t, deps, row, 'expired', endOfTime(clock, now), now);
  };
  return trx ? run(trx) : deps.db.transaction().execute(run);
}
