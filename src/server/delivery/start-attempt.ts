import { randomBytes } from 'node:crypto';
import { AppError } from '../../core/shared/app-error.ts';
import { assembleForm } from '../../core/catalog/assemble-form.ts';
import type { ItemContent } from '../../core/catalog/item.ts';
import type { ExamPolicy } from '../../core/catalog/policy.ts';
import { extraMinutes } from '../../core/booking/rules.ts';
import { transition } from '../../core/delivery/attempt-state.ts';
import { launchExceptionReasonText } from '../../core/delivery/launch-exception.ts';
import { assertAttemptMayOpen } from '../../core/delivery/launch-window.ts';
import type { Attempt } from '../../contracts/delivery.ts';
import { requireRole, type Principal } from '../platform/auth.ts';
import type { Db } from '../platform/db/database.ts';
import { pgErrorCode } from '../platform/db/sql-helpers.ts';
import type { Deps } from '../platform/deps.ts';
import { enqueueJob } from '../platform/jobs.ts';
import { currentPolicy, getExamByCode, listDomains, type ExamRow } from '../catalog/repository.ts';
import { loadBank } from '../catalog/forms.ts';
import { clockOf, findApprovedLaunchException, type FormEntry, formOf, getAttemptRow, graceMs, policyOf, presentAttempt, recordAttemptEvent } from './repository.ts';
import { expiryJob } from './jobs.ts';
import { publishAttempt } from '../live/channels.ts';
import { requestSweep } from '../proctoring/sweep-sessions.ts';
import { requireSafeExamBrowser, type SebRequest } from './seb.ts';

/** Assembles the candidate's form (random from the blueprint, or one of the fixed forms) and snapshots its items. */
async function assemble(trx: Db, exam: ExamRow, seed: string, now: Date): Promise<{ items: FormEntry[]; equating: number[] | null }> {
  const domains = await listDomains(trx, exam.id);
  let bank = await loadBank(trx, exam);
  let equating: number[] | null = null;
  if (exam.form_mode === 'fixed') {
    const forms = await trx.selectFrom('fixed_forms').select(['item_identifiers', 'equating']).where('exam_id', '=', exam.id).orderBy('name').execute();
    if (forms.length === 0) throw new AppError('Conflict', `${exam.code} has no fixed forms yet. Contact the program.`);
    const picked = forms[parseInt(seed.slice(0, 8), 16) % forms.length]!;
    const chosen = new Set(picked.item_identifiers);
    bank = bank.filter((b) => chosen.has(b.identifier));
    equating = picked.equating;
  }
  const form = assembleForm(bank, { domains, scoredCount: exam.scored_item_count, unscoredCount: exam.unscored_item_count }, seed);
  if (!form.ok) throw new AppError('Conflict', `${exam.code} cannot be assembled right now (the item bank does not meet its blueprint). Contact the program.`);
  const items = await trx.selectFrom('items').select(['id', 'identifier', 'version', 'content']).where('exam_id', '=', exam.id)
    .where('identifier', 'in', form.items.map((i) => i.identifier)).execute();
  const byKey = new Map(items.map((i) => [i.identifier, i]));
  // Delivered items change only by new versions from now on (the catalog's rule).
  await trx.updateTable('items').set({ delivered_at: now }).where('id', 'in', items.map((i) => i.id)).where('delivered_at', 'is', null).execute();
  return {
    equating,
    items: form.items.map((f) => {
      const item = byKey.get(f.identifier)!;
      return { key: f.identifier, itemId: item.id, version: item.version, domain: f.domain, scored: f.scored, optionOrder: f.optionOrder, content: item.content as ItemContent };
    }),
  };
}

