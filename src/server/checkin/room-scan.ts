import { AppError } from '../../core/shared/app-error.ts';
import { checkInTransition } from '../../core/checkin/checkin-state.ts';
import type { CheckIn } from '../../contracts/checkin.ts';
import { appendAudit } from '../platform/audit.ts';
import { requireRole, type Principal } from '../platform/auth.ts';
import type { Db } from '../platform/db/database.ts';
import type { Deps } from '../platform/deps.ts';
import { publishCheckIn } from '../live/channels.ts';
import { blobLinks } from '../media/routes.ts';
import { appointmentContext, getOwnCheckIn, presentCheckInRow } from './repository.ts';

/** Limits on a recording: MediaRecorder chunks of a few seconds at webcam bitrates are far below these. */
export const scanLimits = { maxChunkBytes: 8 * 1024 * 1024, maxChunks: 900, maxTakeBytes: 400 * 1024 * 1024 };
/** The EBML magic every WebM stream (its first chunk) starts with. */
const ebmlMagic = Buffer.from([0x1a, 0x45, 0xdf, 0xa3]);
/** The server's own measure of the scan's length may fall short of the recorder's by network jitter. */
const durationSlackMs = 1500;

const present = presentCheckInRow;

/**
 * Candidate: starts a take of the room scan after the greeter's approval. Every call starts a new take (a reload
 * mid-scan starts a new recorder, whose stream cannot continue the old one); earlier takes are kept as evidence.
 */
export async function startRoomScan(deps: Deps, principal: Principal | null, id: string): Promise<CheckIn> {
  const actor = requireRole(principal, []);
  const checkIn = await deps.db.transaction().execute(async (trx) => {
    const row = await getOwnCheckIn(trx, actor.userId, id, true);
    const status = row.status === 'room_scan' ? row.status : checkInTransition(row.status, 'start_scan');
    const now = deps.clock.now();
    const updated = await trx.updateTable('checkins').set({ status, scan_take: row.scan_take + 1, scan_started_at: now, updated_at: now })
      .where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    return present(deps, trx, updated);
  });
  publishCheckIn(deps, checkIn, { queueMoved: false });
  return checkIn;
}

async function ownScanningCheckIn(db: Db, candidateId: string, id: string, take: number, lock = false) {
  const row = await getOwnCheckIn(db, candidateId, id, lock);
  if (row.status !== 'room_scan') throw new AppError('Conflict', row.status === 'completed' ? 'The room scan is already complete.' : 'The room scan has not started.');
  if (row.scan_take !== take) throw new AppError('Conflict', 'A newer recording of the room scan has started; this one is closed.', { take: row.scan_take });
  return row;
}

/**
 * Candidate: one chunk of the current take, as MediaRecorder made it. Chunks are stored as they arrive, so a crash
 * loses at most the chunk being recorded. Sending a chunk again (a retry after a lost response) changes nothing.
 */
export async function uploadScanChunk(deps: Deps, principal: Principal | null, id: string, take: number, seq: number, bytes: Buffer) {
  const actor = requireRole(principal, []);
  await ownScanningCheckIn(deps.db, actor.userId, id, take);
  if (seq >= scanLimits.maxChunks) throw new AppError('PayloadTooLarge', `A room scan has at most ${scanLimits.maxChunks} chunks.`);
  if (seq === 0 && !bytes.subarray(0, 4).equals(ebmlMagic)) throw new AppError('UnsupportedMediaType', 'The recording must be WebM (as MediaRecorder makes it).');
  const key = await deps.blobs.put(bytes, 'webm');
  const stored = await deps.db.transaction().execute(async (trx) => {
    await ownScanningCheckIn(trx, actor.userId, id, take, true);
    const total = await trx.selectFrom('checkin_scan_chunks').select((eb) => eb.fn.coalesce(eb.fn.sum<string>('bytes'), eb.val('0')).as('bytes'))
      .where('checkin_id', '=', id).where('take', '=', take).executeTakeFirstOrThrow();
    if (Number(total.bytes) + bytes.length > scanLimits.maxTakeBytes) throw new AppError('PayloadTooLarge', 'The room scan recording is too large.');
    const inserted = await trx.insertInto('checkin_scan_chunks').values({ checkin_id: id, take, seq, blob_key: key, bytes: bytes.length, received_at: deps.clock.now() })
      .onConflict((oc) => oc.columns(['checkin_id', 'take', 'seq']).doNothing()).returning('seq').executeTakeFirst();
    return inserted !== undefined;
  }).catch(async (err: unknown) => {
    await deps.blobs.delete(key);
    throw err;
  });
  if (!stored) await deps.blobs.delete(key); // a repeat: the first copy stays
  const count = await deps.db.selectFrom('checkin_scan_chunks').select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.sum<string>('bytes').as('bytes')])
    .where('checkin_id', '=', id).where('take', '=', take).executeTakeFirstOrThrow();
  return { take, seq, chunks: Number(count.n), bytes: Number(count.bytes ?? 0) };
}

