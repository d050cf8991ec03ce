import { storedPolicy } from '../catalog/stored-policy.ts';
import { sql } from 'kysely';
import type { z } from 'zod';
import { firstName } from '../../core/proctoring/assignment.ts';
import { AppError } from '../../core/shared/app-error.ts';
import { decisionRefusal, type DomainFeedback, type Hold, type ResultDecision } from '../../core/results/validation.ts';
import type { MyResult, QueuedResult, ScoreReport } from '../../contracts/results.ts';
import { appendAudit } from '../platform/audit.ts';
import { requireRole, type Principal } from '../platform/auth.ts';
import type { Deps } from '../platform/deps.ts';
import { enqueueEmail } from '../platform/mail.ts';
import { timelineEntries } from '../proctoring/console.ts';
import { appealView } from './appeals.ts';
import { scoreReportPdf } from './report-pdf.ts';
import { heldEmail, invalidatedEmail, mailFacts, releaseResult, reportLink } from './release.ts';
import { revokeCredential } from '../credentials/issue-credential.ts';

type Mine = z.infer<typeof MyResult>;
/** How long the session's media are kept (null: an unproctored session keeps none). */
function mediaDaysOf(stored: unknown): number | null {
  const policy = storedPolicy(stored);
  return policy.proctoring.proctored ? policy.retention.mediaDays : null;
}

/** Candidate: their past exams with the state of each result, newest first. */
export async function listMyResults(deps: Deps, principal: Principal | null): Promise<{ results: Mine[] }> {
  const actor = requireRole(principal, []);
  const rows = await deps.db.selectFrom('results').innerJoin('exams', 'exams.id', 'results.exam_id').innerJoin('attempts', 'attempts.id', 'results.attempt_id')
    .leftJoin('result_appeals', 'result_appeals.attempt_id', 'results.attempt_id')
    .select(['results.attempt_id', 'results.state', 'results.passed', 'results.taken_at', 'results.release_at', 'exams.code', 'exams.title', 'attempts.policy', 'result_appeals.state as appeal'])
    .where('results.candidate_id', '=', actor.userId).orderBy('results.taken_at', 'desc').limit(200).execute();
  return { results: rows.map(presentMine) };
}

function presentMine(r: { attempt_id: string; state: Mine['state']; passed: boolean; taken_at: Date; release_at: Date; code: string; title: string; policy: unknown; appeal: Mine['appeal'] }): Mine {
  const showProvisional = (r.policy as { delivery?: { showProvisionalResult?: boolean } }).delivery?.showProvisionalResult !== false;
  return {
    attemptId: r.attempt_id, examCode: r.code, examTitle: r.title, takenAt: r.taken_at.toISOString(), state: r.state,
    provisional: showProvisional ? (r.passed ? 'pass' : 'fail') : null,
    passed: r.state === 'released' ? r.passed : r.state === 'invalidated' ? false : null,
    releaseAt: r.state === 'validating' ? r.release_at.toISOString() : null,
    appeal: r.appeal,
  };
}

/**
 * Candidate (their own; staff may look too): the score report. The official score and the domain feedback appear once
 * the result is released; the session's record (every event, lockdown, break and proctor action, with reasons) always.
 */
