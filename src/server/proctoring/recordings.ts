import { storedPolicy } from '../catalog/stored-policy.ts';
import { sql } from 'kysely';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { ExamPolicy } from '../../core/catalog/policy.ts';
import { AppError } from '../../core/shared/app-error.ts';
import type { RecordingKind, SessionRecordings } from '../../contracts/proctoring.ts';
import { appendAudit } from '../platform/audit.ts';
import { requireRole, type Principal } from '../platform/auth.ts';
import type { Db } from '../platform/db/database.ts';
import type { Deps } from '../platform/deps.ts';
import { defineJob, enqueueJob } from '../platform/jobs.ts';
import { MediaToolError, remuxWebm } from '../platform/media-tools.ts';
import { blobLinks } from '../media/routes.ts';
import { requireParty, watchedStatuses } from './repository.ts';

/**
 * Limits on one recording. At the default 250 + 32 kbit/s a 5-second chunk is about 180 KB; a 4-hour exam in 5-second
 * chunks is 2,880 of them, about 500 MB.
 */
export const recordingLimits = { maxChunkBytes: 8 * 1024 * 1024, maxChunks: 20_000, maxRecordingBytes: 4 * 1024 * 1024 * 1024 };
/** The browser's recorder settings sent to the candidate's page (audio is fixed: speech needs little). */
export const recordingSettings = (policy: ExamPolicy) => ({ videoKbps: policy.proctoring.recordingVideoKbps, audioKbps: 32, chunkSeconds: 5 });
/** Chunks left on the candidate's computer (a crash, a reload) may still arrive this long after the exam ended. */
const lateChunksMs = 30 * 60_000;
/** A recording nobody ended is assembled once no chunk has arrived for this long and its attempt has ended… */
const settledAfterEndMs = 2 * 60_000;
/** …or, while the attempt still runs, once it has been silent this long (a reload left it behind). */
const abandonedAfterMs = 15 * 60_000;
/** How often the assembly job looks again at a recording that is still growing. */
const recheckMs = 10 * 60_000;
/** The EBML magic every WebM stream (its first chunk) starts with. */
const ebmlMagic = Buffer.from([0x1a, 0x45, 0xdf, 0xa3]);
const finishedStatuses = ['submitted', 'expired', 'terminated'];

/** The candidate's own proctored attempt; `kind` given: one whose policy records that kind (room re-scans always are). */
async function candidateAttempt(deps: Deps, principal: Principal | null, attemptId: string, kind?: RecordingKind) {
  const actor = requireRole(principal, []);
  const { attempt } = await requireParty(deps.db, actor, attemptId, ['candidate']);
  if (!attempt.proctored || (kind && kind !== 'room_scan' && !attempt.policy.proctoring.recordSessions)) throw new AppError('Conflict', 'This exam is not recorded.');
  return { actor, attempt };
}

/**
 * Candidate: starts a recording (a new MediaRecorder in the browser: at the start of the exam, after a reload, with a
 * new camera, a screen share or a room re-scan). An earlier open recording of the same kind is closed: its recorder is
 * gone, though chunks it left on the candidate's computer may still arrive.
 */
export async function startRecording(deps: Deps, principal: Principal | null, attemptId: string, kind: RecordingKind): Promise<{ id: string; startedAt: string }> {
  const { attempt } = await candidateAttempt(deps, principal, attemptId, kind);
  if (!watchedStatuses.includes(attempt.status as 'in_progress')) throw new AppError('AttemptFinished', 'This exam has ended.');
  const now = deps.clock.now();
  const id = deps.ids.uuid();
  await deps.db.transaction().execute(async (trx) => {
    if (kind === 'room_scan') {
      const row = await trx.selectFrom('attempts').select('rescan_requested_at').where('id', '=', attemptId).executeTakeFirstOrThrow();
      if (!row.rescan_requested_at) throw new AppError('Conflict', 'No room re-scan has been asked for.');
    }
    await trx.updateTable('session_recordings').set({ ended_at: now }).where('attempt_id', '=', attemptId).where('kind', '=', kind).where('ended_at', 'is', null).execute();
    await trx.insertInto('session_recordings').values({ id, attempt_id: attemptId, kind, started_at: now }).execute();
    // Looks again later even if the browser never ends it (a crash): every recording is assembled in the end.
    await enqueueJob(trx, deps, assembleRecordingJob, { recordingId: id, check: 0 }, { runAt: new Date(now.getTime() + recheckMs), uniqueKey: `recording-assemble:${id}:0` });
  });
  deps.log.info({ event: 'recording.started', attemptId, recordingId: id, kind }, 'recording.started');
  return { id, startedAt: now.toISOString() };
}

