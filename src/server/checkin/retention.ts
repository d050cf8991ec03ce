import { z } from 'zod';
import { appendAudit } from '../platform/audit.ts';
import type { Db } from '../platform/db/database.ts';
import type { Deps } from '../platform/deps.ts';
import { defineJob, enqueueJob } from '../platform/jobs.ts';
import { currentPolicy } from '../catalog/repository.ts';
import { purgeExpiredRecordings } from '../proctoring/recordings.ts';

const day = 86_400_000;
/** Check-ins looked at per run; a run that finds more schedules the next one at once. */
const batch = 200;

/**
 * Deletes the photos and room-scan recordings of check-ins whose exam ended more than the exam policy's
 * `retention.mediaDays` ago: the files first (a crash before the commit only means they are deleted again), then their
 * rows, and the check-in is marked purged. One audit entry per run names the check-ins. Returns how many were purged
 * and whether more may be due.
 */
export async function purgeExpiredMedia(deps: Pick<Deps, 'blobs' | 'clock'>, trx: Db): Promise<{ purged: number; more: boolean }> {
  const now = deps.clock.now();
  // Every policy keeps media at least a day, so only check-ins of exams that ended a day ago are candidates.
  const rows = await trx.selectFrom('checkins').innerJoin('appointments', 'appointments.id', 'checkins.appointment_id')
    .select(['checkins.id', 'appointments.exam_id', 'appointments.starts_at', 'appointments.duration_minutes', 'appointments.extra_minutes'])
    .where('checkins.media_purged_at', 'is', null).where('appointments.starts_at', '<', new Date(now.getTime() - day))
    // An open appeal keeps the session's media until it is decided.
    .where((eb) => eb.not(eb.exists(eb.selectFrom('result_appeals').innerJoin('attempts', 'attempts.id', 'result_appeals.attempt_id').select('result_appeals.id')
      .whereRef('attempts.appointment_id', '=', 'checkins.appointment_id').where('result_appeals.state', '=', 'open'))))
    .orderBy('appointments.starts_at').limit(batch).forUpdate('checkins').skipLocked().execute();
  const policies = new Map(await Promise.all([...new Set(rows.map((r) => r.exam_id))].map(async (id) => [id, (await currentPolicy(trx, id)).policy] as const)));
  const due = rows.filter((r) => {
    const ended = r.starts_at.getTime() + (r.duration_minutes + r.extra_minutes) * 60_000;
    return ended + policies.get(r.exam_id)!.retention.mediaDays * day <= now.getTime();
  }).map((r) => r.id);
  if (due.length === 0) return { purged: 0, more: false };
  const [photos, chunks] = await Promise.all([
    trx.selectFrom('checkin_photos').select('blob_key').where('checkin_id', 'in', due).execute(),
    trx.selectFrom('checkin_scan_chunks').select('blob_key').where('checkin_id', 'in', due).execute(),
  ]);
  for (const { blob_key } of [...photos, ...chunks]) await deps.blobs.delete(blob_key);
  await trx.deleteFrom('checkin_photos').where('checkin_id', 'in', due).execute();
  await trx.deleteFrom('checkin_scan_chunks').where('checkin_id', 'in', due).execute();
  await trx.updateTable('checkins').set({ media_purged_at: now, phone_token_hash: null }).where('id', 'in', due).execute();
  await appendAudit(trx, deps.clock, { actorId: null, action: 'media.purged', subjectType: 'checkin', data: { checkins: due, files: photos.length + chunks.length } });
  return { purged: due.length, more: rows.length === batch };
}

/** Job: the daily retention purge of check-in media and session recordings (and a follow-up run at once while a backlog remains). */
export const mediaRetentionJob = defineJob({
  name: 'checkin.media-retention',
  version: 1,
  schema: z.object({ day: z.iso.date(), part: z.number().int().min(0).default(0) }),
  async handler(deps, trx, { day: today, part }) {
    // Check-in photos and room scans, then session recordings: the same retention period.
    const photos = await purgeExpiredMedia(deps, trx);
    const recordings = await purgeExpiredRecordings(deps, trx);
    if (photos.more || recordings.more) {
      await enqueueJob(trx, deps, mediaRetentionJob, { day: today, part: part + 1 }, { runAt: deps.clock.now(), uniqueKey: `media-retention:${today}:${part + 1}` });
      return;
    }
    const next = new Date(Date.parse(`${today}T00:00:00Z`) + day).toISOString().slice(0, 10);
    // 03:00 UTC: after the night's exams in most zones, away from the capacity job.
    await enqueueJob(trx, deps, mediaRetentionJob, { day: next, part: 0 }, { runAt: new Date(`${next}T03:00:00Z`), uniqueKey: `media-retention:${next}:0` });
  },
});

/** Makes sure today's purge is scheduled (called when the job runner starts). */
export async function scheduleMediaRetention(deps: Pick<Deps, 'db' | 'ids' | 'clock'>): Promise<void> {
  const today = deps.clock.now().toISOString().slice(0, 10);
  await enqueueJob(deps.db, deps, mediaRetentionJob, { day: today, part: 0 }, { runAt: deps.clock.now(), uniqueKey: `media-retention:${today}:0` });
}

export const checkInJobs = [mediaRetentionJob];