export async function getScoreReport(deps: Deps, principal: Principal | null, attemptId: string): Promise<ScoreReport> {
  const actor = requireRole(principal, []);
  const r = await deps.db.selectFrom('results').innerJoin('exams', 'exams.id', 'results.exam_id').innerJoin('attempts', 'attempts.id', 'results.attempt_id')
    .innerJoin('users', 'users.id', 'results.candidate_id').leftJoin('result_appeals', 'result_appeals.attempt_id', 'results.attempt_id')
    .select(['result_appeals.state as appeal', 'results.attempt_id', 'results.candidate_id', 'results.state', 'results.passed', 'results.taken_at', 'results.release_at', 'results.released_at', 'results.scaled_score',
      'results.passing_score', 'results.domains', 'results.decision_note', 'results.invalidation_note', 'results.invalidated_at', 'exams.id as exam_id', 'exams.code', 'exams.title', 'exams.scale_min', 'exams.scale_max', 'attempts.policy', 'users.legal_name'])
    .where('results.attempt_id', '=', attemptId).executeTakeFirst();
  const staff = actor.roles.includes('admin');
  if (!r || (r.candidate_id !== actor.userId && !staff)) throw new AppError('NotFound', 'No such result.');
  const names = new Map((await deps.db.selectFrom('exam_domains').select(['code', 'name']).where('exam_id', '=', r.exam_id).execute()).map((d) => [d.code, d.name]));
  const released = r.state === 'released';
  const session = await timelineEntries(deps.db, attemptId, (e) => (e.actor_id === null ? null : e.actor_id === r.candidate_id ? 'You' : e.legal_name ? `Proctor ${firstName(e.legal_name)}` : null));
  return {
    ...presentMine(r),
    scaledScore: released ? r.scaled_score : null,
    passingScore: r.passing_score,
    scale: { min: r.scale_min, max: r.scale_max },
    domains: released ? (r.domains as DomainFeedback[]).map((d) => ({ ...d, title: names.get(d.domain) ?? d.domain })) : [],
    candidateName: r.legal_name,
    releasedAt: r.released_at?.toISOString() ?? null,
    decisionNote: r.state === 'invalidated' ? r.invalidation_note : r.state === 'held' ? r.decision_note : null,
    session,
    appeals: await appealView(deps.db, attemptId, r, deps.clock.now()),
    mediaDays: mediaDaysOf(r.policy),
  };
}

/** Staff (admins): the validation queue, held results first, each with why it is held. */
export async function listResultQueue(deps: Deps, principal: Principal | null, state: 'open' | 'validating' | 'held' | 'released' | 'invalidated'): Promise<{ results: z.infer<typeof QueuedResult>[] }> {
  requireRole(principal, ['admin']);
  const states = state === 'open' ? ['validating', 'held'] as const : [state];
  const rows = await deps.db.selectFrom('results').innerJoin('exams', 'exams.id', 'results.exam_id').innerJoin('users', 'users.id', 'results.candidate_id')
    .leftJoin('users as requester', 'requester.id', 'results.invalidation_requested_by')
    .select(['results.attempt_id', 'results.state', 'results.scaled_score', 'results.passing_score', 'results.passed', 'results.holds', 'results.taken_at', 'results.release_at', 'results.decision_note',
      'results.invalidation_requested_by', 'results.invalidation_requested_at', 'results.invalidation_note', 'requester.legal_name as requester_name', 'users.legal_name', 'users.email', 'exams.code'])
    .where('results.state', 'in', [...states])
    .orderBy(sql`case results.state when 'held' then 0 else 1 end`).orderBy('results.taken_at', 'desc').limit(500).execute();
  return {
    results: rows.map((r) => ({
      attemptId: r.attempt_id, candidateName: r.legal_name, candidateEmail: r.email, examCode: r.code, takenAt: r.taken_at.toISOString(), state: r.state,
      scaledScore: r.scaled_score, passingScore: r.passing_score, passed: r.passed, holds: r.holds as Hold[], releaseAt: r.release_at.toISOString(), decisionNote: r.decision_note,
      invalidationRequest: r.invalidation_requested_by && r.invalidation_requested_at
        ? { by: r.requester_name ?? '', byId: r.invalidation_requested_by, at: r.invalidation_requested_at.toISOString(), note: r.invalidation_note ?? '' } : null,
    })),
  };
}

/**
 * Staff (admins): release (now, whatever holds it), keep on hold with a note, or invalidate. Invalidation takes two
 * people: the first asks (with the reason), a different one confirms; only then does the result stop counting (the
 * appointment's outcome becomes a fail). Every decision is audited and mailed to the candidate.
 */
