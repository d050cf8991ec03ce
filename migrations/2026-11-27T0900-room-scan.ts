import { sql, type Kysely } from 'kysely';

// The 360° room scan: recorded in takes (a reload starts a new take, since a new recorder starts a new WebM stream);
// each take is short WebM chunks in the blob store, uploaded as they are made.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('checkins')
    .addColumn('scan_take', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('scan_started_at', 'timestamptz')
    .addColumn('scan_completed_at', 'timestamptz')
    .execute();
  await db.schema.createTable('checkin_scan_chunks')
    .addColumn('checkin_id', 'uuid', (c) => c.notNull().references('checkins.id').onDelete('cascade'))
    .addColumn('take', 'integer', (c) => c.notNull().check(sql`take >= 1`))
    .addColumn('seq', 'integer', (c) => c.notNull().check(sql`seq >= 0`))
    .addColumn('blob_key', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('checkin_scan_chunks_pkey', ['checkin_id', 'take', 'seq'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('checkin_scan_chunks').ifExists().execute();
  await db.schema.alterTable('checkins').dropColumn('scan_take').dropColumn('scan_started_at').dropColumn('scan_completed_at').execute();
}