async function ownRecording(db: Db, attemptId: string, recordingId: string) {
  const row = await db.selectFrom('session_recordings').innerJoin('attempts', 'attempts.id', 'session_recordings.attempt_id')
    .select(['session_recordings.id', 'session_recordings.kind', 'session_recordings.assembled_at', 'session_recordings.purged_at', 'session_recordings.bytes', 'attempts.status', 'attempts.ended_at'])
    .where('session_recordings.id', '=', recordingId).where('session_recordings.attempt_id', '=', attemptId).executeTakeFirst();
  if (!row) throw new AppError('NotFound', 'No such recording.');
  return row;
}

/**
 * Candidate: one chunk of a recording, as MediaRecorder made it. Stored at once, so a crash loses at most the chunk
 * being recorded; a repeat (a retry after a lost response) changes nothing. Chunks left on the computer by a crash may
 * arrive for a while after the exam ended.
 */
export async function uploadRecordingChunk(deps: Deps, principal: Principal | null, attemptId: string, recordingId: string, seq: number, bytes: Buffer) {
  await candidateAttempt(deps, principal, attemptId);
  const row = await ownRecording(deps.db, attemptId, recordingId);
  const now = deps.clock.now();
  if (row.assembled_at || row.purged_at) throw new AppError('Conflict', 'This recording is already complete.');
  if (finishedStatuses.includes(row.status) && row.ended_at && now.getTime() - row.ended_at.getTime() > lateChunksMs) throw new AppError('AttemptFinished', 'This exam ended too long ago to add to its recording.');
  if (seq >= recordingLimits.maxChunks) throw new AppError('PayloadTooLarge', `A recording has at most ${recordingLimits.maxChunks} parts; start a new one.`);
  if (seq === 0 && !bytes.subarray(0, 4).equals(ebmlMagic)) throw new AppError('UnsupportedMediaType', 'The recording must be WebM (as MediaRecorder makes it).');
  if (Number(row.bytes) + bytes.length > recordingLimits.maxRecordingBytes) throw new AppError('PayloadTooLarge', 'This recording is too large; start a new one.');
  const key = await deps.blobs.put(bytes, 'webm');
  const stored = await deps.db.transaction().execute(async (trx) => {
    const inserted = await trx.insertInto('session_recording_chunks').values({ recording_id: recordingId, seq, blob_key: key, bytes: bytes.length, received_at: now })
      .onConflict((oc) => oc.columns(['recording_id', 'seq']).doNothing()).returning('seq').executeTakeFirst();
    if (!inserted) return false;
    await trx.updateTable('session_recordings').set({ chunks: sql`chunks + 1`, bytes: sql`bytes + ${bytes.length}`, last_chunk_at: now }).where('id', '=', recordingId).execute();
    return true;
  }).catch(async (err: unknown) => {
    await deps.blobs.delete(key);
    throw err;
  });
  if (!stored) await deps.blobs.delete(key); // a repeat: the first copy stays
  return { recordingId, seq, stored };
}

/**
 * Candidate: the recorder stopped (the exam ended, the camera changed) after `chunks` chunks. The recording is
 * assembled as soon as they have all arrived; the answer lists the ones still missing, to send again.
 */
