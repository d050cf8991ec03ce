import { sql } from 'kysely';
import { scoreResponse } from '../../core/catalog/item.ts';
import { usedMs } from '../../core/delivery/clock.ts';
import { maxPoints } from '../../core/delivery/scoring.ts';
import { domainFeedback, fastAnswering, identicalWrongAnswers, scoreJump, similarEnough, type Hold } from '../../core/results/validation.ts';
import type { Db } from '../platform/db/database.ts';
import type { Deps } from '../platform/deps.ts';
import { enqueueJob } from '../platform/jobs.ts';
import { clockOf, formOf, loadJournal, policyOf, type AttemptRow } from '../delivery/repository.ts';
import { releaseJob, releaseResult } from './release.ts';

/** How far back, and how many, other candidates' sheets on the same exam are compared for identical wrong answers. */
const similarityWindowDays = 90;
const similaritySheets = 300;

const answersOf = (journal: { key: string; value: unknown }[]) =>
  new Map(journal.filter((j) => j.key.startsWith('answer:') && Array.isArray(j.value) && (j.value as unknown[]).length > 0).map((j) => [j.key.slice(7), j.value as string[]]));

/**
 * A finished appointment attempt's official result enters validation (in the caller's transaction, with the scores
 * just written): domain feedback, the statistical checks and the proctor's incidents decide whether it is held; a
 * result with nothing against it is released after the policy's delay (at once with 0). Practice attempts have none.
 * The appointment's outcome (what retake rules read) is set from the provisional pass or fail.
 */
