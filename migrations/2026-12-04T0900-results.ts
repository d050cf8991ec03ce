import { sql, type Kysely } from 'kysely';

// Official results: every finished appointment attempt gets one, in validation until it is released (automatically
// after the policy's delay, or by staff), held (an incident, a termination, a statistical check, or staff), or
// invalidated (requested by one staff member, confirmed by another).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('results')
    .addColumn('attempt_id', 'uuid', (c) => c.primaryKey().references('attempts.id').onDelete('cascade'))
    .addColumn('candidate_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('exam_id', 'uuid', (c) => c.notNull().references('exams.id'))
    .addColumn('appointment_id', 'uuid', (c) => c.references('appointments.id'))
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('validating', 'held', 'released', 'invalidated')`))
    .addColumn('scaled_score', 'integer', (c) => c.notNull())
    .addColumn('passing_score', 'integer', (c) => c.notNull())
    .addColumn('passed', 'boolean', (c) => c.notNull())
    .addColumn('domains', 'jsonb', (c) => c.notNull())
    .addColumn('holds', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('taken_at', 'timestamptz', (c) => c.notNull())
    .addColumn('release_at', 'timestamptz', (c) => c.notNull())
    .addColumn('released_at', 'timestamptz')
    .addColumn('decided_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('decision_note', 'text')
    .addColumn('invalidation_requested_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('invalidation_requested_at', 'timestamptz')
    .addColumn('invalidation_note', 'text')
    .addColumn('invalidated_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('results_second_staff', sql`state <> 'invalidated' or (invalidation_requested_by is not null and decided_by is not null and decided_by <> invalidation_requested_by)`)
    .execute();
  await db.schema.createIndex('results_queue').on('results').columns(['state', 'release_at']).execute();
  await db.schema.createIndex('results_candidate').on('results').columns(['candidate_id', 'taken_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('results').execute();
}