export async function endRecording(deps: Deps, principal: Principal | null, attemptId: string, recordingId: string, chunks: number): Promise<{ missing: number[] }> {
  await candidateAttempt(deps, principal, attemptId);
  await ownRecording(deps.db, attemptId, recordingId);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const have = new Set((await trx.selectFrom('session_recording_chunks').select('seq').where('recording_id', '=', recordingId).execute()).map((c) => c.seq));
    if (have.size > chunks) throw new AppError('ValidationFailed', 'More parts arrived than the recording says it has.', { in: 'body', issues: [{ path: ['chunks'], message: `At least ${have.size}.` }] });
    await trx.updateTable('session_recordings').set({ ended_at: sql`coalesce(ended_at, ${now})`, declared_chunks: chunks }).where('id', '=', recordingId).execute();
    const missing = Array.from({ length: chunks }, (_, i) => i).filter((i) => !have.has(i));
    if (missing.length === 0) await enqueueJob(trx, deps, assembleRecordingJob, { recordingId, check: -1 }, { runAt: now, uniqueKey: `recording-assemble:${recordingId}:end` });
    return { missing };
  });
}

const playKey = (id: string) => `session-recording/${id}`;

/** Staff (the session's proctor, an admin): an attempt's recordings, each with a short-lived link that plays it. Viewing is audited. */
export async function listRecordings(deps: Deps, principal: Principal | null, attemptId: string): Promise<SessionRecordings> {
  const actor = requireRole(principal, ['proctor', 'admin']);
  await requireParty(deps.db, actor, attemptId, ['proctor', 'admin']);
  await deps.db.transaction().execute((trx) => appendAudit(trx, deps.clock, { actorId: actor.userId, action: 'attempt.recordings_viewed', subjectType: 'attempt', subjectId: attemptId }));
  return { recordings: await presentRecordings(deps, attemptId) };
}

/** An attempt's recordings with links that play them for an hour (the caller has authorised and audited the viewing). */
export async function presentRecordings(deps: Deps, attemptId: string): Promise<SessionRecordings['recordings']> {
  const rows = await deps.db.selectFrom('session_recordings').selectAll().where('attempt_id', '=', attemptId).orderBy('started_at').execute();
  const links = await blobLinks(deps);
  const now = deps.clock.now();
  return rows.map((r) => {
    const signed = links.url(playKey(r.id), now, 3600);
    return {
      id: r.id, kind: r.kind, startedAt: r.started_at.toISOString(), endedAt: r.ended_at?.toISOString() ?? null, lastChunkAt: r.last_chunk_at?.toISOString() ?? null,
      chunks: r.chunks, bytes: Number(r.bytes), durationMs: r.duration_ms,
      state: r.purged_at ? 'deleted' as const : r.assembled_at ? 'ready' as const : r.chunks === 0 ? 'empty' as const : 'assembling' as const,
      seekable: r.assembled_key !== null,
      assemblyError: r.assembly_error,
      url: r.purged_at || r.chunks === 0 ? null : `/api/v1/recordings/session/${r.id}${signed.slice(signed.indexOf('?'))}`,
    };
  });
}

/** A recording to send: its size, and any byte range of it. */
export interface RecordingBody {
  size: number;
  read(start: number, end: number): Readable | Buffer;
}

/**
 * The bytes of a recording (a signed link from listRecordings is the permission): the assembled, seekable file when
 * there is one, streamed from the store; otherwise its chunks so far, in order (plays from the start, without seeking).
 */
