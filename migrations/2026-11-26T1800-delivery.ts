import { sql, type Kysely } from 'kysely';

// Exam attempts: the assembled form, the server-owned clock (start, budget, pauses), the answer journal with per-key
// sequence numbers, lockdown and lifecycle events, the provisional result; launch authorisation on appointments.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('appointments')
    .addColumn('launch_authorised_at', 'timestamptz')
    .addColumn('launch_authorised_by', 'uuid', (c) => c.references('users.id'))
    .execute();

  await db.schema.createTable('attempts')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('candidate_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('exam_id', 'uuid', (c) => c.notNull().references('exams.id'))
    .addColumn('appointment_id', 'uuid', (c) => c.references('appointments.id').unique())
    .addColumn('practice', 'boolean', (c) => c.notNull())
    .addColumn('policy_version', 'integer', (c) => c.notNull())
    .addColumn('policy', 'jsonb', (c) => c.notNull())
    .addColumn('seed', 'text', (c) => c.notNull())
    .addColumn('form', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('authorised', 'in_progress', 'paused', 'submitted', 'expired', 'terminated')`))
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('extra_minutes', 'integer', (c) => c.notNull())
    .addColumn('added_minutes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('started_at', 'timestamptz')
    .addColumn('ended_at', 'timestamptz')
    .addColumn('last_seen_at', 'timestamptz')
    .addColumn('paused_reason', 'text')
    .addColumn('raw_score', 'integer')
    .addColumn('max_score', 'integer')
    .addColumn('raw_cut', 'integer')
    .addColumn('scaled_score', 'integer')
    .addColumn('passed', 'boolean')
    .addColumn('domain_scores', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attempts_candidate_idx').on('attempts').columns(['candidate_id', 'created_at']).execute();
  await db.schema.createIndex('attempts_running_idx').on('attempts').column('status').where(sql.ref('status'), 'in', ['in_progress', 'paused']).execute();

  await db.schema.createTable('attempt_pauses')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('attempt_id', 'uuid', (c) => c.notNull().references('attempts.id').onDelete('cascade'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ended_at', 'timestamptz')
    .addColumn('started_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('ended_by', 'uuid', (c) => c.references('users.id'))
    .execute();
  // At most one open pause per attempt.
  await db.schema.createIndex('attempt_pauses_one_open').on('attempt_pauses').column('attempt_id').unique().where(sql.ref('ended_at'), 'is', null).execute();
  await db.schema.createIndex('attempt_pauses_attempt_idx').on('attempt_pauses').column('attempt_id').execute();

  // The journal: one row per attempt and key (an answer, a flag, strike-outs, the notes, the position); the highest
  // seq wins, so a repeated or late save never overwrites a newer one.
  await db.schema.createTable('attempt_journal')
    .addColumn('attempt_id', 'uuid', (c) => c.notNull().references('attempts.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('value', 'jsonb', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('saved_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('attempt_journal_pkey', ['attempt_id', 'key'])
    .execute();

  await db.schema.createTable('attempt_events')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('attempt_id', 'uuid', (c) => c.notNull().references('attempts.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('reason', 'text')
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('client_at', 'timestamptz')
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attempt_events_attempt_idx').on('attempt_events').columns(['attempt_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['attempt_events', 'attempt_journal', 'attempt_pauses', 'attempts']) await db.schema.dropTable(t).ifExists().execute();
  await db.schema.alterTable('appointments').dropColumn('launch_authorised_at').dropColumn('launch_authorised_by').execute();
}
