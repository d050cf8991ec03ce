import type { Kysely } from 'kysely';

// A failed system test within 48 hours of an appointment grants one free move; this records that it was used.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('appointments').addColumn('system_test_reschedule_at', 'timestamptz').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('appointments').dropColumn('system_test_reschedule_at').execute();
}