async function createAttempt(deps: Deps, trx: Db, input: { candidateId: string; exam: ExamRow; appointmentId: string | null; extraMinutes: number; current?: { policy: ExamPolicy; version: number } }): Promise<string> {
  // The caller may have read the policy already in this transaction (the exam row it locked cannot change meanwhile).
  const { policy, version } = input.current ?? await currentPolicy(trx, input.exam.id);
  const seed = randomBytes(16).toString('hex');
  const id = deps.ids.uuid();
  const now = deps.clock.now();
  const { items: form, equating } = await assemble(trx, input.exam, seed, now);
  await trx.insertInto('attempts').values({
    id, candidate_id: input.candidateId, exam_id: input.exam.id, appointment_id: input.appointmentId, practice: input.exam.practice,
    policy_version: version, policy: JSON.stringify(policy), seed, form: JSON.stringify({ items: form }), status: 'authorised',
    duration_minutes: input.exam.duration_minutes, extra_minutes: input.extraMinutes, started_at: null, ended_at: null, last_seen_at: null,
    paused_reason: null, equating, raw_score: null, max_score: null, raw_cut: null, scaled_score: null, passed: null, domain_scores: null, created_at: now, updated_at: now,
  }).execute();
  await recordAttemptEvent(trx, now, { attemptId: id, kind: 'created', actorId: input.candidateId, data: { items: form.length, policyVersion: version } });
  if (input.appointmentId) await recordLaunchException(trx, id, input.appointmentId);
  return id;
}

/** A launch authorised by exception goes on the attempt's timeline, at the time of its approval, by its approver. */
async function recordLaunchException(trx: Db, attemptId: string, appointmentId: string) {
  const e = await findApprovedLaunchException(trx, appointmentId);
  if (!e?.approved_at) return;
  const requester = await trx.selectFrom('users').select('legal_name').where('id', '=', e.requested_by).executeTakeFirstOrThrow();
  await recordAttemptEvent(trx, e.approved_at, {
    attemptId, kind: 'launch_exception', actorId: e.approved_by, reason: launchExceptionReasonText(e.reason_code),
    data: { exceptionId: e.id, reasonCode: e.reason_code, requestedBy: e.requested_by, requestedAt: e.requested_at.toISOString(), detail: `${e.note} (requested by ${requester.legal_name})` },
  });
}

async function approvedExtra(db: Db, candidateId: string, durationMinutes: number): Promise<number> {
  const approved = await db.selectFrom('accommodations').select(['kind', 'minutes', 'percent']).where('candidate_id', '=', candidateId).where('status', '=', 'approved').execute();
  return extraMinutes(approved, durationMinutes);
}

/**
 * Candidate: starts an unproctored practice attempt of a practice exam. A running practice attempt is resumed
 * rather than duplicated, so a second click or tab lands in the same sitting.
 */
export async function startPracticeAttempt(deps: Deps, principal: Principal | null, code: string): Promise<Attempt> {
  const actor = requireRole(principal, []);
  return deps.db.transaction().execute(async (trx) => {
    const exam = await getExamByCode(trx, code);
    if (exam.status !== 'published') throw new AppError('NotFound', `No exam with the code ${code} is open.`);
    if (!exam.practice) throw new AppError('LaunchNotAuthorised', `${exam.code} is a proctored exam: book an appointment, check in, and start it from the appointment.`);
    // One running practice sitting per exam at a time: lock the candidate's row so two clicks cannot both create one.
    await trx.selectFrom('users').select('id').where('id', '=', actor.userId).forUpdate().execute();
    const running = await trx.selectFrom('attempts').select('id').where('candidate_id', '=', actor.userId).where('exam_id', '=', exam.id)
      .where('status', 'in', ['authorised', 'in_progress', 'paused']).executeTakeFirst();
    const id = running?.id ?? await createAttempt(deps, trx, { candidateId: actor.userId, exam, appointmentId: null, extraMinutes: await approvedExtra(trx, actor.userId, exam.duration_minutes) });
    return presentAttempt(trx, await getAttemptRow(trx, id, { userId: actor.userId, staff: false }), deps.clock.now());
  });
}

/**
 * Candidate: opens the attempt of their appointment once its launch is authorised (by a completed check-in, or by a
 * launch exception two staff members made), inside its check-in window; again: the same attempt.
 */
export async function startAppointmentAttempt(deps: Deps, principal: Principal | null, appointmentId: string, seb: SebRequest): Promise<Attempt> {
  const attempt = await openAppointmentAttempt(deps, principal, appointmentId, seb);
  // A proctor can watch from the start screen on.
  sweepSoon(deps);
  return attempt;
}

/** Runs the proctoring sweep after the caller's commit without making the candidate wait for it. */
function sweepSoon(deps: Deps) {
  void requestSweep(deps).catch((err) => deps.log.error({ err, event: 'proctoring.sweep_failed' }, 'proctoring.sweep_failed'));
}

