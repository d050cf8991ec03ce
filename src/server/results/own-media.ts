import { AppError } from '../../core/shared/app-error.ts';
import type { OwnMedia } from '../../contracts/results.ts';
import { appendAudit } from '../platform/audit.ts';
import { requireRole, type Principal } from '../platform/auth.ts';
import type { Deps } from '../platform/deps.ts';
import { blobLinks } from '../media/routes.ts';
import { presentRecordings } from '../proctoring/recordings.ts';

/**
 * The candidate (their own result; an admin may look too): the check-in photos and the session recordings kept of their
 * exam, each through a short-lived link, until the retention period deletes them. Every viewing is audited.
 */
export async function getOwnMedia(deps: Deps, principal: Principal | null, attemptId: string): Promise<OwnMedia> {
  const actor = requireRole(principal, []);
  const r = await deps.db.selectFrom('results').innerJoin('attempts', 'attempts.id', 'results.attempt_id')
    .select(['results.candidate_id', 'attempts.appointment_id']).where('results.attempt_id', '=', attemptId).executeTakeFirst();
  if (!r || (r.candidate_id !== actor.userId && !actor.roles.includes('admin'))) throw new AppError('NotFound', 'No such result.');
  const checkin = r.appointment_id
    ? await deps.db.selectFrom('checkins').select(['id', 'media_purged_at']).where('appointment_id', '=', r.appointment_id).executeTakeFirst()
    : undefined;
  const photos = checkin && !checkin.media_purged_at
    ? await deps.db.selectFrom('checkin_photos').select(['kind', 'blob_key']).where('checkin_id', '=', checkin.id).execute()
    : [];
  const links = await blobLinks(deps);
  const now = deps.clock.now();
  await deps.db.transaction().execute((trx) => appendAudit(trx, deps.clock, { actorId: actor.userId, action: 'attempt.own_media_viewed', subjectType: 'attempt', subjectId: attemptId }));
  return {
    photos: photos.map((p) => ({ kind: p.kind as OwnMedia['photos'][number]['kind'], url: links.url(p.blob_key, now, 600) })),
    photosDeleted: checkin?.media_purged_at != null,
    recordings: await presentRecordings(deps, attemptId),
  };
}
