import { storedPolicy } from '../catalog/stored-policy.ts';
import { z } from 'zod';
import { appealCloses, appealDueAt, appealRefusal, outcomeRefusal, pickReviewer, type AppealOutcome } from '../../core/results/appeals.ts';
import { AppError } from '../../core/shared/app-error.ts';
import type { AppealView, StaffAppeal } from '../../contracts/results.ts';
import { appendAudit } from '../platform/audit.ts';
import { requireRole, type Principal } from '../platform/auth.ts';
import type { Db } from '../platform/db/database.ts';
import type { Deps } from '../platform/deps.ts';
import { defineJob, enqueueJob } from '../platform/jobs.ts';
import { enqueueEmail, type OutgoingEmail } from '../platform/mail.ts';
import { generateCode } from '../booking/vouchers.ts';
import { issueCredential } from '../credentials/issue-credential.ts';
import { examLine, mailFacts, reportLink, sign, type ResultFacts } from './release.ts';

const day = 86_400_000;
/** A free retake's voucher is valid this long. */
const retakeVoucherDays = 365;
const ymd = (d: Date) => d.toISOString().slice(0, 10);
type Facts = ResultFacts;

function filedEmail(f: Facts, dueAt: Date, link: string): OutgoingEmail {
  return {
    to: f.email,
    subject: `Your appeal for ${f.code} has been received`,
    text: `Hello ${f.legal_name},\n\nWe have received your appeal of the result for ${examLine(f)}. A staff member who had no part in your session reviews it, with the session's record and the photos and recordings still kept (none are deleted until the appeal is decided). You will have the decision by ${ymd(dueAt)}.\n\nYou can follow it here:\n\n${link}${sign}`,
  };
}

function reviewEmail(to: string, f: Facts, dueAt: Date, link: string): OutgoingEmail {
  return { to, subject: `Appeal to review: ${f.code} (${f.legal_name})`, text: `An appeal of the result for ${examLine(f)} needs a decision by ${ymd(dueAt)}.\n\n${link}${sign}` };
}

function decidedEmail(f: Facts, outcome: AppealOutcome, note: string, voucher: string | null, link: string): OutgoingEmail {
  const what = outcome === 'upheld'
    ? 'After review, the decision on your result stands.'
    : outcome === 'reinstated'
      ? 'After review, your result has been reinstated: it is released and counts.'
      : `After review, you are offered a free retake of ${f.code}. Book it with this voucher code (valid for ${retakeVoucherDays} days): ${voucher}`;
  return {
    to: f.email,
    subject: `The decision on your appeal for ${f.code}`,
    text: `Hello ${f.legal_name},\n\nYour appeal of the result for ${examLine(f)} has been decided. ${what}\n\nThe reviewer's note:\n\n${note}\n\nThe details are here:\n\n${link}${sign}`,
  };
}

/** Staff who took part in the session or its decision: never the reviewer of its appeal. */
async function involvedStaff(db: Db, attemptId: string): Promise<Set<string>> {
  const [attempt, actors, result] = await Promise.all([
    db.selectFrom('attempts').select(['proctor_id', 'candidate_id']).where('id', '=', attemptId).executeTakeFirstOrThrow(),
    db.selectFrom('attempt_events').select('actor_id').distinct().where('attempt_id', '=', attemptId).where('actor_id', 'is not', null).execute(),
    db.selectFrom('results').select(['decided_by', 'invalidation_requested_by']).where('attempt_id', '=', attemptId).executeTakeFirstOrThrow(),
  ]);
  const ids = [attempt.proctor_id, attempt.candidate_id, result.decided_by, result.invalidation_requested_by, ...actors.map((a) => a.actor_id)];
  return new Set(ids.filter((x): x is string => x !== null));
}

