import { sql, type Kysely } from 'kysely';

// Session recordings: the candidate's webcam and microphone (and the screen when shared, and each room re-scan) recorded
// in the browser as short WebM chunks, uploaded as they are made, and assembled by a job into one seekable file per
// recording. A reload or a new camera starts a new recording (a new recorder starts a new WebM stream).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('session_recordings')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('attempt_id', 'uuid', (c) => c.notNull().references('attempts.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('camera', 'screen', 'room_scan')`))
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ended_at', 'timestamptz')
    .addColumn('declared_chunks', 'integer')
    .addColumn('chunks', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('bytes', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('last_chunk_at', 'timestamptz')
    .addColumn('assembled_key', 'text')
    .addColumn('assembled_bytes', 'bigint')
    .addColumn('duration_ms', 'integer')
    .addColumn('assembled_at', 'timestamptz')
    .addColumn('assembly_error', 'text')
    .addColumn('purged_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('session_recordings_attempt').on('session_recordings').columns(['attempt_id', 'started_at']).execute();
  await db.schema.createTable('session_recording_chunks')
    .addColumn('recording_id', 'uuid', (c) => c.notNull().references('session_recordings.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull().check(sql`seq >= 0`))
    .addColumn('blob_key', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('session_recording_chunks_pkey', ['recording_id', 'seq'])
    .execute();
  // A room re-scan the proctor asked for: when it was asked, and the recording the candidate made for it.
  await db.schema.alterTable('attempts')
    .addColumn('rescan_requested_at', 'timestamptz')
    .addColumn('rescan_reason', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('attempts').dropColumn('rescan_requested_at').dropColumn('rescan_reason').execute();
  await db.schema.dropTable('session_recording_chunks').ifExists().execute();
  await db.schema.dropTable('session_recordings').ifExists().execute();
}
