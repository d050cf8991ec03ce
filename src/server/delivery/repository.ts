import { storedPolicy } from '../catalog/stored-policy.ts';
import type { Selectable } from 'kysely';
import { AppError } from '../../core/shared/app-error.ts';
import { ExamPolicy } from '../../core/catalog/policy.ts';
import type { ItemContent } from '../../core/catalog/item.ts';
import { budgetMs, timeLeftMs, type ClockState } from '../../core/delivery/clock.ts';
import { launchExceptionReasonText } from '../../core/delivery/launch-exception.ts';
import type { Attempt, JournalEntry, LaunchException, ProvisionalResult } from '../../contracts/delivery.ts';
import type { Db } from '../platform/db/database.ts';
import type { AttemptsTable } from '../platform/db/schema.ts';

export type AttemptRow = Selectable<AttemptsTable>;

/** Saves that arrive this long after the time ran out (or after a submit) are still taken: they were in flight. */
export const graceMs = 30_000;
/** The browser sends a heartbeat (an empty save) this often; a silence much longer than that is a disconnect. */
export const heartbeatMs = 15_000;


/** One item of an attempt's form: a snapshot of the delivered version, so later edits never change a sitting. */
export interface FormEntry {
  key: string;
  itemId: string;
  version: number;
  domain: string;
  scored: boolean;
  optionOrder: string[];
  content: ItemContent;
}

export const formOf = (row: AttemptRow): FormEntry[] => (row.form as { items: FormEntry[] }).items;
export const policyOf = (row: AttemptRow): ExamPolicy => storedPolicy(row.policy);

/** The attempt; NotFound unless it is the candidate's own (staff pass `staff: true`). */
export async function getAttemptRow(db: Db, id: string, who: { userId: string; staff: boolean }, lock = false): Promise<AttemptRow> {
  let q = db.selectFrom('attempts').selectAll().where('id', '=', id);
  if (!who.staff) q = q.where('candidate_id', '=', who.userId);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw new AppError('NotFound', 'No such exam attempt.');
  return row;
}

/** The attempt's clock inputs: start, budget and pauses. */
export async function clockOf(db: Db, row: AttemptRow): Promise<ClockState> {
  const pauses = await db.selectFrom('attempt_pauses').select(['started_at', 'ended_at']).where('attempt_id', '=', row.id).orderBy('started_at').execute();
  return {
    startedAt: row.started_at,
    budgetMs: budgetMs(row.duration_minutes, row.extra_minutes, row.added_minutes),
    pauses: pauses.map((p) => ({ from: p.started_at, to: p.ended_at })),
  };
}

/** The clock part every answer carries: status, time left by the server, why it is paused. */
export function presentClock(row: Pick<AttemptRow, 'status' | 'paused_reason'>, clock: ClockState, now: Date) {
  const pausedReason = row.status === 'paused' ? (row.paused_reason as 'fullscreen' | 'proctor' | 'disconnect' | 'warning' | 'no_proctor' | 'break' | 'break_return' | 'camera' | 'screen' | 'rescan' | null) : null;
  const open = row.status === 'paused' ? clock.pauses.find((p) => p.to === null) : undefined;
  return { status: row.status, timeLeftMs: Math.round(row.status === 'authorised' ? clock.budgetMs : timeLeftMs(clock, now)), serverNow: now.toISOString(), pausedReason, pausedSince: open ? open.from.toISOString() : null };
}

export function presentResult(row: AttemptRow, examPassing: number): ProvisionalResult | null {
  if (row.passed === null) return null;
  const show = policyOf(row).delivery.showProvisionalResult;
  return {
    passed: row.passed,
    scaledScore: show ? row.scaled_score : null,
    passingScore: examPassing,
    note: row.practice
      ? 'A practice test: this result is for your own preparation and is not recorded as a certification attempt.'
      : 'This result is provisional. Your official score report follows after validation.',
  };
}

/** The journal as saved: every key with its highest seq. */
export async function loadJournal(db: Db, attemptId: string): Promise<JournalEntry[]> {
  const rows = await db.selectFrom('attempt_journal').select(['key', 'value', 'seq']).where('attempt_id', '=', attemptId).execute();
  return rows.map((r) => ({ key: r.key, value: r.value as JournalEntry['value'], seq: Number(r.seq) }));
}