/**
 * Candidate: finishes the take. Every chunk 0…n-1 must have arrived, and the scan must have lasted the policy's
 * minimum (by the server's clock). The check-in is then complete and the exam may launch, on the strength of the
 * greeter's approval.
 */
export async function completeRoomScan(deps: Deps, principal: Principal | null, id: string, take: number, chunks: number): Promise<CheckIn> {
  const actor = requireRole(principal, []);
  const checkIn = await deps.db.transaction().execute(async (trx) => {
    const row = await ownScanningCheckIn(trx, actor.userId, id, take, true);
    const { policy } = await appointmentContext(trx, row.appointment_id);
    const now = deps.clock.now();
    const lasted = now.getTime() - (row.scan_started_at?.getTime() ?? now.getTime());
    if (lasted + durationSlackMs < policy.proctoring.roomScanSeconds * 1000) {
      throw new AppError('Conflict', `Keep turning the camera slowly: the room scan takes at least ${policy.proctoring.roomScanSeconds} seconds.`, { lastedMs: lasted });
    }
    const have = new Set((await trx.selectFrom('checkin_scan_chunks').select('seq').where('checkin_id', '=', id).where('take', '=', take).execute()).map((c) => c.seq));
    const missing = Array.from({ length: chunks }, (_, i) => i).filter((i) => !have.has(i));
    if (missing.length) throw new AppError('Conflict', `Parts of the recording have not arrived yet (${missing.length} of ${chunks}); they are being sent again.`, { missing });
    if (have.size > chunks) throw new AppError('ValidationFailed', 'More parts arrived than the recording says it has.', { in: 'body', issues: [{ path: ['chunks'], message: `At least ${have.size}.` }] });
    const updated = await trx.updateTable('checkins').set({ status: checkInTransition(row.status, 'complete'), scan_completed_at: now, updated_at: now })
      .where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await trx.updateTable('appointments').set({ launch_authorised_at: now, launch_authorised_by: row.decided_by }).where('id', '=', row.appointment_id).execute();
    await appendAudit(trx, deps.clock, { actorId: actor.userId, action: 'checkin.room_scan_completed', subjectType: 'checkin', subjectId: id, data: { take, chunks, lastedMs: lasted } });
    return present(deps, trx, updated);
  });
  publishCheckIn(deps, checkIn, { queueMoved: false });
  return checkIn;
}

const recordingKey = (id: string, take: number) => `room-scan/${id}/${take}`;

/** Staff: the takes of a check-in's room scan, each with a short-lived link that plays it. Viewing is audited. */
export async function roomScanTakes(deps: Deps, principal: Principal | null, id: string) {
  const actor = requireRole(principal, ['proctor', 'admin']);
  const row = await deps.db.selectFrom('checkins').select(['id', 'scan_take', 'scan_completed_at', 'media_purged_at']).where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NotFound', 'No such check-in.');
  const takes = await deps.db.selectFrom('checkin_scan_chunks').select((eb) => ['take', eb.fn.countAll<string>().as('chunks'), eb.fn.sum<string>('bytes').as('bytes'), eb.fn.min('received_at').as('first'), eb.fn.max('received_at').as('last')])
    .where('checkin_id', '=', id).groupBy('take').orderBy('take').execute();
  const links = await blobLinks(deps);
  const now = deps.clock.now();
  await deps.db.transaction().execute((trx) => appendAudit(trx, deps.clock, { actorId: actor.userId, action: 'checkin.room_scan_viewed', subjectType: 'checkin', subjectId: id }));
  return {
    mediaPurgedAt: row.media_purged_at?.toISOString() ?? null,
    takes: takes.map((t) => {
      const signed = links.url(recordingKey(id, t.take), now, 900);
      return {
        take: t.take, chunks: Number(t.chunks), bytes: Number(t.bytes ?? 0), firstChunkAt: new Date(t.first as Date).toISOString(), lastChunkAt: new Date(t.last as Date).toISOString(),
        completed: t.take === row.scan_take && row.scan_completed_at !== null,
        url: `/api/v1/recordings/room-scan/${id}/${t.take}${signed.slice(signed.indexOf('?'))}`,
      };
    }),
  };
}

/** The bytes of one take, its chunks in order (a signed link from roomScanTakes is the permission). */
export async function roomScanRecording(deps: Deps, id: string, take: number, exp: number, sig: string): Promise<Buffer> {
  const verdict = (await blobLinks(deps)).verify(recordingKey(id, take), exp, sig, deps.clock.now());
  if (verdict === 'expired') throw new AppError('TokenExpired', 'This link has expired. Reload the page to get a new one.');
  if (verdict === 'invalid') throw new AppError('Forbidden', 'This link is not valid.');
  const chunks = await deps.db.selectFrom('checkin_scan_chunks').select(['seq', 'blob_key']).where('checkin_id', '=', id).where('take', '=', take).orderBy('seq').execute();
  if (!chunks.length) throw new AppError('NotFound', 'This recording no longer exists (it may have been deleted after the retention period).');
  const parts: Buffer[] = [];
  for (const c of chunks) {
    const blob = await deps.blobs.get(c.blob_key);
    if (blob) parts.push(blob.data);
  }
  return Buffer.concat(parts);
}