export async function recordingFile(deps: Deps, recordingId: string, exp: number, sig: string): Promise<RecordingBody> {
  const verdict = (await blobLinks(deps)).verify(playKey(recordingId), exp, sig, deps.clock.now());
  if (verdict === 'expired') throw new AppError('TokenExpired', 'This link has expired. Reload the page to get a new one.');
  if (verdict === 'invalid') throw new AppError('Forbidden', 'This link is not valid.');
  const row = await deps.db.selectFrom('session_recordings').select(['assembled_key', 'purged_at']).where('id', '=', recordingId).executeTakeFirst();
  if (!row || row.purged_at) throw new AppError('NotFound', 'This recording no longer exists (it may have been deleted after the retention period).');
  if (row.assembled_key) {
    const key = row.assembled_key;
    const size = await deps.blobs.size(key);
    if (size !== null) return { size, read: (start, end) => deps.blobs.stream(key, start, end) };
  }
  const data = await concatChunks(deps, deps.db, recordingId);
  if (data.length === 0) throw new AppError('NotFound', 'Nothing of this recording has arrived yet.');
  return { size: data.length, read: (start, end) => data.subarray(start, end + 1) };
}

async function concatChunks(deps: Pick<Deps, 'blobs'>, db: Db, recordingId: string): Promise<Buffer> {
  const chunks = await db.selectFrom('session_recording_chunks').select(['seq', 'blob_key']).where('recording_id', '=', recordingId).orderBy('seq').execute();
  const parts: Buffer[] = [];
  for (const c of chunks) {
    const blob = await deps.blobs.get(c.blob_key);
    if (blob) parts.push(blob.data);
  }
  return Buffer.concat(parts);
}

/** Whether a recording will get no more chunks: ended with all of them in, or silent long enough. */
function settled(r: { ended_at: Date | null; declared_chunks: number | null; chunks: number; last_chunk_at: Date | null; started_at: Date }, attempt: { status: string; ended_at: Date | null }, now: number): boolean {
  if (r.ended_at && r.declared_chunks !== null && r.chunks >= r.declared_chunks) return true;
  const quietSince = (r.last_chunk_at ?? r.started_at).getTime();
  if (finishedStatuses.includes(attempt.status)) return now - Math.max(quietSince, attempt.ended_at?.getTime() ?? 0) >= settledAfterEndMs;
  return now - quietSince >= abandonedAfterMs;
}

/**
 * Assembles a recording into one seekable WebM file (ffmpeg remux, no re-encoding) once it is settled, then deletes its
 * chunks; until then it looks again every ten minutes. Without ffmpeg the recording stays in chunks (it still plays,
 * without seeking) and the reason is kept for staff.
 */
export async function assembleRecording(deps: Deps, trx: Db, recordingId: string, afterCommit: (fn: () => void) => void): Promise<'assembled' | 'waiting' | 'gone' | 'kept-in-chunks'> {
  const r = await trx.selectFrom('session_recordings').selectAll().where('id', '=', recordingId).forUpdate().executeTakeFirst();
  if (!r || r.assembled_at || r.purged_at) return 'gone';
  const attempt = await trx.selectFrom('attempts').select(['status', 'ended_at']).where('id', '=', r.attempt_id).executeTakeFirstOrThrow();
  const now = deps.clock.now();
  if (!settled(r, attempt, now.getTime())) return 'waiting';
  const chunks = await trx.selectFrom('session_recording_chunks').select(['seq', 'blob_key']).where('recording_id', '=', recordingId).orderBy('seq').execute();
  if (chunks.length === 0) {
    await trx.updateTable('session_recordings').set({ assembled_at: now, ended_at: r.ended_at ?? now, duration_ms: 0 }).where('id', '=', recordingId).execute();
    return 'assembled';
  }
  const raw = await concatChunks(deps, trx, recordingId);
  let result: { data: Buffer; durationMs: number };
  try {
    result = await remuxWebm(deps.config, raw);
  } catch (err) {
    if (err instanceof MediaToolError && err.missing) {
      await trx.updateTable('session_recordings').set({ assembly_error: err.message, ended_at: r.ended_at ?? now }).where('id', '=', recordingId).execute();
      deps.log.warn({ event: 'recording.not_assembled', recordingId, err: err.message }, 'recording.not_assembled');
      return 'kept-in-chunks';
    }
    throw err;
  }
  const key = await deps.blobs.put(result.data, 'webm');
  await trx.updateTable('session_recordings').set({
    assembled_key: key, assembled_bytes: String(result.data.length), duration_ms: result.durationMs, assembled_at: now, assembly_error: null, ended_at: r.ended_at ?? now,
  }).where('id', '=', recordingId).execute();
  await trx.deleteFrom('session_recording_chunks').where('recording_id', '=', recordingId).execute();
  // The chunks' files go only once the assembled file's row has committed (a rollback keeps them).
  afterCommit(() => void Promise.all(chunks.map((c) => deps.blobs.delete(c.blob_key))).catch((err: unknown) => deps.log.warn({ err, recordingId }, 'recording.chunk_delete_failed')));
  deps.log.info({ event: 'recording.assembled', recordingId, chunks: chunks.length, bytes: result.data.length, durationMs: result.durationMs }, 'recording.assembled');
  return 'assembled';
}

