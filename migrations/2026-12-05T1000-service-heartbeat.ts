import type { Kysely } from 'kysely';

// The service's own pulse: every instance writes when it was last alive, so that a start after the whole service was
// down knows for how long, and credits running exams with that time before any job or read uses their clocks.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('service_heartbeat')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('alive_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('service_heartbeat').execute();
}
