import { sql, type Selectable } from 'kysely';
import { AppError } from '../../core/shared/app-error.ts';
import { windowState } from '../../core/checkin/window.ts';
import { photoLabels, missingPhotos, type PhotoKind } from '../../core/checkin/required-photos.ts';
import { queueEta } from '../../core/checkin/queue-eta.ts';
import { bucketMs, unitsPerStaff } from '../../core/scheduling/capacity.ts';
import { renderRules } from '../../core/catalog/rules-text.ts';
import type { ExamPolicy } from '../../core/catalog/policy.ts';
import type { CheckIn } from '../../contracts/checkin.ts';
import type { Db } from '../platform/db/database.ts';
import type { CheckinsTable } from '../platform/db/schema.ts';
import type { Deps } from '../platform/deps.ts';
import { currentPolicy } from '../catalog/repository.ts';
import { blobLinks } from '../media/routes.ts';

export type CheckInRow = Selectable<CheckinsTable>;

/** The appointment, its exam and policy, and the candidate's zone, for a check-in. */
export async function appointmentContext(db: Db, appointmentId: string) {
  const appt = await db.selectFrom('appointments').innerJoin('exams', 'exams.id', 'appointments.exam_id').innerJoin('users', 'users.id', 'appointments.candidate_id')
    .select(['appointments.id', 'appointments.candidate_id', 'appointments.starts_at', 'appointments.status', 'appointments.exam_id', 'exams.code', 'exams.title', 'exams.duration_minutes', 'users.time_zone', 'users.legal_name', 'users.email'])
    .where('appointments.id', '=', appointmentId).executeTakeFirst();
  if (!appt) throw new AppError('NotFound', 'No such appointment.');
  return { appt, policy: (await currentPolicy(db, appt.exam_id)).policy };
}

/** The candidate's own check-in; NotFound for anyone else's. */
export async function getOwnCheckIn(db: Db, candidateId: string, id: string, lock = false): Promise<CheckInRow> {
  let q = db.selectFrom('checkins').selectAll().where('id', '=', id).where('candidate_id', '=', candidateId);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw new AppError('NotFound', 'No such check-in.');
  return row;
}

export async function photosOf(db: Db, checkinId: string) {
  return db.selectFrom('checkin_photos').select(['kind', 'blob_key']).where('checkin_id', '=', checkinId).execute();
}

/** The photos of a check-in as a list in the required order, with short-lived signed links to those uploaded. */
export async function presentPhotos(deps: Pick<Deps, 'db' | 'clock'>, row: CheckInRow) {
  const [photos, links] = await Promise.all([photosOf(deps.db, row.id), blobLinks(deps)]);
  const byKind = new Map(photos.map((p) => [p.kind, p.blob_key]));
  return (row.required_photos as PhotoKind[]).map((kind) => {
    const key = byKind.get(kind);
    return { kind, label: photoLabels[kind], uploaded: key !== undefined, url: key ? links.url(key, deps.clock.now()) : null, retake: row.retake_photos.includes(kind) };
  });
}