export async function openResult(trx: Db, deps: Pick<Deps, 'db' | 'ids' | 'clock' | 'config'>, row: AttemptRow): Promise<void> {
  const { scaled_score: scaled, passed, ended_at: endedAt } = row;
  if (row.practice || !row.appointment_id || scaled === null || passed === null || !endedAt) return;
  const policy = policyOf(row);
  const exam = await trx.selectFrom('exams').select(['scale_min', 'scale_max', 'passing_score']).where('id', '=', row.exam_id).executeTakeFirstOrThrow();
  const now = deps.clock.now();
  const at = now.toISOString();
  const holds: Hold[] = [];

  if (row.status === 'terminated') holds.push({ reason: 'terminated', evidence: `Ended by staff: ${row.end_reason ?? 'no reason given'}`, at });
  const warnings = await trx.selectFrom('attempt_events').select(['reason', 'at']).where('attempt_id', '=', row.id).where('kind', '=', 'staff_warn').orderBy('at').execute();
  if (warnings.length > 0) holds.push({ reason: 'proctor_incident', evidence: `${warnings.length} proctor warning${warnings.length === 1 ? '' : 's'}: ${warnings.map((w) => w.reason).join('; ')}`, at });

  const form = formOf(row);
  const scored = form.filter((f) => f.scored);
  const fast = fastAnswering(usedMs(await clockOf(trx, row), endedAt), scored.length, passed, policy.results.holdMinSecondsPerItem);
  if (fast !== null) holds.push({ reason: 'fast_answering', evidence: `${fast} s per scored item (the policy holds passes under ${policy.results.holdMinSecondsPerItem} s)`, at });

  const previous = await trx.selectFrom('results').select(['scaled_score', 'taken_at']).where('candidate_id', '=', row.candidate_id).where('exam_id', '=', row.exam_id)
    .where('attempt_id', '!=', row.id).where('state', '!=', 'invalidated').where('taken_at', '<', endedAt).orderBy('taken_at', 'desc').limit(1).executeTakeFirst();
  const jump = scoreJump(previous?.scaled_score ?? null, scaled, { min: exam.scale_min, max: exam.scale_max }, policy.results.holdScoreJumpPercent);
  if (jump !== null) holds.push({ reason: 'score_jump', evidence: `${jump} points above the previous attempt (${previous!.scaled_score} on ${previous!.taken_at.toISOString().slice(0, 10)})`, at });

  if (policy.results.holdSimilarWrongAnswers > 0) {
    const content = new Map(scored.map((f) => [f.key, f.content]));
    const correct = (key: string, choice: readonly string[]) => {
      const c = content.get(key);
      return !c || scoreResponse(c, choice) >= maxPoints(c);
    };
    const mine = answersOf(await loadJournal(trx, row.id));
    const others = await trx.selectFrom('results').select('attempt_id').where('exam_id', '=', row.exam_id).where('candidate_id', '!=', row.candidate_id)
      .where('taken_at', '>', new Date(endedAt.getTime() - similarityWindowDays * 86_400_000)).orderBy('taken_at', 'desc').limit(similaritySheets).execute();
    if (others.length > 0) {
      const rows = await trx.selectFrom('attempt_journal').select(['attempt_id', 'key', 'value']).where('attempt_id', 'in', others.map((o) => o.attempt_id)).where('key', 'like', 'answer:%').execute();
      const sheets = new Map<string, { key: string; value: unknown }[]>();
      for (const r of rows) sheets.set(r.attempt_id, [...(sheets.get(r.attempt_id) ?? []), r]);
      let worst: { attemptId: string; identical: number; bothWrong: number } | null = null;
      for (const [attemptId, journal] of sheets) {
        const r = identicalWrongAnswers(mine, answersOf(journal), correct);
        if (similarEnough(r, policy.results.holdSimilarWrongAnswers) && (!worst || r.identical > worst.identical)) worst = { attemptId, ...r };
      }
      if (worst) {
        holds.push({ reason: 'answer_similarity', evidence: `${worst.identical} identical wrong answers (of ${worst.bothWrong} both got wrong) with attempt ${worst.attemptId}`, at });
        // The other result is part of the same pattern: it is held too, if still in validation.
        await holdToo(trx, worst.attemptId, { reason: 'answer_similarity', evidence: `${worst.identical} identical wrong answers (of ${worst.bothWrong} both got wrong) with attempt ${row.id}`, at }, now);
      }
    }
  }

  const byDomain = (row.domain_scores ?? []) as { domain: string; raw: number; max: number }[];
  const releaseAt = new Date(endedAt.getTime() + policy.results.releaseDelayHours * 3_600_000);
  await trx.insertInto('results').values({
    attempt_id: row.id, candidate_id: row.candidate_id, exam_id: row.exam_id, appointment_id: row.appointment_id,
    state: holds.length > 0 ? 'held' : 'validating', scaled_score: scaled, passing_score: exam.passing_score, passed: passed,
    domains: JSON.stringify(domainFeedback(byDomain, policy.results.rawCutPercent)), holds: JSON.stringify(holds), taken_at: endedAt,
    release_at: releaseAt, created_at: now, updated_at: now,
  }).onConflict((oc) => oc.column('attempt_id').doUpdateSet({
    // A late answer within the grace re-scores the attempt: the result follows while it is still in validation.
    scaled_score: scaled, passed: passed, domains: JSON.stringify(domainFeedback(byDomain, policy.results.rawCutPercent)), updated_at: now,
  }).where('results.state', 'in', ['validating', 'held'])).execute();
  await trx.updateTable('appointments').set({ outcome: passed ? 'pass' : 'fail', outcome_at: endedAt, updated_at: now }).where('id', '=', row.appointment_id).execute();
  if (holds.length > 0) return;
  if (releaseAt <= now) await releaseResult(trx, deps, row.id, null);
  else await enqueueJob(trx, deps, releaseJob, { attemptId: row.id }, { runAt: releaseAt, uniqueKey: `result-release:${row.id}` });
}

async function holdToo(trx: Db, attemptId: string, hold: Hold, now: Date): Promise<void> {
  await trx.updateTable('results').set({ state: 'held', holds: sql`holds || ${JSON.stringify([hold])}::jsonb`, updated_at: now })
    .where('attempt_id', '=', attemptId).where('state', 'in', ['validating', 'held']).execute();
}
