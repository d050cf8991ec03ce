import { sql, type Kysely } from 'kysely';

// A launch without the usual check-in is an exception made by two staff members: one requests it with a reason code
// and a note, a different one approves it (only then is the appointment's launch authorised). Every request is kept.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('launch_exceptions')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('appointment_id', 'uuid', (c) => c.notNull().references('appointments.id'))
    .addColumn('reason_code', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().check(sql`char_length(note) between 1 and 1000`))
    .addColumn('requested_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull())
    .addColumn('approved_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('approved_at', 'timestamptz')
    .addCheckConstraint('launch_exceptions_approval', sql`(approved_by is null) = (approved_at is null)`)
    // The rule is enforced in the use case; the database refuses a one-person exception whatever the code path.
    .addCheckConstraint('launch_exceptions_two_people', sql`approved_by is distinct from requested_by`)
    .execute();
  // One request waits per appointment at a time (a second staff member approves that one rather than adding another).
  await db.schema.createIndex('launch_exceptions_one_pending').on('launch_exceptions').column('appointment_id').unique()
    .where(sql.ref('approved_at'), 'is', null).execute();
  await db.schema.createIndex('launch_exceptions_appointment').on('launch_exceptions').column('appointment_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('launch_exceptions').execute();
}