async function admins(db: Db) {
  return db.selectFrom('users').innerJoin('user_roles', 'user_roles.user_id', 'users.id').select(['users.id', 'users.email'])
    .select((eb) => eb.selectFrom('result_appeals').select((e) => e.fn.countAll<string>().as('n')).whereRef('result_appeals.reviewer_id', '=', 'users.id').where('result_appeals.state', '=', 'open').as('open'))
    .where('user_roles.role', '=', 'admin').where('users.disabled_at', 'is', null).execute();
}

/** When the result became official, for the appeal window. */
const decidedAt = (r: { state: string; released_at: Date | null; invalidated_at: Date | null }) => (r.state === 'released' ? r.released_at : r.state === 'invalidated' ? r.invalidated_at : null);

/** What the candidate's score report says about appealing: the window, or the appeal and its outcome. */
export async function appealView(db: Db, attemptId: string, r: { state: 'validating' | 'held' | 'released' | 'invalidated'; released_at: Date | null; invalidated_at: Date | null; policy: unknown }, now: Date): Promise<z.infer<typeof AppealView>> {
  const appeal = await db.selectFrom('result_appeals').select(['state', 'statement', 'filed_at', 'due_at', 'decided_at', 'decision_note', 'voucher_code']).where('attempt_id', '=', attemptId).executeTakeFirst();
  const policy = storedPolicy(r.policy);
  const at = decidedAt(r);
  const closes = at ? appealCloses(at, policy.results.appealWindowDays) : null;
  return {
    canAppealUntil: !appeal && closes && closes > now ? closes.toISOString() : null,
    windowDays: policy.results.appealWindowDays,
    appeal: appeal ? {
      state: appeal.state, statement: appeal.statement, filedAt: appeal.filed_at.toISOString(), dueAt: appeal.due_at.toISOString(),
      decidedAt: appeal.decided_at?.toISOString() ?? null, decisionNote: appeal.decision_note, voucherCode: appeal.voucher_code,
    } : null,
  };
}

/**
 * Candidate (their own result): appeals an official result within the policy's window, with a statement. The appeal
 * goes to the least busy admin who had no part in the session or its decision (or waits for one), with the policy's
 * deadline; the candidate and the reviewer are mailed, and the session's media are kept until it is decided.
 */
export async function fileAppeal(deps: Deps, principal: Principal | null, attemptId: string, statement: string): Promise<{ id: string; dueAt: string }> {
  const actor = requireRole(principal, []);
  const out = await deps.db.transaction().execute(async (trx) => {
    const r = await trx.selectFrom('results').innerJoin('attempts', 'attempts.id', 'results.attempt_id')
      .select(['results.candidate_id', 'results.state', 'results.released_at', 'results.invalidated_at', 'attempts.policy'])
      .where('results.attempt_id', '=', attemptId).forUpdate('results').executeTakeFirst();
    if (!r || r.candidate_id !== actor.userId) throw new AppError('NotFound', 'No such result.');
    const now = deps.clock.now();
    const policy = storedPolicy(r.policy);
    const existing = await trx.selectFrom('result_appeals').select('id').where('attempt_id', '=', attemptId).executeTakeFirst();
    const refusal = appealRefusal({ resultState: r.state, decidedAt: decidedAt(r), windowDays: policy.results.appealWindowDays, existing: existing !== undefined, now });
    if (refusal) throw new AppError('Conflict', refusal);
    const staff = await admins(trx);
    const reviewerId = pickReviewer(staff.map((a) => ({ id: a.id, openAppeals: Number(a.open ?? 0) })), await involvedStaff(trx, attemptId));
    const id = deps.ids.uuid();
    const dueAt = appealDueAt(now, policy.results.appealDecisionDays);
    await trx.insertInto('result_appeals').values({ id, attempt_id: attemptId, candidate_id: actor.userId, statement, state: 'open', reviewer_id: reviewerId, filed_at: now, due_at: dueAt, decided_at: null, decided_by: null, decision_note: null, voucher_code: null }).execute();
    await appendAudit(trx, deps.clock, { actorId: actor.userId, action: 'results.appealed', subjectType: 'attempt', subjectId: attemptId, data: { appealId: id, reviewerId } });
    const facts = await mailFacts(trx, attemptId);
    await enqueueEmail(trx, deps, filedEmail(facts, dueAt, reportLink(deps, attemptId)));
    const staffLink = `${deps.config.publicUrl}/admin/appeals`;
    const reviewers = reviewerId ? staff.filter((a) => a.id === reviewerId) : staff;
    for (const a of reviewers) await enqueueEmail(trx, deps, reviewEmail(a.email, facts, dueAt, staffLink));
    await enqueueJob(trx, deps, appealOverdueJob, { appealId: id }, { runAt: dueAt, uniqueKey: `appeal-overdue:${id}` });
    return { id, dueAt: dueAt.toISOString() };
  });
  deps.mailPoke();
  return out;
}

