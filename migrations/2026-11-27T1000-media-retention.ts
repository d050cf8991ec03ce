import type { Kysely } from 'kysely';

// Check-in photos and room-scan recordings are deleted once the policy's retention period after the exam has passed;
// this records when, so staff views can say so and the purge never looks at the check-in again.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('checkins').addColumn('media_purged_at', 'timestamptz').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('checkins').dropColumn('media_purged_at').execute();
}
