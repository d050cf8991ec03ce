import { sql, type Kysely } from 'kysely';

// Check-ins: one per appointment, the photos taken (stored in the blob store), the phone link, the greeter's claim
// and decision.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('checkins')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('appointment_id', 'uuid', (c) => c.notNull().unique().references('appointments.id'))
    .addColumn('candidate_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('in_progress', 'submitted', 'in_review', 'approved', 'retake_requested', 'rejected', 'room_scan', 'completed', 'expired')`))
    .addColumn('required_photos', sql`text[]`, (c) => c.notNull())
    .addColumn('rules_accepted_at', 'timestamptz')
    .addColumn('phone_token_hash', 'text', (c) => c.unique())
    .addColumn('phone_token_expires_at', 'timestamptz')
    .addColumn('submitted_at', 'timestamptz')
    .addColumn('claimed_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('claimed_at', 'timestamptz')
    .addColumn('decided_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decision_reason', 'text')
    .addColumn('retake_photos', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('checkins_queue_idx').on('checkins').column('submitted_at').where(sql.ref('status'), '=', 'submitted').execute();

  // System test results (no images): what passed, warned or failed, so the appointment and the proctor can see it.
  await db.schema.createTable('system_test_results')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('passed', 'boolean', (c) => c.notNull())
    .addColumn('checks', 'jsonb', (c) => c.notNull())
    .addColumn('user_agent', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('system_test_results_user_idx').on('system_test_results').columns(['user_id', 'created_at']).execute();

  await db.schema.createTable('checkin_photos')
    .addColumn('checkin_id', 'uuid', (c) => c.notNull().references('checkins.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('blob_key', 'text', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('via', 'text', (c) => c.notNull().check(sql`via in ('desktop', 'phone')`))
    .addColumn('uploaded_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('checkin_photos_pkey', ['checkin_id', 'kind'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('checkin_photos').ifExists().execute();
  await db.schema.dropTable('system_test_results').ifExists().execute();
  await db.schema.dropTable('checkins').ifExists().execute();
}