/** Staff (admins): open appeals (the caller's first, then the oldest deadline) and the last 100 decided. */
export async function listAppeals(deps: Deps, principal: Principal | null): Promise<{ appeals: z.infer<typeof StaffAppeal>[] }> {
  const actor = requireRole(principal, ['admin']);
  const rows = await deps.db.selectFrom('result_appeals').innerJoin('results', 'results.attempt_id', 'result_appeals.attempt_id').innerJoin('exams', 'exams.id', 'results.exam_id')
    .innerJoin('users', 'users.id', 'result_appeals.candidate_id').leftJoin('users as reviewer', 'reviewer.id', 'result_appeals.reviewer_id')
    .select(['result_appeals.id', 'result_appeals.attempt_id', 'result_appeals.state', 'result_appeals.statement', 'result_appeals.filed_at', 'result_appeals.due_at', 'result_appeals.decided_at',
      'result_appeals.decision_note', 'result_appeals.voucher_code', 'result_appeals.reviewer_id', 'reviewer.legal_name as reviewer_name', 'users.legal_name', 'exams.code', 'results.state as result_state',
      'results.scaled_score', 'results.passing_score', 'results.passed', 'results.taken_at'])
    .orderBy('result_appeals.decided_at', (o) => o.desc().nullsFirst()).orderBy('result_appeals.due_at').limit(300).execute();
  const open = rows.filter((r) => r.state === 'open');
  const mine = (r: (typeof rows)[number]) => (r.reviewer_id === actor.userId ? 0 : 1);
  const ordered = [...open.sort((a, b) => mine(a) - mine(b)), ...rows.filter((r) => r.state !== 'open').slice(0, 100)];
  const now = deps.clock.now();
  return {
    appeals: ordered.map((r) => ({
      id: r.id, attemptId: r.attempt_id, state: r.state, statement: r.statement, filedAt: r.filed_at.toISOString(), dueAt: r.due_at.toISOString(), overdue: r.state === 'open' && r.due_at <= now,
      decidedAt: r.decided_at?.toISOString() ?? null, decisionNote: r.decision_note, voucherCode: r.voucher_code,
      reviewer: r.reviewer_id ? { id: r.reviewer_id, name: r.reviewer_name ?? '' } : null, yours: r.reviewer_id === actor.userId,
      candidateName: r.legal_name, examCode: r.code, takenAt: r.taken_at.toISOString(), resultState: r.result_state, scaledScore: r.scaled_score, passingScore: r.passing_score, passed: r.passed,
    })),
  };
}

/**
 * Staff (the assigned reviewer, or any uninvolved admin when none is assigned): decides an appeal with a note the
 * candidate reads. `upheld`: the decision stands. `reinstated`: an invalidated result is released again (a pass gets
 * a new credential; the revoked one stays revoked). `retake`: a one-use voucher for the exam is issued and mailed.
 */
