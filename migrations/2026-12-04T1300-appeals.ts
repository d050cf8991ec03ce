import { sql, type Kysely } from 'kysely';

// Appeals of official results: one per result, reviewed by a staff member who had no part in the session, decided by
// a deadline: upheld, reinstated (the result is released again, with a fresh credential for a pass) or a free retake
// (a voucher). A reinstated pass gets a new credential, so an attempt may have several, only one of them unrevoked.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('result_appeals')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('attempt_id', 'uuid', (c) => c.notNull().unique().references('results.attempt_id').onDelete('cascade'))
    .addColumn('candidate_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('statement', 'text', (c) => c.notNull().check(sql`char_length(statement) between 20 and 5000`))
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('open', 'upheld', 'reinstated', 'retake')`))
    .addColumn('reviewer_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('filed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decided_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('decision_note', 'text')
    .addColumn('voucher_code', 'text', (c) => c.references('vouchers.code'))
    .addCheckConstraint('result_appeals_decided', sql`(state = 'open') = (decided_at is null)`)
    .execute();
  await db.schema.createIndex('result_appeals_open').on('result_appeals').columns(['reviewer_id', 'due_at']).where(sql.ref('state'), '=', 'open').execute();
  await db.schema.alterTable('credentials').dropConstraint('credentials_attempt_id_key').execute();
  await sql`create unique index credentials_one_standing on credentials (attempt_id) where revoked_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index credentials_one_standing`.execute(db);
  await db.schema.alterTable('credentials').addUniqueConstraint('credentials_attempt_id_key', ['attempt_id']).execute();
  await db.schema.dropTable('result_appeals').execute();
}
