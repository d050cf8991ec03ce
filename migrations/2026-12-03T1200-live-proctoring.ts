import { sql, type Kysely } from 'kysely';

// Live proctoring: which proctor watches which attempt, proctors' console presence, chat between candidate and
// proctor (ids chosen by the sender, so a resend after a reconnect is stored once), read markers, warnings.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('proctor_presence')
    .addColumn('proctor_id', 'uuid', (c) => c.primaryKey().references('users.id'))
    .addColumn('seen_at', 'timestamptz', (c) => c.notNull())
    // False after "sign off": the console may stay open, but it takes no new sessions.
    .addColumn('accepting', 'boolean', (c) => c.notNull().defaultTo(true))
    .execute();
  await db.schema.alterTable('attempts')
    .addColumn('proctor_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('proctor_assigned_at', 'timestamptz')
    // Since when a running proctored attempt has had nobody watching (null while a proctor is assigned).
    .addColumn('unwatched_since', 'timestamptz')
    // A proctor's warning the candidate has not acknowledged yet: { reason, note, at, by }.
    .addColumn('warning', 'jsonb')
    .addColumn('end_reason', 'text')
    .execute();
  await db.schema.createIndex('attempts_proctor').on('attempts').column('proctor_id').where(sql.ref('proctor_id'), 'is not', null).execute();
  await db.schema.createTable('attempt_messages')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('attempt_id', 'uuid', (c) => c.notNull().references('attempts.id').onDelete('cascade'))
    .addColumn('seq', 'bigserial', (c) => c.notNull())
    .addColumn('sender_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('sender_role', 'text', (c) => c.notNull().check(sql`sender_role in ('candidate', 'proctor', 'system')`))
    .addColumn('body', 'text', (c) => c.notNull().check(sql`char_length(body) between 1 and 2000`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attempt_messages_order').on('attempt_messages').columns(['attempt_id', 'seq']).execute();
  await db.schema.createTable('attempt_chat_reads')
    .addColumn('attempt_id', 'uuid', (c) => c.notNull().references('attempts.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('last_seq', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('attempt_chat_reads_pk', ['attempt_id', 'user_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('attempt_chat_reads').execute();
  await db.schema.dropTable('attempt_messages').execute();
  await db.schema.dropIndex('attempts_proctor').execute();
  await db.schema.alterTable('attempts').dropColumn('proctor_id').dropColumn('proctor_assigned_at').dropColumn('unwatched_since').dropColumn('warning').dropColumn('end_reason').execute();
  await db.schema.dropTable('proctor_presence').execute();
}