/** The candidate's view: items without keys, rationale or scoring; the journal; the clock; the result once finished. */
export async function presentAttempt(db: Db, row: AttemptRow, now: Date): Promise<Attempt> {
  const [exam, clock, journal, breaks] = await Promise.all([
    db.selectFrom('exams').select(['code', 'title', 'passing_score']).where('id', '=', row.exam_id).executeTakeFirstOrThrow(),
    clockOf(db, row),
    loadJournal(db, row.id),
    db.selectFrom('attempt_events').select((eb) => eb.fn.countAll<string>().as('n')).where('attempt_id', '=', row.id).where('kind', '=', 'break_started').executeTakeFirstOrThrow(),
  ]);
  const policy = policyOf(row);
  const d = policy.delivery;
  const finished = ['submitted', 'expired', 'terminated'].includes(row.status);
  return {
    id: row.id, examCode: exam.code, examTitle: exam.title, practice: row.practice, proctored: policy.proctoring.proctored,
    requireFullscreen: true,
    requireScreenShare: policy.proctoring.proctored && policy.proctoring.requireScreenShare && !row.practice,
    breaks: d.breaksAllowed ? { left: Math.max(0, d.maxBreaks - Number(breaks.n)), maxMinutes: d.maxBreakMinutes, stopsClock: d.breakStopsClock, overrun: d.breakOverrun, locksAnswers: d.lockAnswersAtBreak } : null,
    budgetMinutes: row.duration_minutes + row.extra_minutes + row.added_minutes, itemCount: formOf(row).length, lockedItems: row.locked_items,
    startedAt: row.started_at?.toISOString() ?? null,
    ...presentClock(row, clock, now),
    // Items only while the clock runs: not before the start, not while paused (the clock is stopped), not after.
    items: row.status !== 'in_progress' ? [] : formOf(row).map((f) => ({
      key: f.key, interaction: f.content.interaction, stem: f.content.stem, maxChoices: f.content.maxChoices, optionOrder: f.optionOrder,
      options: f.content.options.map((o) => ({ id: o.id, html: o.html, ...(o.fixed ? { fixed: true } : {}) })),
    })),
    journal: finished ? [] : journal,
    result: presentResult(row, exam.passing_score),
  };
}

/** Records a lifecycle or lockdown event on the attempt's timeline. */
export async function recordAttemptEvent(trx: Db, now: Date, e: { attemptId: string; kind: string; actorId?: string | null; reason?: string | null; data?: Record<string, unknown>; clientAt?: Date | null }): Promise<void> {
  await trx.insertInto('attempt_events').values({
    attempt_id: e.attemptId, kind: e.kind, actor_id: e.actorId ?? null, reason: e.reason ?? null, data: JSON.stringify(e.data ?? {}), client_at: e.clientAt ?? null, at: now,
  }).execute();
}

/**
 * Writes journal entries; a key keeps its highest seq, so repeats and out-of-order arrivals change nothing. The
 * attempt's last-seen time is updated in the same statement (one round trip and one commit per save).
 */
export async function upsertJournal(db: Db, attemptId: string, entries: readonly JournalEntry[], now: Date): Promise<void> {
  // The highest seq per key in the batch wins; dedupe so one statement never touches a key twice.
  const best = new Map<string, JournalEntry>();
  for (const e of entries) if ((best.get(e.key)?.seq ?? 0) < e.seq) best.set(e.key, e);
  if (best.size === 0) {
    await db.updateTable('attempts').set({ last_seen_at: now }).where('id', '=', attemptId).execute();
    return;
  }
  await db.with('seen', (d) => d.updateTable('attempts').set({ last_seen_at: now }).where('id', '=', attemptId).returning('id'))
    .insertInto('attempt_journal')
    .values([...best.values()].map((e) => ({ attempt_id: attemptId, key: e.key, value: JSON.stringify(e.value), seq: e.seq, saved_at: now })))
    .onConflict((oc) => oc.columns(['attempt_id', 'key']).doUpdateSet((eb) => ({ value: eb.ref('excluded.value'), seq: eb.ref('excluded.seq'), saved_at: eb.ref('excluded.saved_at') }))
      .where('attempt_journal.seq', '<', (eb) => eb.ref('excluded.seq')))
    .execute();
}


/** The newest launch exception of each appointment (waiting or approved), with the staff members' names. */
export async function listLaunchExceptions(db: Db, appointmentIds: readonly string[]): Promise<Map<string, LaunchException>> {
  if (appointmentIds.length === 0) return new Map();
  const rows = await db.selectFrom('launch_exceptions')
    .innerJoin('users as requester', 'requester.id', 'launch_exceptions.requested_by')
    .leftJoin('users as approver', 'approver.id', 'launch_exceptions.approved_by')
    .select(['launch_exceptions.id', 'launch_exceptions.appointment_id', 'launch_exceptions.reason_code', 'launch_exceptions.note', 'launch_exceptions.requested_by',
      'launch_exceptions.requested_at', 'launch_exceptions.approved_by', 'launch_exceptions.approved_at', 'requester.legal_name as requester_name', 'approver.legal_name as approver_name'])
    .distinctOn('launch_exceptions.appointment_id')
    .where('launch_exceptions.appointment_id', 'in', appointmentIds)
    .orderBy('launch_exceptions.appointment_id').orderBy('launch_exceptions.requested_at', 'desc').execute();
  return new Map(rows.map((r) => [r.appointment_id, {
    id: r.id, appointmentId: r.appointment_id, reasonCode: r.reason_code, reason: launchExceptionReasonText(r.reason_code), note: r.note,
    requestedBy: { id: r.requested_by, name: r.requester_name }, requestedAt: r.requested_at.toISOString(),
    approvedBy: r.approved_by ? { id: r.approved_by, name: r.approver_name ?? '' } : null, approvedAt: r.approved_at?.toISOString() ?? null,
  }]));
}

/** The approved launch exception of an appointment, if its launch was authorised that way. */
export async function findApprovedLaunchException(db: Db, appointmentId: string) {
  return db.selectFrom('launch_exceptions').selectAll().where('appointment_id', '=', appointmentId).where('approved_at', 'is not', null)
    .orderBy('approved_at', 'desc').limit(1).executeTakeFirst();
}
