import { sql, type Kysely } from 'kysely';

// Sessions waiting for a proctor, found without reading every attempt (each console heartbeat asks whether any wait).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('attempts_unwatched').on('attempts').column('created_at')
    .where(sql<boolean>`proctor_id is null and status in ('authorised', 'in_progress', 'paused')`).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('attempts_unwatched').execute();
}