async function openAppointmentAttempt(deps: Deps, principal: Principal | null, appointmentId: string, seb: SebRequest): Promise<Attempt> {
  const actor = requireRole(principal, []);
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const appt = await trx.selectFrom('appointments').selectAll().where('id', '=', appointmentId).where('candidate_id', '=', actor.userId).forUpdate().executeTakeFirst();
      if (!appt) throw new AppError('NotFound', 'No such appointment.');
      const existing = await trx.selectFrom('attempts').select('id').where('appointment_id', '=', appointmentId).executeTakeFirst();
      const exam = await trx.selectFrom('exams').selectAll().where('id', '=', appt.exam_id).executeTakeFirstOrThrow();
      const current = await currentPolicy(trx, exam.id);
      const { policy } = current;
      requireSafeExamBrowser(policy, seb);
      // Resuming an opened attempt needs nothing more; opening one needs an authorised launch inside the check-in window.
      if (!existing) {
        if (appt.status !== 'booked') throw new AppError('LaunchNotAuthorised', 'This appointment is no longer open.');
        if (!appt.launch_authorised_at) throw new AppError('LaunchNotAuthorised', 'Your exam starts once your check-in is complete: a proctor approves your photos, then (where the exam asks for it) you record the room scan.');
        const candidate = await trx.selectFrom('users').select('time_zone').where('id', '=', actor.userId).executeTakeFirstOrThrow();
        const checkIn = await trx.selectFrom('checkins').select('submitted_at').where('appointment_id', '=', appointmentId).executeTakeFirst();
        assertAttemptMayOpen(appt.starts_at, policy, deps.clock.now(), candidate.time_zone, checkIn?.submitted_at ?? null);
      }
      const id = existing?.id ?? await createAttempt(deps, trx, { candidateId: actor.userId, exam, appointmentId, extraMinutes: appt.extra_minutes, current });
      return presentAttempt(trx, await getAttemptRow(trx, id, { userId: actor.userId, staff: false }), deps.clock.now());
    });
  } catch (err) {
    if (pgErrorCode(err) === '23505') return openAppointmentAttempt(deps, principal, appointmentId, seb);
    throw err;
  }
}

/** Candidate: starts the clock. Schedules the expiry job; starting twice is harmless. */
export async function beginAttempt(deps: Deps, principal: Principal | null, id: string, seb: SebRequest): Promise<Attempt> {
  const actor = requireRole(principal, []);
  const { attempt, proctorId } = await deps.db.transaction().execute(async (trx) => {
    const row = await getAttemptRow(trx, id, { userId: actor.userId, staff: false }, true);
    requireSafeExamBrowser(policyOf(row), seb);
    if (row.status !== 'authorised') return { attempt: await presentAttempt(trx, row, deps.clock.now()), proctorId: row.proctor_id };
    const now = deps.clock.now();
    const status = transition(row.status, 'start');
    const proctored = !row.practice && row.appointment_id !== null && policyOf(row).proctoring.proctored;
    // A proctored exam nobody watches yet is "unwatched" from its start (the sweep pauses it after a minute of that).
    const started = await trx.updateTable('attempts').set({ status, started_at: now, last_seen_at: now, updated_at: now, ...(proctored && !row.proctor_id ? { unwatched_since: now } : {}) })
      .where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    if (started.appointment_id) await trx.updateTable('appointments').set({ status: 'checked_in', updated_at: now }).where('id', '=', started.appointment_id).where('status', '=', 'booked').execute();
    await recordAttemptEvent(trx, now, { attemptId: id, kind: 'started', actorId: actor.userId, data: { items: formOf(started).length, budgetMinutes: started.duration_minutes + started.extra_minutes } });
    const clock = await clockOf(trx, started);
    await enqueueJob(trx, deps, expiryJob, { attemptId: id }, { runAt: new Date(now.getTime() + clock.budgetMs + graceMs) });
    return { attempt: await presentAttempt(trx, started, now), proctorId: started.proctor_id };
  });
  // The row was locked until the commit, so the proctor it names is the one watching now.
  publishAttempt(deps, { id, proctorId }, 'status');
  sweepSoon(deps);
  return attempt;
}