/** Recent review durations (ms) and the check-ins ahead, for the candidate's honest wait estimate. */
async function queueFor(db: Db, row: CheckInRow, now: Date) {
  if (row.status !== 'submitted' || !row.submitted_at) return null;
  const bucket = new Date(Math.floor(now.getTime() / bucketMs) * bucketMs);
  const [ahead, recent, reviewing, onDuty] = await Promise.all([
    db.selectFrom('checkins').select((eb) => eb.fn.countAll<string>().as('n')).where('status', '=', 'submitted').where('submitted_at', '<', row.submitted_at).executeTakeFirstOrThrow(),
    // Each recent decision with its greeter's previous one: the pickup delay is the claim minus the later of the
    // submission and that greeter being free again.
    db.selectFrom('checkins').select(['claimed_at', 'decided_at', 'submitted_at', sql<Date | null>`lag(decided_at) over (partition by decided_by order by decided_at)`.as('previous_decided_at')])
      .where('decided_at', 'is not', null).where('claimed_at', 'is not', null)
      .where('decided_at', '>', new Date(now.getTime() - 2 * 3_600_000)).orderBy('decided_at', 'desc').limit(50).execute(),
    db.selectFrom('checkins').select('claimed_at').where('status', '=', 'in_review').execute(),
    // Greeters on shift now, from the capacity table (greeting units per quarter hour); the busiest program's count, as
    // one greeter may cover several programs. Idle greeters count: they take the next check-in within moments.
    db.selectFrom('capacity_buckets').select((eb) => eb.fn.max('checkin_units_total').as('units')).where('starts_at', '=', bucket).executeTakeFirst(),
  ]);
  const eta = queueEta({
    position: Number(ahead.n),
    greeters: Math.max(1, reviewing.length, Math.floor(Number(onDuty?.units ?? 0) / unitsPerStaff)),
    recentReviewMs: recent.map((r) => r.decided_at!.getTime() - r.claimed_at!.getTime()),
    recentPickupMs: recent.filter((r) => r.submitted_at).map((r) => {
      const ready = Math.max(r.submitted_at!.getTime(), r.previous_decided_at ? new Date(r.previous_decided_at).getTime() : 0);
      return Math.max(0, r.claimed_at!.getTime() - ready);
    }),
    runningReviewMs: reviewing.map((r) => now.getTime() - r.claimed_at!.getTime()),
  });
  return eta ? { position: Number(ahead.n) + 1, etaMs: Math.round(eta.waitMs), etaLowMs: Math.round(eta.lowMs), etaHighMs: Math.round(eta.highMs) } : null;
}

async function scanChunkCount(db: Db, id: string, take: number) {
  const r = await db.selectFrom('checkin_scan_chunks').select((eb) => eb.fn.countAll<string>().as('n')).where('checkin_id', '=', id).where('take', '=', take).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The candidate's view of their check-in. */
export async function presentCheckIn(deps: Pick<Deps, 'db' | 'clock'>, row: CheckInRow, ctx: { startsAt: Date; zone: string; durationMinutes: number; policy: ExamPolicy }): Promise<CheckIn> {
  const now = deps.clock.now();
  const w = windowState(ctx.startsAt, ctx.policy, now, ctx.zone);
  const photos = await presentPhotos(deps, row);
  const missing = missingPhotos(row.required_photos as PhotoKind[], photos.filter((p) => p.uploaded && !p.retake).map((p) => p.kind));
  return {
    id: row.id, appointmentId: row.appointment_id, status: row.status,
    window: { state: w.state, opensAt: w.opensAt.toISOString(), closesAt: w.closesAt.toISOString(), message: w.message },
    rules: renderRules(ctx.policy, { durationMinutes: ctx.durationMinutes }), rulesAccepted: row.rules_accepted_at !== null,
    photos, canSubmit: (row.status === 'in_progress' || row.status === 'retake_requested') && row.rules_accepted_at !== null && missing.length === 0 && w.state === 'open',
    queue: await queueFor(deps.db, row, now), decisionReason: row.decision_reason,
    roomScan: {
      required: ctx.policy.proctoring.requireRoomScan, minSeconds: ctx.policy.proctoring.roomScanSeconds, take: row.scan_take,
      chunks: row.scan_take ? await scanChunkCount(deps.db, row.id, row.scan_take) : 0,
      startedAt: row.scan_started_at?.toISOString() ?? null, completedAt: row.scan_completed_at?.toISOString() ?? null,
    },
    canLaunch: row.status === 'completed',
    help: row.help_requested_at ? {
      requestedAt: row.help_requested_at.toISOString(), message: row.help_message ?? '', reply: row.help_reply, repliedAt: row.help_replied_at?.toISOString() ?? null,
    } : null,
  };
}

/** A check-in row as its candidate sees it, with its appointment's window, rules and policy looked up. */
export async function presentCheckInRow(deps: Pick<Deps, 'clock'>, db: Db, row: CheckInRow): Promise<CheckIn> {
  const { appt, policy } = await appointmentContext(db, row.appointment_id);
  return presentCheckIn({ db, clock: deps.clock }, row, { startsAt: appt.starts_at, zone: appt.time_zone, durationMinutes: appt.duration_minutes, policy });
}
