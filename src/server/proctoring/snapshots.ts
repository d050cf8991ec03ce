import { AppError } from '../../core/shared/app-error.ts';
import { requireRole, type Principal } from '../platform/auth.ts';
import type { Deps } from '../platform/deps.ts';
import { reencodePhoto } from '../platform/images.ts';
import { publishAttempt } from '../live/channels.ts';
import { requireParty, watchedStatuses } from './repository.ts';

/** A snapshot is small: the wire limit, and the size it is stored at. */
export const snapshotLimits = { maxBytes: 1024 * 1024, maxPixels: 4_000_000, maxSide: 480 };

/**
 * Candidate: the webcam photo their browser sends every 10 s while no live video path to the proctor exists
 * (snapshot mode). Sniffed, re-encoded without metadata and scaled down; only the newest is kept.
 */
export async function saveSnapshot(deps: Deps, principal: Principal | null, attemptId: string, body: Buffer): Promise<{ takenAt: string }> {
  const actor = requireRole(principal, []);
  const { attempt } = await requireParty(deps.db, actor, attemptId, ['candidate']);
  if (!attempt.proctored) throw new AppError('Conflict', 'This exam is not proctored.');
  if (!watchedStatuses.includes(attempt.status as 'in_progress')) throw new AppError('AttemptFinished', 'This exam has ended.');
  const photo = await reencodePhoto(body, snapshotLimits);
  const now = deps.clock.now();
  await deps.db.insertInto('attempt_snapshots').values({ attempt_id: attemptId, jpeg: photo.data, taken_at: now })
    .onConflict((oc) => oc.column('attempt_id').doUpdateSet({ jpeg: photo.data, taken_at: now })).execute();
  publishAttempt(deps, { id: attemptId, proctorId: attempt.proctorId }, 'event');
  return { takenAt: now.toISOString() };
}

/** The assigned proctor or an admin: the newest snapshot of an attempt. */
export async function getSnapshot(deps: Deps, principal: Principal | null, attemptId: string): Promise<Buffer> {
  const actor = requireRole(principal, ['proctor', 'admin']);
  await requireParty(deps.db, actor, attemptId, ['proctor', 'admin']);
  const row = await deps.db.selectFrom('attempt_snapshots').select('jpeg').where('attempt_id', '=', attemptId).executeTakeFirst();
  if (!row) throw new AppError('NotFound', 'No snapshot yet.');
  return row.jpeg;
}