export async function decideAppeal(deps: Deps, principal: Principal | null, appealId: string, input: { outcome: AppealOutcome; note: string }): Promise<{ state: AppealOutcome; voucherCode: string | null }> {
  const actor = requireRole(principal, ['admin']);
  const out = await deps.db.transaction().execute(async (trx) => {
    const a = await trx.selectFrom('result_appeals').selectAll().where('id', '=', appealId).forUpdate().executeTakeFirst();
    if (!a) throw new AppError('NotFound', 'No such appeal.');
    if (a.state !== 'open') throw new AppError('Conflict', 'This appeal has been decided already.');
    if (a.reviewer_id && a.reviewer_id !== actor.userId) throw new AppError('Forbidden', 'Another staff member reviews this appeal.');
    if ((await involvedStaff(trx, a.attempt_id)).has(actor.userId)) throw new AppError('Forbidden', 'You took part in this session or its decision; an uninvolved colleague must review the appeal.');
    const r = await trx.selectFrom('results').selectAll().where('attempt_id', '=', a.attempt_id).forUpdate().executeTakeFirstOrThrow();
    const refusal = outcomeRefusal(input.outcome, r.state);
    if (refusal) throw new AppError('Conflict', refusal);
    const now = deps.clock.now();
    let voucher: string | null = null;
    if (input.outcome === 'reinstated') {
      await trx.updateTable('results').set({ state: 'released', released_at: now, decided_by: actor.userId, decision_note: `Reinstated on appeal: ${input.note}`, updated_at: now }).where('attempt_id', '=', a.attempt_id).execute();
      if (r.appointment_id) await trx.updateTable('appointments').set({ outcome: r.passed ? 'pass' : 'fail', outcome_at: r.taken_at, updated_at: now }).where('id', '=', r.appointment_id).execute();
      await issueCredential(trx, deps, a.attempt_id);
      await appendAudit(trx, deps.clock, { actorId: actor.userId, action: 'results.reinstated', subjectType: 'attempt', subjectId: a.attempt_id, data: { appealId } });
    } else if (input.outcome === 'retake') {
      voucher = generateCode();
      await trx.insertInto('vouchers').values({ code: voucher, kind: 'voucher', percent_off: null, amount_off_minor: null, currency: null, exam_id: r.exam_id, max_uses: 1, uses: 0,
        valid_until: new Date(now.getTime() + retakeVoucherDays * day), created_by: actor.userId, created_at: now }).execute();
    }
    await trx.updateTable('result_appeals').set({ state: input.outcome, reviewer_id: actor.userId, decided_at: now, decided_by: actor.userId, decision_note: input.note, voucher_code: voucher }).where('id', '=', appealId).execute();
    await appendAudit(trx, deps.clock, { actorId: actor.userId, action: 'results.appeal_decided', subjectType: 'attempt', subjectId: a.attempt_id, data: { appealId, outcome: input.outcome, note: input.note } });
    await enqueueEmail(trx, deps, decidedEmail(await mailFacts(trx, a.attempt_id), input.outcome, input.note, voucher, reportLink(deps, a.attempt_id)));
    return { state: input.outcome, voucherCode: voucher };
  });
  deps.mailPoke();
  return out;
}

/** Job at an appeal's deadline: still open, every admin is told it is overdue (audited). */
export const appealOverdueJob = defineJob({
  name: 'results.appeal_overdue',
  version: 1,
  schema: z.object({ appealId: z.uuid() }),
  async handler(deps, trx, { appealId }) {
    const a = await trx.selectFrom('result_appeals').select(['attempt_id', 'state', 'due_at']).where('id', '=', appealId).executeTakeFirst();
    if (!a || a.state !== 'open') return;
    const facts = await mailFacts(trx, a.attempt_id);
    for (const admin of await admins(trx)) {
      await enqueueEmail(trx, deps, { to: admin.email, subject: `Overdue appeal: ${facts.code} (${facts.legal_name})`, text: `The appeal of the result for ${examLine(facts)} was due on ${ymd(a.due_at)} and is still open.\n\n${deps.config.publicUrl}/admin/appeals${sign}` });
    }
    await appendAudit(trx, deps.clock, { actorId: null, action: 'results.appeal_overdue', subjectType: 'attempt', subjectId: a.attempt_id, data: { appealId } });
  },
});