export async function decideResult(deps: Deps, principal: Principal | null, attemptId: string, decision: ResultDecision, note: string | null): Promise<{ state: string; waitingForSecondStaff: boolean }> {
  const actor = requireRole(principal, ['admin']);
  return deps.db.transaction().execute(async (trx) => {
    const r = await trx.selectFrom('results').selectAll().where('attempt_id', '=', attemptId).forUpdate().executeTakeFirst();
    if (!r) throw new AppError('NotFound', 'No such result.');
    if (r.candidate_id === actor.userId) throw new AppError('Forbidden', 'You cannot decide on your own result.');
    const refusal = decisionRefusal(r.state, decision, { userId: actor.userId, invalidationRequestedBy: r.invalidation_requested_by });
    if (refusal) throw new AppError('Conflict', refusal);
    const now = deps.clock.now();
    const link = reportLink(deps, attemptId);
    if (decision === 'release') {
      await releaseResult(trx, deps, attemptId, { userId: actor.userId, note });
      return { state: 'released', waitingForSecondStaff: false };
    }
    if (decision === 'hold') {
      const hold: Hold = { reason: 'staff', evidence: note ?? 'Held by staff', at: now.toISOString() };
      await trx.updateTable('results').set({ state: 'held', holds: sql`holds || ${JSON.stringify([hold])}::jsonb`, decided_by: actor.userId, decision_note: note, updated_at: now }).where('attempt_id', '=', attemptId).execute();
      await appendAudit(trx, deps.clock, { actorId: actor.userId, action: 'results.held', subjectType: 'attempt', subjectId: attemptId, data: { note } });
      if (r.state !== 'held') await enqueueEmail(trx, deps, heldEmail(await mailFacts(trx, attemptId), link));
      return { state: 'held', waitingForSecondStaff: false };
    }
    if (!r.invalidation_requested_by) {
      await trx.updateTable('results').set({ invalidation_requested_by: actor.userId, invalidation_requested_at: now, invalidation_note: note, updated_at: now }).where('attempt_id', '=', attemptId).execute();
      await appendAudit(trx, deps.clock, { actorId: actor.userId, action: 'results.invalidation_requested', subjectType: 'attempt', subjectId: attemptId, data: { note } });
      return { state: r.state, waitingForSecondStaff: true };
    }
    await trx.updateTable('results').set({ state: 'invalidated', invalidated_at: now, decided_by: actor.userId, decision_note: note, updated_at: now }).where('attempt_id', '=', attemptId).execute();
    if (r.appointment_id) await trx.updateTable('appointments').set({ outcome: 'fail', outcome_at: r.taken_at, updated_at: now }).where('id', '=', r.appointment_id).execute();
    await appendAudit(trx, deps.clock, { actorId: actor.userId, action: 'results.invalidated', subjectType: 'attempt', subjectId: attemptId, data: { note, requestedBy: r.invalidation_requested_by } });
    // The credential of a pass stops counting with it, in the same transaction: its status-list bit turns on.
    await revokeCredential(trx, deps, attemptId, r.invalidation_note ?? note ?? 'Result invalidated', actor.userId);
    await enqueueEmail(trx, deps, invalidatedEmail(await mailFacts(trx, attemptId), r.invalidation_note ?? note ?? '', link));
    return { state: 'invalidated', waitingForSecondStaff: false };
  }).finally(() => deps.mailPoke());
}

/** Candidate (their own) or an admin: the score report as a PDF, once the result is official (released or invalidated). */
export async function getScoreReportPdf(deps: Deps, principal: Principal | null, attemptId: string): Promise<{ pdf: Buffer; filename: string }> {
  const report = await getScoreReport(deps, principal, attemptId);
  if (report.state !== 'released' && report.state !== 'invalidated') throw new AppError('Conflict', 'The score report can be downloaded once the result is released.');
  const issuer = await deps.db.selectFrom('results').innerJoin('exams', 'exams.id', 'results.exam_id').innerJoin('programs', 'programs.id', 'exams.program_id')
    .select('programs.issuer_name').where('results.attempt_id', '=', attemptId).executeTakeFirstOrThrow();
  const pdf = await scoreReportPdf(report, reportLink(deps, attemptId), issuer.issuer_name);
  return { pdf: Buffer.from(pdf), filename: `score-report-${report.examCode}-${report.takenAt.slice(0, 10)}.pdf` };
}
