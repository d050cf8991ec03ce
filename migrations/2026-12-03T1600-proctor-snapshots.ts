import type { Kysely } from 'kysely';

// Snapshot mode: when no live video path exists, the candidate's browser sends a webcam photo every 10 s. Only the
// newest one per attempt is kept (small, re-encoded), and it is deleted when the attempt ends.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('attempt_snapshots')
    .addColumn('attempt_id', 'uuid', (c) => c.primaryKey().references('attempts.id').onDelete('cascade'))
    .addColumn('jpeg', 'bytea', (c) => c.notNull())
    .addColumn('taken_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('attempt_snapshots').execute();
}
