import { sql, type Kysely } from 'kysely';

// Open Badges 3.0 credentials for released passes, the Ed25519 keys that sign them, and the revocation bit each one
// owns in its program's status list.
export async function up(db: Kysely<any>): Promise<void> {
  // Keys are never deleted: a retired key no longer signs, but stays published so what it signed still verifies.
  // A key read from a PEM file (configuration) is recorded here too, without its private part, for the same reason.
  await db.schema.createTable('signing_keys')
    .addColumn('kid', 'text', (c) => c.primaryKey())
    .addColumn('public_jwk', 'jsonb', (c) => c.notNull())
    .addColumn('private_pkcs8', 'bytea')
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('database', 'file')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('retired_at', 'timestamptz')
    .addCheckConstraint('signing_keys_private', sql`(source = 'database') = (private_pkcs8 is not null)`)
    .execute();
  // At most one database key signs at a time.
  await sql`create unique index signing_keys_one_current on signing_keys ((true)) where retired_at is null and source = 'database'`.execute(db);

  await db.schema.createTable('credentials')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('attempt_id', 'uuid', (c) => c.notNull().unique().references('results.attempt_id').onDelete('cascade'))
    .addColumn('candidate_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('exam_id', 'uuid', (c) => c.notNull().references('exams.id'))
    .addColumn('program_id', 'uuid', (c) => c.notNull().references('programs.id'))
    .addColumn('status_list', 'integer', (c) => c.notNull().check(sql`status_list >= 1`))
    .addColumn('status_index', 'integer', (c) => c.notNull().check(sql`status_index >= 0`))
    .addColumn('issued_at', 'timestamptz', (c) => c.notNull())
    .addColumn('valid_until', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('revocation_reason', 'text')
    .addColumn('jwt', 'text', (c) => c.notNull())
    .addColumn('kid', 'text', (c) => c.notNull().references('signing_keys.kid'))
    .addUniqueConstraint('credentials_status_slot', ['program_id', 'status_list', 'status_index'])
    .addCheckConstraint('credentials_revocation', sql`(revoked_at is null) = (revocation_reason is null)`)
    .execute();
  await db.schema.createIndex('credentials_candidate').on('credentials').columns(['candidate_id', 'issued_at']).execute();
  await db.schema.createIndex('credentials_expiry').on('credentials').columns(['valid_until']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('credentials').execute();
  await db.schema.dropTable('signing_keys').execute();
}