/** Job: assemble one recording when it is settled; a recording still growing is looked at again later. */
export const assembleRecordingJob = defineJob({
  name: 'proctoring.assemble-recording',
  version: 1,
  schema: z.object({ recordingId: z.uuid(), check: z.number().int().min(-1) }),
  async handler(deps, trx, { recordingId, check }, afterCommit) {
    const outcome = await assembleRecording(deps, trx, recordingId, afterCommit);
    if (outcome !== 'waiting' || check < 0) return;
    const next = check + 1;
    await enqueueJob(trx, deps, assembleRecordingJob, { recordingId, check: next }, { runAt: new Date(deps.clock.now().getTime() + recheckMs), uniqueKey: `recording-assemble:${recordingId}:${next}` });
  },
});

const day = 86_400_000;
const purgeBatch = 200;

/**
 * Deletes the session recordings of attempts that ended more than the exam policy's `retention.mediaDays` ago: files
 * first, then chunk rows; the recording row stays, marked purged, so the timeline still says a recording existed.
 */
export async function purgeExpiredRecordings(deps: Pick<Deps, 'blobs' | 'clock'>, trx: Db): Promise<{ purged: number; more: boolean }> {
  const now = deps.clock.now();
  const rows = await trx.selectFrom('session_recordings').innerJoin('attempts', 'attempts.id', 'session_recordings.attempt_id')
    .select(['session_recordings.id', 'session_recordings.assembled_key', 'attempts.ended_at', 'attempts.policy'])
    .where('session_recordings.purged_at', 'is', null).where('attempts.ended_at', '<', new Date(now.getTime() - day))
    // An open appeal keeps the recording until it is decided.
    .where((eb) => eb.not(eb.exists(eb.selectFrom('result_appeals').select('result_appeals.id').whereRef('result_appeals.attempt_id', '=', 'session_recordings.attempt_id').where('result_appeals.state', '=', 'open'))))
    .orderBy('attempts.ended_at').limit(purgeBatch).forUpdate('session_recordings').skipLocked().execute();
  const due = rows.filter((r) => r.ended_at!.getTime() + storedPolicy(r.policy).retention.mediaDays * day <= now.getTime());
  if (due.length === 0) return { purged: 0, more: false };
  const ids = due.map((r) => r.id);
  const chunks = await trx.selectFrom('session_recording_chunks').select('blob_key').where('recording_id', 'in', ids).execute();
  for (const key of [...chunks.map((c) => c.blob_key), ...due.flatMap((r) => (r.assembled_key ? [r.assembled_key] : []))]) await deps.blobs.delete(key);
  await trx.deleteFrom('session_recording_chunks').where('recording_id', 'in', ids).execute();
  await trx.updateTable('session_recordings').set({ purged_at: now, assembled_key: null }).where('id', 'in', ids).execute();
  await appendAudit(trx, deps.clock, { actorId: null, action: 'media.purged', subjectType: 'session_recording', data: { recordings: ids, files: chunks.length + due.filter((r) => r.assembled_key).length } });
  return { purged: due.length, more: rows.length === purgeBatch };
}

export const recordingJobs = [assembleRecordingJob];
